"""Numbers must survive translation: every figure in the target must come from the source, and
every figure in the source must reach the target.

Source figures are read in the source's locale ("700.000" in a Dutch or German source is
700,000), with scale words ("1,5 Mio.", "3.5亿", "5 लाख"), times, CJK numerals and number/month
words. Only figures written in digits are flagged; words and CJK numerals only vouch for them,
because they are too ambiguous to accuse ("一" is also part of many Chinese words).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

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
from auditor.models import Document, Finding
from auditor.rules_engine.check_rules import declared_rules

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


def _glued(digits: str, source: str) -> bool:
    """The source has these digits glued to a word (``și2008``, a typo the number reader skips as an
    identifier): the target's figure is the source's, not a changed one."""
    if not digits.isdigit() or len(digits) < 2:
        return False
    return re.search(rf"[^\W\d_]{digits}(?![\d]|[.,]\d)|(?<![\d.,]){digits}[^\W\d_]", source) is not None


# rules/checks/source-numbers.yaml
SOURCE_CODE_CHANGED, SOURCE_NUMBER_CHANGED, SOURCE_NUMBER_FORMAT, SOURCE_NUMBER_MISSING = declared_rules(
    "source-numbers", "source-code-changed", "source-number-changed", "source-number-format", "source-number-missing"
)


class SourceNumbersCheck(SourcePairCheck):
    """Numbers changed, added or dropped between source and target."""

    name = "source-numbers"

    def check_pair(self, document: Document, pair: Pair, lang: str | None) -> Iterator[Finding]:
        """Compare the figures of one aligned source/target pair."""
        target_text = document.text[pair.start : pair.end]
        sources = source_mentions(pair.source, lang)
        targets = target_mentions(target_text)
        source_pool = {key(v) for m in sources for v in m.values}
        target_pool = {key(v) for m in targets for v in m.values}
        extra = [
            m for m in targets if m.firm and not supported(m, source_pool, []) and not _glued(m.text, pair.source)
        ]
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
            yield (SOURCE_NUMBER_FORMAT if same else SOURCE_NUMBER_CHANGED).at(
                pair.start + mention.start, pair.start + mention.end,
                message,
                suggestions,
                origin=self.name,
            )
        yield from self._codes(pair.start, target_text, pair.source, evidence)
        if missing and not extra:
            shown = ", ".join(f"{m.text} (= {english(_best_value(m))})" for m in missing)
            yield SOURCE_NUMBER_MISSING.at(
                pair.start, pair.end,
                f"the source gives {shown} but the translation has no such figure "
                f"(source: {evidence}); a dropped figure loses information",
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
                yield SOURCE_CODE_CHANGED.at(
                    offset + start, offset + end,
                    f"{target[start:end]!r} has a different number than the source's "
                    f"{'/'.join(original)} (source: {evidence}); a changed code names a different thing",
                    origin=self.name,
                )
