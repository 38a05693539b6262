"""Feed benchmark: memory and multi-core speed of ``auditor check`` on a generated JSONL wire feed.

    python benchmarks/feed.py                      # full run: 10,000-story feed, numbers for docs/ci.md
    python benchmarks/feed.py --stories 2000 --small 200 --speed-stories 400   # quick look

Stories are assembled deterministically from the seed article's paragraphs and
DEMETR dev sentences (``mt_sent`` and, where ``pert_check`` holds, the damaged
``pert_sent``), so the feed has real MT damage for the checks to find. Every
measurement runs ``auditor check FEED --no-grammar --no-cache -f jsonl -o FILE`` in a fresh
subprocess; wall time, CPU time and peak RSS come from ``os.wait4`` of that
process (worker processes of ``--jobs`` count in CPU time; peak RSS is the
largest single process), and the subprocess also reports its own CPU time
apart from its workers'.
Checks:

* peak RSS with 1,000 stories vs 10,000 stories (--jobs 1) within 10 %;
* wall time of ``--jobs 1`` / ``--jobs 2`` >= 1.6, on the whole large feed and
  at the margin (time per extra story between the speed feed and the large feed,
  which excludes the fixed start-up), with the load average printed because the
  machine may be shared.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # script or module
from benchmarks.demetr_data import demetr_dir

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_716b39ef12bcdcab.txt"
DEMETR = str(demetr_dir() / "*.json")


def load_material() -> tuple[list[str], list[str]]:
    """Seed paragraphs and DEMETR sentences (MT output and its perturbed copy)."""
    paragraphs = [p.strip() for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    sentences: list[str] = []
    for path in sorted(glob.glob(DEMETR)):
        for item in json.loads(Path(path).read_text(encoding="utf-8")):
            if item.get("mt_sent"):
                sentences.append(item["mt_sent"].strip())
            if item.get("pert_check") and item.get("pert_sent") and len(item["pert_sent"]) > 2:
                sentences.append(item["pert_sent"].strip())
    if not sentences:
        raise SystemExit(f"no DEMETR sentences found at {DEMETR}")
    return paragraphs, sentences


def write_feed(path: Path, stories: int, paragraphs: list[str], sentences: list[str], seed: int = 7) -> int:
    """Write ``stories`` JSONL records; returns the file size in bytes."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for number in range(stories):
            parts = [paragraphs[0] if number % 5 == 0 else rng.choice(paragraphs)]
            parts.append(" ".join(rng.sample(sentences, 3)))
            parts.append(rng.choice(paragraphs))
            parts.append(" ".join(rng.sample(sentences, 3)))
            record = {"id": f"story-{number:05d}", "text": "\n\n".join(parts) + "\n"}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path.stat().st_size


def run_and_record(arguments: list[str], report: Path) -> None:
    """Run the CLI in this process, then record its exit code, own peak RSS and CPU time, and its
    workers' CPU time (RUSAGE_CHILDREN) as JSON in ``report`` (the feed and Dask benchmarks' child)."""
    import resource

    from auditor.cli import app

    code = 0
    try:
        app(arguments, standalone_mode=False)
    except SystemExit as stop:
        code = int(stop.code or 0)
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    report.write_text(json.dumps({
        "code": code,
        "rss_mb": own.ru_maxrss / 1024,
        "parent_cpu": own.ru_utime + own.ru_stime,
        "workers_cpu": workers.ru_utime + workers.ru_stime,
    }))


@dataclass
class Measure:
    """One subprocess run."""

    wall: float
    cpu: float
    parent_cpu: float
    workers_cpu: float
    peak_rss_mb: float
    documents: int


def run_check(feed: Path, jobs: int, work: Path) -> Measure:
    """Run ``auditor check`` on ``feed`` in a fresh subprocess and measure it."""
    out = work / f"report-{jobs}.jsonl"
    usage_file = work / "usage.json"
    arguments = [  # --no-cache: every round audits for real (a warm result cache would answer it)
        "check", str(feed), "--no-grammar", "--no-cache", "-f", "jsonl", "-o", str(out), "--jobs", str(jobs), "-q",
    ]
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(usage_file), "--", *arguments]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=work, env=env, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    stderr = process.stderr.read().decode() if process.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    child = json.loads(usage_file.read_text()) if usage_file.exists() else {"code": code}
    if code != 0 or child["code"] not in (0, 1):
        raise SystemExit(f"auditor failed ({code}, {child['code']}): {stderr}")
    with out.open(encoding="utf-8") as handle:
        documents = sum(1 for _ in handle)
    out.unlink()
    usage_file.unlink()
    return Measure(wall, usage.ru_utime + usage.ru_stime, child["parent_cpu"], child["workers_cpu"],
                   usage.ru_maxrss / 1024, documents)


