"""The project's say over findings, applied after the checks: disabled rules, severity
overrides, ignored phrases, inline suppression comments and a baseline.

Checks stay unaware of configuration; the audited result is filtered here and
rescored, so scores and gates see exactly the findings that are reported.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property

from auditor.decisions import Decisions
from auditor.models import Document, Finding, Severity
from auditor.report.model import DocumentResult, SentenceResult
from auditor.score.baseline import Baseline
from auditor.score.scoring import ScoringModel
from auditor.score.suppression import allows_comments, parse_suppressions, suppressed


@dataclass(frozen=True)
class FindingPolicy:
    """What to drop or re-grade before findings are reported."""

    disabled: frozenset[str] = frozenset()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    ignore_phrases: tuple[str, ...] = ()
    inline: bool = True
    baseline: Baseline | None = None
    #: An editor's decisions: false alarms and findings on added names are dropped.
    decisions: Decisions | None = None

    @cached_property
    def _phrases(self) -> re.Pattern[str] | None:
        if not self.ignore_phrases:
            return None
        alternatives = sorted(
            (r"\s+".join(re.escape(w) for w in p.split()) for p in self.ignore_phrases), key=len, reverse=True
        )
        return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)", re.IGNORECASE)

    def decide(self, document: Document, findings: list[Finding]) -> list[Finding | None]:
        """Each finding as it should be reported, or ``None`` where it is dropped."""
        if not findings:
            return []
        decided: list[Finding | None] = []
        phrase_spans = (
            [(m.start(), m.end()) for m in self._phrases.finditer(document.text)] if self._phrases else []
        )
        inline = self.inline and allows_comments(document.path)
        suppressions = parse_suppressions(document.text) if inline else []
        decided_away = self.decisions.silenced(document, findings) if self.decisions is not None else set()
        for number, finding in enumerate(findings):
            if number in decided_away:
                decided.append(None)
                continue
            if finding.rule in self.disabled:
                decided.append(None)
                continue
            if any(s <= finding.start and finding.end <= e for s, e in phrase_spans):
                decided.append(None)
                continue
            if suppressions and suppressed(finding, suppressions):
                decided.append(None)
                continue
            level = self.severity.get(finding.rule)
            if level is not None and level != finding.severity:
                finding = replace(finding, severity=level)
            decided.append(finding)
        if self.baseline is not None:
            kept = [f for f in decided if f is not None]
            known = iter(self.baseline.known(document.path, document.text, kept))
            decided = [None if f is not None and next(known) else f for f in decided]
        return decided


def document_qe(sentences: list[SentenceResult]) -> float | None:
    """The word-weighted mean counted edit share of a document's sentences (None without QE)."""
    rated = [(s.qe.counted, max(s.words, 1)) for s in sentences if s.qe is not None]
    if not rated:
        return None
    return sum(h * w for h, w in rated) / sum(w for _, w in rated)


def apply_policy(result: DocumentResult, policy: FindingPolicy, scoring: ScoringModel) -> DocumentResult:
    """``result`` with the policy applied to its findings and its scores recomputed."""
    findings = result.findings
    decided = policy.decide(result.document, findings)
    if all(new is old for new, old in zip(decided, findings, strict=True)):
        return result
    position = 0
    sentences = []
    for sentence in result.sentences:
        own = [f for f in decided[position : position + len(sentence.findings)] if f is not None]
        position += len(sentence.findings)
        sentences.append(
            SentenceResult(
                sentence=sentence.sentence,
                text=sentence.text,
                score=scoring.score(own, sentence.words, qe=sentence.qe.counted if sentence.qe else None),
                words=sentence.words,
                findings=own,
                metrics=sentence.metrics,
                qe=sentence.qe,
            )
        )
    kept = [f for s in sentences for f in s.findings]
    return replace(
        result,
        sentences=sentences,
        score=scoring.score(kept, sum(s.words for s in sentences), qe=document_qe(sentences)),
    )
