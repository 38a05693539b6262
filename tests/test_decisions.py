"""The decisions file (``auditor-decisions/1``): validation, CSV, ``check --decisions``, ``fix --decisions``."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from auditor.cli import app
from auditor.decision_edits import plan_edits
from auditor.decisions import CSV_COLUMNS, FORMAT, parse_decisions
from auditor.fixes import apply_edits

STORY = "DAMASCUS >> They met in Ankara .\n\nHe said किताब twice. They met in Ankara .\n"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """The real CLI, in-process."""
    result = CliRunner().invoke(app, list(args), input=stdin)
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


def write_decisions(path: Path, entries: list[dict]) -> Path:
    path.write_text(json.dumps({"format": FORMAT, "decisions": entries}, ensure_ascii=False), encoding="utf-8")
    return path


def findings(report: str) -> list[tuple[str, str]]:
    """``(rule, flagged text)`` of every finding of a one-document JSON report."""
    data = json.loads(report)
    document = data["documents"][0]
    text = Path(document["path"]).read_text(encoding="utf-8")
    return [(f["rule"], text[f["start"] : f["end"]]) for s in document["sentences"] for f in s["findings"]]


@pytest.fixture
def story(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


# ---------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{not json", "invalid JSON at line 1"),
        ('{"format": "auditor-decisions/9", "decisions": []}', "format 'auditor-decisions/9' is not"),
        ('{"format": "auditor-decisions/1"}', "missing required key 'decisions'"),
        ('[1, 2]', 'expected a JSON object'),
        ('{"format": "auditor-decisions/1", "decisions": [{"document": "a", "action": "accept", "rule": "r", '
         '"text": "x", "context": "x y"}]}', "decision 1: missing required key 'replacement'"),
        ('{"format": "auditor-decisions/1", "decisions": [{"document": "a", "action": "approve"}]}',
         "decision 1: action 'approve' is not one of"),
        ('{"format": "auditor-decisions/1", "decisions": [{"document": "a", "action": "add-name", "text": "X", '
         '"start": -1}]}', "decision 1: start must be a non-negative integer"),
    ],
)
def test_a_bad_decisions_file_is_one_line_naming_it_and_exit_2(tmp_path: Path, content: str, problem: str):
    bad = tmp_path / "decisions.json"
    bad.write_text(content, encoding="utf-8")
    for args in (["decisions", "check", str(bad)], ["check", "--no-grammar", "--decisions", str(bad), str(bad)]):
        result = run(*args)
        assert result.returncode == 2, result.stdout + result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"auditor: error: {bad}: "), result.stderr
        assert problem in lines[0]
        assert "Traceback" not in result.stderr
        assert result.stdout == ""


def test_a_missing_decisions_file_stops_check_before_any_report(story: Path, tmp_path: Path):
    out = tmp_path / "report.json"
    result = run("check", "--no-grammar", "--decisions", str(tmp_path / "nope.json"), "-f", "json", "-o", str(out),
                 str(story))
    assert result.returncode == 2
    assert "nope.json: decisions file not found" in result.stderr
    assert not out.exists()


def test_check_counts_decisions(tmp_path: Path):
    path = write_decisions(tmp_path / "d.json", [
        {"document": "a.txt", "action": "reject", "rule": "r", "text": "x", "context": "x."},
        {"document": "b.txt", "action": "add-name", "text": "Qamishli"},
    ])
    result = run("decisions", "check", str(path))
    assert result.returncode == 0
    assert "2 decisions (1 reject, 1 add-name) for 2 documents" in result.stdout


# ---------------------------------------------------------------- CSV


def test_export_csv_has_the_desk_columns_and_defuses_formulas(tmp_path: Path):
    entries = [
        {"document": "seeds/story.txt", "rule": "evacuate-road", "text": "evacuated", "start": 3, "end": 12,
         "context": "troops have completely evacuated the M5", "action": "accept", "replacement": "cleared",
         "note": "=HYPERLINK(\"http://x\")"},
        {"document": "seeds/story.txt", "action": "edit", "context": "A, \"quoted\" sentence.",
         "replacement": "A new, better sentence."},
    ]
    path = write_decisions(tmp_path / "d.json", entries)
    out = tmp_path / "d.csv"
    result = run("decisions", "export-csv", str(path), "-o", str(out))
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[1] == ["seeds/story.txt", "evacuate-road", "evacuated", "3", "12",
                       "troops have completely evacuated the M5", "accept", "cleared", "'=HYPERLINK(\"http://x\")"]
    assert rows[2] == ["seeds/story.txt", "", "", "", "", "A, \"quoted\" sentence.", "edit",
                       "A new, better sentence.", ""]
    assert run("decisions", "export-csv", str(path)).stdout == out.read_text(encoding="utf-8")
    refused = run("decisions", "export-csv", str(path), "-o", str(path))
    assert refused.returncode == 2 and "refusing to overwrite" in refused.stderr


# ---------------------------------------------------------------- check --decisions


def test_false_alarms_are_not_reported_again_and_names_are_known(story: Path, tmp_path: Path):
    before = run("check", "--no-grammar", "-f", "json", str(story))
    assert before.returncode == 0, before.stderr
    found = findings(before.stdout)
    assert found.count(("space-before-punctuation", " .")) == 2
    assert ("untranslated-script", "किताब") in found

    decisions = write_decisions(tmp_path / "d.json", [
        # only in the first paragraph's sentence (the context decides), in this document
        {"document": str(story), "rule": "space-before-punctuation", "text": " .", "start": 30, "end": 32,
         "context": "DAMASCUS >> They met in Ankara .", "action": "false-alarm"},
        {"document": "elsewhere.txt", "action": "add-name", "text": "किताब"},
    ])
    after = run("check", "--no-grammar", "-f", "json", "--decisions", str(decisions), str(story))
    assert after.returncode == 0, after.stderr
    kept = findings(after.stdout)
    assert kept.count(("space-before-punctuation", " .")) == 1  # the other sentence's is still reported
    assert ("untranslated-script", "किताब") not in kept  # a name for every document
    assert len(kept) == len(found) - 2
    signature = json.loads(after.stdout)["signature"]
    assert signature["decisions"] == hashlib.sha256(decisions.read_bytes()).hexdigest()[:8]
    assert f"|decisions:{signature['decisions']}" in signature["text"]
    assert json.loads(before.stdout)["signature"]["decisions"] is None

    # a cached audit (the run before filled it) is reused without losing or keeping a decision wrongly
    again = run("check", "--no-grammar", "-f", "json", str(story))
    assert findings(again.stdout) == found


def test_a_false_alarm_for_any_document_and_from_the_config(story: Path, tmp_path: Path):
    write_decisions(tmp_path / "d.json", [
        {"document": "*", "rule": "space-before-punctuation", "text": " .",
         "context": "They  met in\nAnkara .", "action": "false-alarm"},
        {"document": "*", "rule": "garbled-dateline", "text": " >> ",
         "context": "DAMASCUS >> They met in Ankara .", "action": "reject"},  # a reject has no effect next time
    ])
    config = tmp_path / "auditor.toml"
    config.write_text('decisions = "d.json"\n', encoding="utf-8")
    result = run("check", "--no-grammar", "-f", "json", "--config", str(config), str(story))
    assert result.returncode == 0, result.stderr
    kept = findings(result.stdout)
    assert kept.count(("space-before-punctuation", " .")) == 1  # context compared with spaces squeezed
    assert ("garbled-dateline", " >> ") in kept
    bad = tmp_path / "bad.toml"
    bad.write_text("decisions = 3\n", encoding="utf-8")
    refused = run("check", "--no-grammar", "--config", str(bad), str(story))
    assert refused.returncode == 2 and "decisions: expected a file path" in refused.stderr


# ---------------------------------------------------------------- fix --decisions


def replaced(text: str, changes: list[tuple[int, int, str]]) -> str:
    """``text`` with each ``(start, end, replacement)`` made, last first, by plain slicing."""
    for start, end, replacement in sorted(changes, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def test_fix_applies_accept_custom_and_edit_byte_for_byte(story: Path, tmp_path: Path):
    text = story.read_text(encoding="utf-8")
    second = text.index("He said")
    first_dot = text.index(" .")
    last_dot = text.rindex(" .")
    decisions = write_decisions(tmp_path / "d.json", [
        {"document": str(story), "rule": "garbled-dateline", "text": " >> ", "start": 8, "end": 12,
         "context": "DAMASCUS >> They met in Ankara .", "action": "accept", "replacement": " — "},
        {"document": str(story), "rule": "space-before-punctuation", "text": " .", "start": first_dot,
         "end": first_dot + 2, "context": "DAMASCUS >> They met in Ankara .", "action": "custom",
         "replacement": "!"},
        {"document": str(story), "action": "edit", "context": "He said किताब twice.", "start": second,
         "replacement": "He said “book” twice."},
        {"document": str(story), "rule": "space-before-punctuation", "text": " .", "start": last_dot,
         "end": last_dot + 2, "context": "They met in Ankara .", "action": "reject"},
        {"document": str(story), "rule": "space-before-punctuation", "text": " .",
         "context": "They met in Ankara .", "action": "accept", "replacement": ".", "start": last_dot,
         "end": last_dot + 2},
    ])
    result = run("fix", "--decisions", str(decisions), str(story))
    assert result.returncode == 0, result.stderr
    expected = replaced(text, [
        (8, 12, " — "), (first_dot, first_dot + 2, "!"),
        (second, second + len("He said किताब twice."), "He said “book” twice."),
        (last_dot, last_dot + 2, "."),
    ])
    fixed = story.with_name("story.fixed.txt").read_bytes()
    assert fixed == expected.encode("utf-8")
    assert "applied 4 of 4 decisions" in result.stderr


def test_fix_finds_decisions_in_a_changed_text_and_names_those_it_cannot_place(story: Path, tmp_path: Path):
    text = story.read_text(encoding="utf-8")
    decisions = write_decisions(tmp_path / "d.json", [
        {"document": str(story), "rule": "space-before-punctuation", "text": " .", "start": 30, "end": 32,
         "context": "DAMASCUS >> They met in Ankara .", "action": "accept", "replacement": "."},
        {"document": str(story), "rule": "evacuate-road", "text": "evacuated", "start": 3, "end": 12,
         "context": "troops have completely evacuated the M5", "action": "accept", "replacement": "cleared"},
        {"document": str(story), "action": "edit", "context": "He said किताब twice.",
         "replacement": "He said it twice."},
        {"document": str(story), "rule": "untranslated-script", "text": "किताब", "context": "He said किताब twice.",
         "action": "custom", "replacement": "book"},
    ])
    story.write_text("NEW LEAD.\n\n" + text, encoding="utf-8")  # the desk added a line: every offset moved
    result = run("fix", "--decisions", str(decisions), "-", stdin=story.read_text(encoding="utf-8"))
    assert result.returncode == 1  # a decision was not made: the exit says so
    shifted = "NEW LEAD.\n\n" + text
    dot = shifted.index(" .")
    said = shifted.index("He said")
    assert result.stdout == replaced(shifted, [(dot, dot + 2, "."), (said, said + 20, "He said it twice.")])
    messages = [line for line in result.stderr.splitlines() if line.startswith("auditor:")]
    assert any("warning" in m and "decision 2 (accept evacuate-road “evacuated”) not made" in m and "text changed" in m
               for m in messages), result.stderr
    assert any("note" in m and "decision 4" in m and "inside the sentence that decision 3" in m for m in messages)


def test_fix_with_decisions_for_another_document_says_so(story: Path, tmp_path: Path):
    decisions = write_decisions(tmp_path / "d.json", [
        {"document": "other.txt", "action": "edit", "context": "x y", "replacement": "z"},
    ])
    result = run("fix", "--decisions", str(decisions), str(story))
    assert result.returncode == 0
    assert "has no changes for it (it has: other.txt)" in result.stderr
    assert story.with_name("story.fixed.txt").read_text(encoding="utf-8") == STORY


_WORD = st.text(alphabet="abcdefghij", min_size=1, max_size=6)


@settings(max_examples=150, deadline=None)
@given(
    lines=st.lists(st.lists(_WORD, min_size=1, max_size=6).map(" ".join), min_size=1, max_size=6),
    picks=st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50), st.text(max_size=4)), max_size=6),
)
def test_decisions_give_what_the_same_replacements_in_order_give(lines: list[str], picks):
    """Property: accepted decisions with their offsets make exactly the replacements, wherever words repeat."""
    text = "\n".join(lines) + "\n"
    starts = [sum(len(line) + 1 for line in lines[:n]) for n in range(len(lines))]
    changes: list[tuple[int, int, str]] = []
    entries = []
    for line_pick, offset, replacement in picks:
        row = line_pick % len(lines)
        line, base = lines[row], starts[row]
        start = base + offset % len(line)
        end = min(base + len(line), start + 1 + offset % 3)
        if any((start < e and s < end) or start == s for s, e, _ in changes):
            continue
        changes.append((start, end, replacement))
        entries.append({"document": "d", "action": "accept", "rule": "r", "text": text[start:end], "context": line,
                        "start": start, "end": end, "replacement": replacement})
    decisions = parse_decisions(json.dumps({"format": FORMAT, "decisions": entries}).encode(), "d.json")
    edits, unplaced = plan_edits(text, decisions.entries)
    assert unplaced == []
    assert apply_edits(text, edits) == replaced(text, changes)
