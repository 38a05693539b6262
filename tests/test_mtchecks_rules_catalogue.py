"""The MT-damage checks are in the table that builds a run's checks (their examples run in test_rule_examples)."""

from __future__ import annotations

from auditor.checks import CheckOptions, build_checks


def test_checks_are_registered() -> None:
    names = {check.name for check in build_checks(CheckOptions(grammar=False))}
    assert {"attribution", "repetition", "untranslated", "consistency"} <= names
