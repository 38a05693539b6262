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

A second, independent model then has its say: the general-English trigram language
model (:mod:`auditor.language.trigram_lm`) rescores the word and the two after it with
the candidate in its place, the candidate's greater frequency taken out, so that only
the context speaks. When the context makes the candidate likelier by at least
:data:`MIN_MODEL_GAIN` (the word as written unknown to the model counts as agreement),
the finding is ``real-word-typo``; otherwise it is ``real-word-typo-unconfirmed``, a
lead (``rules/calibration.yaml``: hint). The pair counts alone took ``fir trees`` for
``fire trees`` and ``The lad is`` for ``The land is``; the language model knows both.

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
from auditor.language.trigram_lm import SENTENCE_END, TrigramModel
from auditor.models import Finding
from auditor.rules_engine.check_rules import declared_rules

#: Log-probability gain above which the longer word is reported.
MIN_GAIN = 10.0
#: Candidates must be at least this common (Google Books count; ``was``: 3.5 billion).
MIN_CANDIDATE_COUNT = 10_000_000
#: Weight of the frequency prior, for ordinary and for short (<= 3 letters) words.
PRIOR_WEIGHT = 0.5
SHORT_PRIOR_WEIGHT = 1.0
#: The language model agrees when the context alone (the candidate's frequency taken out) makes the
#: candidate this much likelier (natural log: e ≈ 2.7 times), the margin the swap check asks of
#: each of its witnesses (``word_swap.MIN_SECOND_GAIN``).
MIN_MODEL_GAIN = 1.0
#: The language model rescores the word and the words after it whose history it is (a trigram model).
MODEL_WINDOW = 3


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


REAL_WORD_TYPO, REAL_WORD_TYPO_UNCONFIRMED = declared_rules(
    "real-words", "real-word-typo", "real-word-typo-unconfirmed"
)  # rules/checks/real-words.yaml


def _model_sequence(toks: list[tuple[str, int, int]], model: TrigramModel) -> list[str | None]:
    """The sentence as the language model reads it: known lower-case words, ``None`` for a break
    (punctuation, numbers, acronyms, unknown words), the sentence end after the last word or number."""
    last = max((i for i, t in enumerate(toks) if t[0][0].isalnum()), default=-1)
    sequence: list[str | None] = []
    for token, _, _ in toks[: last + 1]:
        word = token.lower()
        usable = token[0].isalpha() and not (len(token) > 1 and token.isupper()) and model.knows(word)
        sequence.append(word if usable else None)
    return [*sequence, SENTENCE_END]


def model_gain(model: TrigramModel, sequence: list[str | None], i: int, longer: str) -> float | None:
    """ln(P(context | ``longer``) / P(context | the word)) at position ``i`` of ``sequence``: the
    language model's score of the word and the two after it with ``longer`` in its place, less
    the difference of the two words' own probabilities. None when the model lacks ``longer``;
    ``inf`` when it lacks the word as written (nothing in the context speaks for it)."""
    word = sequence[i] if i < len(sequence) else None
    if not model.knows(longer):
        return None
    if word is None:
        return math.inf
    replaced = [*sequence[:i], longer, *sequence[i + 1 :]]
    stop = min(len(sequence), i + MODEL_WINDOW)
    span = model.span_log_prob
    context = span(replaced, i, stop) - span(sequence, i, stop)
    return context - (model.log_prob(longer) - model.log_prob(word))


class RealWordCheck(PairCountCheck):
    """Flags a word that is most likely a common word with one letter dropped."""

    name = "real-words"

    def _sentence(self, text: str, offset: int) -> Iterator[Finding]:
        toks = tokens(text)
        known = self.counts.words
        words = [t[0].lower() for t in toks]
        sequence: list[str | None] | None = None
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
                if sequence is None:
                    sequence = _model_sequence(toks, self.model)
                confirmation = model_gain(self.model, sequence, i, longer)
                confirmed = confirmation is not None and confirmation >= MIN_MODEL_GAIN
                yield self._finding(
                    token, longer, previous, following, offset + start, offset + end, gain, confirmed
                )

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
        confirmed: bool = True,
    ) -> Finding:
        context = " … ".join(
            f"“{pair}”" for pair in (previous and f"{previous} {longer}", following and f"{longer} {following}") if pair
        )
        message = (
            f"“{token}” is a word, but here it is most likely a typo for “{longer}”: {context} is far more "
            f"usual English (Google Books counts, about 10^{gain / 2.302585:.0f} times more likely in this context)."
        )
        if not confirmed:
            message += (
                " A general-English language model does not agree that the context asks for it, so this is"
                " only a lead: check the word."
            )
            return REAL_WORD_TYPO_UNCONFIRMED.at(start, end, message, (_with_case(token, longer),))
        return REAL_WORD_TYPO.at(start, end, message, (_with_case(token, longer),))
