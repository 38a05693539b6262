"""The HTML workspace v2 (issue 16) in headless Chromium: track changes, decisions files, alignment,
phone and keyboard, undo, live score, navigation, index, charts, axe-core, scale.

Shares the browser harness of ``test_html_browser`` (Debian's chromium; every test fails on a console
error or a request leaving ``file://``). axe-core comes from npm (tests/browser, installed by
``scripts/install_browser.sh``, which ``make test`` runs); missing, these tests fail under ``CI``.
Set ``AUDITOR_UPDATE_SCREENSHOT=1`` to retake the screenshots in ``docs/``.
"""

# ruff: noqa: F811  (pytest injects the fixtures imported from test_html_browser by parameter name)
from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import skip_or_fail
from tests.test_html_browser import (  # noqa: F401  (fixtures used by name)
    ARGS,
    CHROMIUM,
    ROOT,
    SEED,
    Tab,
    _auditor,
    _need_browser,
    browser,
    reports,
    seed_url,
    tab,
)

pytestmark = pytest.mark.browser

AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
KEYS = {"document", "rule", "text", "start", "end", "context", "action", "replacement", "note"}
ACTIONS = {"accept", "reject", "false-alarm", "add-name", "custom", "edit"}


def _seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def _download(tab: Tab, selector: str) -> Path:
    with tab.page.expect_download() as info:
        tab.page.click(selector)
    return Path(info.value.path())


def _expected_from_decisions(text: str, entries: list[dict]) -> str:
    """What `auditor fix --decisions` must write: the engine of `auditor fix` on the file's edits."""
    from auditor.fixes import Edit, apply_edits

    edits = [Edit(e["start"], e["end"], e["replacement"]) for e in entries if e["action"] in ("accept", "custom")]
    edits += [Edit(e["start"], e["end"], e["replacement"]) for e in entries if e["action"] == "edit"]
    return apply_edits(text, edits)


def _edit_the_seed(tab: Tab) -> None:
    """Accept, custom, reject, false alarm and a free sentence edit on the seed page."""
    page = tab.page
    tab.card("garbled-dateline").locator(".sugg").first.click()
    page.locator(".finding .sugg", has_text="“cleared”").first.click()
    card = tab.card("blocked-city")
    card.get_by_role("button", name="Custom…").click()
    card.get_by_label("Your replacement for “blocked”").fill("encircled")
    card.get_by_role("button", name="Apply").click()
    tab.card("small-weapons").get_by_role("button", name="Reject").click()
    tab.card("complicated-terrain").get_by_role("button", name="False alarm — remember").click()
    tab.card("profits-military").get_by_role("button", name="Edit sentence").click()
    editor = page.locator("#sel-input")
    original = editor.input_value()
    assert "profits" in original
    editor.fill(original.replace("profits", "territorial gains").replace("until", "by"))
    page.click("#sel-save")


def test_track_changes_in_story_and_corrected_text_matches_fix(tab: Tab, seed_url: str, tmp_path: Path):
    tab.open(seed_url)
    page = tab.page
    _edit_the_seed(tab)
    story = page.locator("#story")
    # accepted replacements in place: old struck, new inserted, at the flagged spot
    assert story.locator("del", has_text="evacuated").count() == 1
    assert story.locator("ins", has_text="cleared").count() == 1
    assert story.locator("ins", has_text="encircled").count() == 1
    assert story.locator("del[data-sent]").count() == 1 and "territorial gains" in story.locator("ins[data-sent]").text_content()
    assert page.evaluate("document.getElementById('story').textContent").count(" >> ") == 1  # the old text stays
    assert tab.card("profits-military").locator(".state").text_content() == "in edited sentence"
    assert tab.card("blocked-city").locator(".custom-note").text_content() == "Your replacement: “encircled”"
    corrected = tab.corrected()
    assert "cleared the M5" in corrected and "encircled" in corrected and "territorial gains" in corrected
    entries = json.loads(_download(tab, "#export-json").read_text(encoding="utf-8"))["decisions"]
    assert corrected == _expected_from_decisions(_seed_text(), entries)
    download = _download(tab, "#download").read_text(encoding="utf-8")
    assert download == corrected
    help_text = subprocess.run([sys.executable, "-m", "auditor", "fix", "--help"], capture_output=True, text=True,
                               cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False).stdout
    if "--decisions" in help_text:  # the CLI side of issue 16: the same bytes from the command line
        decisions = tmp_path / "d.json"
        decisions.write_text(json.dumps({"format": "auditor-decisions/1", "decisions": entries}), encoding="utf-8")
        copy = tmp_path / "seeds" / SEED.name
        copy.parent.mkdir()
        copy.write_bytes(SEED.read_bytes())
        subprocess.run([sys.executable, "-m", "auditor", "fix", f"seeds/{SEED.name}", "--decisions", str(decisions)],
                       cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True, capture_output=True)
        assert copy.with_name(SEED.stem + ".fixed.txt").read_text(encoding="utf-8") == corrected


