"""MQM-style scores: 0–100, higher is better.

Each finding costs a penalty by severity (hint 0, minor 1, major 5, critical 25
by default). Penalties are normalised by length so a long sentence with one slip
outscores a short one with the same slip:

    score = 100 × exp(−penalty / max(words, MIN_WORDS))

The exponential keeps every extra finding visible (a damaged sentence always
scores strictly lower than the same sentence repaired) without collapsing to a
floor of 0 where different damage would tie. ``MIN_WORDS`` stops a one-word
segment with a slip from dropping to nearly zero on a minor fault.

With a quality estimate (``qe``: the share of words a post-editor would change that the QE layer
counts, :attr:`auditor.qe.model.QEEstimate.counted`: the prediction from its model's floor on, 0 below)
the score is multiplied by ``1 − 0.99 × h × (1 − exp(−w / span))``, where ``w`` is the smallest
penalty a finding can cost and ``h`` that share: the estimate ranks sentences the findings leave tied,
but can never take away as much as one more finding, so a damaged sentence still scores strictly
below its repair whatever the estimates of the two.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from auditor.models import Finding, Severity

DEFAULT_WEIGHTS: Mapping[Severity, float] = {
    Severity.HINT: 0.0,
    Severity.MINOR: 1.0,
    Severity.MAJOR: 5.0,
    Severity.CRITICAL: 25.0,
}


READABILITY_SHARE = 1.0
#: Share of one finding's smallest cost the quality estimate may take at most (below 1: strictness).
QE_SHARE = 0.99


@dataclass(frozen=True)
class ScoringModel:
    """Severity weights and length normalisation."""

    weights: Mapping[Severity, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    min_words: int = 10
    #: Multiplier on readability findings (a long sentence is a style matter, not an error).
    readability_share: float = READABILITY_SHARE
    #: The quality-estimation model (:class:`auditor.qe.model.QEModel`), or None for findings alone.
    qe: Any = field(default=None, compare=False)

    def penalty(self, findings: Iterable[Finding]) -> float:
        """Sum of severity weights (readability findings count ``readability_share`` of theirs)."""
        return sum(self._weight(f) * (self.readability_share if f.category == "readability" else 1.0) for f in findings)

    def _weight(self, finding: Finding) -> float:
        """The penalty of one finding's severity (weights a config left out keep their defaults)."""
        return self.weights.get(finding.severity, DEFAULT_WEIGHTS[finding.severity])

    def score(self, findings: Iterable[Finding], words: int, qe: float | None = None) -> float:
        """Score of a span of ``words`` words with these findings (100 = no problem found).

        ``qe``: the estimated share of words needing an edit that counts (0-1), when a QE model ran.
        """
        penalty = self.penalty(findings)
        span = max(words, self.min_words)
        # Not rounded: rounding would tie heavily damaged sentences that differ by a finding.
        score = 100.0 * math.exp(-penalty / span)
        if qe is None:
            return score
        costs = [w for severity, w in {**DEFAULT_WEIGHTS, **self.weights}.items()
                 if severity is not Severity.HINT and w > 0]
        share = min(self.readability_share, 1.0) if self.readability_share > 0 else 1.0
        smallest = min(costs) * share if costs else 0.0
        step = 1.0 - math.exp(-smallest / span)
        return score * (1.0 - QE_SHARE * step * min(max(qe, 0.0), 1.0))
