"""GitHub Actions annotations, parsed the way the Actions runner parses workflow commands."""

from __future__ import annotations

import re
from pathlib import Path

from auditor.models import Finding, Severity
from auditor.report.github import annotation, escape_data, escape_property
from auditor.report.locations import LineIndex
from tests.ci_support import STORY, run_cli, write

_COMMAND = re.compile(r"^::(?P<command>[a-z]+) (?P<properties>[^:]*)::(?P<message>.*)$")


def _unescape(text: str, prop: bool) -> str:
    pairs = [("%0D", "\r"), ("%0A", "\n")] + ([("%3A", ":"), ("%2C", ",")] if prop else []) + [("%25", "%")]
    for escaped, plain in pairs:
        text = text.replace(escaped, plain)
    return text


def parse(line: str) -> tuple[str, dict[str, str], str]:
    """Runner semantics: ``::cmd k=v,k=v::message``; properties split on commas, then on the first '='."""
    match = _COMMAND.match(line)
    assert match, line
    properties = {}
    for pair in match["properties"].split(","):
        key, _, value = pair.partition("=")
        properties[key] = _unescape(value, prop=True)
    return match["command"], properties, _unescape(match["message"], prop=False)


def test_annotations_for_a_feed(tmp_path: Path) -> None:
    write(tmp_path / "feed" / "story.txt", STORY)
    run = run_cli(["check", "feed", "--no-grammar", "-f", "github"], tmp_path)
    lines = run.stdout.splitlines()
    assert len(lines) == 4 and run.code == 0
    parsed = [parse(line) for line in lines]
    command, props, message = parsed[0]
    assert command == "warning"
    assert props == {
        "file": "feed/story.txt", "line": "1", "col": "9", "endLine": "1", "endColumn": "12",
        "title": "auditor garbled-dateline (major, fluency/punctuation)",
    }
    assert message.startswith("“ >> ”: Dateline separator") and "Suggested: “ — ”." in message
    assert {c for c, _, _ in parsed} == {"warning", "notice"}


def test_escaping_survives_a_round_trip() -> None:
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"
    text = "Score: 50%,\nline two ."
    finding = Finding("rule:x", "fluency/punctuation", Severity.CRITICAL, 0, 10, "Bad: 50%, see\nnext line")
    line = annotation("dir,1/we:ird%.txt", LineIndex(text), finding)
    assert line.endswith("\n") and "\n" not in line[:-1] and "\r" not in line
    command, props, message = parse(line.rstrip("\n"))
    assert command == "error"
    assert props["file"] == "dir,1/we:ird%.txt"
    assert props["title"] == "auditor rule:x (critical, fluency/punctuation)"
    assert message == "“Score: 50%”: Bad: 50%, see\nnext line"
    assert (props["line"], props["col"], props["endLine"], props["endColumn"]) == ("1", "1", "1", "10")


def test_multiline_span_and_insertion_point() -> None:
    text = "ab\ncd😀e"
    index = LineIndex(text)
    multi = annotation("f.txt", index, Finding("r", "readability", Severity.MINOR, 1, 6, "m"))
    _, props, _ = parse(multi.rstrip("\n"))
    assert (props["line"], props["col"], props["endLine"], props["endColumn"]) == ("1", "2", "2", "3")
    emoji_end = annotation("f.txt", index, Finding("r", "readability", Severity.MINOR, 5, 7, "m"))
    _, props, _ = parse(emoji_end.rstrip("\n"))
    assert (props["col"], props["endColumn"]) == ("3", "5")  # 😀 is two UTF-16 code units wide
    empty = annotation("f.txt", index, Finding("r", "readability", Severity.MINOR, 4, 4, "m"))
    _, props, _ = parse(empty.rstrip("\n"))
    assert (props["line"], props["col"], props["endLine"], props["endColumn"]) == ("2", "2", "2", "2")