def test_decisions_export_follows_the_schema_and_import_restores_them(tab: Tab, seed_url: str, browser,
                                                                    tmp_path: Path):
    tab.open(seed_url)
    page = tab.page
    _edit_the_seed(tab)
    name_card = page.locator(".finding:has(button.add-name)")
    names = name_card.count()
    exported = json.loads(_download(tab, "#export-json").read_text(encoding="utf-8"))
    assert exported["format"] == "auditor-decisions/1" and exported["exported"].endswith("Z")
    entries = exported["decisions"]
    seed_text = _seed_text()
    for entry in entries:
        assert set(entry) <= KEYS and entry["action"] in ACTIONS
        assert entry["document"] == f"seeds/{SEED.name}"
        assert seed_text[entry["start"]:entry["end"]] == entry["text"]
        assert entry["text"] in entry["context"] and entry["context"] in seed_text
        assert ("rule" in entry) == (entry["action"] not in ("edit", "add-name"))
        if entry["action"] in ("accept", "custom", "edit"):
            assert isinstance(entry["replacement"], str)
    actions = sorted(e["action"] for e in entries)
    assert actions == sorted(["accept", "accept", "custom", "reject", "false-alarm", "edit"])
    rows = list(csv.reader(io.StringIO(_download(tab, "#export-csv").read_text(encoding="utf-8"))))
    assert rows[0] == ["document", "rule", "text", "start", "end", "context", "action", "replacement", "note"]
    assert len(rows) == len(entries) + 1
    corrected = tab.corrected()
    states = page.locator(".finding .state").evaluate_all("s => s.map(x => x.textContent)")
    # a colleague's browser: fresh storage, the exported file imported
    other = browser.new_context(viewport={"width": 1280, "height": 900})
    colleague = other.new_page()
    colleague.goto(seed_url)
    colleague.wait_for_selector("html[data-ready=true]")
    assert colleague.inner_text("#progress").startswith("0 of")
    path = tmp_path / "decisions-import.json"
    path.write_text(json.dumps(exported), encoding="utf-8")
    colleague.set_input_files("#import", str(path))
    expect(colleague.locator("#status")).to_have_text(re.compile(r"^Imported"))  # the page's CSP forbids eval
    assert "did not match" not in colleague.inner_text("#status")
    assert colleague.evaluate("document.getElementById('corrected').textContent") == corrected
    assert colleague.locator(".finding .state").evaluate_all("s => s.map(x => x.textContent)") == states
    # a bad file: one line naming it, nothing changed
    path.write_text('{"format": "something-else/9", "decisions": []}', encoding="utf-8")
    colleague.set_input_files("#import", str(path))
    expect(colleague.locator("#status")).to_have_text(re.compile(r"^Cannot import"))
    assert "decisions-import.json" in colleague.inner_text("#status")
    other.close()
    if names:  # "Add to names": one add-name entry for the flagged text, every finding on it quiet
        name_card.first.get_by_role("button", name="Add to names").click()
        added = [e for e in json.loads(_download(tab, "#export-json").read_text())["decisions"]
                 if e["action"] == "add-name"]
        assert len(added) == 1


