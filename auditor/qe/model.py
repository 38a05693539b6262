"""Load a QE model bundle and estimate, per sentence, how much editing it needs and which words.

A :class:`QEModel` is a path; its LightGBM boosters load on first use, once per process (so it can
travel to worker processes as a path). :meth:`QEModel.assess` estimates every sentence of a
document: predicted HTER (share of words a post-editor would change), predicted quality (0-100,
from predicted direct assessment), the three features that moved the estimate most, and the words
its word classifier believes need editing, reported as ``hint`` findings.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from auditor.errors import AuditorError
from auditor.models import Document, Finding, Severity
from auditor.qe import compiled
from auditor.qe import features as qf
from auditor.qe.dataset import WORD_CONTEXT, WORD_FEATURES, word_rows
from auditor.qe.deferred import DEFAULT_BUNDLE, chosen_qe
from auditor.qe.fit import LANGS, SENTENCE_HTER, lang_columns, read_bundle
from auditor.qe.trees import Forest, ForestFormatError
from auditor.qe.wordlex import WordLex

RULE = "qe-word"
#: Per mode, the estimate from which a sentence "likely needs editing" and the score counts it: the 90th
#: percentile of the model's estimates on post-edited MLQE-PE train sentences, which are correct by
#: construction (``python -m benchmarks.qe_floor``: 1,500 a pair target-only, 0.397; 300 a pair with
#: source, 0.373). Below it an estimate says nothing a correct sentence would not also get, and counting
#: it ranked free human translations below MT in 15.6 % of DEMETR dev pairs (target only, floor 0.3)
#: against 3.8 % from 0.4 (docs/qe.md).
SCORE_FLOORS = {"target": 0.40, "source": 0.37}
#: Trees whose contributions explain an estimate (see QEModel._run).
EXPLAIN_TREES = 80

#: What a feature means when it pushes the estimate towards more editing / less editing.
DESCRIPTIONS: dict[str, tuple[str, str]] = {
    # length pushes either way in the trees (very short segments are titles): the reassuring side is neutral
    "words": ("long sentence", "an ordinary length"),
    "chars_per_word": ("unusual word lengths", "ordinary word lengths"),
    "lm_mean": ("unusual word sequence", "fluent word sequence"),
    "lm_max": ("a very unlikely word", "no very unlikely word"),
    "lm_p75": ("many unlikely words", "few unlikely words"),
    "lm_worst3": ("an unusual three-word stretch", "no unusual stretch"),
    "lm_unknown": ("words the language model does not know", "known words"),
    "zipf_mean": ("uncommon words", "common words"),
    "zipf_min": ("a very rare word", "no very rare word"),
    "rare_share": ("many rare words", "few rare words"),
    "unseen_share": ("words unseen in English", "no unseen words"),
    "capital_share": ("many capitalised words", "few capitalised words"),
    "allcaps_share": ("words in capitals", "no words in capitals"),
    "number_share": ("many numbers", "few numbers"),
    "punct_share": ("much punctuation", "little punctuation"),
    "ends_terminal": ("no closing punctuation", "closing punctuation"),
    "starts_lower": ("starts in lower case", "starts with a capital"),
    "repeated_words": ("repeated words", "no repeated words"),
    "unk_marker": ("an <unk> marker", "no <unk> marker"),
    "unbalanced": ("unbalanced brackets or quotes", "balanced brackets and quotes"),
    "src_words": ("long source", "an ordinary source length"),
    "ratio_chars": ("length differs from the source", "length matches the source"),
    "ratio_words": ("word count differs from the source", "word count matches the source"),
    "copied_share": ("words copied from the source", "no words copied from the source"),
    "copied_unknown": ("untranslated source words", "no untranslated words"),
    "numbers_missing": ("a source number is missing", "source numbers present"),
    "numbers_extra": ("a number not in the source", "no extra numbers"),
    "names_diff": ("names differ from the source", "names match the source"),
    "punct_diff": ("punctuation differs from the source", "punctuation matches the source"),
    "terminal_match": ("sentence end differs from the source", "sentence end matches the source"),
    "src_coverage": ("low source coverage", "high source coverage"),
    "tgt_coverage": ("words the source does not explain", "words explained by the source"),
    "src_known": ("source words the lexicon lacks", "source words the lexicon knows"),
    "e5_cosine": ("meaning far from the source", "meaning close to the source"),
}


@dataclass(frozen=True)
class Reason:
    """One feature's push on the estimate (``effect`` > 0: towards more editing)."""

    feature: str
    value: float
    effect: float

    @property
    def words(self) -> str:
        """The feature's push said in words."""
        worse, better = DESCRIPTIONS.get(self.feature, (self.feature, self.feature))
        return worse if self.effect > 0 else better


