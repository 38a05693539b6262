"""LanguageTool results on disk, keyed by everything that decides them.

One SQLite database in the user's cache directory (WAL mode, busy timeout), so
several ``auditor`` runs can read and write it at once; a key is the SHA-256 of
LanguageTool version, language variant, disabled rules and categories, and text.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from auditor.languagetool import install


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


class ResultCache:
    """Get and put lists of raw matches; one connection per thread."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or cache_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0
        with self._connect() as db:
            db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, matches TEXT NOT NULL)")

    def _connect(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=30, check_same_thread=False, isolation_level=None)
            db.execute("PRAGMA busy_timeout=30000")
            with contextlib.suppress(sqlite3.OperationalError):
                db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            self._local.db = db
            with self._lock:
                self._connections.append(db)
        return db

    def get(self, key: str) -> list[dict[str, Any]] | None:
        """The cached matches for ``key`` or None."""
        row = self._connect().execute("SELECT matches FROM results WHERE key = ?", (key,)).fetchone()
        with self._lock:
            if row is None:
                self.misses += 1
            else:
                self.hits += 1
        return None if row is None else json.loads(row[0])

    def put(self, key: str, matches: list[dict[str, Any]]) -> None:
        """Store ``matches`` under ``key`` (last writer wins; values for one key are identical)."""
        self._connect().execute(
            "INSERT OR REPLACE INTO results (key, matches) VALUES (?, ?)", (key, json.dumps(matches))
        )

    def close(self) -> None:
        """Close every connection."""
        with self._lock:
            for db in self._connections:
                with contextlib.suppress(sqlite3.Error):
                    db.close()
            self._connections.clear()
        self._local = threading.local()
