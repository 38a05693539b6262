"""English word and word-pair counts from Google Books, shipped offline by the ``symspellpy`` package.

``symspellpy`` (MIT) carries two frequency lists derived from the Google Books
Ngram corpus: 82,765 words and the 242,342 most frequent lower-case word pairs
(every pair seen at least ~6.4 million times). A pair missing from the list is
therefore rarer than that threshold; for two very common words that absence is
itself evidence (``in found`` is missing while ``found in`` is counted two
billion times). Read from the compact on-disk index (:mod:`auditor.language.lexicon_index`, built at
set-up) one lookup at a time; parsed whole from the package's files (~0.5 s, ~40 MB, once per process)
only when the index can be neither built nor read.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

WORDS_FILE = "frequency_dictionary_en_82_765.txt"
PAIRS_FILE = "frequency_bigramdictionary_en_243_342.txt"
#: The smallest count in the pair list: an unlisted pair was seen fewer times than this.
PAIR_THRESHOLD = 6_400_000
#: Stupid back-off's factor for a pair the list lacks (Brants et al. 2007 use 0.4).
BACKOFF = 0.4
#: log-units below the threshold for an unlisted pair whose words are common enough that chance
#: alone would have put it in the list (``an and``).
UNEXPECTED_ABSENCE = 3.0
#: The index keeps one-letter-longer candidates seen at least this often (a lower ``min_count`` reads the files).
LONGER_FLOOR = 1_000_000
#: The index keeps this many of the most frequent words in rank order (a larger ``common_size`` reads the files).
RANKED_SIZE = 10_000


@dataclass(frozen=True)
class PairCounts:
    """Word and word-pair counts (lower case)."""

    words: Mapping[str, int]
    #: keyed ``"first second"``
    pairs: Mapping[str, int]
    #: the ``common_size`` most frequent words: for two of them an unlisted pair is telling
    common: frozenset[str]
    total: int = 0  # all word occurrences
    _floor: int = 1
    _longer: dict[int, dict[str, tuple[str, ...]]] = field(default_factory=dict, repr=False, compare=False)
    #: short word -> ((longer word, count), ...) for longer words counted at least ``LONGER_FLOOR`` times
    _indexed_longer: Mapping[str, Any] | None = field(default=None, repr=False, compare=False)

    def pair(self, first: str, second: str) -> int | None:
        """How often ``first second`` occurs, or None when it is below the list's threshold."""
        return self.pairs.get(f"{first} {second}")

    @property
    def floor(self) -> int:
        """The word list's smallest count: a word missing from it was seen less often than this."""
        return self._floor

    def log_frequency(self, word: str) -> float:
        """log of how often ``word`` occurs (at most :attr:`floor` for a word the list lacks)."""
        return math.log(self.words.get(word, self._floor))

    def log_conditional(
        self, previous: str, word: str, log_frequency: Callable[[str], float] | None = None
    ) -> float:
        """log P(``word`` | ``previous``) with stupid back-off (Brants et al. 2007) to the word's frequency.

        An unlisted pair backs off to ``BACKOFF`` × the word's frequency, but never above
        what the list's threshold allows (it was seen fewer than ``PAIR_THRESHOLD`` times).
        ``log_frequency`` gives words' log counts (default :meth:`log_frequency`: a word the
        list lacks counts as :attr:`floor`).
        """
        frequency = log_frequency or self.log_frequency
        first = frequency(previous)
        count = self.pair(previous, word)
        if count is not None:
            return math.log(count) - first
        backoff = math.log(BACKOFF) + frequency(word) - math.log(self.total)
        ceiling = math.log(PAIR_THRESHOLD) - first
        if backoff < ceiling:
            return backoff
        # so common a pair would be listed: its absence says it is rarer than chance
        return ceiling - UNEXPECTED_ABSENCE

    def one_letter_longer(self, word: str, min_count: int) -> tuple[str, ...]:
        """Words seen at least ``min_count`` times that become ``word`` when one letter is dropped."""
        if self._indexed_longer is not None and min_count >= LONGER_FLOOR:
            found = self._indexed_longer.get(word, ())
            return tuple(longer for longer, count in found if count >= min_count)
        index = self._longer.get(min_count)
        if index is None:
            built: dict[str, set[str]] = {}
            for longer, count in self.words.items():
                if count >= min_count and longer.isalpha():
                    for i in range(len(longer)):
                        built.setdefault(longer[:i] + longer[i + 1 :], set()).add(longer)
            index = {short: tuple(sorted(found)) for short, found in built.items()}
            self._longer[min_count] = index
        return index.get(word, ())

    def junction(self, first: str, second: str, missing_penalty: float) -> float:
        """Log-plausibility of ``second`` right after ``first``.

        A listed pair scores the log of its count. An unlisted pair of two common words
        scores ``missing_penalty`` below the threshold (English uses them together far
        less than their frequency predicts); any other unlisted pair scores the threshold
        itself, saying nothing either way.
        """
        count = self.pair(first, second)
        if count is not None:
            return math.log(count)
        if first in self.common and second in self.common:
            return math.log(PAIR_THRESHOLD) - missing_penalty
        return math.log(PAIR_THRESHOLD)


