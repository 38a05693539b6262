"""The one table of auditor's own checks: what ``own_checks()`` builds, in merge order, and where
the catalogue, ``auditor rules list`` and the generated rule reference read every built-in rule.

A check module is imported only when the table is read (building the checks or listing rules),
never as a side effect of importing this module; nothing registers itself.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from auditor.checks import CheckOptions
    from auditor.checks.base import Check
    from auditor.checks.rule import Rule


def _plain(check_class: Any, options: CheckOptions) -> Check:
    return check_class()


def _with_source_lang(check_class: Any, options: CheckOptions) -> Check:
    return check_class(options.source_lang)


def _readability(check_class: Any, options: CheckOptions) -> Check:
    return check_class(options.readability)


def _phrases(check_class: Any, options: CheckOptions) -> Check:
    from auditor.checks import phrase_packs

    return check_class(packs=phrase_packs(options), source_lang=options.source_lang, requested=options.packs)


def _limits(check_class: Any, options: CheckOptions) -> Check:
    return check_class(options.max_sentence_chars)


@dataclass(frozen=True)
class CheckEntry:
    """One row of the table: the check class (by module and name) and how options build it."""

    module: str
    class_name: str
    build_with: Callable[[Any, CheckOptions], Check] = _plain
    #: The check reads a document's source and finds nothing without one: built on the first
    #: document that has a source (:class:`SourceOnlyCheck`), so a target-only run never imports it.
    source_only: bool = False

    def check_class(self) -> Any:
        """The check class (its module is imported now)."""
        return getattr(importlib.import_module(f"auditor.checks.{self.module}"), self.class_name)

    def build(self, options: CheckOptions) -> Check:
        """The check, configured by ``options``."""
        return self.build_with(self.check_class(), options)

    def rules(self) -> tuple[Rule, ...]:
        """The check's rules, from ``rules/checks/<check name>.yaml`` (none for the phrase rules: their packs)."""
        from auditor.resources import rules_dir
        from auditor.rules_engine.check_rules import CHECKS_DIR, check_rule_file

        name = self.check_class().name
        if not (rules_dir() / CHECKS_DIR / f"{name}.yaml").is_file():
            return ()
        return tuple(check_rule_file(name).values())


_BUILD_LOCK = threading.Lock()


class SourceOnlyCheck:
    """A source-reading check, built on the first document with a source (~60 ms of imports, tables
    and patterns for the ten of them, which a target-only run never needs). Its name is its module's
    (``source_copy`` → ``source-copy``; ``tests/test_rule_catalogue.py`` compares them)."""

    def __init__(self, entry: CheckEntry, options: CheckOptions) -> None:
        self.entry = entry
        self.options = options
        self.name = entry.module.replace("_", "-")
        self._built: Check | None = None

    def built(self) -> Check:
        """The check itself (built now if this is the first use)."""
        with _BUILD_LOCK:
            if self._built is None:
                self._built = self.entry.build(self.options)
            return self._built

    def check(self, document: Any) -> Iterable[Any]:
        """The check's findings; none for a document without a source (the check reads it first)."""
        if document.source is None:
            return ()
        return self.built().check(document)


def build_check(entry: CheckEntry, options: CheckOptions) -> Check:
    """The check of ``entry`` for a run: source-reading ones are built when a source first comes."""
    return SourceOnlyCheck(entry, options) if entry.source_only else entry.build(options)


#: auditor's own checks in merge order (their messages are the more specific when spans overlap);
#: the source-aware checks at the end do nothing for a document without a source.
CHECKS: tuple[CheckEntry, ...] = (
    CheckEntry("phrases", "PhraseCheck", _phrases),
    CheckEntry("punctuation", "PunctuationCheck"),
    CheckEntry("quotes", "QuotesCheck"),
    CheckEntry("readability", "ReadabilityCheck", _readability),
    CheckEntry("attribution", "AttributionCheck"),
    CheckEntry("repetition", "RepetitionCheck"),
    CheckEntry("untranslated", "UntranslatedCheck"),
    CheckEntry("consistency", "ConsistencyCheck"),
    CheckEntry("tokenised", "TokenisedCheck"),
    CheckEntry("word_order", "WordOrderCheck"),
    CheckEntry("word_swap", "WordSwapCheck"),
    CheckEntry("pronoun_case", "PronounCaseCheck"),
    CheckEntry("fragment", "MissingVerbCheck"),
    CheckEntry("articles", "ArticleCheck"),
    CheckEntry("spelling", "SpellingCheck"),
    CheckEntry("real_words", "RealWordCheck"),
    CheckEntry("limits", "LimitsCheck", _limits),
    CheckEntry("source_copy", "SourceCopyCheck", _with_source_lang, source_only=True),
    CheckEntry("source_numbers", "SourceNumbersCheck", _with_source_lang, source_only=True),
    CheckEntry("source_tokens", "SourceTokensCheck", _with_source_lang, source_only=True),
    CheckEntry("source_length", "SourceLengthCheck", _with_source_lang, source_only=True),
    CheckEntry("source_marks", "SourceMarksCheck", source_only=True),
    # the meaning checks against the source (issue 14): negation, sentence type, tense, modality, gender, antonyms
    CheckEntry("meaning_polarity", "MeaningPolarityCheck", _with_source_lang, source_only=True),
    CheckEntry("meaning_sentence_type", "MeaningSentenceTypeCheck", _with_source_lang, source_only=True),
    CheckEntry("meaning_tense", "MeaningTenseCheck", _with_source_lang, source_only=True),
    CheckEntry("meaning_modality", "MeaningModalityCheck", _with_source_lang, source_only=True),
    CheckEntry("meaning_gender", "MeaningGenderCheck", _with_source_lang, source_only=True),
    CheckEntry("meaning_antonym", "MeaningAntonymCheck", _with_source_lang, source_only=True),
)


def check_rules() -> list[tuple[CheckEntry, Rule]]:
    """Every built-in rule with the table row of the check that reports it, in table order."""
    return [(entry, rule) for entry in CHECKS for rule in entry.rules()]
