"""The DEMETR benchmark harness: item loading, the accuracy rule and a real end-to-end run."""

from __future__ import annotations

import json

from benchmarks.quality import load_items, main, pairwise_accuracy, sort_key

MT = "Cyanuric acid and melamine were both found in urine samples of pets."
REF = "Both cyanuric acid and melamine were found in urine samples from pets."


def item(kind: str, pert: str, check: bool = True, id_: int = 1) -> dict:
    return {"id": id_, "src_sent": "氰尿酸和三聚氰胺", "eng_sent": REF, "mt_sent": MT, "pert_sent": pert,
            "pert_check": check, "pert_name": kind}


def write(tmp_path, kind: str, items: list[dict]) -> None:
    (tmp_path / f"{kind}.json").write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")


def test_ties_are_misses_and_only_strictly_lower_counts():
    assert pairwise_accuracy([(90.0, 80.0), (90.0, 90.0), (90.0, 95.0), (70.0, 69.9)]) == 0.5
    assert pairwise_accuracy([]) is None


def test_items_failing_the_perturbation_check_are_skipped(tmp_path):
    write(tmp_path, "minor_id26_misspelled", [item("x", "foudn", True, 1), item("x", "same", False, 2)])
    kinds = load_items(tmp_path)
    assert [i.id for i in kinds["minor_id26_misspelled"]] == [1]


def test_rows_sort_by_severity_then_id_with_base_last():
    kinds = ["base_id35_reference", "critical_id4_codemix", "minor_id14_word_swap", "minor_id2_repeat4",
             "major_id19_question"]
    assert sorted(kinds, key=sort_key) == ["minor_id2_repeat4", "minor_id14_word_swap", "major_id19_question",
                                           "critical_id4_codemix", "base_id35_reference"]


def test_end_to_end_run_scores_with_the_real_cli(tmp_path, capsys):
    data = tmp_path / "demetr"
    data.mkdir()
    write(data, "minor_id28_final_punc_removed", [item("p", MT[:-1])])
    write(data, "minor_id30_tokenized", [item("t", MT[:-1] + " .")])
    write(data, "base_id35_reference", [item("r", REF)])
    out = tmp_path / "quality.json"
    # the harness's plumbing, findings only: what the QE estimate does to human-vs-MT is measured on the
    # whole DEMETR dev split (docs/qe.md), not on one item
    assert main(["--data", str(data), "--no-grammar", "--json", str(out), "--qe-model", "off"]) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    accuracy = result["accuracy"]
    assert accuracy["minor_id28_final_punc_removed"]["target"] == 1.0
    assert accuracy["minor_id30_tokenized"]["target"] == 1.0
    assert accuracy["base_id35_reference"]["target"] == 0.0  # a clean human translation is not penalised
    assert accuracy["minor_id28_final_punc_removed"]["chrf"] == 1.0
    assert result["not_available"]["languagetool"] == "run with --no-grammar"
    assert result["clean_findings"]["sentences"] == 2
    table = capsys.readouterr().out
    assert "| minor_id28_final_punc_removed | 1 | 100.0 |" in table


def test_issue_must_show_on_real_demetr_items(tmp_path):
    """repeat2, first_lower and final_punc_removed score below their MT in >= 90% (first 60 dev items)."""
    import pytest

    from benchmarks.quality import DEFAULT_DATA

    kinds = ["minor_id1_repeat2", "minor_id32_first_lower", "minor_id28_final_punc_removed"]
    if not all((DEFAULT_DATA / f"{kind}.json").exists() for kind in kinds):
        pytest.skip(f"DEMETR dev split not found at {DEFAULT_DATA}")
    data = tmp_path / "demetr"
    data.mkdir()
    for kind in kinds:
        items = json.loads((DEFAULT_DATA / f"{kind}.json").read_text(encoding="utf-8"))[:60]
        write(data, kind, items)
    out = tmp_path / "quality.json"
    assert main(["--data", str(data), "--no-grammar", "--modes", "target", "--json", str(out)]) == 0
    accuracy = json.loads(out.read_text(encoding="utf-8"))["accuracy"]
    for kind in kinds:
        assert accuracy[kind]["target"] >= 0.9, kind


def test_option_detection_does_not_confuse_longer_options():
    from benchmarks.quality import has_option

    assert not has_option("  --source-lang TEXT  Language of the source", "--source")
    assert has_option("  --source TEXT  Source text\n  --source-lang TEXT", "--source")
