"""GitHub Actions workflow-command annotations, one per finding.

``::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=T::MESSAGE``:
critical findings are errors, major ones warnings, minor ones (and hints,
when ``--min-severity hint`` lists them) notices.
Columns are 1-based UTF-16 code units (as the GitHub web view counts);
``endColumn`` is inclusive (the last character), as GitHub draws it. Values
are escaped as the Actions runner expects: in the message ``%``, CR and LF; in
properties also ``:`` and ``,``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from auditor.models import Finding, Severity
from auditor.report.locations import LineIndex
from auditor.report.model import DocumentResult
from auditor.report.text_report import suggestion_label

COMMANDS = {
    Severity.CRITICAL: "error",
    Severity.MAJOR: "warning",
    Severity.MINOR: "notice",
    Severity.HINT: "notice",
}


def escape_data(text: str) -> str:
    """Escape a workflow-command message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow-command property value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(path: str, index: LineIndex, finding: Finding) -> str:
    """The workflow command for one finding."""
    line, column = index.position(finding.start)
    end = max(finding.end - 1, finding.start)
    end_line, end_column = index.position(end)
    if finding.end == finding.start:
        end_line, end_column = line, column
    properties = {
        "file": path,
        "line": str(line),
        "col": str(column),
        "endLine": str(end_line),
        "endColumn": str(end_column),
        "title": f"auditor {finding.rule} ({finding.severity.value}, {finding.category})",
    }
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    span = index.text[finding.start : finding.end]
    message = f"“{span}”: {finding.message}" if span.strip() else finding.message
    if finding.suggestions:
        shown = ", ".join(suggestion_label(s) for s in finding.suggestions[:3])
        message += f" Suggested: {shown}."
    return f"::{COMMANDS[finding.severity]} {rendered}::{escape_data(message)}\n"


def write_github(results: Iterable[DocumentResult], out: TextIO) -> None:
    """Write one annotation per finding, flushing after each document."""
    for result in results:
        if not result.findings:
            continue
        index = LineIndex(result.document.text)
        for finding in result.findings:
            out.write(annotation(result.document.path, index, finding))
        out.flush()
