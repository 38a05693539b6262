"""Undo Moses-style tokenisation (``don 't``, ``word ,``, ``" quote "``) and keep a token map.

Test sets such as MLQE-PE ship tokenised text; audited as it is, the tokenisation itself
becomes findings (spaces before commas). :func:`detokenize` joins the tokens as a writer would
and returns, for each token, its ``(start, end)`` in the joined text, so a finding's span can
be traced back to the tokens (and their word-level labels) it touches.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

#: Tokens written against the word before them.
_ATTACH_LEFT = frozenset({".", ",", ":", ";", "!", "?", ")", "]", "}", "%", "...", "..", "…", "»", "”", "’"})
#: Tokens written against the word after them.
_ATTACH_RIGHT = frozenset({"(", "[", "{", "$", "€", "£", "#", "«", "“", "‘"})
#: Clitics split off by the tokeniser (compared lower-case).
_CLITICS = frozenset({"'s", "'t", "n't", "'ll", "'re", "'ve", "'m", "'d"})
#: Moses' escaped characters, written back as the characters they stand for.
_ENTITIES = {"&quot;": '"', "&apos;": "'", "&amp;": "&", "&lt;": "<", "&gt;": ">", "&#91;": "[", "&#93;": "]"}
#: Any other clitic: an apostrophe and letters (``'clock``, ``'em``).
_CLITIC = re.compile(r"^(?:[nN]['’][tT]|['’][^\W\d_]+)$")
#: Quote marks whose side (opening or closing) is decided by counting.
_TOGGLES = frozenset({'"', "'", "''"})


def _possessive_apostrophe(tokens: list[str], index: int) -> bool:
    """``animals ' fats``: a lone apostrophe after an s-word with no partner later in the line."""
    if index == 0 or tokens[index - 1][-1:].lower() != "s":
        return False
    return tokens[index] == "'" and "'" not in tokens[index + 1 :]


class Detokenized(NamedTuple):
    """Running text and, for token ``i``, its characters ``text[spans[i][0]:spans[i][1]]``.

    A tuple, so ``text, spans = detokenize(tokens)`` works as well as ``.text``/``.spans``.
    """

    text: str
    spans: list[tuple[int, int]]

    def tokens_in(self, start: int, end: int) -> list[int]:
        """Indices of the tokens that overlap the characters ``[start, end)``."""
        return [i for i, (s, e) in enumerate(self.spans) if s < end and start < e]


def detokenize(tokens: Sequence[str]) -> Detokenized:
    """The text ``tokens`` were cut from, and each token's ``(start, end)`` in that text.

    ``text[start:end] == tokens[i]`` for every token (its unescaped form for ``&quot;`` and the like):
    only the spaces between tokens change.
    """
    tokens = [_ENTITIES.get(token, token) for token in tokens]
    pieces: list[str] = []
    spans: list[tuple[int, int]] = []
    position = 0
    glue_next = False  # the previous token attaches to this one
    open_quotes: dict[str, bool] = {}
    for index, token in enumerate(tokens):
        attach_left = token in _ATTACH_LEFT or token.lower() in _CLITICS or bool(_CLITIC.match(token))
        attach_right = token in _ATTACH_RIGHT
        if token in _TOGGLES:
            if token == "'" and _possessive_apostrophe(tokens, index):
                attach_left = True
            elif open_quotes.get(token):
                attach_left = True
                open_quotes[token] = False
            else:
                attach_right = True
                open_quotes[token] = True
        if pieces and not glue_next and not attach_left:
            pieces.append(" ")
            position += 1
        spans.append((position, position + len(token)))
        pieces.append(token)
        position += len(token)
        glue_next = attach_right
    return Detokenized("".join(pieces), spans)


def detokenize_line(line: str) -> Detokenized:
    """:func:`detokenize` of a line of space-separated tokens."""
    return detokenize(line.split())
