"""Shared helpers for the MT-damage check tests: run one check, apply a suggestion."""

from __future__ import annotations

from auditor.checks.base import Check
from auditor.models import Document, Finding
from auditor.run.pipeline import segment_document


def run(check: Check, text: str, rule: str | None = None) -> list[Finding]:
    """Findings of ``check`` on ``text`` (only ``rule``'s when given), offsets verified."""
    document = segment_document(Document(path="t", text=text))
    found = [f for f in check.check(document) if rule is None or f.rule == rule]
    for finding in found:
        assert 0 <= finding.start <= finding.end <= len(text)
    return found


def fixed(text: str, finding: Finding) -> str:
    """``text`` with ``finding``'s first suggestion applied."""
    return text[: finding.start] + finding.suggestions[0] + text[finding.end :]


def spans(text: str, findings: list[Finding]) -> list[str]:
    """The flagged text of each finding."""
    return [text[f.start : f.end] for f in findings]
