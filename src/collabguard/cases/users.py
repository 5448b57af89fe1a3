"""Local accounts for the workbench: a name and a password hash, never the password.

Hashes are scrypt (``hashlib.scrypt``, N=2^15, r=8, p=1, 32 bytes) with a random 16-byte salt, stored as
``scrypt$N$r$p$salt$hash`` (base64), so stronger parameters can be used later without breaking stored
hashes. Checking compares in constant time, and takes as long for an unknown name as for a known one.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import hmac
import secrets
import unicodedata
from collections.abc import Callable

from sqlalchemy import Engine, insert, select, update
from sqlalchemy.exc import IntegrityError

from collabguard.cases.db import WRITE
from collabguard.cases.tables import USERS
from collabguard.errors import UsageError

N, R, P, DKLEN = 2**15, 8, 1, 32
MIN_PASSWORD, MAX_PASSWORD = 8, 1024
_users = USERS

__all__ = ["Users", "check_password", "hash_password"]


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, dklen: int) -> bytes:
    secret = unicodedata.normalize("NFC", password).encode("utf-8")
    return hashlib.scrypt(secret, salt=salt, n=n, r=r, p=p, dklen=dklen, maxmem=256 * n * r * p)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str) -> str:
    """``scrypt$N$r$p$salt$hash`` for ``password`` with a new random salt."""
    salt = secrets.token_bytes(16)
    return f"scrypt${N}${R}${P}${_b64(salt)}${_b64(_scrypt(password, salt, N, R, P, DKLEN))}"


def check_password(password: str, stored: str) -> bool:
    """Whether ``password`` is the one ``stored`` was made from (constant-time comparison)."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        found = _scrypt(password, base64.b64decode(salt), int(n), int(r), int(p), len(expected))
    except ValueError:
        return False
    return hmac.compare_digest(found, expected)


@functools.cache
def _dummy() -> str:
    """A hash checked for an unknown name, so that it takes as long as a known one."""
    return hash_password(secrets.token_hex(16))


def _name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 200 or any(unicodedata.category(c).startswith("C") for c in name):
        raise UsageError("user name: 1 to 200 characters, no control characters")
    return name


def _password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise UsageError(f"password: at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise UsageError(f"password: at most {MAX_PASSWORD} characters")
    return password


class Users:
    """The register's local accounts."""

    def __init__(self, engine: Engine, now: Callable[[], dt.datetime]) -> None:
        self.engine, self.now = engine, now

    def add(self, name: str, password: str) -> None:
        """A new account; the name must be new."""
        name, hashed, at = _name(name), hash_password(_password(password)), self.now()
        try:
            with self.engine.connect().execution_options(**{WRITE: True}) as conn, conn.begin():
                conn.execute(insert(_users).values(name=name, password=hashed, created_at=at, updated_at=at))
        except IntegrityError:
            raise UsageError(f"user {name!r} already exists (set a new password with: cases users password {name})") from None

    def set_password(self, name: str, password: str) -> None:
        """A new password for an existing account."""
        name, hashed = _name(name), hash_password(_password(password))
        with self.engine.connect().execution_options(**{WRITE: True}) as conn, conn.begin():
            done = conn.execute(update(_users).where(_users.c.name == name).values(password=hashed, updated_at=self.now()))
            if done.rowcount != 1:
                raise UsageError(f"no user {name!r} (add one with: cases users add {name})")

    def verify(self, name: str, password: str) -> bool:
        """Whether ``name`` is an account and ``password`` is its password."""
        with self.engine.connect() as conn:
            stored = conn.execute(select(_users.c.password).where(_users.c.name == name.strip())).scalar_one_or_none()
        ok = check_password(password, stored if stored is not None else _dummy())
        return ok and stored is not None

    def names(self) -> list[str]:
        with self.engine.connect() as conn:
            return list(conn.execute(select(_users.c.name).order_by(_users.c.name)).scalars())