def test_add_to_names_on_an_untranslated_word(tab: Tab, tmp_path: Path):
    from auditor.report.html_report import render_document

    text = "Dujarric said Dujarric would go .\n"
    finding = {"category": "fluency/spelling", "severity": "minor", "safe_fix": False, "rule": "speller",
               "message": "Unknown word.", "suggestions": ["Durrick"]}
    findings = [{**finding, "start": 0, "end": 8}, {**finding, "start": 14, "end": 22}]
    data = {"path": "names.txt", "score": 90.0, "lang": "en-US", "readability": {},
            "sentences": [{"index": 0, "start": 0, "end": 33, "text": text[:33], "score": 90.0, "words": 6,
                           "findings": findings}]}
    page_file = tmp_path / "names.html"
    page_file.write_text(render_document(data, text), encoding="utf-8")
    tab.open(page_file.as_uri())
    tab.page.locator(".finding").first.get_by_role("button", name="Add to names").click()
    assert tab.page.locator(".finding .state").evaluate_all("s => s.map(x => x.textContent)") == ["name", "name"]
    entries = json.loads(_download(tab, "#export-json").read_text())["decisions"]
    assert entries == [{"document": "names.txt", "text": "Dujarric", "start": 0, "end": 8,
                        "context": text[:33], "action": "add-name"}]


def _bilingual_page(tmp_path: Path) -> Path:
    from auditor.report.html_report import render_document
    from auditor.report.json_report import document_dict
    from tests.test_html_report import audited

    result = audited("DAMASCUS >> They met in Ankara .\nThe talks were not easy .\n")
    data = document_dict(result)
    for n, sentence in enumerate(data["sentences"]):
        sentence.update(source=f"Bron zin {n} <b>vet</b>.", reference=f"Reference sentence {n}.",
                        metrics={"bleu": 31.62, "chrf": 71.25, "ter": 45.5})
    page_file = tmp_path / "bilingual.html"
    page_file.write_text(render_document(data, result.document.text), encoding="utf-8")
    return page_file


def test_cards_and_selected_sentence_show_source_and_reference(tab: Tab, tmp_path: Path):
    tab.open(_bilingual_page(tmp_path).as_uri())
    page = tab.page
    card = tab.card("garbled-dateline")
    assert card.locator(".align dt").all_inner_texts() == ["Source", "Reference"]
    assert card.locator(".align dd").first.text_content() == "Bron zin 0 <b>vet</b>."  # escaped, as text
    card.locator(".quote").click()
    assert page.locator("#sel-src dd").text_content() == "Bron zin 0 <b>vet</b>."
    assert page.locator("#sel-ref dd").text_content() == "Reference sentence 0."
    assert page.locator("#sel-text").text_content().startswith("DAMASCUS >>")


@pytest.mark.parametrize("width", [1024, 1400])
def test_bilingual_table_metrics_do_not_wrap(tab: Tab, tmp_path: Path, width: int):
    tab.page.set_viewport_size({"width": width, "height": 900})
    tab.open(_bilingual_page(tmp_path).as_uri())
    tab.page.locator("table.sentences").scroll_into_view_if_needed()
    lines = tab.page.locator("table.sentences .metrics div").evaluate_all(
        "ds => ds.map(d => Math.round(d.getBoundingClientRect().height / parseFloat(getComputedStyle(d).lineHeight)))"
    )
    assert lines and set(lines) == {1}, lines  # every metric on one line, no digit-by-digit wrapping
    widths = tab.page.locator("table.sentences td.src").evaluate_all("ts => ts.map(t => t.clientWidth)")
    assert min(widths) >= 150


