"""Exit codes, error handling and output helpers shared by every command.

Exit codes (the same for every command, now and later):

| code | meaning |
|------|---------|
| 0 | success |
| 1 | a finding at or above ``--fail-on`` |
| 2 | bad input or usage (also: a batch that finished with row errors) |
| 3 | internal error (a bug: please report it) |

Every message goes to the terminal as one line with its control characters shown (ESC as ␛): a
proposal, a file name or a list cannot send the terminal a command through an error. A system
failure (a read-only folder, a full disk, no permission) is one line naming the file and the
system's reason, exit 2: it is not a bug.
"""

from __future__ import annotations

import functools
import gc
import os
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import typer

from collabguard.errors import CollabguardError, RuleFileError
from collabguard.report.escape import controls, one_line

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")
_NOTHING = object()


def loaded_for_good(results: Iterable[T]) -> Iterator[T]:
    """The results, with what the command has loaded (rules, lists, the name index, built by the time the
    first result comes) out of the garbage collector's full scans while the rest come: they would walk the
    index again and again while names are matched. Collectable again after the last (a command run in a
    longer-lived process, as in tests, leaves nothing behind)."""
    found = iter(results)
    first = next(found, _NOTHING)
    if first is _NOTHING:
        return
    gc.freeze()
    try:
        yield first  # type: ignore[misc]
        yield from found
    finally:
        gc.unfreeze()


def fail(message: str, code: int = EXIT_INPUT) -> NoReturn:
    typer.echo(f"error: {one_line(message)}", err=True)
    raise typer.Exit(code)


def echo(text: str, err: bool = False) -> None:
    """``typer.echo`` for text that carries values from files (names, paths, ids): line ends and
    tabs stay, every other control character is written as an escape (``\\u001b``)."""
    typer.echo(controls(text), err=err)


def system_problem(exc: OSError) -> str:
    """``out/report.html: Read-only file system``: the file (when the system names one) and the reason."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    if exc.filename is None:
        return reason
    other = f" → {exc.filename2}" if exc.filename2 is not None else ""
    return f"{exc.filename}{other}: {reason}"


def handle_errors(func: F) -> F:
    """Map collabguard's own exceptions to exit 2 with one line each; anything else is exit 3."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except BrokenPipeError:  # the reader went away (`| head`): nothing is wrong, stop quietly
            _closed_pipe()
        except RuleFileError as exc:
            for problem in exc.problems:
                typer.echo(f"error: {one_line(problem)}", err=True)
            raise typer.Exit(EXIT_INPUT) from None
        except CollabguardError as exc:
            fail(str(exc))
        except OSError as exc:  # the system refused (full disk, read-only folder, no permission): not a bug
            fail(system_problem(exc))
        except KeyboardInterrupt:
            typer.echo("interrupted", err=True)
            raise typer.Exit(130) from None
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            if os.environ.get("COLLABGUARD_DEBUG"):
                traceback.print_exc()
                raise typer.Exit(EXIT_INTERNAL) from None
            typer.echo(
                f"internal error: {type(exc).__name__}. This is a bug in collabguard; please report it "
                "(set COLLABGUARD_DEBUG=1 to see the traceback).",
                err=True,
            )
            raise typer.Exit(EXIT_INTERNAL) from None

    return wrapper  # type: ignore[return-value]


def _closed_pipe() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())  # Python would complain again when it flushes at exit
    raise typer.Exit(EXIT_OK)


def terminal_console() -> Any:
    """A rich console for standard output that ends quietly (exit 0) when the reader goes away."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            _closed_pipe()

        def _check_buffer(self) -> None:
            try:
                super()._check_buffer()
            except BrokenPipeError:
                raise
            except OSError as exc:
                raise CollabguardError(f"cannot write to standard output: {system_problem(exc)}") from None

    return _Console(highlight=False, soft_wrap=False)


def write_output(text: str, output: Path | None) -> None:
    """Write to stdout, or atomically to ``output``; a closed pipe (``| head``) ends quietly. On
    stdout every control character but line ends and tabs is written as an escape (``\\u001b``),
    so nothing in the text can command the terminal (JSON keeps its meaning)."""
    if output is None:
        try:
            sys.stdout.write(controls(text))
            sys.stdout.flush()
        except BrokenPipeError:
            _closed_pipe()
        except OSError as exc:
            raise CollabguardError(f"cannot write to standard output: {system_problem(exc)}") from None
        return
    from collabguard.io.atomic import write_text

    if output.expanduser().is_dir():
        raise CollabguardError(f"{output}: is a folder; give a file name for --output")
    write_text(text, output)


def write_chunks(chunks: Iterable[str], output: Path | None) -> None:
    """:func:`write_output` for text made piece by piece (millions of rows): each piece is written as
    it comes, to stdout, or to a temporary file renamed to ``output`` once the last piece is written
    (a reader never sees half a file; an error on the way leaves no file)."""
    if output is None:
        for chunk in chunks:  # made outside the try: a problem making a piece is not a problem writing it
            _to_stdout(controls(chunk))
        _to_stdout("")
        return
    from collabguard.io.atomic import replace_atomically

    if output.expanduser().is_dir():
        raise CollabguardError(f"{output}: is a folder; give a file name for --output")

    def write(path: Path) -> None:
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            for chunk in chunks:
                fh.write(chunk)

    replace_atomically(output, write)


def _to_stdout(text: str) -> None:
    """Write ``text`` and flush; a closed pipe ends quietly."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        _closed_pipe()
    except OSError as exc:
        raise CollabguardError(f"cannot write to standard output: {system_problem(exc)}") from None