@dataclass(frozen=True)
class QEEstimate:
    """A sentence's quality estimate."""

    mode: str  # "target" or "source"
    hter: float  # predicted share of words a post-editor would change, 0-1
    quality: float  # 0-100, from predicted direct assessment (50 = the average MT the model saw)
    reasons: tuple[Reason, ...]
    #: Why a run with a source got a target-only estimate ("" when it did not).
    note: str = ""

    @property
    def counted(self) -> float:
        """The edit share the score counts: the estimate from its mode's floor on, else 0."""
        return min(self.hter, 1.0) if self.hter >= SCORE_FLOORS[self.mode] else 0.0

    @property
    def verdict(self) -> str:
        """The estimate in words."""
        if self.counted > 0:
            return "likely needs editing"
        if self.hter >= 0.15 or self.quality < 50:
            return "may need light editing"
        return "likely fine"

    def summary(self) -> str:
        """``likely needs editing: low source coverage, unusual word sequence``."""
        worse = [r.words for r in self.reasons if r.effect > 0]
        return f"{self.verdict}: {', '.join(worse)}" if worse else self.verdict

    def as_json(self) -> dict[str, Any]:
        """The JSON report's ``qe`` object."""
        data: dict[str, Any] = {
            "mode": self.mode,
            "hter": round(self.hter, 4),
            "quality": round(self.quality, 2),
            "verdict": self.verdict,
            "summary": self.summary(),
            "features": [
                {"name": r.feature, "value": None if math.isnan(r.value) else round(r.value, 4),
                 "effect": round(r.effect, 4), "says": r.words}
                for r in self.reasons
            ],
        }
        if self.note:
            data["note"] = self.note
        return data


_LOCK = threading.Lock()
_LOADED: dict[str, dict[str, Any]] = {}


def _boosters(path: Path) -> dict[str, Any]:
    """The bundle at ``path`` with its models parsed into :class:`Forest` evaluators (once a process).

    LightGBM trained them; evaluating them needs only NumPy (``auditor.qe.trees``), so an audit never
    imports LightGBM and the forests, read-only, are shared by audit threads without a lock. The parsed
    forests are kept on disk (``auditor.qe.compiled``), so only the first run after an install parses.
    """
    key = str(path)
    with _LOCK:
        if key not in _LOADED:
            loaded = compiled.read(path)
            if loaded is None:
                loaded = _parse_bundle(path)
                compiled.keep(path, loaded)
            for mode, spec in loaded["modes"].items():
                spec["explain"] = spec["hter"].head(EXPLAIN_TREES)
                spec["origin"] = (path, mode)
            _LOADED[key] = loaded
        return _LOADED[key]


def _parse_bundle(path: Path) -> dict[str, Any]:
    """Read and parse the bundle itself (an AuditorError when it is not a QE model)."""
    try:
        bundle = read_bundle(path)
        modes = {}
        for mode, spec in bundle["modes"].items():
            missing = {"hter", "da", "word", "sentence_features", "word_features"} - spec.keys()
            if missing:
                raise KeyError(sorted(missing)[0])
            modes[mode] = {
                **spec,
                "hter": Forest.parse(spec["hter"]),
                "da": Forest.parse(spec["da"]),
                "word": Forest.parse(spec["word"]),
                "has_wordlex": "wordlex" in spec,
            }
    except (OSError, ValueError, KeyError, TypeError, AttributeError, EOFError, ForestFormatError) as error:
        raise AuditorError(f"{path}: not a readable QE model ({error})") from None
    return {"meta": {k: v for k, v in bundle.items() if k != "modes"}, "modes": modes}


