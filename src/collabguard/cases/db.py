"""Where the case register lives, and the database engine for it.

The register is a database: by default an SQLite file, ``cases.sqlite3``, in the register's home
folder; for an office that runs one, a PostgreSQL database (the same code and the same migrations).

- home: ``--home DIR``, else ``$COLLABGUARD_HOME``, else the user's data folder
  (``$XDG_DATA_HOME/collabguard``, by default ``~/.local/share/collabguard``; on macOS
  ``~/Library/Application Support/collabguard``; on Windows ``%LOCALAPPDATA%\\collabguard``);
- database: ``--database-url URL``, else ``$COLLABGUARD_DATABASE_URL``, else the SQLite file in home.
  ``postgresql://user@host/db`` uses the psycopg driver (``pip install "collabguard[postgres]"``).

SQLite runs in write-ahead-log mode with foreign keys on, waits up to 30 s for another writer, and
syncs every commit to disk (``synchronous=FULL``): a commit that returned survives a crash or a power
cut. A write transaction takes the write lock when it starts (``BEGIN IMMEDIATE``), so the version
it checks is still the latest when it writes.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from collabguard.errors import UsageError

DB_FILE = "cases.sqlite3"
BUSY_TIMEOUT_MS = 30_000
WRITE = "collabguard_write"  # execution option: this connection writes (SQLite: BEGIN IMMEDIATE)

__all__ = ["DB_FILE", "WRITE", "database_url", "default_home", "make_engine", "register_home", "shown"]


def default_home() -> Path:
    """The per-user data folder for collabguard (used when neither ``--home`` nor ``$COLLABGUARD_HOME`` is set)."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "collabguard"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "collabguard"
    xdg = os.environ.get("XDG_DATA_HOME", "")
    base_dir = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".local" / "share"  # XDG: ignore a relative value
    return base_dir / "collabguard"


def register_home(home: Path | str | None = None) -> Path:
    """The register's home folder: ``home``, else ``$COLLABGUARD_HOME``, else :func:`default_home`."""
    if home is not None and str(home) != "":
        return Path(home).expanduser()
    env = os.environ.get("COLLABGUARD_HOME", "")
    return Path(env).expanduser() if env else default_home()


def database_url(url: str | None = None, home: Path | str | None = None) -> URL:
    """The register's database: ``url``, else ``$COLLABGUARD_DATABASE_URL``, else the SQLite file in the home folder."""
    text = url or os.environ.get("COLLABGUARD_DATABASE_URL", "")
    if not text:
        return URL.create("sqlite+pysqlite", database=str(register_home(home) / DB_FILE))
    try:
        parsed = make_url(text)
    except ArgumentError:
        raise UsageError("database URL: not a database URL (expected postgresql://user@host/database "
                         "or sqlite:///path/to/cases.sqlite3)") from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")  # psycopg 3, the driver of the 'postgres' extra
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise UsageError(f"database URL: {backend!r} is not supported; use postgresql://… or sqlite:///…")
    if backend == "sqlite" and parsed.database in (None, "", ":memory:"):
        raise UsageError("database URL: an SQLite register needs a file (sqlite:///path/to/cases.sqlite3)")
    return parsed


def shown(url: URL) -> str:
    """Where the register is, for messages: an SQLite register's file, or the URL without its password."""
    if url.get_backend_name() == "sqlite" and url.database:
        return url.database
    return url.render_as_string(hide_password=True)


def make_engine(url: URL) -> Engine:
    """An engine for the register's database; SQLite: the file and its folder are made private (0700/0600)."""
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    try:
        return create_engine(url, pool_pre_ping=True)
    except (ModuleNotFoundError, NoSuchModuleError):
        raise UsageError(f"database URL {shown(url)}: the PostgreSQL driver is not installed; "
                         'install it with: pip install "collabguard[postgres]"') from None


def _sqlite_engine(url: URL) -> Engine:
    path = Path(url.database or "").expanduser()
    if path.is_dir():
        raise UsageError(f"{path}: is a folder; the case register is a file in it ({DB_FILE})")
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)  # cases hold personal data
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    except OSError as exc:
        raise UsageError(f"{path}: cannot create the case register ({exc.strerror or exc})") from None
    engine = create_engine(url.set(database=str(path)), connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (below), for reads and DDL too
        cursor = dbapi_connection.cursor()
        for pragma in ("journal_mode=WAL", "foreign_keys=ON", f"busy_timeout={BUSY_TIMEOUT_MS}", "synchronous=FULL"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE) else "BEGIN")

    return engine
