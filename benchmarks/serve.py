"""Per-story latency, memory, `auditor serve` and write-throughs, side by side in one run.

    python benchmarks/serve.py [--baseline-src DIR] [--out benchmarks/results/serve.json]

Measures every must-show of issue 17 in one command: Java and LanguageTool found with no `java` and
no `mvn` on PATH (`auditor doctor`); one story through the CLI (wall, CPU, peak RSS) and through
`auditor serve` (median); the bounded load test (errors, p50/p99, memory of the first and last 100
requests); a write-through (one of 10 paragraphs changed) through the CLI and through the service.

Needs a running LanguageTool server (`auditor languagetool start`); ``--warmup`` stories (5) are
audited untimed first, so its JIT is as warm as a server that has been running. Stories are
distinct MLQE-PE machine translations (``mt_stories``; the seed's first 600 words in 10 paragraphs
without the data), each used once, so no cache answers them. ``--baseline-src`` is another auditor source tree (e.g.
``git archive main | tar -x -C DIR``) run the same way, for the ratios. Every number comes from
this run; the machine's load average is recorded with them (shared development machines).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from auditor.languagetool.server import free_port, is_healthy, running_server  # noqa: E402


def story(words: int = 600, paragraphs: int = 10) -> str:
    """The first ``words`` words of the seed, merged into ``paragraphs`` paragraphs."""
    parts = [p.strip() for p in (ROOT / "seeds" / "000_716b39ef12bcdcab.txt").read_text().split("\n\n") if p.strip()]
    chosen: list[str] = []
    count = 0
    for part in parts:
        chosen.append(part)
        count += len(part.split())
        if count >= words:
            break
    while len(chosen) > paragraphs:
        i = min(range(len(chosen) - 1), key=lambda k: len(chosen[k].split()) + len(chosen[k + 1].split()))
        chosen[i : i + 2] = [chosen[i] + " " + chosen[i + 1]]
    return "\n\n".join(chosen) + "\n"


def mt_stories(count: int) -> list[str]:
    """``count`` distinct stories of machine-translated English (MLQE-PE train translations, 10
    paragraphs of 3 sentences, 560-720 words), so LanguageTool's own cache cannot answer them;
    variants of the seed story when the evaluation data is not there."""
    import csv

    csv.field_size_limit(1 << 24)
    sentences: list[str] = []
    for pair in ("ro-en", "ru-en", "et-en", "ne-en", "si-en"):
        for path in sorted((ROOT.parent / "shared" / "eval" / "mlqe-pe" / "direct-assessments").glob(
                f"{pair}-train/*.tsv")):
            with path.open(encoding="utf-8") as handle:
                rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
                sentences.extend(row["translation"] for row in rows if 12 <= len(row["translation"].split()) <= 40)
    stories = []
    position = 0
    while len(stories) < count and position + 60 <= len(sentences):
        paragraphs, words = [], 0
        while len(paragraphs) < 10 and position + 3 <= len(sentences):
            chunk = sentences[position : position + 3]
            position += 3
            paragraphs.append(" ".join(chunk))
            words += sum(len(s.split()) for s in chunk)
        if 560 <= words <= 720:
            stories.append("\n\n".join(paragraphs) + "\n")
    return stories if len(stories) == count else [variant(story(), 1000 + n) for n in range(count)]


def changed(text: str, paragraph: int, note: str) -> str:
    """``text`` with one sentence added to one paragraph (a write-through)."""
    parts = text.rstrip("\n").split("\n\n")
    parts[paragraph] = parts[paragraph] + f" Officials said {note} talks would resume on Tuesday."
    return "\n\n".join(parts) + "\n"


def variant(text: str, number: int) -> str:
    """``text`` with every paragraph made new (a story none of the caches has seen)."""
    parts = text.rstrip("\n").split("\n\n")
    return "\n\n".join(f"{part} The agency filed update {number}." for part in parts) + "\n"


def run_cli(src: Path, args: list[str], env: dict[str, str]) -> dict[str, float]:
    """One `auditor` process: wall seconds, CPU seconds and peak RSS (MB) from wait4."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "auditor", *args], cwd=src, env={**env, "PYTHONPATH": str(src)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"auditor {' '.join(args)} failed in {src}: exit {process.returncode}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024}


