"""Suggestions keep the inflection and capitalisation of the words they replace."""

from __future__ import annotations

import pytest

from auditor.checks.phrases import PhraseCheck
from auditor.models import Document
from auditor.rules_engine.inflection import inflect_like
from auditor.segment import segment


@pytest.mark.parametrize(
    ("target", "word", "lemma", "pos", "expected"),
    [
        ("clear", "evacuated", "evacuate", "verb", "cleared"),
        ("clear", "evacuating", "evacuate", "verb", "clearing"),
        ("clear", "evacuates", "evacuate", "verb", "clears"),
        ("clear", "evacuate", "evacuate", "verb", "clear"),
        ("fire", "shot", "shoot", "verb", "fired"),
        ("carry out", "performed", "perform", "verb", "carried out"),
        ("civilian", "citizens", "citizen", "noun", "civilians"),
        ("civilian", "citizen", "citizen", "noun", "civilian"),
        ("get", "become", "become", "verb", "get"),
        ("gain", "profits", "profit", "noun", "gains"),
    ],
)
def test_inflect_like(target, word, lemma, pos, expected) -> None:
    assert inflect_like(target, word, lemma, pos) == expected


def findings(text: str, **kwargs):
    document = Document(path="t.txt", text=text)
    document.sentences = segment(text)
    return list(PhraseCheck(**kwargs).check(document))


def test_sentence_initial_capital_is_kept() -> None:
    text = "Evacuating the highway took the army three days."
    [finding] = [f for f in findings(text) if f.rule == "evacuate-road"]
    assert text[finding.start : finding.end] == "Evacuating"
    assert finding.suggestions[0] == "Clearing"


def test_all_caps_stay_caps() -> None:
    text = "SYRIAN TROOPS HAVE EVACUATED THE M5."
    [finding] = [f for f in findings(text) if f.rule == "evacuate-road"]
    assert finding.suggestions[0] == "CLEARED"


def test_mid_sentence_name_capital_is_not_carried() -> None:
    text = "The convoy crossed Northeast Syria."
    [finding] = findings(text, requested=["house-style"])
    assert finding.rule == "ap-compass-lowercase"
    assert finding.suggestions == ("northeast",)


def test_offsets_point_at_the_flagged_words() -> None:
    text = "DAMASCUS >> Troops  evacuated the M5 and shot smoke bombs at the killed man, a citizen."
    found = findings(text)
    assert found
    for finding in found:
        assert text[finding.start : finding.end] == text[finding.start : finding.end].strip()
        assert finding.start < finding.end <= len(text)
    spans = {f.rule: text[f.start : f.end] for f in found}
    assert spans["evacuate-road"] == "evacuated"
    assert spans["shoot-projectiles"] == "shot"
    assert spans["killed-man"] == "the killed man"


def test_longer_match_wins_over_overlapping_rule() -> None:
    text = "Coalition forces returned the fire from self-defense."
    rules = [f.rule for f in findings(text)]
    assert rules == ["return-the-fire-self-defense"]
