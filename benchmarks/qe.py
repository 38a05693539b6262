"""QE benchmark on MLQE-PE dev: does the score rank sentences the way judges and post-editors do?

Per pair (ro-en, et-en, ru-en) on the dev split, through the real audit pipeline
(:func:`auditor.run.pipeline.audit_document`, own checks, no LanguageTool):

* Pearson and Spearman of each signal with direct assessment (DA z_mean) and with HTER
  (signs turned so that a good signal is positive for DA and for HTER alike: quality-like
  signals are compared with DA as they are and with HTER negated);
* word level: MCC and F1 of BAD (the post-editor changed the word), MLQE tokens, a token
  predicted BAD when a finding of the run overlaps it.

Signals: ``old score`` (findings only, as before QE), ``QE target`` / ``QE source`` (the
estimate's predicted HTER, negated; for words also ``QE target, language named``: no source, but
``--source-lang`` named, which picks the word model told the language), ``score target`` / ``score source`` (the combined sentence
score), ``length`` (MT words, negated), ``model_scores`` (the MT system's own log-probability:
an anchor users never have, never a feature).

    python -m benchmarks.qe [--pairs ro,et,ru] [--limit N] [--json PATH] [--markdown PATH]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # script or module

from auditor.checks import CheckOptions, build_checks
from auditor.models import Document, Severity
from auditor.qe.data import Segment, load_split
from auditor.qe.features import E5_EMBEDDING_MEMO, E5_MEMO
from auditor.qe.fit import mcc, pearson
from auditor.qe.model import RULE, QEModel
from auditor.run.pipeline import audit_document
from auditor.score.scoring import ScoringModel

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_JSON = ROOT / "benchmarks" / "results" / "qe.json"


def spearman(a: list[float], b: list[float]) -> float:
    """Spearman's rank correlation (average ranks for ties)."""
    return pearson(_ranks(a), _ranks(b))


def _ranks(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda k: values[k])
    ranks = [0.0] * len(values)
    k = 0
    while k < len(order):
        end = k
        while end + 1 < len(order) and values[order[end + 1]] == values[order[k]]:
            end += 1
        for j in range(k, end + 1):
            ranks[order[j]] = (k + end) / 2
        k = end + 1
    return ranks


def run(segments: list[Segment], lang: str, qe: QEModel | None, with_source: bool, named: bool = False):
    """Audit the MT lines of ``segments`` as one line-per-segment document.

    ``named``: the source language is named (``--source-lang``) but no source is given.
    """
    document = Document(path=f"mlqe-{lang}", text="\n".join(s.mt for s in segments), lines=True)
    if named:
        document.source_lang = lang
    if with_source:
        document.source_segments = [s.source for s in segments]
        document.source_lang = lang
    checks = build_checks(CheckOptions(grammar=False))
    return audit_document(document, checks, ScoringModel(qe=qe))


def word_labels(segments: list[Segment], result, only: str | None) -> tuple[list[bool], list[bool]]:
    """Truth and prediction per MLQE token: predicted BAD when a (``only``-rule) finding overlaps it."""
    truth, predicted = [], []
    for segment, sentence in zip(segments, result.sentences, strict=True):
        spans = [
            (f.start - sentence.sentence.start, f.end - sentence.sentence.start)
            for f in sentence.findings
            if (f.rule == only if only else f.severity is not Severity.HINT)
        ]
        for (a, b), bad in zip(segment.mt_spans, segment.word_bad, strict=False):
            truth.append(bad)
            predicted.append(any((s < b and a < e) or (s == e and a <= s < b) for s, e in spans))
    return truth, predicted


def f1_bad(truth: list[bool], predicted: list[bool]) -> float:
    """F1 of the BAD class."""
    t, p = np.asarray(truth), np.asarray(predicted)
    tp = float(np.sum(t & p))
    return 2 * tp / float(np.sum(t) + np.sum(p)) if (np.sum(t) + np.sum(p)) else 0.0


