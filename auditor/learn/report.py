"""``auditor learn --report``: what editors fix in this engine's output, as Markdown or HTML.

Edits are counted by kind (word choice, grammar, spelling, capitalisation, punctuation, word
order) and by operation (substitution, insertion, deletion, word order), with the most frequent
edits of each kind and the rules learned. Every piece of text from the data is escaped (HTML)
or put in code spans with backticks neutralised (Markdown).
"""

from __future__ import annotations

import html
from collections import Counter
from typing import Any

from auditor.learn.edits import KINDS, OPERATIONS
from auditor.learn.learner import EditStats

_KIND_NAMES = {
    "word-choice": "word choice",
    "grammar": "grammar",
    "spelling": "spelling",
    "casing": "capitalisation",
    "variant": "house style (spelling variant, diacritics, number/date format)",
    "punctuation": "punctuation",
    "word-order": "word order",
}


def summary(stats: EditStats, rules: list[dict[str, Any]], top: int = 8) -> dict[str, Any]:
    """The report's content as plain data."""
    by_kind: Counter[str] = Counter()
    by_op: Counter[str] = Counter()
    for (op, kind), count in stats.edits.items():
        by_kind[kind] += count
        by_op[op] += count
    total = sum(by_kind.values())
    return {
        "pairs": stats.pairs,
        "changed_pairs": stats.changed_pairs,
        "skipped": stats.skipped,
        "mt_words": stats.mt_words,
        "edits": total,
        "kinds": [(k, by_kind[k], by_kind[k] / total if total else 0.0) for k in KINDS],
        "operations": [(o, by_op[o], by_op[o] / total if total else 0.0) for o in OPERATIONS],
        "grid": [[stats.edits[o, k] for k in KINDS] for o in OPERATIONS],
        "frequent": {
            k: [(mt, pe, n) for (mt, pe), n in stats.samples.get(k, Counter()).most_common(top) if n > 1]
            for k in KINDS
        },
        "rules": [
            (r["id"], r["category"], r["learned"]["support"], r["learned"]["precision"]) for r in rules
        ],
    }


def _code(text: str) -> str:
    """Text as a Markdown code span (empty shown as ∅), safe for any backticks and pipes inside."""
    if not text:
        return "∅"
    body = text.replace("|", "\\|")
    fence = "``" if "`" in body else "`"
    return f"{fence} {body} {fence}" if fence == "``" else f"`{body}`"


def markdown(data: dict[str, Any]) -> str:
    """The report as Markdown."""
    out = [
        "# What editors fix in this MT engine's output",
        "",
        f"{data['pairs']} segments ({data['mt_words']} MT tokens), {data['changed_pairs']} edited, "
        f"{data['edits']} edits; {data['skipped']} empty or untranslated segments skipped.",
        "",
        "| kind of edit | edits | share |",
        "|---|---:|---:|",
    ]
    out += [f"| {_KIND_NAMES[k]} | {n} | {share:.1%} |" for k, n, share in data["kinds"]]
    out += ["", "| operation | edits | share |", "|---|---:|---:|"]
    out += [f"| {o} | {n} | {share:.1%} |" for o, n, share in data["operations"]]
    out += ["", "| operation \\ kind | " + " | ".join(_KIND_NAMES[k] for k in KINDS) + " |"]
    out += ["|---|" + "---:|" * len(KINDS)]
    out += [f"| {o} | " + " | ".join(map(str, row)) + " |" for o, row in zip(OPERATIONS, data["grid"], strict=True)]
    out += ["", "## Most frequent edits", ""]
    for kind in KINDS:
        rows = data["frequent"][kind]
        if rows:
            out.append(f"**{_KIND_NAMES[kind]}**: " + ", ".join(f"{_code(m)} → {_code(p)} ×{n}" for m, p, n in rows))
            out.append("")
    out += [f"## Rules learned ({len(data['rules'])})", ""]
    if data["rules"]:
        out += ["| rule | category | support | held-out precision |", "|---|---|---:|---:|"]
        out += [f"| `{i}` | {c} | {s} | {p:.0%} |" for i, c, s, p in data["rules"]]
    return "\n".join(out) + "\n"


def render_html(data: dict[str, Any]) -> str:
    """The report as a self-contained HTML page (every text from the data escaped)."""
    e = html.escape

    def table(head: list[str], rows: list[list[str]]) -> str:
        cells = "".join(f"<th>{e(h)}</th>" for h in head)
        body = "".join("<tr>" + "".join(f"<td>{e(str(c))}</td>" for c in row) + "</tr>" for row in rows)
        return f"<table><thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table>"

    parts = [
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">",
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        "<title>What editors fix in this MT engine's output</title>",
        "<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
        "table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #999;padding:.2rem .5rem}"
        "td:not(:first-child){text-align:right}code{background:#eee}</style></head><body>",
        "<h1>What editors fix in this MT engine's output</h1>",
        f"<p>{e(str(data['pairs']))} segments ({e(str(data['mt_words']))} MT tokens), "
        f"{e(str(data['changed_pairs']))} edited, {e(str(data['edits']))} edits; "
        f"{e(str(data['skipped']))} empty or untranslated segments skipped.</p>",
        table(["kind of edit", "edits", "share"], [[_KIND_NAMES[k], n, f"{s:.1%}"] for k, n, s in data["kinds"]]),
        table(["operation", "edits", "share"], [[o, n, f"{s:.1%}"] for o, n, s in data["operations"]]),
        "<h2>Most frequent edits</h2>",
    ]
    for kind in KINDS:
        rows = data["frequent"][kind]
        if rows:
            items = ", ".join(
                f"<code>{e(m) or '∅'}</code> → <code>{e(p) or '∅'}</code> ×{n}" for m, p, n in rows
            )
            parts.append(f"<p><strong>{e(_KIND_NAMES[kind])}</strong>: {items}</p>")
    parts.append(f"<h2>Rules learned ({len(data['rules'])})</h2>")
    if data["rules"]:
        parts.append(
            table(["rule", "category", "support", "held-out precision"],
                  [[i, c, s, f"{p:.0%}"] for i, c, s, p in data["rules"]])
        )
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
