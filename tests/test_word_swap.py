"""Swapped neighbouring words, judged from Google Books word-pair counts."""

from __future__ import annotations

import pytest

from auditor.checks.word_swap import WordSwapCheck
from auditor.models import Document
from auditor.ngrams import pair_counts
from auditor.pipeline import segment_document

CHECK = WordSwapCheck()


def _flag(text: str) -> list[tuple[str, tuple[str, ...]]]:
    document = segment_document(Document(path="t.txt", text=text))
    return [(text[f.start : f.end], f.suggestions) for f in CHECK.check(document)]


@pytest.mark.parametrize(
    ("text", "span", "fix"),
    [
        ("Any witness evidence be could negatively impacted.", "be could", "could be"),
        ("Have may been the source of the water.", "Have may", "May have"),  # the capital moves
        ("Talks resume if the rebels are than more willing.", "than more", "more than"),
        ("It is one of the largest in world the.", "world the", "the world"),
    ],
)
def test_swaps_are_found_with_the_fix(text: str, span: str, fix: str) -> None:
    assert _flag(text) == [(span, (fix,))]


@pytest.mark.parametrize(
    "text",
    [
        "Cyanuric acid and melamine were both found in urine samples.",
        "The most eager is Oregon, which has enlisted 5,000 drivers.",
        "Hong Kong Island is hit by the storm.",  # names are not judged by lower-case counts
        "The US Navy said the States United Party won.",  # capitalised words inside a sentence
        "Green was bon in 1946 in London.",  # a misspelling is not a swap: "bon was" is not English
        "",
    ],
)
def test_clean_or_unjudgeable_text_is_not_flagged(text: str) -> None:
    assert _flag(text) == []


def test_message_gives_the_evidence_and_span_is_exact() -> None:
    text = "Officials said that comets have may been the source."
    document = segment_document(Document(path="t.txt", text=text))
    [finding] = CHECK.check(document)
    assert text[finding.start : finding.end] == "have may"
    assert "“may have”" in finding.message and "billion times" in finding.message
    assert finding.category == "fluency/word-order"


def test_counts_come_from_the_shipped_lists() -> None:
    counts = pair_counts()
    assert counts.pair("found", "in") > 1_000_000_000
    assert counts.pair("in", "found") is None
    assert "the" in counts.common and "qamishli" not in counts.words
