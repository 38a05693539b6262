"""The checks an audit runs, assembled from the run's options."""

from __future__ import annotations

from dataclasses import dataclass

from auditor.checks.base import Check
from auditor.checks.punctuation import PunctuationCheck
from auditor.checks.quotes import QuotesCheck
from auditor.checks.readability import ReadabilityCheck, ReadabilityLimits
from auditor.checks.source_checks import source_checks


@dataclass
class CheckOptions:
    """What the user asked for that decides which checks run and how."""

    lang: str = "en-US"
    grammar: bool = True
    source_lang: str | None = None
    readability: ReadabilityLimits | None = None


def build_checks(options: CheckOptions) -> list[Check]:
    """Our own checks first (their messages are the more specific when spans overlap)."""
    checks: list[Check] = [
        PunctuationCheck(),
        QuotesCheck(),
        ReadabilityCheck(options.readability),
    ]
    checks.extend(source_checks(options.source_lang))  # no-ops on documents without a source
    return checks
