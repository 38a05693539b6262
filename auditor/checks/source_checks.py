"""The source-aware checks; each does nothing for a document without a source."""

from __future__ import annotations

from auditor.checks.base import Check
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
