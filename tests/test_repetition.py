"""Repeated verbs across a coordination and doubled phrases."""

from __future__ import annotations

import pytest

from auditor.checks.punctuation import PunctuationCheck
from auditor.checks.repetition import RepetitionCheck
from tests.mtchecks_helpers import fixed, run, spans

CHECK = RepetitionCheck()


def test_repeated_verb_is_dropped() -> None:
    text = "In the crisis 700,000 people are fleeing their homes and fleeing north to the Turkish border."
    (finding,) = run(CHECK, text)
    assert finding.rule == "repeated-word"
    assert text[finding.start : finding.end] == " and fleeing"
    assert fixed(text, finding) == (
        "In the crisis 700,000 people are fleeing their homes and heading north to the Turkish border."
    )
    cut = text[: finding.start] + finding.suggestions[1] + text[finding.end :]
    assert cut == "In the crisis 700,000 people are fleeing their homes north to the Turkish border."
    assert "fleeing" in finding.message


@pytest.mark.parametrize(
    ("text", "repaired"),
    [
        ("Thousands fled their homes and fled south.", "Thousands fled their homes and headed south."),
        ("They must flee the city and flee north.", "They must flee the city and head north."),
        ("The family flees the shelling and flees abroad.", "The family flees the shelling and heads abroad."),
    ],
)
def test_movement_verb_keeps_inflection_and_case(text: str, repaired: str) -> None:
    (finding,) = run(CHECK, text)
    assert fixed(text, finding) == repaired


def test_repeated_lemma_in_another_form_is_reported_without_a_cut() -> None:
    text = "Thousands of people fled their homes and fleeing north."  # garbled: no cut reads right
    (finding,) = run(CHECK, text)
    assert text[finding.start : finding.end] == "fleeing"
    assert finding.suggestions == ()


@pytest.mark.parametrize(
    "text",
    [
        "Prices rose more and more.",
        "They tried again and again.",
        "Rangers monitor shooters in pest control trials as the trials are monitored.",
        "The US Army said its troops came under fire and troops reacted in self-defense.",
        "They are fleeing their homes, and fleeing is all they can do.",
        "They fled their homes and are fleeing north.",
        "He was fleeing the city and heading north.",
        "The government is raising taxes and raising fees.",
        "He talked to reporters and talked to officials.",
    ],
)
def test_no_repetition_reported(text: str) -> None:
    assert spans(text, run(CHECK, text)) == []


def test_repeated_verb_at_clause_end() -> None:
    text = "Families packed what they could and fled, and fled again."
    assert [f.rule for f in run(CHECK, text)] == []  # a comma breaks the clause
    text = "The civilians are leaving their villages and leaving, the UN said."
    (finding,) = run(CHECK, text)
    assert fixed(text, finding) == "The civilians are leaving their villages, the UN said."


def test_doubled_phrase_is_deleted() -> None:
    text = "Clashes broke out in the city in the city on Monday."
    (finding,) = run(CHECK, text)
    assert finding.rule == "doubled-phrase"
    assert text[finding.start : finding.end] == " in the city"
    assert fixed(text, finding) == "Clashes broke out in the city on Monday."


def test_single_doubled_words_are_left_to_the_punctuation_check() -> None:
    text = "They found it in contaminated pet food food food food."
    assert run(CHECK, text) == []
    assert [f.rule for f in run(PunctuationCheck(), text)] == ["doubled-word"]


def test_seed_fleeing(seed_text: str) -> None:
    found = run(CHECK, seed_text)
    (flee,) = [f for f in found if "fleeing" in seed_text[f.start : f.end]]
    repaired = fixed(seed_text, flee)
    assert "700,000 people are fleeing their homes and heading north to the Turkish border." in repaired
