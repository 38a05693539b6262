"""The trigram language model read from the pocketsphinx wheel."""

from __future__ import annotations

import math

import pytest

from auditor.language.trigram_lm import SENTENCE_END, trigram_model

MODEL = trigram_model()


def test_vocabulary_knows_news_words_and_names_but_not_numbers_or_acronyms() -> None:
    assert MODEL.knows("the") and MODEL.knows("xinhua") and MODEL.knows("violation")
    assert not MODEL.knows("71") and not MODEL.knows("u.s.") and not MODEL.knows("xyzzyq")


def test_probabilities_are_natural_logs_of_real_probabilities() -> None:
    following_united = MODEL.log_prob("states", ["united"])
    assert -1.0 < following_united < 0.0  # "states" is the usual word after "united"
    assert math.exp(MODEL.log_prob("the")) < 0.1  # a unigram probability, not a count


@pytest.mark.parametrize(
    ("usual", "unusual"),
    [(("united", "states"), ("states", "united")), (("serious", "violation"), ("violation", "serious"))],
)
def test_the_usual_order_is_the_likelier(usual: tuple[str, str], unusual: tuple[str, str]) -> None:
    def pair(words: tuple[str, str]) -> float:
        return MODEL.span_log_prob([*words, SENTENCE_END], 0, 3)

    assert pair(usual) > pair(unusual) + 2


def test_history_is_oldest_first_and_only_the_last_two_words_count() -> None:
    assert MODEL.log_prob("states", ["of", "the", "united"]) == MODEL.log_prob("states", ["the", "united"])
    assert MODEL.log_prob("states", ["the", "united"]) != MODEL.log_prob("united", ["the", "states"])


def test_a_break_cuts_the_history_and_is_not_scored() -> None:
    broken = MODEL.span_log_prob(["united", None, "states"], 0, 3)
    assert broken == pytest.approx(MODEL.log_prob("united", ["<s>"]) + MODEL.log_prob("states"))
    assert MODEL.span_log_prob(["united", "states"], 1, 2) == MODEL.log_prob("states", ["united"])


def test_a_missing_model_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from auditor.errors import AuditorError
    from auditor.language import trigram_lm

    monkeypatch.setattr(trigram_lm, "_LOADED", [])
    monkeypatch.setattr(trigram_lm, "MODEL_PATH", ("model", "en-us", "missing.lm.bin"))
    with pytest.raises(AuditorError, match=r"missing\.lm\.bin.*make setup"):
        trigram_lm.trigram_model()
