"""Run a rule's own examples: what the test suite and ``auditor rules show`` rely on."""

from __future__ import annotations

from dataclasses import dataclass

from auditor.models import Document, Finding
from auditor.rules_engine.model import Example, Pack, Rule
from auditor.segment import segment


@dataclass(frozen=True)
class ExampleResult:
    """What one example produced: the rule's findings and the text with the first fix applied."""

    example: Example
    findings: tuple[Finding, ...]
    fixed: str | None

    @property
    def flagged(self) -> bool:
        """Whether the rule fired on the example."""
        return bool(self.findings)


def run_example(rule: Rule, pack: Pack, example: Example) -> ExampleResult:
    """Audit ``example.text`` with ``rule``'s pack (forced on) and keep that rule's findings."""
    from auditor.checks.phrases import PhraseCheck

    document = Document(path=f"<example of {rule.id}>", text=example.text)
    document.sentences = segment(example.text)
    check = PhraseCheck(packs=[pack], requested=[pack.id])
    findings = tuple(f for f in check.check(document) if f.rule == rule.id)
    fixed = None
    if findings and findings[0].suggestions:
        first = findings[0]
        fixed = example.text[: first.start] + first.suggestions[0] + example.text[first.end :]
    return ExampleResult(example, findings, fixed)
