"""One object per rule: what it finds, how bad that is, whether its fix is safe, and examples.

A built-in check's rules are data, written once in ``rules/checks/<check>.yaml`` (id, category,
severity, ``safe``, description, why, examples with span and fix). The check's module takes them
as :class:`Rule` objects, naming each (a rule in the file that the code does not name, or the
reverse, stops the import with one line), and creates every finding through them, so category,
severity and the safe-fix flag are never typed again::

    DOUBLED_SPACE, DOUBLED_WORD = declared_rules("punctuation", "doubled-space", "doubled-word")
    ...
    yield DOUBLED_SPACE.at(match.start(), match.end(), "Several spaces between words; use one.", (" ",))

The table in :mod:`auditor.checks.registry` lists the checks; the catalogue, ``auditor rules``
and the generated reference read every rule from there.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from auditor.models import CATEGORIES, Finding, Severity

#: Between the source and the target of a source rule's example: ``"SOURCE ||| TARGET"``.
SOURCE_SEPARATOR = " ||| "


@dataclass(frozen=True)
class Example:
    """A text a rule must flag (bad) or leave alone (good).

    For a bad example, ``span`` is the text of the first finding's span and ``fix`` the
    corrected text: what the rule's first suggestions give where it suggests one, and in
    any case a text the rule no longer flags. ``options`` are check options this example
    needs (``{"readability": {"max_words": 12}}``, ``{"source_lang": "de"}``). A source
    rule's example is written ``"SOURCE ||| TARGET"``; ``fix`` and ``span`` refer to the target.
    """

    text: str
    fix: str | None = None
    span: str | None = None
    options: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def source(self) -> str | None:
        """The source side of a ``SOURCE ||| TARGET`` example, else None."""
        return self.text.split(SOURCE_SEPARATOR, 1)[0] if SOURCE_SEPARATOR in self.text else None

    @property
    def target(self) -> str:
        """The text that is audited (the target side of a source/target example)."""
        return self.text.split(SOURCE_SEPARATOR, 1)[1] if SOURCE_SEPARATOR in self.text else self.text

    def __hash__(self) -> int:
        return hash((self.text, self.fix, self.span, tuple(sorted(self.options.items(), key=repr))))


@dataclass(frozen=True)
class Rule:
    """A built-in rule: declared once, it makes every finding of its id (see :meth:`at`)."""

    id: str
    category: str
    severity: Severity
    description: str
    safe: bool = False
    why: str = ""
    bad: tuple[Example, ...] = ()
    good: tuple[Example, ...] = ()

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise ValueError(f"rule {self.id}: unknown category {self.category!r}")
        object.__setattr__(self, "severity", Severity(self.severity))

    def at(
        self,
        start: int,
        end: int,
        message: str,
        suggestions: Sequence[str] = (),
        *,
        severity: Severity | None = None,
        category: str | None = None,
        origin: str = "auditor",
        source_span: tuple[int, int] | None = None,
    ) -> Finding:
        """A finding of this rule at ``start:end``. ``severity``/``category`` override the declared ones
        only where a rule grades its findings (a word doubled thrice is worse than twice); ``origin`` names
        the check where reports tell checks apart (the source-aware checks); ``source_span`` is where in the
        aligned source segment the words it rests on are (the meaning checks)."""
        if category is not None and category not in CATEGORIES:
            raise ValueError(f"rule {self.id}: unknown category {category!r}")
        return Finding(
            rule=self.id,
            category=category or self.category,
            severity=severity or self.severity,
            start=start,
            end=end,
            message=message,
            suggestions=tuple(suggestions),
            safe_fix=self.safe,
            origin=origin,
            source_span=source_span,
        )
