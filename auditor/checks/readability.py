"""Readability per sentence and per document, with textstat.

Wire copy is written for a general reader: agencies aim at short sentences and
a grade level in the low teens. A sentence beyond the configured limits gets a
minor finding so that an editor can consider splitting it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from auditor.language.offline_cmudict import give_textstat_cmudict, lazy_nltk
from auditor.language.offline_pyphen import preload
from auditor.language.text_utils import word_count
from auditor.models import Document, Finding
from auditor.rules_engine.check_rules import declared_rules


@dataclass(frozen=True)
class ReadabilityLimits:
    """Where a wire sentence becomes hard to read."""

    max_words: int = 40
    max_grade: float = 22.0
    min_words_for_grade: int = 12


def _textstat_for(lang: str) -> Any:
    """textstat set to ``lang`` (imported on first need; NLTK, which it imports only for the CMU
    dictionary we hand it, is not loaded at all; pyphen's patterns come parsed from a kept copy)."""
    lazy_nltk()
    import textstat

    give_textstat_cmudict()
    root = lang.split("-")[0].lower() or "en"
    preload(root)
    textstat.set_lang(root)
    return textstat


def sentence_metrics(text: str, lang: str = "en-US") -> dict[str, float]:
    """Flesch reading ease, Flesch-Kincaid grade and word count of one sentence."""
    return dict(_sentence_metrics(text, lang))  # a fresh dict: callers may keep or change it


@lru_cache(maxsize=8192)
def _sentence_metrics(text: str, lang: str) -> tuple[tuple[str, float], ...]:
    """:func:`sentence_metrics`, kept: the check and the report both need a story's sentences."""
    stats = _textstat_for(lang)
    words = word_count(text)
    if words == 0:
        return (("words", 0), ("flesch_reading_ease", 0.0), ("flesch_kincaid_grade", 0.0))
    return (
        ("words", words),
        ("flesch_reading_ease", round(float(stats.flesch_reading_ease(text)), 2)),
        ("flesch_kincaid_grade", round(float(stats.flesch_kincaid_grade(text)), 2)),
    )


def document_metrics(document: Document) -> dict[str, float]:
    """Whole-document readability figures for the report summary."""
    stats = _textstat_for(document.lang)
    counts = [word_count(document.sentence_text(s)) for s in document.sentences]
    counted = [c for c in counts if c]
    words = sum(counted)
    if not words:
        return {"words": 0, "sentences": 0, "words_per_sentence": 0.0,
                "flesch_reading_ease": 0.0, "flesch_kincaid_grade": 0.0}
    return {
        "words": words,
        "sentences": len(counted),
        "words_per_sentence": round(words / len(counted), 2),
        "flesch_reading_ease": round(float(stats.flesch_reading_ease(document.text)), 2),
        "flesch_kincaid_grade": round(float(stats.flesch_kincaid_grade(document.text)), 2),
    }


LONG_SENTENCE, HARD_SENTENCE = declared_rules(  # rules/checks/readability.yaml
    "readability", "long-sentence", "hard-sentence",
)


class ReadabilityCheck:
    """Flags sentences that are too long or too dense for wire copy."""

    name = "readability"

    def __init__(self, limits: ReadabilityLimits | None = None) -> None:
        self.limits = limits or ReadabilityLimits()

    def check(self, document: Document) -> Iterator[Finding]:
        """One minor finding per sentence beyond a limit."""
        limits = self.limits
        for sentence in document.sentences:
            text = document.sentence_text(sentence)
            words = word_count(text)
            if words > limits.max_words:
                yield LONG_SENTENCE.at(
                    sentence.start, sentence.end,
                    f"Sentence has {words} words (limit {limits.max_words}); "
                    "readers lose the thread. Consider splitting it.",
                )
                continue
            if words >= limits.min_words_for_grade:
                grade = sentence_metrics(text, document.lang)["flesch_kincaid_grade"]
                if grade > limits.max_grade:
                    yield HARD_SENTENCE.at(
                        sentence.start, sentence.end,
                        f"Flesch-Kincaid grade {grade:.0f} is above {limits.max_grade:.0f}: "
                        "long words packed into one sentence. Use plainer words or split it.",
                    )
