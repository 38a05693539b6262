"""``auditor serve``: audit stories over HTTP for a CMS (loopback by default; a token beyond it)."""

from __future__ import annotations

import ipaddress
import os
import signal
from pathlib import Path
from typing import Annotated, Optional

import typer

from auditor.config import load_config
from auditor.errors import AuditorError

TOKEN_ENV = "AUDITOR_SERVE_TOKEN"


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and ``localhost``."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve_command(
    host: Annotated[str, typer.Option("--host", help="Address to bind (beyond loopback needs a token).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port.")] = 8765,
    token: Annotated[
        Optional[str],
        typer.Option("--token", envvar=TOKEN_ENV, help=f"Bearer token every /v1 request must send (env {TOKEN_ENV})."),
    ] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, max=64, help="Audits run at once.")] = 4,
    queue: Annotated[int, typer.Option("--queue", min=0, max=10_000, help="Audits that may wait (then 429).")] = 32,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", min=1_000, max=100_000_000, help="Largest request body (then 413).")
    ] = 1_000_000,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, max=3600, help="Seconds per audit (504).")] = 30.0,
    no_grammar: Annotated[bool, typer.Option("--no-grammar", help="Run without LanguageTool.")] = False,
    languagetool_url: Annotated[
        Optional[str],
        typer.Option("--languagetool-url", envvar="LANGUAGETOOL_URL", help="Use this running LanguageTool server."),
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the result caches.")] = False,
    config_file: Annotated[Optional[Path], typer.Option("--config", help="Config file (as for check).")] = None,
) -> None:
    """Serve POST /v1/check, POST /v1/fix, GET /healthz and /openapi.json until SIGTERM or Ctrl-C.

    Dictionaries and LanguageTool are loaded once and kept warm; SIGTERM lets in-flight audits finish.
    """
    try:
        import uvicorn

        from auditor.service.app import Limits, create_app
        from auditor.service.engine import AuditEngine
    except ImportError as error:
        typer.echo(f"auditor: error: auditor serve needs the 'serve' extra (pip install 'auditor[serve]'): {error}",
                   err=True)
        raise typer.Exit(2) from None
    if not is_loopback(host) and not token:
        typer.echo(f"auditor: error: --host {host} is beyond loopback: set a bearer token with --token or {TOKEN_ENV}",
                   err=True)
        raise typer.Exit(2)
    limits = Limits(max_bytes=max_bytes, workers=workers, queue=queue, timeout=timeout)
    try:
        engine = AuditEngine(
            load_config(config_file), grammar=not no_grammar, languagetool_url=languagetool_url,
            use_cache=not no_cache,
        )
        try:
            engine.warm()
        except BaseException:
            engine.close()
            raise
    except AuditorError as error:
        typer.echo(f"auditor: error: {error}", err=True)
        raise typer.Exit(2) from None
    app = create_app(engine, limits, token)
    server = uvicorn.Server(
        uvicorn.Config(
            app, host=host, port=port, log_level=os.environ.get("AUDITOR_SERVE_LOG", "warning"),
            access_log=False, timeout_graceful_shutdown=int(timeout) + 5, lifespan="on",
        )
    )
    typer.echo(f"auditor serve: listening on http://{host}:{port} (grammar {'on' if engine.grammar else 'off'})",
               err=True)
    # uvicorn finishes in-flight requests on SIGTERM/SIGINT, then re-raises the signal: end cleanly then
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, _stopped)
    try:
        server.run()
    except _Stop:
        pass
    finally:
        engine.close()
    typer.echo("auditor serve: stopped", err=True)


class _Stop(Exception):
    """The signal uvicorn re-raises after its graceful shutdown."""


def _stopped(signum: int, frame: object) -> None:
    raise _Stop


def register(app: typer.Typer) -> None:
    """Attach ``serve`` to the CLI."""
    app.command("serve")(serve_command)
