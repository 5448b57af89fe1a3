"""Bring a register's database to the schema this collabguard uses (Alembic ``upgrade head``), on open.

The migrations ship inside the package (``collabguard/cases/migrations``). The upgrade runs in one
transaction that holds the write lock (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: an advisory lock), so
two processes opening a new register at once do not both create it. A register made by a newer
collabguard (a revision this one does not know) is refused, not touched.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, Engine, text

from collabguard.cases.db import WRITE
from collabguard.errors import CollabguardError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
HEAD = "0001"  # the newest revision in migrations/versions (a test checks it)
_LOCK = 0x636761736573  # PostgreSQL advisory lock key ("cgases")

__all__ = ["HEAD", "MIGRATIONS", "alembic_config", "current_revision", "upgrade"]


def alembic_config(connection: Connection | None = None) -> object:
    """An Alembic configuration for the register's migrations (on ``connection``)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def current_revision(connection: Connection) -> str | None:
    from alembic.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, where: str) -> None:
    """Upgrade the database to ``HEAD`` (nothing to do when it is there already). ``where``: for messages."""
    with engine.connect() as probe:  # the common case, read only: already at head
        if _revision(probe) == HEAD:
            return
    from alembic import command
    from alembic.script import ScriptDirectory

    with engine.connect().execution_options(**{WRITE: True}) as conn, conn.begin():
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK})
        found = current_revision(conn)
        if found == HEAD:
            return
        config = alembic_config(conn)
        known = {s.revision for s in ScriptDirectory.from_config(config).walk_revisions()}  # type: ignore[arg-type]
        if found is not None and found not in known:
            raise CollabguardError(f"the case register at {where} was made by a newer collabguard (schema {found}); "
                                   "upgrade collabguard to open it")
        command.upgrade(config, "head")  # type: ignore[arg-type]


def _revision(conn: Connection) -> str | None:
    try:
        return current_revision(conn)
    except Exception:  # noqa: BLE001 - a database that cannot be read yet is upgraded (and its errors reported) below
        return None
