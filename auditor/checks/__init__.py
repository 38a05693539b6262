"""The checks an audit runs, assembled from the run's options.

Our own checks are built (and their dictionaries loaded) on first use, so a run
answered entirely from the result cache never pays for them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, overload

from auditor.checks.base import Check

if TYPE_CHECKING:
    from auditor.checks.readability import ReadabilityLimits


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

    def own_settings(self) -> dict[str, object]:
        """The options that change what our own checks find (the key of their result cache)."""
        return {
            "lang": self.lang,
            "source_lang": self.source_lang,
            "packs": sorted(self.packs),
            "readability": repr(self.readability),
        }


def own_checks(options: CheckOptions) -> list[Check]:
    """auditor's own checks, in merge order (their messages are the more specific when spans overlap)."""
    from auditor.checks.articles import ArticleCheck
    from auditor.checks.attribution import AttributionCheck
    from auditor.checks.consistency import ConsistencyCheck
    from auditor.checks.fragment import MissingVerbCheck
    from auditor.checks.limits import LimitsCheck
    from auditor.checks.phrases import PhraseCheck
    from auditor.checks.pronoun_case import PronounCaseCheck
    from auditor.checks.punctuation import PunctuationCheck
    from auditor.checks.quotes import QuotesCheck
    from auditor.checks.readability import ReadabilityCheck, sentence_metrics
    from auditor.checks.real_words import RealWordCheck
    from auditor.checks.repetition import RepetitionCheck
    from auditor.checks.source_checks import meaning_checks, source_checks
    from auditor.checks.spelling import SpellingCheck
    from auditor.checks.tokenised import TokenisedCheck
    from auditor.checks.untranslated import UntranslatedCheck
    from auditor.checks.word_order import WordOrderCheck
    from auditor.checks.word_swap import WordSwapCheck

    # load the readability dictionaries here, once: threads reaching the lazy load together would each load a copy
    sentence_metrics("Warm up the shared dictionaries.", options.lang)
    checks: list[Check] = [
        PhraseCheck(source_lang=options.source_lang, requested=options.packs),
        PunctuationCheck(),
        QuotesCheck(),
        ReadabilityCheck(options.readability),
        AttributionCheck(),
        RepetitionCheck(),
        UntranslatedCheck(),
        ConsistencyCheck(),
        TokenisedCheck(),
        WordOrderCheck(),
        WordSwapCheck(),
        PronounCaseCheck(),
        MissingVerbCheck(),
        ArticleCheck(),
        SpellingCheck(),
        RealWordCheck(),
        LimitsCheck(),
    ]
    checks.extend(source_checks(options.source_lang))  # no-ops on documents without a source
    checks.extend(meaning_checks(options.source_lang))  # likewise: negation, questions, tense, gender
    return checks


def _cached_by_document(check: Check) -> bool:
    """False for checks with a result cache of their own (LanguageTool)."""
    return bool(getattr(check, "document_cache", True))


@dataclass
class CheckSet(Sequence[Check]):
    """A run's checks: our own, built on first use, then those that cache their own results.

    Iterating or indexing builds the own checks; :attr:`live` does not.
    """

    build_own: Callable[[], list[Check]]
    live: list[Check] = field(default_factory=list)
    _own: list[Check] | None = field(default=None, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    @classmethod
    def from_options(cls, options: CheckOptions) -> CheckSet:
        """The checks ``options`` ask for; LanguageTool's server is contacted on its first cache miss."""
        live: list[Check] = []
        if options.grammar:
            from auditor.checks.grammar import GrammarCheck

            live.append(GrammarCheck(options.lang, url=options.languagetool_url, use_cache=options.cache))
        return cls(lambda: own_checks(options), live)

    @classmethod
    def of(cls, checks: Sequence[Check]) -> CheckSet:
        """``checks`` as a set (already built); order kept within own and live checks."""
        if isinstance(checks, CheckSet):
            return checks
        own = [c for c in checks if _cached_by_document(c)]
        return cls(lambda: own, [c for c in checks if not _cached_by_document(c)])

    @property
    def own(self) -> list[Check]:
        """Our own checks (built now if this is the first use)."""
        with self._lock:
            if self._own is None:
                self._own = self.build_own()
            return self._own

    def _all(self) -> list[Check]:
        return [*self.own, *self.live]

    @overload
    def __getitem__(self, index: int) -> Check: ...

    @overload
    def __getitem__(self, index: slice) -> list[Check]: ...

    def __getitem__(self, index: int | slice) -> Check | list[Check]:
        return self._all()[index]

    def __len__(self) -> int:
        return len(self._all())

    def __iter__(self) -> Iterator[Check]:
        return iter(self._all())

    def close(self) -> None:
        """Release what checks hold (the run's LanguageTool server); safe to call twice."""
        built = self._own or []
        for check in [*built, *self.live]:
            close = getattr(check, "close", None)
            if callable(close):
                close()


def build_checks(options: CheckOptions) -> list[Check]:
    """Every check ``options`` ask for, built now (own checks first, LanguageTool last)."""
    return list(CheckSet.from_options(options))
