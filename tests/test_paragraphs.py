"""Write-throughs: a story is checked paragraph by paragraph where that changes nothing, so an
update re-checks only the changed paragraph; checks that look across paragraphs see the story."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.checks import CheckOptions, own_checks
from auditor.models import Document
from auditor.paragraphs import PARAGRAPH_LOCAL, paragraphs, shifted, sub_document
from auditor.run.audit_cache import AuditCache
from auditor.run.pipeline import audit_document, own_audit, segment_document
from auditor.score.scoring import ScoringModel

try:  # tests/ is a rootdir folder, not a package, unless someone adds tests/__init__.py
    from conftest import demetr_items
except ImportError:  # pragma: no cover
    from tests.conftest import demetr_items


@pytest.fixture(scope="module")
def checks():
    return own_checks(CheckOptions())


def _doc(text: str) -> Document:
    return segment_document(Document(path="story.txt", text=text))


def _mt_stories(count: int) -> list[str]:
    """Stories of 10 paragraphs of 3 machine-translated sentences each (DEMETR dev mt_sent)."""
    items = demetr_items("critical_id4_codemix") + demetr_items("base_id33_empty")
    sentences = [item["mt_sent"] for item in items]
    return [
        "\n\n".join(" ".join(sentences[s + p * 3 : s + p * 3 + 3]) for p in range(10)) + "\n"
        for s in range(0, 30 * count, 30)
    ]


def _key(findings) -> list[tuple]:
    return sorted((f.rule, f.start, f.end, f.suggestions, f.message) for f in findings)


def test_local_checks_find_the_same_paragraph_by_paragraph(checks, seed_text: str) -> None:
    documents = [_doc(seed_text), *(_doc(text) for text in _mt_stories(4))]
    local = [check for check in checks if check.name in PARAGRAPH_LOCAL]
    assert {c.name for c in local} == PARAGRAPH_LOCAL  # every name is a real check
    compared = 0
    for document in documents:
        parts = paragraphs(document)
        assert len(parts) >= 10
        for check in local:
            split = [shifted(f, start) for start, end, sentences in parts
                     for f in check.check(sub_document(document, start, end, sentences))]
            whole = list(check.check(document))
            assert _key(split) == _key(whole), check.name
            compared += len(whole)
    assert compared > 20  # the comparison saw real findings


def test_update_rechecks_one_paragraph_and_equals_a_fresh_audit(checks, seed_text: str, tmp_path: Path) -> None:
    paras = seed_text.split("\n\n")[:10]
    first = "\n\n".join(paras) + "\n"
    paras[6] = paras[6] + " He go to the market on Monday."
    updated = "\n\n".join(paras) + "\n"
    cache = AuditCache({"test": 1}, tmp_path / "own.sqlite3")
    try:
        audit_document(_doc(first), checks, ScoringModel(), cache)
        store = cache.paragraphs._store
        hits_before, misses_before = store.hits, store.misses
        again = audit_document(_doc(updated), checks, ScoringModel(), cache)
        local = len(PARAGRAPH_LOCAL)
        assert store.misses - misses_before == local  # only the changed paragraph was checked
        assert store.hits - hits_before == 9 * local
    finally:
        cache.close()
    fresh = audit_document(_doc(updated), checks, ScoringModel())
    assert _key(again.findings) == _key(fresh.findings)


def test_consistency_still_sees_the_whole_story(checks, tmp_path: Path) -> None:
    paras = [f"Paragraph {n} says the talks went on in the capital on Monday." for n in range(10)]
    paras[1] = "The convoy drove northwest of the city on Monday."
    paras[8] = "Later the convoy turned north-west again."
    cache = AuditCache({"test": 2}, tmp_path / "own.sqlite3")
    try:
        audit_document(_doc("\n\n".join(paras)), checks, ScoringModel(), cache)
        paras[4] = "Paragraph four was rewritten by the desk."
        result = own_audit(_doc("\n\n".join(paras)), checks, cache.paragraphs)
    finally:
        cache.close()
    assert any(f.rule == "inconsistent-compass-style" for f in result.findings)
