"""Reference metrics in the report equal sacrebleu's own API; compare reports HTER and edits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sacrebleu.metrics import BLEU, CHRF, TER

from tests.bilingual_helpers import DATA, run_cli, run_json

MT = [
    "The fire left 700,000 people without power.",
    "The mayor spoke with the press on 12 March.",
    "Police said nobody was hurt.",
]
REF = [
    "The fire cut power to 700,000 people.",
    "The mayor spoke to the press on March 12.",
    "Police said no one was injured.",
]


def test_sentence_and_corpus_metrics_equal_sacrebleu(tmp_path: Path) -> None:
    mt, ref = tmp_path / "mt.txt", tmp_path / "ref.txt"
    mt.write_text("\n".join(MT) + "\n", encoding="utf-8")
    ref.write_text("\n".join(REF) + "\n", encoding="utf-8")
    report = run_json(str(mt), "--lines", "--reference", str(ref))
    sentences = report["documents"][0]["sentences"]
    for sentence, hyp, reference in zip(sentences, MT, REF, strict=True):
        assert sentence["reference"] == reference
        assert sentence["metrics"]["bleu"] == round(
            BLEU(effective_order=True).sentence_score(hyp, [reference]).score, 4
        )
        assert sentence["metrics"]["chrf"] == round(CHRF().sentence_score(hyp, [reference]).score, 4)
        assert sentence["metrics"]["ter"] == round(TER().sentence_score(hyp, [reference]).score, 4)
    for scope in (report["metrics"], report["documents"][0]["metrics"]):
        for name, metric in (("bleu", BLEU()), ("chrf", CHRF()), ("ter", TER())):
            assert scope[name]["score"] == round(metric.corpus_score(MT, [REF]).score, 4)
            assert scope[name]["signature"] == str(metric.get_signature())


def test_reference_metrics_enter_score_only_when_asked(tmp_path: Path) -> None:
    plain = run_json(str(DATA / "story.tsv"))
    blended = run_json(str(DATA / "story.tsv"), "--score-with", "reference")
    first_plain = plain["documents"][0]["sentences"][0]
    first_blended = blended["documents"][0]["sentences"][0]
    assert "metrics" in first_plain and "audit_score" not in first_plain
    assert first_blended["audit_score"] == first_plain["score"]
    expected = 0.95 * first_plain["metrics"]["chrf"] + 0.05 * first_plain["score"]
    assert first_blended["score"] == pytest.approx(expected)


def test_compare_json_text_html(tmp_path: Path) -> None:
    mt, pe = tmp_path / "mt.txt", tmp_path / "pe.txt"
    mt.write_text("\n".join(MT) + "\n", encoding="utf-8")
    pe.write_text("\n".join([*REF[:2], "Police said nobody was hurt <b>."]) + "\n", encoding="utf-8")
    out = tmp_path / "compare.json"
    done = run_cli("compare", str(mt), str(pe), "--format", "json", "--output", str(out))
    assert done.returncode == 0, done.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    pes = pe.read_text(encoding="utf-8").splitlines()
    for segment, hyp, post in zip(report["segments"], MT, pes, strict=True):
        assert segment["hter"] == round(TER().sentence_score(hyp, [post]).score, 4)
    assert report["hter"]["score"] == round(TER().corpus_score(MT, [pes]).score, 4)
    edit = report["segments"][2]["edits"][0]
    assert edit["op"] == "replace" and pes[2][edit["pe_start"] : edit["pe_end"]] == "hurt <b>."
    text = run_cli("compare", str(mt), str(pe))
    assert "replace 'with' -> 'to'" in text.stdout
    html = run_cli("compare", str(mt), str(pe), "--format", "html").stdout
    assert "&lt;b&gt;" in html and "<b>" not in html and "default-src 'none'" in html


def test_compare_line_mismatch_exits_2(tmp_path: Path) -> None:
    mt, pe = tmp_path / "mt.txt", tmp_path / "pe.txt"
    mt.write_text("a\nb\n", encoding="utf-8")
    pe.write_text("a\n", encoding="utf-8")
    done = run_cli("compare", str(mt), str(pe))
    assert done.returncode == 2 and str(mt) in done.stderr and str(pe) in done.stderr


def test_empty_reference_field_means_no_reference() -> None:
    report = run_json(str(DATA / "story.tsv"))
    document = report["documents"][0]
    scored = [s for s in document["sentences"] if "metrics" in s]
    assert len(scored) == 2 and document["metrics"]["segments"] == 2
    hyps, refs = [s["text"] for s in scored], [s["reference"] for s in scored]
    assert document["metrics"]["bleu"]["score"] == round(BLEU().corpus_score(hyps, [refs]).score, 4)


def test_text_report_shows_reference_metrics() -> None:
    done = run_cli("check", "--no-grammar", str(DATA / "story.tsv"))
    assert done.returncode == 0
    assert "against the reference over 2 segments" in done.stdout and "BLEU" in done.stdout
