"""Writing an output file whole or not at all: a temporary file beside it, then a rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from collabguard.errors import CollabguardError


def write_text(text: str, output: Path) -> None:
    """Write ``text`` (UTF-8, ``\\n`` line ends) to ``output`` atomically; a reader never sees half a file."""
    output = output.expanduser()
    if output.is_dir():
        raise CollabguardError(f"{output}: is a folder; give a file name")
    if not output.parent.exists():
        raise CollabguardError(f"{output}: folder {output.parent} does not exist")
    fd, tmp = tempfile.mkstemp(dir=output.parent or Path("."), prefix=f".{output.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; a report is an ordinary file
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
