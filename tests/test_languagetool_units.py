"""LanguageTool support code that needs no server: names, mapping file, chunks, cache, offsets."""

from __future__ import annotations

import json
import threading
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest

from auditor.errors import AuditorError
from auditor.languagetool.cache import ResultCache, cache_key
from auditor.languagetool.client import annotated, bmp_only, chunk_spans
from auditor.languagetool.mapping import load_mapping
from auditor.languagetool.names import NameFilter, edit_distance_at_most_one
from auditor.models import Finding, Severity
from auditor.run.pipeline import merge_findings
from auditor.segment import segment


@pytest.fixture
def names() -> NameFilter:
    return NameFilter(frozenset({"dujarric"}))


def test_names_are_not_typos(names: NameFilter) -> None:
    none: Counter[str] = Counter()
    assert names.is_name("Dujarric", ["Durrani"], none, sentence_initial=False)  # allowlisted
    assert names.is_name("Qamishli", ["Lavishly", "Amish"], none, sentence_initial=False)  # no close word
    assert names.is_name("SDF", ["SF"], none, sentence_initial=False)  # acronym
    assert names.is_name("McGurk", ["McGuire"], none, sentence_initial=True)  # inner capital
    assert names.is_name("Werth", ["Worth"], none, sentence_initial=False)  # short, mid-sentence
    assert names.is_name("Caggins", ["Higgins"], Counter({"Caggins": 2}), sentence_initial=True)  # recurs


def test_real_misspellings_stay(names: NameFilter) -> None:
    none: Counter[str] = Counter()
    assert not names.is_name("Teh", ["The", "Ten"], none, sentence_initial=True)
    assert not names.is_name("Washingtn", ["Washington"], none, sentence_initial=False)
    assert not names.is_name("comission", ["commission"], none, sentence_initial=False)  # lowercase


def test_sentence_start_detection() -> None:
    text = "He left. Teh end.\nNext line and “Quote” here"
    assert NameFilter.starts_sentence(text, 0)
    assert NameFilter.starts_sentence(text, text.index("Teh"))
    assert NameFilter.starts_sentence(text, text.index("Next"))
    assert not NameFilter.starts_sentence(text, text.index("line"))


def test_edit_distance() -> None:
    assert edit_distance_at_most_one("teh", "the")  # swap
    assert edit_distance_at_most_one("comission", "commission")  # insertion
    assert not edit_distance_at_most_one("qamishli", "lavishly")


def test_bmp_only_keeps_python_length() -> None:
    text = "a😀b🇳🇱c𝒜"
    safe = bmp_only(text)
    assert len(safe) == len(text) and len(safe.encode("utf-16-le")) == 2 * len(safe)


def test_chunks_cover_text_on_sentence_ends() -> None:
    text = " ".join(f"Sentence number {i} is here." for i in range(400))
    spans = list(chunk_spans(text, segment(text), limit=500))
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in pairwise(spans))
    assert all(text[end - 1] == "." for _, end in spans)
    assert max(end - start for start, end in spans) <= 500


def test_mapping_file_loads_and_validates(tmp_path: Path) -> None:
    mapping = load_mapping()
    assert mapping.target("MORFOLOGIK_RULE_EN_US", "TYPOS").category == "fluency/spelling"
    assert mapping.target("ANY", "GRAMMAR").severity is Severity.MAJOR
    assert mapping.target("COMMA_PERIOD_CONFUSION", "TYPOGRAPHY").category == "accuracy/number"
    assert "EN_UNPAIRED_QUOTES" in mapping.disabled_rules
    bad = tmp_path / "lt.yaml"
    bad.write_text("default: {category: fluency/grammar, severity: huge}\n", encoding="utf-8")
    with pytest.raises(AuditorError, match="severity"):
        load_mapping(bad)
    bad.write_text("default: {category: nonsense, severity: minor}\n", encoding="utf-8")
    with pytest.raises(AuditorError, match="unknown category"):
        load_mapping(bad)


def test_cache_is_keyed_and_safe_under_threads(tmp_path: Path) -> None:
    key = cache_key("6.8", "en-US", {"A"}, set(), "text")
    assert key != cache_key("6.8", "en-GB", {"A"}, set(), "text")
    assert key != cache_key("6.8", "en-US", {"A", "B"}, set(), "text")
    assert key != cache_key("6.7", "en-US", {"A"}, set(), "text")
    cache = ResultCache(tmp_path / "c.sqlite3")
    other = ResultCache(tmp_path / "c.sqlite3")  # a second run at the same time

    def work(n: int) -> None:
        for i in range(50):
            (cache if n % 2 else other).put(f"k{n}-{i}", [{"offset": i}])

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert cache.get("k3-49") == [{"offset": 49}] and other.get("k0-0") == [{"offset": 0}]
    assert cache.get("missing") is None
    cache.close()
    other.close()


