"""A self-contained HTML report per document: no network, all input text escaped.

The story is rendered on the server side with every finding highlighted, so the
page reads correctly even with scripts off; a small inline script shows a
finding's message and suggestions on click or keyboard focus.
"""

from __future__ import annotations

import json
from html import escape
from itertools import pairwise
from typing import Any

from auditor.models import Finding, Severity
from auditor.report.json_report import counts, document_dict
from auditor.report.model import DocumentResult

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"

_CSS = """
:root{--bg:#fff;--fg:#1b1b1b;--muted:#555;--minor:#fff3bf;--major:#ffd8a8;--critical:#ffc9c9;
--minor-b:#b08800;--major-b:#c2410c;--critical-b:#b91c1c;--focus:#1d4ed8}
*{box-sizing:border-box}body{margin:0;font:16px/1.6 system-ui,-apple-system,"Segoe UI",sans-serif;
color:var(--fg);background:var(--bg)}header,main{max-width:1200px;margin:0 auto;padding:1rem}
h1{font-size:1.3rem;margin:.2rem 0}.summary{display:flex;flex-wrap:wrap;gap:.6rem;margin:.5rem 0}
.pill{border:1px solid #ccc;border-radius:1rem;padding:.1rem .7rem;font-size:.9rem}
.layout{display:grid;grid-template-columns:minmax(0,2fr) minmax(0,1fr);gap:1.5rem}
@media (max-width:800px){.layout{grid-template-columns:1fr}}
.story p{margin:0 0 1rem}mark{background:var(--minor);border-bottom:2px solid var(--minor-b);
cursor:pointer;padding:0 1px;color:inherit}mark.major{background:var(--major);border-color:var(--major-b)}
mark.critical{background:var(--critical);border-color:var(--critical-b)}
mark:focus{outline:3px solid var(--focus);outline-offset:1px}mark.empty::after{content:"\\2038"}
aside{position:sticky;top:0;align-self:start}#detail{border:1px solid #ccc;border-radius:.5rem;
padding:.8rem;min-height:6rem}.sev{font-weight:600;text-transform:uppercase;font-size:.8rem}
.sev.minor{color:var(--minor-b)}.sev.major{color:var(--major-b)}.sev.critical{color:var(--critical-b)}
code{background:#f3f3f3;padding:0 .2rem}table{border-collapse:collapse;width:100%;font-size:.92rem}
td,th{border-bottom:1px solid #e3e3e3;padding:.3rem;text-align:left;vertical-align:top}
.score{font-variant-numeric:tabular-nums;white-space:nowrap}
@media print{aside{position:static}mark{border-bottom-style:dotted}}
"""

_JS = """
(function(){
const data=JSON.parse(document.getElementById('auditor-data').textContent);
const findings=[];data.sentences.forEach(s=>s.findings.forEach(f=>findings.push(f)));
const detail=document.getElementById('detail');
function show(ids){detail.replaceChildren();ids.forEach(i=>{const f=findings[i];if(!f)return;
const box=document.createElement('div');const sev=document.createElement('span');
sev.className='sev '+f.severity;sev.textContent=f.severity+' · '+f.category;
const rule=document.createElement('div');const code=document.createElement('code');code.textContent=f.rule;
rule.append(code);const msg=document.createElement('p');msg.textContent=f.message;box.append(sev,rule,msg);
if(f.suggestions.length){const s=document.createElement('p');
s.textContent='Suggested: '+f.suggestions.map(x=>x.trim()?'“'+x+'”':'(delete)').join(', ');box.append(s);}
detail.append(box);});}
document.querySelectorAll('mark[data-f]').forEach(m=>{const ids=m.dataset.f.split(' ').map(Number);
m.addEventListener('click',()=>show(ids));m.addEventListener('focus',()=>show(ids));});
})();
"""


def _json_for_script(value: Any) -> str:
    """JSON safe inside ``<script>``: no ``</script>``, ``<!--`` or line separators can break out."""
    text = json.dumps(value, ensure_ascii=False)
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _worst(findings: list[Finding]) -> Severity:
    return max((f.severity for f in findings), key=lambda s: s.rank)


