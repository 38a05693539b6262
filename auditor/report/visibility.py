"""Which findings a report lists: ``--min-severity`` keeps hints out of the reports CI reads.

Scores are computed before this filter and are never changed by it: a hint costs no points, and
a listed finding is exactly what the JSON report holds at that severity or above.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from auditor.models import Severity
from auditor.report.model import DocumentResult

#: The default floor: every MQM severity, no hints.
DEFAULT_MIN_SEVERITY = Severity.MINOR


def listed_severity(min_severity: Severity | None, fail_on: Severity | None = None) -> Severity:
    """The lowest severity to list: the configured floor, lowered to the ``--fail-on`` gate's level.

    A gate that trips on hints must be able to show them, so ``--fail-on hint`` lists hints.
    """
    floor = min_severity or DEFAULT_MIN_SEVERITY
    if fail_on is not None and fail_on.rank < floor.rank:
        return fail_on
    return floor


def at_least(results: Iterable[DocumentResult], floor: Severity) -> Iterator[DocumentResult]:
    """The results with findings below ``floor`` left out (sentences, scores and metrics unchanged)."""
    for result in results:
        if floor.rank <= 0 or all(f.severity.rank >= floor.rank for f in result.findings):
            yield result
            continue
        sentences = [
            replace(s, findings=[f for f in s.findings if f.severity.rank >= floor.rank]) for s in result.sentences
        ]
        yield replace(result, sentences=sentences)
