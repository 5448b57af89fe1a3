"""Test support for the case register: a throw-away PostgreSQL server, and small builders.

The server: ``initdb`` a cluster in a private temporary folder, start it listening on a Unix socket in
that folder only (no TCP port, so it cannot clash with anything), one fresh database per test, and
stop it when the test run ends. PostgreSQL refuses to run as root: as root, the cluster is made and
run as the ``postgres`` user (Debian's package makes it) through ``runuser``. Tests that need it skip,
saying why, when the binaries or that user are missing.
"""

from __future__ import annotations

import atexit
import datetime as dt
import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from collabguard.engine.answers import AnswerFile

_server: PostgresServer | None = None
_why_not: str | None = None
_names = itertools.count(1)


def _binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


class PostgresServer:
    """A PostgreSQL cluster in a temporary folder, reached by its Unix socket."""

    def __init__(self) -> None:
        initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
        if not initdb or not pg_ctl:
            raise RuntimeError("PostgreSQL is not installed (no initdb/pg_ctl on PATH or in /usr/lib/postgresql/*/bin); "
                               "install Debian's postgresql package to run the register tests on PostgreSQL")
        self.pg_ctl = pg_ctl
        self.prefix: list[str] = []
        self.dir = Path(tempfile.mkdtemp(prefix="cgpg."))  # short: a socket path has at most 107 characters
        if os.geteuid() == 0:
            try:
                owner = pwd.getpwnam("postgres")
            except KeyError:
                shutil.rmtree(self.dir, ignore_errors=True)
                raise RuntimeError("running as root, and there is no 'postgres' user to run PostgreSQL as "
                                   "(PostgreSQL refuses to run as root)") from None
            runuser = shutil.which("runuser")
            if runuser is None:
                raise RuntimeError("running as root without runuser: cannot start PostgreSQL as the postgres user")
            os.chown(self.dir, owner.pw_uid, owner.pw_gid)
            self.prefix = [runuser, "-u", "postgres", "--"]
        self.data = self.dir / "data"
        self.port = 5432
        self._run([initdb, "-D", str(self.data), "-U", "collabguard", "--auth=trust", "-E", "UTF8", "--no-sync", "-N"])
        options = f"-k {self.dir} -c listen_addresses= -p {self.port} -c fsync=off -c max_connections=50"
        self._run([pg_ctl, "-D", str(self.data), "-o", options, "-l", str(self.dir / "server.log"), "-w", "-t", "60", "start"])

    def _run(self, command: list[str]) -> None:
        result = subprocess.run(self.prefix + command, capture_output=True, text=True, timeout=120, check=False)
        if result.returncode != 0:
            log = self.dir / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{Path(command[0]).name} failed ({result.returncode}): {result.stderr.strip()[-2000:]} {tail}")

    def url(self, database: str) -> str:
        return f"postgresql://collabguard@/{database}?host={self.dir}&port={self.port}"

    def new_database(self) -> str:
        """A new, empty database's URL."""
        import psycopg

        name = f"cases_{os.getpid()}_{next(_names)}"
        with psycopg.connect(host=str(self.dir), port=self.port, user="collabguard", dbname="postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        subprocess.run(self.prefix + [self.pg_ctl, "-D", str(self.data), "-m", "immediate", "-w", "stop"],
                       capture_output=True, timeout=60, check=False)
        shutil.rmtree(self.dir, ignore_errors=True)


def postgres() -> PostgresServer:
    """The test run's PostgreSQL server (started on first use, stopped at exit); RuntimeError saying why when it cannot run."""
    global _server, _why_not
    if _server is None and _why_not is None:
        try:
            import psycopg  # noqa: F401 - the driver of the 'postgres' extra
        except ImportError:
            _why_not = 'the PostgreSQL driver is not installed (pip install "collabguard[postgres]")'
        else:
            try:
                _server = PostgresServer()
                atexit.register(_server.stop)
            except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
                _why_not = str(exc)
    if _server is None:
        raise RuntimeError(_why_not)
    return _server


def answers(*items: tuple[str, str] | tuple[str, str, str], reviewer: str = "Kari Nordmann") -> AnswerFile:
    """An answer file: (question id, answer[, note]) …"""
    return AnswerFile.model_validate({"reviewer": reviewer, "date": "2026-12-04",
                                      "answers": [{"id": i[0], "answer": i[1], "note": i[2] if len(i) > 2 else ""} for i in items]})


class Clock:
    """A clock for the register: a fixed moment that moves on a second at each reading."""

    def __init__(self, start: dt.datetime = dt.datetime(2026, 12, 4, 9, 0, tzinfo=dt.UTC)) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(seconds=1)
        return self.now


def proposal(pid: str = "NTNU-2026-0311", partner: str = "Zhejiang University", country: str = "CN", **extra: Any) -> dict[str, Any]:
    return {"id": pid, "title": f"Quantum sensing with {partner}", "home_institution": {"name": "NTNU", "country": "NO"},
            "abstract": "Cold-atom interferometers for inertial navigation of autonomous ships.",
            "partners": [{"name": partner, "country": country}], **extra}


FICTIONAL = "Fictional Institute of Hypersonic Sensing"  # made up for the tests: no real institution is named


def rules_with_new_listing(rules: Path, into: Path, name: str = FICTIONAL, country: str = "CN") -> Path:
    """A copy of ``rules`` whose ASPI list has a new edition that adds one (fictional) entry."""
    import hashlib

    target = into / "rules"
    shutil.copytree(rules, target)
    csv = target / "lists" / "aspi-cdut.csv"
    old_sha = hashlib.sha256(csv.read_bytes()).hexdigest()
    with csv.open("a", encoding="utf-8", newline="") as fh:
        fh.write(f"aspi-test-fictional,{name},,,,{country},ASPI China Defence Universities Tracker,very high,Military,"
                 "https://example.invalid/fictional,2026-12-01\n")
    manifest = target / "lists" / "lists.yaml"
    text = manifest.read_text(encoding="utf-8")
    assert old_sha in text
    block_start = text.index(old_sha)
    head, tail = text[:block_start], text[block_start:]
    tail = tail.replace(old_sha, hashlib.sha256(csv.read_bytes()).hexdigest(), 1).replace('edition: "2020-08-21"', 'edition: "2026-12-01"', 1)
    manifest.write_text(head + tail, encoding="utf-8")
    return target
