"""The source-aware checks; each does nothing for a document without a source."""

from __future__ import annotations

from auditor.checks.base import Check
from auditor.checks.meaning_gender import MeaningGenderCheck
from auditor.checks.meaning_modality import MeaningModalityCheck
from auditor.checks.meaning_polarity import MeaningPolarityCheck
from auditor.checks.meaning_sentence_type import MeaningSentenceTypeCheck
from auditor.checks.meaning_tense import MeaningTenseCheck
from auditor.checks.source_copy import SourceCopyCheck
from auditor.checks.source_length import SourceLengthCheck
from auditor.checks.source_marks import SourceMarksCheck
from auditor.checks.source_numbers import SourceNumbersCheck
from auditor.checks.source_tokens import SourceTokensCheck


def source_checks(source_lang: str | None = None) -> list[Check]:
    """Checks comparing the target with its source (``source_lang`` overrides file headers)."""
    return [
        SourceCopyCheck(source_lang),
        SourceNumbersCheck(source_lang),
        SourceTokensCheck(source_lang),
        SourceLengthCheck(source_lang),
        SourceMarksCheck(),
    ]


def meaning_checks(source_lang: str | None = None) -> list[Check]:
    """The source-grounded meaning checks (negation, sentence type, tense, modality, gender)."""
    return [
        MeaningPolarityCheck(source_lang),
        MeaningSentenceTypeCheck(source_lang),
        MeaningTenseCheck(source_lang),
        MeaningModalityCheck(source_lang),
        MeaningGenderCheck(source_lang),
    ]
