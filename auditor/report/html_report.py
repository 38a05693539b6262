"""Self-contained HTML reports: one editor's workspace per document, and an index per run.

Each page works from ``file://`` with no network: CSS, script and charts are
inlined, and a Content-Security-Policy allows only the page's own script and
style (by hash) and nothing external. The story, findings, charts and tables
are rendered here, escaped, so the page reads and prints without script; the
script (``assets/report.js``) adds accept/reject/undo, live corrected text,
filters, keyboard navigation and saved decisions. All input text reaches the
page only through :func:`html.escape` or :func:`json_for_script`.
"""

from __future__ import annotations

import base64
import hashlib
import json
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from auditor import __version__
from auditor.errors import AuditorError
from auditor.models import SEVERITY_RANKS
from auditor.report.charts import distribution_chart, sentence_score_chart
from auditor.report.explain import category_help, explanations, has_source, rule_entries
from auditor.report.json_report import document_dict
from auditor.report.model import DocumentResult
from auditor.run.output import OutputSet, report_name

#: CSS and script inlined into every page; package data, shipped in the wheel.
ASSETS = Path(__file__).with_name("assets")
INDEX_NAME = "index.html"
SEVERITIES = ("critical", "major", "minor", "hint")
_RANK = SEVERITY_RANKS
#: How much of a long flagged span a finding card quotes.
QUOTE_LIMIT = 140


def _asset(name: str) -> str:
    """The text of a packaged asset (``auditor/report/assets/NAME``)."""
    return (ASSETS / name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def csp(scripts: Sequence[str], styles: Sequence[str]) -> str:
    """A policy that forbids every external request and runs only these inline scripts and styles."""
    script_src = " ".join(_sha256(s) for s in scripts) or "'none'"
    style_src = " ".join(_sha256(s) for s in styles) or "'none'"
    return (
        f"default-src 'none'; script-src {script_src}; style-src {style_src}; img-src data:; "
        "connect-src 'none'; base-uri 'none'; form-action 'none'"
    )


def json_for_script(value: Any) -> str:
    """JSON safe inside ``<script>``: no ``</script>``, ``<!--`` or line separators can break out."""
    text = json.dumps(value, ensure_ascii=False)
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _page(title: str, body: str, *, script: str = "", style: str) -> str:
    scripts = [script] if script else []
    script_tag = f"<script>{script}</script>" if script else ""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{escape(csp(scripts, [style]))}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{escape(title)}</title><style>{style}</style></head>\n"
        f"<body>{body}{script_tag}</body></html>\n"
    )


# ---------------------------------------------------------------- story highlights


def _dimension(category: str) -> str:
    return category.split("/")[0] or "other"


def _worst(findings: Sequence[Mapping[str, Any]]) -> Mapping[str, Any]:
    """The finding whose look a highlight takes: most severe, and a specific fault over readability."""
    return max(findings, key=lambda f: (_RANK.get(str(f["severity"]), 0), f["category"] != "readability"))


def _mark(piece: str, covering: list[tuple[int, Mapping[str, Any]]]) -> str:
    worst = _worst([f for _, f in covering])
    ids = " ".join(str(n) for n, _ in covering)
    label = "; ".join(f"{f['severity']} {f['rule']}: {f['message']}" for _, f in covering)
    empty = " empty" if not piece else ""
    return (
        f'<mark class="sev-{escape(str(worst["severity"]))} cat-{escape(_dimension(str(worst["category"])))}'
        f'{empty}" data-f="{ids}" title="{escape(label)}">{escape(piece)}</mark>'
    )


def highlighted(text: str, findings: Sequence[Mapping[str, Any]]) -> str:
    """Escaped ``text`` with every finding wrapped in ``<mark>`` pieces (overlaps split into pieces).

    Empty spans (insertion points) become empty marks at their position. A sweep over
    the cut points keeps this linear in practice even for long ``--lines`` documents.
    """
    return _highlight(text, list(enumerate(findings)), 0, len(text))


