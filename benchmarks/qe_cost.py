"""What the quality estimate costs: a ~100k-word audit with and without it, side by side in one run.

The text is real MT (MLQE-PE train, ro/et/ru, detokenised) in paragraphs of five sentences. Each
configuration runs as its own ``auditor check --no-grammar --no-cache --format json`` process
(LanguageTool left out: it would only make the QE share look smaller), alternating, ``--repeat``
times; wall time and peak resident memory (the child's ``ru_maxrss``) are reported, best of the
repeats.

    python -m benchmarks.qe_cost [--words 100000] [--repeat 2]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # script or module

from auditor.qe.data import load_split

ROOT = Path(__file__).resolve().parent.parent


def corpus(words: int) -> str:
    """About ``words`` words of real MT in five-sentence paragraphs."""
    sentences, count = [], 0
    for lang in ("ro", "et", "ru"):
        for segment in load_split(lang, "train"):
            sentences.append(segment.mt)
            count += len(segment.mt.split())
            if count >= words:
                break
        if count >= words:
            break
    return "\n\n".join(" ".join(sentences[k : k + 5]) for k in range(0, len(sentences), 5)) + "\n"


def measure(path: Path, extra: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one audit process."""
    command = [sys.executable, "-m", "auditor", "check", str(path), "--no-grammar", "--no-cache",
               "--format", "json", "--output", os.devnull, "-q", *extra]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"audit failed: {' '.join(command)}")
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--hints", action="store_true",
                        help="both runs with --min-severity hint (the word models then run too)")
    args = parser.parse_args()
    shown = ["--min-severity", "hint"] if args.hints else []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "feed.txt"
        path.write_text(corpus(args.words), encoding="utf-8")
        runs: dict[str, list[tuple[float, float]]] = {"without QE": [], "with QE": []}
        for _ in range(args.repeat):
            runs["without QE"].append(measure(path, ["--qe-model", "off", *shown]))
            runs["with QE"].append(measure(path, shown))
    words = len(path.name) and args.words
    best = {name: (min(r[0] for r in rs), max(r[1] for r in rs)) for name, rs in runs.items()}
    print(f"~{words} words of real MT, auditor check --no-grammar{' --min-severity hint' if args.hints else ''},"
          f" best of {args.repeat}")
    print("| run | wall s | peak RSS MB |")
    print("|---|---|---|")
    for name, (seconds, memory) in best.items():
        print(f"| {name} | {seconds:.1f} | {memory:.0f} |")
    (base_s, base_m), (qe_s, qe_m) = best["without QE"], best["with QE"]
    print(f"ratio wall {qe_s / base_s:.2f}x, memory +{qe_m - base_m:.0f} MB")


if __name__ == "__main__":
    main()