_LOCK = threading.Lock()
_LOADED: dict[int, PairCounts] = {}
_STATE = {"whole": False}


def _fields(name: str) -> list[str]:
    return resources.files("symspellpy").joinpath(name).read_text(encoding="utf-8").split()


def word_counts() -> dict[str, int]:
    """The word list, parsed from the package's file."""
    fields = _fields(WORDS_FILE)  # "word count" per line
    return dict(zip(fields[0::2], map(int, fields[1::2]), strict=True))


def pair_table() -> dict[str, int]:
    """The pair list keyed ``"first second"``, parsed from the package's file."""
    fields = _fields(PAIRS_FILE)  # "first second count" per line
    keys = (f"{first} {second}" for first, second in zip(fields[0::3], fields[1::3], strict=True))
    return dict(zip(keys, map(int, fields[2::3]), strict=True))


def longer_table(words: Mapping[str, int], min_count: int = LONGER_FLOOR) -> dict[str, tuple[tuple[str, int], ...]]:
    """Short word -> the words counted at least ``min_count`` times that drop one letter to it."""
    built: dict[str, set[str]] = {}
    for longer, count in words.items():
        if count >= min_count and longer.isalpha():
            for i in range(len(longer)):
                built.setdefault(longer[:i] + longer[i + 1 :], set()).add(longer)
    return {short: tuple((w, words[w]) for w in sorted(found)) for short, found in built.items()}


def summary(words: Mapping[str, int]) -> dict[str, Any]:
    """What the counts need besides lookups: the total, the smallest count, the most frequent words ranked."""
    ranked = sorted(words, key=words.__getitem__, reverse=True)
    return {"total": sum(words.values()), "floor": min(words.values()), "ranked": ranked[:RANKED_SIZE]}


def _from_files(common_size: int) -> PairCounts:
    words = word_counts()
    facts = summary(words)
    ranked = facts["ranked"] if common_size <= RANKED_SIZE else sorted(words, key=words.__getitem__, reverse=True)
    return PairCounts(words, pair_table(), frozenset(ranked[:common_size]), facts["total"], facts["floor"])


def _from_index(common_size: int) -> PairCounts | None:
    from auditor.language.lexicon_index import table

    words, pairs, longer, facts = (table(name) for name in ("books_words", "books_pairs", "books_longer", "books_meta"))
    if words is None or pairs is None or longer is None or facts is None or common_size > RANKED_SIZE:
        return None
    common = frozenset(facts["ranked"][:common_size])
    return PairCounts(words, pairs, common, facts["total"], facts["floor"], _indexed_longer=longer)


def pair_counts(common_size: int = 1000) -> PairCounts:
    """The shared counts (once per process; thread-safe): read from the on-disk index a lookup at a time
    (a cold run asks for a few thousand of them), or held whole in memory after :func:`hold_whole`."""
    with _LOCK:
        loaded = _LOADED.get(common_size)
        if loaded is None:
            loaded = (None if _STATE["whole"] else _from_index(common_size)) or _from_files(common_size)
            _LOADED[common_size] = loaded
        return loaded


def hold_whole() -> None:
    """From now on, serve the counts from memory (~0.5 s and ~40 MB once): a long-lived process (``auditor
    serve``) asks for hundreds of thousands of pairs, where a dictionary beats an index lookup."""
    with _LOCK:
        if not _STATE["whole"]:
            _STATE["whole"] = True
            _LOADED.clear()
