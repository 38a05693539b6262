"""Sentence segmentation of wire copy keeps exact offsets and handles its traps."""

from __future__ import annotations

import pytest

from auditor.segment import segment, segment_lines


def texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in segment(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He left. She stayed.", ["He left.", "She stayed."]),
        ("The U.S. Army said so. Troops left.", ["The U.S. Army said so.", "Troops left."]),
        ("He lives in the U.S. The rest stayed.", ["He lives in the U.S.", "The rest stayed."]),
        ("Lt. Col. Carla Gleason spoke. Gen. Smith did not.", ["Lt. Col. Carla Gleason spoke.", "Gen. Smith did not."]),
        ("Incidents between Feb. 1 and Feb. 10 were recorded.", ["Incidents between Feb. 1 and Feb. 10 were recorded."]),
        ("John F. Kennedy was shot. Oswald was arrested.", ["John F. Kennedy was shot.", "Oswald was arrested."]),
        ("Growth was 1.5 percent. Prices rose.", ["Growth was 1.5 percent.", "Prices rose."]),
        ("“Why?” he asked. Nobody knew.", ["“Why?” he asked.", "Nobody knew."]),
        ("He said: “We left. We will return.” Then he went.",
         ["He said: “We left.", "We will return.”", "Then he went."]),
        ("DAMASCUS >> One Syrian was killed. Another was hurt.",
         ["DAMASCUS >> One Syrian was killed.", "Another was hurt."]),
        ("Apple Inc. The company said.", ["Apple Inc.", "The company said."]),
        ("Shares of Apple Inc. rose.", ["Shares of Apple Inc. rose."]),
    ],
)
def test_wire_copy_sentences(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_paragraphs_are_numbered_and_never_merged() -> None:
    text = "First one. Second one\n\nThird one.\n\n\n  Fourth."
    sentences = segment(text)
    assert [text[s.start : s.end] for s in sentences] == ["First one.", "Second one", "Third one.", "Fourth."]
    assert [s.paragraph for s in sentences] == [0, 0, 1, 2]
    assert [s.index for s in sentences] == [0, 1, 2, 3]


def test_seed_segments_cleanly(seed_text: str) -> None:
    sentences = segment(seed_text)
    spans = [seed_text[s.start : s.end] for s in sentences]
    assert all(span == span.strip() and span for span in spans)
    assert any(span.startswith("Air Force Lieutenant Colonel Carla Gleason") for span in spans)
    assert any(span.endswith("shouting: “What do you want from our country?") for span in spans)
    assert "What are your issues here?" in spans
    assert any(span.startswith("“A soldier tells the screaming man") for span in spans)
    assert len(spans) == 50


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("a\nb\n", ["a", "b"]),
        ("a\n\nb", ["a", "", "b"]),
        ("a\r\nb\r\n\r\n", ["a", "b", ""]),
        ("\n", [""]),
        ("", []),
        ("one. two. three", ["one. two. three"]),
    ],
)
def test_lines_mode_one_segment_per_line(text: str, lines: list[str]) -> None:
    sentences = segment_lines(text)
    assert [text[s.start : s.end] for s in sentences] == lines
    assert [s.index for s in sentences] == list(range(len(lines)))
