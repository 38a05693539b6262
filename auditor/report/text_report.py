"""A readable terminal summary, coloured when printing to a terminal."""

from __future__ import annotations

from typing import TextIO

from auditor.bilingual.text_metrics import metrics_line
from auditor.models import Severity
from auditor.report.model import DocumentResult

_COLOURS = {
    Severity.CRITICAL: "\033[1;31m",
    Severity.MAJOR: "\033[31m",
    Severity.MINOR: "\033[33m",
    Severity.HINT: "\033[2m",
}
_RESET = "\033[0m"
_DIM = "\033[2m"


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def write_text(result: DocumentResult, out: TextIO, *, colour: bool = False) -> None:
    """Print each finding as ``path:line:col severity rule message`` and a score line."""
    document = result.document
    text = document.text
    for finding in result.findings:
        line, column = _line_col(text, finding.start)
        span = text[finding.start : finding.end].replace("\n", " ")
        severity = finding.severity.value
        if colour:
            severity = f"{_COLOURS[finding.severity]}{severity}{_RESET}"
        fix = ""
        if finding.suggestions:
            shown = ", ".join(suggestion_label(s) for s in finding.suggestions[:3])
            fix = f" → {shown}"
        quoted = f"“{span}”" if span.strip() else "(spacing)"
        location = f"{document.path}:{line}:{column}"
        if colour:
            location = f"{_DIM}{location}{_RESET}"
        out.write(f"{location} {severity} [{finding.rule}] {quoted}{fix}: {finding.message}\n")
    by_severity = {s: sum(1 for f in result.findings if f.severity is s) for s in Severity}
    summary = ", ".join(f"{n} {s.value}" for s, n in by_severity.items() if n) or "no findings"
    count = len(result.sentences)
    noun = "sentence" if count == 1 else "sentences"
    out.write(f"{document.path}: score {result.score:.1f}/100, {count} {noun}, {summary}\n")
    reference_line = metrics_line(result)
    if reference_line:
        out.write(reference_line)


def suggestion_label(suggestion: str) -> str:
    """How a suggestion is shown in plain text: quoted; "(delete)" only when it is empty."""
    if not suggestion:
        return "(delete)"
    if not suggestion.strip():
        return "(a space)" if suggestion == " " else f"({len(suggestion)} spaces)"
    return f"“{suggestion}”"
