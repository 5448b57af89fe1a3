"""Who is using the workbench, and whether a form really came from it.

Two ways to sign in, chosen by configuration:

- **Reverse proxy** (``COLLABGUARD_TRUSTED_USER_HEADER``, e.g. ``X-Remote-User``): the proxy in front
  of collabguard signs people in (SSO, Kerberos …) and passes the user name in that header. Only
  set this when every request comes through that proxy and the proxy removes the header from what
  clients send; otherwise anyone could claim to be anyone.
- **Local accounts** (the default): ``collabguard cases users add NAME`` creates one (the password is
  stored as a salted scrypt hash in the case register); the workbench's sign-in page checks it.

The signed-in name is kept in a signed session cookie (``HttpOnly``, ``SameSite=Lax``, ``Secure``
when ``COLLABGUARD_SECURE_COOKIES=1``). Every form carries a token bound to the session, checked in
constant time on every POST, and a POST whose ``Origin`` names another site is refused: a page on
another site cannot make a signed-in officer's browser answer, decide or re-screen.
"""

from __future__ import annotations

import hmac
import os
import secrets
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from starlette.requests import Request

CSRF_FIELD = "csrf_token"
FAILED_SIGN_INS = 5  # wrong passwords for one name …
LOCKOUT_SECONDS = 15 * 60  # … within this time lock that name for the rest of it


@dataclass(frozen=True)
class AuthSettings:
    trusted_user_header: str | None  # None: local accounts
    secure_cookies: bool

    @classmethod
    def from_env(cls) -> AuthSettings:
        header = (os.environ.get("COLLABGUARD_TRUSTED_USER_HEADER") or "").strip() or None
        return cls(trusted_user_header=header, secure_cookies=os.environ.get("COLLABGUARD_SECURE_COOKIES") == "1")


def session_secret(home: Path) -> str:
    """The key that signs session cookies: ``$COLLABGUARD_SECRET_KEY``, else one made once and kept
    in the register's folder (readable by its owner only), so sign-ins survive a restart."""
    given = os.environ.get("COLLABGUARD_SECRET_KEY")
    if given:
        return given
    path = home / "secret.key"
    if not path.exists():
        home.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another worker made it first
        else:
            with os.fdopen(fd, "w", encoding="ascii") as f:
                f.write(secrets.token_hex(32))
    return path.read_text(encoding="ascii").strip()


def csrf_token(request: Request) -> str:
    """The session's form token (made on first use)."""
    token = request.session.get(CSRF_FIELD)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session[CSRF_FIELD] = token
    return token


def csrf_ok(request: Request, sent: str | None) -> bool:
    """The form's token matches the session's, and the browser does not say it came from elsewhere."""
    expected = request.session.get(CSRF_FIELD)
    if not isinstance(expected, str) or not sent or not hmac.compare_digest(expected, sent):
        return False
    origin = request.headers.get("origin")
    if origin and origin != "null":
        host = request.headers.get("host", "")
        if urlsplit(origin).netloc != host:
            return False
    return True


def signed_in_user(request: Request, settings: AuthSettings) -> str | None:
    if settings.trusted_user_header:
        name = request.headers.get(settings.trusted_user_header, "").strip()
        return name or None
    user = request.session.get("user")
    return user if isinstance(user, str) and user else None


@dataclass
class SignInGuard:
    """Slows down password guessing: after FAILED_SIGN_INS wrong passwords for one name within
    LOCKOUT_SECONDS, that name cannot sign in until the window has passed (per server process)."""

    failures: dict[str, deque[float]] = field(default_factory=dict)

    def locked(self, name: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        recent = self.failures.get(name.lower())
        if not recent:
            return False
        while recent and now - recent[0] > LOCKOUT_SECONDS:
            recent.popleft()
        return len(recent) >= FAILED_SIGN_INS

    def failed(self, name: str, now: float | None = None) -> None:
        self.failures.setdefault(name.lower(), deque()).append(time.monotonic() if now is None else now)

    def succeeded(self, name: str) -> None:
        self.failures.pop(name.lower(), None)