def _highlighted(text: str, start: int, end: int, findings: list[tuple[int, Finding]]) -> str:
    """Escaped ``text[start:end]`` with overlapping findings wrapped in ``<mark>`` pieces."""
    cuts = {start, end}
    for _, f in findings:
        if (f.end > start and f.start < end) or (f.start == f.end and start <= f.start <= end):
            cuts.add(min(max(f.start, start), end))
            cuts.add(min(max(f.end, start), end))
    points = sorted(cuts)
    out: list[str] = []
    for number, f in findings:
        if f.start == f.end and f.start == start:
            out.append(_mark("", [(number, f)]))
    for left, right in pairwise(points):
        covering = [(n, f) for n, f in findings if f.start <= left and f.end >= right and f.end > f.start]
        piece = text[left:right]
        out.append(_mark(piece, covering) if covering else escape(piece))
        for number, f in findings:
            if f.start == f.end == right and right != start:
                out.append(_mark("", [(number, f)]))
    return "".join(out)


def _mark(piece: str, covering: list[tuple[int, Finding]]) -> str:
    severity = _worst([f for _, f in covering]).value
    ids = " ".join(str(n) for n, _ in covering)
    label = "; ".join(f"{f.severity.value} {f.rule}: {f.message}" for _, f in covering)
    empty = " empty" if not piece else ""
    return (
        f'<mark class="{severity}{empty}" tabindex="0" data-f="{ids}" title="{escape(label)}">'
        f"{escape(piece)}</mark>"
    )


def render_html(result: DocumentResult) -> str:
    """The whole report page for one document."""
    document = result.document
    text = document.text
    numbered = list(enumerate(result.findings))
    units: dict[int, list[int]] = {}
    for s in result.sentences:
        units.setdefault(s.sentence.paragraph, []).append(s.sentence.index)
    paragraphs_html = []
    for indexes in units.values():
        first = result.sentences[indexes[0]].sentence
        last = result.sentences[indexes[-1]].sentence
        inside = [(n, f) for n, f in numbered if f.end >= first.start and f.start <= last.end]
        paragraphs_html.append(f"<p>{_highlighted(text, first.start, last.end, inside)}</p>")

    tally = counts(result.findings)
    pills = [f'<span class="pill">Score <strong>{result.score:.1f}</strong>/100</span>']
    pills += [f'<span class="pill">{escape(k)}: {v}</span>' for k, v in sorted(tally["severity"].items())]
    read = result.readability
    pills.append(
        f'<span class="pill">Flesch {read.get("flesch_reading_ease", 0)} · grade '
        f'{read.get("flesch_kincaid_grade", 0)} · {read.get("words_per_sentence", 0)} words/sentence</span>'
    )
    categories = "".join(
        f"<tr><td>{escape(k)}</td><td>{v}</td></tr>" for k, v in sorted(tally["category"].items())
    )
    worst_first = sorted(result.sentences, key=lambda s: (s.score, s.sentence.index))
    rows = "".join(
        f'<tr><td class="score">{s.score:.1f}</td><td>{s.sentence.index + 1}</td>'
        f"<td>{escape(s.text)}</td><td>{len(s.findings)}</td></tr>"
        for s in worst_first
    )
    title = escape(f"auditor · {document.path}")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title><style>{_CSS}</style></head>
<body><header><h1>{escape(document.path)}</h1><div class="summary">{"".join(pills)}</div></header>
<main><div class="layout"><article class="story" aria-label="Story with findings highlighted">
{"".join(paragraphs_html)}</article>
<aside aria-label="Finding details"><h2>Finding</h2><div id="detail" role="status" aria-live="polite">
Select a highlighted passage to see what is wrong and how to fix it.</div>
<h2>By category</h2><table><tbody>{categories}</tbody></table></aside></div>
<h2>Sentences, worst first</h2><table><thead><tr><th>Score</th><th>#</th><th>Sentence</th>
<th>Findings</th></tr></thead><tbody>{rows}</tbody></table></main>
<script type="application/json" id="auditor-data">{_json_for_script(document_dict(result))}</script>
<script>{_JS}</script></body></html>
"""
