"""Train the shipped QE models on MLQE-PE train, tune on dev: the one reproducible training command.

    .venv/bin/python -m auditor.qe.build [--root ../shared/eval/mlqe-pe] [--cache /tmp/auditor-qe]

Writes ``auditor/qe/models/qe-mlqe.json.gz`` with the SHA-256 of every data file read and the dev
correlations. Feature tables (and the e5 similarities, the slow part: ~15-60 ms a sentence pair) are
cached under ``--cache`` keyed by the data and feature code, so a rerun only retrains. The e5
similarity is computed for every dev segment and the first ``--e5-train`` train segments of each
pair (the rest are missing, which LightGBM routes down its learned default branch). The e5 embedding of
every MT segment (the target-only word model's sentence input, ~35-50 ms a segment) is cached there too.
"""

from __future__ import annotations

import argparse
import hashlib
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from auditor.qe import dataset, features, wordlex
from auditor.qe.data import data_hash, default_root, load_split
from auditor.qe.dataset import Table, build_table, token_labels
from auditor.qe.fit import (
    SENTENCE_HTER,
    WORD_PARAMS,
    best_threshold,
    fit_regressor,
    fit_word_classifier,
    lang_columns,
    mcc,
    out_of_fold,
    pearson,
    select,
    sentence_feature_names,
    word_feature_names,
    write_bundle,
)

PAIRS = ("ro", "et", "ru")
BUNDLE = Path(__file__).resolve().parent / "models" / "qe-mlqe.json.gz"
ALL_SENTENCE = [*features.TARGET_FEATURES, *features.SOURCE_FEATURES]
ALL_WORD = [*dataset.WORD_FEATURES, *dataset.WORD_CONTEXT]


def _code_hash() -> str:
    """Cache key of the feature code: its version and feature names (bump FEATURE_VERSION on a change)."""
    names = (features.FEATURE_VERSION, *ALL_SENTENCE, *ALL_WORD)
    return hashlib.sha256("|".join(names).encode()).hexdigest()[:12]


def e5_values(lang: str, split: str, cache: Path, limit: int, root: Path | None, compute: bool = True) -> np.ndarray:
    """e5 similarities of a split (nan beyond ``limit``), computed into ``cache`` as needed."""
    path = cache / f"e5-{lang}-{split}.npy"
    done = list(np.load(path)) if path.exists() else []
    segments = load_split(lang, split, root)
    want = min(limit, len(segments))
    while compute and len(done) < want:
        chunk = segments[len(done) : len(done) + 100]
        done.extend(features.e5_similarity([s.source for s in chunk], [s.mt for s in chunk]))
        np.save(path, np.array(done, dtype=np.float32))
    values = np.full(len(segments), np.nan)
    values[: min(len(done), len(segments))] = done[: len(segments)]
    values[want:] = np.nan
    return values


def embedding_cache(lang: str, split: str, cache: Path, root: Path | None = None) -> Path:
    """Where :func:`e5_embeddings` keeps a split's embeddings (named by the data's hash)."""
    return cache / f"e5-embedding-{lang}-{split}-{data_hash((lang,), (split,), root)[:12]}.npy"


def e5_embeddings(lang: str, split: str, cache: Path, root: Path | None) -> np.ndarray:
    """The e5 embedding of every MT segment of a split (the target-only word model's sentence input),
    computed into ``cache`` as needed (~35-50 ms a segment; an interrupted run resumes)."""
    path = embedding_cache(lang, split, cache, root)
    done = np.load(path) if path.exists() else np.zeros((0, features.E5_DIMENSIONS), dtype=np.float32)
    segments = load_split(lang, split, root)
    while len(done) < len(segments):
        chunk = segments[len(done) : len(done) + 200]
        done = np.vstack([done, features.e5_embeddings([s.mt for s in chunk]).astype(np.float32)])
        np.save(path, done)
    return done[: len(segments)].astype(np.float64)


def with_e5(tab: Table, e5: np.ndarray) -> Table:
    """``tab`` with its e5 columns (sentence and word context) filled from ``e5``."""
    sentences, words = tab.sentences.copy(), tab.words.copy()
    sentences[:, ALL_SENTENCE.index("e5_cosine")] = e5
    words[:, ALL_WORD.index("e5_cosine")] = e5[tab.word_sentence]
    return Table(sentences, tab.hter, tab.da, tab.anchor, words, tab.word_bad, tab.word_sentence, tab.word_spans)


