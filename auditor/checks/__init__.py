"""The checks an audit runs, assembled from the run's options."""

from __future__ import annotations

from dataclasses import dataclass

from auditor.checks.base import Check
from auditor.checks.punctuation import PunctuationCheck
from auditor.checks.quotes import QuotesCheck
from auditor.checks.readability import ReadabilityCheck, ReadabilityLimits


@dataclass
class CheckOptions:
    """What the user asked for that decides which checks run and how."""

    lang: str = "en-US"
    grammar: bool = True
    source_lang: str | None = None
    readability: ReadabilityLimits | None = None
    languagetool_url: str | None = None
    cache: bool = True


def build_checks(options: CheckOptions) -> list[Check]:
    """Our own checks first (their messages are the more specific when spans overlap)."""
    checks: list[Check] = [
        PunctuationCheck(),
        QuotesCheck(),
        ReadabilityCheck(options.readability),
    ]
    if options.grammar:
        from auditor.checks.grammar import GrammarCheck

        checks.append(GrammarCheck(options.lang, url=options.languagetool_url, use_cache=options.cache))
    return checks


def close_checks(checks: list[Check]) -> None:
    """Release what checks hold (the run's LanguageTool server); safe to call twice."""
    for check in checks:
        close = getattr(check, "close", None)
        if callable(close):
            close()
