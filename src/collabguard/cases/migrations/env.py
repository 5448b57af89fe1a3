"""Alembic environment of the case register: run by :func:`collabguard.cases.migrate.upgrade` on an
open connection (``config.attributes["connection"]``), inside the caller's transaction."""

from __future__ import annotations

from alembic import context

from collabguard.cases.tables import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - the register always passes its connection
    raise RuntimeError("the case register's migrations run on an open connection (collabguard.cases.migrate)")
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True,
                  transaction_per_migration=False)
with context.begin_transaction():
    context.run_migrations()