def table(lang: str, split: str, cache: Path, e5_train: int, root: Path | None, compute: bool = True) -> Table:
    """The feature table of one pair's split (cached on disk), with the e5 similarities."""
    e5 = e5_values(lang, split, cache, e5_train if split == "train" else 10**9, root, compute)
    key = f"{lang}-{split}-{_code_hash()}-{data_hash((lang,), (split,), root)[:12]}"
    path = cache / f"table-{key}.npz"
    if path.exists():
        z = np.load(path)
        spans = [[tuple(s) for s in z["spans"][a:b]] for a, b in z["span_index"]]
        return with_e5(Table(z["sentences"], z["hter"], z["da"], z["anchor"], z["words"], z["word_bad"],
                             z["word_sentence"], spans), e5)
    result = build_table(load_split(lang, split, root), None, cross_fit=split == "train")
    flat = [s for spans in result.word_spans for s in spans]
    bounds = np.cumsum([0] + [len(s) for s in result.word_spans])
    np.savez(path, sentences=result.sentences, hter=result.hter, da=result.da, anchor=result.anchor,
             words=result.words, word_bad=result.word_bad, word_sentence=result.word_sentence,
             spans=np.array(flat, dtype=np.int64).reshape(-1, 2),
             span_index=np.stack([bounds[:-1], bounds[1:]], axis=1))
    return with_e5(result, e5)


def sentence_matrix(tab: Table, lang: str, mode: str) -> np.ndarray:
    """The sentence model's inputs for ``mode``."""
    names = sentence_feature_names(mode)
    base = [n for n in names if not n.startswith("lang_")]
    matrix = select(tab.sentences, ALL_SENTENCE, base)
    if mode == "source":
        matrix = np.hstack([matrix, lang_columns(lang, len(matrix))])
    return matrix


def word_matrix(tab: Table, mode: str, lang: str, sentence_hter: np.ndarray) -> np.ndarray:
    """The word model's inputs for ``mode`` (``sentence_hter``: predicted HTER per sentence)."""
    names = [n for n in word_feature_names(mode) if not n.startswith("lang_") and n != SENTENCE_HTER]
    matrix = np.hstack([select(tab.words, ALL_WORD, names), sentence_hter[tab.word_sentence][:, None]])
    if mode == "source":
        matrix = np.hstack([matrix, lang_columns(lang, len(matrix))])
    return matrix


#: LightGBM settings of the target-only word models (:mod:`auditor.qe.wordlex`).
WORDLEX_PARAMS = {**WORD_PARAMS, "learning_rate": 0.1, "num_leaves": 31, "min_data_in_leaf": 200,
                  "feature_fraction": 0.7}
#: The language one-hot of the ``named`` word model.
WORDLEX_LANG = [f"lang_{lang}" for lang in PAIRS]


@dataclass
class WordData:
    """The target words of one pair's split: tokens, BAD labels, sentence features, predicted HTER and DA."""

    sentences: list[tuple[list[features.Word], list[bool]]]
    rows: list[dict[str, float]]
    hter: np.ndarray  # the target-only sentence model's estimates (out of fold on train)
    da: np.ndarray
    truth: dict[str, np.ndarray]  # "hter", "da": the human labels
    embedding: np.ndarray  # each segment's e5 embedding (wordlex.EMBEDDING_FEATURES)

    def labels(self, target: str) -> np.ndarray:
        """The human HTER or DA of every sentence."""
        return self.truth[target]


def word_data(lang: str, split: str, root: Path | None, cache: Path) -> WordData:
    """Tokens, labels, fluency features and e5 embeddings of every MT segment of a split (sentence
    predictions unset)."""
    sentences, rows = [], []
    segments = load_split(lang, split, root)
    for segment in segments:
        words = features.word_table(segment.mt)
        sentences.append((words, token_labels(words, segment)))
        rows.append(features.target_features(segment.mt, words))
    truth = {"hter": np.array([s.hter for s in segments]), "da": np.array([s.da for s in segments])}
    return WordData(sentences, rows, np.zeros(len(rows)), np.zeros(len(rows)), truth,
                    e5_embeddings(lang, split, cache, root))


