"""The checks an audit runs, assembled from the run's options."""

from __future__ import annotations

from dataclasses import dataclass

from auditor.checks.articles import ArticleCheck
from auditor.checks.attribution import AttributionCheck
from auditor.checks.base import Check
from auditor.checks.consistency import ConsistencyCheck
from auditor.checks.fragment import MissingVerbCheck
from auditor.checks.phrases import PhraseCheck
from auditor.checks.pronoun_case import PronounCaseCheck
from auditor.checks.punctuation import PunctuationCheck
from auditor.checks.quotes import QuotesCheck
from auditor.checks.readability import ReadabilityCheck, ReadabilityLimits
from auditor.checks.repetition import RepetitionCheck
from auditor.checks.source_checks import source_checks
from auditor.checks.spelling import SpellingCheck
from auditor.checks.tokenised import TokenisedCheck
from auditor.checks.untranslated import UntranslatedCheck
from auditor.checks.word_order import WordOrderCheck


@dataclass
class CheckOptions:
    """What the user asked for that decides which checks run and how."""

    lang: str = "en-US"
    grammar: bool = True
    source_lang: str | None = None
    readability: ReadabilityLimits | None = None
    packs: tuple[str, ...] = ()  # rule packs switched on by name (--pack); 'all' for every pack
    languagetool_url: str | None = None
    cache: bool = True


def build_checks(options: CheckOptions) -> list[Check]:
    """Our own checks first (their messages are the more specific when spans overlap)."""
    checks: list[Check] = [
        PhraseCheck(source_lang=options.source_lang, requested=options.packs),
        PunctuationCheck(),
        QuotesCheck(),
        ReadabilityCheck(options.readability),
        AttributionCheck(),
        RepetitionCheck(),
        UntranslatedCheck(),
        ConsistencyCheck(),
    ]
    checks += [TokenisedCheck(), WordOrderCheck(), PronounCaseCheck(), MissingVerbCheck(), ArticleCheck(),
               SpellingCheck()]
    checks.extend(source_checks(options.source_lang))  # no-ops on documents without a source
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