def main() -> None:
    if len(sys.argv) > 3 and sys.argv[1] == "--child" and sys.argv[3] == "--":
        run_and_record(sys.argv[4:], Path(sys.argv[2]))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stories", type=int, default=10_000, help="stories in the large feed")
    parser.add_argument("--small", type=int, default=1_000, help="stories in the small feed (memory check)")
    parser.add_argument("--speed-stories", type=int, default=2_000, help="stories for the --jobs comparison")
    parser.add_argument("--rounds", type=int, default=1, help="rounds of the --jobs 1 / --jobs 2 runs")
    parser.add_argument("--work", type=Path, default=None, help="directory for feeds (default: a temp dir)")
    args = parser.parse_args()

    work = args.work or Path(tempfile.mkdtemp(prefix="auditor-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    paragraphs, sentences = load_material()
    print(f"material: {len(paragraphs)} seed paragraphs, {len(sentences)} DEMETR sentences")
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at start")

    small, large, speed = work / "small.jsonl", work / "large.jsonl", work / "speed.jsonl"
    for path, count in ((small, args.small), (large, args.stories), (speed, args.speed_stories)):
        size = write_feed(path, count, paragraphs, sentences)
        print(f"feed {path.name}: {count} stories, {size / 1e6:.1f} MB")

    small_run = run_check(small, 1, work)
    large_run = run_check(large, 1, work)
    ratio = large_run.peak_rss_mb / small_run.peak_rss_mb
    print(f"\nmemory (--jobs 1): {args.small} stories peak RSS {small_run.peak_rss_mb:.1f} MB "
          f"({small_run.wall:.1f} s); {args.stories} stories peak RSS {large_run.peak_rss_mb:.1f} MB "
          f"({large_run.wall:.1f} s, {large_run.documents / large_run.wall:.0f} stories/s)")
    verdict = "PASS" if ratio <= 1.10 else "FAIL"
    print(f"memory ratio {args.stories}/{args.small}: {ratio:.3f} -> {verdict} (<= 1.10)")

    # Speed: wall time includes a fixed start-up (imports, dictionaries: seconds on a busy machine),
    # so besides the whole-run ratio on the large feed we report the marginal ratio
    # (T(large) - T(small speed feed)) per story, which is the speed of the checks themselves.
    runs: dict[tuple[int, str], list[Measure]] = {}
    loads = [os.getloadavg()[0]]
    for _ in range(args.rounds):
        for jobs, name, feed in ((1, "speed", speed), (2, "speed", speed), (2, "large", large),
                                 (1, "large", large)):
            if (jobs, name) == (1, "large") and not runs.get((1, "large")):
                runs[(1, "large")] = [large_run]
                continue
            runs.setdefault((jobs, name), []).append(run_check(feed, jobs, work))
            loads.append(os.getloadavg()[0])

    def best(jobs: int, name: str) -> Measure:
        return min(runs[(jobs, name)], key=lambda m: m.wall)

    extra = args.stories - args.speed_stories
    print(f"\nspeed, --no-grammar, {args.rounds} round(s), best wall of each:")
    for jobs in (1, 2):
        small_m, large_m = best(jobs, "speed"), best(jobs, "large")
        per_story = (large_m.wall - small_m.wall) / extra * 1000
        print(f"  --jobs {jobs}: {args.speed_stories} stories {small_m.wall:.1f} s "
              f"(CPU {small_m.cpu:.1f} s), "
              f"{args.stories} stories {large_m.wall:.1f} s (CPU {large_m.cpu:.1f} s: parent "
              f"{large_m.parent_cpu:.1f} s, workers {large_m.workers_cpu:.1f} s); "
              f"marginal {per_story:.2f} ms/story")
    whole = best(1, "large").wall / best(2, "large").wall
    marginal = (best(1, "large").wall - best(1, "speed").wall) / (
        best(2, "large").wall - best(2, "speed").wall
    )
    print(f"  load average (1 min) before/between runs: {', '.join(f'{x:.2f}' for x in loads)} "
          f"on {os.cpu_count()} CPUs")
    print(f"speedup --jobs 2 vs --jobs 1, whole run on {args.stories} stories: {whole:.2f}x -> "
          f"{'PASS' if whole >= 1.6 else 'FAIL'} (>= 1.6)")
    print(f"speedup --jobs 2 vs --jobs 1, marginal (start-up excluded): {marginal:.2f}x -> "
          f"{'PASS' if marginal >= 1.6 else 'FAIL'} (>= 1.6)")
    two = best(2, "large")
    bound = (two.parent_cpu + two.workers_cpu) / (two.parent_cpu + two.workers_cpu / 2)
    print(f"CPU split of --jobs 2 on {args.stories} stories: parent {two.parent_cpu:.1f} s "
          f"(reading, writing, start-up), workers {two.workers_cpu:.1f} s -> speedup bound on two idle cores "
          f"{bound:.2f}x (derived, not measured)")
    print(f"\nfeeds kept in {work}" if args.work else "")


if __name__ == "__main__":
    main()
