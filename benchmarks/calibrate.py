"""Choose the scoring constants by measurement on the DEMETR dev split.

Runs the real ``auditor check --lines --format json`` once (target only), then
re-scores every sentence from its findings under a grid of scoring models:
severity weights (minor fixed at 1), the length floor ``min_words``, readability's
share, and a length exponent (1 = penalty per word, 0 = no length normalisation).
For each model it reports the macro-average pairwise accuracy over all
perturbation types, how often the human translation scores below the MT, and
severity agreement: when two perturbations of the same sentence are both
caught, how often the one DEMETR rates more severe (minor < major < critical)
scores lower.

Usage::

    python -m benchmarks.calibrate [--data DIR] [--limit N] [--no-grammar] [--top 10]
"""

from __future__ import annotations

import argparse
import itertools
import math
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.quality import DEFAULT_DATA, HUMAN, Item, load_items, pairwise_accuracy, run_auditor

#: Finding summaries per sentence: (severity, is_readability).
Summary = list[tuple[str, bool]]


@dataclass(frozen=True)
class Model:
    """One candidate scoring model."""

    major: float
    critical: float
    min_words: int
    readability_share: float
    length_power: float

    def score(self, findings: Summary, words: int) -> float:
        weights = {"minor": 1.0, "major": self.major, "critical": self.critical}
        penalty = sum(weights[s] * (self.readability_share if r else 1.0) for s, r in findings)
        return round(100.0 * math.exp(-penalty / max(words, self.min_words) ** self.length_power), 3)


def evaluate(model: Model, kinds: Mapping[str, list[Item]], sentences: Mapping[str, tuple[Summary, int]]
             ) -> tuple[float, float, dict[str, float]]:
    """(macro accuracy over perturbation types, human-below-MT rate, per-type accuracy)."""
    cache: dict[str, float] = {}

    def score(text: str) -> float:
        if text not in cache:
            findings, words = sentences[text]
            cache[text] = model.score(findings, words)
        return cache[text]

    per_type = {}
    for kind, items in kinds.items():
        value = pairwise_accuracy((score(i.mt), score(i.pert)) for i in items)
        if value is not None:
            per_type[kind] = value
    human = per_type.pop(HUMAN, 0.0)
    return sum(per_type.values()) / max(len(per_type), 1), human, severity_agreement(kinds, score)


_RANK = {"minor": 1, "major": 2, "critical": 3}


def severity_agreement(kinds: Mapping[str, list[Item]], score) -> float:
    """Across perturbations of the same MT that both lower its score, the share of pairs of
    different DEMETR severity where the more severe perturbation scores strictly lower."""
    by_id: dict[int, list[tuple[int, float]]] = {}
    for kind, items in kinds.items():
        rank = _RANK.get(kind.split("_")[0])
        if rank is None:
            continue
        for item in items:
            mt, pert = score(item.mt), score(item.pert)
            if pert < mt:
                by_id.setdefault(item.id, []).append((rank, pert))
    agree = total = 0
    for found in by_id.values():
        for (rank_a, a), (rank_b, b) in itertools.combinations(found, 2):
            if rank_a == rank_b:
                continue
            total += 1
            agree += (a < b) if rank_a > rank_b else (b < a)
    return agree / total if total else 0.0


def grid() -> list[Model]:
    """The candidate models."""
    return [
        Model(major, critical, min_words, share, power)
        for major, critical, min_words, share, power in itertools.product(
            (2.0, 3.0, 5.0, 8.0), (10.0, 25.0, 50.0), (1, 5, 10, 20), (0.1, 0.25, 0.5, 1.0), (0.0, 0.5, 1.0)
        )
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--no-grammar", action="store_true")
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args(argv)
    kinds = load_items(args.data, args.limit)
    texts = sorted({t for items in kinds.values() for i in items for t in (i.mt, i.pert)})
    with tempfile.TemporaryDirectory(prefix="auditor-calibrate-") as tmp:
        flags = ["--no-grammar"] if args.no_grammar else []
        results = run_auditor(texts, {}, flags, Path(tmp), "calibrate")
    sentences = {
        r["text"]: ([(f["severity"], f["category"] == "readability") for f in r["findings"]],
                    r.get("words", 0))
        for r in results
    }
    rows = [(model, *evaluate(model, kinds, sentences)) for model in grid()]
    rows.sort(key=lambda row: (-round(row[1], 4), row[2], -row[3]))
    current = next(r for r in rows if r[0] == Model(5.0, 25.0, 10, 1.0, 1.0))
    print("major critical min_words readability length_power | macro-accuracy human<MT severity-agreement")
    for model, macro, human, agreement in [*rows[: args.top], current]:
        print(f"{model.major:5g} {model.critical:8g} {model.min_words:9d} {model.readability_share:11g} "
              f"{model.length_power:12g} | {100 * macro:14.2f} {100 * human:8.1f} {100 * agreement:18.1f}"
              + ("   (current)" if model == current[0] else ""))
    print("\nEach constant alone, the others at the current model (macro-accuracy / human<MT / agreement):")
    for name in ("major", "critical", "min_words", "readability_share", "length_power"):
        cells = []
        for model, macro, human, agreement in rows:
            others = {k: v for k, v in vars(model).items() if k != name}
            if others == {k: v for k, v in vars(current[0]).items() if k != name}:
                cells.append((getattr(model, name), f"{getattr(model, name):g}: {100 * macro:.2f} / "
                              f"{100 * human:.1f} / {100 * agreement:.1f}"))
        print(f"  {name}: " + "; ".join(cell for _, cell in sorted(cells)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
