"""A self-contained HTML page for ``auditor compare``: MT and post-edit side by side, edits marked.

Everything from the input is escaped; the Content-Security-Policy forbids every network load.
"""

from __future__ import annotations

from html import escape
from typing import Any

_CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.4em;vertical-align:top}
th{background:#f3f3f3;text-align:left}del{background:#fdd;text-decoration:line-through}
ins{background:#dfd;text-decoration:none}.hter{text-align:right;white-space:nowrap}
"""


def _marked(text: str, spans: list[tuple[int, int]], tag: str) -> str:
    out, pos = [], 0
    for start, end in sorted(spans):
        out.append(escape(text[pos:start]))
        if end > start:
            out.append(f"<{tag}>{escape(text[start:end])}</{tag}>")
        pos = max(pos, end)
    out.append(escape(text[pos:]))
    return "".join(out)


def render_compare_html(report: dict[str, Any]) -> str:
    """The page for one compare report (as produced by ``report_dict``)."""
    rows = []
    for segment in report["segments"]:
        mt_spans = [(e["mt_start"], e["mt_end"]) for e in segment["edits"]]
        pe_spans = [(e["pe_start"], e["pe_end"]) for e in segment["edits"]]
        rows.append(
            "<tr>"
            f"<td>{segment['index'] + 1}</td>"
            f"<td>{_marked(segment['mt'], mt_spans, 'del')}</td>"
            f"<td>{_marked(segment['postedit'], pe_spans, 'ins')}</td>"
            f"<td class=hter>{segment['hter']:.1f}</td>"
            "</tr>"
        )
    corpus = report["hter"]
    return (
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8>"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>Post-edit distance: {escape(report['mt'])}</title><style>{_CSS}</style></head><body>"
        f"<h1>Post-edit distance</h1><p>MT: <code>{escape(report['mt'])}</code> · post-edit: "
        f"<code>{escape(report['postedit'])}</code></p>"
        f"<p>Corpus HTER <strong>{corpus['score']:.2f}</strong> over {corpus['segments']} segments "
        f"(<code>{escape(corpus['signature'])}</code>)</p>"
        "<table><thead><tr><th>#</th><th>MT (removed words struck)</th><th>Post-edit (added words marked)</th>"
        "<th>HTER</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table></body></html>\n"
    )
