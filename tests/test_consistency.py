"""One thing, one spelling: variants within a document."""

from __future__ import annotations

import pytest

from auditor.checks.consistency import ConsistencyCheck
from auditor.models import Document
from auditor.run.pipeline import segment_document
from tests.mtchecks_helpers import fixed, run, spans

CHECK = ConsistencyCheck()


@pytest.mark.parametrize(
    ("text", "rule", "span", "suggestion"),
    [
        (
            "Fighting raged in the north-west. Troops moved northwest. The north-west is calm.",
            "inconsistent-spelling",
            "northwest",
            "north-west",
        ),
        ("Erdogan spoke. Erdogan left. Erdoğan returned.", "inconsistent-spelling", "Erdoğan", "Erdogan"),
        (
            "Bashar Assad spoke. Assad left. President Bashar al-Assad returned.",
            "inconsistent-spelling",
            "al-Assad",
            "Assad",
        ),
        (
            "Clashes in Northeast Syria and northeastern Syria spread to the north-west.",
            "inconsistent-compass-style",
            "north-west",
            "northwest",
        ),
        (
            "Ceasefire talks began. The ceasefire held. A cease-fire was agreed.",
            "inconsistent-spelling",
            "cease-fire",
            "ceasefire",
        ),
        (
            "The M5 motorway reopened. Rebels shelled the highway. The M5 motorway is key.",
            "inconsistent-road-term",
            "highway",
            "motorway",
        ),
        (
            "The front is 10 km away, 20 km from the city and 5 kilometres from the river.",
            "inconsistent-unit",
            "kilometres",
            "km",
        ),
        (
            "The front is 10 kilometres away, 20 kilometres from the city and 1 km from the river.",
            "inconsistent-unit",
            "km",
            "kilometre",
        ),
        ("700,000 people fled and 85,000 returned; 13.000 stayed.", "inconsistent-number-format", "13.000", "13,000"),
    ],
)
def test_minority_variant_gets_the_majority_form(text: str, rule: str, span: str, suggestion: str) -> None:
    (finding,) = run(CHECK, text, rule)
    assert text[finding.start : finding.end] == span
    assert finding.suggestions == (suggestion,)
    assert finding.category == "fluency/inconsistency"


def test_suggestion_keeps_sentence_casing() -> None:
    text = "Fighting raged in the north-west and the north-west. Northwest of the city, troops moved."
    (finding,) = run(CHECK, text, "inconsistent-spelling")
    assert fixed(text, finding).endswith("North-west of the city, troops moved.")


@pytest.mark.parametrize(
    "text",
    [
        "Fighting raged in the north-west. Troops moved to the north-east.",
        "Fighting raged in the northwest. Troops moved northeast.",
        "The M5 motorway reopened. The M4 and the Damascus highway stayed closed.",
        "The highway reopened and the motorway in Britain was closed.",
        "Cases have reached 4.176 million, with at least 146,000 deaths.",
        "The gauge read 1.000 and 2.500 volts.",
        "The front is 10 km away and 20 km from the city.",
        "Erdogan spoke. Erdogan left.",
        "Troops in northeastern Syria and the North-West Frontier Province were on alert.",
    ],
)
def test_consistent_or_different_things_pass(text: str) -> None:
    assert spans(text, run(CHECK, text)) == []


def test_lines_mode_compares_nothing() -> None:
    text = "Erdogan spoke.\nErdogan left.\nErdoğan returned."
    document = segment_document(Document(path="t", text=text, lines=True))
    assert list(CHECK.check(document)) == []


def test_seed_findings(seed_text: str) -> None:
    found = run(CHECK, seed_text)
    flagged = sorted((f.rule, seed_text[f.start : f.end], f.suggestions[0]) for f in found)
    assert flagged == [
        ("inconsistent-compass-style", "north-west", "northwest"),
        ("inconsistent-road-term", "highway", "motorway"),
        ("inconsistent-road-term", "highway", "motorway"),
    ]
