"""Run a rule's own examples, built-in or YAML alike: what the tests and ``auditor rules test`` rely on.

A bad example must be flagged, its first finding must cover ``span``, the rule's first
suggestions must turn it into ``fix`` (where the rule suggests one), and ``fix`` itself must
no longer be flagged; a good example must not be flagged.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from auditor.checks import CheckOptions
from auditor.checks.rule import SOURCE_SEPARATOR, Example
from auditor.models import Document, Finding

if TYPE_CHECKING:
    from auditor.checks.base import Check
    from auditor.rule_catalogue import RuleInfo


@dataclass(frozen=True)
class ExampleResult:
    """What one example produced: the rule's findings and the target with their first suggestions applied."""

    example: Example
    findings: tuple[Finding, ...]
    fixed: str | None  # None where no finding suggests anything

    @property
    def flagged(self) -> bool:
        """Whether the rule fired on the example."""
        return bool(self.findings)

    @property
    def span(self) -> str | None:
        """The text the first finding covers."""
        if not self.findings:
            return None
        return self.example.target[self.findings[0].start : self.findings[0].end]


def example_options(options: Mapping[str, Any]) -> CheckOptions:
    """Check options for an example: LanguageTool off, plus the example's own (``readability`` as a dict)."""
    from auditor.checks.readability import ReadabilityLimits

    given = dict(options)
    if isinstance(given.get("readability"), Mapping):
        given["readability"] = ReadabilityLimits(**given["readability"])
    return CheckOptions(grammar=False, **given)


def example_document(example: Example, options: CheckOptions) -> Document:
    """The example as a document: a ``SOURCE ||| TARGET`` pair is one bilingual segment (``--lines --source``)."""
    from auditor.run.pipeline import segment_document
    from auditor.segment import segment

    source = example.source
    if source is None:
        document = Document(path="<example>", text=example.text)
        document.sentences = segment(example.text)
        return document
    document = Document(
        path="<example>", text=example.target, lines=True, source=source, source_segments=[source],
        source_lang=options.source_lang,
    )
    return segment_document(document)


#: Checks built for examples, by builder and options; the builder is kept so that its id is never reused.
_BUILT: dict[tuple[int, str], tuple[object, list[Check]]] = {}


def _checks(rule: RuleInfo, options: CheckOptions) -> list[Check]:
    if rule.checks is None:
        raise ValueError(f"rule {rule.id}: its examples cannot be run here")
    key = (id(rule.checks), repr(options))
    if key not in _BUILT:  # a check's dictionaries load once per check and options, not once per example
        _BUILT[key] = (rule.checks, rule.checks(options))
    return _BUILT[key][1]


def apply_suggestions(text: str, findings: Sequence[Finding]) -> str | None:
    """``text`` with each finding's first suggestion applied (overlapping ones skipped); None without any."""
    ordered = sorted((f for f in findings if f.suggestions), key=lambda f: (f.start, f.end))
    if not ordered:
        return None
    parts, at = [], 0
    for finding in ordered:
        if finding.start < at:
            continue
        parts += [text[at : finding.start], finding.suggestions[0]]
        at = finding.end
    return "".join(parts) + text[at:]


def unavailable(rule: RuleInfo, example: Example) -> str | None:
    """Why ``example`` cannot be judged here (data its check reads is installed at set-up and is absent),
    or None; a check says so by a ``missing_data(lang)`` method (``meaning-antonym``: WordNet, dictionaries)."""
    options = example_options(example.options)
    for check in _checks(rule, options):
        missing = getattr(check, "missing_data", None)
        reason = missing(options.source_lang) if callable(missing) else None
        if reason:
            return str(reason)
    return None


def run_example(rule: RuleInfo, example: Example) -> ExampleResult:
    """Audit ``example`` with the checks that report ``rule`` and keep that rule's findings."""
    options = example_options(example.options)
    document = example_document(example, options)
    findings = tuple(f for check in _checks(rule, options) for f in check.check(document) if f.rule == rule.id)
    return ExampleResult(example, findings, apply_suggestions(example.target, findings))


def example_problem(rule: RuleInfo, kind: str, example: Example) -> str | None:
    """Why ``example`` does not behave as ``rule`` says, or None."""
    result = run_example(rule, example)
    if kind == "good":
        return "flagged, but it is a good example" if result.flagged else None
    if not result.flagged:
        return "not flagged"
    if example.span is not None and result.span != example.span:
        return f"flags {result.span!r}, expected {example.span!r}"
    if example.fix is not None and result.fixed is not None and result.fixed != example.fix:
        return f"first suggestion gives {result.fixed!r}, expected {example.fix!r}"
    if example.fix is not None:
        source = example.source
        fixed = example.fix if source is None else f"{source}{SOURCE_SEPARATOR}{example.fix}"
        if run_example(rule, replace(example, text=fixed, fix=None, span=None)).flagged:
            return f"its fix {example.fix!r} is still flagged"
    return None


def missing_examples(rule: RuleInfo) -> str | None:
    """What a rule lacks: a bad example with span and fix, and a good example."""
    if not any(e.span is not None and e.fix is not None for e in rule.bad):
        return "no bad example with both span and fix"
    if not rule.good:
        return "no good example"
    return None