def test_rule_description_and_example_render_when_present_and_no_source_wording(tab: Tab, tmp_path: Path,
                                                                                  seed_url: str):
    from auditor.report.html_report import render_document

    text = "Troops have completely evacuated the M5 .\n"
    base = {"category": "accuracy/mistranslation", "severity": "major", "safe_fix": False, "start": 23,
            "end": 32, "message": "Evacuated a road: cleared is meant.", "suggestions": ["cleared"]}
    described = {**base, "rule": "evacuate-road", "description": "A road is cleared, not evacuated.",
                 "example_bad": "troops evacuated the M5", "example_good": "troops cleared the M5"}
    plain = {**base, "rule": "no-help-rule", "start": 37, "end": 39, "suggestions": []}
    data = {"path": "d.txt", "score": 80.0, "lang": "en-US", "readability": {},
            "sentences": [{"index": 0, "start": 0, "end": 41, "text": text[:41], "score": 80.0, "words": 7,
                           "findings": [described, plain]}]}
    page_file = tmp_path / "described.html"
    page_file.write_text(render_document(data, text), encoding="utf-8")
    tab.open(page_file.as_uri())
    card = tab.card("evacuate-road")
    card.locator("summary", has_text="About this rule").click()
    assert card.locator(".desc").inner_text() == "A road is cleared, not evacuated."
    assert card.locator(".ex-bad").inner_text() == "troops evacuated the M5"
    assert card.locator(".ex-good").inner_text() == "troops cleared the M5"
    assert tab.card("no-help-rule").locator("details.learn").count() == 0  # graceful: no empty box
    # a run without source never speaks of one
    explains = " ".join(tab.page.locator(".finding .explain").all_text_contents()).lower()
    assert "source" not in explains
    tab.open(seed_url)
    explains = " ".join(tab.page.locator(".finding .explain").all_text_contents()).lower()
    assert "source" not in explains and "says something" not in explains


def _in_view(page, locator) -> bool:
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= -1 and box["y"] < height


