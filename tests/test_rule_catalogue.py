"""The built-in checks' catalogue entries are true: their examples behave as described."""

from __future__ import annotations

import pytest

from auditor.checks import CheckOptions, build_checks
from auditor.models import Document
from auditor.rule_catalogue import RuleInfo, builtin_rules, register
from auditor.segment import segment


def rules_on(text: str) -> set[str]:
    document = Document(path="t.txt", text=text)
    document.sentences = segment(text)
    checks = build_checks(CheckOptions(grammar=False))
    return {f.rule for check in checks for f in check.check(document)}


@pytest.mark.parametrize("rule", [r for r in builtin_rules() if r.bad], ids=lambda r: r.id)
def test_builtin_bad_examples_fire(rule: RuleInfo) -> None:
    for text in rule.bad:
        assert rule.id in rules_on(text), text


@pytest.mark.parametrize("rule", [r for r in builtin_rules() if r.good], ids=lambda r: r.id)
def test_builtin_good_examples_do_not_fire(rule: RuleInfo) -> None:
    for text in rule.good:
        assert rule.id not in rules_on(text), text


def test_register_refuses_a_different_rule_under_a_taken_id() -> None:
    taken = builtin_rules()[0]
    register(taken)  # idempotent
    with pytest.raises(ValueError, match="registered twice"):
        register(RuleInfo(taken.id, "something else", taken.category, taken.severity))
