"""One run at a time per output: ``OUTPUT.lock`` beside the output, locked for the whole run.

The lock is the operating system's (``lockf`` on POSIX, ``msvcrt.locking`` on Windows), so it ends
with the process that holds it, however that process ends: a lock file left by a killed run does not
block the next run, which takes it over (with a note). The file holds the holder's process id and
host, for the message a second run gets while the first is still going. On a file system without
locks (ENOLCK), the process id is checked instead. The lock file is removed when the run ends.
"""

from __future__ import annotations

import contextlib
import errno
import os
import socket
import sys
from pathlib import Path
from types import TracebackType

from collabguard.errors import CollabguardError, UsageError

WINDOWS_LOCK_AT = 1 << 30  # Windows locks are mandatory: lock a byte past the text so the text stays readable
_HELD: set[str] = set()  # POSIX locks do not conflict within one process: this process's own, by path


def lock_path(output: Path) -> Path:
    return output.with_name(output.name + ".lock")


def _try_lock(fd: int) -> bool:
    """True once locked; False when another process holds it."""
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, WINDOWS_LOCK_AT, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EAGAIN):
            return False
        raise
    return True


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


class OutputLock:
    """``with OutputLock(output) as lock:`` … ``lock.note``: a stale lock taken over, or None."""

    def __init__(self, output: Path) -> None:
        self.output = output
        self.path = lock_path(output)
        self.note: str | None = None
        self._fd: int | None = None

    def _read(self, fd: int) -> str:
        os.lseek(fd, 0, os.SEEK_SET)
        return os.read(fd, 200).decode("utf-8", "replace").strip()

    def _busy(self, holder: str) -> UsageError:
        return UsageError(f"{self.output}: another collabguard run is writing it ({holder or 'process unknown'}; lock file "
                          f"{self.path}); wait for that run to end, or delete the lock file if no such run is going")

    def acquire(self) -> None:
        key = str(self.path.resolve())
        if key in _HELD:
            raise self._busy(f"pid {os.getpid()} on {socket.gethostname()}, this process")
        while True:
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
            except OSError as exc:
                raise CollabguardError(f"cannot write {self.path} (the lock beside the output): {exc.strerror or exc}") from None
            try:
                locked = _try_lock(fd)
            except OSError as exc:  # no locks on this file system (ENOLCK): the process id decides
                holder = self._read(fd)
                pid, _, host = holder.partition(" on ")
                if pid.startswith("pid ") and pid[4:].isdigit() and int(pid[4:]) != os.getpid() and \
                        host == socket.gethostname() and _alive(int(pid[4:])):
                    os.close(fd)
                    raise self._busy(holder) from exc
                locked = True
            if not locked:
                holder = self._read(fd)
                os.close(fd)
                raise self._busy(holder)
            try:  # a run that just ended may have removed the file between our open and our lock
                same = os.path.samestat(os.fstat(fd), os.stat(self.path))
            except FileNotFoundError:
                same = False
            if not same:
                os.close(fd)
                continue
            before = self._read(fd)
            if before:
                self.note = f"{self.path} was left by an earlier run ({before}) that has ended; taken over"
            try:
                os.ftruncate(fd, 0)
                os.lseek(fd, 0, os.SEEK_SET)
                os.write(fd, f"pid {os.getpid()} on {socket.gethostname()}\n".encode())
            except OSError as exc:  # a full disk: the lock holds, only the holder's name is missing
                self.note = f"cannot write {self.path}: {exc.strerror or exc}"
            self._fd = fd
            _HELD.add(key)
            return

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        _HELD.discard(str(self.path.resolve()))
        # a lock file that cannot be removed (the folder made read-only meanwhile) is harmless: the
        # lock itself ends with this process, and the next run takes the file over
        if sys.platform == "win32":  # an open file cannot be removed there
            os.close(fd)
            with contextlib.suppress(OSError):
                self.path.unlink(missing_ok=True)
            return
        with contextlib.suppress(OSError):
            self.path.unlink(missing_ok=True)  # while still locked: a waiting run then sees a fresh file
        os.close(fd)

    def __enter__(self) -> OutputLock:
        self.acquire()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.release()
