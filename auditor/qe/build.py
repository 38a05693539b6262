"""Train the shipped QE models on MLQE-PE train, tune on dev: the one reproducible training command.

    .venv/bin/python -m auditor.qe.build [--root ../shared/eval/mlqe-pe] [--cache /tmp/auditor-qe]

Writes ``auditor/qe/models/qe-mlqe.json.gz`` with the SHA-256 of every data file read and the dev
correlations. Feature tables (and the e5 similarities, the slow part: ~15-60 ms a sentence pair) are
cached under ``--cache`` keyed by the data and feature code, so a rerun only retrains. The e5
similarity is computed for every dev segment and the first ``--e5-train`` train segments of each
pair (the rest are missing, which LightGBM routes down its learned default branch).
"""

from __future__ import annotations

import argparse
import hashlib
import math
from pathlib import Path

import numpy as np

from auditor.qe import dataset, features
from auditor.qe.data import data_hash, default_root, load_split
from auditor.qe.dataset import Table, build_table
from auditor.qe.fit import (
    SENTENCE_HTER,
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
        }
        bundle["dev"][mode] = dev_scores(bundle["modes"][mode], tabs, mode)
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