def _lex_estimates(train: dict[str, WordData], dev: dict[str, WordData], folds: list[wordlex.EditRates],
                   full: wordlex.EditRates) -> dict[str, dict[str, str]]:
    """The rate-informed sentence regressors of each word model (``named``: with the language one-hot).

    Their estimates go into each pair's rows as ``s_{hter,da}_lex_{any,named}`` (out of fold on train).
    HTER is fitted with LightGBM's cross-entropy objective (a share, 0-1), DA as a plain regression.
    """
    import lightgbm as lgb

    x = np.vstack([np.hstack([np.vstack([wordlex.sentence_inputs([s[0]], [r], folds[k % len(folds)])
                                         for k, (s, r) in enumerate(zip(train[lang].sentences, train[lang].rows,
                                                                        strict=True))]),
                              train[lang].embedding])
                   for lang in PAIRS])
    dx = np.vstack([wordlex.sentence_inputs([s[0] for s in dev[lang].sentences], dev[lang].rows, full,
                                            dev[lang].embedding)
                    for lang in PAIRS])
    sizes = np.cumsum([0] + [len(train[lang].rows) for lang in PAIRS])
    dsizes = np.cumsum([0] + [len(dev[lang].rows) for lang in PAIRS])
    fold = np.concatenate([np.arange(len(train[lang].rows)) % len(folds) for lang in PAIRS])
    onehot = np.vstack([lang_columns(lang, len(train[lang].rows), PAIRS) for lang in PAIRS])
    donehot = np.vstack([lang_columns(lang, len(dev[lang].rows), PAIRS) for lang in PAIRS])
    spec: dict[str, dict[str, str]] = {"any": {}, "named": {}}
    for name in ("any", "named"):
        tx, tdx = (np.hstack([x, onehot]), np.hstack([dx, donehot])) if name == "named" else (x, dx)
        names = [*wordlex.SENTENCE_FEATURES, *wordlex.EMBEDDING_FEATURES, *(WORDLEX_LANG if name == "named" else [])]
        for target in ("hter", "da"):
            y = np.concatenate([train[lang].labels(target) for lang in PAIRS])
            dy = np.concatenate([dev[lang].labels(target) for lang in PAIRS])
            params = {"objective": "cross_entropy"} if target == "hter" else {}
            if target == "hter":
                y, dy = np.clip(y, 0.0, 1.0), np.clip(dy, 0.0, 1.0)
            model = fit_regressor(tx, y, tdx, dy, names, params)
            oof = out_of_fold(tx, y, tdx, dy, names, len(folds), fold, params)  # sentence k: fold k % folds
            predicted = lgb.Booster(model_str=model).predict(tdx)
            for j, lang in enumerate(PAIRS):
                for k, row in enumerate(train[lang].rows):
                    row[f"s_{target}_lex_{name}"] = float(oof[sizes[j] + k])
                for k, row in enumerate(dev[lang].rows):
                    row[f"s_{target}_lex_{name}"] = float(predicted[dsizes[j] + k])
                print(f"wordlex {name} sentence {target} dev Pearson {lang}",
                      round(pearson(predicted[dsizes[j] : dsizes[j + 1]], dy[dsizes[j] : dsizes[j + 1]]), 4))
            spec[name][target] = model
    return spec


def wordlex_matrix(data: WordData, tables: list[wordlex.EditRates], lang: str | None
                   ) -> tuple[np.ndarray, np.ndarray]:
    """Word rows and BAD labels of ``data``; sentence ``k`` reads ``tables[k % len(tables)]``.

    With ``lang`` the rows end with the language one-hot (the ``named`` model).
    """
    blocks, labels = [], []
    for k, ((words, bad), row) in enumerate(zip(data.sentences, data.rows, strict=True)):
        if not words:
            continue
        name = "named" if lang is not None else "any"
        sentence = {**row, "s_hter": float(data.hter[k]), "s_da": float(data.da[k]),
                    "s_hter_lex": row[f"s_hter_lex_{name}"], "s_da_lex": row[f"s_da_lex_{name}"]}
        blocks.append(wordlex.word_inputs(words, sentence, tables[k % len(tables)],
                                          PAIRS if lang is not None else None, lang).astype(np.float32))
        labels.extend(bad)
    return np.vstack(blocks), np.array(labels, dtype=bool)


def target_word_data(x: np.ndarray, hter: np.ndarray, dx: np.ndarray, dhter: np.ndarray, da: np.ndarray,
                     dda: np.ndarray, hter_model: str, da_model: str, oof_hter: np.ndarray, names: list[str],
                     root: Path | None, cache: Path) -> tuple[dict[str, WordData], dict[str, WordData]]:
    """Every pair's train and dev words with the target-only sentence models' estimates (out of fold on train)."""
    import lightgbm as lgb

    oof_da = out_of_fold(x, da, dx, dda, names)
    dev_hter, dev_da = lgb.Booster(model_str=hter_model).predict(dx), lgb.Booster(model_str=da_model).predict(dx)
    train = {lang: word_data(lang, "train", root, cache) for lang in PAIRS}
    dev = {lang: word_data(lang, "dev", root, cache) for lang in PAIRS}
    for data, h, d in ((train, oof_hter, oof_da), (dev, dev_hter, dev_da)):
        start = 0
        for lang in PAIRS:
            end = start + len(data[lang].rows)
            data[lang].hter, data[lang].da = h[start:end], d[start:end]
            start = end
    return train, dev


