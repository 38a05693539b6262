"""The JSON report, schema ``auditor-report/1``: the contract every other format is a view of.

Fields documented in the README are never renamed or dropped; new ones may be added.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import Any, TextIO

from auditor import __version__
from auditor.models import Finding
from auditor.report.model import DocumentResult, SentenceResult

SCHEMA = "auditor-report/1"


def finding_dict(finding: Finding) -> dict[str, Any]:
    """One finding as JSON."""
    return {
        "rule": finding.rule,
        "category": finding.category,
        "severity": finding.severity.value,
        "start": finding.start,
        "end": finding.end,
        "message": finding.message,
        "suggestions": list(finding.suggestions),
        "safe_fix": finding.safe_fix,
        "origin": finding.origin,
    }


def sentence_dict(result: SentenceResult) -> dict[str, Any]:
    """One sentence as JSON."""
    return {
        "index": result.sentence.index,
        "start": result.sentence.start,
        "end": result.sentence.end,
        "paragraph": result.sentence.paragraph,
        "text": result.text,
        "score": result.score,
        "words": result.words,
        "readability": result.metrics,
        "findings": [finding_dict(f) for f in result.findings],
    }


def counts(findings: Iterable[Finding]) -> dict[str, dict[str, int]]:
    """Findings counted by severity and by category."""
    findings = list(findings)
    return {
        "severity": dict(Counter(f.severity.value for f in findings)),
        "category": dict(Counter(f.category for f in findings)),
    }


def document_dict(result: DocumentResult) -> dict[str, Any]:
    """One document as JSON."""
    document = result.document
    data: dict[str, Any] = {
        "path": document.path,
        "score": result.score,
        "lang": document.lang,
        "lines": document.lines,
        "readability": result.readability,
        "counts": counts(result.findings),
        "sentences": [sentence_dict(s) for s in result.sentences],
    }
    if result.metrics:
        data["metrics"] = result.metrics
    return data


def header() -> dict[str, Any]:
    """Top-level fields shared by every report."""
    return {"schema": SCHEMA, "tool": {"name": "auditor", "version": __version__}}


def write_json(results: Iterable[DocumentResult], out: TextIO) -> list[float]:
    """Stream the report to ``out`` one document at a time; return the document scores."""
    head = json.dumps(header(), ensure_ascii=False)
    out.write(head[:-1] + ', "documents": [')
    scores = []
    for number, result in enumerate(results):
        if number:
            out.write(",")
        out.write("\n")
        out.write(json.dumps(document_dict(result), ensure_ascii=False))
        scores.append(result.score)
    out.write("\n]}\n")
    return scores
