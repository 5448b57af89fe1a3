"""`collabguard serve`: run the HTTP API."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from collabguard.cli.common import handle_errors


@handle_errors
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (default: this machine only)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535),
    rules: Path | None = typer.Option(None, "--rules", help="Rules folder (default: the shipped rules)."),
    decisions: Path | None = typer.Option(None, "--decisions", help="Reviewed decisions applied to every screening."),
    policy: Path | None = typer.Option(None, "--policy", help="The institution's policy file, applied to every screening."),
    workers: int = typer.Option(1, "--workers", min=1, max=64, help="Worker processes (each loads the rules once)."),
) -> None:
    """Serve POST /v1/screen, POST /v1/screen/batch, GET /v1/rules, GET /v1/lists and GET /healthz.
    Set COLLABGUARD_API_TOKEN to require a bearer token."""
    import uvicorn

    from collabguard.screener import Screener
    from collabguard.service.app import create_app

    if workers == 1:
        uvicorn.run(create_app(Screener(rules, decisions, policy)), host=host, port=port, log_level="warning", access_log=False)
        return
    Screener(rules, decisions, policy)  # fail here, with one clear line, before starting workers
    for variable, value in (("COLLABGUARD_RULES", rules), ("COLLABGUARD_DECISIONS", decisions), ("COLLABGUARD_POLICY", policy)):
        # exactly what the options say: a variable left in the shell must not change the workers
        if value is not None:
            os.environ[variable] = str(Path(value).resolve())
        elif variable != "COLLABGUARD_RULES":
            os.environ.pop(variable, None)
    uvicorn.run("collabguard.service.app:app_from_env", factory=True, workers=workers, host=host, port=port,
                log_level="warning", access_log=False)
