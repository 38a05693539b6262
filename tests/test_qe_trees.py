"""The NumPy tree evaluator equals LightGBM on the shipped models, and audits never import LightGBM."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from auditor.qe.fit import read_bundle
from auditor.qe.model import DEFAULT_BUNDLE
from auditor.qe.trees import Forest, ForestFormatError

lgb = pytest.importorskip("lightgbm")


def _rows(n: int, features: int, seed: int) -> np.ndarray:
    """Rows that reach every kind of branch: ordinary values, NaN (missing) and exact zeros."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, features)) * 3 + 0.5
    x[rng.random(x.shape) < 0.1] = np.nan
    x[rng.random(x.shape) < 0.05] = 0.0
    return x


@pytest.mark.parametrize("mode", ["target", "source"])
@pytest.mark.parametrize("model", ["hter", "da", "word"])
def test_shipped_models_predict_exactly_as_lightgbm(mode: str, model: str) -> None:
    text = read_bundle(DEFAULT_BUNDLE)["modes"][mode][model]
    booster, forest = lgb.Booster(model_str=text), Forest.parse(text)
    x = _rows(3000, booster.num_feature(), seed=len(mode) + len(model))  # > one ROW_CHUNK
    assert forest.num_trees == booster.num_trees()
    np.testing.assert_allclose(forest.predict(x), booster.predict(x, num_threads=1), rtol=0, atol=1e-12)


@pytest.mark.parametrize("model", ["any", "named"])
@pytest.mark.parametrize("part", ["model", "hter", "da"])
def test_target_only_word_models_predict_exactly_as_lightgbm(model: str, part: str) -> None:
    text = read_bundle(DEFAULT_BUNDLE)["modes"]["target"]["wordlex"][model][part]
    booster, forest = lgb.Booster(model_str=text), Forest.parse(text)
    x = _rows(2500, booster.num_feature(), seed=len(model) * 7 + len(part))
    np.testing.assert_allclose(forest.predict(x), booster.predict(x, num_threads=1), rtol=0, atol=1e-12)


def test_contributions_sum_to_the_raw_score_and_follow_the_features_that_decide() -> None:
    text = read_bundle(DEFAULT_BUNDLE)["modes"]["target"]["hter"]
    booster, forest = lgb.Booster(model_str=text), Forest.parse(text)
    x = _rows(200, booster.num_feature(), seed=7)
    saabas = forest.contributions(x)
    np.testing.assert_allclose(saabas.sum(axis=1), booster.predict(x, raw_score=True, num_threads=1), atol=1e-12)
    shap = booster.predict(x, pred_contrib=True, num_threads=1)
    # two attributions of the same trees: they agree on which features push, and how hard
    assert np.corrcoef(saabas[:, :-1].ravel(), shap[:, :-1].ravel())[0, 1] > 0.85


def test_head_keeps_the_first_trees() -> None:
    text = read_bundle(DEFAULT_BUNDLE)["modes"]["target"]["da"]
    booster, forest = lgb.Booster(model_str=text), Forest.parse(text)
    x = _rows(50, booster.num_feature(), seed=3)
    np.testing.assert_allclose(forest.head(40).raw(x), booster.predict(x, raw_score=True, num_iteration=40), atol=1e-12)


def test_a_trained_binary_model_with_missing_values_and_single_leaf_trees() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 3))
    x[rng.random(x.shape) < 0.2] = np.nan
    y = (np.nan_to_num(x[:, 0]) + 0.5 * np.isnan(x[:, 1]) > 0.2).astype(int)
    booster = lgb.train({"objective": "binary", "num_leaves": 7, "verbose": -1, "min_data_in_leaf": 5,
                         "zero_as_missing": False}, lgb.Dataset(x, y), num_boost_round=30)
    forest = Forest.parse(booster.model_to_string())
    probe = np.vstack([x, np.zeros((5, 3)), np.full((5, 3), np.nan)])
    np.testing.assert_allclose(forest.predict(probe), booster.predict(probe), atol=1e-12)


def test_unsupported_models_are_refused() -> None:
    rng = np.random.default_rng(1)
    x, y = rng.normal(size=(300, 2)), rng.integers(0, 3, 300)
    booster = lgb.train({"objective": "multiclass", "num_class": 3, "verbose": -1}, lgb.Dataset(x, y), 3)
    with pytest.raises(ForestFormatError):
        Forest.parse(booster.model_to_string())
    with pytest.raises(ForestFormatError):
        Forest.parse("tree\nversion=v4\nobjective=regression\n")
    x = np.where(rng.random((300, 2)) < 0.3, 0.0, x)
    zero_missing = lgb.train({"objective": "regression", "zero_as_missing": True, "verbose": -1},
                             lgb.Dataset(x, x[:, 0] + (x[:, 1] == 0)), 5)
    assert "decision_type=" in zero_missing.model_to_string()
    with pytest.raises(ForestFormatError, match="zero-as-missing"):
        Forest.parse(zero_missing.model_to_string())


def test_an_audit_imports_neither_lightgbm_nor_scipy(tmp_path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("The minister said the talks would resume on Monday. It said the the plan was ready.\n"
                     "The committee shall meet again on Monday to discuss the budget of the centre.\n")
    probe = (
        "import sys; from auditor.cli import app\n"
        "try:\n    app(sys.argv[1:] + ['--no-grammar', '--no-cache', '--format', 'json', '--min-severity', 'hint'])\n"
        "except SystemExit:\n    pass\n"
        "assert 'lightgbm' not in sys.modules, 'lightgbm imported'\n"
        "assert 'scipy' not in sys.modules, 'scipy imported'\n"
        "print('clean')\n"
    )
    done = subprocess.run([sys.executable, "-c", probe, "check", str(story)], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "\"qe\"" in done.stdout and "qe-word" in done.stdout and done.stdout.rstrip().endswith("clean")
