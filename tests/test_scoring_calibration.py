"""Scoring: readability's share and the damaged-below-repaired property."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from auditor.checks import CheckOptions, build_checks
from auditor.models import Document, Finding, Severity
from auditor.run.pipeline import audit_document
from auditor.score.scoring import ScoringModel


def finding(severity: Severity, category: str = "fluency/grammar") -> Finding:
    return Finding("r", category, severity, 0, 1, "m")


def test_readability_findings_count_their_share():
    model = ScoringModel(readability_share=0.5)
    assert model.penalty([finding(Severity.MINOR, "readability")]) == 0.5
    assert model.penalty([finding(Severity.MAJOR)]) == 5.0


@given(
    st.lists(st.sampled_from(list(Severity)), max_size=6),
    st.sampled_from([s for s in Severity if s is not Severity.HINT]),
    st.integers(min_value=0, max_value=200),
    st.sampled_from(["fluency/grammar", "readability"]),
)
def test_one_more_finding_always_lowers_the_score(existing, extra, words, category):
    model = ScoringModel()
    repaired = [finding(s) for s in existing]
    damaged = [*repaired, finding(extra, category)]
    if model.score(repaired, words) > 0.001:
        assert model.score(damaged, words) < model.score(repaired, words)


@given(st.lists(st.sampled_from(list(Severity)), max_size=6), st.integers(min_value=0, max_value=200))
def test_a_hint_never_moves_the_score(existing, words):
    model = ScoringModel()
    findings = [finding(s) for s in existing]
    assert model.score([*findings, finding(Severity.HINT)], words) == model.score(findings, words)


def test_damaged_sentences_score_below_their_repair_end_to_end():
    pairs = [
        ("Cyanuric acid and melamine were both found in urine samples of pets.",
         "Cyanuric acid and melamine were both foudn in urine samples of pets."),
        ("I don't know if you realize that most goods are duty free.",
         "Me don't know if you realize that most goods are duty free."),
        ("A comparison by infrared spectroscopy (FTIR) revealed the composition.",
         "A comparison by infrared spectroscopy ( FTIR ) revealed the composition."),
        ("The minister rejected the plan of the committee on Monday.",
         "The minister rejected the of plan the committee on Monday."),
    ]
    checks = build_checks(CheckOptions(grammar=False))
    lines = [line for pair in pairs for line in pair]
    result = audit_document(Document(path="t", text="\n".join(lines), lines=True), checks, ScoringModel())
    scores = [s.score for s in result.sentences]
    for k in range(len(pairs)):
        assert scores[2 * k + 1] < scores[2 * k] == 100.0
