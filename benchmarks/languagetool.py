"""LanguageTool throughput benchmark: naive per-sentence client vs ``auditor check`` cold and warm.

Run from the repository root (takes a few minutes)::

    python benchmarks/languagetool.py [--words 100000] [--naive-sample 1500]

Feeds: (1) the DEMETR dev sentences (``mt_sent`` and ``eng_sent`` of every item, one per line,
checked with ``--lines``); (2) a feed of about ``--words`` words built from the seed story and
the dev sentences. For each feed: words/s of (a) a naive client making one LanguageTool request
per sentence against a LanguageTool server with its default settings (what a plain
language-tool-python user gets), on an evenly spaced sample of ``--naive-sample`` sentences,
and (a') the same client against auditor's tuned server,
(b) ``auditor check`` with an empty result cache, (c) ``auditor check`` again (warm cache); the
share of (b)'s wall time spent outside LanguageTool; peak memory of auditor and of the server.
Then the spelling false-alarm rate on the human translations before/after the name filter.
Each measured pass gets a fresh server, warmed the same way (the seed story checked whole and
sentence by sentence), so LanguageTool's own in-memory cache never carries over between passes.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # script or module
from benchmarks.demetr_data import demetr_dir

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.language.text_utils import word_count  # noqa: E402
from auditor.languagetool import install, server  # noqa: E402
from auditor.languagetool.client import LanguageToolClient  # noqa: E402
from auditor.languagetool.mapping import load_mapping  # noqa: E402
from auditor.languagetool.names import NameFilter  # noqa: E402
from auditor.segment import segment  # noqa: E402

DEMETR = demetr_dir()
SEED = ROOT / "seeds" / "000_716b39ef12bcdcab.txt"


def dev_rows() -> list[dict]:
    rows = json.loads((DEMETR / "base_id35_reference.json").read_text(encoding="utf-8"))
    return [r for r in rows if r.get("pert_check", True)]


def build_feeds(folder: Path, words: int) -> dict[str, tuple[Path, bool, list[str]]]:
    rows = dev_rows()
    sentences = [r["mt_sent"] for r in rows] + [r["eng_sent"] for r in rows]
    demetr = folder / "demetr-dev.txt"
    demetr.write_text("\n".join(sentences) + "\n", encoding="utf-8")
    seed = SEED.read_text(encoding="utf-8")
    parts, total, i = [], 0, 0
    seed_sentences = [seed[s.start : s.end] for s in segment(seed)]
    pool = seed_sentences + sentences
    while total < words:
        paragraph = " ".join(pool[(i + k) % len(pool)] for k in range(4))
        parts.append(paragraph)
        total += word_count(paragraph)
        i += 4
    big = folder / "feed-100k.txt"
    big.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    big_sentences = [p for para in parts for p in [para[s.start : s.end] for s in segment(para)]]
    return {"DEMETR dev (--lines)": (demetr, True, sentences), "100k-word feed": (big, False, big_sentences)}


def server_cpu(pid: int | None) -> float:
    """CPU seconds the server process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_check(feed: Path, lines: bool, out: Path, stats: Path) -> tuple[float, int, float]:
    command = [sys.executable, "-m", "auditor", "check", str(feed), "--format", "json", "-o", str(out)]
    if lines:
        command.append("--lines")
    env = {**os.environ, "AUDITOR_LT_STATS": str(stats), "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"auditor check failed on {feed} (status {status})")
    return wall, usage.ru_maxrss // 1024, usage.ru_utime + usage.ru_stime


def server_peak_mb(pid: int | None) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return 0


def naive(url: str, pid: int | None, sentences: list[str], sample: int) -> tuple[float, float, int]:
    """One request per sentence, sequential, no cache: words per wall second and per CPU second
    (client + server) on an evenly spaced sample."""
    step = max(1, len(sentences) // sample)
    chosen = [s for s in sentences[::step] if s.strip()][:sample]
    mapping = load_mapping()
    client = LanguageToolClient(url, "en-US", mapping.disabled_rules, mapping.disabled_categories)
    client.check("Warm the client.")
    start, cpu, server_start = time.perf_counter(), time.process_time(), server_cpu(pid)
    for sentence in chosen:
        client.check(sentence)
    words = sum(word_count(s) for s in chosen)
    used = time.process_time() - cpu + server_cpu(pid) - server_start
    return words / (time.perf_counter() - start), words / used, len(chosen)


def false_alarms(url: str) -> tuple[int, int, int]:
    """Spelling matches on the human translations before and after the name filter."""
    mapping = load_mapping()
    client = LanguageToolClient(url, "en-US", mapping.disabled_rules, mapping.disabled_categories)
    names = NameFilter()
    lines = [r["eng_sent"] for r in dev_rows()]
    before = after = 0
    for line in lines:  # one document per sentence: no cross-sentence recurrence helps the filter
        counts = names.capitalised_counts(line)
        for match in client.check(line):
            if match["category"] != "TYPOS":
                continue
            before += 1
            token = line[match["offset"] : match["offset"] + match["length"]]
            initial = names.starts_sentence(line, match["offset"])
            if not names.is_name(token, match["replacements"], counts, initial):
                after += 1
    return len(lines), before, after


def warm_up(info: server.ServerInfo) -> server.ServerInfo:
    """Warm a fresh server identically for every pass (JIT compilation dominates a cold JVM)."""
    client = LanguageToolClient(info.url, "en-US", set(), set())
    story = SEED.read_text(encoding="utf-8")
    client.check(story)
    for sentence in segment(story):
        client.check(story[sentence.start : sentence.end])
    return info


def fresh_server() -> server.ServerInfo:
    """A new tuned server, as `auditor languagetool start` runs it."""
    server.stop_persistent()
    info, _ = server.start_persistent()
    return warm_up(info)


def default_server_naive(sentences: list[str], sample: int) -> tuple[float, float]:
    """The naive client against LanguageTool with its default settings (no pipeline caching)."""
    process, info = server.launch(detached=False, tuned=False)
    try:
        wps, cpu_wps, _ = naive(warm_up(info).url, info.pid, sentences, sample)
    finally:
        server.untrack_and_stop(process)
    return wps, cpu_wps


def measure(folder: Path, name: str, feed: Path, lines: bool, sentences: list[str], sample: int) -> dict:
    """One pass over ``feed``: cold and warm ``auditor check``, then the naive clients."""
    words = word_count(feed.read_text(encoding="utf-8"))
    shutil.rmtree(folder / "cache", ignore_errors=True)  # both result caches cold: (b) really is cold
    info = fresh_server()
    stats = folder / "stats.json"
    s0 = server_cpu(info.pid)
    cold, cold_rss, cold_cpu = run_check(feed, lines, folder / "cold.json", stats)
    s1 = server_cpu(info.pid)
    lt = json.loads(stats.read_text())
    warm, warm_rss, warm_cpu = run_check(feed, lines, folder / "warm.json", stats)
    s2 = server_cpu(info.pid)
    warm_stats = json.loads(stats.read_text())
    server_mb = server_peak_mb(info.pid)
    info = fresh_server()
    tuned_wps, tuned_cpu_wps, sampled = naive(info.url, info.pid, sentences, sample)
    server.stop_persistent()
    naive_wps, naive_cpu_wps = default_server_naive(sentences, sample)
    outside = max(0.0, cold - lt["languagetool_busy"]) / cold
    return {
        "feed": name, "words": words, "naive_wps": naive_wps, "naive_sentences": sampled,
        "naive_tuned_wps": tuned_wps, "naive_tuned_cpu_wps": tuned_cpu_wps,
        "cold_wps": words / cold, "cold_s": cold, "warm_wps": words / warm, "warm_s": warm,
        "outside_share": outside, "requests": lt["requests"],
        "warm_requests": warm_stats["requests"],
        "auditor_mb": max(cold_rss, warm_rss), "server_mb": server_mb,
        "naive_cpu_wps": naive_cpu_wps, "cold_cpu_wps": words / (cold_cpu + s1 - s0),
        "warm_cpu_wps": words / (warm_cpu + s2 - s1), "cold_auditor_cpu": cold_cpu,
        "cold_server_cpu": s1 - s0, "outside_cpu_share": cold_cpu / (cold_cpu + s1 - s0),
        "b_over_a": (words / cold) / naive_wps, "c_over_b": cold / warm,
    }  # fmt: skip


def median_row(runs: list[dict]) -> dict:
    """Each measured figure's median over the repetitions (a fresh JVM's JIT makes single runs noisy)."""
    row = dict(runs[0])
    for key, value in runs[0].items():
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            row[key] = statistics.median(run[key] for run in runs)
    row["runs"] = len(runs)
    row["b_over_a_runs"] = [round(run["b_over_a"], 2) for run in runs]
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--naive-sample", type=int, default=1500)
    parser.add_argument("--repeat", type=int, default=3, help="passes per feed; the table shows medians")
    args = parser.parse_args()
    home = install.languagetool_home()
    if not install.is_installed(home):
        raise SystemExit(f"LanguageTool missing: {install.INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="lt-bench-") as work:
        folder = Path(work)
        os.environ["AUDITOR_LANGUAGETOOL_HOME"] = str(home)
        os.environ["AUDITOR_CACHE_DIR"] = str(folder / "cache")
        feeds = build_feeds(folder, args.words)
        rows = []
        try:
            for name, (feed, lines, sentences) in feeds.items():
                runs = [measure(folder, name, feed, lines, sentences, args.naive_sample) for _ in range(args.repeat)]
                for run in runs:
                    print(json.dumps(run), flush=True)
                rows.append(median_row(runs))
            sentences, before, after = false_alarms(fresh_server().url)
        finally:
            server.stop_persistent()
    print()
    print(
        "| feed | words | (a) naive words/s | (a') naive, tuned server | (b) cold words/s "
        "| (c) warm words/s | b/a | c/b | outside LT (b) | LT requests (b) | peak MB auditor / server |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['feed']} | {r['words']:,} | {r['naive_wps']:.0f} | {r['naive_tuned_wps']:.0f} "
            f"| {r['cold_wps']:.0f} "
            f"| {r['warm_wps']:.0f} "
            f"| {r['b_over_a']:.1f}x | {r['c_over_b']:.1f}x "
            f"| {r['outside_share']:.0%} | {r['requests']} | {r['auditor_mb']} / {r['server_mb']} |"
        )
    print()
    for r in rows:
        print(f"{r['feed']}: medians of {r['runs']} passes; b/a per pass {r['b_over_a_runs']}")
    print()
    print("The same passes in words per CPU second (auditor + LanguageTool server; robust to other load):")
    print()
    print(
        "| feed | (a) naive | (a') naive, tuned server | (b) cold | (c) warm | b/a | c/b "
        "| auditor share of (b) CPU |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['feed']} | {r['naive_cpu_wps']:.0f} | {r['naive_tuned_cpu_wps']:.0f} "
            f"| {r['cold_cpu_wps']:.0f} | {r['warm_cpu_wps']:.0f} "
            f"| {r['cold_cpu_wps'] / r['naive_cpu_wps']:.1f}x | {r['warm_cpu_wps'] / r['cold_cpu_wps']:.1f}x "
            f"| {r['outside_cpu_share']:.0%} |"
        )
    print()
    print(
        f"Spelling false alarms on {sentences} human translations (eng_sent): {before} before the name "
        f"filter ({100 * before / sentences:.1f} per 100 sentences), {after} after "
        f"({100 * after / sentences:.1f})."
    )


if __name__ == "__main__":
    main()
