"""Small text helpers shared by checks: words, casing, spans."""

from __future__ import annotations

import re

WORD = re.compile(r"[^\W_]+(?:[’'\-.][^\W_]+)*")


def words(text: str) -> list[str]:
    """The words of ``text`` (letters and digits, with inner apostrophes, hyphens and dots)."""
    return WORD.findall(text)


def word_count(text: str) -> int:
    """Number of words in ``text``."""
    return len(WORD.findall(text))


def match_case(template: str, replacement: str) -> str:
    """Give ``replacement`` the capitalisation pattern of ``template``.

    ``Evacuated``→``Cleared``, ``EVACUATED``→``CLEARED``, ``evacuated``→``cleared``.
    """
    letters = [c for c in template if c.isalpha()]
    if not letters or not replacement:
        return replacement
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if letters[0].isupper():
        return replacement[0].upper() + replacement[1:]
    return replacement
