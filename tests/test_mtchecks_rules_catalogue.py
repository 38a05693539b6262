"""Every rule of the MT-damage checks documents itself, and its examples hold."""

from __future__ import annotations

import pytest

from auditor.checks import CheckOptions, build_checks
from auditor.checks.attribution import AttributionCheck
from auditor.checks.consistency import ConsistencyCheck
from auditor.checks.repetition import RepetitionCheck
from auditor.checks.untranslated import UntranslatedCheck
from auditor.models import CATEGORIES, Severity
from tests.mtchecks_helpers import run

CHECKS = (AttributionCheck(), RepetitionCheck(), UntranslatedCheck(), ConsistencyCheck())
RULES = [(check, rule, meta) for check in CHECKS for rule, meta in check.rules.items()]


def test_checks_are_registered() -> None:
    names = {check.name for check in build_checks(CheckOptions(grammar=False))}
    assert {"attribution", "repetition", "untranslated", "consistency"} <= names


@pytest.mark.parametrize(("check", "rule", "meta"), RULES, ids=[r for _, r, _ in RULES])
def test_rule_metadata_and_examples(check, rule: str, meta: dict) -> None:
    assert meta["description"] and meta["category"] in CATEGORIES
    Severity(meta["severity"])
    assert meta["examples"]["bad"] and meta["examples"]["good"]
    for bad in meta["examples"]["bad"]:
        assert run(check, bad, rule), f"{rule} misses its bad example: {bad}"
    for good in meta["examples"]["good"]:
        assert not run(check, good, rule), f"{rule} fires on its good example: {good}"
