"""Undo Moses-style English tokenisation, keeping where every token went.

MT test sets (MLQE-PE, WMT) ship text tokenised the Moses way: ``don 't``, ``word ,``,
``( see )``, ``" quoted "``. Auditing that text as it is turns the tokenisation itself into
findings. :func:`detokenize` joins the tokens back into running text and returns, for every
token, the ``(start, end)`` of its characters in that text, so word labels given per token
(MLQE-PE's OK/BAD tags) map to character spans and back.

The rules are the English ones of Moses' detokeniser: no space before closing punctuation and
clitics (``'s``, ``n't``, ``'ll``), none after opening brackets and currency signs, straight
double and single quotes alternate between opening and closing. Characters are never changed,
only the spaces between tokens are decided, so ``text[start:end] == token`` always holds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

#: Tokens written against the word before them.
_CLOSING = frozenset({".", ",", ":", ";", "?", "!", ")", "]", "}", "%", "...", "..", "”", "’", "»"})
#: Tokens written against the word after them.
_OPENING = frozenset({"(", "[", "{", "$", "£", "€", "“", "‘", "«", "¿", "¡"})
#: Quotes that open and close in turn.
_QUOTES = frozenset({'"', "'", "''", "`", "``"})
#: Clitics: an apostrophe followed by letters (``'s``, ``'t``, ``n't``, ``'ll``, ``'clock``).
_CLITIC = re.compile(r"^(?:[nN]['’][tT]|['’][^\W\d_]+)$")


@dataclass(frozen=True)
class Detokenized:
    """Running text and, for token ``i``, its characters ``text[spans[i][0]:spans[i][1]]``."""

    text: str
    spans: tuple[tuple[int, int], ...]

    def tokens_in(self, start: int, end: int) -> list[int]:
        """Indices of the tokens that overlap the characters ``[start, end)``."""
        return [i for i, (s, e) in enumerate(self.spans) if s < end and start < e]


def detokenize(tokens: Sequence[str]) -> Detokenized:
    """Join Moses-tokenised English ``tokens`` into text with a span for every token."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    glue_next = False  # the previous token opens: no space before this one
    open_quotes: dict[str, bool] = {}
    for index, token in enumerate(tokens):
        space = index > 0 and not glue_next
        glue_next = False
        if token in _QUOTES:
            kind = '"' if token in ('"', "''", "``") else "'"
            is_open = open_quotes.get(kind, False)
            if is_open:  # a closing quote hugs the word before it
                space = False
            else:
                glue_next = True
            open_quotes[kind] = not is_open
        elif token in _CLOSING or _CLITIC.match(token):
            space = False
        elif token in _OPENING:
            glue_next = True
        if space:
            parts.append(" ")
            pos += 1
        parts.append(token)
        spans.append((pos, pos + len(token)))
        pos += len(token)
    return Detokenized("".join(parts), tuple(spans))


def detokenize_line(line: str) -> Detokenized:
    """:func:`detokenize` of a line of space-separated tokens."""
    return detokenize(line.split())
