"""MQM-style scores: 0–100, higher is better.

Each finding costs a penalty by severity (hint 0, minor 1, major 5, critical 25
by default). Penalties are normalised by length so a long sentence with one slip
outscores a short one with the same slip:

    score = 100 × exp(−penalty / max(words, MIN_WORDS))

The exponential keeps every extra finding visible (a damaged sentence always
scores strictly lower than the same sentence repaired) without collapsing to a
floor of 0 where different damage would tie. ``MIN_WORDS`` stops a one-word
segment with a slip from dropping to nearly zero on a minor fault.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from auditor.models import Finding, Severity

DEFAULT_WEIGHTS: Mapping[Severity, float] = {
    Severity.HINT: 0.0,
    Severity.MINOR: 1.0,
    Severity.MAJOR: 5.0,
    Severity.CRITICAL: 25.0,
}


READABILITY_SHARE = 1.0


@dataclass(frozen=True)
class ScoringModel:
    """Severity weights and length normalisation."""

    weights: Mapping[Severity, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    min_words: int = 10
    #: Multiplier on readability findings (a long sentence is a style matter, not an error).
    readability_share: float = READABILITY_SHARE

    def penalty(self, findings: Iterable[Finding]) -> float:
        """Sum of severity weights (readability findings count ``readability_share`` of theirs)."""
        return sum(self._weight(f) * (self.readability_share if f.category == "readability" else 1.0) for f in findings)

    def _weight(self, finding: Finding) -> float:
        """The penalty of one finding's severity (weights a config left out keep their defaults)."""
        return self.weights.get(finding.severity, DEFAULT_WEIGHTS[finding.severity])

    def score(self, findings: Iterable[Finding], words: int) -> float:
        """Score of a span of ``words`` words with these findings (100 = no problem found)."""
        penalty = self.penalty(findings)
        # Not rounded: rounding would tie heavily damaged sentences that differ by a finding.
        return 100.0 * math.exp(-penalty / max(words, self.min_words))
