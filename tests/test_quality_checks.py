"""The reference-free checks added for the quality benchmark: each fires on its
phenomenon (positive) and stays silent on correct English (negative)."""

from __future__ import annotations

import pytest

from auditor.checks.articles import ArticleCheck
from auditor.checks.fragment import MissingVerbCheck
from auditor.checks.pronoun_case import PronounCaseCheck
from auditor.checks.punctuation import PunctuationCheck
from auditor.checks.spelling import SpellingCheck
from auditor.checks.tokenised import TokenisedCheck
from auditor.checks.word_order import WordOrderCheck
from auditor.models import Document
from auditor.run.pipeline import segment_document


def findings(check, text: str, lines: bool = True):
    document = segment_document(Document(path="t", text=text, lines=lines))
    found = list(check.check(document))
    for finding in found:
        assert 0 <= finding.start < finding.end <= len(text)
        assert finding.message
    return document, found


def spans(check, text: str) -> list[tuple[str, str]]:
    document, found = findings(check, text)
    return [(f.rule, document.text[f.start : f.end]) for f in found]


@pytest.mark.parametrize(
    ("text", "rule", "span"),
    [
        ("Cyanuric acid and melamine were both in found the urine of pets.", "preposition-before-past-tense",
         "in found"),
        ("The minister rejected the of plan on Monday.", "determiner-before-function-word", "the of"),
        ("Police said the was closed after the crash.", "determiner-before-function-word", "the was"),
        ("She said witness evidence be could impacted.", "auxiliary-order", "be could"),
        ("The committee recommended the resignation of the.", "sentence-ends-on-function-word", "the"),
        ("He wanted to revealed the truth to the court.", "to-before-past-tense", "to revealed"),
        ("The plan to was delayed by a week.", "auxiliary-order", "to was"),
        ("The report is has been published.", "auxiliary-order", "is has"),
        ("Most of were found in the north.", "auxiliary-order", "of were"),
        ("Officials said he they would come.", "pronoun-pair", "he they"),
        ("The police saw the him at the station.", "determiner-before-function-word", "the him"),
        ("It was a widely.", "determiner-before-adverb", "a widely"),
        ("The team in of the city won.", "preposition-pair", "in of"),
        ("Hormones accelerate the maturation of the baby's lungs fetal.", "adjective-after-noun", "fetal"),
        ("He said it as scientists from know many studies.", "preposition-before-verb", "from know"),
    ],
)
def test_word_order_flags_impossible_orders(text, rule, span):
    assert (rule, span) in spans(WordOrderCheck(), text)


@pytest.mark.parametrize(
    "text",
    [
        "The number of confirmed cases in the United States topped 4 million.",
        "Much of the development is concentrated on reclaimed land.",
        "In the letter, he said the support of the community could persuade the government.",
        "A road was closed in 2018 due to collapsed soil.",
        "Plan A and plan B were both rejected by the board.",
        "What he found was a box of letters.",
        "She has been living there since 2010, and so has he.",
        "The widely used drug had had side effects, which is what it was.",
        "He was spied on in 2017, with at least 146,000 deaths.",
        "It would be vain to claim that the acts of justice are not distributed.",
        "Portions created by ______ are Copyright the authors.",
        "He makes three deliveries daily, unlike the former, and the latter.",
    ],
)
def test_word_order_is_silent_on_correct_english(text):
    assert spans(WordOrderCheck(), text) == []


@pytest.mark.parametrize(
    ("text", "rule", "span", "fix"),
    [
        ("Me don't know if you realize that.", "object-pronoun-as-subject", "Me", "I"),
        ("Him research shows that hormones help.", "object-pronoun-as-subject", "Him", "He"),
        ("It was delayed because herself image has been published.", "pronoun-for-possessive", "herself",
         "her"),
        ("The trials are monitored and they effectiveness assessed.", "pronoun-for-possessive", "they",
         "their"),
        ("He pulled out due to damage to him suspension.", "pronoun-for-possessive", "him", "his"),
        ("According to the forecast, itself will be rainy.", "object-pronoun-as-subject", "itself", "it"),
        ("The gift was shared with they and their family.", "subject-pronoun-after-preposition",
         "they", "them"),
        ("Then i went home.", "lowercase-i", "i", "I"),
        ("Itself also said that the dead were many.", "object-pronoun-as-subject", "Itself", "It"),
        ("Steijn and myself get along really well.", "object-pronoun-as-subject", "myself", "I"),
        ("In 1989, his helped Brooks create the show.", "possessive-as-subject", "his", "he"),
        ("He is praised because of him performance so far.", "pronoun-for-possessive", "him", "his"),
        ("In he personal formula, Flick named three attributes.", "subject-pronoun-after-preposition", "he",
         "him"),
    ],
)
def test_pronoun_case_flags_the_wrong_form(text, rule, span, fix):
    document, found = findings(PronounCaseCheck(), text)
    assert [(f.rule, document.text[f.start : f.end], f.suggestions) for f in found] == [(rule, span, (fix,))]


@pytest.mark.parametrize(
    "text",
    [
        "I don't know if you realize that.",
        "Many of them foreigners, the fighters crossed the border.",
        "The report itself was published in the US government gazette.",
        "She herself has said so, and they themselves agreed.",
        "Give them money and let him go.",
        "Between you and me, the plan failed.",
        "Section (i) applies to all members.",
        "His was the best entry, and her injured leg healed.",
        "He let himself get carried away; the firm itself gets a fee.",
    ],
)
def test_pronoun_case_is_silent_on_correct_english(text):
    assert spans(PronounCaseCheck(), text) == []


