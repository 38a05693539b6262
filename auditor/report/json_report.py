"""The JSON report, schema ``auditor-report/1``: the contract every other format is a view of.

Fields documented in the README are never renamed or dropped; new ones may be added.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any, TextIO

from auditor import __version__
from auditor.models import Finding
from auditor.report.model import DocumentResult, SentenceResult

SCHEMA = "auditor-report/1"


def finding_dict(finding: Finding) -> dict[str, Any]:
    """One finding as JSON (``source_span`` only where the finding has one)."""
    data: dict[str, Any] = {
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
    if finding.source_span is not None:
        data["source_span"] = list(finding.source_span)
    return data


def sentence_dict(result: SentenceResult) -> dict[str, Any]:
    """One sentence as JSON."""
    data: dict[str, Any] = {
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
    data.update(bilingual_fields(result))
    return data


def bilingual_fields(result: SentenceResult) -> dict[str, Any]:
    """``source``, ``reference``, ``metrics`` (and ``audit_score``) of a sentence, where known."""
    data: dict[str, Any] = {}
    if result.source is not None:
        data["source"] = result.source
    if result.reference is not None:
        data["reference"] = result.reference
    if result.reference_metrics:
        data["metrics"] = result.reference_metrics
    if result.audit_score is not None:
        data["audit_score"] = result.audit_score
    if result.qe is not None:
        data["qe"] = result.qe.as_json()
    return data


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
    if document.record_id is not None:
        data["record_id"] = document.record_id
    return data


def header(signature: dict[str, Any] | None = None) -> dict[str, Any]:
    """Top-level fields shared by every report (with the run's settings signature, when known)."""
    head: dict[str, Any] = {"schema": SCHEMA, "tool": {"name": "auditor", "version": __version__}}
    if signature is not None:
        head["signature"] = signature
    return head


def write_json(
    results: Iterable[DocumentResult],
    out: TextIO,
    trailer: Callable[[], dict[str, Any]] | None = None,
    signature: dict[str, Any] | None = None,
) -> list[float]:
    """Stream the report to ``out`` one document at a time; return the document scores.

    ``trailer`` (called after the last document) gives top-level fields known only at the end,
    such as corpus metrics. ``signature`` is the run's settings signature (``auditor.report.signature``).
    """
    head = json.dumps(header(signature), ensure_ascii=False)
    out.write(head[:-1] + ', "documents": [')
    scores = []
    for number, result in enumerate(results):
        if number:
            out.write(",")
        out.write("\n")
        out.write(json.dumps(document_dict(result), ensure_ascii=False))
        scores.append(result.score)
    out.write("\n]")
    for key, value in (trailer() if trailer else {}).items():
        out.write(f", {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    out.write("}\n")
    return scores
