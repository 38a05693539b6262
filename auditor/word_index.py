"""wordfreq's frequencies in a compact on-disk index, so a run reads only the words it asks about.

``wordfreq`` answers ``zipf_frequency(word, lang)`` from an in-memory dict of the whole
language (0.1–0.5 s and tens of MB per language; the untranslated-word check asks 15
languages, which was most of a short story's audit time and memory). This module writes every
word of those lists once, with its centibel bucket (wordfreq's own quantised frequency), into
one SQLite file per wordfreq version (memory-mapped pages, one ``WITHOUT ROWID`` table per
language). A lookup is a primary-key read.

A word is split into the tokens wordfreq would look up (plain ASCII words of letters and
hyphens directly, anything else with wordfreq's own tokenizer, which needs no word list) and
their buckets are combined with wordfreq's own arithmetic; a token with digits, or a missing
index that cannot be built, falls back to wordfreq itself, so answers are identical either way.
The index is built at set-up (``make setup`` runs ``python -m auditor.word_index``) or on first
need, into ``AUDITOR_INDEX_DIR`` (default: ``index/`` in the platform cache directory; not moved
by ``AUDITOR_CACHE_DIR`` so that test runs with private caches share it).
"""

from __future__ import annotations

import contextlib
import marshal
import math
import os
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

import platformdirs

#: Every language auditor asks wordfreq about (English and the untranslated check's 14).
LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pt", "pl", "cs", "sv", "da", "ro", "tr", "hu", "fi")
#: Languages whose lower-casing of ASCII capitals differs (dotless ı): capitalised words fall back.
_SPECIAL_CASE = frozenset({"tr", "az"})
INDEX_ENV = "AUDITOR_INDEX_DIR"
#: ASCII letters, an apostrophe, letters: one token for wordfreq when three or more letters precede
#: the apostrophe, or one or two and the next letter is not a vowel nor ``h`` or ``y`` (``I'm``,
#: ``we're``); otherwise its tokenizer splits off an elided article (``l'arc``, ``d'heure``, in every
#: language). ``Europe's`` and ``I'm`` are common in news.
_APOSTROPHE_WORD = re.compile(r"[A-Za-z]{3,}'[A-Za-z]+|[A-Za-z]{1,2}'[BCDFGJ-NP-TV-XZbcdfgj-np-tv-xz][A-Za-z]*")


def index_dir() -> Path:
    """Where indexes live (``AUDITOR_INDEX_DIR`` overrides)."""
    override = os.environ.get(INDEX_ENV)
    return Path(override) if override else Path(platformdirs.user_cache_dir("auditor")) / "index"


def index_path() -> Path:
    """The index file of the installed wordfreq version."""
    return index_dir() / f"wordfreq-{metadata.version('wordfreq')}-2.sqlite3"


def _zipf(buckets: list[int]) -> float:
    """wordfreq's ``zipf_frequency`` of a word whose tokens sit in these centibel buckets
    (the same arithmetic as ``wordfreq._word_frequency`` and ``zipf_frequency``)."""
    one_over_result = 0.0
    for bucket in buckets:
        one_over_result += 1.0 / 10 ** (-bucket / 100)
    freq = 1.0 / one_over_result
    leading_zeroes = math.floor(-math.log(freq, 10))
    freq = round(freq, leading_zeroes + 3)
    return round(math.log(freq, 10) + 9, 2)


def write_index(path: Path, fill: Callable[[sqlite3.Connection], None]) -> Path:
    """Write an index file with ``fill`` into a temporary file, then move it into place; returns ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
    temp.unlink(missing_ok=True)
    try:
        with sqlite3.connect(temp) as db:
            db.execute("PRAGMA journal_mode=OFF")
            db.execute("PRAGMA synchronous=OFF")
            fill(db)
        db.close()
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
    return path


def write_whole(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole (a temporary file renamed), so no reader sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
    try:
        temp.write_bytes(data)
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def read_kept(path: Path) -> Any:
    """Data kept by :func:`keep` at ``path``; None when there is none or it cannot be read (a damaged or
    foreign file is made afresh by the caller, never trusted)."""
    with contextlib.suppress(OSError, EOFError, ValueError, TypeError):
        return marshal.loads(path.read_bytes())
    return None


def keep(path: Path, data: Any) -> None:
    """Keep plain ``data`` at ``path`` (marshal, written whole); nothing when the cache cannot be written
    or marshal cannot keep a type (a YAML date)."""
    with contextlib.suppress(OSError, ValueError):
        write_whole(path, marshal.dumps(data))


def build(path: Path | None = None, languages: tuple[str, ...] = LANGUAGES) -> Path:
    """Write the index (to a temporary file, then moved into place); returns its path."""
    from wordfreq import get_frequency_list

    def fill(db: sqlite3.Connection) -> None:
        for lang in languages:
            db.execute(f"CREATE TABLE z_{lang} (word TEXT PRIMARY KEY, bucket INTEGER) WITHOUT ROWID")
            rows = {  # as get_frequency_dict: a word listed twice keeps its last (rarer) bucket
                word: bucket for bucket, words in enumerate(get_frequency_list(lang, "best")) for word in words
            }
            db.executemany(f"INSERT INTO z_{lang} VALUES (?, ?)", sorted(rows.items()))
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        db.execute("INSERT INTO meta VALUES ('languages', ?)", (" ".join(languages),))

    return write_index(path or index_path(), fill)


class ReadOnlyIndex:
    """An index file read through one read-only, memory-mapped connection per thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()

    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            db.execute("PRAGMA mmap_size=268435456")
            self._local.db = db
        return db


