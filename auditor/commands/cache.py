"""``auditor cache info|clear``: what the result caches hold, and emptying them.

Two SQLite databases in the user cache directory (``AUDITOR_CACHE_DIR`` moves it): auditor's own
checks' results and LanguageTool's. Both are disposable: a damaged one is moved aside and rebuilt by
the next run, and each is kept under ``AUDITOR_CACHE_MAX_MB`` (default 512) by evicting the least
recently used entries. LanguageTool itself (its jars) is not touched.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import typer

from auditor.languagetool.cache import cache_path as languagetool_cache_path
from auditor.run.audit_cache import cache_path as own_cache_path
from auditor.run.sqlite_store import max_bytes

cache_app = typer.Typer(help="Show or clear auditor's result caches.", no_args_is_help=True)


def _caches() -> list[tuple[str, Path, str]]:
    return [("own checks", own_cache_path(), "own_results"), ("LanguageTool", languagetool_cache_path(), "matches")]


def _files(path: Path) -> list[Path]:
    """The database, its WAL and shared-memory files and any damaged copies moved aside."""
    if not path.parent.is_dir():
        return []
    return sorted(p for p in path.parent.iterdir() if p.name.startswith(path.name) and p.is_file())


def _entries(path: Path, table: str) -> str:
    if not path.is_file():
        return "0 entries"
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as db:
            count = db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    except sqlite3.Error as error:
        return f"unreadable ({error}; the next run moves it aside)"
    return f"{count:,} entries"


@cache_app.command("info")
def info() -> None:
    """Where the caches are, how big, how many entries, and the size cap."""
    for name, path, table in _caches():
        size = sum(p.stat().st_size for p in _files(path))
        typer.echo(f"{name}: {path} ({size / 1024 / 1024:.1f} MB, {_entries(path, table)})")
    cap = max_bytes() / 1024 / 1024
    typer.echo(f"size cap: {cap:.0f} MB per cache (AUDITOR_CACHE_MAX_MB); least recently used entries evicted")


@cache_app.command("clear")
def clear() -> None:
    """Delete both result caches (and damaged copies moved aside); the next run rebuilds them."""
    removed = 0
    for _, path, _ in _caches():
        for file in _files(path):
            file.unlink(missing_ok=True)
            removed += 1
    typer.echo(f"auditor: removed {removed} cache files", err=True)


def register(app: typer.Typer) -> None:
    """Attach ``cache info`` and ``cache clear`` to the CLI."""
    app.add_typer(cache_app, name="cache")
