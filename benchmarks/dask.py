"""Dask benchmark: ``--jobs 1``, ``--jobs 2`` and ``--dask local:2`` side by side, and the client's memory.

    python -m benchmarks.dask                        # full run: 2,000 stories x 3 modes, memory 1,000 vs 10,000
    python -m benchmarks.dask --stories 400 --rounds 1 --memory 200,1000   # quick look

(Run it as a module: as a script, ``benchmarks/`` would come first on ``sys.path`` and this
file would shadow the ``dask`` package.) The feed is the one of ``benchmarks/feed.py``:
stories assembled deterministically from the seed's paragraphs and DEMETR dev sentences.
Every measurement runs ``auditor check FEED --no-grammar --no-cache -f jsonl -o FILE`` in a
fresh subprocess (``nice`` it on a shared machine); the modes alternate within each round and
the best wall time of each is kept. Reported:

* wall time of each mode on the same stories, the three reports compared byte for byte;
* Dask against ``--jobs 2``: the whole-run ratio (target: within 15 %), the overhead per
  document over the whole run, and at the margin (start-up excluded: the same modes on a
  ``--startup``-story feed are subtracted);
* the client's own peak RSS (the run's process: ``local:N`` runs the scheduler and the nannies
  in a child process of their own, ``auditor.dask_local``, and the workers in theirs) for the two
  memory feeds (target: within 10 %), and beside it the peak RSS of that cluster process.

``--rounds 0`` skips the speed runs (only the memory runs).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.feed import load_material, run_and_record, write_feed

ROOT = Path(__file__).resolve().parent.parent
MODES = {"--jobs 1": ["--jobs", "1"], "--jobs 2": ["--jobs", "2"], "--dask local:2": ["--dask", "local:2"]}


@dataclass
class Measure:
    """One subprocess run of ``auditor check``."""

    wall: float
    client_rss_mb: float
    client_cpu: float
    children_cpu: float
    documents: int
    digest: str
    cluster_rss_mb: float = 0.0


def _peak_kb(pid: int) -> int:
    """VmHWM (peak resident set) of a live process, in kB; 0 once it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _watch_cluster(root: int, peak: list[int], done: threading.Event) -> None:
    """Keep in ``peak[0]`` the largest VmHWM seen of ``root``'s ``auditor.dask_local`` descendant."""
    import psutil  # a dependency of distributed

    while not done.wait(0.5):
        try:
            children = psutil.Process(root).children(recursive=True)
        except psutil.Error:
            return
        for child in children:
            try:
                if "auditor.dask_local" in " ".join(child.cmdline()):
                    peak[0] = max(peak[0], _peak_kb(child.pid))
            except psutil.Error:
                continue


def run_check(feed: Path, mode: str, work: Path) -> Measure:
    """``auditor check`` on ``feed`` in ``mode``, in a fresh subprocess."""
    out = work / "report.jsonl"
    usage = work / "usage.json"
    arguments = ["check", str(feed), "--no-grammar", "--no-cache", "-f", "jsonl", "-o", str(out), "-q",
                 *MODES[mode]]
    command = [sys.executable, "-m", "benchmarks.dask", "--child", str(usage), "--", *arguments]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=work, env=env, stderr=subprocess.PIPE, text=True)
    peak, finished = [0], threading.Event()
    watcher = threading.Thread(target=_watch_cluster, args=(process.pid, peak, finished), daemon=True)
    watcher.start()
    _, stderr = process.communicate()
    wall = time.perf_counter() - start
    finished.set()
    watcher.join()
    done = subprocess.CompletedProcess(command, process.returncode, None, stderr)
    child = json.loads(usage.read_text()) if usage.exists() else {"code": done.returncode}
    if done.returncode != 0 or child["code"] not in (0, 1):
        raise SystemExit(f"auditor {mode} failed ({done.returncode}, {child['code']}): {done.stderr[-2000:]}")
    data = out.read_bytes()
    out.unlink()
    usage.unlink()
    return Measure(wall, child["rss_mb"], child["parent_cpu"], child["workers_cpu"], data.count(b"\n"),
                   hashlib.sha256(data).hexdigest(), peak[0] / 1024)


