"""Retrain the QE model on a newsroom's own machine translations and their post-edits.

The labels come from the post-edits: sentence HTER (sacrebleu TER of the MT against its final
version) and, per MT word, whether the editor changed it (:func:`auditor.bilingual.postedit.word_edits`).
The shipped model is the starting point: LightGBM continues boosting from it on the new data
(``init_model``), so a few hundred edited segments shift it towards the newsroom's own edits without
forgetting what it learned from MLQE-PE. The last ``dev_share`` of the segments is held out and the
Pearson correlation with HTER and the word MCC on it are reported before and after.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from auditor.bilingual.postedit import compare_segments, word_edits
from auditor.errors import AuditorError
from auditor.qe import features as qf
from auditor.qe.fit import (
    SENTENCE_PARAMS,
    WORD_PARAMS,
    lang_columns,
    mcc,
    pearson,
    read_bundle,
    write_bundle,
)
from auditor.qe.model import source_languages, word_inputs

ROUNDS = 200
MIN_SEGMENTS = 20


@dataclass(frozen=True)
class PostEdited:
    """One MT segment, its post-edit and (optionally) its source."""

    mt: str
    postedit: str
    source: str | None = None


@dataclass
class Matrices:
    """Model inputs and labels of a set of segments."""

    sentences: np.ndarray
    hter: np.ndarray
    words: np.ndarray
    word_bad: np.ndarray


def _bad_words(mt: str, postedit: str, table: list[qf.Word]) -> list[bool]:
    edited = [(e.mt_start, e.mt_end) for e in word_edits(mt, postedit) if e.op in ("replace", "delete")]
    return [any(a < w.end and w.start < b for a, b in edited) for w in table]


def matrices(segments: list[PostEdited], spec: dict, mode: str, lang: str | None) -> Matrices:
    """Feature rows (as the model ``spec`` wants them) and labels of ``segments``."""
    hter = [edit.hter for edit in compare_segments([s.mt for s in segments], [s.postedit for s in segments])]
    lexicon = qf.qe_lexicon(lang) if (mode == "source" and lang) else None
    e5 = qf.e5_similarity([s.source or "" for s in segments], [s.mt for s in segments]) if mode == "source" else None
    base = [n for n in spec["sentence_features"] if not n.startswith("lang_")]
    import lightgbm as lgb

    rows, pending, bad = [], [], []
    for k, segment in enumerate(segments):
        table = qf.word_table(segment.mt)
        row = qf.target_features(segment.mt, table)
        flags = [math.nan] * len(table)
        if mode == "source":
            source = segment.source or ""
            row.update(qf.source_features(source, segment.mt, table, lexicon, e5[k] if e5 else None))
            flags = qf.target_coverage_flags(source, table, lexicon)
        rows.append([row.get(n, math.nan) for n in base])
        pending.append((table, flags, row))
        bad.extend(_bad_words(segment.mt, segment.postedit, table))
    x = np.array(rows, dtype=np.float64)
    if mode == "source":
        x = np.hstack([x, lang_columns(lang, len(x))])
    predicted = lgb.Booster(model_str=spec["hter"]).predict(x) if len(x) else []
    word_matrix = [r for (table, flags, row), h in zip(pending, predicted, strict=True)
                   for r in word_inputs(table, flags, row, spec, lang, float(h))]
    return Matrices(x, np.array(hter, dtype=np.float64), np.array(word_matrix, dtype=np.float64),
                    np.array(bad, dtype=bool))


@dataclass(frozen=True)
class Outcome:
    """Held-out scores before and after retraining."""

    mode: str
    train_segments: int
    dev_segments: int
    before: dict[str, float]
    after: dict[str, float]


def _scores(hter_model, word_model, threshold: float, data: Matrices) -> dict[str, float]:
    return {
        "pearson_hter": pearson(hter_model.predict(data.sentences), data.hter),
        "word_mcc": mcc(data.word_bad, word_model.predict(data.words) >= threshold),
    }


def retrain(
    segments: list[PostEdited], base: Path, output: Path, lang: str | None, dev_share: float = 0.2
) -> Outcome:
    """Continue training ``base``'s models on ``segments``; write the result to ``output``."""
    import lightgbm as lgb

    if len(segments) < MIN_SEGMENTS:
        raise AuditorError(f"need at least {MIN_SEGMENTS} post-edited segments to train, got {len(segments)}")
    mode = "source" if all(s.source for s in segments) else "target"
    bundle = read_bundle(base)
    spec = bundle["modes"][mode]
    cut = max(1, round(len(segments) * (1 - dev_share)))
    train, dev = matrices(segments[:cut], spec, mode, lang), matrices(segments[cut:], spec, mode, lang)
    old_hter, old_word = lgb.Booster(model_str=spec["hter"]), lgb.Booster(model_str=spec["word"])
    threshold = spec.get("word_thresholds", {}).get(lang or "", spec["word_threshold"])
    before = _scores(old_hter, old_word, threshold, dev)
    params = {**SENTENCE_PARAMS, "learning_rate": 0.02}
    new_hter = lgb.train(params, lgb.Dataset(train.sentences, train.hter, feature_name=spec["sentence_features"]),
                         ROUNDS, init_model=old_hter, keep_training_booster=True)
    new_word = lgb.train({**WORD_PARAMS, "learning_rate": 0.02},
                         lgb.Dataset(train.words, train.word_bad.astype(float), feature_name=spec["word_features"]),
                         ROUNDS, init_model=old_word, keep_training_booster=True)
    after = _scores(new_hter, new_word, threshold, dev)
    spec = {**spec, "hter": new_hter.model_to_string(), "word": new_word.model_to_string()}
    # The edit-rate word models (auditor.qe.wordlex) learned MLQE-PE's editors and read the old HTER
    # estimate: the newsroom's retrained word classifier replaces them (the runtime falls back to it).
    spec.pop("wordlex", None)
    if mode == "source":  # the newsroom's source language joins the ones the model knows ("*": unnamed)
        spec["source_langs"] = sorted(source_languages(spec) | {lang or "*"})
    bundle["modes"][mode] = spec
    bundle["retrained"] = {
        "segments": len(segments), "dev_segments": len(segments) - cut, "lang": lang, "mode": mode,
        "before": before, "after": after,
    }
    write_bundle(output, bundle)
    return Outcome(mode, cut, len(segments) - cut, before, after)
