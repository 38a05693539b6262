"""The built-in checks' catalogue entries are true: their examples behave as described,
and every rule a check can report is in the catalogue."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from auditor.checks import CheckOptions, build_checks
from auditor.models import Document, Finding
from auditor.pipeline import segment_document
from auditor.rule_catalogue import RuleInfo, all_rules, builtin_rules, find_rule, register, split_example
from auditor.segment import segment

CHECKS = Path(__file__).resolve().parent.parent / "auditor" / "checks"


def findings_on(text: str, source_lang: str | None = None) -> list[Finding]:
    """Findings of every check (LanguageTool aside) on an example; a ``SOURCE ||| TARGET`` example
    is run as a one-segment bilingual document, as ``--lines --source`` would read it."""
    source, target = split_example(text)
    if source is None:
        document = Document(path="t.txt", text=target)
        document.sentences = segment(target)
    else:
        document = Document(
            path="t.txt", text=target, lines=True, source=source, source_segments=[source], source_lang=source_lang
        )
        segment_document(document)
    checks = build_checks(CheckOptions(grammar=False, source_lang=source_lang))
    return [f for check in checks for f in check.check(document)]


def rules_on(text: str, source_lang: str | None = None) -> set[str]:
    return {f.rule for f in findings_on(text, source_lang)}


@pytest.mark.parametrize("rule", [r for r in builtin_rules() if r.bad], ids=lambda r: r.id)
def test_builtin_bad_examples_fire(rule: RuleInfo) -> None:
    for text in rule.bad:
        assert rule.id in rules_on(text, rule.example_lang), text


@pytest.mark.parametrize("rule", [r for r in builtin_rules() if r.good], ids=lambda r: r.id)
def test_builtin_good_examples_do_not_fire(rule: RuleInfo) -> None:
    for text in rule.good:
        assert rule.id not in rules_on(text, rule.example_lang), text


@pytest.mark.parametrize("rule", [r for r in builtin_rules() if r.bad], ids=lambda r: r.id)
def test_first_bad_example_has_the_catalogued_category_severity_and_safety(rule: RuleInfo) -> None:
    found = [f for f in findings_on(rule.bad[0], rule.example_lang) if f.rule == rule.id]
    assert any(
        (f.category, f.severity.value, f.safe_fix) == (rule.category, rule.severity, rule.safe) for f in found
    ), [(f.category, f.severity.value, f.safe_fix) for f in found]


def test_source_rules_have_source_target_examples() -> None:
    for rule in builtin_rules():
        if rule.id.startswith("source-"):
            assert rule.bad and rule.good and rule.example_lang, rule.id
            assert all(split_example(text)[0] for text in rule.bad + rule.good), rule.id


def test_register_refuses_a_different_rule_under_a_taken_id() -> None:
    taken = builtin_rules()[0]
    register(taken)  # idempotent
    with pytest.raises(ValueError, match="registered twice"):
        register(RuleInfo(taken.id, "something else", taken.category, taken.severity))


#: Files whose rule ids come from elsewhere (phrases.py: the YAML packs, which are catalogued from the packs).
#: Modules whose rule ids live elsewhere: the phrase packs, and the meaning checks' base class, whose
#: ``finding(rule, …)`` gets each id from a meaning_*.py module (their examples are catalogued and run).
_RULES_FROM_ELSEWHERE = {"phrases.py", "meaning_common.py"}


def _constants(node: ast.AST) -> set[str]:
    """Every rule-id-shaped string constant in an expression (``"a" if x else "b"`` gives both)."""
    return {
        n.value
        for n in ast.walk(node)
        if isinstance(n, ast.Constant)
        and isinstance(n.value, str)
        and n.value.replace("-", "").isalpha()
        and n.value == n.value.lower()
    }


def _rule_parameters(tree: ast.AST) -> dict[str, int]:
    """Functions of a module that take a ``rule`` parameter, with its position (``self`` not counted)."""
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            names = [a.arg for a in node.args.posonlyargs + node.args.args if a.arg != "self"]
            if "rule" in names:
                found[node.name] = names.index("rule")
    return found


def emitted_rule_ids() -> dict[str, set[str]]:
    """Rule ids each check module can report, read from its source: ``rule="…"`` keywords, and for
    modules that pass ``rule=<variable>``, the ids they give it: ``rule = "…"``, tuples
    ``("rule-id", message, …)`` returned or assigned, and ids passed to a helper's ``rule`` parameter
    (``_finding(match, "split-contraction", …)``)."""
    emitted: dict[str, set[str]] = {}
    for path in sorted(CHECKS.glob("*.py")):
        if path.name in _RULES_FROM_ELSEWHERE:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        helpers = _rule_parameters(tree)
        literal: set[str] = set()
        dynamic = False
        indirect: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                for keyword in node.keywords:
                    if keyword.arg == "rule":
                        ids = _constants(keyword.value)
                        literal |= ids
                        dynamic |= not ids
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if name in helpers and len(node.args) > helpers[name]:
                    indirect |= _constants(node.args[helpers[name]])
            elif isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "rule" for t in node.targets
            ):
                indirect |= _constants(node.value)
            if isinstance(node, (ast.Return, ast.Assign)) and isinstance(node.value, ast.Tuple):
                first = node.value.elts[0] if node.value.elts else None
                if isinstance(first, ast.Constant) and isinstance(first.value, str) and "-" in first.value:
                    indirect |= _constants(first)
        if dynamic:
            assert indirect, f"{path.name} passes rule=<variable> but no rule id it assigns could be found"
            literal |= indirect
        if literal:
            emitted[path.name] = literal
    return emitted


def test_the_source_scan_sees_the_dynamic_rule_ids() -> None:
    emitted = emitted_rule_ids()
    assert {"auxiliary-order", "sentence-ends-on-function-word", "adjective-after-noun"} <= emitted["word_order.py"]
    assert {"lowercase-i", "pronoun-for-possessive"} <= emitted["pronoun_case.py"]
    assert emitted["tokenised.py"] == {"space-inside-brackets", "split-contraction"}
    assert {"source-name-missing", "source-token-missing"} <= emitted["source_tokens.py"]
    assert {"untranslated-word", "untranslated-script"} <= emitted["untranslated.py"]
    assert {"inconsistent-spelling", "inconsistent-unit"} <= emitted["consistency.py"]


def test_every_rule_a_check_emits_is_catalogued() -> None:
    catalogued = {r.id for r in builtin_rules()}
    missing = {f"{name}: {rule_id}" for name, ids in emitted_rule_ids().items() for rule_id in ids - catalogued}
    assert not missing, sorted(missing)


def test_languagetool_rule_ids_are_explained() -> None:
    rule = find_rule("languagetool/MORFOLOGIK_RULE_EN_US")
    assert rule is not None and rule.source == "languagetool"
    assert "LanguageTool" in rule.description and "rules/languagetool.yaml" in rule.description
    mapped = find_rule("languagetool/COMMA_PERIOD_CONFUSION")
    assert mapped is not None and (mapped.category, mapped.severity) == ("accuracy/number", "major")
    assert any(r.id.startswith("languagetool/") for r in all_rules())
