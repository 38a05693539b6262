"""LanguageTool's en-US speller: British spellings and unlisted terms are hints, typos stay findings."""

from __future__ import annotations

import pytest

from auditor.languagetool.mapping import ambiguous_reading, load_mapping
from auditor.languagetool.variants import british_variant, coinage, unlisted_term
from auditor.models import Severity


@pytest.mark.parametrize(
    ("word", "suggestion"),
    [
        ("colour", "color"),
        ("centre", "center"),
        ("programme", "program"),
        ("recognised", "recognized"),
        ("Organisation", "Organization"),
        ("foetal", "fetal"),
        ("manoeuvre", "maneuver"),
        ("travelled", "traveled"),
        ("defence", "defense"),
        ("catalogue", "catalog"),
        ("neighbourhood", "neighborhood"),
        ("tyre", "tire"),
        ("sceptical", "skeptical"),
        ("moulded", "molded"),
        ("skilful", "skillful"),
        ("fulfil", "fulfill"),
        ("speciality", "specialty"),
        ("aluminium", "aluminum"),
    ],
)
def test_british_variants(word: str, suggestion: str) -> None:
    assert british_variant(word, [suggestion]) == suggestion


@pytest.mark.parametrize(("word", "suggestions"), [("Neighor", ["Neighbor"]), ("teh", ["the"]), ("colour", ["collar"])])
def test_typos_are_not_british(word: str, suggestions: list[str]) -> None:
    assert british_variant(word, suggestions) is None


def test_unlisted_terms() -> None:
    assert unlisted_term("pohutukawa", [])
    assert unlisted_term("hanami", ["salami"])
    assert not unlisted_term("goverment", ["government"])
    assert not unlisted_term("teh", [])  # too short to be taken for a term
    assert not unlisted_term("Hanami", [])  # capitalised: the name filter's business


def _match(rule: str, category: str, word: str, replacements: list[str]) -> dict:
    return {"rule": rule, "category": category, "length": len(word), "replacements": replacements,
            "message": "Possible spelling mistake found."}


def test_mapping_reports_them_as_hints() -> None:
    mapping = load_mapping()
    text = "The colour of the goverment."
    british = mapping.finding(_match("MORFOLOGIK_RULE_EN_US", "TYPOS", "colour", ["color"]), 4, text)
    assert british.severity == Severity.HINT and "color" in british.message
    typo = mapping.finding(_match("MORFOLOGIK_RULE_EN_US", "TYPOS", "goverment", ["government"]), 18, text)
    assert typo.severity == Severity.MINOR


def test_hyphenation_only_is_a_hint_but_a_closed_compound_is_not() -> None:
    mapping = load_mapping()
    text = "The 17 year old rode medium sized fire bombs."
    year = mapping.finding(_match("YEAR_OLD_HYPHEN", "PUNCTUATION", "17 year old", ["17-year-old"]), 4, text)
    assert year.severity == Severity.HINT and "house-style" in year.message
    sized = mapping.finding(_match("EN_COMPOUNDS_MEDIUM_SIZED", "MISC", "medium sized", ["medium-sized"]), 21, text)
    assert sized.severity == Severity.HINT
    bombs = mapping.finding(_match("EN_COMPOUNDS_FIRE_BOMBS", "MISC", "fire bombs", ["firebombs"]), 34, text)
    assert bombs.severity == Severity.MINOR  # the seed's must-fix: a closed compound, not hyphenation


def test_per_cent_is_british_style() -> None:
    text = "34 per cent agree."
    found = load_mapping().finding(_match("PER_CENT", "TYPOS", "per cent", ["percent"]), 3, text)
    assert found.severity == Severity.HINT


def test_rule_entries_carry_their_measurement_and_prefixes_match() -> None:
    import yaml

    from auditor.resources import rules_dir

    data = yaml.safe_load((rules_dir() / "languagetool.yaml").read_text(encoding="utf-8"))
    mapping = load_mapping()
    for rule, entry in data["rules"].items():
        if entry.get("severity") == "hint":
            assert entry.get("why") and entry.get("measured"), f"{rule}: a demotion says why, with figures"
            assert mapping.target(rule, "MISC").severity == Severity.HINT
    mapping.rules["EN_TEST_*"] = mapping.rules["COVID_19"]
    assert mapping.target("EN_TEST_ONE", "MISC").severity == Severity.HINT


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("superprofits", ("super", "profits")),
        ("ecozones", ("eco", "zones")),
        ("counterterrorism", ("counter", "terrorism")),
        ("planemaker", ("plane", "maker")),
    ],
)
def test_coinages_of_a_prefix_or_head_and_a_frequent_word(word: str, parts: tuple[str, str]) -> None:
    assert coinage(word) == parts


@pytest.mark.parametrize(
    "word",
    [
        "unequality",  # a negating prefix makes a wrong word: "inequality"
        "rerecognised",  # re- is not in the table either
        "cucumberland",  # two words, but no prefix or head: MT's coinages, which editors fix
        "superzx",  # the rest is no English word
        "Superprofits",  # capitalised: the name filter's business
        "goverment",
    ],
)
def test_typos_and_free_compounds_are_not_coinages(word: str) -> None:
    assert coinage(word) is None


def test_mapping_reports_a_coinage_as_a_hint_and_a_compound_typo_as_a_finding() -> None:
    mapping = load_mapping()
    text = "The planemaker and the cucumberland."
    coined = mapping.finding(_match("MORFOLOGIK_RULE_EN_US", "TYPOS", "planemaker", ["plane maker"]), 4, text)
    assert coined.severity == Severity.HINT and "coinage" in coined.message
    free = mapping.finding(_match("MORFOLOGIK_RULE_EN_US", "TYPOS", "cucumberland", ["cucumber land"]), 23, text)
    assert free.severity == Severity.MINOR


def _grammar(rule: str, text: str, word: str) -> Severity:
    match = {"rule": rule, "category": "GRAMMAR", "length": len(word), "replacements": ["x"],
             "message": "Possible agreement error."}
    return load_mapping().finding(match, text.index(word), text).severity


def test_agreement_after_a_plural_name_is_a_hint() -> None:
    assert _grammar("HE_VERB_AGR", "The Sundarbans cover an area of 3,850 km².", "cover") == Severity.HINT
    assert _grammar("HE_VERB_AGR", "The Philippines have a new president.", "have") == Severity.HINT
    assert _grammar("HE_VERB_AGR", "He go to school every day.", "go") == Severity.MAJOR
    assert _grammar("HE_VERB_AGR", "The Texas have a new governor.", "have") == Severity.MAJOR  # -as: singular
    assert _grammar("HE_VERB_AGR", "The boss have a new car.", "have") == Severity.MAJOR  # no capital: no name


def test_an_ing_word_before_a_plural_noun_may_be_an_adjective() -> None:
    assert _grammar("ADVISE_VBG", "It will help developing nations grow.", "developing") == Severity.HINT
    assert _grammar("ADVISE_VBG", "It will help developing the economy.", "developing") == Severity.MAJOR
    assert ambiguous_reading("ADVISE_VBG", "help develop nations", 5, 12) is None  # no -ing word
    assert ambiguous_reading("OTHER_RULE", "The Sundarbans cover", 15, 20) is None


def test_house_style_proper_nouns_and_british_agreement_are_hints() -> None:
    assert _grammar("T_REX", "They walk like a T-Rex.", "T-Rex") == Severity.HINT
    assert _grammar("NNP_AGREEMENT", "South Africa have defeated the All Blacks.", " have") == Severity.HINT
