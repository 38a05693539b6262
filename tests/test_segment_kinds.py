"""Segment kinds: headlines, titles, bylines, datelines, list items, table cells and quotes are not
sentences, and a target that copies its source's missing stop or lower-case start is faithful."""

from __future__ import annotations

import pytest

from auditor.checks.punctuation import PunctuationCheck
from auditor.checks.readability import ReadabilityCheck
from auditor.models import Document
from auditor.readers.segments import Segment, segments_document
from auditor.run.pipeline import audit_document
from auditor.score.scoring import ScoringModel
from auditor.segment import segment_lines
from auditor.segment_kinds import mirrors_source, segment_kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Syrian army retakes key town near Damascus", "headline"),
        ("The Battle of Stalingrad and Its Aftermath", "title"),
        ("By John Smith and Maria Lopez", "byline"),
        ("Reporting by Tom Perry; editing by Alison Williams", "byline"),
        ("DAMASCUS —", "dateline"),
        ("Monday, 5 March 2018", "dateline"),
        ("- ceasefire talks resume", "list-item"),
        ("2) Evacuate the north-west districts", "list-item"),
        ("• death toll rises to 12", "list-item"),
        ("Population\t1,200", "table-cell"),
        ("12.5%", "table-cell"),
        ("“Thought and Action”", "quote"),
        ("“and that was the end of it", "quote"),
        ("Two soldiers were injured and brought to the regional hospital for treatment", "sentence"),
        ("He said the road was closed.", "sentence"),
        ("the road was closed and the police evacuated the nearby houses on Monday evening", "sentence"),
    ],
)
def test_segment_kind(text: str, kind: str) -> None:
    assert segment_kind(text) == kind


def _lines(text: str, checks) -> list[str]:
    document = Document(path="t.txt", text=text, lines=True)
    document.sentences = segment_lines(text)
    return [f.rule for f in audit_document(document, checks, ScoringModel()).findings]


def test_sentence_rules_leave_non_sentences_alone() -> None:
    text = (
        "Syrian army retakes key town near Damascus\n"
        "- ceasefire talks resume in the capital on monday\n"
        "The army said two soldiers were killed in fighting near the border town on Sunday night\n"
    )
    rules = _lines(text, [PunctuationCheck()])
    # the headline and the list item are left alone; the sentence that lost its stop is still caught
    assert rules == ["missing-final-punctuation"]


def test_long_list_item_is_not_a_long_sentence() -> None:
    item = "- " + " ".join(["word"] * 60)
    assert _lines(item, [ReadabilityCheck()]) == []
    assert _lines(" ".join(["Word"] + ["word"] * 59) + ".", [ReadabilityCheck()]) == ["long-sentence"]


def _bilingual(pairs: list[tuple[str, str]]) -> list[str]:
    document = segments_document(
        "t.tsv", [Segment(str(i), t, source=s) for i, (s, t) in enumerate(pairs)], lang="en-US", source_lang="ru"
    )
    return [f.rule for f in audit_document(document, [PunctuationCheck()], ScoringModel()).findings]


def test_target_mirroring_the_source_is_not_a_finding() -> None:
    long_target = "The army said two soldiers were killed in fighting near the border town on Sunday night"
    # the source itself has no stop: the target keeps the shape, no finding
    assert _bilingual([("Армия заявила, что два солдата были убиты в бою у границы в воскресенье", long_target)]) == []
    # the source ends with a stop the target lost: a finding
    assert _bilingual([("Армия заявила, что два солдата были убиты в бою у границы в воскресенье.", long_target)]) == [
        "missing-final-punctuation"
    ]
    # a lower-case start copied from a source that starts in lower case (a continued segment)
    lower = "and the army said two soldiers were killed in fighting near the border town."
    assert _bilingual([("и армия заявила, что два солдата были убиты в бою у границы.", lower)]) == []
    assert _bilingual([("Армия заявила, что два солдата были убиты в бою у границы.", lower)]) == [
        "sentence-lowercase-start"
    ]


def test_mirror_needs_a_cased_source_for_lower_case() -> None:
    assert mirrors_source("missing-final-punctuation", "काठमाडौं नेपालको राजधानी हो")
    assert not mirrors_source("missing-final-punctuation", "काठमाडौं नेपालको राजधानी हो।")
    assert not mirrors_source("sentence-lowercase-start", "काठमाडौं नेपालको राजधानी हो।")
    assert not mirrors_source("doubled-word", "no stop here")
    assert not mirrors_source("missing-final-punctuation", None)


def _bilingual_readability(pairs: list[tuple[str, str]]) -> list[str]:
    document = segments_document(
        "t.tsv", [Segment(str(i), t, source=s) for i, (s, t) in enumerate(pairs)], lang="en-US", source_lang="ru"
    )
    return [f.rule for f in audit_document(document, [ReadabilityCheck()], ScoringModel()).findings]


def test_long_sentence_mirrors_a_long_source_sentence() -> None:
    target = "The army said " + " ".join(["that soldiers were killed"] * 10) + "."
    one = "Армия заявила, " + " ".join(["что солдаты были убиты"] * 10) + "."
    two = "Армия заявила. " + " ".join(["Солдаты были убиты."] * 10)
    assert _bilingual_readability([(one, target)]) == []  # the writer's own long sentence
    assert _bilingual_readability([(two, target)]) == ["long-sentence"]  # the MT merged sentences


def test_opening_mark_copied_from_the_source() -> None:
    assert mirrors_source("languagetool/UNLIKELY_OPENING_PUNCTUATION", ", care raportează Ministerului")
    assert not mirrors_source("languagetool/UNLIKELY_OPENING_PUNCTUATION", "Care raportează Ministerului")
