"""English antonyms and synonyms from Princeton WordNet 3.0, read at set-up into the cache.

WordNet comes from Debian's ``wordnet-base`` package, pinned in ``auditor/bilingual/dictionaries.lock``
beside the bilingual dictionaries and fetched with them (``auditor dictionaries fetch``). Its licence
(the WordNet 3.0 licence: use, copy, modify and distribute for any purpose, with its notice) is
permissive, but the repository still holds none of its data: the four ``data.*`` files are parsed
here and written into one SQLite index in the user cache.

Each ``data.*`` line is a synset: ``offset lex_filenum ss_type w_cnt word lex_id ... p_cnt ptr... | gloss``
(``w_cnt`` two hex digits, a pointer ``symbol offset pos source/target`` with four hex digits, the
source and target word numbers, ``0000`` for the whole synset). Read from it:

* direct antonyms: the lexical ``!`` pointers (increase ↔ decrease, allow ↔ forbid, early ↔ late);
* indirect antonyms of adjectives: a satellite (``s``) is similar (``&``) to a head adjective, whose
  antonyms it inherits (deceased → alive), kept apart because they are looser;
* synonyms: the other words of the word's synsets; for adjectives, the words of its similar-to synsets
  apart (``similar``: dead ~ deceased, lifeless, gone);
* derivationally related words (``+``: safe → safety, safeness; die → death), by their part of speech.
"""

from __future__ import annotations

import marshal
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from auditor.word_index import KeyedIndex, write_index

#: Bumped when the parsing changes, so old indexes are rebuilt rather than read.
FORMAT = 3
#: ``data.<name>`` file → WordNet's part-of-speech letter of its synsets' keys.
FILES = {"data.noun": "n", "data.verb": "v", "data.adj": "a", "data.adv": "r"}


@dataclass(frozen=True)
class Synset:
    """One line of a ``data.*`` file: its words and pointers."""

    offset: str
    pos: str  # n, v, a, s, r
    words: tuple[str, ...]
    #: (symbol, target offset, target pos, source word number, target word number); numbers 1-based, 0 = synset.
    pointers: tuple[tuple[str, str, str, int, int], ...]

    @property
    def key(self) -> tuple[str, str]:
        """Its key among all synsets: (file letter, offset); satellites live in the adjective file."""
        return (_file_pos(self.pos), self.offset)


def _file_pos(pos: str) -> str:
    return "a" if pos == "s" else pos


def clean_word(word: str) -> str:
    """A WordNet word as text: underscores to spaces, adjective markers ``(a)``, ``(p)``, ``(ip)`` dropped."""
    if word.endswith(")") and "(" in word:
        word = word[: word.rindex("(")]
    return word.replace("_", " ").lower()


def parse_data(text: str) -> Iterator[Synset]:
    """The synsets of one ``data.*`` file (licence lines, which start with spaces, skipped)."""
    for line in text.splitlines():
        if not line or line.startswith(" "):
            continue
        fields = line.split(" | ", 1)[0].split()
        offset, pos = fields[0], fields[2]
        count = int(fields[3], 16)
        words = tuple(clean_word(fields[4 + 2 * i]) for i in range(count))
        at = 4 + 2 * count
        pointer_count = int(fields[at])
        pointers = []
        for i in range(pointer_count):
            symbol, target, target_pos, numbers = fields[at + 1 + 4 * i : at + 5 + 4 * i]
            pointers.append((symbol, target, target_pos, int(numbers[:2], 16), int(numbers[2:], 16)))
        yield Synset(offset, pos, words, tuple(pointers))


@dataclass
class Relations:
    """What the index holds, word → {pos letter: related words}."""

    antonyms: dict[str, dict[str, set[str]]]
    indirect: dict[str, dict[str, set[str]]]
    synonyms: dict[str, dict[str, set[str]]]
    similar: dict[str, dict[str, set[str]]]
    derived: dict[str, dict[str, set[str]]]


def _add(table: dict[str, dict[str, set[str]]], word: str, pos: str, others: Iterable[str]) -> None:
    found = {other for other in others if other != word}
    if found:
        table.setdefault(word, {}).setdefault(pos, set()).update(found)