def fit_wordlex(train: dict[str, WordData], dev: dict[str, WordData]) -> tuple[dict, dict[str, dict[str, float]]]:
    """The target-only word models (``any``, ``named``), their edit-rate table and dev MCC per pair.

    Train rows read edit rates learned out of fold (sentence ``k`` of each pair from the folds without
    ``k % FOLDS``); dev rows the table learned from all of train, the one that ships. Every token can
    be flagged (post-editors change punctuation too).
    """
    import lightgbm as lgb

    full = wordlex.EditRates.learn(s for lang in PAIRS for s in train[lang].sentences)
    folds = [wordlex.EditRates.learn(s for lang in PAIRS for k, s in enumerate(train[lang].sentences)
                                     if k % dataset.FOLDS != f) for f in range(dataset.FOLDS)]
    spec: dict = {"features": list(wordlex.FEATURES), "sentence_features": list(wordlex.SENTENCE_FEATURES),
                  "sentence_embedding": wordlex.EMBEDDING,
                  "langs": list(PAIRS), "rates": full.as_json(), **_lex_estimates(train, dev, folds, full)}
    scores: dict[str, dict[str, float]] = {lang: {} for lang in PAIRS}
    for name in ("any", "named"):
        def stack(data: dict[str, WordData], tables: list[wordlex.EditRates], name: str = name):
            parts = [wordlex_matrix(data[lang], tables, lang if name == "named" else None) for lang in PAIRS]
            group = np.concatenate([np.full(len(p[1]), lang) for lang, p in zip(PAIRS, parts, strict=True)])
            return np.vstack([p[0] for p in parts]), np.concatenate([p[1] for p in parts]), group

        x, y, _ = stack(train, folds)
        dx, dy, dgroup = stack(dev, [full])
        names = [*wordlex.FEATURES, *(WORDLEX_LANG if name == "named" else [])]
        booster = lgb.train(WORDLEX_PARAMS, lgb.Dataset(x, y.astype(float), feature_name=names),
                            2000, valid_sets=[lgb.Dataset(dx, dy.astype(float), feature_name=names)],
                            callbacks=[lgb.early_stopping(50, verbose=False)])
        probability = booster.predict(dx, num_iteration=booster.best_iteration)
        model: dict = {**spec[name], "model": booster.model_to_string(num_iteration=booster.best_iteration)}
        if name == "any":  # it cannot know the language: one threshold, the best worst-pair MCC
            model["threshold"] = wordlex.best_threshold(dy, probability, dgroup)
        else:
            model["thresholds"] = {lang: wordlex.best_threshold(dy[dgroup == lang], probability[dgroup == lang])
                                   for lang in PAIRS}
        for lang in PAIRS:
            threshold = model["thresholds"][lang] if name == "named" else model["threshold"]
            chosen = probability[dgroup == lang] >= threshold
            scores[lang][f"word_mcc_{name}"] = round(mcc(dy[dgroup == lang], chosen), 4)
        spec[name] = model
        print("wordlex", name, booster.best_iteration, {lang: s.get(f"word_mcc_{name}") for lang, s in scores.items()})
    return spec, scores


