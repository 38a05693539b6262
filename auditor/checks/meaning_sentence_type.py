"""Sentence type: a statement turned into a question (or a question into a statement), and an
exclamation the source does not make."""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.checks.meaning_common import MeaningCheck, source_words
from auditor.checks.source_common import Pair
from auditor.meaning.english import question
from auditor.meaning.markers import Hit, Markers
from auditor.models import Document, Finding
from auditor.rules_engine.check_rules import declared_rules

QUESTION_ADDED, QUESTION_DROPPED, EXCLAMATION_ADDED = declared_rules(
    "meaning-sentence-type", "meaning-question-added", "meaning-question-dropped", "meaning-exclamation-added"
)

#: Question marks of every script the tables cover (Latin, CJK full-width, Spanish, Arabic, Greek).
_SOURCE_QUESTION = re.compile(r"[?？¿؟;]")
_SOURCE_QUESTION_END = re.compile(r"[?？؟][\"'”’»」』)）\s]*$")
_SOURCE_EXCLAMATION = re.compile(r"[!！¡]")
_TARGET_EXCLAMATION = re.compile(r"!")


class MeaningSentenceTypeCheck(MeaningCheck):
    """Question, statement and exclamation compared with the source."""

    name = "meaning-sentence-type"
    needs_table = False

    def check_markers(self, document: Document, pair: Pair, table: Markers) -> Iterator[Finding]:
        """Compare question and exclamation marks (and question particles) of one segment."""
        target = document.text[pair.start : pair.end]
        asked = question(target)
        source_marks = [Hit(m.start(), m.end(), m.group(0)) for m in _SOURCE_QUESTION.finditer(pair.source)]
        if table.lang != "el":
            source_marks = [h for h in source_marks if h.text != ";"]
        particles = table.find("question", pair.source)
        if asked and not source_marks and not particles:
            yield self.finding(
                QUESTION_ADDED,
                pair,
                table,
                asked,
                [],
                "the translation asks a question but the source has no question mark or question word; "
                "a statement turned into a question puts in doubt what the source states",
            )
        ending = _SOURCE_QUESTION_END.search(pair.source)
        if ending and not asked:
            mark = Hit(ending.start(), ending.start() + 1, pair.source[ending.start()])
            yield self.finding(
                QUESTION_DROPPED,
                pair,
                table,
                None,
                [mark, *particles],
                "the source is a question"
                + (f" ({source_words(particles)})" if particles else "")
                + " but the translation asks nothing; a question turned into a statement asserts what the "
                "source only asks",
            )
        exclaimed = _TARGET_EXCLAMATION.search(target)
        if exclaimed and not _SOURCE_EXCLAMATION.search(pair.source):
            yield self.finding(
                EXCLAMATION_ADDED,
                pair,
                table,
                Hit(exclaimed.start(), exclaimed.end(), "!"),
                [],
                "the translation exclaims but the source does not; the emphasis is the translator's",
            )
