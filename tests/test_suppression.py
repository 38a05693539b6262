"""Inline suppression comments in Markdown/HTML: next paragraph, whole file, never in plain text."""

from __future__ import annotations

import json
from pathlib import Path

from auditor.models import Finding, Severity
from auditor.score.suppression import parse_suppressions, suppressed
from tests.ci_support import run_cli, write

MARKDOWN = (
    "<!-- auditor: ignore doubled-word -->\n"
    "Police said the the crowd left .\n"
    "\n"
    "The mayor said the the plan was ready .\n"
)


def _rules(tmp_path: Path, name: str) -> list[tuple[str, int]]:
    run = run_cli(["check", name, "--no-grammar", "-f", "json"], tmp_path)
    assert run.code == 0, run.stderr
    document = json.loads(run.stdout)["documents"][0]
    return [(f["rule"], f["start"]) for s in document["sentences"] for f in s["findings"]]


def test_ignore_covers_the_next_paragraph_only(tmp_path: Path) -> None:
    write(tmp_path / "story.md", MARKDOWN)
    rules = _rules(tmp_path, "story.md")
    second = MARKDOWN.index("The mayor")
    doubled = [start for rule, start in rules if rule == "doubled-word"]
    assert doubled and all(start > second for start in doubled)
    # other rules in the covered paragraph are still reported
    assert any(rule == "space-before-punctuation" and start < second for rule, start in rules)


def test_plain_text_does_not_read_comments(tmp_path: Path) -> None:
    write(tmp_path / "story.txt", MARKDOWN)
    doubled = [start for rule, start in _rules(tmp_path, "story.txt") if rule == "doubled-word"]
    assert len(doubled) == 2


def test_ignore_file_and_all_rules(tmp_path: Path) -> None:
    write(tmp_path / "story.md", "<!-- auditor: ignore-file doubled-word, space-before-punctuation -->\n\n"
          + MARKDOWN.split("\n", 1)[1])
    assert _rules(tmp_path, "story.md") == []
    write(tmp_path / "page.html", "<p><!-- auditor: ignore --> Police said the the crowd left .</p>\n\n"
          "<p>The the end .</p>\n")
    second = (tmp_path / "page.html").read_text(encoding="utf-8").index("<p>The")
    rules = _rules(tmp_path, "page.html")
    assert not [r for r, start in rules if second > start > 4]  # everything after the comment is silenced
    assert ("doubled-word", second + 6) in rules


def test_scopes() -> None:
    text = "Intro text.\n<!-- auditor: ignore a b -->\n\nFirst para\nstill first.\n\nSecond para."
    scopes = parse_suppressions(text)
    comment, covered = scopes
    assert text[comment.start : comment.end] == "<!-- auditor: ignore a b -->"
    assert text[covered.start : covered.end].strip() == "First para\nstill first."
    inside = Finding("a", "readability", Severity.MINOR, text.index("still"), text.index("still") + 5, "m")
    other_rule = Finding("c", "readability", Severity.MINOR, inside.start, inside.end, "m")
    later = Finding("b", "readability", Severity.MINOR, text.index("Second"), text.index("Second") + 6, "m")
    before = Finding("a", "readability", Severity.MINOR, 0, 5, "m")
    assert suppressed(inside, scopes) and not suppressed(other_rule, scopes)
    assert not suppressed(later, scopes) and not suppressed(before, scopes)
