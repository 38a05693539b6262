"""Text values by key in one SQLite table: the storage under auditor's on-disk caches.

WAL mode and a busy timeout make it safe for several ``auditor`` runs (and their
threads) to read and write the same file at once; each thread gets its own
connection. Last writer wins, which is right for caches whose values are a pure
function of their key. :meth:`SqliteStore.close` waits for the operations in flight:
closing a connection while another thread's query runs on it crashes the interpreter.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from auditor.errors import AuditorError

T = TypeVar("T")


#: Default size cap of one cache database (``AUDITOR_CACHE_MAX_MB`` changes it).
DEFAULT_MAX_MB = 512
_CHECK_EVERY = 256  # puts between size checks


def max_bytes() -> int:
    """The size cap of one cache database, from ``AUDITOR_CACHE_MAX_MB`` (default 512 MB)."""
    try:
        return int(float(os.environ.get("AUDITOR_CACHE_MAX_MB", DEFAULT_MAX_MB)) * 1024 * 1024)
    except ValueError:
        return DEFAULT_MAX_MB * 1024 * 1024


class SqliteStore:
    """``get``/``put`` of text values in table ``table`` of the database at ``path``.

    A cache is disposable, so it heals itself: a damaged database file is moved aside (with one
    warning line) and a fresh one is started; a value the caller cannot decode is dropped
    (:meth:`discard`). It never grows past :func:`max_bytes`: the least recently used entries are
    evicted. Only a cache that cannot be written at all (its directory read-only) is an error.
    """

    def __init__(self, path: Path, table: str) -> None:
        if not table.isidentifier():
            raise ValueError(f"bad table name {table!r}")
        self.path = path
        self.table = table
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        #: Operations in flight; ``close`` waits until none is (see :meth:`_in_use`).
        self._busy = 0
        self._closing = False
        self._idle = threading.Condition()
        self._puts = 0
        self._healed = False
        self.hits = 0
        self.misses = 0
        self._guarded(self._create)

    def _create(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = self._connect()
        db.execute(
            f"CREATE TABLE IF NOT EXISTS {self.table} (key TEXT PRIMARY KEY, value TEXT NOT NULL, used REAL)"
        )
        columns = {row[1] for row in db.execute(f"PRAGMA table_info({self.table})")}
        if "used" not in columns:  # a cache written before the size cap existed
            db.execute(f"ALTER TABLE {self.table} ADD COLUMN used REAL")

    @contextlib.contextmanager
    def _in_use(self) -> Iterator[None]:
        """Count an operation in flight, so that :meth:`close` never pulls a connection from under it.

        An operation that starts while the store is closing waits for the close (then reconnects).
        """
        with self._idle:
            self._idle.wait_for(lambda: not self._closing)
            self._busy += 1
        try:
            yield
        finally:
            with self._idle:
                self._busy -= 1
                self._idle.notify_all()

    def _guarded(self, action: Callable[[], T]) -> T:
        """Run ``action``; a damaged database is moved aside once and the action retried on a fresh one."""
        with self._in_use():
            return self._attempt(action)

    def _attempt(self, action: Callable[[], T]) -> T:
        try:
            return action()
        except sqlite3.DatabaseError as error:
            if self._healed or not _damaged(error):
                raise AuditorError(f"{self.path}: result cache unusable ({error}); run with --no-cache") from None
        except OSError as error:
            raise AuditorError(f"{self.path}: result cache unusable ({error}); run with --no-cache") from None
        self._heal()
        try:
            self._create()
            return action()
        except (sqlite3.Error, OSError) as error:
            raise AuditorError(f"{self.path}: result cache unusable ({error}); run with --no-cache") from None

    def _heal(self) -> None:
        """Move the damaged file (and its WAL) aside and say so in one line."""
        self.close(others=True)
        self._healed = True
        aside = self.path.with_name(f"{self.path.name}.corrupt-{int(time.time())}")
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                os.replace(f"{self.path}{suffix}", f"{aside}{suffix}")
        print(f"auditor: warning: {self.path}: cache damaged; moved aside to {aside.name} and rebuilt", file=sys.stderr)

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

        def read() -> Any:
            db = self._connect()
            row = db.execute(f"SELECT value FROM {self.table} WHERE key = ?", (key,)).fetchone()
            if row is not None:
                with contextlib.suppress(sqlite3.OperationalError):  # recency is best effort (busy, read-only)
                    db.execute(f"UPDATE {self.table} SET used = ? WHERE key = ?", (time.time(), key))
            return row

        row = self._guarded(read)
        with self._lock:
            if row is None:
                self.misses += 1
            else:
                self.hits += 1
        return None if row is None else str(row[0])

    def discard(self, key: str) -> None:
        """Forget ``key`` (its value could not be decoded): the next run stores a good one."""
        with self._in_use(), contextlib.suppress(sqlite3.Error):
            self._connect().execute(f"DELETE FROM {self.table} WHERE key = ?", (key,))
        with self._lock:
            self.hits -= 1
            self.misses += 1

    def put(self, key: str, value: str) -> None:
        """Store ``value`` under ``key``; now and then evict the least recently used entries."""
        self._guarded(
            lambda: self._connect().execute(
                f"INSERT OR REPLACE INTO {self.table} (key, value, used) VALUES (?, ?, ?)", (key, value, time.time())
            )
        )
        with self._lock:
            self._puts += 1
            due = self._puts % _CHECK_EVERY == 1
        if due:
            self.evict()

    def evict(self, limit: int | None = None) -> int:
        """Delete least recently used entries until the stored values fit in 80% of the cap; how many went."""
        limit = max_bytes() if limit is None else limit
        with self._in_use():
            return self._evict(limit)

    def _evict(self, limit: int) -> int:
        db = self._connect()
        try:
            pages = "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()"
            size = db.execute(pages).fetchone()[0]
            if size <= limit:
                return 0
            rows = db.execute(f"SELECT key, length(key) + length(value) FROM {self.table} ORDER BY used").fetchall()
            total = sum(n for _, n in rows)
            doomed = []
            for key, n in rows:
                if total <= 0.8 * limit:
                    break
                doomed.append((key,))
                total -= n
            db.executemany(f"DELETE FROM {self.table} WHERE key = ?", doomed)
            return len(doomed)
        except sqlite3.Error:
            return 0  # eviction is housekeeping; a busy database is left for the next run

    def close(self, others: bool = False, timeout: float = 60.0) -> None:
        """Close every connection once no operation is in flight (a later ``get``/``put`` reconnects).

        ``others``: the caller is itself inside an operation (healing a damaged file) and waits only
        for the rest. An operation still running after ``timeout`` seconds keeps its connection
        open rather than crash: it is closed when the store is collected.
        """
        with self._idle:
            self._closing = True
            try:
                if self._idle.wait_for(lambda: self._busy <= int(others), timeout=timeout):
                    self._close_connections()
            finally:
                self._closing = False
                self._idle.notify_all()

    def _close_connections(self) -> None:
        with self._lock:
            for db in self._connections:
                with contextlib.suppress(sqlite3.Error):
                    db.close()
            self._connections.clear()
        self._local = threading.local()


def _damaged(error: sqlite3.DatabaseError) -> bool:
    """A file that is not (or no longer) a database, as opposed to a locked or read-only one."""
    text = str(error).lower()
    return "not a database" in text or "malformed" in text or "corrupt" in text or "disk image" in text


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