def test_tokenised_text_is_flagged_and_fix_removes_the_space():
    text = "A test by infrared spectroscopy ( FTIR ) showed I do n't know and it 's fine."
    document, found = findings(TokenisedCheck(), text)
    assert sorted(f.rule for f in found) == ["space-inside-brackets"] * 2 + ["split-contraction"] * 2
    assert all(document.text[f.start : f.end].strip() == "" and f.suggestions == ("",) for f in found)


@pytest.mark.parametrize("text", ["A test (FTIR) showed it's fine.", "Rock 'n' roll in the '70s.",
                                  "The players' union said 'no'."])
def test_tokenised_is_silent_on_normal_typography(text):
    assert spans(TokenisedCheck(), text) == []


@pytest.mark.parametrize(
    ("text", "span", "fix"),
    [
        ("Cyanuric acid was foudn in the samples.", "foudn", "found"),
        ("It was impacted becuase her image was published.", "becuase", "because"),
        ("Most goods from Central Amercia are duty free.", "Amercia", "America"),
        ("The local ara has issued flood warnings nd alerts.", "nd", "and"),
    ],
)
def test_spelling_flags_typos_with_a_fix(text, span, fix):
    document, found = findings(SpellingCheck(), text)
    assert any(document.text[f.start : f.end] == span and fix in f.suggestions for f in found)


@pytest.mark.parametrize(
    "text",
    [
        "The humpback chub and other phages were studied by Hershey and Chase.",
        "The world's fourth-largest planemaker delivered 45 aircraft, Shimizu Shuichi said.",
        "Superprofits derived from exploitation were criticised by Meirinkan scholars.",
        "Eroll Flynn and Catry met in Nyiragongo, e.g. at https://example.org/foudn.",
    ],
)
def test_spelling_keeps_names_and_rare_words_safe(text):
    assert spans(SpellingCheck(), text) == []


@pytest.mark.parametrize(
    ("text", "span"),
    [("I don't if you realize that.", "don't if"), ("The ministry would the plan on Monday.", "would the")],
)
def test_missing_verb_is_flagged_in_statements(text, span):
    assert ("missing-verb", span) in spans(MissingVerbCheck(), text)


@pytest.mark.parametrize(
    "text", ["Could the ministry approve the plan?", "I don't know if you realize that.",
             "We the people agreed.", "He can't. The others could."]
)
def test_missing_verb_is_silent_on_questions_and_full_clauses(text):
    assert spans(MissingVerbCheck(), text) == []


@pytest.mark.parametrize(
    ("text", "span", "fix"),
    [("He ate a apple.", "a", "an"), ("She waited an week.", "an", "a"), ("A hour later.", "A", "An")],
)
def test_article_must_match_the_next_sound(text, span, fix):
    document, found = findings(ArticleCheck(), text)
    assert [(document.text[f.start : f.end], f.suggestions) for f in found] == [(span, (fix,))]


def test_article_before_a_plural_that_ends_its_phrase():
    assert spans(ArticleCheck(), "She gave a pets of food.") == [("article-before-plural", "a pets")]


@pytest.mark.parametrize(
    "text",
    ["It took an hour and a one-off fee at a university.", "A urine sample went to an FBI lab.",
     "He bought a sports car and a series of news.", "An Uber driver and a European official met.",
     "As required by Exhibit A as Origin, see Plan A in full."],
)
def test_articles_are_silent_when_the_sound_matches(text):
    assert spans(ArticleCheck(), text) == []


@pytest.mark.parametrize(
    ("text", "span"),
    [("Flights to Asia Asia.", " Asia"), ("It cost 100 100 dollars.", " 100"),
     ("Cases of Covid-19 Covid-19.", " Covid-19"), ("The park (SANParks) (SANParks).", " (SANParks)"),
     ("They met at Meirinkan Meirinkan.", " Meirinkan")],
)
def test_doubled_names_numbers_and_bracketed_tokens(text, span):
    assert ("doubled-word", span) in spans(PunctuationCheck(), text)


@pytest.mark.parametrize(
    "text",
    ["Walla Walla is far from Bora Bora.", "The scores were 2-1, 2-1 and 3-0.",
     "He said 1995\n1995 was good."],
)
def test_reduplicated_names_and_lists_are_not_doubled_words(text):
    assert [r for r in spans(PunctuationCheck(), text) if r[0] == "doubled-word"] == []


@pytest.mark.parametrize(
    ("text", "span", "fix"),
    [("It happened untill the end.", "untill", "until"), ("The trafic was heavy.", "trafic", "traffic"),
     ("Acording to the police, it rained.", "Acording", "According"),
     ("The Indipendence Day parade.", "Indipendence", "Independence")],
)
def test_spelling_catches_doubling_and_vowel_slips(text, span, fix):
    document, found = findings(SpellingCheck(), text)
    assert [(document.text[f.start : f.end], f.suggestions) for f in found] == [(span, (fix,))]


@pytest.mark.parametrize(
    "text",
    ["Parly said Maxa Kolonko and Eroll Flynn met.", "Redistributors may sublicense it; undump is a method.",
     "To the extent that he or she is an owner, your or their rights apply."],
)
def test_license_prose_and_rare_names_raise_nothing(text):
    for check in (SpellingCheck(), WordOrderCheck(), PronounCaseCheck()):
        assert spans(check, text) == []


def test_a_stray_letter_between_words_is_flagged_but_labels_are_not():
    assert spans(SpellingCheck(), "The plan wa approved and it s ready.") == [("stray-letter", "s")]
    assert spans(SpellingCheck(), "See subsection b above, vitamin d levels and items a to c.") == []
