"""Match compiled patterns against a sentence's tokens.

Matching is leftmost-first with backtracking: optional tokens are tried
present first, gaps shortest first. The flagged span runs from the first to the
last token that is not marked ``context``.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from auditor.rules_engine.inflection import all_forms, tags_of
from auditor.rules_engine.model import Condition, PatternItem, Rule, TokenSpec
from auditor.rules_engine.tokens import Token

Captures = dict[str, tuple[int, int]]
WordSets = dict[str, frozenset[str]]


@dataclass(frozen=True)
class Match:
    """Where a pattern matched: token indices [first, last), the flagged part and named captures."""

    first: int
    last: int
    span_first: int
    span_last: int
    captures: Captures


def token_matches(spec: TokenSpec, tokens: Sequence[Token], index: int, sets: WordSets) -> bool:
    """Whether ``tokens[index]`` satisfies ``spec``."""
    token = tokens[index]
    norm = token.norm
    if spec.words is not None and norm not in spec.words:
        return False
    if spec.lemma_forms is not None:
        if norm not in spec.lemma_forms:
            return False
        if spec.tags is not None and not any(
            tag in spec.tags for lemma in spec.lemmas for tag in tags_of(norm, lemma, spec.pos)
        ):
            return False
    if spec.sets is not None and not any(norm in sets[name] for name in spec.sets):
        return False
    if spec.regex is not None and not spec.regex.fullmatch(token.text):
        return False
    if spec.case is not None and not case_ok(spec.case, token.text):
        return False
    if spec.sentence_start is not None and (index == 0) != spec.sentence_start:
        return False
    if spec.any_of and not any(token_matches(s, tokens, index, sets) for s in spec.any_of):
        return False
    return not (spec.negated is not None and token_matches(spec.negated, tokens, index, sets))


def case_ok(case: str, text: str) -> bool:
    """Whether a token written ``text`` has the casing ``case`` (lower, upper, capitalized, title)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    if case == "lower":
        return all(c.islower() for c in letters)
    if case == "upper":
        return all(c.isupper() for c in letters)
    if case == "capitalized":
        return letters[0].isupper()
    return letters[0].isupper() and all(c.islower() for c in letters[1:])  # title


def _walk(
    items: Sequence[PatternItem], i: int, pos: int, tokens: Sequence[Token], sets: WordSets,
    taken: list[tuple[int, int, PatternItem]],
) -> Iterator[list[tuple[int, int, PatternItem]]]:
    """Yield every way ``items[i:]`` matches from token ``pos`` (as (start, end, item) steps)."""
    if i == len(items):
        yield taken
        return
    item = items[i]
    if item.gap is not None:
        for width in range(item.gap + 1):
            end = pos + width
            if end > len(tokens):
                break
            if width and not token_matches(item.spec, tokens, end - 1, sets):
                break
            yield from _walk(items, i + 1, end, tokens, sets, [*taken, (pos, end, item)])
        return
    if pos < len(tokens) and token_matches(item.spec, tokens, pos, sets):
        yield from _walk(items, i + 1, pos + 1, tokens, sets, [*taken, (pos, pos + 1, item)])
    if item.optional:
        yield from _walk(items, i + 1, pos, tokens, sets, [*taken, (pos, pos, item)])


def find_matches(
    items: Sequence[PatternItem], tokens: Sequence[Token], sets: WordSets, starts: Iterable[int] | None = None
) -> Iterator[Match]:
    """Non-overlapping matches of ``items`` in ``tokens``, left to right.

    ``starts``, ascending, are the only token indices a match can start at (see :func:`first_words`);
    None tries every token.
    """
    free = 0  # the first token not inside an earlier match
    for start in range(len(tokens)) if starts is None else starts:
        if start < free:
            continue
        found = next(_walk(items, 0, start, tokens, sets, []), None)
        if found is None or all(s == e for s, e, _ in found):
            continue
        yield _to_match(found)
        free = max(found[-1][1], start + 1)


def first_words(items: Sequence[PatternItem], sets: WordSets) -> frozenset[str] | None:
    """The normalised words a match of ``items`` can start with (None: any token may start one)."""
    if not items or items[0].optional or items[0].gap is not None:
        return None
    return required_words(items[0].spec, sets)


