"""Gates: exit 1 only when --fail-under or --fail-on trips, 2 for usage and input errors; the summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ci_support import STORY, run_cli, write

CLEAN = "The minister said the plan was ready. Talks resume on Monday.\n"


@pytest.fixture
def stories(tmp_path: Path) -> Path:
    write(tmp_path / "feed" / "damaged.txt", STORY)
    write(tmp_path / "feed" / "clean.txt", CLEAN)
    return tmp_path


@pytest.mark.parametrize(
    ("flags", "code"),
    [
        ([], 0),
        (["--fail-on", "minor"], 1),
        (["--fail-on", "major"], 1),  # the garbled dateline is major
        (["--fail-on", "critical"], 0),
        (["--fail-on", "MAJOR"], 1),
        (["--fail-under", "50"], 0),
        (["--fail-under", "99"], 1),
        (["--fail-under", "50", "--fail-on", "critical"], 0),
    ],
)
def test_gate_exit_codes(stories: Path, flags: list[str], code: int) -> None:
    run = run_cli(["check", "feed", "--no-grammar", "-f", "json", *flags], stories)
    assert run.code == code, run.stderr
    assert '"documents"' in run.stdout  # the report is complete whether or not a gate trips


def test_only_the_damaged_document_trips(stories: Path) -> None:
    run = run_cli(["check", "feed/clean.txt", "--no-grammar", "--fail-on", "minor"], stories)
    assert run.code == 0
    run = run_cli(["check", "feed", "--no-grammar", "--fail-on", "minor", "-f", "sarif"], stories)
    assert run.stderr.strip().splitlines()[-1].endswith("gate --fail-on minor FAILED by 1")


def test_summary_goes_to_stderr_for_machine_formats_and_stdout_for_text(stories: Path) -> None:
    for fmt in ("json", "jsonl", "sarif", "junit", "github"):
        run = run_cli(["check", "feed", "--no-grammar", "-f", fmt], stories)
        last = run.stderr.strip().splitlines()[-1]
        assert last.startswith("auditor: 2 documents, 4 findings (1 major, 3 minor), mean score"), fmt
        assert "auditor: 2 documents" not in run.stdout
    text = run_cli(["check", "feed", "--no-grammar"], stories)
    assert text.stdout.strip().splitlines()[-1].startswith("auditor: 2 documents, 4 findings")


def test_quiet_drops_the_summary(stories: Path) -> None:
    run = run_cli(["check", "feed", "--no-grammar", "-f", "json", "--quiet"], stories)
    assert run.code == 0 and run.stderr == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "missing.txt", "--no-grammar"], "missing.txt: no such file or directory"),
        (["check", "feed", "--no-grammar", "--fail-on", "blocker"], "Invalid value for '--fail-on'"),
        (["check", "feed", "--no-grammar", "--jobs", "0"], "Invalid value for '--jobs'"),
        (["check", "feed", "--no-grammar", "-f", "sarif", "-o", "feed"], "feed: is a directory"),
        (["check", "feed", "--no-grammar", "--baseline", "none.json"], "none.json: baseline file not found"),
    ],
)
def test_usage_and_input_errors_exit_2(stories: Path, args: list[str], message: str) -> None:
    run = run_cli(args, stories)
    assert run.code == 2
    assert message in run.stderr
    assert "Traceback" not in run.stderr


def test_gate_failure_still_writes_the_report_file(stories: Path) -> None:
    flags = ["-f", "junit", "-o", "out/report.xml", "--fail-on", "minor"]
    run = run_cli(["check", "feed", "--no-grammar", *flags], stories)
    assert run.code == 1
    assert (stories / "out" / "report.xml").read_text(encoding="utf-8").startswith("<?xml")
