"""Typos that happen to be words: ``he as excited``, ``10 ears ago``, ``found guilt of``.

A dropped letter often leaves another English word, which no dictionary check
can see. For each word the check looks at the common words one letter longer
(``as`` → ``was``, ``eat`` → ``beat``) and compares, with Google Books word-pair
counts (:mod:`auditor.language.ngrams`), how well each fits between its neighbours:
``log P(candidate | previous) + log P(next | candidate)`` against the same for
the word as written, plus half the log ratio of their frequencies (a full one
for words of up to three letters, which are rarely meant in running text:
``re``). A short lower-case word missing from the list (``ad``, ``ha``) has no
pair counts of its own, so there the neighbours alone decide, with wordfreq's web
frequency standing in for its count.
The candidate is reported when it wins by more than
:data:`MIN_GAIN` (a factor of about e^10 ≈ 22,000), and only when one of its
pairs with the neighbours is attested, so the suggestion is a real English pair.

Left alone: names and acronyms (capitalised inside a sentence, all capitals),
other forms of the same word (``poll``/``polls``: number is grammar, not
spelling) and British/American spellings (``behavior``/``behaviour``,
``traveled``/``travelled``). At this level the check fires on 2 of the 500 human
translations of the DEMETR dev split and on none of the clean-news corpus.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from functools import lru_cache

from auditor.checks.pair_count_check import PairCountCheck
from auditor.language.lexicon import tokens, zipf
from auditor.models import Finding
from auditor.rules_engine.check_rules import declared_rules

#: Log-probability gain above which the longer word is reported.
MIN_GAIN = 10.0
#: Candidates must be at least this common (Google Books count; ``was``: 3.5 billion).
MIN_CANDIDATE_COUNT = 10_000_000
#: Weight of the frequency prior, for ordinary and for short (<= 3 letters) words.
PRIOR_WEIGHT = 0.5
SHORT_PRIOR_WEIGHT = 1.0


@lru_cache(maxsize=65536)
def _lemmas(word: str) -> frozenset[str]:
    from auditor.language.inflect import getAllLemmas

    return frozenset(lemma for lemmas in getAllLemmas(word).values() for lemma in lemmas) | {word}


def _log_web_frequency(word: str) -> float:
    """log of wordfreq's share of ``word`` among English words (Zipf 3 = once per million)."""
    return (zipf(word) - 9.0) * math.log(10)


def _spelling_variant(word: str, longer: str) -> bool:
    """British and American spellings of one word (``color``/``colour``, ``aging``/``ageing``)."""
    return any(longer.replace(long, short) == word for long, short in _VARIANTS)


_VARIANTS = (("our", "or"), ("ll", "l"), ("dgement", "dgment"), ("eing", "ing"), ("mme", "m"))


def _judged(token: str, first: bool) -> bool:
    """A word written in lower case (or capitalised only because it opens the sentence)."""
    return token.isalpha() and (token.islower() or (first and token[1:].islower()))


def _standalone(text: str, start: int, end: int) -> bool:
    """A word of its own, not the tail of ``19th``, ``1850s``, ``802.11b`` or ``1850's``."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return (before.isspace() or before in "“\"(‘[—–") and not after.isalnum() and after not in "’'"


def _with_case(token: str, word: str) -> str:
    return word[:1].upper() + word[1:] if token[:1].isupper() else word


(REAL_WORD_TYPO,) = declared_rules("real-words", "real-word-typo")  # rules/checks/real-words.yaml


class RealWordCheck(PairCountCheck):
    """Flags a word that is most likely a common word with one letter dropped."""

    name = "real-words"

    def _sentence(self, text: str, offset: int) -> Iterator[Finding]:
        toks = tokens(text)
        known = self.counts.words
        words = [t[0].lower() for t in toks]
        for i, (token, start, end) in enumerate(toks):
            word = words[i]
            unlisted_short = word not in known and token.islower() and len(word) <= 3
            if not _judged(token, i == 0) or (word not in known and not unlisted_short):
                continue
            if not _standalone(text, start, end):
                continue
            previous = words[i - 1] if i > 0 and words[i - 1] in known else None
            following = words[i + 1] if i + 1 < len(words) and words[i + 1] in known else None
            if previous is None and following is None:
                continue
            best = self._best(word, previous, following)
            if best is not None:
                longer, gain = best
                yield self._finding(token, longer, previous, following, offset + start, offset + end, gain)

    def _log_frequency(self, word: str) -> float:
        """The word's log count; for one the Google Books list lacks, wordfreq's web frequency
        scaled to the list (``ad`` is rare in books, common in news), at least the list's floor."""
        counts = self.counts
        if word in counts.words:
            return counts.log_frequency(word)
        return max(counts.log_frequency(word), _log_web_frequency(word) + math.log(counts.total))

    def _log_conditional(self, previous: str, word: str) -> float:
        return self.counts.log_conditional(previous, word, self._log_frequency)

    def _best(self, word: str, previous: str | None, following: str | None) -> tuple[str, float] | None:
        counts = self.counts
        weight = SHORT_PRIOR_WEIGHT if len(word) <= 3 else PRIOR_WEIGHT
        best: tuple[str, float] | None = None
        for longer in counts.one_letter_longer(word, MIN_CANDIDATE_COUNT):
            attested = (previous is not None and counts.pair(previous, longer) is not None) or (
                following is not None and counts.pair(longer, following) is not None
            )
            if not attested or _spelling_variant(word, longer) or _lemmas(word) & _lemmas(longer):
                continue
            context = 0.0
            conditional = self._log_conditional
            if previous is not None:
                context += conditional(previous, longer) - conditional(previous, word)
            if following is not None:
                context += conditional(longer, following) - conditional(word, following)
            if word in counts.words:
                gain = context + weight * (counts.log_frequency(longer) - counts.log_frequency(word))
            else:  # no pair counts for the word itself: the neighbours alone must decide
                gain = context
            if gain > MIN_GAIN and (best is None or gain > best[1]):
                best = (longer, gain)
        return best

    def _finding(
        self, token: str, longer: str, previous: str | None, following: str | None, start: int, end: int,
        gain: float,
    ) -> Finding:
        context = " … ".join(
            f"“{pair}”" for pair in (previous and f"{previous} {longer}", following and f"{longer} {following}") if pair
        )
        message = (
            f"“{token}” is a word, but here it is most likely a typo for “{longer}”: {context} is far more "
            f"usual English (Google Books counts, about 10^{gain / 2.302585:.0f} times more likely in this context)."
        )
        return REAL_WORD_TYPO.at(start, end, message, (_with_case(token, longer),))
