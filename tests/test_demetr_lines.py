"""`auditor check --lines --format json` on the DEMETR dev split: runs clean, ranks damage lower."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor.cli import app
from tests.conftest import DEMETR, demetr_items

runner = CliRunner()


def audit_lines(tmp_path: Path, lines: list[str]) -> list[dict]:
    path = tmp_path / "segments.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), "--lines", "--format", "json", "--no-grammar"])
    assert result.exit_code == 0, result.output
    (document,) = json.loads(result.stdout)["documents"]
    assert len(document["sentences"]) == len(lines)
    return document["sentences"]


@pytest.mark.parametrize("name", ["minor_id1_repeat2", "minor_id32_first_lower", "minor_id28_final_punc_removed"])
def test_perturbation_scores_below_its_mt(tmp_path: Path, name: str) -> None:
    items = demetr_items(name)
    lines = [line for item in items for line in (item["mt_sent"], item["pert_sent"])]
    sentences = audit_lines(tmp_path, [line.replace("\n", " ") for line in lines])
    below = sum(sentences[2 * i + 1]["score"] < sentences[2 * i]["score"] for i in range(len(items)))
    assert below / len(items) >= 0.90, f"{name}: {below}/{len(items)}"


def test_all_dev_sentences_audit_without_error(tmp_path: Path) -> None:
    demetr_items("base_id33_empty")  # fails under CI, skips elsewhere, when the data is missing
    lines = []
    for path in sorted(DEMETR.glob("*.json")):
        lines += [item["pert_sent"].replace("\n", " ") for item in json.loads(path.read_text(encoding="utf-8"))]
    assert len(lines) > 17000
    sentences = audit_lines(tmp_path, lines)
    assert [s["text"] for s in sentences] == lines
