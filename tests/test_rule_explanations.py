"""Every finding card's explanation: the rule's own description and its bad → fixed example, for our
rules and LanguageTool's, worded for the run (no "source" on a run without one)."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from auditor.checks import CheckOptions, build_checks
from auditor.languagetool import rule_docs
from auditor.models import Document
from auditor.report.explain import CATEGORY_HELP, rule_entries
from auditor.report.html_report import render_document, render_html
from auditor.report.json_report import document_dict
from auditor.rule_catalogue import builtin_rules, pack_rules
from auditor.run.pipeline import audit_document
from auditor.score.scoring import ScoringModel
from tests.languagetool_support import require_languagetool

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_716b39ef12bcdcab.txt"
FIELDS = {"title", "description", "why", "example_bad", "example_span", "example_good", "example_source",
          "example_origin", "learn_more", "category_help"}


def embedded(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="auditor-data">(.*?)</script>', page, re.S)
    assert match
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def seed_page() -> str:
    checks = build_checks(CheckOptions(grammar=False))
    result = audit_document(Document(path="seed.txt", text=SEED.read_text(encoding="utf-8")), checks, ScoringModel())
    return render_html(result)


def test_every_seed_card_has_its_rules_description_and_example(seed_page: str):
    data = embedded(seed_page)
    findings = [f for s in data["doc"]["sentences"] for f in s["findings"]]
    assert len(findings) >= 25
    ours = {r.id: r for r in (*builtin_rules(), *pack_rules())}
    for finding in findings:
        entry = data["rules"][finding["rule"]]
        assert set(entry) == FIELDS
        rule = ours[finding["rule"]]
        assert entry["description"] == rule.description
        assert data["explain"][finding["rule"]].startswith(rule.description.rstrip("."))
        assert entry["example_origin"] == "rule"
        assert entry["example_bad"] and entry["example_good"] and entry["example_bad"] != entry["example_good"]
        assert entry["learn_more"].startswith(finding["rule"] + "\n")  # the `auditor rules show` text
    evacuate = data["rules"]["evacuate-road"]
    assert (evacuate["example_bad"], evacuate["example_span"], evacuate["example_good"]) == (
        "Syrian troops have completely evacuated the M5.", "evacuated", "Syrian troops have completely cleared the M5."
    )
    # the cards show the description, escaped, in place of a category's stock sentence
    assert "calque of &quot;clear&quot;" in seed_page or "calque of “clear”" in seed_page or (
        'calque of "clear"' in seed_page
    )


def test_a_run_without_a_source_never_speaks_of_the_source(seed_page: str):
    data = embedded(seed_page)
    assert data["has_source"] is False
    assert "the source did not mean" not in seed_page
    assert "source" not in data["categories"]["accuracy/mistranslation"]
    for entry in data["rules"].values():
        assert "the source did not mean" not in entry["category_help"]


def test_a_run_with_a_source_keeps_the_source_wording():
    checks = build_checks(CheckOptions(grammar=False))
    result = audit_document(Document(path="s.txt", text="Syrian troops have completely evacuated the M5.\n"),
                            checks, ScoringModel())
    data = document_dict(result)
    data["sentences"][0]["source"] = "Syrische troepen hebben de M5 volledig ontruimd."
    page = render_document(data, result.document.text)
    assert embedded(page)["categories"]["accuracy/mistranslation"] == CATEGORY_HELP["accuracy/mistranslation"]


def _jar(tmp_path: Path, xml: str) -> Path:
    jar = tmp_path / "lib" / "language-en-6.8.jar"
    jar.parent.mkdir()
    with zipfile.ZipFile(jar, "w") as archive:
        archive.writestr("org/languagetool/rules/en/grammar.xml", xml)
    return jar


GRAMMAR = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE rules [ <!ENTITY verbs "walk|talk"> ]>
<rules lang="en"><category id="GRAMMAR" name="Grammar">
 <rulegroup id="HE_VERB_AGR" name="Agreement error: verb with 'he/she/it'">
  <short>Agreement error</short>
  <rule><pattern><token>he</token><token regexp="yes">&verbs;</token></pattern>
   <message>Did you mean <suggestion>walks</suggestion>?</message>
   <example correction="walks|walked">He <marker>walk</marker> to work.</example>
   <example>He walks to work.</example></rule>
 </rulegroup>
 <rule id="NO_EXAMPLE" name="A rule without an incorrect example"><pattern><token>x</token></pattern>
  <message>m</message><example>x</example></rule>
</category></rules>"""


def test_languagetool_rule_names_and_examples_come_from_its_own_rule_files(tmp_path: Path):
    docs = rule_docs.extract(_jar(tmp_path, GRAMMAR))
    assert docs["HE_VERB_AGR"] == {
        "name": "Agreement error: verb with 'he/she/it'",
        "short": "Agreement error",
        "example": {"bad": "He walk to work.", "span": "walk", "good": "He walks to work."},
    }
    assert docs["NO_EXAMPLE"] == {"name": "A rule without an incorrect example", "short": ""}


def test_languagetool_findings_get_lt_docs_or_the_finding_as_example(monkeypatch: pytest.MonkeyPatch,
                                                                       tmp_path: Path):
    docs = rule_docs.extract(_jar(tmp_path, GRAMMAR))
    monkeypatch.setattr(rule_docs, "languagetool_rule_docs", lambda: docs)
    text = "He walk to the fire bombs.\n"
    finding = {"rule": "languagetool/HE_VERB_AGR", "category": "fluency/grammar", "severity": "major",
               "start": 3, "end": 7, "message": "m", "suggestions": ["walks"]}
    java = {"rule": "languagetool/EN_COMPOUNDS_FIRE_BOMBS", "category": "fluency/spelling", "severity": "minor",
            "start": 15, "end": 25, "message": "m", "suggestions": ["firebombs"]}
    sentences = [{"index": 0, "start": 0, "end": 26, "text": text[:26], "findings": [finding, java]}]
    entries = rule_entries(sentences, text, has_source=False)
    agr = entries["languagetool/HE_VERB_AGR"]
    assert agr["description"] == "LanguageTool: Agreement error: verb with 'he/she/it'"
    assert (agr["example_bad"], agr["example_good"], agr["example_origin"]) == (
        "He walk to work.", "He walks to work.", "languagetool")
    assert "LanguageTool's example" in agr["learn_more"]
    compound = entries["languagetool/EN_COMPOUNDS_FIRE_BOMBS"]
    assert compound["description"].startswith("LanguageTool: A compound written apart")  # rules/languagetool-help.yaml
    assert (compound["example_bad"], compound["example_good"], compound["example_origin"]) == (
        "He walk to the fire bombs.", "He walk to the firebombs.", "this report")
    assert set(agr) == set(compound) == FIELDS


def test_the_installed_languagetool_explains_its_rules():
    require_languagetool()  # skips here, fails under CI, when make setup has not fetched it
    docs = rule_docs.languagetool_rule_docs()
    assert len(docs) > 1000
    assert docs["HE_VERB_AGR"]["example"]["good"] != docs["HE_VERB_AGR"]["example"]["bad"]
