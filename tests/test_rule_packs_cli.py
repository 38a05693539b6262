"""Packs switched on from the command line, and the rules sub-commands."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from auditor.cli import app
from auditor.rule_catalogue import builtin_rules
from auditor.rules_engine import installed_packs

SEED = Path(__file__).resolve().parent.parent / "seeds"
runner = CliRunner()


def rules_found(*args: str) -> list[str]:
    result = runner.invoke(app, ["check", str(SEED), "--no-grammar", "--format", "json", *args])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    return [f["rule"] for d in report["documents"] for s in d["sentences"] for f in s["findings"]]


def test_source_lang_nl_switches_on_dutch_false_friends() -> None:
    assert "nl-collision-clash" not in rules_found()
    assert "nl-collision-clash" in rules_found("--source-lang", "nl")
    assert "nl-collision-clash" not in rules_found("--source-lang", "de")


def test_house_style_is_off_by_default_and_on_by_name() -> None:
    assert not [r for r in rules_found() if r.startswith("ap-")]
    assert "ap-compound-rank" in rules_found("--pack", "house-style")


def test_seed_damage_is_flagged_by_default() -> None:
    found = set(rules_found())
    assert {
        "evacuate-road",
        "relieve-tensions",
        "profits-military",
        "return-the-fire-self-defense",
        "citizen-casualty",
        "did-not-relate-to",
        "force-a-zone",
        "small-weapons",
        "led-territory",
        "shoot-projectiles",
        "killed-man",
        "complicated-terrain",
        "registered-incidents",
    } <= found


def test_unknown_pack_is_one_line_exit_2() -> None:
    result = runner.invoke(app, ["check", str(SEED), "--no-grammar", "--pack", "nope"])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and "no such rule pack" in result.output


def test_rules_list_shows_every_pack_and_builtin_rule() -> None:
    result = runner.invoke(app, ["rules", "list"])
    assert result.exit_code == 0
    for pack in installed_packs():
        assert f"pack:{pack.id}" in result.output
        for rule in pack.rules:
            assert rule.id in result.output
    for rule in builtin_rules():
        assert rule.id in result.output


def test_rules_show_gives_description_category_severity_and_examples() -> None:
    result = runner.invoke(app, ["rules", "show", "evacuate-road"])
    assert result.exit_code == 0
    for expected in ("accuracy/mistranslation", "major", "pack:mt-calques", "completely evacuated the M5"):
        assert expected in result.output
    missing = runner.invoke(app, ["rules", "show", "no-such-rule"])
    assert missing.exit_code == 2


def test_document_source_lang_switches_on_its_pack() -> None:
    from auditor.checks.phrases import PhraseCheck
    from auditor.models import Document
    from auditor.segment import segment

    text = "Party chef Friedrich Merz rejected the proposal."
    document = Document(path="t.txt", text=text, source_lang="de")
    document.sentences = segment(text)
    assert [f.rule for f in PhraseCheck().check(document)] == ["de-organisation-chef"]
    document.source_lang = None
    assert list(PhraseCheck().check(document)) == []


def test_rules_test_reports_failing_examples_of_an_editors_pack(tmp_path: Path) -> None:
    pack = tmp_path / "mine.yaml"
    pack.write_text(
        "pack: {id: mine, description: m, enabled: on-request}\n"
        "rules:\n"
        "  - id: my-small-weapons\n"
        "    description: d\n"
        "    message: Say small arms.\n"
        "    category: style/awkward\n"
        "    severity: minor\n"
        "    pattern: [{word: small}, {word: weapons}]\n"
        "    suggest: ['small guns']\n"
        "    examples:\n"
        "      bad: [{text: They fired small weapons., fix: They fired small arms.}]\n"
        "      good: [They fired small arms.]\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["rules", "test", str(pack)])
    assert result.exit_code == 1
    assert (
        "rule 'my-small-weapons': bad example" in result.output
        and "expected 'They fired small arms.'" in result.output
    )
    assert "1 packs, 2 examples, 1 failing" in result.output
    broken = tmp_path / "broken.yaml"
    broken.write_text("pack: [\n", encoding="utf-8")
    result = runner.invoke(app, ["rules", "test", str(broken)])
    assert result.exit_code == 2 and "not valid YAML" in result.output


def test_source_lang_with_region_and_capitals() -> None:
    assert "nl-collision-clash" in rules_found("--source-lang", "NL-be")
    bad = runner.invoke(app, ["check", str(SEED), "--no-grammar", "--source-lang", "Dutch!"])
    assert bad.exit_code == 2 and "two-letter language code" in bad.output
