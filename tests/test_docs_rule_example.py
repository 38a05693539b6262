"""The pack shown in docs/rules.md loads and its examples pass, so the documentation cannot rot."""

from __future__ import annotations

from pathlib import Path

from auditor.checks.examples import example_problem
from auditor.rule_catalogue import rules_of_pack
from auditor.rules_engine import load_pack

DOC = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def test_documented_pack_loads_and_its_examples_pass(tmp_path: Path) -> None:
    text = DOC.read_text(encoding="utf-8")
    start = text.index("```yaml\npack:") + len("```yaml\n")
    block = text[start : text.index("```", start)]
    path = tmp_path / "doc-example.yaml"
    path.write_text(block, encoding="utf-8")
    pack = load_pack(path)
    for rule in rules_of_pack(pack):
        assert rule.bad and rule.good
        for kind, examples in (("bad", rule.bad), ("good", rule.good)):
            for example in examples:
                assert example_problem(rule, kind, example) is None, example
