"""Split a sentence into tokens with exact character offsets.

A token is a word (letters and digits, with inner apostrophes and dots, so
``today’s`` and ``U.S`` are one token; ``1,500`` and ``1.5`` are one number) or
a single punctuation character. Hyphens are tokens of their own, so
``rebel-led`` is ``rebel``, ``-``, ``led``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+(?:['’.][^\W_]+)*|[^\w\s]|_")


@dataclass(frozen=True)
class Token:
    """One token: its text, a normalised form for matching, and its offsets."""

    text: str
    norm: str
    start: int
    end: int


def normalise(text: str) -> str:
    """Lower-case with typographic apostrophes straightened: how patterns compare words."""
    return text.lower().replace("’", "'")


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of ``text``; offsets are shifted by ``offset`` (the sentence start in the document)."""
    return [
        Token(m.group(), normalise(m.group()), m.start() + offset, m.end() + offset)
        for m in _TOKEN.finditer(text)
    ]
