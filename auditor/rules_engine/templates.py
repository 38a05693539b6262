"""Render suggestion and message templates against a match.

Placeholders:

- ``{span}``: the flagged text as written;
- ``{name}``: the text a named pattern item matched (empty if an optional item was absent);
- ``{name:word}``: ``word`` in the inflection and capitalisation of the named token
  (``{verb:clear}`` on ``Evacuated`` gives ``Cleared``);
- ``{name@table}``: the named text looked up in one of the pack's ``tables``.

The finished suggestion starts upper-case when the flagged text does and starts
the sentence (or follows an opening quote, bracket, dash or colon); a capital
inside a sentence belongs to a name and is not carried over.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from auditor.language.inflect import getAllLemmas
from auditor.language.text_utils import match_case
from auditor.rules_engine.inflection import inflect_like
from auditor.rules_engine.matcher import Match
from auditor.rules_engine.model import Rule
from auditor.rules_engine.tokens import Token

_OPENERS = frozenset("“\"‘'([—–-:")
PLACEHOLDER = re.compile(r"\{([A-Za-z_][\w-]*)(?:([:@])([^{}]+))?\}")


def placeholder_names(template: str) -> list[tuple[str, str | None, str | None]]:
    """The ``(name, operator, argument)`` of every placeholder in ``template``."""
    return [(m.group(1), m.group(2), m.group(3)) for m in PLACEHOLDER.finditer(template)]


def render(template: str, rule: Rule, match: Match, tokens: Sequence[Token], text: str) -> str:
    """Fill ``template`` for ``match``; ``text`` is the document text and token offsets index into it."""

    def capture_text(name: str) -> str:
        if name == "span":
            return text[tokens[match.span_first].start : tokens[match.span_last - 1].end]
        bounds = match.captures.get(name)
        if not bounds:
            return ""
        return text[tokens[bounds[0]].start : tokens[bounds[1] - 1].end]

    first = match.span_first
    initial = first == 0 or tokens[first - 1].text in _OPENERS

    def fill(found: re.Match[str]) -> str:
        name, operator, argument = found.group(1), found.group(2), found.group(3)
        written = capture_text(name)
        if operator is None:
            return written
        if not written:
            return ""
        if operator == "@":
            looked_up = rule.tables.get(argument.strip(), {}).get(written.lower().replace("’", "'"), written)
            return match_case(written.split()[0], looked_up) if initial or written.isupper() else looked_up
        return _inflect(argument.strip(), written.split()[0], rule.captures.get(name, ("", None)))

    filled = PLACEHOLDER.sub(fill, template)
    flagged = capture_text("span")
    return _case_like(flagged, filled) if initial else filled


def _inflect(target: str, word: str, lemma_pos: tuple[str, str | None]) -> str:
    lemma, pos = lemma_pos
    if not lemma:
        lemmas = getAllLemmas(word.lower())
        lemma = next((forms[0] for forms in lemmas.values()), word.lower())
    inflected = inflect_like(target, word, lemma, pos)
    letters = [c for c in word if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return inflected.upper()
    if letters and letters[0].isupper():
        return inflected[0].upper() + inflected[1:]
    return inflected


def _case_like(flagged: str, suggestion: str) -> str:
    letters = [c for c in flagged if c.isalpha()]
    if len(letters) > 3 and all(c.isupper() for c in letters):
        return suggestion.upper()
    if letters and letters[0].isupper() and suggestion[:1].islower():
        return suggestion[0].upper() + suggestion[1:]
    return suggestion
