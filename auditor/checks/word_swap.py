"""Neighbouring words in the wrong order, judged by two independent models of English word order.

For each pair of adjacent words ``a b`` the check asks how much more natural
the sentence reads as ``b a``:

* a **trigram language model** of general US English (:mod:`auditor.language.trigram_lm`)
  rescores the words whose context the swap changes (the two words and the two
  after them, and the sentence end where it is near); it knows content words and
  names (*violation serious*, *the States United*);
* **Google Books pair counts** (:mod:`auditor.language.ngrams`) compare the three word
  junctions the pair touches (``prev a``, ``a b``, ``b next``) with those of the
  swapped order, where the swapped pair itself is in the list; they are sharp on
  common words (*have may been*) and say nothing about rarer ones.

The evidence is the language model's gain plus half the pair-count gain. A swap
is reported when it exceeds :data:`MIN_EVIDENCE` (:data:`MIN_EVIDENCE_CONTENT` for
two content words, where both orders are often English: *card business*) and at
least two pieces of evidence agree (:data:`MIN_SECOND_GAIN`): a real misordering
damages the text in more than one place, a taste for a commoner compound in one.
The levels were set on the DEMETR dev split's word-swap items against 3,778 Wall
Street Journal sentences and the split's 1,000 human and machine translations
(docs/quality.md has the grid).

Never moved: acronyms (*KO*, *NATO*) and words neither model knows; a determiner
past the content word after it (*the killed man*, *a proposed law* are noun
phrases a trigram model would rather read as verbs); an adverb that may stand
before its auxiliary (*prices also were boosted*); in a question, an auxiliary before
its subject (*Where can I …?*, *Is this the tenth time …?*: the inversion is the
question's, 47 of DEMETR's question items and 2 of the untouched MLQE-PE segments were
flagged for it); a Roman numeral *I* after a name (*Mikhail I*, *Division I*). Numbers
and punctuation break the language model's context.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from auditor.checks.pair_count_check import PairCountCheck
from auditor.language.lexicon import DETERMINERS, FINITE_AUXILIARIES, FUNCTION_WORDS, MODALS, tokens
from auditor.language.ngrams import PAIR_THRESHOLD, PairCounts
from auditor.language.trigram_lm import SENTENCE_END, TrigramModel
from auditor.models import Finding
from auditor.rules_engine.check_rules import declared_rules

#: Combined evidence (language-model gain + half the pair-count gain, natural-log units) above which
#: a swap is reported: e^7.5 ≈ 1,800 times more plausible.
MIN_EVIDENCE = 7.5
#: The level for two content words (neither a function word): *business card* and *card business*
#: are both English, and a trigram model's taste for the commoner compound is weak evidence.
MIN_EVIDENCE_CONTENT = 10.0
#: The pair counts' weight in the combined evidence: they are cut at 6.4 million occurrences and
#: count three junctions against the language model's four predictions, so they weigh less.
PAIR_WEIGHT = 0.5
#: A misordering damages the text in more than one place: at least two of the rescored words must
#: read better (by this many log units) in the swapped order, not one strong collocation alone.
MIN_SECOND_GAIN = 1.0
#: How far below the list threshold an unlisted pair of two common words (the 1,000 most frequent,
#: ``PairCounts.common``) is put, in log units: their absence is evidence.
MISSING_PENALTY = 6.0
#: The language model rescores the two swapped words and the two after them (whose history changes).
RESCORED = 4
#: Finite auxiliaries and modal verbs.
_AUXILIARIES = FINITE_AUXILIARIES | MODALS
#: Adverbs that as often stand before an auxiliary as after it.
_PRE_AUXILIARY_ADVERBS = frozenset(
    {"also", "already", "still", "never", "often", "even", "just", "only", "always", "now", "then", "usually"}
)


#: The end of a question: a question mark, perhaps inside closing quotes or brackets.
_QUESTION_END = re.compile(r"\?[\"'”’)\]]*\s*$")


def _roman_one(toks: list[tuple[str, int, int]], i: int) -> bool:
    """``I`` after a capitalised word that is not a function word: a regnal or ordinal numeral
    (*Mikhail I*, *World War I*, *Division I*), not the pronoun."""
    if toks[i][0] != "I" or i == 0:
        return False
    before = toks[i - 1][0]
    return before[:1].isupper() and before.isalpha() and before.lower() not in _FUNCTION_WORDS


def _adverb(word: str) -> bool:
    return word in _PRE_AUXILIARY_ADVERBS or (word.endswith("ly") and len(word) > 4)


#: Words whose place in the sentence is grammar, not content (modal verbs included).
_FUNCTION_WORDS = FUNCTION_WORDS | _AUXILIARIES | frozenset({"no"})


@dataclass(frozen=True)
class _Swap:
    index: int  # of the first word of the pair, in the sentence's tokens
    model_gains: tuple[float, ...]  # per rescored word: ln(P swapped / P as written); () without an opinion
    pair_gain: float | None  # the pair counts' summed log gain, None where they have no opinion
    content: bool  # both words are content words

    @property
    def model_gain(self) -> float:
        return sum(self.model_gains)

    @property
    def evidence(self) -> float:
        return self.model_gain + PAIR_WEIGHT * (self.pair_gain or 0.0)

    @property
    def reported(self) -> bool:
        # for two content words the pair counts' taste for a compound is no second witness
        counted = self.pair_gain is not None and not self.content
        pieces = sorted([*self.model_gains, *([PAIR_WEIGHT * self.pair_gain] if counted else [])])
        if len(pieces) > 1 and pieces[-2] <= MIN_SECOND_GAIN:
            return False  # one strong collocation alone
        return self.evidence > (MIN_EVIDENCE_CONTENT if self.content else MIN_EVIDENCE)


def _usable(token: str, first: bool, counts: PairCounts) -> bool:
    """A lower-case (or sentence-initial) word the pair counts know."""
    if not token[0].isalpha():
        return False
    if token[0].isupper() and not (token == "I" or (first and (len(token) == 1 or token[1:].islower()))):
        return False  # a name or an acronym
    return token.lower() in counts.words


def _model_word(token: str, model: TrigramModel) -> str | None:
    """``token`` as the language model reads it, or None (punctuation, numbers, acronyms, unknown words)."""
    if not token[0].isalpha() or (len(token) > 1 and token.isupper()):
        return None
    word = token.lower()
    return word if model.knows(word) else None


def _swapped(first: str, second: str, sentence_initial: bool) -> str:
    """``second first``; a sentence's capital moves to the new first word (``Have may`` → ``May have``).

    Elsewhere each word keeps its own casing (``States United`` → ``United States``).
    """
    if sentence_initial and first[1:].islower() and second.islower():
        return f"{second[:1].upper()}{second[1:]} {first.lower()}"
    return f"{second} {first}"


def _count_text(count: int | None) -> str:
    if count is None:
        return f"fewer than {PAIR_THRESHOLD / 1e6:.1f} million times"
    if count >= 1e9:
        return f"{count / 1e9:.1f} billion times"
    return f"{count / 1e6:.0f} million times"


def _times(log_gain: float) -> str:
    """e^gain in words (``about 3,000 times``, ``about 10^6 times``)."""
    if log_gain < math.log(1e5):
        return f"about {round(math.exp(log_gain), -2 if log_gain > math.log(1e3) else -1):,.0f} times"
    return f"about 10^{log_gain / math.log(10):.0f} times"


(SWAPPED_WORDS,) = declared_rules("word-swap", "swapped-words")  # rules/checks/word-swap.yaml


class WordSwapCheck(PairCountCheck):
    """Flags two neighbouring words that English almost always has the other way round."""

    name = "word-swap"

    def _sentence(self, text: str, offset: int) -> Iterator[Finding]:
        toks = tokens(text)
        swaps = [s for s in self._candidates(text, toks) if s.reported]
        taken: set[int] = set()
        for swap in sorted(swaps, key=lambda s: -s.evidence):  # best first; no two findings share a word
            if {swap.index, swap.index + 1} & taken:
                continue
            taken |= {swap.index, swap.index + 1}
            yield self._finding(text, offset, toks, swap)

    def _candidates(self, text: str, toks: list[tuple[str, int, int]]) -> Iterator[_Swap]:
        words = [t[0].lower() for t in toks]
        roman = [_roman_one(toks, i) for i in range(len(toks))]
        usable = [_usable(t[0], i == 0, self.counts) and not roman[i] for i, t in enumerate(toks)]
        modelled = [None if roman[i] else _model_word(t[0], self.model) for i, t in enumerate(toks)]
        question = bool(_QUESTION_END.search(text))
        # the sentence ends after its last word or number: closing punctuation does not break the context
        last = max((i for i, t in enumerate(toks) if t[0][0].isalnum()), default=-1)
        sequence = [*modelled[: last + 1], SENTENCE_END]
        span = self.model.span_log_prob
        written = [span(sequence, k, k + 1) for k in range(len(sequence))]  # each word scored once
        for i in range(len(toks) - 1):
            if words[i] == words[i + 1] or text[toks[i][2] : toks[i + 1][1]] != " ":
                continue
            if words[i] in DETERMINERS and words[i + 1] not in FUNCTION_WORDS:
                continue  # "the killed man", "a proposed law": a noun phrase, not "killed the"
            if _adverb(words[i]) and words[i + 1] in _AUXILIARIES:
                continue  # "prices also were boosted": an adverb may stand before the auxiliary
            if question and words[i] in _AUXILIARIES and words[i + 1] not in _AUXILIARIES:
                continue  # "Where can I ...?": a question puts the auxiliary before its subject
            if roman[i] or roman[i + 1]:
                continue  # "Mikhail I since": a numeral, not the pronoun
            model_gains = self._model_gains(sequence, written, i) if i < last else ()
            pair_gain = self._pair_gain(words, usable, i)
            if model_gains or pair_gain is not None:
                content = words[i] not in _FUNCTION_WORDS and words[i + 1] not in _FUNCTION_WORDS
                yield _Swap(i, model_gains, pair_gain, content)

    def _model_gains(self, sequence: list[str | None], written: list[float], i: int) -> tuple[float, ...]:
        """Per word whose context the swap changes: ln(P(swapped) / P(as written)).

        ``written`` holds each word's log-probability as written (scored once per sentence).
        """
        if sequence[i] is None or sequence[i + 1] is None:
            return ()
        swapped = _SwappedView(sequence, i)  # not a copy: copying per candidate was quadratic in the sentence
        span = self.model.span_log_prob
        return tuple(span(swapped, k, k + 1) - written[k] for k in range(i, min(len(sequence), i + RESCORED)))

    def _pair_gain(self, words: list[str], usable: list[bool], i: int) -> float | None:
        """Summed log-count gain of the swapped order's three junctions, or None without evidence."""
        a, b = words[i], words[i + 1]
        if not (usable[i] and usable[i + 1]) or self.counts.pair(b, a) is None:
            return None  # the swapped order itself must be attested, not just its surroundings
        junction = self.counts.junction
        kept = junction(a, b, MISSING_PENALTY)
        swapped = junction(b, a, MISSING_PENALTY)
        if i > 0 and usable[i - 1]:
            kept += junction(words[i - 1], a, MISSING_PENALTY)
            swapped += junction(words[i - 1], b, MISSING_PENALTY)
        if i + 2 < len(words) and usable[i + 2]:
            kept += junction(b, words[i + 2], MISSING_PENALTY)
            swapped += junction(a, words[i + 2], MISSING_PENALTY)
        return swapped - kept

    def _finding(self, text: str, offset: int, toks: list[tuple[str, int, int]], swap: _Swap) -> Finding:
        (first, start, _), (second, _, end) = toks[swap.index], toks[swap.index + 1]
        fix = _swapped(first, second, swap.index == 0)
        evidence = []
        if swap.model_gain >= math.log(10):
            evidence.append(f"a general-English language model finds “{fix}” here {_times(swap.model_gain)} likelier")
        if swap.pair_gain is not None and swap.pair_gain > 0:
            a, b = first.lower(), second.lower()
            evidence.append(
                f"Google Books has “{b} {a}” {_count_text(self.counts.pair(b, a))} and “{a} {b}” "
                f"{_count_text(self.counts.pair(a, b))}"
            )
        message = f"“{first} {second}” looks like two words in the wrong order: {'; '.join(evidence)}."
        return SWAPPED_WORDS.at(offset + start, offset + end, message, (fix,))


class _SwappedView(Sequence["str | None"]):
    """``sequence`` with items ``i`` and ``i + 1`` exchanged, without copying it."""

    def __init__(self, sequence: list[str | None], i: int) -> None:
        self._sequence, self._i = sequence, i

    def __len__(self) -> int:
        return len(self._sequence)

    def __getitem__(self, k: int) -> str | None:  # type: ignore[override]
        if k == self._i:
            return self._sequence[k + 1]
        if k == self._i + 1:
            return self._sequence[k - 1]
        return self._sequence[k]
