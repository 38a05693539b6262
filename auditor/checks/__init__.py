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
    #: Sentence length past which only linear-time checks run (None: auditor.limits.MAX_SENTENCE_CHARS);
    #: set smaller only by rule examples.
    max_sentence_chars: int | None = None
    #: A newsroom's own rule packs beside the built-in ones: pack files or directories (--rules, rule-paths).
    rule_paths: tuple[str, ...] = ()

    def own_settings(self) -> dict[str, object]:
        """The options that change what our own checks find (the key of their result cache)."""
        return {
            "lang": self.lang,
            "source_lang": self.source_lang,
            "packs": sorted(self.packs),
            "readability": repr(self.readability),
            "max_sentence_chars": self.max_sentence_chars,
            **({"rule_paths": [*self.rule_paths, _rules_fingerprint(self.rule_paths)]} if self.rule_paths else {}),
        }


def _rules_fingerprint(paths: Sequence[str]) -> str:
    from auditor.rules_engine.loader import pack_fingerprint

    return pack_fingerprint(paths)


def phrase_packs(options: CheckOptions) -> tuple | None:
    """The installed rule packs and a newsroom's own (``--rules``, ``rule-paths``); None: the installed ones only."""
    if not options.rule_paths:
        return None
    from auditor.rules_engine.loader import installed_packs, load_extra_packs

    return (*installed_packs(), *load_extra_packs(options.rule_paths))


def own_checks(options: CheckOptions) -> list[Check]:
    """auditor's own checks, built from the table in :mod:`auditor.checks.registry`, in merge order."""
    from auditor.checks.readability import sentence_metrics
    from auditor.checks.registry import CHECKS, build_check

    # load the readability dictionaries here, once: threads reaching the lazy load together would each load a copy
    sentence_metrics("Warm up the shared dictionaries.", options.lang)
    return [build_check(entry, options) for entry in CHECKS]


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
