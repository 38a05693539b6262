"""Candidate rules: the patterns an edit suggests, and a fast matcher that agrees with the engine.

An edit of MT tokens ``[i, j)`` proposes several patterns, from specific to general:

- ``substitution``/``word-order``: the MT words themselves, alone and with the word before or
  after as context (``gambling`` + *theory*); a one-word substitution whose post-edit word is
  the same inflection of another lemma also proposes the lemma pattern (every form of the MT
  lemma, suggestion inflected like the text: *gambles* → *games*);
- ``deletion``: the deleted words with the word after (or before) them, suggestion that word;
- ``insertion``: the two MT words around the gap, suggestion the post-edit's words between them;
- ``casing``: the word in the MT's casing (``case: upper``, ``capitalized`` or ``lower``) where it
  stood, at the start of the sentence or not (``start:``), alone and with a neighbour as context:
  *State* capitalised mid-sentence is an engine habit while *state* is not;
- every pattern whose first word is the first word of the segment is also proposed anchored
  there (``start: true``): an engine's calque of a sentence frame (*There would be …* opening a
  proverb) is told from the same words inside a sentence.

A pattern is a tuple of items ``(kind, value, context, name)``: ``kind`` starts with ``w`` for a
word or ``l`` for a lemma (any of its forms, exactly as the rule engine's ``lemma:`` matches),
followed by constraints on the token (:data:`CASES` letters for ``case:``, ``^``/``~`` for
``start: true/false``); ``context`` items must be there but are not flagged. :class:`Matcher`
finds patterns in token lists the way :func:`auditor.rules_engine.matcher.find_matches`
does for such contiguous patterns.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from auditor.learn.edits import AlignedPair, Edit, is_punctuation, lemmas
from auditor.rules_engine.inflection import inflect_like
from auditor.rules_engine.matcher import case_ok, lemma_spec_forms
from auditor.rules_engine.tokens import Token

Item = tuple[str, str, bool, str]  # kind ("w" word / "l" lemma + constraints), value, context, capture name
Pattern = tuple[Item, ...]

#: Casing constraints of an item's kind, as the rule engine's ``case:`` values.
CASES = {"U": "upper", "C": "capitalized", "L": "lower"}
#: Sentence-position constraints of an item's kind, as the rule engine's ``start:`` values.
STARTS = {"^": True, "~": False}


def constraints(kind: str) -> tuple[str | None, bool | None]:
    """The ``case:`` and ``start:`` an item's kind asks of its token (None: anything)."""
    case = next((CASES[c] for c in kind[1:] if c in CASES), None)
    start = next((STARTS[c] for c in kind[1:] if c in STARTS), None)
    return case, start


def shape(text: str) -> str:
    """The :data:`CASES` letter of a token as written (``U`` only for two letters or more)."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return "U"
    return "C" if letters and letters[0].isupper() else "L"


@dataclass(frozen=True)
class Proposal:
    """A pattern one edit proposes, the suggestion template it implies, and the edit's type."""

    pattern: Pattern
    template: str
    op: str
    kind: str


def _word(token: Token, context: bool = False, name: str = "") -> Item:
    return ("w", token.norm, context, name)


def _usable(text: str) -> bool:
    """Whether literal text can be a suggestion template (no braces, no line breaks)."""
    return not any(c in text for c in "{}\n\r\t")


def proposals(pair: AlignedPair, edit: Edit, style: bool = False) -> Iterator[Proposal]:
    """Every candidate pattern ``edit`` in ``pair`` proposes (house-style variants only with ``style``)."""
    if edit.kind == "variant" and not style:
        return
    replacement = pair.pe_text(edit)
    if not _usable(replacement):
        return
    for proposal, first in _located(pair, edit, replacement):
        yield proposal
        if first == 0:  # the pattern opens the segment: also propose it anchored there
            head, *rest = proposal.pattern
            yield Proposal((_anchored(head), *rest), proposal.template, proposal.op, proposal.kind)


def _anchored(item: Item) -> Item:
    kind, value, context, name = item
    return ("".join(c for c in kind if c not in STARTS) + "^", value, context, name)


def _located(pair: AlignedPair, edit: Edit, replacement: str) -> Iterator[tuple[Proposal, int]]:
    """The proposals of an edit, each with the MT token its pattern starts at."""
    a = pair.mt_tokens
    i, j = edit.mt_start, edit.mt_end
    if edit.kind == "casing":
        yield from _casing(a, i, replacement, edit)
        return
    if i < j and edit.pe_start < edit.pe_end:  # substitution or word order in place
        if edit.op == "word-order" and edit.mt_end - edit.mt_start == 1:
            return  # one word moved elsewhere: no local fix to suggest
        core = tuple(_word(t) for t in a[i:j])
        if all(is_punctuation(t) for t in a[i:j]) and edit.kind != "punctuation":
            return
        yield from _with_context(core, a, i, j, replacement, edit)
        lemma_item = _lemma_item(a[i:j], pair.pe_tokens[edit.pe_start : edit.pe_end])
        if lemma_item is not None:
            item, template = lemma_item
            yield from _with_context((item,), a, i, j, template, edit)
    elif i < j:  # deletion: flag the words with a neighbour, suggest the neighbour
        core = tuple(_word(t) for t in a[i:j])
        if j < len(a) and not is_punctuation(a[j]):
            yield Proposal((*core, _word(a[j], name="keep")), "{keep}", edit.op, edit.kind), i
        if i > 0 and not is_punctuation(a[i - 1]):
            yield Proposal((_word(a[i - 1], name="keep"), *core), "{keep}", edit.op, edit.kind), i - 1
    elif 0 < i < len(a):  # insertion between a[i-1] and a[i]
        b = pair.pe_tokens
        p, q = edit.pe_start, edit.pe_end
        if p > 0 and q < len(b) and b[p - 1].norm == a[i - 1].norm and b[q].norm == a[i].norm:
            text = pair.pe[b[p - 1].start : b[q].end]
            if _usable(text):
                yield Proposal((_word(a[i - 1]), _word(a[i])), text, edit.op, edit.kind), i - 1


