"""What the source-grounded meaning checks share: the source language of each pair, its marker
table, and findings that quote the source words and carry their span."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.checks.rule import Rule
from auditor.checks.source_common import Pair, SourcePairCheck, pairs, primary, quote
from auditor.meaning.langid import guess
from auditor.meaning.markers import Hit, Markers, markers_for
from auditor.models import Document, Finding, Severity


def source_words(hits: list[Hit]) -> str:
    """Source markers for a message: ``„nicht“, „kein“``."""
    seen: list[str] = []
    for hit in hits:
        if hit.text not in seen:
            seen.append(hit.text)
    return ", ".join(f"“{word}”" for word in seen[:4])


def span_of(hits: list[Hit]) -> tuple[int, int] | None:
    """The source span of the first of ``hits`` (None without any): the words the message quotes first."""
    return (hits[0].start, hits[0].end) if hits else None


class MeaningCheck(SourcePairCheck):
    """Base of the meaning checks: each aligned segment with its language's marker table.

    The language is ``--source-lang`` or the file header when given; otherwise each source segment's
    own (by script, else by its commonest words), since one file may mix source languages.
    """

    name = "meaning"
    #: False for checks that also work without a marker table (question marks are language-blind).
    needs_table = True

    def check(self, document: Document) -> Iterator[Finding]:
        """Findings for every aligned segment whose language has a marker table."""
        if document.source is None:
            return
        configured = primary(self.source_lang or document.source_lang)
        for pair in pairs(document):
            if not pair.segment:
                continue  # meaning markers are compared sentence by sentence only
            lang = configured or guess(pair.source)
            table = markers_for(lang)
            if table is None and not self.needs_table:
                table = Markers(lang or "")
            if table is not None:
                yield from self.check_markers(document, pair, table)

    def check_markers(self, document: Document, pair: Pair, table: Markers) -> Iterator[Finding]:
        """Findings for one segment; each check implements this."""
        raise NotImplementedError

    def finding(
        self,
        rule: Rule,
        pair: Pair,
        table: Markers,
        target: Hit | None,
        source: list[Hit],
        message: str,
        suggestions: tuple[str, ...] = (),
    ) -> Finding:
        """A finding of ``rule`` at ``target`` (the whole segment when None) with its source span; a hint
        where the language's table demotes the rule (``hints`` in ``rules/meaning/<lang>.yaml``)."""
        start, end = (pair.start + target.start, pair.start + target.end) if target else (pair.start, pair.end)
        return rule.at(
            start,
            end,
            f"{message} (source: {quote(pair.source)})",
            suggestions,
            severity=Severity.HINT if rule.id in table.hints else None,
            origin=self.name,
            source_span=span_of(source),
        )