def median_of(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: round(statistics.median(r[key] for r in runs), 3) for key in runs[0]}


def post(url: str, body: dict[str, Any], timeout: float = 300) -> tuple[int, float]:
    data = json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.perf_counter() - started


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Service:
    """`auditor serve` in a subprocess on a free loopback port."""

    def __init__(self, env: dict[str, str], *flags: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "auditor", "serve", "--port", str(self.port), "--workers", "4", *flags],
            cwd=ROOT, env={**env, "PYTHONPATH": str(ROOT)}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 300
        while True:
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("auditor serve did not start")
            time.sleep(0.2)

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=120)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline-src", type=Path, help="another auditor source tree to compare with")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--serve-requests", type=int, default=30)
    parser.add_argument("--load-requests", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--warmup", type=int, default=5,
                        help="stories audited untimed first, so the LanguageTool server is warm (JIT) as a running one is")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "serve.json")
    options = parser.parse_args()
    given = os.environ.get("LANGUAGETOOL_URL")  # a server of one's own on a machine whose cache is shared
    server = SimpleNamespace(url=given) if given and is_healthy(given) else running_server()
    if server is None:
        raise SystemExit("start LanguageTool first: auditor languagetool start (or set LANGUAGETOOL_URL)")
    work = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    text = story()
    (work / "story.txt").write_text(text, encoding="utf-8")
    env = {**os.environ, "LANGUAGETOOL_URL": server.url}
    results: dict[str, Any] = {"load_before": os.getloadavg(), "words": len(text.split()),
                               "paragraphs": text.count("\n\n") + 1, "languagetool": server.url}

    # 0. no Java and no Maven on PATH: which Java and LanguageTool `auditor doctor` finds
    bare = {k: v for k, v in env.items() if k not in ("JAVA_HOME", "LANGUAGETOOL_URL")}
    bare["PATH"] = str(Path(sys.executable).parent)
    doctor = subprocess.run([sys.executable, "-m", "auditor", "doctor"], cwd=ROOT, capture_output=True, text=True,
                            env={**bare, "PYTHONPATH": str(ROOT)}, timeout=300)
    lines = doctor.stdout.splitlines()
    results["no_java_no_maven"] = {
        "path": bare["PATH"], "exit": doctor.returncode,
        "java": next((line for line in lines if line.startswith("java:")), ""),
        "languagetool": next((line for line in lines if line.startswith("languagetool:")), ""),
    }

    # 1. one story through the CLI, no result cache: this branch and the baseline, alternating
    trees = {"branch": ROOT, **({"baseline": options.baseline_src} if options.baseline_src else {})}
    for tree in trees.values():  # an installed auditor has its bytecode; a source tree may have none or stale
        compileall.compile_dir(tree / "auditor", quiet=1)
    measured = 4 * options.repeats * len(trees) + 2 * options.repeats + options.serve_requests
    every = mt_stories(measured + options.warmup)
    fresh = iter(every[:measured])
    # a running server has answered stories before: warm its JIT with stories none of the timings use
    for number, text in enumerate(every[measured:]):
        (work / "warm.txt").write_text(text, encoding="utf-8")
        run_cli(ROOT, ["check", str(work / "warm.txt"), "--no-cache", "-q", "--format", "json", "-o",
                       str(work / "warm.json")], {**env, "AUDITOR_CACHE_DIR": str(work / f"cache-warm-{number}")})
    results["warmup_stories"] = options.warmup
    results["stories"] = "MLQE-PE" if (ROOT.parent / "shared" / "eval" / "mlqe-pe").is_dir() else "seed variants"
    for mode, flags in (("grammar", []), ("no_grammar", ["--no-grammar"])):
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
        for _ in range(options.repeats):
            for name, src in trees.items():
                (work / "story.txt").write_text(next(fresh), encoding="utf-8")
                runs[name].append(run_cli(src, ["check", str(work / "story.txt"), "--no-cache", "-q",
                                                "--format", "json", "-o", str(work / f"{name}.json"), *flags],
                                          {**env, "AUDITOR_CACHE_DIR": str(work / f"cache-{name}")}))
        results[f"cli_{mode}"] = {name: median_of(r) for name, r in runs.items()}

    # 2. write-through through the CLI (cold process; caches on): first audit, then one paragraph changed
    cli_first, cli_update = [], []
    for number in range(options.repeats):
        cache = {**env, "AUDITOR_CACHE_DIR": str(work / f"wt-cli-{number}")}
        original = work / f"wt-{number}.txt"
        first_text = next(fresh)
        original.write_text(first_text, encoding="utf-8")
        cli_first.append(run_cli(ROOT, ["check", str(original), "-q", "--format", "json", "-o", str(work / "x.json")],
                                 cache))
        original.write_text(changed(first_text, 5, "the"), encoding="utf-8")
        cli_update.append(run_cli(ROOT, ["check", str(original), "-q", "--format", "json", "-o", str(work / "x.json")],
                                  cache))
    results["write_through_cli"] = {"first": median_of(cli_first), "update": median_of(cli_update)}

    # 3. through `auditor serve`: per-story median (no cache: every request a full audit)
    service = Service({**env, "AUDITOR_CACHE_DIR": str(work / "serve-nocache")}, "--no-cache")
    try:
        latencies = []
        for _ in range(options.serve_requests):
            status, seconds = post(f"{service.url}/v1/check", {"text": next(fresh)})
            assert status == 200, status
            latencies.append(seconds)
        results["serve_story"] = {"median": round(statistics.median(latencies), 3),
                                  "p90": round(sorted(latencies)[int(0.9 * len(latencies))], 3),
                                  "requests": len(latencies), "rss_mb": round(rss_mb(service.process.pid), 1)}

        # 4. bounded loopback load test: paragraphs of the story, no cache, concurrency N
        paragraphs = text.rstrip("\n").split("\n\n")
        lock = threading.Lock()
        outcomes: list[tuple[int, float]] = []
        memory: dict[int, float] = {}

        def one(number: int) -> None:
            status, seconds = post(f"{service.url}/v1/check", {"text": paragraphs[number % len(paragraphs)]})
            with lock:
                outcomes.append((status, seconds))
                if len(outcomes) in (100, options.load_requests):
                    memory[len(outcomes)] = rss_mb(service.process.pid)

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=options.concurrency) as pool:
            list(pool.map(one, range(options.load_requests)))
        elapsed = time.perf_counter() - started
        seconds = sorted(s for _, s in outcomes)
        results["load_test"] = {
            "requests": len(outcomes), "concurrency": options.concurrency,
            "errors": sum(1 for status, _ in outcomes if status != 200),
            "p50": round(seconds[len(seconds) // 2], 3), "p99": round(seconds[int(0.99 * len(seconds)) - 1], 3),
            "throughput_rps": round(len(outcomes) / elapsed, 1),
            "rss_after_100_mb": round(memory.get(100, 0), 1),
            "rss_after_last_mb": round(memory.get(options.load_requests, 0), 1),
        }
    finally:
        service.close()

    # 5. write-through through `auditor serve` (warm, caches on)
    service = Service({**env, "AUDITOR_CACHE_DIR": str(work / "serve-cache")})
    try:
        firsts, updates = [], []
        for number in range(options.repeats):
            original = next(fresh)
            status, first = post(f"{service.url}/v1/check", {"text": original})
            status2, update = post(f"{service.url}/v1/check", {"text": changed(original, 5, f"update {number}")})
            assert status == status2 == 200
            firsts.append(first)
            updates.append(update)
        results["write_through_serve"] = {"first": round(statistics.median(firsts), 3),
                                          "update": round(statistics.median(updates), 3)}
    finally:
        service.close()
    results["load_after"] = os.getloadavg()
    options.out.parent.mkdir(parents=True, exist_ok=True)
    options.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