def main() -> None:
    import lightgbm as lgb

    parser = argparse.ArgumentParser(description="Train the shipped QE models on MLQE-PE.")
    parser.add_argument("--root", type=Path, default=None)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/auditor-qe"))
    parser.add_argument("--e5-train", type=int, default=2500)
    parser.add_argument("--output", type=Path, default=BUNDLE)
    parser.add_argument("--cached-e5-only", action="store_true",
                        help="use the e5 similarities already in --cache, compute none (experiments)")
    args = parser.parse_args()
    root = args.root or default_root()
    args.cache.mkdir(parents=True, exist_ok=True)
    tabs = {(lang, split): table(lang, split, args.cache, args.e5_train, root, not args.cached_e5_only)
            for split in ("dev", "train") for lang in PAIRS}
    bundle: dict = {
        "format": "auditor-qe/1",
        "trained_on": f"MLQE-PE {'/'.join(PAIRS)}-en train (7000 each), tuned on dev (1000 each)",
        "data_sha256": data_hash(PAIRS, ("train", "dev"), root),
        "e5_train_segments": args.e5_train,
        "modes": {},
        "dev": {},
    }
    for mode in ("target", "source"):
        def stack(split: str, mode: str = mode) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            x = np.vstack([sentence_matrix(tabs[(lang, split)], lang, mode) for lang in PAIRS])
            hter = np.concatenate([tabs[(lang, split)].hter for lang in PAIRS])
            da = np.concatenate([tabs[(lang, split)].da for lang in PAIRS])
            return x, hter, da

        x, hter, da = stack("train")
        dx, dhter, dda = stack("dev")
        names = sentence_feature_names(mode)
        hter_model = fit_regressor(x, hter, dx, dhter, names)
        da_model = fit_regressor(x, da, dx, dda, names)
        oof = out_of_fold(x, hter, dx, dhter, names)
        sizes = np.cumsum([0] + [len(tabs[(lang, "train")].hter) for lang in PAIRS])
        train_hter = {lang: oof[sizes[k] : sizes[k + 1]] for k, lang in enumerate(PAIRS)}
        hter_booster = lgb.Booster(model_str=hter_model)
        dev_hter = {lang: hter_booster.predict(sentence_matrix(tabs[(lang, "dev")], lang, mode)) for lang in PAIRS}
        wx = np.vstack([word_matrix(tabs[(lang, "train")], mode, lang, train_hter[lang]) for lang in PAIRS])
        wy = np.concatenate([tabs[(lang, "train")].word_bad for lang in PAIRS])
        dwx = np.vstack([word_matrix(tabs[(lang, "dev")], mode, lang, dev_hter[lang]) for lang in PAIRS])
        dwy = np.concatenate([tabs[(lang, "dev")].word_bad for lang in PAIRS])
        word_model, threshold = fit_word_classifier(wx, wy, dwx, dwy, word_feature_names(mode))
        wordlex_spec = None
        if mode == "target":  # the target-only word models (auditor.qe.wordlex), on the same sentence estimates
            wordlex_spec, wordlex_scores = fit_wordlex(*target_word_data(x, hter, dx, dhter, da, dda, hter_model,
                                                                         da_model, oof, names, root, args.cache))
        thresholds = {}
        if mode == "source":  # the language is known with a source: its own threshold, chosen on dev
            booster = lgb.Booster(model_str=word_model)
            for lang in PAIRS:
                dev_tab = tabs[(lang, "dev")]
                probability = booster.predict(word_matrix(dev_tab, mode, lang, dev_hter[lang]))
                thresholds[lang] = best_threshold(dev_tab.word_bad, probability)
        bundle["modes"][mode] = {
            "sentence_features": names,
            "word_features": word_feature_names(mode),
            "hter": hter_model,
            "da": da_model,
            "word": word_model,
            "word_threshold": threshold,
            "word_thresholds": thresholds,
            **({"source_langs": list(PAIRS)} if mode == "source" else {}),
            **({"wordlex": wordlex_spec} if wordlex_spec else {}),
        }
        bundle["dev"][mode] = dev_scores(bundle["modes"][mode], tabs, mode)
        if wordlex_spec:
            for lang in PAIRS:
                bundle["dev"][mode][lang].update(wordlex_scores[lang])
        print(mode, bundle["dev"][mode])
    args.output.parent.mkdir(parents=True, exist_ok=True)
    write_bundle(args.output, bundle)
    print(f"wrote {args.output} ({args.output.stat().st_size} bytes); data sha256 {bundle['data_sha256'][:16]}")


def dev_scores(spec: dict, tabs: dict, mode: str) -> dict[str, dict[str, float]]:
    """Per pair on dev: Pearson of predicted DA with DA, predicted HTER with HTER, word MCC (our tokens)."""
    import lightgbm as lgb

    hter_model, da_model = lgb.Booster(model_str=spec["hter"]), lgb.Booster(model_str=spec["da"])
    word_model = lgb.Booster(model_str=spec["word"])
    scores = {}
    for lang in PAIRS:
        tab = tabs[(lang, "dev")]
        x = sentence_matrix(tab, lang, mode)
        probability = word_model.predict(word_matrix(tab, mode, lang, hter_model.predict(x)))
        threshold = spec["word_thresholds"].get(lang, spec["word_threshold"])
        scores[lang] = {
            "pearson_da": round(pearson(da_model.predict(x), tab.da), 4),
            "pearson_hter": round(pearson(hter_model.predict(x), tab.hter), 4),
            "word_mcc": round(mcc(tab.word_bad, probability >= threshold), 4),
        }
    return {lang: {k: (v if not math.isnan(v) else None) for k, v in s.items()} for lang, s in scores.items()}


if __name__ == "__main__":
    main()