class KeyedIndex(ReadOnlyIndex):
    """An index of ``word → marshal'd value`` tables and a ``meta`` table, read one key at a time and
    memoised (the installed dictionaries and WordNet)."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self._memo: dict[tuple[str, str], Any] = {}

    def _value(self, table: str, word: str) -> Any:
        """The value of ``word`` in ``table``, as marshal keeps it; None when the table lacks the word."""
        key = (table, word)
        if key not in self._memo:
            row = self._db().execute(f"SELECT value FROM {table} WHERE word = ?", (word,)).fetchone()
            self._memo[key] = marshal.loads(row[0]) if row else None
        return self._memo[key]

    def meta(self) -> dict[str, str]:
        """The index's meta rows (package, version, licence, counts)."""
        return dict(self._db().execute("SELECT key, value FROM meta").fetchall())


class WordIndex(ReadOnlyIndex):
    """Read-only lookups in one index file (a connection per thread)."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.languages = frozenset(self._db().execute("SELECT value FROM meta").fetchone()[0].split())

    def zipf(self, tokens: list[str], lang: str) -> float:
        """The Zipf value of a word made of ``tokens`` in ``lang`` (0 when the list lacks one)."""
        if not tokens:
            return 0.0
        buckets = []
        for token in tokens:
            row = self._db().execute(f"SELECT bucket FROM z_{lang} WHERE word = ?", (token,)).fetchone()
            if row is None:
                return 0.0
            buckets.append(row[0])
        return _zipf(buckets)

    def best_bucket(self, tokens: list[str], lang: str) -> int | None:
        """The lowest (most frequent) bucket of the one-token words ``tokens`` in ``lang``, None when
        the list has none of them: a few queries instead of one per word."""
        best: int | None = None
        for start in range(0, len(tokens), _QUERY_WORDS):
            chunk = tokens[start : start + _QUERY_WORDS]
            marks = ",".join("?" * len(chunk))
            row = self._db().execute(f"SELECT MIN(bucket) FROM z_{lang} WHERE word IN ({marks})", chunk).fetchone()
            if row[0] is not None and (best is None or row[0] < best):
                best = row[0]
        return best


#: Words per ``IN (...)`` query (below SQLite's oldest limit of 999 parameters).
_QUERY_WORDS = 900

_LOCK = threading.Lock()
_STATE: dict[str, WordIndex | None] = {}


def shared_index() -> WordIndex | None:
    """The index of this process (built now if missing; None when it cannot be built or read)."""
    with _LOCK:
        if "index" not in _STATE:
            path = index_path()
            try:
                if not path.is_file():
                    build(path)
                _STATE["index"] = WordIndex(path)
            except (OSError, sqlite3.Error):
                _STATE["index"] = None
        return _STATE["index"]


def index_tokens(word: str, lang: str) -> list[str] | None:
    """The tokens wordfreq looks up for ``word``: :func:`plain_tokens` where they are plain (importing
    wordfreq's tokenizer costs a cold run about half a second), else wordfreq's own tokenizer (which needs
    no word list). None when a token has digits (wordfreq then weighs digit sequences its own way)."""
    tokens = plain_tokens(word, lang)
    if tokens is not None:
        return tokens
    from wordfreq.tokens import lossy_tokenize

    tokens = lossy_tokenize(word, lang)
    return None if any(character.isdigit() for token in tokens for character in token) else tokens


def plain_tokens(word: str, lang: str) -> list[str] | None:
    """wordfreq's tokens for the words whose tokenising is plain, or None: ASCII letters lower-cased and
    split at hyphens (``de-escalate`` → ``de``, ``escalate``), a lower-cased possessive or contraction
    (``Europe's``, ``Europe’s`` → ``europe's``; ``I'm``), Latin letters with diacritics
    (:func:`latin_letter_tokens`: ``Ştefan`` → ``ștefan``), and words of these joined by single spaces
    (the speller's split suggestions: ``pa tall`` → ``pa``, ``tall``)."""
    if " " in word:
        tokens: list[str] = []
        for part in word.split(" "):
            found = plain_tokens(part, lang) if part else None
            if found is None:
                return None
            tokens.extend(found)
        return tokens
    if word.isascii() and not (lang in _SPECIAL_CASE and not word.islower()):
        tokens = word.lower().split("-")
        if all(token.isalpha() for token in tokens):
            return tokens
    plain = word.replace("\u2019", "'")  # wordfreq uncurls the apostrophe
    if _APOSTROPHE_WORD.fullmatch(plain) and not (lang in _SPECIAL_CASE and not plain.islower()):
        return [plain.lower()]  # one token ("europe's"): no word break inside, no French elision
    return latin_letter_tokens(word, lang)


def _latin_letter(character: str) -> bool:
    """A precomposed Latin letter wordfreq's tokenizer keeps inside a word: Latin-1 and Latin Extended
    A/B and Additional letters (ASCII is handled before; Latin-1's signs, ``ª``, ``º``, ``µ`` and ``ŉ``,
    which case-folds to an apostrophe, are not)."""
    code = ord(character)
    return (0xC0 <= code < 0x250 or 0x1E00 <= code < 0x1F00) and code not in (0xD7, 0xF7, 0x149) and character.isalpha()


def _latin_part(part: str) -> bool:
    """Latin letters, or three or more of them, an apostrophe and more (``régime's``: one token)."""
    head, apostrophe, tail = part.partition("'")
    if apostrophe and (len(head) < 3 or not tail):
        return False
    return all((c.isascii() and c.isalpha()) or _latin_letter(c) for c in head + tail) and bool(head)


def latin_letter_tokens(word: str, lang: str) -> list[str] | None:
    """The tokens wordfreq looks up for a word of Latin letters with diacritics (``Ştefan``,
    ``Jean-Rémi``, ``Chávez's``), without importing its tokenizer (langcodes' tables and regexes: about a quarter of
    a second of a cold run): NFC, case-folded, Romanian cedillas as commas, split at hyphens, as
    ``wordfreq.tokens.lossy_tokenize`` does for the 15 languages here (Turkish: ``I`` → ``ı``, ``İ`` →
    ``i``, commas below as cedillas). None for anything else (marks left after NFC, digits, other
    scripts or punctuation): wordfreq decides."""
    if lang not in LANGUAGES:
        return None
    parts = unicodedata.normalize("NFC", word.replace("\u2019", "'")).split("-")
    if not all(_latin_part(part) for part in parts):
        return None
    if lang == "tr":  # dotted and dotless i kept apart, comma below as cedilla
        parts = [p.replace("\u0130", "i").replace("I", "\u0131").casefold() for p in parts]
        return [p.replace("\u0219", "\u015f").replace("\u021b", "\u0163") for p in parts]
    tokens = [part.casefold() for part in parts]
    if lang == "ro":
        tokens = [t.replace("\u015f", "\u0219").replace("\u0163", "\u021b") for t in tokens]
    return tokens


@lru_cache(maxsize=262144)
def zipf_frequency(word: str, lang: str) -> float:
    """Exactly ``wordfreq.zipf_frequency(word, lang)``, from the index where it can answer."""
    tokens = index_tokens(word, lang)
    index = shared_index() if tokens is not None else None
    if index is not None and lang in index.languages:
        return index.zipf(tokens, lang)  # type: ignore[arg-type]
    from wordfreq import zipf_frequency as wordfreq_zipf

    return wordfreq_zipf(word, lang)


def any_zipf_at_least(words: Iterable[str], lang: str, bar: float) -> bool:
    """Exactly ``any(zipf_frequency(w, lang) >= bar for w in words)``; the words that are one plain
    token are looked up together (a name's ~450 one-edit variants in a query or so, not 450)."""
    index = shared_index()
    single: list[str] = []
    for word in words:
        if bar <= 0:
            return True  # every word's Zipf is at least 0
        if index is not None and word.isascii() and word.isalpha() and word.islower() and lang in index.languages:
            single.append(word)  # what plain_tokens gives such a word: itself, one token
            continue
        tokens = plain_tokens(word, lang)
        if index is not None and lang in index.languages and tokens is not None and len(tokens) == 1:
            single.append(tokens[0])
        elif zipf_frequency(word, lang) >= bar:
            return True
    if not single:
        return False
    assert index is not None
    best = index.best_bucket(single, lang)
    return best is not None and _zipf([best]) >= bar  # Zipf falls as the bucket rises


if __name__ == "__main__":  # make setup: build the indexes once
    print(f"{build()}: wordfreq frequencies of {len(LANGUAGES)} languages indexed")
    from auditor.language import lexicon_index

    print(f"{lexicon_index.build()}: CMU dictionary, lemminflect's tables and Google Books counts indexed")
