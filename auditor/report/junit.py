"""JUnit XML output: one test case per document, for CI test-report views.

A document fails when it trips a gate (``--fail-under``/``--fail-on``); with no
gate set, any finding fails it. The ``<failure>`` carries every finding, one
per line as ``path:line:column severity [rule] “text”: message``; a passing
document with findings lists them in ``<system-out>``. Test cases are spooled
to a temporary file so that the suite totals, which lead the file, are
known without holding a whole feed in memory.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterable
from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from auditor.report.locations import LineIndex
from auditor.report.model import DocumentResult
from auditor.score.gates import Gates

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
SPOOL_BYTES = 8 * 1024 * 1024


def xml_text(text: str) -> str:
    """``text`` with characters XML 1.0 cannot carry replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def _attr(text: str) -> str:
    return quoteattr(xml_text(text), {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def finding_lines(result: DocumentResult) -> list[str]:
    """Each finding of ``result`` as one readable line."""
    index = LineIndex(result.document.text)
    lines = []
    for finding in result.findings:
        line, column = index.position(finding.start, utf16=False)
        span = result.document.text[finding.start : finding.end].replace("\n", " ")
        fix = f" → {', '.join(repr(s) for s in finding.suggestions[:3])}" if finding.suggestions else ""
        lines.append(
            f"{result.document.path}:{line}:{column} {finding.severity.value} [{finding.rule}] "
            f"“{span}”{fix}: {finding.message}"
        )
    return lines


def testcase_xml(result: DocumentResult, gates: Gates) -> tuple[str, bool]:
    """The ``<testcase>`` element of one document and whether it failed."""
    path = result.document.path
    findings = result.findings
    failed = gates.trips(result) if gates.active else bool(findings)
    head = f"    <testcase classname=\"auditor\" name={_attr(path)}>\n"
    body = "\n".join(finding_lines(result))
    if failed:
        reasons = gates.reasons(result) if gates.active else [f"{len(findings)} finding(s)"]
        message = f"score {result.score:.1f}/100; " + "; ".join(reasons)
        element = (
            f"      <failure message={_attr(message)} type=\"auditor\">{escape(xml_text(body))}</failure>\n"
        )
    elif findings:
        element = f"      <system-out>{escape(xml_text(body))}</system-out>\n"
    else:
        element = ""
    return head + element + "    </testcase>\n", failed


def write_junit(results: Iterable[DocumentResult], out: TextIO, gates: Gates) -> None:
    """Write the JUnit XML report of a run."""
    tests = failures = 0
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, mode="w+", encoding="utf-8") as spool:
        for result in results:
            xml, failed = testcase_xml(result, gates)
            spool.write(xml)
            tests += 1
            failures += failed
        totals = f'tests="{tests}" failures="{failures}" errors="0" skipped="0"'
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        out.write(f'<testsuites name="auditor" {totals}>\n')
        out.write(f'  <testsuite name="auditor" {totals}>\n')
        spool.seek(0)
        shutil.copyfileobj(spool, out)
        out.write("  </testsuite>\n</testsuites>\n")
