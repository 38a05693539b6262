"""SARIF 2.1.0 output (GitHub code scanning, Azure DevOps, IDE viewers).

One run; one result per finding with its rule, level, message, a region with
1-based lines and columns in UTF-16 code units (SARIF's default
``columnKind``, stated explicitly) and the flagged text as a snippet;
suggestions become ``fixes``; a context fingerprint (the one baselines use)
goes into ``partialFingerprints`` so that viewers can track a result across
runs. Results are streamed: the rules, known only at the end, are written
after them (JSON member order carries no meaning).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import PurePath
from typing import Any, TextIO
from urllib.parse import quote

from auditor import __version__
from auditor.models import Finding, Severity
from auditor.report.locations import LineIndex
from auditor.report.model import DocumentResult
from auditor.report.rule_help import rule_help
from auditor.report.text_report import suggestion_label
from auditor.score.baseline import context_fingerprint

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

LEVELS = {Severity.CRITICAL: "error", Severity.MAJOR: "warning", Severity.MINOR: "note", Severity.HINT: "note"}
MAX_FIXES = 3


def artifact_uri(path: str) -> str:
    """A URI reference for a document path (relative paths stay relative)."""
    pure = PurePath(path)
    if pure.is_absolute():
        return "file://" + quote(pure.as_posix())
    return quote(pure.as_posix())


def _region(index: LineIndex, start: int, end: int, *, snippet: bool) -> dict[str, Any]:
    start_line, start_column = index.position(start)
    end_line, end_column = index.position(end)
    region: dict[str, Any] = {
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
    }
    if snippet:
        region["snippet"] = {"text": index.text[start:end]}
    return region


def _fixes(finding: Finding, uri: str, index: LineIndex) -> list[dict[str, Any]]:
    fixes = []
    for suggestion in finding.suggestions[:MAX_FIXES]:
        label = f"Replace with “{suggestion}”" if suggestion.strip() else "Delete it"
        fixes.append(
            {
                "description": {"text": label},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": uri},
                        "replacements": [
                            {
                                "deletedRegion": _region(index, finding.start, finding.end, snippet=False),
                                "insertedContent": {"text": suggestion},
                            }
                        ],
                    }
                ],
            }
        )
    return fixes


class SarifWriter:
    """Streams one SARIF log to ``out``: ``add`` each document, then ``close``."""

    def __init__(self, out: TextIO, signature: dict[str, Any] | None = None) -> None:
        self.out = out
        self.signature = signature
        self.rules: dict[str, int] = {}
        self.descriptors: list[dict[str, Any]] = []
        self.count = 0
        head = {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION}
        out.write(json.dumps(head)[:-1] + ', "runs": [{"columnKind": "utf16CodeUnits", "results": [')

    def _rule_index(self, finding: Finding) -> int:
        index = self.rules.get(finding.rule)
        if index is None:
            short, full = rule_help(finding.rule, finding.category, finding.origin)
            index = self.rules[finding.rule] = len(self.descriptors)
            self.descriptors.append(
                {
                    "id": finding.rule,
                    "name": "".join(part.title() for part in finding.rule.replace("_", "-").split("-")),
                    "shortDescription": {"text": short},
                    "fullDescription": {"text": full},
                    "help": {"text": full},
                    "defaultConfiguration": {"level": LEVELS[finding.severity]},
                    "properties": {"category": finding.category, "tags": [finding.category]},
                }
            )
        return index

    def result(self, document_path: str, index: LineIndex, finding: Finding) -> dict[str, Any]:
        """One SARIF result."""
        uri = artifact_uri(document_path)
        span = index.text[finding.start : finding.end]
        fingerprint = context_fingerprint(index.text, finding.start, finding.end)
        message = finding.message
        if finding.suggestions:
            shown = ", ".join(suggestion_label(s) for s in finding.suggestions[:MAX_FIXES])
            message += f" Suggested: {shown}."
        result: dict[str, Any] = {
            "ruleId": finding.rule,
            "ruleIndex": self._rule_index(finding),
            "level": LEVELS[finding.severity],
            "message": {"text": message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri},
                        "region": _region(index, finding.start, finding.end, snippet=True),
                    }
                }
            ],
            "partialFingerprints": {"auditorContext/v1": f"{finding.rule}:{fingerprint}"},
            "properties": {
                "severity": finding.severity.value,
                "category": finding.category,
                "origin": finding.origin,
                "flagged": span,
                "offsets": [finding.start, finding.end],
            },
        }
        fixes = _fixes(finding, uri, index)
        if fixes:
            result["fixes"] = fixes
        return result

    def add(self, document: DocumentResult) -> None:
        """Write the results of one document."""
        findings = document.findings
        if not findings:
            return
        index = LineIndex(document.document.text)
        for finding in findings:
            self.out.write(",\n" if self.count else "\n")
            result = self.result(document.document.path, index, finding)
            self.out.write(json.dumps(result, ensure_ascii=False))
            self.count += 1

    def close(self) -> None:
        """Finish the log with the tool and its rules."""
        tool = {
            "driver": {
                "name": "auditor",
                "version": __version__,
                "rules": self.descriptors,
            }
        }
        tail = '\n], "tool": ' + json.dumps(tool, ensure_ascii=False)
        if self.signature is not None:  # the settings that decided the findings (run property bag)
            tail += ', "properties": ' + json.dumps({"signature": self.signature}, ensure_ascii=False)
        self.out.write(tail + "}]}\n")


def write_sarif(
    results: Iterable[DocumentResult], out: TextIO, signature: dict[str, Any] | None = None
) -> None:
    """Write every result as one SARIF log (``signature``: the run's settings, as run properties)."""
    writer = SarifWriter(out, signature)
    for result in results:
        writer.add(result)
    writer.close()
