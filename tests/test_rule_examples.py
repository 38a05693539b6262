"""Every YAML rule's own examples: bad ones are flagged with the stated fix, good ones are not."""

from __future__ import annotations

import pytest

from auditor.rules_engine import installed_packs
from auditor.rules_engine.examples import run_example

CASES = [
    pytest.param(pack, rule, example, kind, id=f"{rule.id}-{kind}{number}")
    for pack in installed_packs()
    for rule in pack.rules
    for kind, examples in (("bad", rule.bad), ("good", rule.good))
    for number, example in enumerate(examples, 1)
]


@pytest.mark.parametrize(("pack", "rule", "example", "kind"), CASES)
def test_rule_example(pack, rule, example, kind) -> None:
    result = run_example(rule, pack, example)
    if kind == "good":
        assert not result.flagged, f"{rule.id} fired on its good example: {example.text!r}"
        return
    assert result.flagged, f"{rule.id} missed its bad example: {example.text!r}"
    for finding in result.findings:
        assert example.text[finding.start : finding.end].strip(), "empty span"
        assert finding.category == rule.category and finding.severity == rule.severity
        assert finding.safe_fix == rule.safe
    if example.fix is not None:
        assert result.fixed == example.fix


def test_every_rule_has_good_and_bad_examples() -> None:
    for pack in installed_packs():
        for rule in pack.rules:
            assert rule.bad and rule.good, rule.id


def test_packs_cover_the_required_source_languages() -> None:
    langs = {lang for pack in installed_packs() for lang in pack.source_lang}
    assert {"nl", "de", "fr", "es", "it", "pt", "ru", "ar"} <= langs
