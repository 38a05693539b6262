"""Baselines: accepted findings stay quiet when lines move; new findings and extra repeats are reported."""

from __future__ import annotations

import json
from pathlib import Path

from auditor.score.baseline import Baseline, context_fingerprint, normalise_text
from tests.ci_support import STORY, run_cli, write


def _findings(stdout: str) -> list[str]:
    return [f["rule"] for d in json.loads(stdout)["documents"] for s in d["sentences"] for f in s["findings"]]


def _check(tmp_path: Path, *flags: str) -> list[str]:
    run = run_cli(["check", "feed", "--no-grammar", "-f", "json", *flags], tmp_path)
    assert run.code in (0, 1), run.stderr
    return _findings(run.stdout)


def test_baseline_hides_known_findings_and_survives_moved_lines(tmp_path: Path) -> None:
    story = write(tmp_path / "feed" / "story.txt", STORY)
    run = run_cli(["baseline", "create", "feed", "--no-grammar", "--output", "base.json"], tmp_path)
    assert run.code == 0, run.stderr
    assert "baseline of 4 findings in 1 documents -> base.json" in run.stderr
    data = json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))
    assert data["schema"] == "auditor-baseline/1"
    assert {e["rule"] for e in data["findings"]} == {
        "garbled-dateline", "doubled-word", "space-before-punctuation", "doubled-space"
    }
    assert all(e["path"] == "feed/story.txt" for e in data["findings"])
    assert len(_check(tmp_path)) == 4
    assert _check(tmp_path, "--baseline", "base.json", "--fail-on", "minor") == []

    # New paragraphs above push every finding to other lines and offsets: still known.
    story.write_text("A new lead paragraph was added.\n\nAnd another one.\n\n" + STORY, encoding="utf-8")
    assert _check(tmp_path, "--baseline", "base.json") == []

    # A new fault is reported, and so is a third copy of an accepted one.
    story.write_text(STORY + "\nThe mayor said said it twice .\n", encoding="utf-8")
    assert sorted(_check(tmp_path, "--baseline", "base.json")) == ["doubled-word", "space-before-punctuation"]
    flags = ["--baseline", "base.json", "--fail-on", "minor"]
    run = run_cli(["check", "feed", "--no-grammar", *flags], tmp_path)
    assert run.code == 1


def test_baseline_from_config_and_editing_around_a_finding_makes_it_new(tmp_path: Path) -> None:
    story = write(tmp_path / "feed" / "story.txt", STORY)
    assert run_cli(["baseline", "create", "feed", "--no-grammar", "-o", "ci/base.json"], tmp_path).code == 0
    write(tmp_path / "auditor.toml", 'baseline = "ci/base.json"\n')
    assert _check(tmp_path) == []
    story.write_text(STORY.replace("the the crowd", "the the mob"), encoding="utf-8")
    assert _check(tmp_path) == ["doubled-word"]


def test_fingerprint_ignores_case_and_spacing_but_not_words() -> None:
    text = "He said the the crowd left."
    other = "HE   SAID the the CROWD left."
    start = text.index(" the crowd")
    moved = other.index(" the CROWD")
    assert context_fingerprint(text, start, start + 4) == context_fingerprint(other, moved, moved + 4)
    changed = "He said the the mob left."
    assert context_fingerprint(text, start, start + 4) != context_fingerprint(changed, start, start + 4)
    assert normalise_text("  The\n  Crowd ") == "the crowd"


def test_bad_baseline_files_are_exit_2(tmp_path: Path) -> None:
    write(tmp_path / "feed" / "story.txt", STORY)
    for content, message in [
        ("{", "base.json: baseline is not valid JSON"),
        ('{"schema": "other"}', "base.json: not an auditor baseline"),
        ('{"schema": "auditor-baseline/1", "findings": [{"rule": "x"}]}', "baseline entry 0 lacks"),
    ]:
        write(tmp_path / "base.json", content)
        run = run_cli(["check", "feed", "--no-grammar", "--baseline", "base.json"], tmp_path)
        assert run.code == 2 and message in run.stderr


def test_baseline_round_trip(tmp_path: Path) -> None:
    baseline = Baseline()
    baseline.counts[("a.txt", "doubled-word", "the", "0123")] = 2
    with (tmp_path / "b.json").open("w", encoding="utf-8") as out:
        baseline.write(out)
    assert Baseline.load(tmp_path / "b.json").counts == baseline.counts
