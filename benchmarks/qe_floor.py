"""Where a quality estimate starts to mean something: its distribution on correct sentences.

The post-edits of MLQE-PE **train** are correct by construction (a professional fixed every error).
For each model of the shipped bundle (target only; with source), this prints the quantiles of the
estimated HTER on the first N post-edits of each pair. The score counts an estimate only from the
90th percentile on (``SCORE_FLOORS`` in ``auditor/qe/model.py``): below it an estimate says nothing a
correct sentence would not also get.

    python -m benchmarks.qe_floor [--target-per-pair 1500] [--source-per-pair 300] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # script or module
from auditor.bilingual.detok import detokenize
from auditor.qe.data import default_root
from auditor.qe.fit import LANGS
from auditor.qe.model import SCORE_FLOORS, qe_model, source_languages

QUANTILES = (0.5, 0.8, 0.9, 0.95)


def post_edits(lang: str, limit: int, root: Path) -> tuple[list[str], list[str]]:
    """The first ``limit`` post-edits of ``lang``-en train and their sources, detokenised."""
    folder = root / "post-editing" / f"{lang}-en-train"

    def lines(name: str) -> list[str]:
        raw = (folder / name).read_text(encoding="utf-8").splitlines()[:limit]
        return [detokenize(line.split())[0] for line in raw]

    return lines("train.pe"), lines("train.src")


def quantiles(values: np.ndarray) -> dict[str, float]:
    """The quantiles of ``values``."""
    out = {f"q{int(q * 100)}": round(float(np.quantile(values, q)), 3) for q in QUANTILES}
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target-per-pair", type=int, default=1500)
    parser.add_argument("--source-per-pair", type=int, default=300, help="with source (the e5 encoder is slow)")
    parser.add_argument("--modes", default="target,source")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    root = default_root()
    model = qe_model(None, word_hints=False)
    known = source_languages(model.load()["modes"]["source"])
    result: dict[str, dict] = {}
    for mode, limit in (("target", args.target_per_pair), ("source", args.source_per_pair)):
        if mode not in args.modes.split(","):
            continue
        pooled = []
        result[mode] = {}
        # the source model reads only the source languages it was trained on (the others get target mode)
        for lang in (LANGS if mode == "target" else [x for x in LANGS if x in known]):
            texts, sources = post_edits(lang, limit, root)
            estimates = model.predict(texts, sources if mode == "source" else None, lang)
            assert all(e.mode == mode for e in estimates)
            hter = np.array([e.hter for e in estimates])
            pooled.append(hter)
            row = {**quantiles(hter), "at_or_above_floor": round(float((hter >= SCORE_FLOORS[mode]).mean()), 3)}
            result[mode][lang] = row
            print(f"{mode:6} {lang}: {row}", flush=True)
        every = np.concatenate(pooled)
        result[mode]["all"] = {**quantiles(every),
                               "at_or_above_floor": round(float((every >= SCORE_FLOORS[mode]).mean()), 3)}
        print(f"{mode:6} all: {result[mode]['all']} (floor {SCORE_FLOORS[mode]})", flush=True)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