def _wordlex(spec: dict[str, Any]) -> WordLex:
    """The target-only word models of a loaded mode, built on first use (only runs that show hints need
    them); read from the bundle itself when the mode came from its compiled form."""
    with _LOCK:
        if "wordlex_loaded" not in spec:
            path, mode = spec["origin"]
            try:
                raw = spec["wordlex"] if "wordlex" in spec else read_bundle(path)["modes"][mode]["wordlex"]
                spec["wordlex_loaded"] = WordLex.load(raw)
            except (OSError, EOFError, ValueError, KeyError, TypeError) as error:  # ForestFormatError: a ValueError
                raise AuditorError(f"{path}: not a readable QE model: its word models ({error})") from None
            spec.pop("wordlex", None)  # the raw tables are not needed once built
        return spec["wordlex_loaded"]


def _phi(z: float) -> float:
    return 0.5 * (1.0 + math.erf(z / math.sqrt(2.0)))


@dataclass(frozen=True)
class QEModel:
    """A QE model bundle on disk (loaded lazily)."""

    path: Path = DEFAULT_BUNDLE
    #: Hint findings for words the word classifier flags.
    word_hints: bool = True
    _unused: tuple[()] = field(default=(), repr=False)

    def check(self) -> None:
        """Fail early, with one clear line, when the file is not a QE bundle (loads it: from its
        compiled form, kept beside the word indexes, that is a few milliseconds)."""
        self.load()

    def load(self) -> dict[str, Any]:
        """The loaded boosters and metadata (an AuditorError when the file is not a model)."""
        return _boosters(self.path)

    def predict(self, texts: list[str], sources: list[str] | None, lang: str | None) -> list[QEEstimate]:
        """Estimates for ``texts`` (with their ``sources`` when given)."""
        estimates, _ = self._run(texts, sources, lang, words=False)
        return estimates

    def assess(self, document: Document) -> tuple[list[QEEstimate], list[Finding]]:
        """Estimates for every sentence of ``document`` and its word hints (document offsets)."""
        texts = [document.sentence_text(s) for s in document.sentences]
        sources = document.source_segments
        if sources is not None and len(sources) != len(texts):
            sources = None
        estimates, flagged = self._run(texts, sources, document.source_lang, words=self.word_hints)
        hints = []
        for sentence, spans, estimate in zip(document.sentences, flagged, estimates, strict=True):
            for start, end, probability in spans:
                hints.append(self._hint(sentence.start + start, sentence.start + end, probability, estimate))
        return estimates, hints

    @staticmethod
    def _hint(start: int, end: int, probability: float, estimate: QEEstimate) -> Finding:
        category = "accuracy/mistranslation" if estimate.mode == "source" else "style/awkward"
        return Finding(
            rule=RULE,
            category=category,
            severity=Severity.HINT,
            start=start,
            end=end,
            message=(
                f"Quality estimate: a post-editor would likely change this ({probability:.0%} by the "
                f"word model trained on post-edited MT; sentence {estimate.summary()})."
            ),
            origin="qe",
        )

    def _run(
        self, texts: list[str], sources: list[str] | None, lang: str | None, words: bool
    ) -> tuple[list[QEEstimate], list[list[tuple[int, int, float]]]]:
        if not texts:
            return [], []
        loaded = self.load()
        lang = (lang or "").lower().split("-")[0] or None
        mode, note = "target", ""
        if sources is not None and "source" in loaded["modes"]:
            known = source_languages(loaded["modes"]["source"])
            if "*" in known or lang in known:
                mode = "source"
            else:
                note = (f"read from the translation alone: the source model knows {', '.join(sorted(known))}"
                        f" as source languages, not {lang or 'an unnamed language'}")
        spec = loaded["modes"][mode]
        lexicon = qf.qe_lexicon(lang) if (mode == "source" and lang) else None
        e5 = qf.e5_similarity(sources, texts) if mode == "source" and sources is not None else None
        tables, rows, flag_lists = [], [], []
        for k, text in enumerate(texts):
            table = qf.word_table(text)
            row = qf.target_features(text, table)
            flags = [math.nan] * len(table)
            if mode == "source" and sources is not None:
                row.update(qf.source_features(sources[k], text, table, lexicon, e5[k] if e5 else None))
                flags = qf.target_coverage_flags(sources[k], table, lexicon)
            tables.append(table)
            rows.append(row)
            flag_lists.append(flags)
        names = [n for n in spec["sentence_features"] if not n.startswith("lang_")]
        x = np.array([[row.get(n, math.nan) for n in names] for row in rows], dtype=np.float64)
        if mode == "source":
            x = np.hstack([x, lang_columns(lang, len(x))])
        hter = spec["hter"].predict(x)
        da = spec["da"].predict(x)
        # Reasons: path (Saabas) contributions of the first EXPLAIN_TREES trees (boosting puts the large
        # moves first; walking 80 trees costs a quarter of all ~300)
        estimates = [QEEstimate(mode, float(min(max(h, 0.0), 1.0)), 100.0 * _phi(float(d)), (), note)
                     for h, d in zip(hter, da, strict=True)]
        explain = list(range(len(estimates)))
        if explain:
            contributions = spec["explain"].contributions(x)
            for row, k in enumerate(explain):
                pushes = contributions[row, :-1]
                order = np.argsort(-np.abs(pushes))[:3]
                reasons = tuple(
                    Reason(spec["sentence_features"][i], float(x[k, i]), float(pushes[i]))
                    for i in order if abs(pushes[i]) > 1e-6
                )
                estimates[k] = QEEstimate(mode, estimates[k].hter, estimates[k].quality, reasons, note)
        flagged: list[list[tuple[int, int, float]]] = [[] for _ in texts]
        if words and spec.get("has_wordlex"):  # target only: the word model with edit rates (auditor.qe.wordlex)
            probabilities, threshold = _wordlex(spec).probabilities(texts, tables, rows, hter, da, lang)
            for k, table in enumerate(tables):  # every token: post-editors change punctuation too
                flagged[k] = [(w.start, w.end, float(p)) for w, p in zip(table, probabilities[k], strict=True)
                              if p >= threshold]
        elif words:
            word_matrix = []
            for k, table in enumerate(tables):
                word_matrix.extend(word_inputs(table, flag_lists[k], rows[k], spec, lang, float(hter[k])))
            if word_matrix:
                probability = spec["word"].predict(np.array(word_matrix, dtype=np.float64))
                threshold = spec.get("word_thresholds", {}).get(lang, spec["word_threshold"])
                cursor = 0
                for k, table in enumerate(tables):
                    for w, p in zip(table, probability[cursor : cursor + len(table)], strict=True):
                        if w.alpha and p >= threshold:
                            flagged[k].append((w.start, w.end, float(p)))
                    cursor += len(table)
        return estimates, [_merge(spans, texts[k]) for k, spans in enumerate(flagged)]


