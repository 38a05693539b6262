"""Untranslated fragments: other scripts and foreign words judged by word frequency."""

from __future__ import annotations

import pytest

from auditor.checks.untranslated import UntranslatedCheck
from auditor.models import Severity
from tests.conftest import demetr_items
from tests.mtchecks_helpers import run, spans

CHECK = UntranslatedCheck()


@pytest.mark.parametrize(
    ("text", "span", "rule"),
    [
        ("Cyanuric acid and 三聚氰胺 were both found in urine samples.", "三聚氰胺", "untranslated-script"),
        ("The minister met Sergei Lavrov in Москва on Monday.", "Москва", "untranslated-script"),
        ("Protesters chanted الشعب يريد outside the embassy.", "الشعب يريد", "untranslated-script"),
        ("The Behörden said the road was closed.", "Behörden", "untranslated-word"),
        ("He did nicht say why the convoy stopped.", "nicht", "untranslated-word"),
        ("Officials said there is one experimental szczepionka for the disease.", "szczepionka", "untranslated-word"),
        ("The team reached the final, according to the Präsident of the club.", "Präsident", "untranslated-word"),
        (
            "Wolf children may have suffered severe Kindesmisshandlungen before.",
            "Kindesmisshandlungen",
            "untranslated-word",
        ),
        ("Drei people were injured on Saturday.", "Drei", "untranslated-word"),
        ("The club uprzedzał that similar events could happen.", "uprzedzał", "untranslated-word"),
        ("Yesterday the Gobierno announced new measures.", "Gobierno", "untranslated-word"),
    ],
)
def test_untranslated_words_are_found(text: str, span: str, rule: str) -> None:
    (finding,) = run(CHECK, text)
    assert (finding.rule, text[finding.start : finding.end]) == (rule, span)
    assert finding.category == "accuracy/untranslated"


def test_a_run_of_words_is_one_critical_finding() -> None:
    text = "The spokesman said the army would nicht mehr wissen about the attack."
    (finding,) = run(CHECK, text)
    assert text[finding.start : finding.end] == "nicht mehr wissen"
    assert finding.severity is Severity.CRITICAL


def test_a_single_word_is_major() -> None:
    (finding,) = run(CHECK, "The Behörden said the road was closed.")
    assert finding.severity is Severity.MAJOR


@pytest.mark.parametrize(
    "text",
    [
        "Chancellor Angela Merkel met Mr Müller in Kraków and Gdańsk.",
        "Polish Prime Minister Mateusz Morawiecki and Jarosław Kaczyński spoke.",
        "Pawłowicz owns an apartment worth PLN 570 thousand.",
        "Recep Tayyip Erdoğan and Lech Wałęsa met in São Paulo.",
        "The coup was led by the junta, and the kindergarten closed.",
        "He felt a sense of angst and déjà vu; the zeitgeist had changed.",
        "Steijn and I get along really well at the Lausitzring.",
        "The beam passes a 5 μm filter and a β-blocker was given.",
        "The Bundesliga club said its café will reopen.",
        "He lives in the Talstrasse in Munich.",
        "The will of the people is clear.",
        "Former Czech prime minister Jiří Paroubek said he would run again.",
        "The plan would includ an anual review.",
        "Der Spiegel said Corriere della Sera and the Teatro alla Scala had the story.",
        "Crowds filled the Unter den Linden and the Camino de Santiago.",
        "It was a bona fide pro bono case, the de facto leader said.",
    ],
)
def test_names_loanwords_and_english_pass(text: str) -> None:
    assert spans(text, run(CHECK, text)) == []


def test_codemix_recall_on_demetr_dev() -> None:
    items = demetr_items("critical_id4_codemix")
    caught = sum(bool(run(CHECK, item["pert_sent"])) for item in items)
    assert caught / len(items) >= 0.95


def test_clean_english_stays_quiet_on_a_demetr_sample() -> None:
    items = demetr_items("critical_id4_codemix")[::5]
    alarms = [text for item in items for text in (item["eng_sent"], item["mt_sent"]) if run(CHECK, text)]
    assert len(alarms) <= 1, alarms


def _with_source(target: str, source: str, lang: str | None):
    from auditor.models import Document
    from auditor.run.pipeline import segment_document

    document = segment_document(Document(path="t.txt", text=target, source=source, source_lang=lang))
    return [(target[f.start : f.end], f.rule) for f in CHECK.check(document)]


def test_a_name_the_source_capitalises_inside_its_sentence_is_carried_over_not_left_untranslated() -> None:
    target = "The mayor of Timişoara met Ştefan Popescu in Braşov. The Regele said it was fine."
    source = "Primarul din Timișoara s-a întâlnit cu Ștefan Popescu la Brașov. Regele a spus că e bine."
    found = _with_source(target, source, "ro")
    assert ("Regele", "untranslated-word") in found  # the source's sentence opener: no sign of a name
    assert not {"Timişoara", "Ştefan", "Braşov"} & {word for word, _ in found}  # cedilla or comma alike
    # without a source, a German source (every noun capitalised) or an unnamed language: judged as before
    assert {"Timişoara", "Braşov"} <= {w for w, _ in _with_source(target, "", "ro")}
    german = _with_source("The Behörden said the road was closed.", "Die Straße sei gesperrt, sagten die Behörden.", "de")
    assert ("Behörden", "untranslated-word") in german
    assert {"Timişoara", "Braşov"} <= {w for w, _ in _with_source(target, source, None)}
