"""Tokeniser debris: MT pipelines that forget to detokenise leave ``( FTIR )`` and ``do n't``.

A space inside brackets and a contraction split from its word are never English
typography; both come from machine-translation tokenisers. (A space before
``.,;:!?`` is the punctuation check's job.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from auditor.models import Document, Finding, Severity

_INSIDE_OPEN = re.compile(r"(?<=[(\[{])[ \t]+(?=\S)")
_INSIDE_CLOSE = re.compile(r"(?<=[^\s(\[{])[ \t]+(?=[)\]}])")
#: ``do n't``, ``don 't``, ``it 's``, ``they 're`` (straight or curly apostrophe).
_SPLIT_CLITIC = re.compile(
    r"(?<=[^\W\d_])[ \t]+(?=(?:n['’]t|['’](?:s|re|ve|ll|d|m|t))\b)", re.IGNORECASE
)


class TokenisedCheck:
    """Flags spaces that a tokeniser put where English has none."""

    name = "tokenised"

    rules: ClassVar[dict[str, dict]] = {
        "space-inside-brackets": {
            "description": "A space just inside a bracket (“( FTIR )”): brackets hug their contents; the "
            "space is debris of an MT tokeniser that was not undone.",
            "category": "fluency/punctuation",
            "severity": "minor",
            "safe": True,
            "examples": {"bad": ["The spectra ( FTIR ) were clear."], "good": ["The spectra (FTIR) were clear."]},
        },
        "split-contraction": {
            "description": "A contraction split from its word (“do n't”, “it 's”): tokeniser debris; a "
            "contraction is written as one word.",
            "category": "fluency/punctuation",
            "severity": "minor",
            "safe": True,
            "examples": {
                "bad": ["They do n't know.", "They said it 's over."],
                "good": ["They don't know.", "It was rock 'n' roll."],
            },
        },
    }

    def check(self, document: Document) -> Iterator[Finding]:
        """Findings over the whole text (each pattern stays within one line)."""
        text = document.text
        for match in _INSIDE_OPEN.finditer(text):
            yield _finding(match, "space-inside-brackets",
                           f"Space after “{text[match.start() - 1]}”: brackets hug their contents; "
                           "this is tokeniser debris.")
        for match in _INSIDE_CLOSE.finditer(text):
            yield _finding(match, "space-inside-brackets",
                           f"Space before “{text[match.end()]}”: brackets hug their contents; "
                           "this is tokeniser debris.")
        for match in _SPLIT_CLITIC.finditer(text):
            clitic = re.match(r"\S+", text[match.end():])
            shown = clitic.group(0) if clitic else ""
            yield _finding(match, "split-contraction",
                           f"“{shown}” is split from its word; a contraction is written as one word "
                           "(tokeniser debris).")


def _finding(match: re.Match[str], rule: str, message: str) -> Finding:
    return Finding(
        rule=rule,
        category="fluency/punctuation",
        severity=Severity.MINOR,
        start=match.start(),
        end=match.end(),
        message=message,
        suggestions=("",),
        safe_fix=True,
    )
