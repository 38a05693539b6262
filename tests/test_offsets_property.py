"""Offsets are sacred: for arbitrary text, every sentence and finding maps back exactly."""

from __future__ import annotations

import json
import re
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.checks import CheckOptions, build_checks
from auditor.models import Document
from auditor.report.json_report import document_dict
from auditor.run.pipeline import audit_document
from auditor.score.scoring import ScoringModel
from auditor.segment import segment, segment_lines

# Text built from the characters that drive the checks (quotes, punctuation, abbreviations,
# line breaks, non-BMP characters) as well as arbitrary Unicode.
PIECES = st.sampled_from(
    ["U.S.", "Lt. Col.", "Feb.", " ", "  ", "\n", "\n\n", "\r\n", ".", "?", "!", "“", "”", '"', "‘", "’",
     "said", "Said", "the", "The", "food food", "Ankara .", "DAMASCUS >> ", "1.5", "…", "🙂", "é", "三聚氰胺"]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=40).map("".join)
CHECKS = build_checks(CheckOptions(grammar=False))


def _assert_maps_back(text: str, lines: bool) -> None:
    document = Document(path="prop", text=text, lines=lines)
    result = audit_document(document, CHECKS, ScoringModel())
    data = json.loads(json.dumps(document_dict(result)))
    sentences = data["sentences"]
    for number, sentence in enumerate(sentences):
        assert text[sentence["start"] : sentence["end"]] == sentence["text"]
        upper = sentences[number + 1]["start"] if number + 1 < len(sentences) else len(text)
        for finding in sentence["findings"]:
            assert 0 <= finding["start"] <= finding["end"] <= len(text)
            assert sentence["start"] <= finding["start"] <= upper or number == 0
            assert 0 <= sentence["score"] <= 100


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_sentences_and_findings_map_back(text: str) -> None:
    _assert_maps_back(text, lines=False)


@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_lines_mode_maps_back(text: str) -> None:
    _assert_maps_back(text, lines=True)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_segmentation_loses_no_text(text: str) -> None:
    sentences = segment(text)
    covered = "".join(text[s.start : s.end] for s in sentences)
    assert re.sub(r"\s", "", covered) == re.sub(r"\s", "", text)
    for before, after in pairwise(sentences):
        assert before.end <= after.start
    for s in sentences:
        span = text[s.start : s.end]
        assert span and span == span.strip()


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_lines_rebuild_the_text(text: str) -> None:
    lines = [text[s.start : s.end] for s in segment_lines(text)]
    normalised = text.replace("\r\n", "\n")
    expected = normalised[:-1] if normalised.endswith("\n") else normalised
    assert "\n".join(lines) == expected