def relations(synsets: Iterable[Synset]) -> Relations:
    """Direct antonyms, adjectives' indirect antonyms, synonyms and similar adjectives of every word of ``synsets``."""
    by_key = {synset.key: synset for synset in synsets}
    result = Relations({}, {}, {}, {}, {})
    for synset in by_key.values():
        pos = _file_pos(synset.pos)
        for word in synset.words:
            _add(result.synonyms, word, pos, synset.words)
        for symbol, target, target_pos, source_number, target_number in synset.pointers:
            other = by_key.get((_file_pos(target_pos), target))
            if other is None:
                continue
            if symbol == "!" and source_number and target_number:
                _add(result.antonyms, synset.words[source_number - 1], pos, [other.words[target_number - 1]])
            elif symbol == "+" and source_number and target_number:
                _add(result.derived, synset.words[source_number - 1], pos, [other.words[target_number - 1]])
            elif symbol == "&" and pos == "a":
                for word in synset.words:
                    _add(result.similar, word, pos, other.words)
                if synset.pos == "s" and other.pos == "a":
                    opposite = [
                        by_key[(_file_pos(p[2]), p[1])].words[p[4] - 1]
                        for p in other.pointers
                        if p[0] == "!" and p[4] and (_file_pos(p[2]), p[1]) in by_key
                    ]
                    for word in synset.words:
                        _add(result.indirect, word, pos, opposite)
    return result


def index_name(version: str) -> str:
    """The index file name of a WordNet package version."""
    return f"wordnet-{version}-{FORMAT}.sqlite3"


def write_wordnet(path: Path, files: dict[str, bytes], info: dict[str, str]) -> Path:
    """Parse the ``data.*`` files and write the index (``antonyms``, ``indirect``, ``synonyms``, ``similar``,
    ``derived``)."""
    synsets = [s for name in FILES if name in files for s in parse_data(files[name].decode("utf-8", "replace"))]
    found = relations(synsets)

    def rows(table: dict[str, dict[str, set[str]]]) -> Iterator[tuple[str, bytes]]:
        for word, by_pos in sorted(table.items()):
            yield word, marshal.dumps({pos: sorted(words) for pos, words in sorted(by_pos.items())})

    def fill(db: sqlite3.Connection) -> None:
        for name in ("antonyms", "indirect", "synonyms", "similar", "derived"):
            db.execute(f"CREATE TABLE {name} (word TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID")
            db.executemany(f"INSERT INTO {name} VALUES (?, ?)", rows(getattr(found, name)))
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        counts = {"synsets": str(len(synsets)), "antonym_words": str(len(found.antonyms))}
        db.executemany("INSERT INTO meta VALUES (?, ?)", sorted({**info, **counts}.items()))

    return write_index(path, fill)


class WordNetIndex(KeyedIndex):
    """The installed WordNet index, read lazily (a primary-key read per word, memoised)."""

    @lru_cache(maxsize=65536)  # noqa: B019 (one index per process, opened once: kept for its life)
    def _by_pos(self, table: str, word: str, more: str | None = None) -> dict[str, tuple[str, ...]]:
        """``word``'s words in ``table`` by part of speech, with those of ``more`` added after them."""
        merged: dict[str, list[str]] = {pos: list(words) for pos, words in (self._value(table, word) or {}).items()}
        if more is not None:
            for pos, words in (self._value(more, word) or {}).items():
                merged.setdefault(pos, []).extend(w for w in words if w not in merged[pos])
        return {pos: tuple(words) for pos, words in merged.items()}

    def antonyms(self, word: str, indirect: bool = False) -> dict[str, tuple[str, ...]]:
        """Antonyms of a lemma by part of speech (n, v, a, r); with ``indirect``, adjectives' inherited ones too."""
        return self._by_pos("antonyms", word, "indirect" if indirect else None)

    def synonyms(self, word: str, similar: bool = False) -> dict[str, tuple[str, ...]]:
        """Synonyms of a lemma by part of speech (its synsets' words); with ``similar``, similar adjectives too."""
        return self._by_pos("synonyms", word, "similar" if similar else None)

    def derived(self, word: str) -> dict[str, tuple[str, ...]]:
        """Words derivationally related to a lemma (safe → safety), by the lemma's part of speech."""
        return self._by_pos("derived", word)


@cache
def wordnet() -> WordNetIndex | None:
    """The installed WordNet index, opened once per process (None when ``auditor dictionaries fetch`` has not run)."""
    from auditor.bilingual.dictionaries import installed_wordnet

    path = installed_wordnet()
    return WordNetIndex(path) if path else None
