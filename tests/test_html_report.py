"""The HTML report without a browser: escaping, CSP, index, bilingual columns, packaging of assets."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from auditor.checks import CheckOptions, build_checks
from auditor.models import Document, Finding, Severity
from auditor.report.html_report import (
    INDEX_NAME,
    entry_for,
    highlighted,
    json_for_script,
    render_document,
    render_html,
    render_index,
    write_html_reports,
)
from auditor.report.json_report import document_dict
from auditor.run.pipeline import audit_document
from auditor.score.scoring import ScoringModel

HOSTILE = (
    'DAMASCUS >> <script>window.__pwned=1</script> and </script> too.\n\n'
    'He said "onmouseover=alert(1) x=" and </textarea><img src=x onerror=alert(2)> here .\n'
)


def audited(text: str, path: str = "story.txt"):
    checks = build_checks(CheckOptions(grammar=False))
    return audit_document(Document(path=path, text=text), checks, ScoringModel())


def hostile_result():
    result = audited(HOSTILE, path='evil"<b>.txt')
    # a finding whose own message and suggestion carry markup, as a rule quoting the text might produce
    extra = Finding(
        "quoted-markup", "style/awkward", Severity.MAJOR, 12, 20,
        'Saw "</script><script>window.__pwned=3</script>"', ("</textarea><b onmouseover=x>",), False,
    )
    result.sentences[0].findings.append(extra)
    return result


class Tags(HTMLParser):
    """Every start tag and its attributes, as a browser's tokenizer would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_hostile_text_never_appears_as_markup():
    page = render_html(hostile_result())
    parser = Tags()
    parser.feed(page)
    names = [tag for tag, _ in parser.tags]
    assert names.count("script") == 2  # the JSON data block and the report's own script
    assert not {"img", "b", "iframe", "object"} & set(names)
    assert [a.get("id") for t, a in parser.tags if t == "textarea"] == ["sel-input"]  # only the page's editor
    assert not [(t, a) for t, a in parser.tags for name in a if name.startswith("on")]
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert 'evil&quot;&lt;b&gt;.txt' in page


def test_embedded_json_cannot_close_the_script_and_round_trips():
    value = {"t": "</script><!-- \u2028 & >"}
    encoded = json_for_script(value)
    assert "<" not in encoded and ">" not in encoded and "&" not in encoded and "\u2028" not in encoded
    assert json.loads(encoded) == value
    page = render_html(hostile_result())
    data = re.search(r'<script type="application/json" id="auditor-data">(.*?)</script>', page, re.S)
    assert data is not None
    assert json.loads(data.group(1))["text"] == HOSTILE


def test_csp_allows_only_the_pages_own_script_and_style():
    page = render_html(audited("They met in Ankara .\n"))
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    policy = policy.replace("&#x27;", "'")
    assert "default-src 'none'" in policy and "connect-src 'none'" in policy
    script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    for body, directive in ((script, "script-src"), (style, "style-src")):
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in policy
    assert "unsafe-inline" not in policy
    assert not re.search(r"(src|href)=\"(https?:)?//", page)


def test_highlights_cover_every_finding_and_keep_the_text():
    result = audited("DAMASCUS >> They met in Ankara .\n")
    data = document_dict(result)
    findings = [f for s in data["sentences"] for f in s["findings"]]
    html = highlighted(result.document.text, findings)
    plain = unescape(re.sub(r"<[^>]+>", "", html))
    assert plain == result.document.text
    for number in range(len(findings)):
        assert re.search(rf'data-f="[^"]*\b{number}\b', html)


def test_findings_are_listed_worst_first_with_rule_and_explanation():
    page = render_html(audited("DAMASCUS >> They met in Ankara .\n"))
    rules = re.findall(r'<li class="finding[^>]*data-rule="([^"]+)"', page)
    assert rules == ["garbled-dateline", "space-before-punctuation"]
    # each card explains with the rule's own description (rules/checks/punctuation.yaml)
    assert "A space before a full stop, comma, colon or question mark." in page


def test_bilingual_fields_render_side_by_side_escaped():
    result = audited("They met in Ankara .\n")
    data = document_dict(result)
    data["sentences"][0].update(
        source="Ze ontmoetten elkaar in <Ankara>.", reference="They met in Ankara.", metrics={"chrf": 71.25}
    )
    page = render_document(data, result.document.text)
    assert '<th scope="col">Source</th>' in page and '<th scope="col">Reference</th>' in page
    assert "Ze ontmoetten elkaar in &lt;Ankara&gt;." in page
    assert "<dt>chrf</dt><dd>71.25</dd>" in page
    plain = render_html(result)
    assert '<th scope="col">Source</th>' not in plain


def test_index_sorts_documents_by_score_and_shows_distributions():
    bad = audited("DAMASCUS >> They met in Ankara . She left .\n", path="bad.txt")
    good = audited("They met in Ankara. She left.\n", path="good.txt")
    page = render_index([entry_for(good, "good.html"), entry_for(bad, "bad.html")])
    assert page.index('href="bad.html"') < page.index('href="good.html"')
    assert page.count('<svg class="dist') == 3  # one for the run, one per document
    assert page.count("<script") == 1  # the sorting and progress script, inline and hashed


def test_write_reports_reserves_index_and_writes_all(tmp_path: Path):
    results = [audited("Fine text here.\n", path="index.txt"), audited("Ankara .\n", path="b.txt")]
    entries = write_html_reports(iter(results), tmp_path)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted([INDEX_NAME, "index-2.html", "b.html"])
    assert [e.report for e in entries] == ["index-2.html", "b.html"]


def test_unwritable_output_is_an_auditor_error(tmp_path: Path):
    import pytest

    from auditor.errors import AuditorError

    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(AuditorError, match="cannot write"):
        write_html_reports(iter([audited("Ankara .\n")]), blocker / "reports")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_assets_ship_inside_the_package():
    import auditor.report as package

    assets = Path(next(iter(package.__path__))) / "assets"
    assert (assets / "report.js").is_file() and (assets / "report.css").is_file()
    pyproject = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    assert 'packages = ["auditor"]' in pyproject  # hatchling ships every file under auditor/, assets included


@given(
    st.text(alphabet="ab <&\n", max_size=25),
    st.lists(st.tuples(st.integers(0, 25), st.integers(0, 5)), max_size=8),
)
def test_every_finding_is_highlighted_exactly_over_its_span(text, raw):
    findings = [
        {"rule": f"r{k}", "category": "fluency/grammar", "severity": "minor", "message": "m",
         "start": min(s, len(text)), "end": min(s + n, len(text))}
        for k, (s, n) in enumerate(raw)
    ]
    html = highlighted(text, findings)
    assert unescape(re.sub(r"<[^>]+>", "", html)) == text
    position = 0
    covered: dict[int, set[int]] = {}
    for match in re.finditer(r'<mark[^>]*data-f="([^"]*)"[^>]*>(.*?)</mark>|([^<]+)', html, re.S):
        piece = unescape(match.group(2) if match.group(1) is not None else match.group(3))
        ids = [int(i) for i in match.group(1).split()] if match.group(1) is not None else []
        for i in ids:
            covered.setdefault(i, set()).update(range(position, position + len(piece)))
            if not piece:
                covered[i].add(-1 - position)  # an insertion point
        position += len(piece)
    for k, f in enumerate(findings):
        expected = set(range(f["start"], f["end"])) if f["end"] > f["start"] else {-1 - f["start"]}
        assert covered.get(k) == expected
