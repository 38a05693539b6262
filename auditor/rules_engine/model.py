"""The compiled form of rule packs: what the loader produces and the matcher runs.

Their examples are the same :class:`~auditor.checks.rule.Example` as the built-in rules', run by the same runner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from auditor.checks.rule import Example
from auditor.models import Severity

#: How a pack is switched on.
ENABLED_VALUES = ("default", "source-lang", "on-request")


@dataclass(frozen=True)
class TokenSpec:
    """What one token must look like; every given field must hold (``any_of``: one of several specs)."""

    words: frozenset[str] | None = None
    lemmas: tuple[str, ...] = ()
    lemma_forms: frozenset[str] | None = None
    pos: str | None = None
    tags: frozenset[str] | None = None
    sets: frozenset[str] | None = None
    regex: re.Pattern[str] | None = None
    case: str | None = None
    sentence_start: bool | None = None
    any_of: tuple[TokenSpec, ...] = ()
    negated: TokenSpec | None = None


@dataclass(frozen=True)
class PatternItem:
    """One step of a pattern: a token, an optional token, or a gap of up to ``gap`` tokens."""

    spec: TokenSpec
    optional: bool = False
    gap: int | None = None
    name: str | None = None
    context: bool = False


@dataclass(frozen=True)
class Condition:
    """A token that must (``requires``) or must not (``excludes``) occur near the match."""

    spec: TokenSpec
    within: int | None  # None: anywhere in the sentence
    side: str = "both"


@dataclass(frozen=True)
class Rule:
    """One phrase rule from a pack."""

    id: str
    pack: str
    description: str
    message: str
    category: str
    severity: Severity
    pattern: tuple[PatternItem, ...]
    suggest: tuple[str, ...] = ()
    requires: tuple[Condition, ...] = ()
    excludes: tuple[Condition, ...] = ()
    exceptions: tuple[tuple[PatternItem, ...], ...] = ()
    safe: bool = False
    bad: tuple[Example, ...] = ()
    good: tuple[Example, ...] = ()
    captures: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # name -> (lemma, pos)
    tables: dict[str, dict[str, str]] = field(default_factory=dict)
    sets: dict[str, frozenset[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Pack:
    """A YAML file of rules that is switched on together."""

    id: str
    description: str
    enabled: str
    source_lang: tuple[str, ...]
    path: str
    rules: tuple[Rule, ...]

    def active(self, source_lang: str | None, requested: frozenset[str]) -> bool:
        """Whether this pack runs for a document from ``source_lang`` with packs ``requested`` by name."""
        if self.id in requested or "all" in requested:
            return True
        if self.enabled == "default":
            return True
        return self.enabled == "source-lang" and source_lang is not None and source_lang in self.source_lang
