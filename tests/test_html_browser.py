"""The HTML workspace end to end in real headless Chromium (Debian's chromium, driven by Playwright).

One browser for the whole module; every test gets a fresh context (so fresh localStorage),
records every request and aborts any that would leave ``file://``, and fails on any console
error. Select with ``pytest -m browser``. Without /usr/bin/chromium these tests skip, except
under ``CI`` where they fail so that a missing ``make browser`` step shows.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import skip_or_fail

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_716b39ef12bcdcab.txt"
CHROMIUM = os.environ.get("AUDITOR_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
HOSTILE = (
    "DAMASCUS >> <script>window.__pwned = 1; alert('script')</script> and a stray </script> here .\n\n"
    'He said "onmouseover=window.__pwned=2 x=" loudly and "loudly </textarea><img src=x '
    "onerror=\"window.__pwned=3\"> <b onmouseover=alert(4)>bold</b>.\n"
)


def _need_browser() -> None:
    if Path(CHROMIUM).exists():
        return
    message = f"{CHROMIUM} missing: run `make browser` (scripts/install_browser.sh)"
    skip_or_fail(message)


def _auditor(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "auditor", *args],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=180,
    )
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed and a hostile story, reported by the real CLI in one batch run."""
    inputs = tmp_path_factory.mktemp("inputs")
    (inputs / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    out = tmp_path_factory.mktemp("reports")
    seed = str(SEED.relative_to(ROOT))  # as the README's command names it: seeds/...
    _auditor("check", seed, str(inputs), "--format", "html", "--no-grammar", "--output", str(out))
    return out


@pytest.fixture(scope="module")
def seed_url(reports: Path) -> str:
    return (reports / f"{SEED.stem}.html").as_uri()


@dataclass
class Tab:
    """A page plus everything it tried to fetch and every console error it logged."""

    page: object
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def open(self, url: str) -> None:
        self.page.goto(url)
        self.page.wait_for_selector("html[data-ready=true]")

    def corrected(self) -> str:
        """The corrected text exactly (textContent: innerText is empty while the panel is off screen)."""
        return self.page.evaluate("document.getElementById('corrected').textContent")

    def card(self, rule: str):
        return self.page.locator(f'.finding[data-rule="{rule}"]')


@pytest.fixture
def tab(browser) -> Iterator[Tab]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    record = Tab(page)

    def route(route):
        url = route.request.url
        if url.startswith(("file:", "data:", "blob:")):
            route.continue_()
        else:
            record.blocked.append(url)
            route.abort()

    context.route("**/*", route)
    page.on("request", lambda request: record.requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and record.errors.append(message.text))
    page.on("pageerror", lambda error: record.errors.append(str(error)))

    def dialog(d):
        record.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    yield record
    context.close()
    assert record.errors == [], f"console errors: {record.errors}"
    assert record.blocked == [], f"requests that tried to leave file://: {record.blocked}"


def test_request_recorder_catches_network_requests(tab: Tab):
    """The guard itself works: a page without our CSP that fetches from the network is caught."""
    tab.page.set_content('<img src="http://127.0.0.1:9/pixel.png" alt="">')
    tab.page.wait_for_timeout(200)
    assert tab.blocked == ["http://127.0.0.1:9/pixel.png"]
    tab.blocked.clear()
    tab.errors.clear()


def test_seed_report_loads_offline_with_no_errors_and_screenshot(tab: Tab, seed_url: str, tmp_path: Path):
    tab.open(seed_url)
    assert all(url.startswith("file:") for url in tab.requests), tab.requests
    assert tab.page.locator(".finding").count() == int(tab.page.inner_text("#findings-h").split("(")[1][:-1])
    assert tab.page.locator("#story mark").count() >= tab.page.locator(".finding").count()
    sentences = tab.page.locator("table.sentences tbody tr").count()
    assert sentences > 40 and tab.page.locator("svg.chart rect.bar").count() == sentences
    update = os.environ.get("AUDITOR_UPDATE_SCREENSHOT")
    target = ROOT / "docs" / "seed-report.png" if update else tmp_path / "seed-report.png"
    target.parent.mkdir(exist_ok=True)
    tab.page.screenshot(path=str(target))
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_accepting_space_before_punctuation_updates_corrected_text_and_undo_restores(tab: Tab, seed_url: str):
    tab.open(seed_url)
    assert "in Ankara .\n" in tab.corrected()
    card = tab.card("space-before-punctuation")
    card.get_by_role("button", name="Accept: replace with “.”").click()
    assert "in Ankara.\n" in tab.corrected() and "Ankara ." not in tab.corrected()
    assert card.locator(".state").text_content() == "accepted"
    assert "1 change" in tab.page.inner_text("#progress")
    assert tab.page.locator("#corrected ins").evaluate_all("els => els.map(e => e.textContent)") == ["."]
    card.get_by_role("button", name="Undo").click()
    assert "in Ankara .\n" in tab.corrected()
    assert card.locator(".state").text_content() == "pending"


def test_accepting_evacuated_shows_cleared(tab: Tab, seed_url: str):
    tab.open(seed_url)
    button = tab.page.locator(".finding .sugg", has_text="“cleared”")
    assert button.count() >= 1, "no finding suggests “cleared”"
    button.first.click()
    assert "completely cleared the M5" in tab.corrected() or "cleared the M5" in tab.corrected()
    assert "evacuated the M5" not in tab.corrected()


def test_accept_all_safe_fixes_matches_auditor_fix(tab: Tab, seed_url: str, tmp_path: Path):
    copy = tmp_path / "seed.txt"
    shutil.copy(SEED, copy)
    _auditor("fix", str(copy), "--only-safe", "--no-grammar")
    expected = (tmp_path / "seed.fixed.txt").read_text(encoding="utf-8")
    tab.open(seed_url)
    tab.page.click("#accept-safe")
    corrected = tab.page.evaluate("document.getElementById('corrected').textContent")
    assert corrected == expected
    assert re.match(r"Accepted \d+ safe fix(es)?\.", tab.page.inner_text("#status"))
    tab.page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    from playwright.sync_api import expect

    tab.page.click("#copy")
    expect(tab.page.locator("#status")).to_contain_text("copied")
    assert tab.page.evaluate("navigator.clipboard.readText()") == expected
    with tab.page.expect_download() as download_info:
        tab.page.click("#download")
    download = download_info.value
    assert download.suggested_filename == f"{SEED.stem}.fixed.txt"
    assert Path(download.path()).read_text(encoding="utf-8") == expected


RANKS = "cards => cards.map(c => ({minor: 1, major: 2, critical: 3})[c.dataset.severity])"
FOCUSED = "document.activeElement.dataset.id"


def test_keyboard_navigation_accept_reject_undo(tab: Tab, seed_url: str):
    tab.open(seed_url)
    page, keyboard = tab.page, tab.page.keyboard
    cards = page.locator(".finding")
    ranks = cards.evaluate_all(RANKS)
    assert ranks == sorted(ranks, reverse=True)  # worst first
    ids = cards.evaluate_all("cards => cards.map(c => c.dataset.id)")
    keyboard.press("j")
    assert page.evaluate(FOCUSED) == ids[0]
    keyboard.press("j")
    assert page.evaluate(FOCUSED) == ids[1]
    keyboard.press("k")
    assert page.evaluate(FOCUSED) == ids[0]
    assert page.locator(f'#story mark.current[data-f~="{ids[0]}"]').count() >= 1  # story follows
    # select the dateline by its highlight, accept it from the keyboard
    page.locator("#story mark", has_text=">>").click()
    dateline = tab.card("garbled-dateline")
    assert page.evaluate(FOCUSED) == dateline.get_attribute("data-id")
    keyboard.press("a")
    assert dateline.locator(".state").text_content() == "accepted"
    assert tab.corrected().startswith("DAMASCUS — One Syrian")
    tab.card("misplaced-closing-quote").locator(".quote").click()
    keyboard.press("r")
    assert tab.card("misplaced-closing-quote").locator(".state").text_content() == "rejected"
    keyboard.press("u")
    assert tab.card("misplaced-closing-quote").locator(".state").text_content() == "pending"
    assert "here? “A soldier" in tab.corrected()
    keyboard.press("1")
    assert "here?” A soldier" in tab.corrected()
    page.get_by_role("checkbox", name="minor").focus()
    keyboard.press("j")  # keys go to the control that has focus, not to the navigation
    assert page.evaluate("document.activeElement.value") == "minor"
    assert page.locator(".finding.current").get_attribute("data-rule") == "misplaced-closing-quote"
    assert page.locator("#keys kbd").all_inner_texts()[:2] == ["j", "k"]  # the keys are documented


def test_filters_hide_findings_and_highlights_and_navigation_skips_them(tab: Tab, seed_url: str):
    tab.open(seed_url)
    page = tab.page
    cards = page.locator(".finding")
    total = cards.count()
    categories = cards.evaluate_all("cards => cards.map(c => c.dataset.category)")
    readability = categories.count("readability")
    assert readability >= 1
    page.get_by_role("checkbox", name="readability").uncheck()
    visible = page.locator(".finding:visible")
    assert "readability" not in visible.evaluate_all("cards => cards.map(c => c.dataset.category)")
    assert visible.count() == total - readability
    assert page.inner_text("#shown") == f"Showing {total - readability} of {total}"
    assert page.locator("#story mark.cat-readability:not(.filtered)").count() == 0
    for severity in ("critical", "major"):
        page.get_by_role("checkbox", name=severity).uncheck()
    assert set(visible.evaluate_all("cards => cards.map(c => c.dataset.severity)")) == {"minor"}
    shown = visible.evaluate_all("cards => cards.map(c => c.dataset.id)")
    assert "space-before-punctuation" in visible.evaluate_all("cards => cards.map(c => c.dataset.rule)")
    page.locator("body").click(position={"x": 5, "y": 5})
    for expected in [*shown, shown[-1]]:  # j walks the visible findings only, and stops at the last
        page.keyboard.press("j")
        assert page.evaluate(FOCUSED) == expected
    page.get_by_role("checkbox", name="readability").check()
    assert page.inner_text("#shown") == f"Showing {len(shown) + readability} of {total}"


def test_reload_keeps_decisions(tab: Tab, seed_url: str):
    tab.open(seed_url)
    tab.card("space-before-punctuation").get_by_role("button", name="Accept: replace with “.”").click()
    tab.card("garbled-dateline").get_by_role("button", name="Reject").click()
    before = tab.corrected()
    tab.page.reload()
    tab.page.wait_for_selector("html[data-ready=true]")
    assert tab.card("space-before-punctuation").locator(".state").text_content() == "accepted"
    assert tab.card("garbled-dateline").locator(".state").text_content() == "rejected"
    assert tab.corrected() == before and "in Ankara.\n" in before
    tab.page.click("#reset")
    tab.page.reload()
    tab.page.wait_for_selector("html[data-ready=true]")
    assert "in Ankara .\n" in tab.corrected()


def test_overlapping_accept_is_refused_until_undone(tab: Tab, tmp_path: Path):
    """Two fixes touching one span: the second is refused until the first is undone."""
    from auditor.report.html_report import render_document

    text = "They met in Ankara .\n"
    finding = {"category": "fluency/punctuation", "severity": "minor", "safe_fix": True, "origin": "test"}
    space = {**finding, "rule": "space-before-punctuation", "start": 18, "end": 20, "suggestions": ["."],
             "message": "Space before the full stop."}
    place = {**finding, "rule": "house-place-name", "category": "style/house", "start": 12, "end": 20,
             "suggestions": ["Ankara, Turkey."], "message": "House style names the country."}
    data = {"path": "twice.txt", "score": 90.0, "lang": "en-US", "readability": {},
            "sentences": [{"index": 0, "start": 0, "end": 20, "text": text[:20], "score": 90.0,
                           "findings": [place, space]}]}
    page_file = tmp_path / "twice.html"
    page_file.write_text(render_document(data, text), encoding="utf-8")
    tab.open(page_file.as_uri())
    tab.card("space-before-punctuation").get_by_role("button", name="Accept: replace with “.”").click()
    tab.card("house-place-name").get_by_role("button", name="Accept: replace with “Ankara, Turkey.”").click()
    assert "Cannot accept" in tab.page.inner_text("#status")
    assert tab.corrected() == "They met in Ankara.\n"
    tab.card("space-before-punctuation").get_by_role("button", name="Undo").click()
    tab.card("house-place-name").get_by_role("button", name="Accept: replace with “Ankara, Turkey.”").click()
    assert tab.corrected() == "They met in Ankara, Turkey.\n"
    tab.page.click("#accept-safe")  # the remaining safe fix overlaps the accepted one: nothing more
    assert tab.corrected() == "They met in Ankara, Turkey.\n"


def test_hostile_story_renders_as_text_and_executes_nothing(tab: Tab, reports: Path):
    tab.open((reports / "hostile.html").as_uri())
    page = tab.page
    story = page.inner_text("#story")
    pieces = ("<script>window.__pwned = 1; alert('script')</script>", "</script>", '"onmouseover=',
              "</textarea>")
    for piece in pieces:
        assert piece in story
    page.hover("#story")
    for mark in page.locator("#story mark").all():
        mark.hover()
        mark.click()
    page.click("#accept-safe")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert tab.dialogs == []
    assert page.locator("script").count() == 2
    assert page.locator("img, textarea:not(#sel-input), #story b").count() == 0
    assert "<img src=x" in tab.corrected()
    # finding cards quote the hostile text around their spans, as text
    quotes = " ".join(page.locator(".finding .quote").all_inner_texts())
    assert "</script>" in quotes and "onerror=\"window.__pwned=3\">" in quotes


def test_index_lists_documents_worst_first_and_links_work(tab: Tab, reports: Path):
    tab.page.goto((reports / "index.html").as_uri())
    links = tab.page.locator("table.docs tbody th a")
    assert links.count() == 2
    scores = [float(s) for s in tab.page.locator("table.docs tbody td:nth-child(2)").all_inner_texts()]
    assert scores == sorted(scores)
    assert tab.page.locator("svg.dist").count() == 3
    links.filter(has_text=SEED.name).click()
    tab.page.wait_for_selector("html[data-ready=true]")
    assert tab.page.title().endswith(SEED.name)


def test_narrow_screen_has_no_horizontal_scroll_and_print_hides_controls(tab: Tab, seed_url: str):
    tab.page.set_viewport_size({"width": 360, "height": 740})
    tab.open(seed_url)
    assert tab.page.evaluate("document.documentElement.scrollWidth") <= 360
    top = {s: tab.page.locator(s).bounding_box()["y"] for s in ("#story", "#findings", "#corrected")}
    assert top["#story"] < top["#findings"] < top["#corrected"]  # one column, findings right after the story
    tab.page.emulate_media(media="print")
    assert not tab.page.locator("#accept-safe").is_visible()
    assert tab.page.locator(".finding").first.is_visible()


CONTRAST = """() => {
  const parse = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92
      : Math.pow((v + 0.055) / 1.055, 2.4); }).reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const bg = el => {
    for (; el; el = el.parentElement) {
      const c = parse(getComputedStyle(el).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const bad = [];
  document.querySelectorAll('body *').forEach(el => {
    if (el.closest('svg') || !el.getClientRects().length) return;
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own) return;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || parseFloat(style.opacity) < 1 && !el.closest('.rejected')) return;
    const a = lum(parse(style.color).slice(0, 3)), b = lum(bg(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && style.fontWeight >= 700);
    if (ratio < (large ? 3 : 4.5)) bad.push(el.tagName + '.' + el.className + ' ' + ratio.toFixed(2));
  });
  return bad;
}"""


def test_accessibility_names_focus_and_contrast(tab: Tab, seed_url: str):
    tab.open(seed_url)
    page = tab.page
    unnamed = page.locator("button").evaluate_all(
        "bs => bs.filter(b => !(b.getAttribute('aria-label') || b.textContent.trim())).length"
    )
    assert unnamed == 0
    assert page.locator("main, aside[aria-labelledby], [role=status]").count() >= 3
    assert page.evaluate(CONTRAST) == []
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")
    # the contrast probe itself catches low contrast
    probe = page.context.new_page()
    probe.set_content('<p style="color:#aaa;background:#fff">faint</p>')
    assert probe.evaluate(CONTRAST) == ["P. 2.32"]


def test_page_and_fixes_module_choose_the_same_fixes_on_overlapping_findings(tab: Tab, tmp_path: Path):
    """The script mirrors auditor/fixes.py: same choice and same text on a tangle of overlapping fixes."""
    import random

    from auditor.fixes import apply_edits, choose_fixes
    from auditor.models import Finding, Severity
    from auditor.report.html_report import render_document

    rng = random.Random(7)
    text = "They met in Ankara . The talks were not were not easy , officials said .\n"
    findings = []
    for number in range(60):
        start = rng.randrange(0, len(text) - 1)
        end = min(len(text), start + rng.choice([0, 1, 2, 3, 5, 8]))
        suggestions = tuple(rng.choice(["", ".", "X", "yz"]) for _ in range(rng.choice([0, 1, 1, 1, 2])))
        findings.append(
            Finding(f"rule-{number % 7}", "fluency/grammar", rng.choice(list(Severity)), start, end,
                    f"finding {number}", suggestions, rng.random() < 0.8)
        )
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    data = {"path": "tangle.txt", "score": 50.0, "lang": "en-US", "readability": {},
            "sentences": [{"index": 0, "start": 0, "end": len(text), "text": text, "score": 50.0,
                           "findings": [{**f.__dict__, "severity": f.severity.value,
                                         "suggestions": list(f.suggestions)} for f in findings]}]}
    page_file = tmp_path / "tangle.html"
    page_file.write_text(render_document(data, text), encoding="utf-8")
    tab.open(page_file.as_uri())
    tab.page.click("#accept-safe")
    expected = apply_edits(text, choose_fixes(findings))
    assert expected != text
    assert tab.page.evaluate("document.getElementById('corrected').textContent") == expected