def main() -> None:
    if len(sys.argv) > 3 and sys.argv[1] == "--child" and sys.argv[3] == "--":
        run_and_record(sys.argv[4:], Path(sys.argv[2]))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stories", type=int, default=2_000, help="stories of the side-by-side speed runs")
    parser.add_argument("--startup", type=int, default=32, help="stories of the start-up runs (marginal cost)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of the three modes (best wall is kept)")
    parser.add_argument("--memory", default="1000,10000", help="story counts of the client-memory runs ('' skips)")
    parser.add_argument("--work", type=Path, default=None, help="directory for feeds (default: a temp dir)")
    args = parser.parse_args()

    work = args.work or Path(tempfile.mkdtemp(prefix="auditor-dask-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    paragraphs, sentences = load_material()
    print(f"material: {len(paragraphs)} seed paragraphs, {len(sentences)} DEMETR sentences")
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at start, "
          f"nice {os.nice(0)}")
    speed, startup = work / "speed.jsonl", work / "startup.jsonl"
    write_feed(speed, args.stories, paragraphs, sentences)
    write_feed(startup, args.startup, paragraphs, sentences)

    if args.rounds > 0:
        speed_runs(args, work, speed, startup)
    memory_runs(args, work, paragraphs, sentences)


def speed_runs(args: argparse.Namespace, work: Path, speed: Path, startup: Path) -> None:
    """The three modes side by side, ``args.rounds`` times."""
    runs: dict[tuple[str, str], list[Measure]] = {}
    loads = [os.getloadavg()[0]]
    for _ in range(args.rounds):
        for mode in MODES:
            for name, feed in (("startup", startup), ("speed", speed)):
                runs.setdefault((mode, name), []).append(run_check(feed, mode, work))
            loads.append(os.getloadavg()[0])

    def best(mode: str, name: str) -> Measure:
        return min(runs[(mode, name)], key=lambda m: m.wall)

    print(f"\nspeed, {args.stories} stories, --no-grammar --no-cache, {args.rounds} round(s), best wall of each:")
    for mode in MODES:
        big, small = best(mode, "speed"), best(mode, "startup")
        print(f"  {mode:15} {big.wall:6.1f} s ({big.documents / big.wall:5.0f} stories/s; client CPU "
              f"{big.client_cpu:.1f} s, worker processes {big.children_cpu:.1f} s); {args.startup}-story "
              f"start-up run {small.wall:.1f} s; all walls {', '.join(f'{m.wall:.1f}' for m in runs[(mode, 'speed')])}")
    digests = {best(mode, "speed").digest for mode in MODES}
    print(f"  reports byte-identical across the three modes: {'yes' if len(digests) == 1 else 'NO'}")
    dask, jobs2 = best("--dask local:2", "speed"), best("--jobs 2", "speed")
    ratio = dask.wall / jobs2.wall
    overhead = (dask.wall - jobs2.wall) / args.stories * 1000
    margin_dask = dask.wall - best("--dask local:2", "startup").wall
    margin_jobs = jobs2.wall - best("--jobs 2", "startup").wall
    marginal = (margin_dask - margin_jobs) / (args.stories - args.startup) * 1000
    print(f"  load average (1 min) before/between rounds: {', '.join(f'{x:.2f}' for x in loads)}")
    print(f"dask local:2 / jobs 2, whole run: {ratio:.3f} -> {'PASS' if ratio <= 1.15 else 'FAIL'} (<= 1.15)")
    print(f"dask overhead per document vs --jobs 2: {overhead:+.2f} ms whole run, {marginal:+.2f} ms at the margin "
          f"(start-up excluded: {best('--dask local:2', 'startup').wall:.1f} s vs "
          f"{best('--jobs 2', 'startup').wall:.1f} s)")


def memory_runs(args: argparse.Namespace, work: Path, paragraphs: list[str], sentences: list[str]) -> None:
    """The client's peak memory (and the cluster process's) on feeds of different lengths."""
    counts = [int(x) for x in args.memory.split(",") if x.strip()]
    if not counts:
        return
    print("\nclient memory, --dask local:2 (scheduler and nannies run in a child process, auditor.dask_local):")
    peaks = []
    for count in counts:
        feed = work / f"memory-{count}.jsonl"
        size = write_feed(feed, count, paragraphs, sentences)
        measure = run_check(feed, "--dask local:2", work)
        feed.unlink()
        peaks.append(measure.client_rss_mb)
        print(f"  {count:6} stories ({size / 1e6:.1f} MB): client peak RSS {measure.client_rss_mb:.1f} MB "
              f"(cluster process {measure.cluster_rss_mb:.1f} MB), {measure.wall:.1f} s, client CPU "
              f"{measure.client_cpu:.1f} s, {measure.documents} documents reported", flush=True)
    growth = peaks[-1] / peaks[0]
    print(f"client peak RSS {counts[-1]}/{counts[0]}: {growth:.3f} -> {'PASS' if growth <= 1.10 else 'FAIL'} (<= 1.10)")


if __name__ == "__main__":
    main()
