"""The false-alarm benchmark counts real findings per rule on a small DEMETR-shaped sample."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "false_alarms.py"


def load_benchmark():
    spec = importlib.util.spec_from_file_location("false_alarms", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_counts_findings_per_rule_and_dedupes(tmp_path: Path) -> None:
    items = [
        {
            "id": 1,
            "eng_sent": "Angry men fired small weapons at the convoy.",
            "mt_sent": "The convoy left.",
            "pert_check": True,
        },
        {
            "id": 2,
            "eng_sent": "Angry men fired small weapons at the convoy.",
            "mt_sent": "Skipped small weapons.",
            "pert_check": False,
        },
    ]
    (tmp_path / "a.json").write_text(json.dumps(items), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps(items[:1]), encoding="utf-8")
    benchmark = load_benchmark()
    sentences = benchmark.clean_sentences(tmp_path)
    assert sentences == ["Angry men fired small weapons at the convoy.", "The convoy left."]
    counts, examples = benchmark.run(sentences)
    assert counts["small-weapons"] == 1
    assert ("small-weapons", "small weapons", sentences[0]) in examples
    table = benchmark.report(counts, len(sentences))
    assert "| pack:mt-calques | small-weapons | 1 | 500.00 |" in table
    assert "MT-damage packs: 1 findings, 500.00 per 1,000 sentences (target <= 5: NOT met)" in table
