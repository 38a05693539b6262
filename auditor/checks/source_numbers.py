"""Numbers must survive translation: every figure in the target must come from the source, and
every figure in the source must reach the target.

Source figures are read in the source's locale ("700.000" in a Dutch or German source is
700,000), with scale words ("1,5 Mio.", "3.5亿", "5 लाख"), times, CJK numerals and number/month
words. Only figures written in digits are flagged; words and CJK numerals only vouch for them,
because they are too ambiguous to accuse ("一" is also part of many Chinese words).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from auditor.bilingual.numbers import (
    _SOURCE_WORDS,
    COUNTING_WORDS,
    Mention,
    identifiers,
    key,
    source_mentions,
    supported,
    target_mentions,
)
from auditor.checks.source_common import Pair, SourcePairCheck, quote
from auditor.models import Document, Finding, Severity

#: Source languages whose number words auditor reads well enough to check spelled-out figures.
WORD_LANGUAGES = frozenset(k for k in _SOURCE_WORDS if k not in ("zh", "ja"))


def english(value: float) -> str:
    """A value as an English writer would put it: ``700,000``, ``1.5``."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def _best_value(mention: Mention) -> float:
    return (
        min(mention.values, key=lambda v: (v != int(v), -v))
        if mention.scaled is None
        else min(mention.values)
    )


class SourceNumbersCheck(SourcePairCheck):
    """Numbers changed, added or dropped between source and target."""

    name = "source-numbers"

    rules: ClassVar[dict[str, dict]] = {
        "source-number-changed": {
            "description": "A figure in the translation that the source does not give (digits, and "
            "spelled-out counts like “four” where auditor reads the source language's number words).",
            "category": "accuracy/number",
            "severity": "critical",
            "examples": {
                "source_lang": "de",
                "bad": ["Es geschah vor drei Jahren. ||| It happened four years ago."],
                "good": ["Es geschah vor drei Jahren. ||| It happened three years ago."],
            },
        },
        "source-number-format": {
            "description": "A figure copied digit for digit whose meaning differs in English (“700.000” "
            "from a Dutch source reads as seven hundred): the source's separators were kept.",
            "category": "accuracy/number",
            "severity": "major",
            "examples": {
                "source_lang": "de",
                "bad": ["Es kamen 700.000 Besucher. ||| There were 700.000 visitors."],
                "good": ["Es kamen 700.000 Besucher. ||| There were 700,000 visitors."],
            },
        },
        "source-code-changed": {
            "description": "A code whose number changed in translation (F-35 → F-43, A4 → A3): "
            "a changed code names a different thing.",
            "category": "accuracy/number",
            "severity": "critical",
            "examples": {
                "source_lang": "de",
                "bad": ["Der Kampfjet F-35 landete. ||| The F-43 fighter landed."],
                "good": ["Der Kampfjet F-35 landete. ||| The F-35 fighter landed."],
            },
        },
        "source-number-missing": {
            "description": "A figure of the source with no counterpart in the translation: "
            "a dropped figure loses information.",
            "category": "accuracy/omission",
            "severity": "major",
            "examples": {
                "source_lang": "de",
                "bad": ["Der Bürgermeister trat nach 12 Jahren zurück. ||| The mayor resigned."],
                "good": ["Der Bürgermeister trat nach 12 Jahren zurück. ||| The mayor resigned after 12 years."],
            },
        },
    }

    def check_pair(self, document: Document, pair: Pair, lang: str | None) -> Iterator[Finding]:
        """Compare the figures of one aligned source/target pair."""
        target_text = document.text[pair.start : pair.end]
        sources = source_mentions(pair.source, lang)
        targets = target_mentions(target_text)
        source_pool = {key(v) for m in sources for v in m.values}
        target_pool = {key(v) for m in targets for v in m.values}
        extra = [m for m in targets if m.firm and not supported(m, source_pool, [])]
        if sources and (lang in ("zh", "ja") or lang in WORD_LANGUAGES):
            # figures spelled out: "seven years" for "sieben Jahre" / "七年"
            extra += [
                m
                for m in targets
                if not m.firm
                and m.text.lower() in COUNTING_WORDS
                and m.text.lower() not in pair.source.lower()
                and not supported(m, source_pool, [])
            ]
            extra.sort(key=lambda m: m.start)
        missing = [m for m in sources if m.firm and not supported(m, target_pool, targets)]
        evidence = quote(pair.source)
        missing_text = ", ".join(m.text for m in missing)
        for mention in extra:
            same = [m for m in missing if m.text == mention.text]
            if same:
                message = (
                    f"{mention.text!r} is copied digit for digit from the source, but the source "
                    f"({lang or 'its language'}) means {english(_best_value(same[0]))} by it and English "
                    f"readers take {mention.text!r} as {english(min(mention.values))} "
                    f"(source: {evidence}); write the figure the English way"
                )
            elif missing:
                message = (
                    f"number {mention.text!r} is not in the source, which has {missing_text} here "
                    f"(source: {evidence}); a changed figure misreports the story"
                )
            else:
                message = (
                    f"number {mention.text!r} does not appear in the source (source: {evidence}); "
                    "a figure the source does not give misreports the story"
                )
            suggestions = (
                (english(_best_value(missing[0])),) if len(missing) == 1 and len(extra) == 1 else ()
            )
            yield Finding(
                rule="source-number-format" if same else "source-number-changed",
                category="accuracy/number",
                severity=Severity.MAJOR if same else Severity.CRITICAL,
                start=pair.start + mention.start,
                end=pair.start + mention.end,
                message=message,
                suggestions=suggestions,
                origin=self.name,
            )
        yield from self._codes(pair.start, target_text, pair.source, evidence)
        if missing and not extra:
            shown = ", ".join(f"{m.text} (= {english(_best_value(m))})" for m in missing)
            yield Finding(
                rule="source-number-missing",
                category="accuracy/omission",
                severity=Severity.MAJOR,
                start=pair.start,
                end=pair.end,
                message=(
                    f"the source gives {shown} but the translation has no such figure "
                    f"(source: {evidence}); a dropped figure loses information"
                ),
                origin=self.name,
            )

    def _codes(self, offset: int, target: str, source: str, evidence: str) -> Iterator[Finding]:
        """Codes whose number changed: "F-43" where the source has "F-35"."""
        known = identifiers(source)
        by_letters: dict[str, set[str]] = {}
        for _, _, letters, digits in known:
            by_letters.setdefault(letters, set()).add(digits)
        for start, end, letters, digits in identifiers(target):
            if letters in by_letters and digits not in by_letters[letters]:
                original = sorted(by_letters[letters])
                yield Finding(
                    rule="source-code-changed",
                    category="accuracy/number",
                    severity=Severity.CRITICAL,
                    start=offset + start,
                    end=offset + end,
                    message=(
                        f"{target[start:end]!r} has a different number than the source's "
                        f"{'/'.join(original)} (source: {evidence}); a changed code names a different thing"
                    ),
                    origin=self.name,
                )
