"""rules/calibration.yaml: the measured default tiers of built-in and YAML rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.calibration import (
    Calibration,
    calibrated_policy_parts,
    load_calibration,
    parse_calibration,
    shipped_calibration,
)
from auditor.errors import AuditorError
from auditor.models import Severity
from auditor.rule_catalogue import all_rules
from tests.ci_support import run_cli, write

ENTRY = {"tier": "hint", "why": "fires on names", "measured": {"findings": 40, "precision": 0.05}}


def test_shipped_file_is_valid_and_names_known_rules() -> None:
    table = shipped_calibration()
    known = {r.id for r in all_rules()}
    for rule, entry in table.items():
        assert rule in known, f"rules/calibration.yaml: {rule} is no rule"
        assert entry.tier in ("hint", "off")
        assert entry.measured and entry.why


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([1, 2], "expected a mapping"),
        ({"rules": {"x": {**ENTRY, "tier": "minor"}}}, "tier must be one of"),
        ({"rules": {"x": {**ENTRY, "why": ""}}}, "'why' must say"),
        ({"rules": {"x": {"tier": "off", "why": "w"}}}, "'measured' must hold"),
        ({"rules": {"x": {**ENTRY, "extra": 1}}}, "unknown key 'extra'"),
        ({"rules": {}, "other": 1}, "unknown key 'other'"),
    ],
)
def test_invalid_files_name_the_problem(data: object, message: str) -> None:
    with pytest.raises(AuditorError, match=message):
        parse_calibration(data, "calibration.yaml")


def test_bad_yaml_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "calibration.yaml"
    path.write_text("rules: {x: [", encoding="utf-8")
    with pytest.raises(AuditorError, match="not valid YAML"):
        load_calibration(path)
    assert load_calibration(tmp_path / "absent.yaml") == {}


def test_tiers_sit_under_the_projects_settings() -> None:
    table = {
        "a": Calibration("a", "hint", "w", {"n": 1}),
        "b": Calibration("b", "off", "w", {"n": 1}),
        "c": Calibration("c", "off", "w", {"n": 1}),
    }
    disabled, severity = calibrated_policy_parts(frozenset({"d"}), {"c": Severity.MAJOR}, table)
    assert severity == {"a": Severity.HINT, "c": Severity.MAJOR}  # c brought back by the config
    assert disabled == {"b", "d"}
    _, severity = calibrated_policy_parts(frozenset(), {"a": Severity.MINOR}, table)
    assert severity["a"] == Severity.MINOR


def test_a_calibrated_rule_is_demoted_in_a_real_run(tmp_path: Path) -> None:
    """The first shipped hint rule, on its own flagged example, is reported as a hint by default."""
    table = shipped_calibration()
    hinted = [r for r in all_rules() if table.get(r.id) and table[r.id].tier == "hint" and r.bad and
              r.enabled == "default" and r.bad[0].source is None and not r.bad[0].options]
    if not hinted:
        pytest.skip("no default-on hint rule with a monolingual example in rules/calibration.yaml")
    rule = hinted[0]
    write(tmp_path / "story.txt", rule.bad[0].target + "\n")
    result = run_cli(["check", str(tmp_path / "story.txt"), "--lines", "--no-grammar", "--format", "json"],
                     cwd=tmp_path)
    findings = [f for d in json.loads(result.stdout)["documents"] for s in d["sentences"] for f in s["findings"]]
    mine = [f for f in findings if f["rule"] == rule.id]
    assert mine and all(f["severity"] == "hint" for f in mine)
    shown = run_cli(["rules", "show", rule.id], cwd=tmp_path).stdout
    assert "severity:  hint" in shown and "measured:" in shown