def _casing(a: Sequence[Token], i: int, replacement: str, edit: Edit) -> Iterator[tuple[Proposal, int]]:
    """A word whose capitals the editor changed, in the MT's casing and sentence position.

    The fix is the post-edit's word, except at the start of a sentence, where the rule engine
    capitalises a suggestion like the flagged word (no suggestion then).
    """
    token = a[i]
    if not any(c.isalpha() for c in token.text):
        return
    core: Pattern = (("w" + shape(token.text) + ("^" if i == 0 else "~"), token.norm, False, ""),)
    yield from _with_context(core, a, i, i + 1, "" if i == 0 else replacement, edit)


def _with_context(
    core: Pattern, a: Sequence[Token], i: int, j: int, template: str, edit: Edit
) -> Iterator[tuple[Proposal, int]]:
    yield Proposal(core, template, edit.op, edit.kind), i
    if i > 0:
        yield Proposal((_word(a[i - 1], context=True), *core), template, edit.op, edit.kind), i - 1
    if j < len(a):
        yield Proposal((*core, _word(a[j], context=True)), template, edit.op, edit.kind), i


def _lemma_item(mt: Sequence[Token], pe: Sequence[Token]) -> tuple[Item, str] | None:
    """For one word replaced by the same form of another lemma: the lemma item and ``{w:lemma}``."""
    if len(mt) != 1 or len(pe) != 1:
        return None
    word, fixed = mt[0].norm, pe[0].norm
    if not (word.isalpha() and fixed.isalpha()) or lemmas(word) & lemmas(fixed):
        return None
    for mt_lemma in sorted(lemmas(word)):
        for pe_lemma in sorted(lemmas(fixed)):
            if inflect_like(pe_lemma, word, mt_lemma).lower() == fixed:
                return ("l", mt_lemma, False, "w"), "{w:" + pe_lemma + "}"
    return None


@lru_cache(maxsize=65536)
def item_forms(kind: str, value: str) -> frozenset[str]:
    """The normalised tokens an item accepts (a word; every form of a lemma, as the engine has it)."""
    return frozenset({value}) if kind[0] == "w" else lemma_spec_forms((value,), None)


def flagged(pattern: Pattern) -> tuple[int, int]:
    """The items ``[first, last)`` a match flags: from the first to the last non-context item."""
    marked = [n for n, item in enumerate(pattern) if not item[2]]
    return marked[0], marked[-1] + 1


def _constrained(pattern: Pattern) -> tuple[tuple[int, str | None, bool | None], ...]:
    """The items of a pattern that constrain casing or sentence position: (offset, case, start)."""
    found = []
    for offset, item in enumerate(pattern):
        case, start = constraints(item[0])
        if case is not None or start is not None:
            found.append((offset, case, start))
    return tuple(found)


def _holds(checks: tuple[tuple[int, str | None, bool | None], ...], tokens: Sequence[Token], at: int) -> bool:
    """Whether the tokens of a match starting at ``at`` meet the casing and position constraints."""
    for offset, case, start in checks:
        if start is not None and (at + offset == 0) != start:
            return False
        if case is not None and not case_ok(case, tokens[at + offset].text):
            return False
    return True


class Matcher:
    """Finds many contiguous patterns in token lists at once, indexed by their first two items' forms.

    Casing and position constraints are checked as the rule engine's ``case:`` and ``start:`` do.
    """

    def __init__(self, patterns: Iterable[Pattern]) -> None:
        self._one: dict[str, list[Pattern]] = {}
        self._two: dict[tuple[str, str], list[tuple[Pattern, tuple[frozenset[str], ...]]]] = {}
        self._checks: dict[Pattern, tuple[tuple[int, str | None, bool | None], ...]] = {}
        for pattern in patterns:
            checks = _constrained(pattern)
            if checks:
                self._checks[pattern] = checks
            forms = tuple(item_forms(item[0], item[1]) for item in pattern)
            if len(pattern) == 1:
                for form in forms[0]:
                    self._one.setdefault(form, []).append(pattern)
                continue
            for first in forms[0]:
                for second in forms[1]:
                    self._two.setdefault((first, second), []).append((pattern, forms[2:]))

    def matches(self, tokens: Sequence[Token]) -> Iterator[tuple[Pattern, int, int]]:
        """``(pattern, first flagged token, end of flagged tokens)``; a pattern's matches do not overlap."""
        free: dict[Pattern, int] = {}
        norms = [t.norm for t in tokens]
        size = len(norms)
        checks = self._checks
        for start, norm in enumerate(norms):
            for pattern in self._one.get(norm, ()):
                if pattern not in checks or _holds(checks[pattern], tokens, start):
                    yield pattern, start, start + 1
            if start + 1 == size:
                break
            for pattern, rest in self._two.get((norm, norms[start + 1]), ()):
                end = start + 2 + len(rest)
                if end > size or start < free.get(pattern, 0):
                    continue
                if all(norms[start + 2 + k] in forms for k, forms in enumerate(rest)) and (
                    pattern not in checks or _holds(checks[pattern], tokens, start)
                ):
                    free[pattern] = end
                    first, last = flagged(pattern)
                    yield pattern, start + first, start + last
