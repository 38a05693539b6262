"""The pack shown in docs/rules.md loads and its examples pass, so the documentation cannot rot."""

from __future__ import annotations

from pathlib import Path

from auditor.rules_engine import load_pack
from auditor.rules_engine.examples import run_example

DOC = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def test_documented_pack_loads_and_its_examples_pass(tmp_path: Path) -> None:
    text = DOC.read_text(encoding="utf-8")
    start = text.index("```yaml\npack:") + len("```yaml\n")
    block = text[start : text.index("```", start)]
    path = tmp_path / "doc-example.yaml"
    path.write_text(block, encoding="utf-8")
    pack = load_pack(path)
    for rule in pack.rules:
        for example in rule.bad:
            result = run_example(rule, pack, example)
            assert result.flagged and (example.fix is None or result.fixed == example.fix)
        for example in rule.good:
            assert not run_example(rule, pack, example).flagged
