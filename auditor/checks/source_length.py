"""Length-ratio outliers: a translation far shorter or longer than its source usually drops or adds content.

The expected ratio (target characters per source character, into English) depends on the
source language: Chinese packs a word into one or two characters, German spells long. A segment
is flagged only outside a wide band around that ratio, and only for sources long enough for the
ratio to mean something.
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.checks.source_common import Pair, SourcePairCheck, quote
from auditor.models import Document, Finding
from auditor.rules_engine.check_rules import declared_rules

#: English characters per source character, by source language (medians of professional
#: translations; see docs/bilingual.md for how they were measured).
EXPECTED_RATIO = {
    "zh": 3.2,
    "ja": 2.4,
    "ko": 2.2,
    "hi": 1.0,
    "ru": 1.05,
    "uk": 1.05,
    "pl": 1.0,
    "cs": 1.05,
    "de": 0.9,
    "nl": 0.93,
    "fr": 0.87,
    "it": 0.9,
    "es": 0.88,
    "pt": 0.9,
    "en": 1.0,
}
#: How far off the expected ratio a segment must be (factor either way).
BAND = 2.5
#: Sources shorter than this (characters; CJK count triple) are not judged.
MIN_SOURCE = 30


def expected_ratio(lang: str | None) -> float:
    """The expected target/source length ratio (1.0 when the language is unknown)."""
    return EXPECTED_RATIO.get(lang or "", 1.0)


(SOURCE_LENGTH_RATIO,) = declared_rules("source-length", "source-length-ratio")  # rules/checks/source-length.yaml


class SourceLengthCheck(SourcePairCheck):
    """Segments whose length is far from what their source predicts."""

    name = "source-length"

    def check_pair(self, document: Document, pair: Pair, lang: str | None) -> Iterator[Finding]:
        """Compare the pair's length ratio with the language pair's norm."""
        expected = expected_ratio(lang)
        source = pair.source.strip()
        target = document.text[pair.start : pair.end].strip()
        if len(source) * expected < MIN_SOURCE or not target:
            return
        ratio = len(target) / len(source)
        if expected / BAND <= ratio <= expected * BAND:
            return
        short = ratio < expected
        yield SOURCE_LENGTH_RATIO.at(
            pair.start, pair.end,
            f"the translation is {len(target)} characters for a {len(source)}-character source "
            f"(ratio {ratio:.2f}, expected about {expected:.2f} for {lang or 'this language'}); "
            f"{'content was probably dropped' if short else 'content was probably added'} "
            f"(source: {quote(source)})",
            category="accuracy/omission" if short else "accuracy/addition",
            origin=self.name,
        )
