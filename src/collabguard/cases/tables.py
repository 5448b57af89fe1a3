"""The register's tables (SQLAlchemy declarative models). The migrations in ``migrations/`` create
exactly these (a test compares them); change both together, by a new migration.

- ``cases``: one row per case, with the case's current state cached for listing and filtering (latest
  version, status, verdict, partners). Every change to it is also a new version and an event.
- ``case_versions``: append-only. One row per change of a case (a screening, answers, a decision, a
  status change), numbered 1, 2, 3 … per case; ``(case_id, number)`` is unique, so two writers can
  never both add version 4. A version that screened holds the proposal, the full report, the answers
  it used and the rule, list and policy versions; the others point at the version whose report is in
  effect (``screening``).
- ``case_events``: append-only. What happened, one row per answer, decision or status change, with who
  and when.
- ``users``: local accounts (name, scrypt password hash).

The migration adds triggers that refuse UPDATE and DELETE on ``case_versions`` and ``case_events``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from sqlalchemy import (
    Boolean,
    DateTime,
    Dialect,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING = {"ix": "ix_%(table_name)s_%(column_0_N_name)s", "uq": "uq_%(table_name)s_%(column_0_N_name)s",
          "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s", "pk": "pk_%(table_name)s",
          "ck": "ck_%(table_name)s_%(constraint_name)s"}


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A moment in UTC: stored as UTC (SQLite: without an offset), read back as an aware UTC datetime."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("a moment in the register must carry its time zone")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class CaseRow(Base):
    __tablename__ = "cases"
    __table_args__ = (UniqueConstraint("year", "number"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # C-2026-0001
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    proposal_id: Mapped[str] = mapped_column(String(500), index=True)
    title: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    created_by: Mapped[str] = mapped_column(String(200))
    # the current state, cached from the versions (each change to these is a version and an event)
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(32), index=True)
    screening: Mapped[int] = mapped_column(Integer)
    recommendation: Mapped[str] = mapped_column(String(32))
    risk_level: Mapped[str] = mapped_column(String(16), index=True)
    blocking: Mapped[bool] = mapped_column(Boolean)
    open_questions: Mapped[int] = mapped_column(Integer)
    decision: Mapped[str | None] = mapped_column(String(32), nullable=True)
    frameworks: Mapped[str] = mapped_column(Text)  # "|id|id|": the frameworks that apply
    partners: Mapped[str] = mapped_column(Text)  # JSON list of the partners' names, as written
    search: Mapped[str] = mapped_column(Text)  # case id, proposal id, title and partners, case-folded, one a line
    partner_search: Mapped[str] = mapped_column(Text)  # the partners' names, case-folded, one a line
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), index=True)
    updated_by: Mapped[str] = mapped_column(String(200))


class VersionRow(Base):
    __tablename__ = "case_versions"
    __table_args__ = (UniqueConstraint("case_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(String(32), ForeignKey("cases.id"))
    number: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))  # saved, screened, answered, decided, status, rescreened
    status: Mapped[str] = mapped_column(String(32))  # the case's status after this change
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    user: Mapped[str] = mapped_column(String(200))
    screening: Mapped[int] = mapped_column(Integer)  # the version whose report is in effect (this one if it screened)
    recommendation: Mapped[str] = mapped_column(String(32))
    risk_level: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    # only on a version that screened: the proposal, the report, the answers used, the rule/list/policy versions (JSON)
    proposal: Mapped[str | None] = mapped_column(Text, nullable=True)
    report: Mapped[str | None] = mapped_column(Text, nullable=True)
    answers: Mapped[str | None] = mapped_column(Text, nullable=True)
    versions: Mapped[str | None] = mapped_column(Text, nullable=True)


class EventRow(Base):
    __tablename__ = "case_events"
    __table_args__ = (ForeignKeyConstraint(["case_id", "version"], ["case_versions.case_id", "case_versions.number"]),
                      Index("ix_case_events_case_id_version", "case_id", "version"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))  # created, screened, answer, decision, status, rescreen, reopened
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    user: Mapped[str] = mapped_column(String(200))
    data: Mapped[str] = mapped_column(Text)  # JSON: what the event says (an answer, a decision, a difference)


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    password: Mapped[str] = mapped_column(Text)  # scrypt$n$r$p$salt$hash (base64); never the password
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


# the tables, for Core statements (insert, update, select) typed as tables
CASES = cast(Table, CaseRow.__table__)
VERSIONS = cast(Table, VersionRow.__table__)
EVENTS = cast(Table, EventRow.__table__)
USERS = cast(Table, UserRow.__table__)
