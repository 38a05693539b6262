"""Swapped neighbouring words, judged by a trigram language model and Google Books word-pair counts."""

from __future__ import annotations

import pytest

from auditor.checks import word_swap
from auditor.checks.word_swap import WordSwapCheck
from auditor.language.ngrams import pair_counts
from auditor.models import Document
from auditor.run.pipeline import segment_document

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
        # two content words or names: only the language model has an opinion
        ("The attack is a violation serious of international law.", "violation serious", "serious violation"),
        ("He said that the States United is the largest donor.", "States United", "United States"),  # casing kept
        ("This is the time tenth since the start of the season.", "time tenth", "tenth time"),
    ],
)
def test_swaps_are_found_with_the_fix(text: str, span: str, fix: str) -> None:
    assert _flag(text) == [(span, (fix,))]


@pytest.mark.parametrize(
    "text",
    [
        "Cyanuric acid and melamine were both found in urine samples.",
        "The most eager is Oregon, which has enlisted 5,000 drivers.",
        "Hong Kong Island is hit by the storm.",
        "The attack is a serious violation of international law.",
        "Green was bon in 1946 in London.",  # a misspelling is not a swap: "bon was" is not English
        # a determiner is not moved past a participle: a noun phrase, not "killed the man"
        "Syrian state-run media said that the killed man was a citizen.",
        "Retail sales also were reported slow in most districts.",  # adverb before its auxiliary
        "City would then be waiting in the next KO round.",  # acronyms are not the model's lower-case words
        "The company expects growth in its card business.",  # one collocation ("business card") is not enough
        "She started again in 1996 with a group of friends.",  # a number after the pair is no sentence end
        "Where can I place a ready-made survey?",  # a question's inversion is not a swap
        "Is this the tenth time since the start of the pandemic?",
        "Division I of the army has launched a number of failed attacks.",  # a Roman numeral, not "I"
        "He has followed his son Mikhail I since 1408.",
        "",
    ],
)
def test_clean_or_unjudgeable_text_is_not_flagged(text: str) -> None:
    assert _flag(text) == []


def test_only_a_question_excuses_the_inversion() -> None:
    assert _flag("Why have may they left?") == [("have may", ("may have",))]  # two auxiliaries: still a swap
    # the same words as a statement: the inversion is judged as before
    assert _flag("Where can I place a ready-made survey.") == [("can I", ("I can",))]
    assert _flag("Is this the tenth time since the start of the pandemic.") == [("Is this", ("This is",))]


def test_message_gives_both_models_evidence_and_span_is_exact() -> None:
    text = "Officials said that comets have may been the source."
    document = segment_document(Document(path="t.txt", text=text))
    [finding] = CHECK.check(document)
    assert text[finding.start : finding.end] == "have may"
    assert "“may have”" in finding.message and "billion times" in finding.message
    assert "language model" in finding.message
    assert finding.category == "fluency/word-order"


def test_content_words_need_more_evidence_than_function_words(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "The attack is a violation serious of international law."
    monkeypatch.setattr(word_swap, "MIN_EVIDENCE_CONTENT", 1_000.0)
    assert "violation serious" not in dict(_flag(text))
    assert _flag("Have may been the source of the water.") == [("Have may", ("May have",))]
    monkeypatch.setattr(word_swap, "MIN_EVIDENCE", 1_000.0)
    assert _flag("Have may been the source of the water.") == []


def test_counts_come_from_the_shipped_lists() -> None:
    counts = pair_counts()
    assert counts.pair("found", "in") > 1_000_000_000
    assert counts.pair("in", "found") is None
    assert "the" in counts.common and "qamishli" not in counts.words
