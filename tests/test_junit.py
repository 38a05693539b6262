"""JUnit XML output, read back with an XML parser: one test case per document, failures carry findings."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from tests.ci_support import STORY, run_cli, write


def _suite(tmp_path: Path, *flags: str) -> ET.Element:
    run = run_cli(["check", "feed", "--no-grammar", "-f", "junit", "-o", "report.xml", *flags], tmp_path)
    assert run.code in (0, 1), run.stderr
    return ET.parse(tmp_path / "report.xml").getroot()


def test_one_testcase_per_document_and_failures_carry_findings(tmp_path: Path) -> None:
    write(tmp_path / "feed" / "a_damaged.txt", STORY)
    write(tmp_path / "feed" / "b_clean.txt", "The plan was ready.\n")
    write(tmp_path / "feed" / "c_minor.txt", "The plan was ready .\n")
    root = _suite(tmp_path)
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["feed/a_damaged.txt", "feed/b_clean.txt", "feed/c_minor.txt"]
    assert suite.get("tests") == "3" and suite.get("failures") == "2" and root.get("failures") == "2"
    failure = cases[0].find("failure")
    assert failure is not None and "4 finding(s)" in failure.get("message", "")
    lines = failure.text.splitlines()
    assert len(lines) == 4
    assert lines[0].startswith("feed/a_damaged.txt:1:9 major [garbled-dateline] “ >> ”")
    assert cases[1].find("failure") is None


def test_with_a_gate_only_tripping_documents_fail(tmp_path: Path) -> None:
    write(tmp_path / "feed" / "a_damaged.txt", STORY)
    write(tmp_path / "feed" / "c_minor.txt", "The plan was ready .\n")
    suite = _suite(tmp_path, "--fail-on", "major").find("testsuite")
    damaged, minor = suite.findall("testcase")
    failure = damaged.find("failure")
    assert failure is not None and "at or above major" in failure.get("message")
    assert minor.find("failure") is None
    assert "space-before-punctuation" in minor.find("system-out").text
    assert suite.get("failures") == "1"


def test_markup_and_control_characters_stay_well_formed(tmp_path: Path) -> None:
    nasty = 'Police said <b>"the the</b> & crowd" ]]> left\x0b\x1b quickly .\n'
    write(tmp_path / "feed" / 'odd "name" & <x>.txt', nasty)
    write(tmp_path / "auditor.toml", "[readability]\nmax-words = 3\n")  # a finding spanning the sentence
    case = _suite(tmp_path).find("testsuite/testcase")
    assert case.get("name") == 'feed/odd "name" & <x>.txt'
    text = case.find("failure").text
    assert "<b>" in text and "&" in text and "\x0b" not in text and "\ufffd" in text