def required_words(spec: TokenSpec, sets: WordSets) -> frozenset[str] | None:
    """The normalised words a token must be to satisfy ``spec`` (None: not limited to a word list)."""
    lists: list[frozenset[str]] = [words for words in (spec.words, spec.lemma_forms) if words is not None]
    if spec.sets is not None:
        lists.append(frozenset().union(*(sets[name] for name in spec.sets)))
    if spec.any_of:
        options = [required_words(option, sets) for option in spec.any_of]
        if all(option is not None for option in options):
            lists.append(frozenset().union(*options))
    if not lists:
        return None
    return frozenset.intersection(*lists)


def _to_match(steps: list[tuple[int, int, PatternItem]]) -> Match:
    filled = [(s, e, item) for s, e, item in steps if e > s]
    first, last = filled[0][0], filled[-1][1]
    flagged = [(s, e) for s, e, item in filled if not item.context] or [(first, last)]
    captures: Captures = {}
    for s, e, item in filled:
        if item.name:
            old = captures.get(item.name)
            captures[item.name] = (min(old[0], s), max(old[1], e)) if old else (s, e)
    return Match(first, last, flagged[0][0], flagged[-1][1], captures)


def max_width(items: Sequence[PatternItem]) -> int:
    """The most tokens a match of ``items`` can span (a gap of n counts n, any other item 1)."""
    return sum(item.gap if item.gap is not None else 1 for item in items)


def overlapping_match(
    items: Sequence[PatternItem], tokens: Sequence[Token], sets: WordSets, first: int, last: int
) -> bool:
    """Whether some match of ``items`` overlaps tokens ``[first, last)``.

    Only starts from which a match can reach the span are tried, so the cost is bounded by the
    pattern's width, not the sentence's length (a 200 KB sentence took 65 s when every exception
    was searched over the whole sentence for every match).
    """
    for start in range(max(0, first - max_width(items) + 1), min(last, len(tokens))):
        steps = next(_walk(items, 0, start, tokens, sets, []), None)  # leftmost-first, as find_matches
        filled = [(s, e) for s, e, _ in steps or () if e > s]
        if filled and filled[0][0] < last and first < filled[-1][1]:
            return True
    return False


class SentenceMemo:
    """Per-sentence answers shared by every match: which tokens satisfy a sentence-wide condition."""

    def __init__(self) -> None:
        self._hits: dict[int, list[int]] = {}

    def hits(self, condition: Condition, tokens: Sequence[Token], sets: WordSets) -> list[int]:
        """Ascending indices of the tokens that satisfy ``condition``'s token description."""
        key = id(condition)
        if key not in self._hits:
            self._hits[key] = [i for i in range(len(tokens)) if token_matches(condition.spec, tokens, i, sets)]
        return self._hits[key]


def conditions_hold(
    rule: Rule, match: Match, tokens: Sequence[Token], sets: WordSets, memo: SentenceMemo | None = None
) -> bool:
    """``requires`` all met, no ``excludes`` met, no exception pattern overlapping the match."""
    memo = memo or SentenceMemo()
    if not all(_near(c, match, tokens, sets, memo) for c in rule.requires):
        return False
    if any(_near(c, match, tokens, sets, memo) for c in rule.excludes):
        return False
    return not any(overlapping_match(e, tokens, sets, match.first, match.last) for e in rule.exceptions)


def _near(condition: Condition, match: Match, tokens: Sequence[Token], sets: WordSets, memo: SentenceMemo) -> bool:
    if condition.within is None:  # anywhere in the sentence outside the match: one scan per sentence
        hits = memo.hits(condition, tokens, sets)
        return bisect.bisect_left(hits, match.first) > 0 or bisect.bisect_left(hits, match.last) < len(hits)
    before = range(max(0, match.first - condition.within), match.first)
    after = range(match.last, min(len(tokens), match.last + condition.within))
    indices = {"before": list(before), "after": list(after)}.get(condition.side, [*before, *after])
    return any(token_matches(condition.spec, tokens, i, sets) for i in indices)


def lemma_spec_forms(lemmas: Sequence[str], pos: str | None) -> frozenset[str]:
    """All forms of all ``lemmas`` (what ``lemma:`` in a pattern accepts)."""
    result: set[str] = set()
    for lemma in lemmas:
        result |= all_forms(lemma, pos)
    return frozenset(result)
