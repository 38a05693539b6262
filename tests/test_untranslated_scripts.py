"""One untranslated word in another script is one finding, whatever marks its letters carry."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.checks.untranslated import UntranslatedCheck
from auditor.models import Document
from auditor.segment import segment

#: Devanagari consonants, dependent vowel signs (combining marks), virama and nukta.
CONSONANTS = [chr(c) for c in range(0x0915, 0x0939 + 1)]
SIGNS = [chr(c) for c in (*range(0x093E, 0x094C + 1), 0x094D, 0x093C, 0x0902)]


def script_findings(text: str) -> list[tuple[str, int, int]]:
    document = Document(path="x.txt", text=text)
    document.sentences = segment(text)
    return [(f.rule, f.start, f.end) for f in UntranslatedCheck().check(document)]


def test_a_devanagari_word_with_vowel_signs_is_one_finding():
    text = "The minister said नमस्ते to the crowd."
    word = "नमस्ते"
    assert sum(unicodedata.category(c).startswith("M") for c in word) == 2  # it used to split at each of them
    start = text.index(word)
    assert script_findings(text) == [("untranslated-script", start, start + len(word))]


def test_the_word_that_made_five_findings_makes_one():
    text = "In the speech, प्रधानमंत्री spoke."  # was प / रध / नम / त / र: split at every vowel sign and virama
    start = text.index("प्रधानमंत्री")
    assert script_findings(text) == [("untranslated-script", start, start + len("प्रधानमंत्री"))]


def test_joiners_and_marks_inside_arabic_and_bengali_words_stay_in_the_word():
    for word in ("مُحَمَّد", "ক্\u200dষ", "किताब"):
        text = f"He wrote {word} on the wall."
        start = text.index(word)
        assert script_findings(text) == [("untranslated-script", start, start + len(word))], word


_SYLLABLE = st.tuples(st.sampled_from(CONSONANTS), st.lists(st.sampled_from(SIGNS), max_size=2)).map(
    lambda t: t[0] + "".join(t[1])
)
_WORD = st.lists(_SYLLABLE, min_size=1, max_size=5).map("".join)


@settings(max_examples=200, deadline=None)
@given(word=_WORD, before=st.sampled_from(["The man said ", "Officials called it ", "He wrote "]))
def test_property_every_devanagari_word_is_exactly_one_finding(word: str, before: str):
    text = f"{before}{word} yesterday."
    start = len(before)
    found = script_findings(text)
    assert found == [("untranslated-script", start, start + len(word))]
    assert text[found[0][1] : found[0][2]] == word
