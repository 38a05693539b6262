"""LanguageTool results on disk, keyed by everything that decides them.

One SQLite database in the user's cache directory (see :mod:`auditor.run.sqlite_store`:
several ``auditor`` runs can read and write it at once); a key is the SHA-256 of
LanguageTool version, language variant, disabled rules and categories, and text.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from auditor.languagetool import install
from auditor.run.sqlite_store import SqliteStore, StoreBacked


def cache_path() -> Path:
    """The results database."""
    return install.cache_dir() / "languagetool" / "results.sqlite3"


def cache_key(
    version: str, lang: str, disabled_rules: Iterable[str], disabled_categories: Iterable[str], text: str
) -> str:
    """The key of one checked text under one configuration."""
    material = json.dumps(
        [version, lang, sorted(disabled_rules), sorted(disabled_categories), text], ensure_ascii=False
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


class ResultCache(StoreBacked):
    """Get and put lists of raw matches (JSON in a :class:`SqliteStore`)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or cache_path()
        self._store = SqliteStore(self.path, "matches")

    def get(self, key: str) -> list[dict[str, Any]] | None:
        """The cached matches for ``key`` or None."""
        value = self._store.get(key)
        if value is None:
            return None
        try:
            matches = json.loads(value)
        except (ValueError, RecursionError):
            matches = None
        if not isinstance(matches, list) or not all(isinstance(m, dict) for m in matches):
            self._store.discard(key)  # a damaged entry is a miss: LanguageTool is asked again
            return None
        return matches

    def put(self, key: str, matches: list[dict[str, Any]]) -> None:
        """Store ``matches`` under ``key`` (last writer wins; values for one key are identical)."""
        self._store.put(key, json.dumps(matches))
