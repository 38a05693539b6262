"""``auditor doctor``: which Java, which LanguageTool, which caches (and how big) this machine uses."""

from __future__ import annotations

import os
import platform
import sys
from pathlib import Path

import typer

from auditor import __version__
from auditor.config import load_config
from auditor.errors import AuditorError
from auditor.languagetool import install, lockfile, server
from auditor.languagetool.java import find_java


def folder_size(path: Path) -> int:
    """Bytes under ``path`` (a file's size for a file; 0 when it does not exist)."""
    if path.is_file():
        return path.stat().st_size
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            try:
                total += (Path(root) / name).stat().st_size
            except OSError:
                continue
    return total


def human(size: int) -> str:
    """``size`` bytes as a short human-readable string."""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{value:.1f} GB"  # pragma: no cover


def cache_rows() -> list[tuple[str, Path]]:
    """(what, where) of every cache auditor keeps, known ones first, then anything else found."""
    root = install.cache_dir()
    known = [
        ("LanguageTool jars", install.lib_dir()),
        ("LanguageTool results", root / "languagetool" / "results.sqlite3"),
        ("own-check results", root / "audit" / "results.sqlite3"),
        ("paragraph results", root / "audit" / "paragraphs.sqlite3"),
    ]
    seen = {path for _, path in known}
    others = []
    if root.is_dir():
        for child in sorted(root.iterdir()):
            if child.name not in ("languagetool", "audit") and child not in seen:
                others.append((child.name, child))
    return known + others


def doctor_command() -> None:
    """Say which Java, LanguageTool, Maven repository and caches auditor uses (exit 1 if one is missing)."""
    from auditor.languagetool import download  # urllib's HTTP stack: not on every command's start-up

    problems = 0
    typer.echo(f"auditor {__version__} on Python {platform.python_version()} ({sys.executable})")
    try:
        typer.echo(f"java: {find_java().describe()}")
    except AuditorError as error:
        typer.echo(f"java: MISSING: {error}")
        problems += 1
    home = install.languagetool_home()
    entries = lockfile.load()
    missing = download.missing_jars(install.lib_dir(home), entries) if install.lib_dir(home).is_dir() else entries
    if not missing:
        typer.echo(
            f"languagetool: {install.LANGUAGETOOL_VERSION} installed in {home} "
            f"({len(entries)} jars pinned by {lockfile.lock_path().name})"
        )
    else:
        typer.echo(f"languagetool: NOT INSTALLED in {home} ({len(missing)} of {len(entries)} jars missing): "
                   f"{install.INSTALL_HINT}")
        problems += 1
    running = server.running_server()
    typer.echo(
        f"languagetool server: {running.url} (pid {running.pid})" if running
        else "languagetool server: none running (`auditor languagetool start` keeps one warm)"
    )
    try:
        configured = load_config().maven_repo
    except AuditorError as error:
        configured = None
        typer.echo(f"config: {error}")
    typer.echo(f"maven repository: {download.maven_repo(None, configured)}")
    from auditor.bilingual import dictionaries

    found = dictionaries.installed()
    wanted = sorted({p.lang for p in dictionaries.locked()} | {"zh"})
    listed = ", ".join(f"{lang} ({meta.get('package')} {meta.get('version')}, {meta.get('licence')})"
                       for lang, meta in found.items())
    absent = [lang for lang in wanted if lang not in found]
    typer.echo(f"dictionaries: {listed or 'none'}"
               + (f"; not installed: {', '.join(absent)} (`auditor dictionaries fetch`)" if absent else ""))
    typer.echo(f"caches in {install.cache_dir()}:")
    for what, path in cache_rows():
        size = human(folder_size(path)) if path.exists() else "absent"
        typer.echo(f"  {what:<22} {size:>9}  {path}")
    raise typer.Exit(1 if problems else 0)


def register(app: typer.Typer) -> None:
    """Attach ``doctor`` to the CLI."""
    app.command("doctor")(doctor_command)
