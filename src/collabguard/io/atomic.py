"""Writing an output file whole or not at all: a temporary file beside it, then a rename.

A failure of the system (a full disk, a read-only folder, no permission) is a ``CollabguardError``
naming the file and the system's reason ("cannot write out.csv: No space left on device"), and
leaves the file as it was.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from collabguard.errors import CollabguardError


class SystemRefused(CollabguardError):
    """The system refused to read or write a file; ``errno`` says why (a full disk, no permission)."""

    def __init__(self, message: str, errno: int | None) -> None:
        super().__init__(message)
        self.errno = errno


def cannot(action: str, path: Path, exc: OSError, more: str = "") -> SystemRefused:
    """``cannot write out.csv: No space left on device``, from an ``OSError``."""
    return SystemRefused(f"cannot {action} {path}: {exc.strerror or exc}{more}", exc.errno)


def replace_atomically(output: Path, write: Callable[[Path], object]) -> None:
    """Call ``write`` with a temporary path beside ``output``, then rename it to ``output``. An output
    that exists and is not a regular file (``/dev/null``, a named pipe, a terminal) is written in
    place: a rename would put an ordinary file where the device was (as root, even over ``/dev/null``)."""
    output = output.expanduser()
    if output.is_dir():
        raise CollabguardError(f"{output}: is a folder; give a file name")
    if not output.parent.exists():
        raise CollabguardError(f"{output}: folder {output.parent} does not exist")
    if output.exists() and not output.is_file():
        try:
            write(output)
        except OSError as exc:
            raise cannot("write", output, exc) from None
        return
    try:
        fd, tmp = tempfile.mkstemp(dir=output.parent or Path("."), prefix=f".{output.name}.", suffix=".tmp")
        os.close(fd)
    except OSError as exc:
        raise cannot("write", output, exc) from None
    try:
        write(Path(tmp))
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; an output is an ordinary file
        os.replace(tmp, output)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise cannot("write", output, exc) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text(text: str, output: Path) -> None:
    """Write ``text`` (UTF-8, ``\\n`` line ends) to ``output`` atomically; a reader never sees half a file."""
    replace_atomically(output, lambda path: path.write_text(text, encoding="utf-8", newline="\n"))
