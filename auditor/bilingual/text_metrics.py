"""The reference-metrics line of the text report."""

from __future__ import annotations

from auditor.report.model import DocumentResult


def metrics_line(result: DocumentResult) -> str | None:
    """``path: BLEU 25.9 chrF 52.1 TER 60.0 against the reference (signatures ...)``, if any."""
    metrics = result.metrics
    if not all(name in metrics for name in ("bleu", "chrf", "ter")):
        return None
    figures = " ".join(
        f"{label} {metrics[key]['score']:.1f}"
        for key, label in (("bleu", "BLEU"), ("chrf", "chrF"), ("ter", "TER"))
    )
    signature = metrics["bleu"]["signature"]
    return (
        f"{result.document.path}: {figures} against the reference over {metrics['segments']} "
        f"{'segments' if metrics.get('alignment') == 'sentence' else 'document'} (BLEU {signature})\n"
    )
