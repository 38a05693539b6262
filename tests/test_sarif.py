"""SARIF output validated against the official SARIF 2.1.0 schema, with UTF-16 columns."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from auditor.report.locations import LineIndex, utf16_length
from tests.ci_support import STORY, run_cli, write

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def validate(log: dict) -> None:
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    jsonschema.Draft4Validator(SCHEMA).validate(log)


def test_the_schema_rejects_a_broken_log() -> None:
    with pytest.raises(jsonschema.ValidationError):
        validate({"version": "2.1.0", "runs": [{"tool": {"driver": {}}, "results": []}]})


def test_sarif_log_is_valid_and_complete(tmp_path: Path) -> None:
    write(tmp_path / "feed" / "damaged.txt", STORY)
    write(tmp_path / "feed" / "clean.txt", "The plan was ready.\n")
    run = run_cli(["check", "feed", "--no-grammar", "-f", "sarif", "-o", "out.sarif"], tmp_path)
    assert run.code == 0, run.stderr
    log = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    validate(log)
    (sarif_run,) = log["runs"]
    assert sarif_run["columnKind"] == "utf16CodeUnits"
    rules = sarif_run["tool"]["driver"]["rules"]
    results = sarif_run["results"]
    assert {r["ruleId"] for r in results} == {
        "garbled-dateline", "doubled-word", "space-before-punctuation", "doubled-space"
    }
    for result in results:
        rule = rules[result["ruleIndex"]]
        assert rule["id"] == result["ruleId"]
        assert rule["help"]["text"] and rule["shortDescription"]["text"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "feed/damaged.txt"
    dateline = next(r for r in results if r["ruleId"] == "garbled-dateline")
    assert dateline["level"] == "warning"
    region = dateline["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (1, 9, 13)
    assert region["snippet"]["text"] == " >> "
    replacement = dateline["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"]["text"] == " — "
    spacing = next(r for r in results if r["ruleId"] == "space-before-punctuation")
    assert spacing["locations"][0]["physicalLocation"]["region"]["startLine"] == 1
    double = next(r for r in results if r["ruleId"] == "doubled-space")
    assert double["locations"][0]["physicalLocation"]["region"]["startLine"] == 3


def test_columns_count_utf16_code_units_for_characters_beyond_the_bmp(tmp_path: Path) -> None:
    text = "Fans 🎉🎉 cheered the the team in Zürich .\n"
    write(tmp_path / "emoji.txt", text)
    run = run_cli(["check", "emoji.txt", "--no-grammar", "-f", "sarif"], tmp_path)
    log = json.loads(run.stdout)
    validate(log)
    doubled = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "doubled-word")
    region = doubled["locations"][0]["physicalLocation"]["region"]
    start = text.index(" the team")
    # what a UTF-16 consumer (JavaScript, GitHub, VS Code) computes for the same offset
    expected = len(text[:start].encode("utf-16-le")) // 2 + 1
    assert region["startColumn"] == expected == start + 2 + 1  # two emoji, two extra code units
    assert region["endColumn"] - region["startColumn"] == len(" the")
    assert region["snippet"]["text"] == " the"


def test_line_index_handles_crlf_and_line_starts() -> None:
    text = "ab\r\ncd\nef"
    index = LineIndex(text)
    assert index.position(0) == (1, 1)
    assert index.position(2) == (1, 3)  # the \r belongs to line 1
    assert index.position(4) == (2, 1)
    assert index.position(len(text)) == (3, 3)
    assert utf16_length("a😀") == 3


def test_empty_run_is_valid(tmp_path: Path) -> None:
    write(tmp_path / "clean.txt", "The plan was ready.\n")
    log = json.loads(run_cli(["check", "clean.txt", "--no-grammar", "-f", "sarif"], tmp_path).stdout)
    validate(log)
    assert log["runs"][0]["results"] == []