def test_merge_keeps_our_finding_and_all_suggestions_for_the_same_span() -> None:
    ours = Finding("space-before-punctuation", "fluency/punctuation", Severity.MINOR, 10, 12, "ours", (".",))
    same = Finding(
        "languagetool/A",
        "fluency/punctuation",
        Severity.MINOR,
        10,
        12,
        "lt",
        (".", ";"),
        origin="languagetool",
    )
    overlapping = Finding(
        "languagetool/B", "fluency/grammar", Severity.MINOR, 20, 25, "lt", ("x",), origin="languagetool"
    )
    word = Finding("doubled-word", "fluency/grammar", Severity.MINOR, 18, 22, "ours", ("",))
    elsewhere = Finding(
        "languagetool/C", "fluency/grammar", Severity.MAJOR, 600, 604, "lt", ("y",), origin="languagetool"
    )
    merged = merge_findings([ours, word, same, overlapping, elsewhere])
    assert [f.rule for f in merged] == ["space-before-punctuation", "doubled-word", "languagetool/C"]
    assert merged[0].message == "ours" and merged[0].suggestions == (".", ";")


def test_cross_segment_matches_are_dropped_in_lines_mode() -> None:
    from auditor.checks.grammar import _crosses_segments

    text = "The first line.\nThe second line."
    assert _crosses_segments({"rule": "EN_WORD_COHERENCY", "length": 3}, text, 0)
    assert _crosses_segments({"rule": "SOME_RULE", "length": 6}, text, 13)  # runs over the line break
    assert not _crosses_segments({"rule": "SOME_RULE", "length": 5}, text, 4)


def test_repeated_sentence_openings_are_not_reported() -> None:
    from auditor.languagetool.mapping import load_mapping

    assert "ENGLISH_WORD_REPEAT_BEGINNING_RULE" in load_mapping().disabled_rules


def test_certain_unknown_names_are_masked_and_runs_stay_whole(names: NameFilter) -> None:
    text = "Officials said Kornel Morawiecki met Dujarric in Qamishli. Teh talks in Paris ended."
    counts = names.capitalised_counts(text)
    masked = [text[a:b] for a, b in names.unknown_names(text, 0, len(text), counts)]
    assert "Kornel Morawiecki" in masked  # one span: no stand-in pairs with half a name
    assert "Qamishli" in masked  # no common word one edit away: a name whatever is suggested
    assert "Paris" not in masked  # common as a word: LanguageTool knows it, it stays as written
    assert "Teh" not in masked  # "The" is one edit away: LanguageTool must judge it
    assert "Officials" not in masked


def test_masked_spans_become_markup_read_as_known_names() -> None:
    text = "Then Qamishli and Ariha were shelled."
    data = json.loads(annotated(text, [(5, 13), (18, 23)]))["annotation"]
    assert "".join(part.get("text", part.get("markup", "")) for part in data) == text  # offsets unchanged
    assert [p["interpretAs"] for p in data if "markup" in p] == ["Smith", "Ella"]  # consonant / vowel


def test_a_hint_never_hides_a_scored_finding() -> None:
    """On the same span the scored finding is kept (with the hint's suggestions); a hint over the whole
    sentence from another check does not drop a scored finding on one of its words."""
    hint = Finding("meaning-past-added", "accuracy/mistranslation", Severity.HINT, 3, 6, "hint", ("is",),
                   origin="meaning-tense")
    scored = Finding("meaning-tense-changed", "accuracy/mistranslation", Severity.MINOR, 3, 6, "scored", ("is", "are"),
                     origin="meaning-tense")
    merged = merge_findings([hint, scored])
    assert [(f.rule, f.severity, f.suggestions) for f in merged] == [
        ("meaning-tense-changed", Severity.MINOR, ("is", "are"))]
    whole = Finding("meaning-negation-dropped", "accuracy/mistranslation", Severity.HINT, 0, 40, "whole",
                    origin="meaning-negation")
    will = Finding("meaning-future-added", "accuracy/mistranslation", Severity.MAJOR, 12, 16, "will",
                   origin="meaning-tense")
    assert [f.rule for f in merge_findings([whole, will])] == ["meaning-future-added"]
    # two hints, or two scored findings, keep the first as before
    other = Finding("meaning-modal-added", "accuracy/mistranslation", Severity.HINT, 12, 16, "modal",
                    origin="meaning-modal")
    assert [f.rule for f in merge_findings([whole, other])] == ["meaning-negation-dropped"]
