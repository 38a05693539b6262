"""Neighbouring words in the wrong order, found from how often English puts them the other way.

For each pair of adjacent words ``a b`` the check compares the three word
junctions the pair touches (``prev a``, ``a b``, ``b next``) with those of the
swapped order (``prev b``, ``b a``, ``a next``) in Google Books pair counts
(:mod:`auditor.ngrams`). A swap is reported only when the swapped pair itself
is attested (so the suggestion is a real English pair, not a misspelling moved
about) and the swapped order is overwhelmingly more usual: the summed log-count gain must exceed
:data:`MIN_GAIN` (about e^10 ≈ 22,000 times more plausible), a level at which
the check stays silent on the 1,000 human and machine translations of the
DEMETR dev split, the seed story and the clean-news test corpus.

Names and acronyms are left alone (capitalised words inside a sentence, words
in capitals): pair counts are lower-case and say nothing about ``Hong Kong``.
Words the frequency list does not know are skipped for the same reason.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from auditor.checks.pair_count_check import PairCountCheck
from auditor.lexicon import tokens
from auditor.models import Finding, Severity
from auditor.ngrams import PAIR_THRESHOLD, PairCounts

#: Summed log-count gain above which the swapped order is reported.
MIN_GAIN = 10.0
#: How far below the list threshold an unlisted pair of two common words (the 1,000 most frequent,
#: ``PairCounts.common``) is put, in log units: their absence is evidence.
MISSING_PENALTY = 6.0


@dataclass(frozen=True)
class _Swap:
    index: int  # of the first word of the pair, in the sentence's tokens
    gain: float


def _usable(token: str, first: bool, counts: PairCounts) -> bool:
    """A lower-case (or sentence-initial) word the pair counts know."""
    if not token[0].isalpha():
        return False
    if token[0].isupper() and not (token == "I" or (first and (len(token) == 1 or token[1:].islower()))):
        return False  # a name or an acronym
    return token.lower() in counts.words


def _swapped(first: str, second: str) -> str:
    """``second first``, with a capital moved to the new first word (``Have may`` → ``May have``)."""
    if first[:1].isupper() and first != "I":
        return f"{second[:1].upper()}{second[1:]} {first.lower()}"
    return f"{second} {first}"


def _count_text(count: int | None) -> str:
    if count is None:
        return f"fewer than {PAIR_THRESHOLD / 1e6:.1f} million times"
    if count >= 1e9:
        return f"{count / 1e9:.1f} billion times"
    return f"{count / 1e6:.0f} million times"


class WordSwapCheck(PairCountCheck):
    """Flags two neighbouring words that English almost always has the other way round."""

    name = "word-swap"

    rules: ClassVar[dict[str, dict]] = {
        "swapped-words": {
            "description": "Two neighbouring words in an order English almost never uses, where the "
            "swapped order is common (“Comets have may been”, “are than more willing”). Decided from Google "
            "Books word-pair counts around the pair; names, acronyms and unknown words are skipped.",
            "category": "fluency/word-order",
            "severity": "minor",
            "examples": {
                "bad": [
                    "Comets have may been the source of Earth's water.",
                    "Talks resume if the rebels are than more willing.",
                    "It is one of the largest in world the.",
                ],
                "good": [
                    "Comets may have been the source of Earth's water.",
                    "The most eager is Oregon, which has enlisted 5,000 drivers.",
                    "Hong Kong Island is hit by the storm.",
                ],
            },
        },
    }

    def _sentence(self, text: str, offset: int) -> Iterator[Finding]:
        toks = tokens(text)
        words = [t[0].lower() for t in toks]
        usable = [_usable(t[0], i == 0, self.counts) for i, t in enumerate(toks)]
        swaps = [s for s in self._candidates(words, usable) if s.gain > MIN_GAIN]
        taken: set[int] = set()
        for swap in sorted(swaps, key=lambda s: -s.gain):  # best first; no two findings share a word
            if {swap.index, swap.index + 1} & taken:
                continue
            taken |= {swap.index, swap.index + 1}
            yield self._finding(text, offset, toks, swap)

    def _candidates(self, words: list[str], usable: list[bool]) -> Iterator[_Swap]:
        junction = self.counts.junction
        for i in range(len(words) - 1):
            a, b = words[i], words[i + 1]
            if a == b or not (usable[i] and usable[i + 1]) or self.counts.pair(b, a) is None:
                continue  # the swapped order itself must be attested, not just its surroundings
            kept = junction(a, b, MISSING_PENALTY)
            swapped = junction(b, a, MISSING_PENALTY)
            if i > 0 and usable[i - 1]:
                kept += junction(words[i - 1], a, MISSING_PENALTY)
                swapped += junction(words[i - 1], b, MISSING_PENALTY)
            if i + 2 < len(words) and usable[i + 2]:
                kept += junction(b, words[i + 2], MISSING_PENALTY)
                swapped += junction(a, words[i + 2], MISSING_PENALTY)
            yield _Swap(i, swapped - kept)

    def _finding(self, text: str, offset: int, toks: list[tuple[str, int, int]], swap: _Swap) -> Finding:
        (first, start, first_end), (second, second_start, end) = toks[swap.index], toks[swap.index + 1]
        if text[first_end:second_start] != " ":
            suggestions: tuple[str, ...] = ()
        else:
            suggestions = (_swapped(first, second),)
        a, b = first.lower(), second.lower()
        message = (
            f"“{first} {second}” looks like two words in the wrong order: English writes “{b} {a}” "
            f"({_count_text(self.counts.pair(b, a))} in Google Books, “{a} {b}” "
            f"{_count_text(self.counts.pair(a, b))}), and the words around the pair agree "
            f"(swapped order about 10^{swap.gain / math.log(10):.0f} times more plausible)."
        )
        return Finding(
            rule="swapped-words",
            category="fluency/word-order",
            severity=Severity.MINOR,
            start=offset + start,
            end=offset + end,
            message=message,
            suggestions=suggestions,
        )
