"""The catalogue is built from the one table of checks, and every rule a check module declares is in it."""

from __future__ import annotations

import importlib
import pkgutil

import auditor.checks
from auditor.checks.registry import CHECKS
from auditor.checks.rule import Rule
from auditor.rule_catalogue import all_rules, builtin_rules, find_rule


def test_every_rule_a_check_module_declares_is_in_the_table() -> None:
    declared = {}
    for module in pkgutil.iter_modules(auditor.checks.__path__):
        loaded = importlib.import_module(f"auditor.checks.{module.name}")
        declared.update({v.id: module.name for v in vars(loaded).values() if isinstance(v, Rule)})
    assert declared, "no Rule declared anywhere"
    listed = {r.id for r in builtin_rules()}
    assert not set(declared) - listed, sorted(set(declared) - listed)


def test_rule_ids_are_unique_across_checks_packs_and_languagetool() -> None:
    ids = [r.id for r in all_rules()]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def test_the_table_builds_own_checks_in_its_order() -> None:
    from auditor.checks import CheckOptions, own_checks

    names = [check.name for check in own_checks(CheckOptions(grammar=False))]
    assert names == [entry.check_class().name for entry in CHECKS]


def test_source_rules_have_source_target_examples_with_their_language() -> None:
    for rule in builtin_rules():
        if rule.id.startswith("source-"):
            assert all(e.source and e.options.get("source_lang") for e in rule.bad + rule.good), rule.id


def test_catalogue_has_no_import_cycle_and_registers_nothing_on_import() -> None:
    import subprocess
    import sys

    code = (
        "import sys, auditor.rule_catalogue as c; "
        "assert not [m for m in sys.modules if m.startswith('auditor.checks.') and m not in "
        "('auditor.checks.base', 'auditor.checks.rule')], sorted(sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_languagetool_rule_ids_are_explained() -> None:
    rule = find_rule("languagetool/MORFOLOGIK_RULE_EN_US")
    assert rule is not None and rule.source == "languagetool"
    assert "LanguageTool" in rule.description and "rules/languagetool.yaml" in rule.description
    mapped = find_rule("languagetool/COMMA_PERIOD_CONFUSION")  # demoted by its measurement (issue 15)
    assert mapped is not None and (mapped.category, mapped.severity) == ("accuracy/number", "hint")
    assert find_rule("languagetool/HE_VERB_AGR").severity == "major"
    assert any(r.id.startswith("languagetool/") for r in all_rules())


def test_every_check_rule_file_belongs_to_a_check_in_the_table() -> None:
    from auditor.resources import rules_dir

    names = {entry.check_class().name for entry in CHECKS}
    files = {p.stem for p in (rules_dir() / "checks").glob("*.yaml")}
    assert files and files <= names, sorted(files - names)


def test_code_and_rule_file_must_name_the_same_rules() -> None:
    import pytest

    from auditor.errors import AuditorError
    from auditor.rules_engine.check_rules import declared_rules

    with pytest.raises(AuditorError, match="'doubled-word' is declared but the punctuation check never reports it"):
        declared_rules(
            "punctuation", "doubled-space", "garbled-dateline", "missing-final-punctuation", "no-words",
            "sentence-lowercase-start", "space-before-punctuation",
        )
    with pytest.raises(AuditorError, match="no rule 'tripled-word'"):
        declared_rules("punctuation", "tripled-word")


def test_a_bad_check_rule_file_is_one_line_naming_file_and_rule(tmp_path) -> None:
    import pytest

    from auditor.errors import AuditorError
    from auditor.rules_engine.check_rules import load_check_rules

    path = tmp_path / "mine.yaml"
    path.write_text(
        "check: mine\nrules:\n  - id: my-rule\n    description: d\n    category: style/nice\n    severity: minor\n"
        "    examples: {bad: [x], good: [y]}\n",
        encoding="utf-8",
    )
    with pytest.raises(AuditorError) as caught:
        load_check_rules(path)
    assert str(caught.value).startswith(f"{path}: rule 'my-rule': category 'style/nice'")
