"""The grammar check against the real LanguageTool server: findings, offsets, cache, names."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.checks import CheckOptions, build_checks
from auditor.checks.grammar import GrammarCheck
from auditor.languagetool.client import CHUNK_CHARS
from auditor.models import Document
from auditor.run.pipeline import audit_document, segment_document
from auditor.score.scoring import ScoringModel

try:  # tests/ is a rootdir folder, not a package, unless someone adds tests/__init__.py
    from languagetool_support import lt_server
except ImportError:  # pragma: no cover
    from tests.languagetool_support import lt_server  # noqa: F401

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_716b39ef12bcdcab.txt"


def _doc(text: str, path: str = "t.txt") -> Document:
    return segment_document(Document(path=path, text=text))


@pytest.fixture(scope="module")
def grammar(lt_server) -> GrammarCheck:
    check = GrammarCheck("en-US")
    yield check
    check.close()


def _by_rule(findings, rule):
    return [f for f in findings if f.rule == f"languagetool/{rule}"]


def test_known_bad_sentences_are_found_with_suggestions(grammar: GrammarCheck) -> None:
    text = "He go to the market every day. She bought a apple. They was late for the meeting."
    doc = _doc(text)
    findings = grammar.check(doc)
    spans = {text[f.start : f.end]: f for f in findings}
    assert spans["go"].category == "fluency/grammar" and spans["go"].severity.value == "major"
    assert "goes" in spans["go"].suggestions
    assert "an" in spans["a"].suggestions
    assert any(s in spans["was"].suggestions for s in ("were", "are"))
    for finding in findings:
        assert finding.origin == "languagetool" and finding.message


def test_seed_grammar_faults_found_and_merged_with_our_own(grammar: GrammarCheck) -> None:
    doc = _doc(SEED.read_text(encoding="utf-8"), str(SEED))
    findings = grammar.check(doc)
    bombs = _by_rule(findings, "EN_COMPOUNDS_FIRE_BOMBS")
    assert bombs and doc.text[bombs[0].start : bombs[0].end] == "fire bombs"
    assert bombs[0].suggestions == ("firebombs",)
    # "Ankara ." is flagged by both LanguageTool and our punctuation check: one finding remains.
    result = audit_document(
        _doc(doc.text, str(SEED)), [*build_checks(CheckOptions(grammar=False)), grammar], ScoringModel()
    )
    ankara = [
        f
        for f in result.findings
        if doc.text[f.start : f.end] == " ." and f.category == "fluency/punctuation"
    ]
    assert len(ankara) == 1 and ankara[0].rule == "space-before-punctuation"
    # Names of people and places are not spelling mistakes.
    flagged = {doc.text[f.start : f.end] for f in findings if f.category == "fluency/spelling"}
    assert not flagged & {"Qamishli", "Caggins", "Dujarric", "Khirbet", "Ammu"}


def test_offsets_exact_with_emoji_and_astral_characters(grammar: GrammarCheck) -> None:
    text = "🎉🎉 Good news 😀: he go home. 𝒜 cat eat teh fish. 🇳🇱 They was here."
    findings = grammar.check(_doc(text))
    flagged = sorted(text[f.start : f.end] for f in findings)
    assert "teh" in flagged and "was" in flagged
    for finding in findings:
        assert text[finding.start : finding.end].strip(), finding


def test_long_document_is_chunked_with_exact_offsets(grammar: GrammarCheck) -> None:
    paragraph = "The minister said the talks would continue next week in the capital. "
    filler = paragraph * (CHUNK_CHARS // len(paragraph) + 5)
    text = filler + "They was ready for the talks. " + filler + "He go to the border 😀 yesterday."
    requests_before = grammar.client.clock.requests
    findings = grammar.check(_doc(text))
    assert grammar.client.clock.requests - requests_before >= 2
    assert {"was", "go"} <= {text[f.start : f.end] for f in findings}


def test_real_misspellings_survive_the_name_filter(grammar: GrammarCheck) -> None:
    text = "Teh talks ended. Officials in Washingtn said the comission would meet in Qamishli."
    flagged = {text[f.start : f.end] for f in grammar.check(_doc(text)) if f.category == "fluency/spelling"}
    assert {"Teh", "Washingtn", "comission"} <= flagged
    assert "Qamishli" not in flagged


def test_masked_names_keep_grammar_and_offsets(grammar: GrammarCheck) -> None:
    # Kornel Morawiecki and Qamishli go to LanguageTool as markup read as known names
    text = "Kornel Morawiecki said they was in Qamishli. Kornel Morawiecki go there often."
    findings = grammar.check(_doc(text))
    spans = {text[f.start : f.end] for f in findings}
    assert "was" in spans
    # read as a known name, the subject now agrees or not: LanguageTool flags "… Morawiecki go"
    assert any(span.strip() == "go" for span in spans)
    assert not [f for f in findings if f.category == "fluency/spelling"]


def test_second_run_hits_the_cache(lt_server) -> None:
    text = "The army have withdrew from the town on Tuesday. Its a rare move."
    first = GrammarCheck("en-US")
    try:
        cold = first.check(_doc(text))
    finally:
        first.close()
    second = GrammarCheck("en-US")
    try:
        warm = second.check(_doc(text))
        # one look-up answers the whole document: its final findings, name filter applied
        assert second.cache.hits == 1 and second.cache.misses == 0 and second.client.clock.requests == 0
        lines = _doc(text)
        lines.lines = True  # cross-segment rules are dropped in line mode: a different key
        assert second._document_key(lines) != second._document_key(_doc(text))
    finally:
        second.close()
    assert warm == cold and cold


def test_no_cache_asks_the_server(lt_server) -> None:
    check = GrammarCheck("en-US", use_cache=False)
    try:
        check.check(_doc("This sentence are wrong."))
        check.check(_doc("This sentence are wrong."))
        assert check.cache is None and check.client.clock.requests == 2
    finally:
        check.close()


def test_british_variant(lt_server) -> None:
    text = "The colour of the programme changed."
    us = GrammarCheck("en-US")
    gb = GrammarCheck("en-GB")
    try:
        assert {text[f.start : f.end] for f in us.check(_doc(text))} >= {"colour"}
        assert not [f for f in gb.check(_doc(text)) if f.category == "fluency/spelling"]
    finally:
        us.close()
        gb.close()


def test_source_names_are_not_typos(grammar: GrammarCheck) -> None:
    """``Vova`` alone looks like a typo of ``Nova``; beside its source ``Вова`` it is the source's name."""
    from auditor.readers.segments import Segment, segments_document

    target = "Vova said it was late."
    alone = segment_document(Document(path="t.txt", text=target, lines=True))
    assert [target[f.start : f.end] for f in grammar.check(alone)] == ["Vova"]
    paired = segments_document(
        "t.tsv", [Segment("1", target, source="Вова сказал, что уже поздно.")], lang="en-US", source_lang="ru"
    )
    assert not [f for f in grammar.check(paired) if f.category == "fluency/spelling"]
    # a different source: the same word is a spelling finding again
    other = segments_document(
        "t.tsv", [Segment("1", target, source="Он сказал, что уже поздно.")], lang="en-US", source_lang="ru"
    )
    assert [target[f.start : f.end] for f in grammar.check(other)] == ["Vova"]