def source_languages(spec: dict[str, Any]) -> set[str]:
    """The source languages a source-mode model was trained on (``*``: any, a newsroom's unnamed one).

    Its adequacy features (word-length ratios, lexicon coverage, capitalised names, the e5 cosine) are
    calibrated per language: on DEMETR's zh/ja/hi/de/pl, which the shipped model never saw, it estimated
    0.44 for MT and human translations alike (target-only model 0.25) and ranked the human one worse in
    52 % of pairs, a coin. Other languages therefore get the target-only estimate (docs/qe.md).
    """
    named = spec.get("source_langs")
    return set(named) if named is not None else set(spec.get("word_thresholds", {}))


def word_inputs(
    table: list[qf.Word], flags: list[float], row: dict[str, float], spec: dict, lang: str | None, hter: float
) -> list[list[float]]:
    """The word model's input rows for one sentence (columns as ``spec`` names them)."""
    names = [*WORD_FEATURES, *WORD_CONTEXT]
    fixed = {SENTENCE_HTER: hter, **dict(zip((f"lang_{x}" for x in LANGS), lang_columns(lang, 1)[0], strict=True))}
    columns = [(names.index(n), 0.0) if n in names else (-1, fixed[n]) for n in spec["word_features"]]
    return [[r[i] if i >= 0 else value for i, value in columns] for r in word_rows(table, flags, row)]


def _merge(spans: list[tuple[int, int, float]], text: str) -> list[tuple[int, int, float]]:
    """Adjacent flagged words (only spaces between) become one span."""
    merged: list[tuple[int, int, float]] = []
    for start, end, p in spans:
        if merged and not text[merged[-1][1] : start].strip():
            a, _, q = merged[-1]
            merged[-1] = (a, end, max(p, q))
        else:
            merged.append((start, end, p))
    return merged


def qe_model(setting: Path | str | None, word_hints: bool = True) -> QEModel | None:
    """The QE model a run uses, loaded now: the shipped one by default, ``setting``'s file, or none for
    "off" (:func:`auditor.qe.deferred.chosen_qe` chooses; a run imports it on its first estimate)."""
    chosen = chosen_qe(setting, word_hints=word_hints)
    return None if chosen is None else chosen.model()
