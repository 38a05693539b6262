"""Empty, truncated and untranslated targets, judged against their source."""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.checks.source_common import Pair, SourcePairCheck, quote, zipf
from auditor.checks.source_length import expected_ratio
from auditor.language.text_utils import word_count
from auditor.models import Document, Finding
from auditor.rules_engine.check_rules import declared_rules

_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
_SOURCE_END = re.compile(r"[.!?。！？।…][\"'”’»」』)）]*\s*$")
_TARGET_END = re.compile(r"[.!?…:;][\"'”’»)\]]*\s*$")
#: Scripts that never belong in English copy, by the source language that writes them.
_FOREIGN_SCRIPT = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\u0900-\u097f\u0400-\u04ff\uac00-\ud7af]+")


def _normal(text: str) -> str:
    return " ".join(text.casefold().split())


#: A word copied from a Latin-script source counts as untranslated when English (wordfreq Zipf)
#: barely knows it and the source language uses it commonly (so it is a word, not a name).
ENGLISH_UNKNOWN = 1.0
SOURCE_COMMON = 2.5
#: German capitalises every noun; only a common one is taken for an untranslated noun, not a name.
NOUN_COMMON = 3.5
_LATIN_WORD = re.compile(r"(?<![\w'’-])[A-Za-z\u00c0-\u024f]{4,}(?![\w'’-])")



(
    SOURCE_EMPTY_TARGET, SOURCE_TRUNCATED_TARGET, SOURCE_UNTRANSLATED, SOURCE_UNTRANSLATED_FRAGMENT,
    SOURCE_UNTRANSLATED_WORD,
) = declared_rules(  # rules/checks/source-copy.yaml
    "source-copy", "source-empty-target", "source-truncated-target", "source-untranslated",
    "source-untranslated-fragment", "source-untranslated-word",
)


class SourceCopyCheck(SourcePairCheck):
    """Targets that are empty, cut short, or still (partly) in the source language."""

    name = "source-copy"

    def check_pair(self, document: Document, pair: Pair, lang: str | None) -> Iterator[Finding]:
        target = document.text[pair.start : pair.end]
        source = pair.source
        evidence = quote(source)
        if not _LETTER_OR_DIGIT.search(source):
            return
        if not _LETTER_OR_DIGIT.search(target):
            yield SOURCE_EMPTY_TARGET.at(
                pair.start, pair.end,
                f"the translation is empty but the source has text (source: {evidence}); nothing was translated",
                origin=self.name,
            )
            return
        if (
            lang != "en"
            and _normal(target) == _normal(source)
            and (word_count(source) >= 3 or _FOREIGN_SCRIPT.search(source))
        ):
            yield SOURCE_UNTRANSLATED.at(
                pair.start, pair.end,
                f"the translation is a copy of the source (source: {evidence}); it was never translated",
                origin=self.name,
            )
            return
        for match in _FOREIGN_SCRIPT.finditer(target):
            if match.group(0) in source:
                yield SOURCE_UNTRANSLATED_FRAGMENT.at(
                    pair.start + match.start(), pair.start + match.end(),
                    f"{match.group(0)!r} is copied from the source untranslated (source: {evidence}); "
                    "English readers cannot read it",
                    origin=self.name,
                )
        yield from self._latin_words(pair, target, source, lang, evidence)
        if pair.segment and _SOURCE_END.search(source) and not _TARGET_END.search(target):
            ratio = len(target.strip()) / max(len(source.strip()), 1)
            if ratio < 0.6 * expected_ratio(lang) and len(source.strip()) >= 10:
                yield SOURCE_TRUNCATED_TARGET.at(
                    pair.start, pair.end,
                    f"the translation stops short: {len(target.strip())} characters without a closing "
                    f"full stop for a complete {len(source.strip())}-character source sentence "
                    f"(source: {evidence}); the end was probably cut off",
                    origin=self.name,
                )

    def _latin_words(
        self, pair: Pair, target: str, source: str, lang: str | None, evidence: str
    ) -> Iterator[Finding]:
        """Source-language words left in the English text ("kurzfristigen gains")."""
        if lang is None or lang == "en" or _FOREIGN_SCRIPT.search(source):
            return
        source_words = {w.casefold() for w in _LATIN_WORD.findall(source)}
        for match in _LATIN_WORD.finditer(target):
            word = match.group(0)
            folded = word.casefold()
            if folded not in source_words:
                continue
            if word.isupper() or zipf(folded, "en") >= ENGLISH_UNKNOWN:
                continue
            if word[0].isupper():
                # a capitalised word is a name unless the language capitalises nouns and this one is common
                if lang != "de" or zipf(folded, lang) < NOUN_COMMON:
                    continue
            elif zipf(folded, lang) < SOURCE_COMMON:
                continue
            yield SOURCE_UNTRANSLATED_WORD.at(
                pair.start + match.start(), pair.start + match.end(),
                f"{word!r} is a {lang} word copied from the source, not English "
                f"(source: {evidence}); it was left untranslated",
                origin=self.name,
            )
