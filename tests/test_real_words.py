"""Typos that leave another real word, judged from the neighbours' Google Books pair counts."""

from __future__ import annotations

import pytest

from auditor.checks.real_words import RealWordCheck
from auditor.language.ngrams import pair_counts
from auditor.models import Document
from auditor.run.pipeline import segment_document

CHECK = RealWordCheck()


def _flag(text: str) -> list[tuple[str, tuple[str, ...]]]:
    document = segment_document(Document(path="t.txt", text=text))
    return [(text[f.start : f.end], f.suggestions) for f in CHECK.check(document)]


@pytest.mark.parametrize(
    ("text", "span", "fix"),
    [
        ("The coach said he as excited about the final.", "as", "was"),
        ("Officials said 10 ears ago the town was flooded.", "ears", "years"),
        ("The former mayor was found guilt of fraud.", "guilt", "guilty"),
        ("The virus had bee confirmed in two towns.", "bee", "been"),
        ("The circuit ha been closed since March.", "ha", "has"),  # a short word too rare for the list
    ],
)
def test_typos_that_are_words_get_the_intended_word(text: str, span: str, fix: str) -> None:
    assert _flag(text) == [(span, (fix,))]


@pytest.mark.parametrize(
    "text",
    [
        "The coach said he was excited about the final.",
        "The exit poll showed a big lead for the ruling party.",  # poll/polls: number, not spelling
        "He even suggests that human behavior may be shared by animals.",  # behavior/behaviour
        "She traveled to Paris and then to Rome.",  # traveled/travelled
        "Talks with the Ill Wind Company resumed.",  # capitalised inside a sentence: a name
        "Ears",  # no neighbours to judge by
        "He ran an ad campaign on television.",  # "ad" is a word: its neighbours do not ask for "and"
        "The ad was pulled after complaints.",
        "It dates from the 19th century and the 1850s, with 802.11b support.",  # tails of numbers
    ],
)
def test_correct_words_and_variants_are_left_alone(text: str) -> None:
    assert _flag(text) == []


def test_message_names_the_evidence() -> None:
    text = "Officials said 10 ears ago the town was flooded."
    [finding] = CHECK.check(segment_document(Document(path="t.txt", text=text)))
    assert "“years ago”" in finding.message and finding.category == "fluency/spelling"


def test_candidates_are_one_letter_longer_and_common() -> None:
    longer = pair_counts().one_letter_longer("as", 10_000_000)
    assert {"was", "has", "ask"} <= set(longer)
    assert all(len(word) == 3 for word in longer)
