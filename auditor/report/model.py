"""The finished audit of a document, which every reporter renders and none recomputes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from auditor.models import Document, Finding, Sentence


@dataclass
class SentenceResult:
    """A sentence with its findings and score."""

    sentence: Sentence
    text: str
    score: float
    words: int
    findings: list[Finding] = field(default_factory=list)
    metrics: dict[str, Any] = field(default_factory=dict)
    #: Bilingual context (JSON ``source``, ``reference``, ``metrics``), when the input had it.
    source: str | None = None
    reference: str | None = None
    reference_metrics: dict[str, Any] = field(default_factory=dict)
    #: The finding-based score when ``--score-with reference`` blended a metric into ``score``.
    audit_score: float | None = None
    #: The quality estimate (:class:`auditor.qe.model.QEEstimate`) when a QE model ran.
    qe: Any = None


@dataclass
class DocumentResult:
    """A document with its sentences, findings, scores and readability."""

    document: Document
    score: float
    sentences: list[SentenceResult]
    readability: dict[str, Any]
    metrics: dict[str, Any] = field(default_factory=dict)

    @property
    def findings(self) -> list[Finding]:
        """All findings in text order."""
        return [f for s in self.sentences for f in s.findings]
