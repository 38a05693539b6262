"""Typos that leave another real word, judged from the neighbours' Google Books pair counts."""

from __future__ import annotations

import pytest

from auditor.checks.real_words import RealWordCheck
from auditor.language.ngrams import pair_counts
from auditor.models import Document
from auditor.run.pipeline import segment_document

CHECK = RealWordCheck()


def _flag(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """Confirmed findings (``real-word-typo``): span and suggestion."""
    document = segment_document(Document(path="t.txt", text=text))
    return [(text[f.start : f.end], f.suggestions) for f in CHECK.check(document) if f.rule == "real-word-typo"]


def _rules(text: str) -> list[tuple[str, str]]:
    document = segment_document(Document(path="t.txt", text=text))
    return [(text[f.start : f.end], f.rule) for f in CHECK.check(document)]


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


@pytest.mark.parametrize(
    ("text", "span"),
    [
        # the pair counts ask for "fire trees" and "The land is"; the language model knows both phrases
        ("The park is heavily forested, mainly with beech, spruce, and fir trees.", "fir"),
        ("The lad is just one of about 400 early births that are cared for every year.", "lad"),
        ("He was held in the administrative bloc of the prison.", "bloc"),
    ],
)
def test_unconfirmed_by_the_language_model_is_a_separate_rule(text: str, span: str) -> None:
    assert _rules(text) == [(span, "real-word-typo-unconfirmed")]


def test_the_language_model_judges_the_context_not_the_frequency() -> None:
    from auditor.checks.real_words import _model_sequence, model_gain
    from auditor.language.lexicon import tokens

    model = CHECK.model
    text = "The virus had bee confirmed in two towns."
    toks = tokens(text)
    sequence = _model_sequence(toks, model)
    assert model_gain(model, sequence, 3, "been") > 5  # "had been confirmed"
    text = "Spruce and fir trees grow here."
    toks = tokens(text)
    assert model_gain(model, _model_sequence(toks, model), 2, "fire") < 0  # "fir trees" is English
    assert model_gain(model, _model_sequence(toks, model), 2, "qqqzzz") is None  # the model lacks it


def test_unconfirmed_is_a_hint_by_default() -> None:
    from auditor.calibration import shipped_calibration

    entry = shipped_calibration()["real-word-typo-unconfirmed"]
    assert entry.tier == "hint" and entry.measured
    assert "real-word-typo" not in shipped_calibration()


def test_message_names_the_evidence() -> None:
    text = "Officials said 10 ears ago the town was flooded."
    [finding] = CHECK.check(segment_document(Document(path="t.txt", text=text)))
    assert "“years ago”" in finding.message and finding.category == "fluency/spelling"


def test_candidates_are_one_letter_longer_and_common() -> None:
    longer = pair_counts().one_letter_longer("as", 10_000_000)
    assert {"was", "has", "ask"} <= set(longer)
    assert all(len(word) == 3 for word in longer)