def preload_e5(segments: list[Segment], lang: str, cache: Path | None) -> None:
    """Reuse the e5 similarities and embeddings ``python -m auditor.qe.build`` cached (the same computation,
    done once)."""
    path = cache / f"e5-{lang}-dev.npy" if cache else None
    if path is None or not path.exists():
        return
    values = np.load(path)
    for segment, value in zip(segments, values, strict=False):
        E5_MEMO[(segment.source, segment.mt)] = float(value)
    from auditor.qe.build import embedding_cache

    embedded = embedding_cache(lang, "dev", cache)
    if embedded.exists():  # the target-only word model's sentence input, cached by the build
        for segment, vector in zip(segments, np.load(embedded), strict=False):
            E5_EMBEDDING_MEMO[segment.mt] = vector.astype(np.float64)


def evaluate(lang: str, limit: int | None, e5_cache: Path | None = None) -> dict:
    """Every signal's correlations and word scores on one pair's dev split."""
    segments = load_split(lang, "dev")[:limit]
    preload_e5(segments, lang, e5_cache)
    da = [s.da for s in segments]
    hter = [s.hter for s in segments]
    qe = QEModel()
    started = time.perf_counter()
    old = run(segments, lang, None, False)
    target = run(segments, lang, qe, False)
    source = run(segments, lang, qe, True)
    named = run(segments, lang, qe, False, named=True)
    seconds = time.perf_counter() - started
    signals = {
        "old score": [s.score for s in old.sentences],
        "QE target": [-s.qe.hter for s in target.sentences],
        "QE source": [-s.qe.hter for s in source.sentences],
        "QE target (DA head)": [s.qe.quality for s in target.sentences],
        "QE source (DA head)": [s.qe.quality for s in source.sentences],
        "score target": [s.score for s in target.sentences],
        "score source": [s.score for s in source.sentences],
        "length": [-float(len(s.mt_tokens)) for s in segments],
        "model_scores (anchor)": [s.anchor for s in segments],
    }
    rows = {}
    for name, values in signals.items():
        rows[name] = {
            "pearson_da": pearson(values, da),
            "spearman_da": spearman(values, da),
            "pearson_hter": pearson(values, [-h for h in hter]),
            "spearman_hter": spearman(values, [-h for h in hter]),
        }
    words = {}
    for name, result, only in (("old findings", old, None), ("QE target", target, RULE),
                               ("QE target, language named", named, RULE), ("QE source", source, RULE)):
        truth, predicted = word_labels(segments, result, only)
        words[name] = {"mcc": mcc(truth, predicted), "f1_bad": f1_bad(truth, predicted),
                       "flagged": float(np.mean(predicted))}
    return {"segments": len(segments), "seconds": round(seconds, 1), "sentence": rows, "word": words}


def markdown(results: dict) -> str:
    """The grid as Markdown tables."""
    out = []
    for lang, result in results.items():
        out.append(f"### {lang}-en dev ({result['segments']} segments)\n")
        out.append("| signal | Pearson DA | Spearman DA | Pearson HTER | Spearman HTER |")
        out.append("|---|---|---|---|---|")
        for name, row in result["sentence"].items():
            cells = " | ".join(f"{row[k]:.3f}" for k in ("pearson_da", "spearman_da", "pearson_hter", "spearman_hter"))
            out.append(f"| {name} | {cells} |")
        out.append("\n| words | MCC | F1 BAD | share flagged |")
        out.append("|---|---|---|---|")
        for name, row in result["word"].items():
            out.append(f"| {name} | {row['mcc']:.3f} | {row['f1_bad']:.3f} | {row['flagged']:.3f} |")
        out.append("")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", default="ro,et,ru")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON)
    parser.add_argument("--markdown", type=Path, default=None)
    parser.add_argument("--e5-cache", type=Path, default=Path("/tmp/auditor-qe"),
                        help="where `python -m auditor.qe.build` cached e5 similarities (computed afresh if absent)")
    args = parser.parse_args()
    results = {lang: evaluate(lang, args.limit, args.e5_cache) for lang in args.pairs.split(",")}
    clean = json.loads(json.dumps(results, default=float), parse_constant=lambda _: None)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(clean, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    table = markdown(results)
    if args.markdown:
        args.markdown.write_text(table + "\n", encoding="utf-8")
    print(table)
    if any(math.isnan(r["sentence"]["QE source"]["pearson_da"]) for r in results.values()):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
