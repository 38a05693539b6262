"""Train the QE models with LightGBM and write them as one text bundle (gzip'd JSON, no pickle).

The bundle holds, for each mode (``target``: the translation alone; ``source``: with its source),
a regressor of HTER, a regressor of direct-assessment quality (z score) and a word classifier
(the post-editor changed this word), each as LightGBM's own text model, plus the feature names,
the word threshold chosen on dev, the data's SHA-256 and the dev correlations measured at training.
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from auditor.qe.dataset import WORD_CONTEXT, WORD_FEATURES
from auditor.qe.features import SOURCE_FEATURES, TARGET_FEATURES

LANGS = ("ro", "et", "ru", "ne", "si")
SENTENCE_PARAMS = {
    "objective": "regression", "learning_rate": 0.05, "max_bin": 63, "num_leaves": 15, "min_data_in_leaf": 40,
    "feature_fraction": 0.8, "bagging_fraction": 0.8, "bagging_freq": 1, "lambda_l2": 1.0,
    "verbose": -1, "num_threads": 1, "seed": 13, "deterministic": True, "force_row_wise": True,
}
WORD_PARAMS = {**SENTENCE_PARAMS, "objective": "binary", "num_leaves": 31, "min_data_in_leaf": 100,
               "learning_rate": 0.1}
MAX_ROUNDS = 1000
#: Word feature: the sentence model's predicted HTER (out-of-fold on train), so words inherit the verdict.
SENTENCE_HTER = "s_hter"
#: Word rows the word classifier trains on (a seeded sample: the full 400k rows add little but time).
WORD_SAMPLE = 120_000


def sentence_feature_names(mode: str) -> list[str]:
    """The sentence model's input columns for ``mode``."""
    if mode == "target":
        return list(TARGET_FEATURES)
    return [*TARGET_FEATURES, *SOURCE_FEATURES, *(f"lang_{lang}" for lang in LANGS)]


def word_feature_names(mode: str) -> list[str]:
    """The word model's input columns for ``mode``."""
    names = [*WORD_FEATURES, *WORD_CONTEXT, SENTENCE_HTER]
    if mode == "target":
        drop = {"w_coverage", "src_coverage", "tgt_coverage", "e5_cosine", "ratio_words", "copied_share"}
        return [n for n in names if n not in drop]
    return [*names, *(f"lang_{lang}" for lang in LANGS)]


def best_threshold(truth: np.ndarray, probability: np.ndarray) -> float:
    """The probability threshold with the highest MCC."""
    return float(max(np.arange(0.1, 0.75, 0.025), key=lambda t: mcc(truth, probability >= t)))


def lang_columns(lang: str | None, rows: int, langs: Sequence[str] = LANGS) -> np.ndarray:
    """``rows`` copies of the one-hot of ``lang`` over ``langs`` (all zero for a language not among them)."""
    out = np.zeros((rows, len(langs)))
    if lang in langs:
        out[:, list(langs).index(lang)] = 1.0
    return out


def select(matrix: np.ndarray, all_names: Sequence[str], names: Sequence[str]) -> np.ndarray:
    """Columns ``names`` of ``matrix`` whose columns are ``all_names``."""
    index = {name: k for k, name in enumerate(all_names)}
    return matrix[:, [index[name] for name in names]]


def pearson(a: Sequence[float], b: Sequence[float]) -> float:
    """Pearson correlation (nan when either side is constant)."""
    x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if x.std() == 0 or y.std() == 0:
        return math.nan
    return float(np.corrcoef(x, y)[0, 1])


def mcc(truth: Sequence[bool], predicted: Sequence[bool]) -> float:
    """Matthews correlation of two boolean labelings."""
    t, p = np.asarray(truth, dtype=bool), np.asarray(predicted, dtype=bool)
    tp, tn = float(np.sum(t & p)), float(np.sum(~t & ~p))
    fp, fn = float(np.sum(~t & p)), float(np.sum(t & ~p))
    denominator = math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    return (tp * tn - fp * fn) / denominator if denominator else 0.0


@dataclass
class Split:
    """Model inputs and targets of one split (pairs pooled)."""

    sentences: dict[str, np.ndarray]  # mode -> matrix
    hter: np.ndarray
    da: np.ndarray
    words: dict[str, np.ndarray]
    word_bad: np.ndarray


def out_of_fold(x: np.ndarray, y: np.ndarray, dx: np.ndarray, dy: np.ndarray, names: list[str],
                folds: int = 5, fold: np.ndarray | None = None, params: dict | None = None) -> np.ndarray:
    """Predictions for every train row from a model that did not see it (k-fold by row index, or ``fold``)."""
    import lightgbm as lgb

    result = np.zeros(len(x))
    fold = np.arange(len(x)) % folds if fold is None else fold
    for k in range(folds):
        booster = lgb.Booster(model_str=fit_regressor(x[fold != k], y[fold != k], dx, dy, names, params))
        result[fold == k] = booster.predict(x[fold == k])
    return result


def fit_regressor(x: np.ndarray, y: np.ndarray, dx: np.ndarray, dy: np.ndarray, names: list[str],
                  params: dict | None = None) -> str:
    """A LightGBM regressor (rounds chosen by early stopping on dev), as model text (``params``: overrides)."""
    import lightgbm as lgb

    train = lgb.Dataset(x, y, feature_name=names, free_raw_data=False)
    dev = lgb.Dataset(dx, dy, reference=train)
    booster = lgb.train(
        {**SENTENCE_PARAMS, **(params or {})}, train, MAX_ROUNDS, valid_sets=[dev],
        callbacks=[lgb.early_stopping(60, verbose=False)],
    )
    return booster.model_to_string(num_iteration=booster.best_iteration)


def fit_word_classifier(
    x: np.ndarray, y: np.ndarray, dx: np.ndarray, dy: np.ndarray, names: list[str]
) -> tuple[str, float]:
    """A LightGBM word classifier and the probability threshold that maximises MCC on dev."""
    import lightgbm as lgb

    if len(x) > WORD_SAMPLE:
        keep = np.random.default_rng(13).choice(len(x), WORD_SAMPLE, replace=False)
        x, y = x[keep], y[keep]
    train = lgb.Dataset(x, y.astype(float), feature_name=names, free_raw_data=False)
    dev = lgb.Dataset(dx, dy.astype(float), reference=train)
    booster = lgb.train(
        WORD_PARAMS, train, 400, valid_sets=[dev], callbacks=[lgb.early_stopping(30, verbose=False)]
    )
    text = booster.model_to_string(num_iteration=booster.best_iteration)
    probability = booster.predict(dx, num_iteration=booster.best_iteration)
    return text, best_threshold(dy, probability)


def write_bundle(path: Path, bundle: dict) -> None:
    """Write a model bundle (gzip'd JSON; deterministic bytes for the same content)."""
    data = json.dumps(bundle, sort_keys=True).encode("utf-8")
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as handle:
        handle.write(data)


def read_bundle(path: Path) -> dict:
    """Read a model bundle written by :func:`write_bundle`."""
    with gzip.open(path, "rb") as handle:
        return json.loads(handle.read().decode("utf-8"))
