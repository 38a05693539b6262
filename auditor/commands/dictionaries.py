"""``auditor dictionaries fetch|list``: install the bilingual dictionaries and WordNet (``meaning-antonym``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from auditor.commands.errors import fail
from auditor.errors import AuditorError

dictionaries_app = typer.Typer(
    help="Fetch the pinned bilingual dictionaries (Debian FreeDict packages, CC-CEDICT) and WordNet into the cache.",
    no_args_is_help=True,
)


@dictionaries_app.command()
def fetch(
    lang: Annotated[
        Optional[list[str]], typer.Option("--lang", help="Only this source language (repeatable; en: WordNet).")
    ] = None,
    mirror: Annotated[
        Optional[str],
        typer.Option("--mirror", help="Debian mirror to download from (env AUDITOR_DEBIAN_MIRROR; "
                                      "default https://deb.debian.org/debian)."),
    ] = None,
    folder: Annotated[
        Optional[Path], typer.Option("--from", help="Folder of the pinned .deb files (offline install).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Rebuild even if an index is present.")] = False,
) -> None:
    """Download each pinned dictionary (SHA-256-checked), unpack it and index it; no apt, no dictd."""
    from auditor.bilingual import dictionaries

    try:
        dictionaries.fetch(lang or None, mirror_url=mirror, folder=folder, report=typer.echo, force=force)
    except AuditorError as error:
        raise fail(error) from None


@dictionaries_app.command("list")
def list_command() -> None:
    """The installed dictionaries: language, package, version, licence, entries."""
    from auditor.bilingual import dictionaries

    found = dictionaries.installed()
    for lang, meta in found.items():
        typer.echo(f"{lang}: {meta.get('package')} {meta.get('version')} ({meta.get('licence')}, "
                   f"{meta.get('entries')} entries)")
    if not found:
        typer.echo("no dictionaries installed (`auditor dictionaries fetch`)")


def register(app: typer.Typer) -> None:
    """Attach ``dictionaries`` to the CLI."""
    app.add_typer(dictionaries_app, name="dictionaries")
