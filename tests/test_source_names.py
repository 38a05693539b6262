"""Names are not typos: the name filter learns the source's names, romanised."""

from __future__ import annotations

import pytest

from auditor.languagetool.names import (
    document_source_keys,
    matches_source_name,
    romanised,
    source_name,
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


def test_only_capitalised_words_are_taken_for_source_names() -> None:
    """A lower-case romanised source word in the target is a transliteration left untranslated (post-editors
    replaced them), not a name: only capitalised words are excused."""
    source = "तब सुमेरन राजा ने शहर पर शासन किया।"
    keys = [source_name_keys(source)]
    assert source_name(keys, 0, "Sumeran")
    assert not source_name(keys, 0, "sumeran")
    assert not source_name(keys, 1, "Sumeran") and not source_name(None, 0, "Sumeran")


@pytest.mark.parametrize(
    ("cyrillic", "english"),
    [("Феодосий", "Theodosius"), ("Иссахар", "Issachar"), ("Хэллоуина", "Halloween"), ("Джиган", "Jigan"),
     ("Геродот", "Herodotus"), ("Цзиньпин", "Jinping"), ("Путина", "Putin")],
)
def test_other_english_spellings_of_cyrillic_letters(cyrillic: str, english: str) -> None:
    from auditor.bilingual.names import same_name

    assert same_name(cyrillic, english) and same_name(english, cyrillic)


def test_copied_latin_words_and_name_particles() -> None:
    from auditor.languagetool.names import copied_latin_words, particle_name

    assert "sergey" in copied_latin_words("мои работы https: / / vk.com / govorunov _ sergey")
    assert copied_latin_words("dans les postulats") == frozenset()  # a Latin source: untranslated, not copied
    assert particle_name("al-Islami") and particle_name("ut-Tahrir") and not particle_name("ut-tahrir")


def test_spelling_check_leaves_words_copied_from_a_cyrillic_source() -> None:
    from auditor.checks.spelling import SpellingCheck

    def flagged(source: str) -> list[str]:
        document = segments_document(
            "t.tsv", [Segment("1", "My work is at vk.com / govorunov _ solutions", source=source)],
            lang="en-US", source_lang="ru",
        )
        return [document.text[f.start : f.end] for f in SpellingCheck().check(document)]

    assert flagged("Мои работы: vk.com / govorunov _ solutions") == []
    assert flagged("Мои работы на сайте") == ["govorunov"]
