"""How much the HTTP service does at once, how long it waits, and which host names it answers to.

| setting | variable | default |
|---|---|---|
| screenings at once, per worker process | ``COLLABGUARD_SERVICE_THREADS`` | 2 |
| how long a request waits for a free screening slot (then 503 with Retry-After) | ``COLLABGUARD_QUEUE_SECONDS`` | 10 |
| time budget of one request's work | ``COLLABGUARD_REQUEST_SECONDS`` | 60 |
| time for a client to send the request head (line and headers) | ``COLLABGUARD_HEADER_SECONDS`` | 10 |
| time for a client to send the request body | ``COLLABGUARD_BODY_SECONDS`` | 30 |
| host names the service answers to (comma-separated; ``*`` for any) | ``COLLABGUARD_ALLOWED_HOSTS`` | the bind address, localhost, 127.0.0.1, ::1 |

Each is read when the service starts; a bad value is one line naming the variable.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from collabguard.errors import UsageError
from collabguard.limits import positive_number

LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
WILDCARD_BINDS = ("", "0.0.0.0", "::")  # listening on every address names no host
# a name (example.org), a name under a domain (*.example.org), an address (10.0.0.5, ::1, [::1]), or * for any
HOST = re.compile(r"\*|(\*\.)?[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.?|\[?[0-9A-Fa-f:.]+\]?")

_NUMBERS: dict[str, tuple[str, int]] = {
    "threads": ("COLLABGUARD_SERVICE_THREADS", 2),
    "queue_seconds": ("COLLABGUARD_QUEUE_SECONDS", 10),
    "request_seconds": ("COLLABGUARD_REQUEST_SECONDS", 60),
    "header_seconds": ("COLLABGUARD_HEADER_SECONDS", 10),
    "body_seconds": ("COLLABGUARD_BODY_SECONDS", 30),
}


def setting(name: str) -> int:
    """A numeric setting in force (a positive whole number)."""
    return positive_number(*_NUMBERS[name])


def allowed_hosts(given: list[str] | None = None, bind: str | None = None) -> tuple[str, ...]:
    """The host names the service answers to: ``given`` (``serve --allowed-host``), else
    ``COLLABGUARD_ALLOWED_HOSTS``, else the bind address and this machine's names."""
    if not given:
        raw = os.environ.get("COLLABGUARD_ALLOWED_HOSTS", "")
        given = [h for h in (part.strip() for part in raw.split(",")) if h]
    if given:
        for host in given:
            if not HOST.fullmatch(host):
                raise UsageError(f"allowed host {host!r}: give a host name or address (example.org, *.example.org, "
                                 "10.0.0.5), or * for any")
        return tuple(dict.fromkeys(h.strip("[]").lower() for h in given))
    own = () if bind is None or bind in WILDCARD_BINDS else (bind.strip("[]").lower(),)
    return tuple(dict.fromkeys((*own, *LOCAL_HOSTS)))


@dataclass(frozen=True)
class ServiceSettings:
    threads: int
    queue_seconds: int
    request_seconds: int
    header_seconds: int
    body_seconds: int

    @classmethod
    def from_env(cls) -> ServiceSettings:
        return cls(**{name: setting(name) for name in _NUMBERS})
