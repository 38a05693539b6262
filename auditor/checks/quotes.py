"""Quotation marks: balance, direction, spacing, nesting and style.

Wire convention: a quotation that runs into the next paragraph leaves its
paragraph unclosed, and the next paragraph reopens with an opening mark. That is
not an error. What is:

* a closing mark typed as an opening one and glued to the next word
  (``here? “A soldier`` should be ``here?” A soldier``);
* a quotation never closed, or a closing mark with no opening one;
* no space after a closing mark (``”He``);
* double quotes nested in double quotes (use single ones inside);
* straight quotes mixed with curly ones in one story.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.models import Document, Finding
from auditor.rules_engine.check_rules import declared_rules
from auditor.segment import paragraphs

_OPEN, _CLOSE = "“", "”"
_STRAIGHT = '"'
_PUNCT_BEFORE_GLUED = ".?!,…"
_OPENING_CONTEXT = re.compile(r"[\s(\[{—–-]")


def _units(document: Document) -> list[tuple[int, int]]:
    """Spans checked independently: lines with ``--lines``, paragraphs otherwise."""
    if document.lines:
        return [(s.start, s.end) for s in document.sentences if s.end > s.start]
    return list(paragraphs(document.text))


def _starts_with(text: str, start: int, end: int, marks: str) -> bool:
    return start < end and text[start] in marks


(
    MISPLACED_CLOSING_QUOTE, MISSING_SPACE_AFTER_QUOTE, MIXED_QUOTE_STYLE, NESTED_DOUBLE_QUOTE, REVERSED_QUOTE,
    UNBALANCED_STRAIGHT_QUOTE, UNCLOSED_QUOTE, UNMATCHED_CLOSING_QUOTE,
) = declared_rules(  # rules/checks/quotes.yaml
    "quotes", "misplaced-closing-quote", "missing-space-after-quote", "mixed-quote-style",
    "nested-double-quote", "reversed-quote", "unbalanced-straight-quote", "unclosed-quote",
    "unmatched-closing-quote",
)


class QuotesCheck:
    """Balance and placement of quotation marks, paragraph by paragraph."""

    name = "quotes"

    def check(self, document: Document) -> Iterator[Finding]:
        """Findings for every paragraph (or line) of the document."""
        text = document.text
        units = _units(document)
        story_uses_curly = _OPEN in text or _CLOSE in text
        for number, (start, end) in enumerate(units):
            unit = text[start:end]
            uses_curly = (_OPEN in unit or _CLOSE in unit) if document.lines else story_uses_curly
            following = units[number + 1] if number + 1 < len(units) else None
            continued_curly = (
                not document.lines
                and following is not None
                and _starts_with(text, following[0], following[1], _OPEN)
            )
            continued_straight = (
                not document.lines
                and following is not None
                and _starts_with(text, following[0], following[1], _STRAIGHT)
            )
            yield from _curly(text, start, end, continued_curly, document.lines)
            yield from _straight(text, start, end, continued_straight, uses_curly, document.lines)


def _curly(text: str, start: int, end: int, continued: bool, segment: bool) -> Iterator[Finding]:
    """Curly double quotes of one unit; ``segment`` units (``--lines``) may begin inside a quotation."""
    stack: list[int] = []
    seen_mark = False
    for i in range(start, end):
        char = text[i]
        first_mark = not seen_mark
        seen_mark = seen_mark or char in (_OPEN, _CLOSE)
        if char == _OPEN:
            if stack and _closes_word(text, i, end):
                stack.pop()
                yield REVERSED_QUOTE.at(
                    i, i + 1,
                    "An opening quotation mark closes this quotation; it should be a closing one.",
                    (_CLOSE,),
                )
                continue
            if stack:
                glued = _glued_closing(text, start, i, end)
                if glued is not None:
                    stack.pop()
                    yield glued
                    continue
                yield NESTED_DOUBLE_QUOTE.at(
                    i, i + 1,
                    "A quotation inside a quotation takes single quotation marks.",
                    ("‘",),
                )
            stack.append(i)
        elif char == _CLOSE:
            if stack:
                inner = len(stack) > 1
                stack.pop()
                if inner:
                    yield NESTED_DOUBLE_QUOTE.at(
                        i, i + 1,
                        "A quotation inside a quotation closes with a single quotation mark.",
                        ("’",),
                    )
                if i + 1 < end and text[i + 1].isalnum():
                    yield MISSING_SPACE_AFTER_QUOTE.at(i, i + 1, "No space after the closing quotation mark.", ("” ",))
            elif (glued := _glued_closing(text, start, i, end)) is not None:
                yield glued
            elif segment and first_mark:
                continue  # a test-set segment that starts inside a quotation
            elif _opens_word(text, i, start, end):
                stack.append(i)
                yield REVERSED_QUOTE.at(
                    i, i + 1,
                    "A closing quotation mark opens this quotation; it should be an opening one.",
                    ("“",),
                )
            else:
                yield UNMATCHED_CLOSING_QUOTE.at(
                    i, i + 1,
                    "Closing quotation mark with no opening one: part of the quotation "
                    "or its attribution is garbled.",
                )
    if stack and not (continued and len(stack) == 1):
        opened = stack[0]
        yield UNCLOSED_QUOTE.at(
            opened, opened + 1,
            "Quotation opened here is never closed, and the next paragraph does not reopen it: "
            "the reader cannot tell where the quote ends.",
        )


def _closes_word(text: str, i: int, end: int) -> bool:
    """A mark straight after a word and before a space or the end closes a quotation."""
    after_ok = i + 1 >= end or text[i + 1].isspace() or text[i + 1] in ".,;:!?)"
    return after_ok and i > 0 and (text[i - 1].isalnum() or text[i - 1] in ".,!?…")


def _opens_word(text: str, i: int, start: int, end: int) -> bool:
    """A mark at the start of a word (after a space or at the start) opens a quotation."""
    return i + 1 < end and text[i + 1].isalnum() and (i == start or bool(_OPENING_CONTEXT.match(text[i - 1])))


def _glued_closing(text: str, unit_start: int, i: int, end: int) -> Finding | None:
    """``here? “A`` or ``motorway, ”informed``: a closing mark separated from its sentence
    and stuck to the next word."""
    j = i
    while j > unit_start and text[j - 1] in " \t":
        j -= 1
    if j in (i, unit_start) or text[j - 1] not in _PUNCT_BEFORE_GLUED:
        return None
    if i + 1 >= end or not text[i + 1].isalnum():
        return None
    return MISPLACED_CLOSING_QUOTE.at(
        j, i + 1,
        "This mark closes the open quotation but is typed as an opening mark and glued to the "
        "next word; the quote seems to run on into the narrative.",
        (_CLOSE + " ",),
    )


def _straight(
    text: str, start: int, end: int, continued: bool, uses_curly: bool, segment: bool
) -> Iterator[Finding]:
    positions = [i for i in range(start, end) if text[i] == _STRAIGHT]
    if not positions:
        return
    if uses_curly:
        for number, i in enumerate(positions):
            opening = number % 2 == 0
            yield MIXED_QUOTE_STYLE.at(
                i, i + 1,
                "Straight quotation mark in a story that uses curly ones; keep one style.",
                (_OPEN if opening else _CLOSE,),
            )
    if segment and len(positions) % 2 and _closes_word(text, positions[0], end):
        return  # a test-set segment that starts inside a quotation
    if len(positions) % 2 and not continued:
        last = positions[-1]
        yield UNBALANCED_STRAIGHT_QUOTE.at(
            last, last + 1,
            "Odd number of straight quotation marks in this paragraph: one quotation is not closed.",
        )
