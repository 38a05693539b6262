"""Names are not typos: the name filter learns the source's names, romanised."""

from __future__ import annotations

import pytest

from auditor.languagetool.names import (
    document_source_keys,
    matches_source_name,
    romanised,
    source_name_keys,
)
from auditor.readers.segments import Segment, segments_document


@pytest.mark.parametrize(
    ("source", "token"),
    [
        ("По словам советника господина Арсена Офкова, власти держат две системы.", "Offkov"),  # Cyrillic, inflected
        ("Шостакович написал симфонию.", "Shostakovich"),  # first word, but a long capitalised name
        ("काठमाडौं नेपालको राजधानी हो।", "Kathmandu"),  # Devanagari (no capitals: every word may be a name)
        ("قال محمد إن الوضع هادئ", "Muhammad"),  # Arabic writes no short vowels
        ("Mesinevestlusest räägib Laur Pyder, kes leiab ühise keele.", "Pyder"),  # Latin script
        ("Ștefan cel Mare a domnit în Moldova.", "Stefan"),  # diacritics dropped
    ],
)
def test_source_names_are_recognised(source: str, token: str) -> None:
    assert matches_source_name(token, source_name_keys(source))


@pytest.mark.parametrize(
    ("source", "token"),
    [
        ("По словам советника господина Арсена Офкова, власти держат две системы.", "Teh"),
        ("Шостакович написал симфонию.", "Symphny"),  # a common word of the source, not capitalised
        ("काठमाडौं नेपालको राजधानी हो।", "Goverment"),
        ("", "Offkov"),
    ],
)
def test_typos_are_not_source_names(source: str, token: str) -> None:
    assert not matches_source_name(token, source_name_keys(source))


def test_romanised_is_plain_lower_case_latin() -> None:
    assert romanised("Хрущёв") == "khrushchev"
    assert romanised("Ștefan's") == "stefans"


def test_keys_follow_the_segments() -> None:
    document = segments_document(
        "t.tsv",
        [Segment("1", "Offkov said.", source="Офков сказал."), Segment("2", "He left.", source="Он ушёл.")],
        lang="en-US",
        source_lang="ru",
    )
    keys = document_source_keys(document)
    assert keys is not None and len(keys) == 2
    assert matches_source_name("Offkov", keys[0]) and not matches_source_name("Offkov", keys[1])


def test_offline_speller_learns_the_source_names() -> None:
    """auditor's own speller: a lower-case name from a caseless source is the source's, not a typo."""
    from auditor.checks.spelling import SpellingCheck

    def unknown(source: str | None) -> list[str]:
        segment = Segment("1", "Then the sumeran king ruled the city.", source=source)
        document = segments_document("t.tsv", [segment], lang="en-US", source_lang="hi")
        return [document.text[f.start : f.end] for f in SpellingCheck().check(document) if f.rule == "unknown-word"]

    assert unknown(None) == ["sumeran"]
    assert unknown("तब सुमेरन राजा ने शहर पर शासन किया।") == []
    assert unknown("तब राजा ने शहर पर शासन किया।") == ["sumeran"]
