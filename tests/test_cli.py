"""The check command end to end: formats, --lines alignment, exit codes, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor.cli import app
from tests.conftest import SEED

runner = CliRunner()


def invoke(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def test_json_schema_contract(tmp_path: Path) -> None:
    result = invoke("check", str(SEED), "--format", "json", "--no-grammar")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["schema"] == "auditor-report/1"
    (document,) = report["documents"]
    text = SEED.read_text(encoding="utf-8")
    assert document["path"] == str(SEED)
    assert 0 <= document["score"] <= 100
    assert {"flesch_reading_ease", "flesch_kincaid_grade", "words_per_sentence"} <= document["readability"].keys()
    for sentence in document["sentences"]:
        assert {"index", "start", "end", "text", "score", "findings"} <= sentence.keys()
        assert text[sentence["start"] : sentence["end"]] == sentence["text"]
        for finding in sentence["findings"]:
            assert {"rule", "category", "severity", "start", "end", "message", "suggestions"} <= finding.keys()
            assert finding["severity"] in {"hint", "minor", "major", "critical"}
            assert "/" in finding["category"] or finding["category"] == "readability"
            assert finding["message"]


def test_lines_keeps_one_sentence_per_line_with_empty_lines(tmp_path: Path) -> None:
    lines = ["First segment. It has two sentences.", "", "the second one", "", "", "Last one."]
    path = tmp_path / "segments.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = invoke("check", str(path), "--lines", "--format", "json", "--no-grammar")
    assert result.exit_code == 0, result.output
    (document,) = json.loads(result.stdout)["documents"]
    assert [s["text"] for s in document["sentences"]] == lines
    assert [s["index"] for s in document["sentences"]] == list(range(len(lines)))
    assert [f["rule"] for f in document["sentences"][2]["findings"]] == ["sentence-lowercase-start"]


def test_stdin_and_text_format() -> None:
    result = invoke("check", "-", "--no-grammar", input="Erdogan spoke in Ankara .\n")
    assert result.exit_code == 0, result.output
    assert "<stdin>:1:24 minor [space-before-punctuation]" in result.stdout
    assert "score" in result.stdout


def test_directory_html_reports(tmp_path: Path) -> None:
    stories = tmp_path / "feed" / "nested"
    stories.mkdir(parents=True)
    (stories / "a.txt").write_text("DAMASCUS >> Troops left the city.\n", encoding="utf-8")
    (tmp_path / "feed" / "b.md").write_text("All quiet.\n", encoding="utf-8")
    (tmp_path / "feed" / "ignored.csv").write_text("x,y\n", encoding="utf-8")
    out = tmp_path / "out"
    result = invoke("check", str(tmp_path / "feed"), "--format", "html", "--output", str(out), "--no-grammar")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.glob("*.html") if p.name != "index.html") == ["a.html", "b.html"]
    page = (out / "a.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" in page and "garbled-dateline" in page


def test_fail_under_gate(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("the the troops left left the city city\n", encoding="utf-8")
    assert invoke("check", str(bad), "--no-grammar", "--fail-under", "99").exit_code == 1
    assert invoke("check", str(bad), "--no-grammar", "--fail-under", "1").exit_code == 0


@pytest.mark.parametrize(
    ("make", "needle"),
    [
        (lambda d: d / "missing.txt", "missing.txt: no such file or directory"),
        (lambda d: (d / "empty").mkdir() or d / "empty", "empty: directory contains no .txt or .md files"),
        (lambda d: (d / "bin.txt").write_bytes(b"abc\x00def") and d / "bin.txt", "bin.txt: binary file"),
        (lambda d: (d / "latin1.txt").write_bytes("café".encode("latin-1")) and d / "latin1.txt",
         "latin1.txt: not valid UTF-8"),
    ],
)
def test_bad_inputs_exit_2_with_one_line(tmp_path: Path, make, needle: str) -> None:
    path = make(tmp_path)
    out = tmp_path / "reports"
    result = invoke("check", str(path), "--format", "html", "--output", str(out), "--no-grammar")
    assert result.exit_code == 2
    assert needle in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert not out.exists() or not any(out.iterdir())


def test_bad_file_late_in_batch_writes_no_report(tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_text("Fine copy.\n", encoding="utf-8")
    bad = tmp_path / "b.txt"
    bad.write_bytes(b"\xff\xfe broken")
    out = tmp_path / "reports"
    result = invoke("check", str(good), str(bad), "--format", "html", "--output", str(out), "--no-grammar")
    assert result.exit_code == 2
    assert not out.exists() or not any(out.iterdir())


def test_output_never_overwrites_an_input(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Fine copy.\n", encoding="utf-8")
    result = invoke("check", str(story), "--format", "json", "--output", str(story), "--no-grammar")
    assert result.exit_code == 2
    assert "refusing to overwrite" in result.stderr
    assert story.read_text(encoding="utf-8") == "Fine copy.\n"


def test_console_script_reports_errors_without_traceback(tmp_path: Path) -> None:
    process = subprocess.run(
        [sys.executable, "-m", "auditor", "check", str(tmp_path / "nope.txt"), "--no-grammar"],
        capture_output=True, text=True, check=False,
    )
    assert process.returncode == 2
    assert process.stderr.strip().count("\n") == 0
    assert "nope.txt: no such file or directory" in process.stderr


@pytest.mark.parametrize("command", [["--help"], ["check", "--help"], ["rules", "--help"]])
def test_help_is_complete(command: list[str]) -> None:
    result = invoke(*command)
    assert result.exit_code == 0
    assert "Usage" in result.stdout


def test_reports_get_ordinary_file_permissions(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    assert invoke("check", str(SEED), "--format", "json", "--output", str(out), "--no-grammar").exit_code == 0
    mask = os.umask(0)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask
