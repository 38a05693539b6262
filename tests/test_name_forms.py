"""A source gives a name in its own forms (letters, case endings, exonyms, compounds): the name checks
must read them, and still catch a name the source does not give."""

from __future__ import annotations

import pytest

from auditor.bilingual.name_forms import exonym_frequency, people_in_source, source_forms, stem_rarity
from auditor.checks.source_tokens import _title_case
from tests.test_source_checks import findings, rules


def added(target: str, source: str, lang: str) -> list[str]:
    document, found = findings(target, source, lang)
    return [document.text[f.start : f.end] for f in found if f.rule == "source-name-added"]


def missing(target: str, source: str, lang: str) -> list[str]:
    return [r for r in rules(target, source, lang) if r == "source-name-missing"]


# -- source-name-added: the source gives the name in its own way --------------------------------


def test_estonian_letters_spell_russian_names() -> None:
    # Estonian writes Russian names with š, õ, j, h: Žirinovski, Hodorkovski
    source = "Kohtumisel rääkisid Vladimir Žirinovski ja Mihhail Hodorkovski."
    assert added("Vladimir Zhirinovsky and Mikhail Khodorkovsky spoke at the meeting.", source, "et") == []
    assert added("Vladimir Zhirinovsky and Mikhail Prokopenko spoke at the meeting.", source, "et") == ["Prokopenko"]


def test_estonian_case_endings_and_nen_names() -> None:
    # a -nen name declines on -se-: Saarinen, Saarisega; Virtanen, Virtasele
    source = "Ta kohtus Eero Saarisega ja helistas Jussi Virtasele."
    assert added("He met Eero Saarinen and called Jussi Virtanen.", source, "et") == []
    assert added("He met Eero Saarinen and called Jussi Hakkarainen.", source, "et") == ["Hakkarainen"]


def test_romanian_letters_spell_russian_names() -> None:
    # Romanian ș, ț and h for the sh, ts and kh of Russian names: Jirinovski, Hodorkovski, Mișa
    source = "La întâlnire au vorbit Mihail Hodorkovski și prietenul său Mișa Țoi."
    assert added("Mikhail Khodorkovsky and his friend Misha Tsoi spoke at the meeting.", source, "ro") == []


def test_greek_names_take_a_c_in_english() -> None:
    source = "Lahingu võitis strateeg Kimon."
    assert added("The battle was won by the general Cimon.", source, "et") == []
    assert added("The battle was won by the general Philostratus.", source, "et") == ["Philostratus"]


def test_cldr_city_exonym_declined_in_the_source() -> None:
    # Czech Lublaň and Jerevan (CLDR's time-zone cities), declined: v Lublani, v Jerevanu
    assert added("The meeting took place in Ljubljana yesterday.", "Schůzka se konala včera v Lublani.", "cs") == []
    assert added("The meeting took place in Yerevan yesterday.", "Schůzka se konala včera v Jerevanu.", "cs") == []
    assert added("The meeting took place in Yerevan yesterday.", "Schůzka se konala včera v Lublani.", "cs")
    # Polish Kiszyniów (CLDR's time-zone city), declined: w Kiszyniowie
    source = "Spotkanie odbyło się wczoraj w Kiszyniowie."
    assert added("The meeting took place in Chisinau yesterday.", source, "pl") == []
    flagged = {"source-name-added", "source-name-replaced"}
    assert not flagged & set(rules("The meeting took place in Chisinau yesterday.", source, "pl"))
    assert flagged & set(rules("The meeting took place in Chisinau yesterday.", "Spotkanie było w Tyraspolu.", "pl"))


def test_people_named_after_a_place_the_source_names() -> None:
    assert people_in_source("Czechs", "Mecz wygrali wczoraj Czesi z Czech.", "pl")
    assert people_in_source("Rigans", "Vaidlus riialaste ja Taani vahel.", "et")  # Riia: CLDR's city
    assert not people_in_source("Czechs", "Mecz wygrali wczoraj Węgrzy.", "pl")


def test_adjectives_and_peoples_in_an() -> None:
    # English derives an adjective or a people with -an from the name the source gives: Oscan, oșci
    source = "Roma s-a aliat cu oșcii din sud."
    assert added("Rome allied itself with the Oscan tribes of the south.", source, "ro") == []
    assert added("Rome allied itself with the Umbrian tribes of the south.", source, "ro") == []  # -ian: derived
    assert added("Rome allied itself with the Sabellan tribes of the south.", source, "ro") == ["Sabellan"]


def test_long_vowels_and_compounds() -> None:
    assert "rigiduma" in source_forms("Riigiduuma", "et")
    assert added("The Pan-Slavism of the time.", "Tolleaegne panslavism.", "et") == []


def test_adjacent_added_names_are_one_finding() -> None:
    # "Minister Kowalski" -> "Minister Zbigniew Nowak": one name put for another, reported once, as replaced
    # (the title the source spells does not account for the name after it)
    source = "Minister Kowalski spotkał się z ambasadorem."
    document, found = findings("Minister Zbigniew Nowak met the ambassador.", source, "pl")
    names = [(f.rule, document.text[f.start : f.end]) for f in found if f.rule.startswith("source-name")]
    assert names == [("source-name-replaced", "Zbigniew Nowak")]
    source = "Minister spotkał się z ambasadorem."
    assert added("Minister Zbigniew Nowak met the ambassador.", source, "pl") == ["Zbigniew Nowak"]


def test_estonian_and_romanian_take_names_known_in_english_for_exonyms() -> None:
    assert exonym_frequency("et", 3.0) == exonym_frequency("ro", 3.0) == 2.4
    assert exonym_frequency("de", 3.0) == 3.0
    # Liivimaa / Livonia: no table gives it, English knows the name well
    assert added("A war with Sweden over Livonia.", "Sõda Rootsiga Liivimaa pärast.", "et") == []


# -- source-name-missing: the translation gives the name in its own way ---------------------------


def test_compound_written_as_two_words() -> None:
    assert missing("The match went to a tie break after two hours.", "Nach zwei Stunden ging das Spiel in den Tiebreak.", "de") == []
    assert missing("The match went to a tie after two hours.", "Nach zwei Stunden ging das Spiel in den Tiebreak.", "de")


def test_german_common_noun_in_the_genitive_is_no_name() -> None:
    assert "landes" in stem_rarity("Landes", "de") and "land" in stem_rarity("Landes", "de")
    assert stem_rarity("Merkels", "de") == ["merkels"]  # names take a bare -s
    assert missing("The head of the fire department spoke.", "Es sprach der Leiter des Brandes am Abend.", "de") == []


def test_acronym_spelled_out() -> None:
    assert missing("The World Health Organization issued a statement.", "WHOは声明を発表した。", "ja") == []
    assert missing("The organization issued a statement.", "WHOは声明を発表した。", "ja")


def test_lower_case_gloss_in_another_script() -> None:
    source = "इसे नमूना क्षेत्र (sample space) कहते हैं।"
    assert missing("This is called the sample area.", source, "hi") == []
    assert missing("This is called the sample area.", "इसे नमूना क्षेत्र (xkcdq) कहते हैं।", "hi")


def test_title_case_heading_has_no_names_by_capitals() -> None:
    assert missing("A Call to the New Agitators", "Призыв к Новым Провокаторам", "ru") == []
    # a sentence (closed by a stop) is no heading, however many capitals it has
    assert _title_case("Призыв к Новым Провокаторам", "ru")
    assert not _title_case("Вчера Пошли к Новым Провокаторам.", "ru")
    assert not _title_case("Владимир Путин", "ru")  # names, not common words


@pytest.mark.parametrize(
    ("target", "source"),
    [
        ("We support # IvanPetrov", "Мы поддерживаем # ИванПетров"),  # a camel-cased hashtag
        ("They walked across St. Isaac's Square.", "Они прошли по Исаакиевской площади."),  # a name's adjective
        ("The Rewind award went to Sadovnik.", "Премию Ревайнд получил Садовник."),  # a w before a vowel is heard
    ],
)
def test_russian_names_in_other_shapes(target: str, source: str) -> None:
    assert missing(target, source, "ru") == []


def test_a_frequent_known_name_the_source_lacks_is_added() -> None:
    # a name this common may be an exonym the source spells its own way, unless the tables know it and the
    # source has none of its forms (CLDR's Singapore; London is a time-zone city, Londra in Romanian)
    source = "Nava a plecat spre Londra."
    assert added("The ship left for Singapore.", source, "ro") == ["Singapore"]
    assert added("The ship left for London.", source, "ro") == []
    # forms the tables add (exonyms.tsv) and a holiday that is no place
    assert added("The record was set in Britain.", "Rekord püstitati Suurbritannias.", "et") == []
    assert added("He was crowned on Christmas day.", "A fost încoronat în ziua de crăciun.", "ro") == []


@pytest.mark.parametrize(("name", "source", "lang"), [
    ("Georgia", "Он получил три года в Грузии.", "ru"),  # a Cyrillic form, inflected
    ("Africa", "Später verbesserte sich Südafrika stetig.", "de"),  # inside a compound
])
def test_exonym_forms_inflected_and_compounded(name: str, source: str, lang: str) -> None:
    from auditor.bilingual.name_sounds import exonym_in_source

    assert exonym_in_source(name, source, lang) is True


@pytest.mark.parametrize(("target", "source", "lang"), [
    # a hyphenated form is its source words (Grande-Bretagne), and the tables give the everyday names
    ("On Monday, Britain voted.", "Lundi, la Grande-Bretagne a voté.", "fr"),
    ("The soldiers of America left Kabul.", "Los soldados de EE. UU. salieron de Kabul.", "es"),
    ("He played in the Netherlands for years.", "Jugó durante años en Holanda.", "es"),
])
def test_everyday_names_of_big_countries_are_not_added(target: str, source: str, lang: str) -> None:
    assert added(target, source, lang) == []
