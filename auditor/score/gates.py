"""CI gates and the one-line run summary.

A gate trips on a document that scores below ``--fail-under`` or has a finding
at least as severe as ``--fail-on``. Exit codes: 0 no gate tripped, 1 a gate
tripped, 2 usage, input or set-up error (raised elsewhere as AuditorError).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from auditor.models import Severity
from auditor.report.model import DocumentResult

EXIT_OK = 0
EXIT_GATE = 1


@dataclass(frozen=True)
class Gates:
    """The thresholds a run must meet."""

    fail_under: float | None = None
    fail_on: Severity | None = None

    @property
    def active(self) -> bool:
        """Whether any gate is set."""
        return self.fail_under is not None or self.fail_on is not None

    def reasons(self, result: DocumentResult) -> list[str]:
        """Why ``result`` trips a gate (empty when it passes)."""
        reasons = []
        if self.fail_under is not None and result.score < self.fail_under:
            reasons.append(f"score {result.score:.1f} is below {self.fail_under:g}")
        if self.fail_on is not None:
            level = self.fail_on.rank
            worst = [f for f in result.findings if f.severity.rank >= level]
            if worst:
                reasons.append(f"{len(worst)} finding(s) at or above {self.fail_on.value}")
        return reasons

    def trips(self, result: DocumentResult) -> bool:
        """Whether ``result`` fails the run."""
        return bool(self.reasons(result))

    def describe(self) -> str:
        """The gates as command-line flags."""
        parts = []
        if self.fail_under is not None:
            parts.append(f"--fail-under {self.fail_under:g}")
        if self.fail_on is not None:
            parts.append(f"--fail-on {self.fail_on.value}")
        return " ".join(parts)


@dataclass
class RunSummary:
    """Running totals over every document, kept in constant memory."""

    gates: Gates = field(default_factory=Gates)
    documents: int = 0
    failed: int = 0
    findings: Counter[str] = field(default_factory=Counter)
    lowest: float | None = None
    total_score: float = 0.0

    def add(self, result: DocumentResult) -> None:
        """Count one finished document."""
        self.documents += 1
        self.total_score += result.score
        self.lowest = result.score if self.lowest is None else min(self.lowest, result.score)
        self.findings.update(f.severity.value for f in result.findings)
        if self.gates.trips(result):
            self.failed += 1

    def observe(self, results: Iterable[DocumentResult]) -> Iterator[DocumentResult]:
        """Pass results through, counting each."""
        for result in results:
            self.add(result)
            yield result

    @property
    def exit_code(self) -> int:
        """1 when a gate tripped, else 0."""
        return EXIT_GATE if self.failed else EXIT_OK

    def line(self) -> str:
        """``auditor: 12 documents, 30 findings (2 critical, ...), mean score 91.2, lowest 60.3; ...``."""
        total = sum(self.findings.values())
        by_severity = ", ".join(
            f"{self.findings[s.value]} {s.value}" for s in reversed(Severity) if self.findings[s.value]
        )
        text = f"auditor: {self.documents} document{'s' if self.documents != 1 else ''}, {total} findings"
        if by_severity:
            text += f" ({by_severity})"
        if self.documents:
            text += f", mean score {self.total_score / self.documents:.1f}, lowest {self.lowest:.1f}"
        if self.gates.active:
            verdict = f"FAILED by {self.failed}" if self.failed else "passed"
            text += f"; gate {self.gates.describe()} {verdict}"
        return text
