"""Small inline-SVG charts for the HTML reports: no script, no external resources.

Every number drawn comes from the report; all text inside the SVG is escaped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

#: Sentence-score bins of the distribution charts: [0,10), [10,20) ... [90,100].
BINS = 10


def severity_of(findings: Sequence[Mapping[str, Any]]) -> str:
    """The worst severity among finding dicts ("none" when there are none)."""
    ranks = {"minor": 1, "major": 2, "critical": 3}
    worst = max((ranks.get(str(f.get("severity")), 0) for f in findings), default=0)
    return {0: "none", 1: "minor", 2: "major", 3: "critical"}[worst]


def sentence_score_chart(sentences: Sequence[Mapping[str, Any]]) -> str:
    """One bar per sentence (height = score on a 0-100 axis), coloured by its worst finding.

    The SVG is one ``role="img"`` with a text summary: no focusable parts inside. Bars carry
    ``data-sent`` so the page's script can jump to a sentence's table row on a click.
    """
    count = len(sentences)
    if not count:
        return ""
    scores = [float(s.get("score", 100.0)) for s in sentences]
    width, height, left, bottom = 640, 160, 34, 22
    plot_w, plot_h = width - left - 6, height - bottom - 8
    step = plot_w / count
    bar = max(1.0, step * 0.8)
    worst = min(range(count), key=lambda n: (scores[n], n))
    worst_index = int(sentences[worst].get("index", worst)) + 1
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" preserveAspectRatio="none" '
        f'aria-labelledby="chart-title"><title id="chart-title">Score of each sentence, {count} sentences, '
        f"axis from 0 to 100; lowest: sentence {worst_index} at {scores[worst]:.1f}</title>"
    ]
    for value in (0, 50, 100):
        y = 8 + plot_h * (1 - value / 100)
        parts.append(f'<line class="grid" x1="{left}" x2="{width - 6}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text class="axis" x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{value}</text>')
    for position, (sentence, score) in enumerate(zip(sentences, scores, strict=True)):
        index = int(sentence.get("index", position))
        tall = max(1.5, plot_h * max(0.0, min(100.0, score)) / 100)
        x = left + position * step + (step - bar) / 2
        y = 8 + plot_h - tall
        severity = severity_of(sentence.get("findings", []))
        parts.append(
            f'<rect class="bar {severity}" data-sent="{index}" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" '
            f'height="{tall:.1f}"><title>Sentence {index + 1}: score {score:.1f}</title></rect>'
        )
    parts.append(
        f'<text class="axis" x="{left}" y="{height - 6}">sentence 1</text>'
        f'<text class="axis" x="{width - 6}" y="{height - 6}" text-anchor="end">sentence {count}</text></svg>'
    )
    return "".join(parts)


def histogram(scores: Sequence[float]) -> list[int]:
    """Counts of scores per 10-point bin; 100 falls in the top bin."""
    counts = [0] * BINS
    for score in scores:
        counts[min(BINS - 1, max(0, int(score // (100 / BINS))))] += 1
    return counts


def distribution_chart(
    scores: Sequence[float], *, width: int = 160, height: int = 36, responsive: bool = False
) -> str:
    """A small histogram of sentence scores (bins 0-10 ... 90-100), for the index page.

    ``responsive``: no fixed size; the SVG scales to its container's width (the run-wide chart).
    """
    counts = histogram(scores)
    tallest = max(counts, default=0) or 1
    step = width / BINS
    summary = ", ".join(
        f"{n} in {b * 10}-{b * 10 + 10}" for b, n in enumerate(counts) if n
    ) or "no sentences"
    label = f"Sentence scores: {summary}"
    size = "" if responsive else f' width="{width}" height="{height}"'
    parts = [
        f'<svg class="dist{" wide" if responsive else ""}" viewBox="0 0 {width} {height}"{size} role="img" '
        f'aria-label="{escape(label)}"><title>{escape(label)}</title>'
        f'<line class="grid" x1="0" x2="{width}" y1="{height - 0.5}" y2="{height - 0.5}"/>'
    ]
    for number, count in enumerate(counts):
        if not count:
            continue
        tall = max(2.0, (height - 2) * count / tallest)
        band = "bad" if number < 5 else "fair" if number < 9 else "good"
        parts.append(
            f'<rect class="bin {band}" x="{number * step + 1:.1f}" y="{height - tall:.1f}" '
            f'width="{step - 2:.1f}" height="{tall:.1f}"/>'
        )
    parts.append("</svg>")
    return "".join(parts)
