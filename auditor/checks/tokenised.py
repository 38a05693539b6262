"""Tokeniser debris: MT pipelines that forget to detokenise leave ``( FTIR )`` and ``do n't``.

A space inside brackets and a contraction split from its word are never English
typography; both come from machine-translation tokenisers. (A space before
``.,;:!?`` is the punctuation check's job.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.models import Document, Finding
from auditor.rules_engine.check_rules import declared_rules

_INSIDE_OPEN = re.compile(r"(?<=[(\[{])[ \t]+(?=\S)")
_INSIDE_CLOSE = re.compile(r"(?<=[^\s(\[{])[ \t]+(?=[)\]}])")
#: ``do n't``, ``don 't``, ``it 's``, ``they 're`` (straight or curly apostrophe).
_SPLIT_CLITIC = re.compile(
    r"(?<=[^\W\d_])[ \t]+(?=(?:n['’]t|['’](?:s|re|ve|ll|d|m|t))\b)", re.IGNORECASE
)


SPACE_INSIDE_BRACKETS, SPLIT_CONTRACTION = declared_rules(  # rules/checks/tokenised.yaml
    "tokenised", "space-inside-brackets", "split-contraction",
)


class TokenisedCheck:
    """Flags spaces that a tokeniser put where English has none."""

    name = "tokenised"

    def check(self, document: Document) -> Iterator[Finding]:
        """Findings over the whole text (each pattern stays within one line)."""
        text = document.text
        for match in _INSIDE_OPEN.finditer(text):
            yield SPACE_INSIDE_BRACKETS.at(
                match.start(), match.end(),
                f"Space after “{text[match.start() - 1]}”: brackets hug their contents; "
                "this is tokeniser debris.",
                ("",),
            )
        for match in _INSIDE_CLOSE.finditer(text):
            yield SPACE_INSIDE_BRACKETS.at(
                match.start(), match.end(),
                f"Space before “{text[match.end()]}”: brackets hug their contents; "
                "this is tokeniser debris.",
                ("",),
            )
        for match in _SPLIT_CLITIC.finditer(text):
            clitic = re.match(r"\S+", text[match.end():])
            shown = clitic.group(0) if clitic else ""
            yield SPLIT_CONTRACTION.at(
                match.start(), match.end(),
                f"“{shown}” is split from its word; a contraction is written as one word "
                "(tokeniser debris).",
                ("",),
            )

