"""For arbitrary text built from trigger words, every phrase finding points at exact, trimmed text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.checks.phrases import PhraseCheck
from auditor.models import Document
from auditor.segment import segment

WORDS = [
    "the",
    "The",
    "killed",
    "man",
    "was",
    "a",
    "citizen",
    "Citizens",
    "evacuated",
    "EVACUATED",
    "M5",
    "troops",
    "shot",
    "smoke",
    "bombs",
    "relieve",
    "tension",
    "small",
    "weapons",
    "rebel",
    "-",
    "led",
    "territory",
    "returned",
    "fire",
    "from",
    "self",
    "defense",
    "between",
    "1",
    "10",
    "February",
    "since",
    "two",
    "years",
    "US",
    "Lieutenant",
    "Colonel",
    "Carla",
    "Gleason",
    "did",
    "not",
    "relate",
    "to",
    "Russians",
    "incident",
    "profits",
    "army",
    "’s",
    "“",
    "”",
    ",",
    ".",
    "\n\n",
    "  ",
    "é",
    "中文",
    "didn’t",
]
check = PhraseCheck(requested=["all"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40), st.lists(st.sampled_from([" ", "", "\n"]), max_size=40))
def test_phrase_findings_map_back_exactly(words: list[str], gaps: list[str]) -> None:
    text = "".join(w + (gaps[i] if i < len(gaps) else " ") for i, w in enumerate(words))
    document = Document(path="p.txt", text=text)
    document.sentences = segment(text)
    for finding in check.check(document):
        span = text[finding.start : finding.end]
        assert 0 <= finding.start < finding.end <= len(text)
        assert span == span.strip() and span
        assert finding.message and all(isinstance(s, str) for s in finding.suggestions)
        assert span not in finding.suggestions
