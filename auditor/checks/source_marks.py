"""Brackets and quotation marks: pairs in the source should still be pairs in the target."""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.checks.source_common import Pair, SourcePairCheck, quote
from auditor.models import Document, Finding
from auditor.rules_engine.check_rules import declared_rules

_SOURCE_BRACKETS = (("(", ")"), ("（", "）"), ("[", "]"), ("【", "】"), ("［", "］"))
_TARGET_BRACKETS = (("(", ")"), ("[", "]"))


_SOURCE_QUOTES = (("“", "”"), ("„", "“"), ("«", "»"), ("「", "」"), ("『", "』"), ("‚", "‘"))
_TARGET_QUOTES = (("“", "”"), ("‘", "’"))


def _quote_pairs(text: str, kinds: tuple[tuple[str, str], ...]) -> int:
    counted = text.count('"') // 2
    for opening, closing in kinds:
        if opening == "„":
            counted += text.count("„")
        elif opening == "“" and "„" in text:
            continue
        else:
            counted += min(text.count(opening), text.count(closing))
    return counted


#: A bracketed Latin-script gloss in a Chinese or Japanese source ("菲斯克大学（Fisk University）")
#: spells a name out; translations drop such brackets, so they are not counted.
_GLOSS = re.compile(r"[(（][A-Za-z\u00c0-\u024f .'’&-]+[)）]")
_NON_LATIN = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\u0900-\u097f\u0400-\u04ff]")


_QUOTED = re.compile(r'«([^«»]*)»|„([^„“”]*)[“”]|“([^“”]*)”|"([^"]*)"')
_SPOKEN = re.compile(r"[.!?…,;:]")  # a quoted sentence ("„Wir bleiben hier.“") is speech, not a name
_QUOTED_WORD = re.compile(r"[^\W_][\w'’-]*")
#: A quoted name: up to this many words, the first capitalised (a paper, film, firm, ship, law).
QUOTED_NAME_WORDS = 3


def _unquote_names(source: str) -> str:
    """The source with quotation marks taken off names: «Коммерсант», „Sfântul Nicolae”, "Ariel".
    Many languages quote the names of papers, films, firms and products; English writes them bare
    (or in italics), so a translation without the quotes is right. On MLQE-PE dev, segments whose
    only quotations were such names were flagged 32 times and 26 of them had any post-edit at all,
    fewer than chance gives (28.6): 11 of ru-en's 15 false alarms on untouched segments."""

    def bare(match: re.Match[str]) -> str:
        inner = next(g for g in match.groups() if g is not None)
        words = _QUOTED_WORD.findall(inner)
        named = 0 < len(words) <= QUOTED_NAME_WORDS and words[0][:1].isupper() and not _SPOKEN.search(inner)
        return inner if named else match.group(0)

    return _QUOTED.sub(bare, source)


def _bracket_pairs(text: str, kinds: tuple[tuple[str, str], ...]) -> int:
    if _NON_LATIN.search(text):
        text = _GLOSS.sub("", text)
    return sum(min(text.count(o), text.count(c)) for o, c in kinds)


SOURCE_BRACKET_COUNT, SOURCE_QUOTES_DROPPED = declared_rules(  # rules/checks/source-marks.yaml
    "source-marks", "source-bracket-count", "source-quotes-dropped",
)


class SourceMarksCheck(SourcePairCheck):
    """Bracketed asides that were dropped or invented in translation."""

    name = "source-marks"

    def check_pair(self, document: Document, pair: Pair, lang: str | None) -> Iterator[Finding]:
        """Compare the bracket pairs and quotations of one aligned segment."""
        if not pair.segment:
            return
        target = document.text[pair.start : pair.end]
        in_source = _bracket_pairs(pair.source, _SOURCE_BRACKETS)
        in_target = _bracket_pairs(target, _TARGET_BRACKETS)
        if not _quote_pairs(target, _TARGET_QUOTES) and _quote_pairs(_unquote_names(pair.source), _SOURCE_QUOTES):
            yield SOURCE_QUOTES_DROPPED.at(
                pair.start, pair.end,
                f"the source quotes words the translation does not mark as a quotation "
                f"(source: {quote(pair.source)}); readers can no longer tell who said what",
                origin=self.name,
            )
        if in_source == in_target:
            return
        yield SOURCE_BRACKET_COUNT.at(
            pair.start, pair.end,
            f"the source has {in_source} bracketed aside(s), the translation {in_target} "
            f"(source: {quote(pair.source)}); an aside was probably dropped or merged",
            origin=self.name,
        )