def test_phone_tap_and_keys_bring_the_card_into_view_and_dom_order_is_visual(tab: Tab, seed_url: str):
    page = tab.page
    page.set_viewport_size({"width": 390, "height": 844})
    tab.open(seed_url)
    tops = page.locator(".layout > *").evaluate_all("els => els.map(e => e.getBoundingClientRect().top)")
    assert tops == sorted(tops), tops  # DOM order = visual order (WCAG 2.4.3)
    page.locator("#story mark", has_text="citizen").first.click()
    current = page.locator(".finding.current")
    assert current.get_attribute("data-rule") == "citizen-casualty"
    assert _in_view(page, current)
    page.evaluate("window.scrollTo(0, 0)")
    page.keyboard.press("j")
    assert _in_view(page, page.locator(".finding.current"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_undo_reset_and_accept_safe_and_the_shortcut_switch(tab: Tab, seed_url: str):
    tab.open(seed_url)
    page, keyboard = tab.page, tab.page.keyboard
    original = tab.corrected()
    keyboard.press("s")
    after_safe = tab.corrected()
    accepted = page.locator(".finding .state[data-state=accepted]").count()
    assert accepted >= 5 and after_safe != original
    keyboard.press("z")  # global undo takes back every fix `s` made
    assert tab.corrected() == original and page.locator(".finding .state[data-state=accepted]").count() == 0
    page.click("#accept-safe")
    page.click("#reset")
    assert tab.corrected() == original and "Cleared" in page.inner_text("#status")
    page.click("#undo-last")  # Reset is undone too
    assert tab.corrected() == after_safe
    page.get_by_label("Single-key shortcuts").uncheck()
    page.locator("body").click(position={"x": 5, "y": 5})
    keyboard.press("s")
    keyboard.press("j")
    assert page.locator(".finding.current").count() == 0 and tab.corrected() == after_safe
    page.reload()
    page.wait_for_selector("html[data-ready=true]")
    assert not page.get_by_label("Single-key shortcuts").is_checked()  # the switch is remembered
    keyboard.press("j")
    assert page.locator(".finding.current").count() == 0


def test_live_score_and_open_counts(tab: Tab, seed_url: str):
    tab.open(seed_url)
    page = tab.page
    score = float(page.inner_text("#live-score"))
    major = int(page.locator("#sev-pills .sev-major .n").inner_text())
    tab.card("garbled-dateline").locator(".sugg").first.click()
    assert int(page.locator("#sev-pills .sev-major .n").inner_text()) == major - 1
    better = float(page.inner_text("#live-score"))
    assert better > score and "audit" in page.inner_text("#score-note")
    tab.card("garbled-dateline").get_by_role("button", name="Undo").click()
    assert float(page.inner_text("#live-score")) == score


def test_story_index_next_links_and_index_sort_filter_progress(tab: Tab, reports: Path, seed_url: str):
    page = tab.page
    tab.open(seed_url)
    nav = page.get_by_role("navigation", name="Stories in this run")
    assert nav.get_by_role("link", name="All stories").get_attribute("href") == "index.html"
    neighbour = nav.locator("a[rel=next], a[rel=prev]")
    assert neighbour.count() == 1
    neighbour.click()
    page.wait_for_selector("html[data-ready=true]")
    assert page.title().endswith("hostile.txt")
    page.get_by_role("link", name="All stories").click()
    page.wait_for_selector("html[data-ready=true]")
    rows = page.locator("table.docs tbody tr")
    assert rows.count() == 2
    page.get_by_role("button", name="Document").click()
    names = page.locator("table.docs tbody tr:visible th").all_inner_texts()
    assert names == sorted(names, key=str.lower)
    page.get_by_role("button", name="Document").click()
    assert page.locator("table.docs tbody tr th").all_inner_texts() == sorted(names, key=str.lower, reverse=True)
    page.get_by_label("Filter by name").fill("hostile")
    assert page.locator("table.docs tbody tr:visible").count() == 1
    assert page.inner_text("#doc-count") == "1 of 2 documents shown"
    page.get_by_label("Filter by name").fill("")
    seed_row = page.locator("table.docs tbody tr", has_text=SEED.name)
    total = int(seed_row.get_attribute("data-findings"))
    assert seed_row.locator(".reviewed").inner_text() == f"0 of {total}"
    seed_row.get_by_role("link").click()
    page.wait_for_selector("html[data-ready=true]")
    page.click("#accept-safe")
    decided = int(page.inner_text("#progress").split(" of ")[0])
    page.go_back()
    page.wait_for_selector("html[data-ready=true]")
    assert seed_row.locator(".reviewed").inner_text() == f"{decided} of {total}"


def test_charts_axis_legend_no_focusable_bars_and_index_fits_360(tab: Tab, seed_url: str, reports: Path):
    tab.open(seed_url)
    page = tab.page
    chart = page.locator("svg.chart")
    assert chart.get_attribute("role") == "img"
    assert chart.locator("a, [tabindex]").count() == 0
    assert chart.locator("text.axis").all_text_contents()[:3] == ["0", "50", "100"]
    assert "axis from 0 to 100" in chart.locator("title").first.text_content()
    assert page.locator(".chart-legend li").count() == 4
    page.locator("svg.chart rect.bar").first.click()
    assert page.evaluate("location.hash") == "#sent-0"
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto((reports / "index.html").as_uri())
    page.wait_for_selector("html[data-ready=true]")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.locator("svg.dist.wide").bounding_box()["width"] <= 360


def _axe(browser, url: str, width: int) -> list[str]:
    if not AXE.is_file():
        message = f"{AXE} missing: run scripts/install_browser.sh (npm ci --prefix tests/browser)"
        skip_or_fail(message)
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector("html[data-ready=true]")
    page.evaluate("document.querySelectorAll('.chunk,.lazy,.finding,.corrected')"
                  ".forEach(e => e.style.contentVisibility = 'visible')")  # audit everything, not only on screen
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    context.close()
    return [f"{v['impact']} {v['id']}: {v['nodes'][0]['target']}" for v in result["violations"]
            if v["impact"] in ("moderate", "serious", "critical")]


@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_no_serious_or_moderate_violation(browser, reports: Path, seed_url: str, width: int):
    assert _axe(browser, seed_url, width) == []
    assert _axe(browser, (reports / "index.html").as_uri(), width) == []


def test_screenshots(browser, reports: Path, seed_url: str, tmp_path: Path):
    """The pictures in docs/, retaken (with AUDITOR_UPDATE_SCREENSHOT=1) from the real pages."""
    update = os.environ.get("AUDITOR_UPDATE_SCREENSHOT")
    shots = {
        "seed-report-track-changes.png": (seed_url, 1280, 900, True),
        "seed-report-phone.png": (seed_url, 390, 844, True),
        "index-report.png": ((reports / "index.html").as_uri(), 1280, 600, False),
    }
    for name, (url, width, height, decide) in shots.items():
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector("html[data-ready=true]")
        if decide:
            page.locator(".finding .sugg", has_text="“cleared”").first.click()
            page.locator("#story del").first.scroll_into_view_if_needed()
            page.evaluate("window.scrollTo(0, 0)")
        target = (ROOT / "docs" / name) if update else tmp_path / name
        page.screenshot(path=str(target))
        assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        context.close()


def _big_page(tmp_path: Path, segments: int) -> Path:
    """A 3,000-segment report made from a template line (render only: no audit)."""
    from auditor.report.html_report import render_document

    line = "Troops have completely evacuated the M5 near Saraqib , officials said .\n"
    text = line * segments
    sentences = []
    for n in range(segments):
        at = n * len(line)
        findings = [
            {"rule": "evacuate-road", "category": "accuracy/mistranslation", "severity": "major", "start": at + 23,
             "end": at + 32, "message": "Evacuated a road.", "suggestions": ["cleared", "secured"], "safe_fix": False},
            {"rule": "space-before-punctuation", "category": "fluency/punctuation", "severity": "minor",
             "start": at + 53, "end": at + 55, "message": "Space before comma.", "suggestions": [","],
             "safe_fix": True},
        ]
        sentences.append({"index": n, "start": at, "end": at + len(line) - 1, "text": line[:-1], "score": 70.0,
                          "words": 12, "findings": findings})
    data = {"path": "big.txt", "score": 60.0, "lang": "en-US", "readability": {}, "sentences": sentences}
    page_file = tmp_path / "big.html"
    page_file.write_text(render_document(data, text), encoding="utf-8")
    return page_file


TIMED = """async (selector) => {
  const t = performance.now();
  document.querySelector(selector).click();
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  return performance.now() - t;
}"""


def test_a_3000_segment_report_stays_usable(tab: Tab, tmp_path: Path):
    """Lazy list and chunked story: few cards laid out, decisions and filters redraw only what changed.

    The bound here is loose (the CI machine is shared); benchmarks/browser.py measures the latency.
    """
    tab.page.set_default_timeout(120_000)
    tab.open(_big_page(tmp_path, 3000).as_uri())
    page = tab.page
    assert page.locator(".finding").count() == 6000
    assert page.locator(".finding:not([hidden])").count() <= 150  # the list is windowed
    reject = page.evaluate(TIMED, "#f-4001 button.reject")
    assert page.locator("#f-4001 .state").text_content() == "rejected"
    accept = page.evaluate(TIMED, '#f-5000 .sugg[data-s="0"]')
    assert "completely cleared the M5" in tab.corrected()
    assert page.locator("#story del").count() == 1
    flip = page.evaluate(TIMED, 'input[data-filter="severity"][value="minor"]')
    assert page.inner_text("#shown") == "Showing 3000 of 6000"
    assert max(reject, accept, flip) < 2000, (reject, accept, flip)
    # highlights in chunks off screen follow the filter when they come into view
    page.locator("#story .chunk").last.scroll_into_view_if_needed()
    expect(page.locator("#story .chunk:last-child mark.sev-minor").first).to_have_class(re.compile(r"\bfiltered\b"))
    page.evaluate("window.scrollTo(0, 0)")
    page.keyboard.press("k")  # from nothing selected: the last visible finding, listed on demand
    assert page.locator(".finding.current:not([hidden])").count() == 1
    page.click("#more-before")
    assert page.locator(".finding:not([hidden])").count() <= 300
