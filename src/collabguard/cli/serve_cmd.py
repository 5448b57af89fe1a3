"""`collabguard serve`: run the HTTP API."""

from __future__ import annotations

import gc
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer

from collabguard.cli.common import handle_errors


@handle_errors
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (default: this machine only)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535),
    rules: Path | None = typer.Option(None, "--rules", envvar="COLLABGUARD_RULES", help="Rules folder (default: the shipped rules)."),
    decisions: Path | None = typer.Option(None, "--decisions", envvar="COLLABGUARD_DECISIONS",
                                          help="Reviewed decisions applied to every screening."),
    policy: Path | None = typer.Option(None, "--policy", envvar="COLLABGUARD_POLICY",
                                       help="The institution's policy file, applied to every screening."),
    workers: int = typer.Option(1, "--workers", min=1, max=64, help="Worker processes (each loads the rules once)."),
    allowed_host: list[str] = typer.Option(
        [], "--allowed-host", help="A host name clients reach the service by (repeatable; * for any, behind a proxy that "
                                   "checks Host). Default: COLLABGUARD_ALLOWED_HOSTS, else --host, localhost, 127.0.0.1, ::1."),
    workbench: bool = typer.Option(True, "--workbench/--no-workbench",
                                   help="Serve the officer's workbench (web pages over the case register) at /."),
    home: Path | None = typer.Option(None, "--home", help="The case register's folder (default: $COLLABGUARD_HOME, "
                                                          "else ~/.local/share/collabguard)."),
    database_url: str | None = typer.Option(None, "--database-url", help="The case register in a database server "
                                            "instead (default: $COLLABGUARD_DATABASE_URL), e.g. postgresql://…"),
) -> None:
    """Serve the officer's workbench (web pages: screen, answer, decide, monitor) and the HTTP API:
    POST /v1/screen (JSON, HTML or Markdown report), /v1/screen/batch, /v1/rescreen, /v1/match, /v1/areas,
    /v1/stats; GET /v1/rules, /v1/lists, /healthz; API documentation at /docs.
    Set COLLABGUARD_API_TOKEN to require a bearer token on /v1 (the pages have their own sign-in)."""
    import uvicorn

    from collabguard.screener import Screener
    from collabguard.service.app import create_app
    from collabguard.service.protocol import TimedH11Protocol
    from collabguard.service.settings import ServiceSettings, allowed_hosts

    screener = Screener(rules, decisions, policy)
    screener.warm()  # fail here, with one clear line, before listening or starting workers
    ServiceSettings.from_env()  # the same for the service's settings
    hosts = allowed_hosts(allowed_host, bind=host)
    where = f"http://{host if ':' not in host else f'[{host}]'}:{port}"
    token = " (bearer token required: COLLABGUARD_API_TOKEN)" if os.environ.get("COLLABGUARD_API_TOKEN") else ""
    register = None
    if workbench:
        from collabguard.cases.register import CaseRegister

        register = CaseRegister(screener, home=home, url=database_url)  # made (or brought up to date) before listening
        accounts = register.users.names()
        how = ("sign-in from the proxy header " + os.environ["COLLABGUARD_TRUSTED_USER_HEADER"]
               if os.environ.get("COLLABGUARD_TRUSTED_USER_HEADER") else
               f"{len(accounts)} account{'s' if len(accounts) != 1 else ''}" if accounts else
               "no accounts yet: create one with `collabguard cases users add NAME`")
        typer.echo(f"workbench: {where}/ (case register {register.where}; {how})", err=True)
    typer.echo(f"collabguard serving on {where}{token}; API documentation: {where}/docs; answering to host names: "
               f"{', '.join(hosts)}; stop with Ctrl-C", err=True)
    # the request head must arrive in time (the protocol), then the body (the service); an idle kept-alive
    # connection is closed after 5 s; a request head over 16 KiB is refused by h11
    server = {"host": host, "port": port, "log_level": "warning", "access_log": False, "timeout_keep_alive": 5,
              "http": TimedH11Protocol, "h11_max_incomplete_event_size": 16 * 1024}
    if workers == 1:
        from collabguard.cases.db import register_home

        app = create_app(screener, allowed_hosts=list(hosts), register=register, home=register_home(home))
        gc.freeze()  # the rules, lists and app live as long as the server: out of the collector's full scans
        uvicorn.run(app, **server)  # type: ignore[arg-type]
        return
    os.environ["COLLABGUARD_ALLOWED_HOSTS"] = ",".join(hosts)  # every worker answers to the same names
    if register is not None:  # every worker opens the same register (SQLite in WAL mode takes several processes)
        register.close()
        os.environ["COLLABGUARD_WORKBENCH"] = "1"
        if home is not None:
            os.environ["COLLABGUARD_HOME"] = str(Path(home).resolve())
        if database_url:
            os.environ["COLLABGUARD_DATABASE_URL"] = database_url
    else:
        os.environ.pop("COLLABGUARD_WORKBENCH", None)
    for variable, value in (("COLLABGUARD_RULES", rules), ("COLLABGUARD_DECISIONS", decisions), ("COLLABGUARD_POLICY", policy)):
        # every worker builds the same screener: exactly what the options (or their variables) say
        if value is not None:
            os.environ[variable] = str(Path(value).resolve())
        else:
            os.environ.pop(variable, None)
    with _nodelay_listening_socket(uvicorn):
        uvicorn.run("collabguard.service.app:app_from_env", factory=True, workers=workers, **server)  # type: ignore[arg-type]


@contextmanager
def _nodelay_listening_socket(uvicorn: Any) -> Iterator[None]:
    """With worker processes uvicorn binds the listening socket itself, as ``socket(family)``
    (protocol 0), and asyncio sets TCP_NODELAY only on connections of a socket made for IPPROTO_TCP:
    every answer (written as headers, then body) then waits for the client's delayed ACK, ~40 ms, so
    ``--workers 2`` answered 181 health checks a second instead of ~2,500. Setting TCP_NODELAY on the
    listening socket fixes it: accepted connections inherit it."""
    bind = uvicorn.Config.bind_socket

    def bind_socket(config: Any) -> socket.socket:
        sock: socket.socket = bind(config)
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock

    uvicorn.Config.bind_socket = bind_socket
    try:
        yield
    finally:
        uvicorn.Config.bind_socket = bind
