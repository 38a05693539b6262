"""Garbled attributions: speech verbs swallowed into names, attribution tails with no verb."""

from __future__ import annotations

import pytest

from auditor.checks.attribution import AttributionCheck
from auditor.models import Severity
from tests.mtchecks_helpers import fixed, run, spans

CHECK = AttributionCheck()


@pytest.mark.parametrize(
    ("text", "span", "repaired"),
    [
        (
            "At least 85 civilians were killed in Idlib, UN spokesman Stephane Said Dujarric today.",
            "Stephane Said Dujarric",
            "At least 85 civilians were killed in Idlib, UN spokesman Stephane Dujarric said today.",
        ),
        (
            "The talks failed, Foreign Minister Sergei Lavrov Told reporters on Monday.",
            "Sergei Lavrov Told",
            "The talks failed, Foreign Minister Sergei Lavrov told reporters on Monday.",
        ),
        (
            "The talks failed, Foreign Minister Sergei Lavrov Said yesterday.",
            "Sergei Lavrov Said",
            "The talks failed, Foreign Minister Sergei Lavrov said yesterday.",
        ),
        (
            "At least 85 civilians were killed, UN spokesman Stephane said Dujarric today.",
            "Stephane said Dujarric",
            "At least 85 civilians were killed, UN spokesman Stephane Dujarric said today.",
        ),
        (
            "“We are worried”, UN spokesman Stephane Said Dujarric.",
            "Stephane Said Dujarric",
            "“We are worried”, UN spokesman Stephane Dujarric said.",
        ),
    ],
)
def test_verb_in_name_is_moved_back(text: str, span: str, repaired: str) -> None:
    (finding,) = run(CHECK, text)
    assert finding.rule == "attribution-verb-in-name"
    assert finding.severity is Severity.MAJOR
    assert text[finding.start : finding.end] == span
    assert fixed(text, finding) == repaired


@pytest.mark.parametrize(
    ("text", "span", "repaired"),
    [
        (
            "At least 85 civilians were killed in Idlib, UN spokesman Stephane Dujarric today.",
            "Stephane Dujarric today",
            "At least 85 civilians were killed in Idlib, UN spokesman Stephane Dujarric said today.",
        ),
        (
            "UN spokesman Stephane Dujarric today that 85 civilians were killed.",
            "Stephane Dujarric today",
            "UN spokesman Stephane Dujarric said today that 85 civilians were killed.",
        ),
        (
            "“We are worried,” UN spokesman Stephane Dujarric.",
            "Stephane Dujarric",
            "“We are worried,” UN spokesman Stephane Dujarric said.",
        ),
    ],
)
def test_attribution_without_verb_gets_said(text: str, span: str, repaired: str) -> None:
    (finding,) = run(CHECK, text)
    assert finding.rule == "attribution-no-verb"
    assert text[finding.start : finding.end] == span
    assert fixed(text, finding) == repaired


@pytest.mark.parametrize(
    "text",
    [
        "Iran's chief negotiator Said Jalili met EU officials today.",
        "Palestinian professor Edward Said wrote Orientalism.",
        "He quoted professor Edward Said.",
        "The lecture was given by professor Edward Said today.",
        "Foreign Minister Ahmed Said Ali said today that talks would resume.",
        "Egypt's foreign minister Ahmed Said Ali, who arrived today, met Blinken.",
        "He met the envoy, UN spokesman Stephane Dujarric.",
        "UN spokesman Stephane Dujarric said today that 85 civilians were killed.",
        "“We are worried,” UN spokesman Stephane Dujarric told reporters.",
        "Team spokesman John said Smith would attend the talks today.",
        "It was UN spokesman Stephane Dujarric that announced it.",
    ],
)
def test_real_names_and_sound_attributions_pass(text: str) -> None:
    assert spans(text, run(CHECK, text)) == []


def test_seed_attribution_is_repaired(seed_text: str) -> None:
    found = run(CHECK, seed_text)
    assert [f.rule for f in found] == ["attribution-verb-in-name"]
    sentence_end = seed_text.index("today.", found[0].start) + len("today.")
    repaired = fixed(seed_text, found[0])
    assert repaired[found[0].start - len("UN spokesman ") : sentence_end].endswith(
        "UN spokesman Stephane Dujarric said today."
    )
