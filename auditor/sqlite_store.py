"""Text values by key in one SQLite table: the storage under auditor's on-disk caches.

WAL mode and a busy timeout make it safe for several ``auditor`` runs (and their
threads) to read and write the same file at once; each thread gets its own
connection. Last writer wins, which is right for caches whose values are a pure
function of their key.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

from auditor.errors import AuditorError


class SqliteStore:
    """``get``/``put`` of text values in table ``table`` of the database at ``path``."""

    def __init__(self, path: Path, table: str) -> None:
        if not table.isidentifier():
            raise ValueError(f"bad table name {table!r}")
        self.path = path
        self.table = table
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0
        with self._errors():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._connect().execute(f"CREATE TABLE IF NOT EXISTS {table} (key TEXT PRIMARY KEY, value TEXT NOT NULL)")

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        """A damaged, locked or unwritable cache is one clear error, not a traceback."""
        try:
            yield
        except (sqlite3.Error, OSError) as error:
            raise AuditorError(
                f"{self.path}: result cache unusable ({error}); delete the file or run with --no-cache"
            ) from None

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

    def get(self, key: str) -> str | None:
        """The value stored under ``key``, or None (counted as a hit or a miss)."""
        with self._errors():
            row = self._connect().execute(f"SELECT value FROM {self.table} WHERE key = ?", (key,)).fetchone()
        with self._lock:
            if row is None:
                self.misses += 1
            else:
                self.hits += 1
        return None if row is None else str(row[0])

    def put(self, key: str, value: str) -> None:
        """Store ``value`` under ``key``."""
        with self._errors():
            self._connect().execute(f"INSERT OR REPLACE INTO {self.table} (key, value) VALUES (?, ?)", (key, value))

    def close(self) -> None:
        """Close every connection (a later ``get``/``put`` reconnects)."""
        with self._lock:
            for db in self._connections:
                with contextlib.suppress(sqlite3.Error):
                    db.close()
            self._connections.clear()
        self._local = threading.local()


class StoreBacked:
    """Base of the caches kept in a :class:`SqliteStore`: look-up counts and closing."""

    _store: SqliteStore

    @property
    def hits(self) -> int:
        """Look-ups answered from the cache."""
        return self._store.hits

    @property
    def misses(self) -> int:
        """Look-ups the cache could not answer."""
        return self._store.misses

    def close(self) -> None:
        """Release the database."""
        self._store.close()
