"""Browser benchmark: load time and per-action latency of the HTML workspace on a 3,000-segment report.

    python benchmarks/browser.py                   # 3,000 segments, BEFORE (git main's page) vs AFTER
    python benchmarks/browser.py --segments 500 --before HEAD~3 --repeat 3

The report is real: the seed story's lines, cycled to ``--segments`` lines, audited by
``auditor check --lines --no-grammar --format json`` (the current tree). The same report
data is rendered twice: BEFORE by the page builder and assets of git ``--before`` (default
``main``, read with ``git show``, nothing checked out) and AFTER by this tree. Both pages
open in one headless Chromium (Debian's /usr/bin/chromium), alternately, so the machine's
load falls on both alike. Per action the time runs from the click (or key) to the end of the
next rendered frame (``requestAnimationFrame`` then a task), median of ``--repeat``
different targets. Target of issue 16: one decision or one filter change <= 200 ms.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # script or module

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_716b39ef12bcdcab.txt"
CHROMIUM = os.environ.get("AUDITOR_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu"]
TARGET_MS = 200.0

#: Click the element, then wait for the next frame to be rendered; the elapsed milliseconds.
TIMED_CLICK = """async (selector) => {
  const node = document.querySelector(selector);
  if (!node) return -1;
  const t = performance.now();
  node.click();
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  return performance.now() - t;
}"""
TIMED_KEY = """async (key) => {
  const t = performance.now();
  document.body.dispatchEvent(new KeyboardEvent('keydown', {key, bubbles: true}));
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  return performance.now() - t;
}"""


def make_story(segments: int) -> str:
    """``segments`` lines cycled from the seed story's non-empty lines."""
    lines = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    return "".join(lines[n % len(lines)] + "\n" for n in range(segments))


def audit(path: Path) -> dict[str, Any]:
    """The JSON report of one document, from the real CLI of this tree."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "auditor", "check", str(path), "--lines", "--no-grammar", "--no-cache",
         "--format", "json"],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=1800, check=False,
    )
    if done.returncode not in (0, 1):
        raise SystemExit(f"auditor check failed: {done.stderr.strip()[-400:]}")
    return json.loads(done.stdout)["documents"][0]


def before_renderer(ref: str, into: Path):
    """``render_document`` of git ``ref``'s page builder, charts and assets, loaded from a temp package."""
    package = into / "auditor_report_before"
    (package / "assets").mkdir(parents=True)
    for name in ("html_report.py", "charts.py", "assets/report.js", "assets/report.css", "assets/index.js"):
        shown = subprocess.run(["git", "show", f"{ref}:auditor/report/{name}"], cwd=ROOT, capture_output=True,
                               text=True, check=False)
        if shown.returncode == 0:
            (package / name).write_text(shown.stdout, encoding="utf-8")
    code = (package / "html_report.py").read_text(encoding="utf-8")
    (package / "html_report.py").write_text(code.replace("auditor.report.charts", "auditor_report_before.charts"),
                                            encoding="utf-8")
    (package / "__init__.py").write_text("", encoding="utf-8")
    sys.path.insert(0, str(into))
    spec = importlib.util.find_spec("auditor_report_before.html_report")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module.render_document


def measure(page, url: str, repeat: int) -> dict[str, float]:
    """Load time and median latencies of reject, accept, filter and j on one page."""
    started = time.perf_counter()
    page.goto(url, timeout=120_000)
    page.wait_for_selector("html[data-ready=true]", timeout=120_000)
    load = (time.perf_counter() - started) * 1000
    ids = page.eval_on_selector_all(
        "#finding-list .finding", "cs => cs.filter(c => c.querySelector('.sugg[data-s=\"0\"]')).map(c => c.dataset.id)"
    )
    step = max(1, len(ids) // (2 * repeat + 1))
    picks = ids[::step]
    rejects = [page.evaluate(TIMED_CLICK, f'#f-{i} button.reject') for i in picks[:repeat]]
    accepts = [page.evaluate(TIMED_CLICK, f'#f-{i} .sugg[data-s="0"]') for i in picks[repeat: 2 * repeat]]
    filters = []
    for _ in range(repeat):
        filters.append(page.evaluate(TIMED_CLICK, 'input[data-filter="severity"][value="minor"]'))
        filters.append(page.evaluate(TIMED_CLICK, 'input[data-filter="severity"][value="minor"]'))
    keys = [page.evaluate(TIMED_KEY, "j") for _ in range(repeat)]
    return {
        "load_ms": load,
        "reject_ms": statistics.median(rejects),
        "accept_ms": statistics.median(accepts),
        "filter_ms": statistics.median(filters),
        "j_ms": statistics.median(keys),
        "findings": float(len(page.query_selector_all("#finding-list .finding"))),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--segments", type=int, default=3000)
    parser.add_argument("--before", default="main", help="git ref whose page is BEFORE (default: main)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=2, help="alternating BEFORE/AFTER rounds")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from auditor.report.html_report import render_document

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        story = work / "wire3000.txt"
        text = make_story(args.segments)
        story.write_text(text, encoding="utf-8")
        started = time.perf_counter()
        data = audit(story)
        print(f"audited {args.segments} segments in {time.perf_counter() - started:.1f} s: "
              f"{sum(len(s['findings']) for s in data['sentences'])} findings")
        old = before_renderer(args.before, work / "before")
        pages = {"before": work / "before.html", "after": work / "after.html"}
        pages["before"].write_text(old(data, text), encoding="utf-8")
        pages["after"].write_text(render_document(data, text), encoding="utf-8")
        sizes = {k: p.stat().st_size / 1e6 for k, p in pages.items()}
        results: dict[str, list[dict[str, float]]] = {"before": [], "after": []}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            for _ in range(args.rounds):
                for name in ("before", "after"):
                    context = browser.new_context(viewport={"width": 1280, "height": 900})
                    page = context.new_page()
                    page.set_default_timeout(120_000)
                    results[name].append(measure(page, pages[name].as_uri(), args.repeat))
                    context.close()
            browser.close()
    table = {name: {key: statistics.median(r[key] for r in runs) for key in runs[0]} for name, runs in results.items()}
    print(f"\n{args.segments}-segment report, {int(table['after']['findings'])} finding cards; "
          f"page {sizes['before']:.1f} MB before, {sizes['after']:.1f} MB after; load average "
          f"{os.getloadavg()[0]:.1f}")
    print("| measure | before | after |\n|---|---:|---:|")
    for key, label in (("load_ms", "load (to ready)"), ("reject_ms", "reject one finding"),
                       ("accept_ms", "accept one fix"), ("filter_ms", "filter change (severity box)"),
                       ("j_ms", "j (next finding)")):
        print(f"| {label} | {table['before'][key]:.0f} ms | {table['after'][key]:.0f} ms |")
    worst = max(table["after"][k] for k in ("reject_ms", "accept_ms", "filter_ms"))
    print(f"\nafter: slowest decision/filter {worst:.0f} ms; target <= {TARGET_MS:.0f} ms: "
          f"{'met' if worst <= TARGET_MS else 'NOT met'}")
    if args.json:
        args.json.write_text(json.dumps({"segments": args.segments, "sizes_mb": sizes, **table}, indent=2),
                             encoding="utf-8")


if __name__ == "__main__":
    main()
