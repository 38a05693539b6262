"""Feature tables of MLQE-PE splits for training and benchmarking the QE models.

Sentence rows: :data:`~auditor.qe.features.TARGET_FEATURES` then
:data:`~auditor.qe.features.SOURCE_FEATURES`; word rows: :data:`WORD_FEATURES`. On the train split
the lexicon coverage features are cross-fitted (each fifth of train is measured with a lexicon
learned from the other four fifths), so the model does not learn from a lexicon that has seen the
very sentence; dev is measured with the lexicon learned from all of train (the shipped one).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from auditor.bilingual.lexicon import Lexicon, source_folds
from auditor.qe.data import Segment
from auditor.qe.features import (
    SOURCE_FEATURES,
    TARGET_FEATURES,
    Word,
    qe_lexicon,
    source_features,
    target_coverage_flags,
    target_features,
    word_table,
)
from auditor.qe.lexlearn import build_lexicon, learn_pairs

FOLDS = 5

WORD_FEATURES = (
    "w_surprisal", "w_known", "w_zipf", "w_alpha", "w_digit", "w_capital", "w_length", "w_position",
    "w_prev_surprisal", "w_next_surprisal", "w_prev_zipf", "w_next_zipf", "w_coverage",
)
#: Sentence features every word row also carries.
WORD_CONTEXT = ("words", "lm_mean", "lm_unknown", "rare_share", "src_coverage", "tgt_coverage", "e5_cosine",
                "ratio_words", "copied_share")


def word_rows(words: Sequence[Word], flags: Sequence[float], sentence: dict[str, float]) -> list[list[float]]:
    """One feature row per target token (:data:`WORD_FEATURES` then :data:`WORD_CONTEXT`)."""
    rows = []
    n = max(len(words) - 1, 1)
    context = [sentence.get(name, math.nan) for name in WORD_CONTEXT]
    for k, w in enumerate(words):
        prev = words[k - 1] if k else None
        nxt = words[k + 1] if k + 1 < len(words) else None
        rows.append([
            w.surprisal, float(w.known), w.zipf, float(w.alpha), float(w.text[0].isdigit()),
            float(w.text[0].isupper()), float(len(w.text)), k / n,
            prev.surprisal if prev else -1.0, nxt.surprisal if nxt else -1.0,
            prev.zipf if prev else -1.0, nxt.zipf if nxt else -1.0, flags[k], *context,
        ])
    return rows


def token_labels(words: Sequence[Word], segment: Segment) -> list[bool]:
    """A word is BAD when any MLQE token overlapping it is BAD."""
    labels = []
    for w in words:
        labels.append(any(
            bad and a < w.end and w.start < b for (a, b), bad in zip(segment.mt_spans, segment.word_bad, strict=False)
        ))
    return labels


@dataclass
class Table:
    """Features of one pair's split."""

    sentences: np.ndarray  # (n, target + source features)
    hter: np.ndarray
    da: np.ndarray
    anchor: np.ndarray
    words: np.ndarray  # (tokens, word features)
    word_bad: np.ndarray
    word_sentence: np.ndarray  # sentence index of each word row
    word_spans: list[list[tuple[int, int]]]  # our token spans per sentence (for mapping back to MLQE tokens)


def _fold_lexicons(lang: str, train: Sequence[Segment]) -> list[Lexicon]:
    lexicons = []
    for fold in range(FOLDS):
        rest = [s for k, s in enumerate(train) if k % FOLDS != fold]
        counts = learn_pairs(
            (" ".join(s.source_tokens) for s in rest),
            (" ".join(s.mt_tokens) for s in rest),
            (s.alignments for s in rest),
            (" ".join("BAD" if b else "OK" for b in s.word_bad) for s in rest),
        )
        entries = {word: frozenset(options) for word, options in build_lexicon(counts).items()}
        lexicons.append(Lexicon(lang, entries, source_folds(lang)))
    return lexicons


def build_table(segments: Sequence[Segment], e5: Sequence[float] | None, cross_fit: bool) -> Table:
    """Feature table of ``segments`` (all of one language pair)."""
    lang = segments[0].lang
    lexicons = _fold_lexicons(lang, segments) if cross_fit else None
    shipped = qe_lexicon(lang)
    sentence_rows, word_feature_rows, bad, owner, spans = [], [], [], [], []
    for k, segment in enumerate(segments):
        lexicon = lexicons[k % FOLDS] if lexicons else shipped
        words = word_table(segment.mt)
        features = target_features(segment.mt, words)
        features.update(source_features(segment.source, segment.mt, words, lexicon, e5[k] if e5 is not None else None))
        sentence_rows.append([features[name] for name in (*TARGET_FEATURES, *SOURCE_FEATURES)])
        flags = target_coverage_flags(segment.source, words, lexicon)
        word_feature_rows.extend(word_rows(words, flags, features))
        bad.extend(token_labels(words, segment))
        owner.extend([k] * len(words))
        spans.append([(w.start, w.end) for w in words])
    return Table(
        sentences=np.array(sentence_rows, dtype=np.float64),
        hter=np.array([s.hter for s in segments]),
        da=np.array([s.da for s in segments]),
        anchor=np.array([s.anchor for s in segments]),
        words=np.array(word_feature_rows, dtype=np.float64),
        word_bad=np.array(bad, dtype=bool),
        word_sentence=np.array(owner, dtype=np.int64),
        word_spans=spans,
    )
