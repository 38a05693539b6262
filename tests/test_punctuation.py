"""Punctuation, spacing and sentence-shape checks."""

from __future__ import annotations

import pytest

from auditor.checks.punctuation import PunctuationCheck
from auditor.models import Document, Severity
from auditor.run.pipeline import segment_document


def run(text: str, lines: bool = False) -> list:
    document = segment_document(Document(path="t", text=text, lines=lines))
    return list(PunctuationCheck().check(document))


def fixed(text: str, rule: str, lines: bool = False) -> str:
    (finding,) = [f for f in run(text, lines) if f.rule == rule]
    return text[: finding.start] + finding.suggestions[0] + text[finding.end :]


def test_space_before_punctuation() -> None:
    assert fixed("Erdogan told a meeting in Ankara .", "space-before-punctuation") == (
        "Erdogan told a meeting in Ankara."
    )
    assert fixed("Yes , he said.", "space-before-punctuation") == "Yes, he said."
    assert not [f for f in run("He paid $1 .5 million... and left.") if f.rule == "space-before-punctuation"]


@pytest.mark.parametrize(
    ("text", "expected", "severity"),
    [
        ("They ate the the food.", "They ate the food.", Severity.MINOR),
        ("They ate pet food food.", "They ate pet food.", Severity.MINOR),
        ("They ate pet food food food food.", "They ate pet food.", Severity.MAJOR),
        ("The The food was cold.", "The food was cold.", Severity.MINOR),
    ],
)
def test_doubled_words(text: str, expected: str, severity: Severity) -> None:
    (finding,) = [f for f in run(text) if f.rule == "doubled-word"]
    assert finding.severity is severity
    assert text[: finding.start] + finding.suggestions[0] + text[finding.end :] == expected


@pytest.mark.parametrize("text", ["He had had enough.", "He said that that was wrong.", "They visited Walla Walla."])
def test_legitimate_doubles(text: str) -> None:
    assert not [f for f in run(text) if f.rule == "doubled-word"]


def test_doubled_spaces() -> None:
    assert fixed("One  Syrian was killed.", "doubled-space") == "One Syrian was killed."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DAMASCUS >> One Syrian was killed.", "DAMASCUS — One Syrian was killed."),
        ("BEIRUT, Lebanon (AP) | Two men were hurt.", "BEIRUT, Lebanon (AP) — Two men were hurt."),
        ("WASHINGTON:: The bill passed.", "WASHINGTON — The bill passed."),
    ],
)
def test_garbled_dateline(text: str, expected: str) -> None:
    assert fixed(text, "garbled-dateline") == expected


@pytest.mark.parametrize("text", ["DAMASCUS — One Syrian was killed.", "WASHINGTON (Reuters) - The bill passed.", "NATO said no."])
def test_clean_datelines(text: str) -> None:
    assert not [f for f in run(text) if f.rule == "garbled-dateline"]


def test_lowercase_sentence_start() -> None:
    assert fixed("the troops left the city.", "sentence-lowercase-start", lines=True) == "The troops left the city."
    assert not run("iPhone sales rose sharply this year.", lines=True)
    assert not [f for f in run("He said: the troops left.") if f.rule == "sentence-lowercase-start"]


def test_missing_final_punctuation() -> None:
    assert [f.rule for f in run("The troops left the city", lines=True)] == ["missing-final-punctuation"]
    assert fixed("The troops left the city", "missing-final-punctuation", lines=True) == "The troops left the city."
    assert not run("“The troops left the city.”", lines=True)
    assert not run("Troops left", lines=True)  # too short to judge (headline-like)
    headline = "Syria says US troops kill one man\n\nOne Syrian was killed on Wednesday."
    assert not run(headline)


def test_segment_without_words_is_critical() -> None:
    (finding,) = run(".", lines=True)
    assert finding.rule == "no-words" and finding.severity is Severity.CRITICAL
    assert not run("\n\n", lines=True)


def test_seed_punctuation_findings(seed_text: str) -> None:
    found = {(f.rule, seed_text[f.start : f.end]) for f in run(seed_text)}
    assert ("garbled-dateline", " >> ") in found
    assert ("space-before-punctuation", " .") in found
    assert {rule for rule, _ in found} == {"garbled-dateline", "space-before-punctuation"}


@pytest.mark.parametrize("text", ["34 per cent of voters agree.", "802.11n is faster than before.", "“the end” was near."])
def test_lowercase_start_needs_a_leading_letter_word(text: str) -> None:
    found = [f.rule for f in run(text, lines=True)]
    assert ("sentence-lowercase-start" in found) == text.startswith("“the")
