"""``auditor languagetool fetch|start|stop|status``: install and run the local LanguageTool server."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from auditor.commands.errors import fail
from auditor.config import load_config
from auditor.errors import AuditorError
from auditor.languagetool import download, install, server

languagetool_app = typer.Typer(
    help="Fetch LanguageTool (Maven Central, a mirror or a bundle) and run its server on 127.0.0.1 for `check`.",
    no_args_is_help=True,
)


@languagetool_app.command()
def fetch(
    force: Annotated[bool, typer.Option("--force", help="Fetch again even if the jars are present.")] = False,
    maven_repo: Annotated[
        Optional[str],
        typer.Option(
            "--maven-repo",
            help=f"Maven repository or mirror to download from (env {download.REPO_ENV}, config key "
            f"maven-repo; default {download.MAVEN_CENTRAL}).",
        ),
    ] = None,
    to: Annotated[
        Optional[Path],
        typer.Option("--to", help="Write an offline bundle (jars + lock) into this folder instead of installing."),
    ] = None,
) -> None:
    """Download the pinned LanguageTool jars (each SHA-256-checked) with Python alone: no Maven, no Java."""
    try:
        repository = download.maven_repo(maven_repo, load_config().maven_repo)
        if to is not None:
            download.fetch_jars(to, repository)
            typer.echo(f"LanguageTool {install.LANGUAGETOOL_VERSION} bundle ({len(download.load())} jars) in {to}")
            return
        already = install.is_installed() and not force
        home = install.fetch(force=force, repository=repository)
    except AuditorError as error:
        raise fail(error) from None
    verb = "already installed in" if already else f"installed from {repository} in"
    typer.echo(f"LanguageTool {install.LANGUAGETOOL_VERSION} {verb} {home}")


@languagetool_app.command("install")
def install_command(
    bundle: Annotated[
        Path, typer.Option("--from", help="Folder written by `auditor languagetool fetch --to` (or a lib folder).")
    ],
) -> None:
    """Install LanguageTool from an offline bundle (air-gapped CI): every jar checked against the lock."""
    try:
        home = install.install_from(bundle)
    except AuditorError as error:
        raise fail(error) from None
    typer.echo(f"LanguageTool {install.LANGUAGETOOL_VERSION} installed from {bundle} in {home}")


@languagetool_app.command()
def start() -> None:
    """Start a LanguageTool server on 127.0.0.1 (free port) that every `auditor check` reuses."""
    try:
        info, started = server.start_persistent()
    except AuditorError as error:
        raise fail(error) from None
    state = "started" if started else "already running"
    typer.echo(f"LanguageTool {info.version} {state} at {info.url} (pid {info.pid})")


@languagetool_app.command()
def stop() -> None:
    """Stop the server `auditor languagetool start` left running."""
    info = server.stop_persistent()
    typer.echo(
        "no LanguageTool server was running"
        if info is None
        else f"stopped LanguageTool at {info.url} (pid {info.pid})"
    )


@languagetool_app.command()
def status() -> None:
    """Say whether LanguageTool is installed and whether a server is running (exit 1 if none runs)."""
    installed = install.is_installed()
    typer.echo(
        f"installed: LanguageTool {install.LANGUAGETOOL_VERSION} in {install.languagetool_home()}"
        if installed
        else f"not installed: {install.INSTALL_HINT}"
    )
    info = server.running_server()
    if info is None:
        typer.echo("server: not running (`auditor check` starts one for each run)")
        raise typer.Exit(1)
    typer.echo(f"server: LanguageTool {info.version} at {info.url} (pid {info.pid})")


def register(app: typer.Typer) -> None:
    """Attach ``languagetool fetch|start|stop|status`` to the CLI."""
    app.add_typer(languagetool_app, name="languagetool")
