"""The ``hint`` tier: costs no score, gates nothing unless asked, listed by CI formats only on request."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.models import Finding, Severity
from auditor.report.visibility import listed_severity
from auditor.score.gates import Gates
from auditor.score.scoring import ScoringModel
from tests.ci_support import run_cli, write

#: A doubled word (a minor finding by default) that the config below demotes to a hint.
TEXT = "Police said the the crowd dispersed after two hours.\n"
DEMOTE = '[severity]\ndoubled-word = "hint"\n'


@pytest.fixture
def story(tmp_path: Path) -> Path:
    write(tmp_path / "story.txt", TEXT)
    write(tmp_path / "auditor.toml", DEMOTE)
    return tmp_path


def _finding(severity: Severity) -> Finding:
    return Finding(rule="r", category="fluency/grammar", severity=severity, start=0, end=1, message="m")


def test_hint_ranks_below_minor_and_costs_nothing() -> None:
    assert Severity.HINT.rank < Severity.MINOR.rank
    model = ScoringModel()
    assert model.score([_finding(Severity.HINT)], 12) == 100.0
    assert model.score([_finding(Severity.MINOR)], 12) < 100.0
    # A config that sets weights without naming hint keeps hint at its default of 0.
    assert ScoringModel(weights={Severity.MINOR: 2.0}).score([_finding(Severity.HINT)], 12) == 100.0


def test_listed_severity_follows_a_hint_gate() -> None:
    assert listed_severity(None) is Severity.MINOR
    assert listed_severity(Severity.HINT) is Severity.HINT
    assert listed_severity(None, fail_on=Severity.HINT) is Severity.HINT
    assert listed_severity(Severity.MAJOR, fail_on=Severity.MINOR) is Severity.MINOR


def test_json_carries_the_hint_and_the_score_ignores_it(story: Path) -> None:
    run = run_cli(["check", "story.txt", "--no-grammar", "--no-cache", "-f", "json"], story)
    assert run.code == 0, run.stderr
    document = json.loads(run.stdout)["documents"][0]
    found = [(f["rule"], f["severity"]) for s in document["sentences"] for f in s["findings"]]
    assert found == [("doubled-word", "hint")]
    assert document["score"] == 100.0


def _listed(fmt: str, stdout: str) -> str:
    """The findings part of a report (the settings signature names overridden rules too)."""
    if fmt == "sarif":
        return json.dumps([r["ruleId"] for run in json.loads(stdout)["runs"] for r in run["results"]])
    return "\n".join(line for line in stdout.splitlines() if not line.startswith("settings:"))


@pytest.mark.parametrize("fmt", ["sarif", "github", "junit", "text"])
def test_ci_formats_list_hints_only_on_request(story: Path, fmt: str) -> None:
    quiet = run_cli(["check", "story.txt", "--no-grammar", "--no-cache", "-q", "-f", fmt], story)
    asked = run_cli(["check", "story.txt", "--no-grammar", "--no-cache", "-q", "-f", fmt, "--min-severity", "hint"], story)
    assert quiet.code == asked.code == 0, quiet.stderr + asked.stderr
    assert "doubled-word" not in _listed(fmt, quiet.stdout)
    assert "doubled-word" in _listed(fmt, asked.stdout)


def test_hints_gate_only_when_asked(story: Path) -> None:
    assert run_cli(["check", "story.txt", "--no-grammar", "-q", "--fail-on", "minor"], story).code == 0
    run = run_cli(["check", "story.txt", "--no-grammar", "-q", "--fail-on", "hint"], story)
    assert run.code == 1
    assert "doubled-word" in run.stdout  # a gate that trips on hints shows them
    assert Gates(fail_on=Severity.MINOR).active
