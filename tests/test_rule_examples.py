"""Every rule's own examples, built-in and YAML alike, through the one example runner: bad ones are
flagged on their span with their fix, their fix is no longer flagged, good ones are not flagged."""

from __future__ import annotations

import pytest

from auditor.checks.examples import example_problem, missing_examples, run_example, unavailable
from auditor.rule_catalogue import RuleInfo, builtin_rules, pack_rules
from auditor.rules_engine import installed_packs
from tests.conftest import skip_or_fail

RULES = builtin_rules() + pack_rules()
CASES = [
    pytest.param(rule, example, kind, id=f"{rule.id}-{kind}{number}")
    for rule in RULES
    for kind, examples in (("bad", rule.bad), ("good", rule.good))
    for number, example in enumerate(examples, 1)
]


def require_installed(rule: RuleInfo) -> None:
    """Skip (fail under CI) a rule whose check reads data installed at set-up (`auditor dictionaries fetch`:
    WordNet and the dictionaries, for meaning-antonym) that is not installed."""
    reasons = {reason for example in (*rule.bad, *rule.good) if (reason := unavailable(rule, example))}
    if reasons:
        message = f"{rule.id}: {'; '.join(sorted(reasons))}: run `make setup` or `auditor dictionaries fetch`"
        skip_or_fail(message)


@pytest.mark.parametrize(("rule", "example", "kind"), CASES)
def test_rule_example(rule: RuleInfo, example, kind: str) -> None:
    require_installed(rule)
    assert example_problem(rule, kind, example) is None


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_rule_has_a_bad_example_with_span_and_fix_and_a_good_one(rule: RuleInfo) -> None:
    assert missing_examples(rule) is None


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_findings_carry_the_declared_category_and_safety(rule: RuleInfo) -> None:
    require_installed(rule)
    found = run_example(rule, rule.bad[0]).findings
    assert found and all(f.safe_fix == rule.safe for f in found)
    assert any((f.category, f.severity.value) == (rule.category, rule.severity) for f in found), found


def test_the_runner_notices_a_wrong_span_and_a_wrong_fix() -> None:
    from dataclasses import replace

    rule = next(r for r in RULES if r.id == "doubled-space")
    bad = rule.bad[0]
    assert "expected" in (example_problem(rule, "bad", replace(bad, span="convoy")) or "")
    assert "expected" in (example_problem(rule, "bad", replace(bad, fix="The convoy  came.")) or "")
    assert example_problem(rule, "good", bad) == "flagged, but it is a good example"


def test_packs_cover_the_required_source_languages() -> None:
    langs = {lang for pack in installed_packs() for lang in pack.source_lang}
    assert {"nl", "de", "fr", "es", "it", "pt", "ru", "ar"} <= langs