def _highlight(text: str, numbered: Sequence[tuple[int, Mapping[str, Any]]], low: int, high: int) -> str:
    """``text[low:high]`` escaped, with these (id, finding) pairs highlighted; ids as given."""
    starting: dict[int, list[tuple[int, Mapping[str, Any]]]] = {}
    inserts: dict[int, list[tuple[int, Mapping[str, Any]]]] = {}
    cuts = {low, high}
    for n, f in numbered:
        start, end = max(low, int(f["start"])), min(high, int(f["end"]))
        cuts.update((start, end))
        (inserts if start == end else starting).setdefault(start, []).append((n, f))
    points = sorted(cuts)
    active: dict[int, tuple[int, Mapping[str, Any]]] = {}
    out: list[str] = []
    for left, right in zip(points, [*points[1:], None], strict=True):
        out.extend(_mark("", [item]) for item in inserts.get(left, []))
        if right is None:
            break
        for n, f in starting.get(left, []):
            active[n] = (n, f)
        for n in [n for n, (_, f) in active.items() if int(f["end"]) <= left]:
            del active[n]
        piece = text[left:right]
        covering = sorted(active.values(), key=lambda item: item[0])
        out.append(_mark(piece, covering) if covering else escape(piece))
    return "".join(out)


def story_blocks(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The story cut into blocks at line starts that no span (sentence or finding) crosses.

    Each block is re-rendered on its own when a decision touches it, so a 3,000-line
    report redraws one line, not the whole story.
    """
    crossing = [0] * (len(text) + 2)
    for start, end in spans:
        if end - start > 1:
            crossing[start + 1] += 1
            crossing[end] -= 1
    cuts = [0]
    depth = 0
    for position in range(1, len(text)):
        depth += crossing[position]
        if text[position - 1] == "\n" and text[position] != "\n" and depth == 0:
            cuts.append(position)
    return list(zip(cuts, [*cuts[1:], len(text)], strict=True))


#: Story blocks per ``content-visibility`` chunk: the browser skips chunks off screen, and few
#: chunks (not thousands of blocks) keep its per-frame visibility bookkeeping small.
CHUNK = 40


def _story(text: str, findings: Sequence[Mapping[str, Any]], sentences: Sequence[Mapping[str, Any]]) -> str:
    """The story as ``<div class="blk">`` blocks, each with its findings highlighted."""
    spans = [(int(f["start"]), int(f["end"])) for f in findings]
    spans += [(int(s.get("start", 0)), int(s.get("end", 0))) for s in sentences]
    blocks = story_blocks(text, spans)
    starts = [start for start, _ in blocks]
    owned: list[list[tuple[int, Mapping[str, Any]]]] = [[] for _ in blocks]
    for n, f in enumerate(findings):
        owned[max(0, bisect_right(starts, int(f["start"])) - 1)].append((n, f))
    rendered = [
        f'<div class="blk" data-start="{start}" data-end="{end}">{_highlight(text, owned[b], start, end)}</div>'
        for b, (start, end) in enumerate(blocks)
    ]
    if len(rendered) <= CHUNK:
        return "".join(rendered)
    return "".join(
        f'<div class="chunk">{"".join(rendered[n : n + CHUNK])}</div>' for n in range(0, len(rendered), CHUNK)
    )


# ---------------------------------------------------------------- panels


#: Characters of context shown either side of a short flagged span.
CONTEXT = 28


def _quote(text: str, start: int, end: int) -> str:
    """The flagged span in bold with a little context either side, escaped; long spans shortened."""
    span = text[start:end]
    if len(span) > QUOTE_LIMIT:
        span = span[: QUOTE_LIMIT - 1].rstrip() + "…"
    before = text[max(0, start - CONTEXT) : start].rsplit("\n", 1)[-1]
    after = text[end : end + CONTEXT].split("\n", 1)[0]
    if end - start > CONTEXT:
        before = after = ""
    lead = "…" if before and start - len(before) > 0 and text[start - len(before) - 1] != "\n" else ""
    tail = "…" if after and end + len(after) < len(text) and text[end + len(after)] != "\n" else ""
    shown = span if span.strip() else "⎵" * max(1, len(span)) if span else "‸"
    return (
        f'<span class="ctx">{lead}{escape(before)}</span><strong class="hit">{escape(shown)}</strong>'
        f'<span class="ctx">{escape(after)}{tail}</span>'
    )


def _suggestion_label(suggestion: str) -> str:
    if not suggestion:
        return "(delete)"
    if not suggestion.strip():
        return "(a space)" if suggestion == " " else "(spaces)"
    return f"“{suggestion}”"


#: Categories and rule-id parts whose findings may be a name the checks do not know.
NAME_CATEGORIES = ("fluency/spelling", "accuracy/untranslated")
NAME_RULE_PARTS = ("spell", "untranslated", "script", "morfologik", "hunspell", "unknown-name")


def _may_be_name(finding: Mapping[str, Any], flagged: str) -> bool:
    """Whether "Add to names" makes sense: a speller/untranslated/name finding on a word or two."""
    rule = str(finding["rule"]).lower()
    kind = str(finding["category"]) in NAME_CATEGORIES or any(part in rule for part in NAME_RULE_PARTS)
    return kind and 0 < len(flagged.split()) <= 3


def _alignment(sentence: Mapping[str, Any] | None) -> str:
    """The sentence's aligned source and reference, when the run had them."""
    if not sentence:
        return ""
    rows = "".join(
        f'<div><dt>{name}</dt><dd>{escape(str(sentence[key]))}</dd></div>'
        for key, name in (("source", "Source"), ("reference", "Reference"))
        if isinstance(sentence.get(key), str)
    )
    return f'<dl class="align">{rows}</dl>' if rows else ""


def _learn_more(info: Mapping[str, Any]) -> str:
    """The rule's description, its bad -> fixed example and ``auditor rules show`` text, when known.

    ``info`` is the finding dict, or the rule's entry in the report data merged over it: the
    fields read are ``description``, ``example_bad``, ``example_good`` and ``learn_more``.
    """
    description, more = info.get("description"), info.get("learn_more")
    bad, good = info.get("example_bad"), info.get("example_good")
    parts = []
    if isinstance(description, str) and description.strip():
        parts.append(f'<p class="desc">{escape(description)}</p>')
    if isinstance(bad, str) and bad.strip():
        fixed = (
            f' → <ins class="ex-good">{escape(good)}</ins>' if isinstance(good, str) and good.strip() else ""
        )
        parts.append(f'<p class="example">Example: <del class="ex-bad">{escape(bad)}</del>{fixed}</p>')
    if isinstance(more, str) and more.strip():
        parts.append(f'<pre class="rule-show">{escape(more)}</pre>')
    if not parts:
        return ""
    return f'<details class="learn"><summary>About this rule</summary>{"".join(parts)}</details>'


def _finding_card(
    number: int,
    finding: Mapping[str, Any],
    text: str,
    explain: Mapping[str, str],
    sentence: Mapping[str, Any] | None = None,
    rules: Mapping[str, Mapping[str, Any]] | None = None,
) -> str:
    severity = escape(str(finding["severity"]))
    category = escape(str(finding["category"]))
    rule = escape(str(finding["rule"]))
    suggestions = [str(s) for s in finding.get("suggestions", [])]
    safe = bool(finding.get("safe_fix")) and len(suggestions) == 1
    labels = [escape(_suggestion_label(s)) for s in suggestions]
    buttons = "".join(
        f'<button type="button" class="sugg" data-s="{k}" aria-label="Accept: replace with {label}">'
        f"{label}</button>"
        for k, label in enumerate(labels)
    )
    if not suggestions:
        buttons = '<button type="button" class="sugg" data-s="-1">Mark as handled</button>'
    flagged = text[int(finding["start"]) : int(finding["end"])]
    name = '<button type="button" class="add-name">Add to names</button>' if _may_be_name(finding, flagged) else ""
    safe_badge = '<span class="safe">safe fix</span>' if safe else ""
    dimension = escape(_dimension(str(finding["category"])))
    why = explain.get(str(finding["rule"]), "")
    about = {**(rules or {}).get(str(finding["rule"]), {}), **finding}  # what a finding carries itself wins
    if about.get("description") == why:  # the explanation paragraph already says it
        about.pop("description")
    if about.get("example_origin") == "this report":  # the card already quotes the finding itself
        about.pop("example_bad", None)
    why = escape(why)
    return (
        f'<li class="finding sev-{severity} cat-{dimension}" id="f-{number}" '
        f'data-id="{number}" data-rule="{rule}" data-category="{category}" data-severity="{severity}" '
        f'tabindex="-1" aria-labelledby="f-{number}-msg">'
        f'<div class="f-head"><span class="badge sev-{severity}">{severity}</span> '
        f'<span class="cat">{category}</span> <code class="rule">{rule}</code> {safe_badge}'
        f'<span class="state" data-state="pending">pending</span></div>'
        f'<p class="quote">{_quote(text, int(finding["start"]), int(finding["end"]))}</p>'
        f"{_alignment(sentence)}"
        f'<p class="msg" id="f-{number}-msg">{escape(str(finding["message"]))}</p>'
        f'<p class="explain"><span class="vh">Rule explanation: </span>{why}</p>{_learn_more(about)}'
        f'<div class="actions" role="group" aria-label="Decision for finding {number + 1}">{buttons}'
        '<button type="button" class="custom">Custom…</button>'
        '<button type="button" class="reject">Reject</button>'
        '<button type="button" class="false-alarm">False alarm — remember</button>'
        f'{name}<button type="button" class="edit-sentence">Edit sentence</button>'
        '<button type="button" class="undo" hidden>Undo</button></div></li>'
    )


def _worst_first(findings: Sequence[Mapping[str, Any]]) -> list[int]:
    return sorted(
        range(len(findings)),
        key=lambda n: (-_RANK.get(str(findings[n]["severity"]), 0), int(findings[n]["start"]), n),
    )


def _checkboxes(name: str, values: Iterable[str], counts: Mapping[str, int]) -> str:
    return "".join(
        f'<label class="chk"><input type="checkbox" checked data-filter="{name}" value="{escape(v)}"> '
        f"{escape(v)} <span class=\"n\">({counts.get(v, 0)})</span></label>"
        for v in values
    )


def _number(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return escape(str(value))


def _metrics(metrics: Any) -> str:
    if not isinstance(metrics, Mapping) or not metrics:
        return ""
    rows = "".join(
        f"<div><dt>{escape(str(k))}</dt><dd>{_number(v)}</dd></div>"
        for k, v in metrics.items()
        if not isinstance(v, (Mapping, list))
    )
    return f'<dl class="metrics">{rows}</dl>'


def _qe_cell(qe: Any) -> str:
    """The quality estimate in words: verdict, reasons, predicted share of words to edit."""
    if not isinstance(qe, Mapping):
        return ""
    share = float(qe.get("hter", 0.0))
    return f'{escape(str(qe.get("summary", "")))} <span class="qe-hter">(~{share:.0%} of words to edit)</span>'


def _sentences_table(sentences: Sequence[Mapping[str, Any]]) -> str:
    source_column = has_source(sentences)
    has_reference = any(isinstance(s.get("reference"), str) for s in sentences)
    has_metrics = any(isinstance(s.get("metrics"), Mapping) and s.get("metrics") for s in sentences)
    head = ['<th scope="col">#</th>', '<th scope="col">Score</th>']
    if source_column:
        head.append('<th scope="col">Source</th>')
    head.append('<th scope="col">Translation</th>')
    if has_reference:
        head.append('<th scope="col">Reference</th>')
    if has_metrics:
        head.append('<th scope="col">Metrics</th>')
    has_qe = any(isinstance(s.get("qe"), Mapping) for s in sentences)
    if has_qe:
        head.append('<th scope="col">Quality estimate</th>')
    head.append('<th scope="col">Findings</th>')
    rows = []
    ordered = sorted(sentences, key=lambda s: (float(s.get("score", 100)), int(s.get("index", 0))))
    for s in ordered:
        index = int(s.get("index", 0))
        cells = [f'<th scope="row">{index + 1}</th>', f'<td class="num">{float(s.get("score", 0)):.1f}</td>']
        if source_column:
            cells.append(f'<td class="src">{escape(str(s.get("source") or ""))}</td>')
        cells.append(f'<td>{escape(str(s.get("text", "")))}</td>')
        if has_reference:
            cells.append(f'<td class="ref">{escape(str(s.get("reference") or ""))}</td>')
        if has_metrics:
            cells.append(f"<td class=\"mcell\">{_metrics(s.get('metrics'))}</td>")
        if has_qe:
            cells.append(f"<td>{_qe_cell(s.get('qe'))}</td>")
        cells.append(f'<td class="num">{len(s.get("findings", []))}</td>')
        rows.append(f'<tr id="sent-{index}">{"".join(cells)}</tr>')
    bilingual = " bilingual" if source_column or has_reference else ""
    return (
        f'<div class="table-wrap{bilingual}" tabindex="0" role="region" aria-label="Sentence table, scrollable">'
        f'<table class="sentences"><thead><tr>{"".join(head)}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _readability_panel(readability: Mapping[str, Any], sentences: Sequence[Mapping[str, Any]]) -> str:
    labels = {
        "flesch_kincaid_grade": "Flesch-Kincaid grade",
        "flesch_reading_ease": "Flesch reading ease",
        "words_per_sentence": "Words per sentence",
        "words": "Words",
        "sentences": "Sentences",
    }
    figures = "".join(
        f"<div><dt>{escape(label)}</dt><dd>{_number(readability[key])}</dd></div>"
        for key, label in labels.items()
        if key in readability
    )
    hard = [
        (s, f)
        for s in sentences
        for f in s.get("findings", [])
        if f.get("category") == "readability"
    ]
    if hard:
        items = "".join(
            f'<li><a href="#sent-{int(s.get("index", 0))}">Sentence {int(s.get("index", 0)) + 1}</a>: '
            f'{escape(str(f["message"]))}</li>'
            for s, f in hard
        )
        long_list = f'<h3>Hard or long sentences ({len(hard)})</h3><ul class="long">{items}</ul>'
    else:
        long_list = "<p>No sentence is beyond the wire-copy limits.</p>"
    return f'<dl class="figures">{figures}</dl>{long_list}'


KEYS = (
    ("j", "next finding"),
    ("k", "previous finding"),
    ("a", "accept the first suggestion"),
    ("1–9", "accept suggestion n"),
    ("r", "reject"),
    ("u", "undo the decision"),
    ("e", "edit the sentence"),
    ("s", "accept all safe fixes"),
    ("z", "undo the last action (also after Reset or s)"),
    ("?", "show these keys"),
)

@dataclass(frozen=True)
class StoryLinks:
    """Where a story page's navigation leads: the run's index and its neighbours (report file names)."""

    index: str = INDEX_NAME
    previous: str | None = None
    next: str | None = None


def render_html(
    result: DocumentResult,
    rule_help: Mapping[str, str] | None = None,
    signature: str | None = None,
    rule_paths: Sequence[str] = (),
    links: StoryLinks | None = None,
) -> str:
    """The whole workspace page for one document (``signature``: the run's settings signature line;
    ``rule_paths``: a newsroom's own packs, so their rules are explained too)."""
    data = document_dict(result)
    text = result.document.text
    return render_document(data, text, rule_help, signature, rule_paths, links)


def _signature_line(signature: str | None) -> str:
    if not signature:
        return ""
    return f'\n<p class="signature">Settings: <code>{escape(signature)}</code></p>'


def _nav(links: StoryLinks | None) -> str:
    if links is None:
        return ""
    items = [f'<li><a href="{escape(links.index)}">All stories</a></li>']
    if links.previous:
        items.append(f'<li><a href="{escape(links.previous)}" rel="prev">← Previous story</a></li>')
    if links.next:
        items.append(f'<li><a href="{escape(links.next)}" rel="next">Next story →</a></li>')
    return f'<nav class="stories" aria-label="Stories in this run"><ul>{"".join(items)}</ul></nav>'


def _sentence_chart_legend() -> str:
    return (
        '<ul class="legend chart-legend" aria-label="Bar colours: worst finding in the sentence">'
        '<li><span class="sw bar-none"></span> no finding</li><li><span class="sw bar-minor"></span> minor</li>'
        '<li><span class="sw bar-major"></span> major</li><li><span class="sw bar-critical"></span> critical</li></ul>'
    )


def render_document(
    data: Mapping[str, Any],
    text: str,
    rule_help: Mapping[str, str] | None = None,
    signature: str | None = None,
    rule_paths: Sequence[str] = (),
    links: StoryLinks | None = None,
) -> str:
    """The workspace page for a document dict (schema ``auditor-report/1``) and its full text.

    The page's embedded data (``<script id="auditor-data">``) carries ``rules``: rule id -> its
    description, bad → fixed example and ``auditor rules show`` text (:func:`rule_entries`), and
    ``explain``: rule id -> the explanation each card shows (``rule_help`` overrides it).
    """
    sentences: list[Mapping[str, Any]] = list(data.get("sentences", []))
    findings = [f for s in sentences for f in s.get("findings", [])]
    sentence_of = [s for s in sentences for _ in s.get("findings", [])]
    bilingual = has_source(sentences)
    rules = rule_entries(sentences, text, has_source=bilingual, rule_paths=rule_paths)
    explain = {**explanations(rules), **(rule_help or {})}
    path = str(data.get("path", "document"))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    severity_counts = {v: sum(1 for f in findings if f["severity"] == v) for v in SEVERITIES}
    category_counts: dict[str, int] = {}
    for f in findings:
        category_counts[str(f["category"])] = category_counts.get(str(f["category"]), 0) + 1
    pills = "".join(
        f'<li class="pill sev-{v}"><span class="n">{severity_counts[v]}</span> {v}</li>' for v in SEVERITIES
    )
    category_pills = "".join(
        f'<li class="pill">{escape(c)}: <span class="n">{n}</span></li>'
        for c, n in sorted(category_counts.items())
    )
    cards = "".join(
        _finding_card(n, findings[n], text, explain, sentence_of[n], rules) for n in _worst_first(findings)
    )
    legend = "".join(
        f'<li><mark class="sev-minor cat-{d}">{d}</mark></li>'
        for d in sorted({_dimension(str(f["category"])) for f in findings})
    )
    categories = {c: category_help(c, bilingual) for c in category_counts}
    payload = {
        "doc": data,
        "text": text,
        "hash": digest,
        "explain": explain,
        "categories": categories,
        "rules": rules,
        "has_source": bilingual,
    }
    keys = "".join(f"<div><dt><kbd>{escape(k)}</kbd></dt><dd>{escape(v)}</dd></div>" for k, v in KEYS)
    stem = Path(path).stem if path != "<stdin>" else "stdin"
    score = float(data.get("score", 0))
    lang = escape(str(data.get("lang", "")))
    severity_boxes = _checkboxes("severity", SEVERITIES, severity_counts)
    category_boxes = _checkboxes("category", sorted(category_counts), category_counts)
    align_rows = ""
    if bilingual:
        align_rows += '<div id="sel-src"><dt>Source</dt><dd></dd></div>'
    if any(isinstance(s.get("reference"), str) for s in sentences):
        align_rows += '<div id="sel-ref"><dt>Reference</dt><dd></dd></div>'
    body = f"""
<a class="skip" href="#findings">Skip to findings</a>
<header class="top">{_nav(links)}<div class="title"><p class="kicker">auditor report</p><h1>{escape(path)}</h1>
<p class="meta">{len(sentences)} sentences · {len(findings)} findings · {lang}</p></div>
<div class="scorebox"><span class="vh">Document score</span>
<span class="score" id="live-score">{score:.1f}</span><span class="of">/100</span>
<span class="score-note" id="score-note">as audited</span></div>
<ul class="pills" id="sev-pills" aria-label="Open findings by severity">{pills}</ul>
<ul class="pills cats" aria-label="Findings by category">{category_pills}</ul></header>
<main data-stem="{escape(stem)}"><div class="layout">
<section class="toolbar" aria-label="Corrections">
<div class="tools" role="group" aria-label="Fixes">
<button type="button" id="accept-safe">Accept all safe fixes</button>
<button type="button" id="undo-last" disabled>Undo last action</button>
<button type="button" id="copy">Copy corrected text</button>
<button type="button" id="download">Download corrected .txt</button>
<button type="button" id="reset">Reset decisions</button></div>
<div class="tools" role="group" aria-label="Decisions file">
<button type="button" id="export-json">Export decisions (.json)</button>
<button type="button" id="export-csv">Export .csv</button>
<label class="file-btn">Import decisions<input type="file" id="import" accept=".json,application/json"></label>
<label class="chk"><input type="checkbox" id="shortcuts" checked> Single-key shortcuts</label></div>
<p id="progress" class="progress">0 of {len(findings)} findings decided · 0 changes</p>
<p id="status" class="status" role="status" aria-live="polite"></p>
</section>
<section class="panel story-panel" aria-labelledby="story-h"><h2 id="story-h">Story</h2>
<ul class="legend" aria-label="Highlight colours by category">{legend}
<li><span class="sw sev-hint">hint</span></li><li><span class="sw sev-minor">minor</span></li>
<li><span class="sw sev-major">major</span></li>
<li><span class="sw sev-critical">critical</span></li>
<li><del>removed</del> <ins>inserted</ins></li></ul>
<div id="story" class="story">{_story(text, findings, sentences)}</div></section>
<aside id="findings" class="side" aria-labelledby="findings-h" tabindex="-1">
<h2 id="findings-h">Findings, worst first ({len(findings)})</h2>
<section id="sentence-box" class="sentence-box" aria-labelledby="sel-h" hidden>
<h3 id="sel-h">Sentence</h3><p id="sel-text" class="sel-text"></p><dl class="align">{align_rows}</dl>
<button type="button" id="edit-sentence">Edit sentence</button>
<button type="button" id="unedit" hidden>Undo edit</button>
<form id="sel-editor" hidden><label for="sel-input">New text of the sentence</label>
<textarea id="sel-input" rows="4"></textarea>
<button type="submit" id="sel-save">Save edit</button> <button type="button" id="sel-cancel">Cancel</button></form>
</section>
<details class="filters" open><summary>Filters</summary>
<fieldset><legend>Severity</legend>{severity_boxes}</fieldset>
<fieldset><legend>Category</legend>{category_boxes}</fieldset>
</details>
<p id="shown" class="hint" aria-live="polite">Showing {len(findings)} of {len(findings)}</p>
<button type="button" id="more-before" class="more" hidden>Show earlier findings</button>
<ol id="finding-list" class="findings">{cards}</ol>
<button type="button" id="more-after" class="more" hidden>Show more findings</button>
{"" if findings else '<p>No findings: nothing to fix.</p>'}
</aside>
<section class="panel" aria-labelledby="corr-h"><h2 id="corr-h">Corrected text</h2>
<p class="hint">Updates as you accept fixes; inserted text is underlined.</p>
<div id="corrected" class="story corrected" tabindex="0" role="region"
aria-label="Corrected text, scrollable">{escape(text)}</div>
</section>
<section class="panel lazy" aria-labelledby="chart-h"><h2 id="chart-h">Sentence scores</h2>
<p class="hint">One bar per sentence, in story order, from 0 to 100; click a bar to see its row.</p>
{sentence_score_chart(sentences)}{_sentence_chart_legend() if sentences else ""}</section>
<section class="panel lazy" aria-labelledby="read-h"><h2 id="read-h">Readability</h2>
{_readability_panel(data.get("readability", {}), sentences)}</section>
</div>
<section class="panel wide-panel lazy" aria-labelledby="sent-h"><h2 id="sent-h">Sentences, worst first</h2>
{_sentences_table(sentences)}</section>
</main>
<footer class="foot"><section aria-labelledby="keys-h" id="keys"><h2 id="keys-h">Keyboard</h2>
<p class="hint">Single-key shortcuts can be turned off with the switch in the toolbar.</p>
<dl class="keys">{keys}</dl></section>
<p>Decisions are saved in this browser for this exact text; export them to share them or to feed
<code>auditor check --decisions</code> and <code>auditor fix --decisions</code>. Generated by auditor
{escape(__version__)}; no data leaves this page.</p>{_signature_line(signature)}</footer>
<noscript><p class="noscript">Scripts are off: the report reads and prints, but accepting fixes needs
JavaScript.</p></noscript>
<script type="application/json" id="auditor-data">{json_for_script(payload)}</script>
"""
    return _page(f"auditor · {path}", body, script=_asset("report.js"), style=_asset("report.css"))


# ---------------------------------------------------------------- index and writing


@dataclass
class ReportEntry:
    """What the index page needs to know about one document's report."""

    path: str
    report: str
    score: float
    severity: dict[str, int]
    sentence_scores: list[float] = field(default_factory=list)
    #: SHA-256 of the document text: the key its page keeps decisions under (review progress).
    digest: str = ""

    @property
    def findings(self) -> int:
        """Total number of findings."""
        return sum(self.severity.values())


def entry_for(result: DocumentResult, report: str) -> ReportEntry:
    """The index summary of one audited document."""
    severity = {v: sum(1 for f in result.findings if f.severity.value == v) for v in SEVERITIES}
    return ReportEntry(
        path=result.document.path,
        report=report,
        score=result.score,
        severity=severity,
        sentence_scores=[s.score for s in result.sentences],
        digest=hashlib.sha256(result.document.text.encode("utf-8")).hexdigest(),
    )


def _sort_header(label: str, key: str, kind: str, current: str | None = None) -> str:
    sort = f' aria-sort="{current}"' if current else ""
    return (
        f'<th scope="col"{sort}><button type="button" class="sort" data-key="{key}" data-kind="{kind}">'
        f"{escape(label)}</button></th>"
    )


def render_index(entries: Sequence[ReportEntry], signature: str | None = None) -> str:
    """The run's index: documents worst score first, severity counts, score distributions, review progress.

    The page's script sorts and filters the table and reads each story's review progress from
    the decisions its page saved in this browser; without script the table reads as sorted here.
    """
    ordered = sorted(entries, key=lambda e: (e.score, e.path))
    all_scores = [s for e in ordered for s in e.sentence_scores]
    rows = "".join(
        f'<tr data-name="{escape(e.path)}" data-score="{e.score:.4f}" data-findings="{e.findings}" '
        f'data-hash="{escape(e.digest)}" data-order="{n}">'
        f'<th scope="row"><a href="{escape(e.report)}">{escape(e.path)}</a></th>'
        f'<td class="num">{e.score:.1f}</td>'
        + "".join(f'<td class="num sev-{v}">{e.severity.get(v, 0)}</td>' for v in SEVERITIES if v != "hint")
        + f'<td class="num">{len(e.sentence_scores)}</td>'
        + f'<td class="num reviewed" data-reviewed="0">0 of {e.findings}</td>'
        + f'<td class="dist-cell">{distribution_chart(e.sentence_scores)}</td></tr>'
        for n, e in enumerate(ordered)
    )
    totals = {v: sum(e.severity.get(v, 0) for e in ordered) for v in SEVERITIES}
    pills = "".join(
        f'<li class="pill sev-{v}"><span class="n">{totals[v]}</span> {v}</li>' for v in SEVERITIES
    )
    head = (
        _sort_header("Document", "name", "text")
        + _sort_header("Score", "score", "number", "ascending")
        + "".join(_sort_header(v.title(), v, "number") for v in ("critical", "major", "minor"))
        + _sort_header("Sentences", "sentences", "number")
        + _sort_header("Reviewed", "reviewed", "number")
        + '<th scope="col">Sentence scores</th>'
    )
    body = f"""
<header class="top"><div class="title"><p class="kicker">auditor run</p><h1>{len(ordered)} documents</h1>
<p class="meta">{len(all_scores)} sentences · sorted by score, worst first</p></div>
<ul class="pills" aria-label="Findings by severity, all documents">{pills}</ul></header>
<main class="index"><section class="panel" aria-labelledby="dist-h"><h2 id="dist-h">All sentence scores</h2>
{distribution_chart(all_scores, width=480, height=80, responsive=True)}
<p class="hint">Sentences per 10-point score band, 0–10 on the left to 90–100 on the right; red below 50,
amber 50–90, green 90–100.</p></section>
<section class="panel" aria-labelledby="docs-h"><h2 id="docs-h">Documents</h2>
<div class="index-tools"><label for="doc-filter">Filter by name</label>
<input type="search" id="doc-filter" autocomplete="off">
<label class="chk"><input type="checkbox" id="hide-done"> Hide fully reviewed</label>
<p id="doc-count" class="hint" role="status">{len(ordered)} of {len(ordered)} documents shown</p></div>
<div class="table-wrap" tabindex="0" role="region" aria-label="Document table, scrollable">
<table class="docs"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div></section></main>
<footer class="foot"><p>Generated by auditor {escape(__version__)}. Review progress comes from the decisions
each story's page saved in this browser.</p>{_signature_line(signature)}</footer>
"""
    return _page("auditor · index", body, script=_asset("index.js"), style=_asset("report.css"))


def write_html_reports(
    results: Iterable[DocumentResult],
    directory: Path,
    rule_help: Mapping[str, str] | None = None,
    signature: str | None = None,
    rule_paths: Sequence[str] = (),
) -> list[ReportEntry]:
    """Write one workspace page per document and ``index.html`` into ``directory``, all or nothing.

    ``rule_help`` maps rule ids to the explanation shown on each finding (e.g. rule pack descriptions).
    Each page links to the index and to the previous and next story of the run, so one result is
    held back until the next one's file name is known.
    """
    if directory.exists() and not directory.is_dir():
        raise AuditorError(f"{directory}: exists and is not a directory")
    taken: set[str] = {INDEX_NAME}
    entries: list[ReportEntry] = []
    try:
        with OutputSet() as outputs:
            held: tuple[DocumentResult, str] | None = None
            previous: str | None = None
            for result in results:
                name = report_name(result.document.path, ".html", taken)
                if held is not None:
                    links = StoryLinks(INDEX_NAME, previous, name)
                    outputs.write(directory / held[1], render_html(held[0], rule_help, signature, rule_paths, links))
                    previous = held[1]
                held = (result, name)
                entries.append(entry_for(result, name))
            if held is not None:
                links = StoryLinks(INDEX_NAME, previous, None)
                outputs.write(directory / held[1], render_html(held[0], rule_help, signature, rule_paths, links))
            outputs.write(directory / INDEX_NAME, render_index(entries, signature))
    except OSError as error:
        raise AuditorError(f"{error.filename or directory}: cannot write ({error.strerror})") from None
    return entries
