"""Strict validation of rule files: every mistake is one clear line naming the file and the rule."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml

from auditor.errors import AuditorError
from auditor.rules_engine import RuleFileError, load_pack, load_packs
from auditor.rules_engine.loader import parse_yaml

GOOD_RULE = """
  - id: small-weapons-test
    description: small weapons
    message: say small arms
    category: accuracy/mistranslation
    severity: major
    pattern: [{word: small}, {word: weapons}]
    suggest: ["small arms"]
    examples:
      bad: [{text: They fired small weapons., fix: They fired small arms.}]
      good: [They fired small arms.]
"""


def write_pack(
    tmp_path: Path, rules: str, head: str = "id: test\n  description: t\n  enabled: default"
) -> Path:
    path = tmp_path / "test.yaml"
    path.write_text(f"pack:\n  {head}\nrules:\n{textwrap.dedent(rules)}", encoding="utf-8")
    return path


def test_a_valid_pack_loads(tmp_path: Path) -> None:
    pack = load_pack(write_pack(tmp_path, GOOD_RULE))
    assert pack.id == "test" and [r.id for r in pack.rules] == ["small-weapons-test"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("pattern: [{word: small}", "pattern: [{words: small}"), "unknown key 'words'"),
        (("category: accuracy/mistranslation", "category: accuracy/wrong"), "category 'accuracy/wrong'"),
        (("severity: major", "severity: huge"), "severity must be minor, major or critical"),
        (("{word: weapons}]", "{in: arms}]"), "unknown set 'arms'"),
        (('suggest: ["small arms"]', 'suggest: ["{adj} arms"]'), "no pattern item is named adj"),
        (('suggest: ["small arms"]', 'suggest: ["a", "b"]\n    safe: true'), "exactly one suggestion"),
        (("good: [They fired small arms.]", "good: []"), "at least one good example"),
        (("{word: weapons}]", "{word: [weapons, no]}]"), "put quotes around"),
        (("{word: small}", "{gap: 20}"), "gap must be a whole number"),
        (("    description: small weapons\n", ""), "missing required key 'description'"),
        (("id: small-weapons-test", "id: Small Weapons"), "id must be lower-case"),
        (("{word: small}", "{regex: '['}"), "bad regex"),
    ],
)
def test_validation_errors_name_file_rule_and_problem(tmp_path: Path, change, expected) -> None:
    old, new = change
    assert old in GOOD_RULE
    path = write_pack(tmp_path, GOOD_RULE.replace(old, new))
    with pytest.raises(RuleFileError) as caught:
        load_pack(path)
    message = str(caught.value)
    assert str(path) in message and expected in message
    assert "\n" not in message
    assert isinstance(caught.value, AuditorError)


def test_rule_name_appears_in_errors(tmp_path: Path) -> None:
    path = write_pack(tmp_path, GOOD_RULE.replace("severity: major", "severity: huge"))
    with pytest.raises(RuleFileError, match="rule 'small-weapons-test'"):
        load_pack(path)


def test_broken_yaml_reports_the_line(tmp_path: Path) -> None:
    path = write_pack(tmp_path, GOOD_RULE.replace("message: say small arms", "message: say: small: arms"))
    with pytest.raises(RuleFileError, match=r"not valid YAML at line \d+"):
        load_pack(path)


def test_pack_switch_needs_source_lang(tmp_path: Path) -> None:
    path = write_pack(tmp_path, GOOD_RULE, head="id: test\n  description: t\n  enabled: source-lang")
    with pytest.raises(RuleFileError, match="source_lang is required"):
        load_pack(path)


def test_duplicate_rule_ids_across_packs(tmp_path: Path) -> None:
    write_pack(tmp_path, GOOD_RULE)
    (tmp_path / "other.yaml").write_text(
        f"pack:\n  id: other\n  description: o\n  enabled: default\nrules:\n{textwrap.dedent(GOOD_RULE)}",
        encoding="utf-8",
    )
    with pytest.raises(RuleFileError, match="id is also used in"):
        load_packs(tmp_path)


def test_yaml_tags_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "evil.yaml"
    path.write_text("pack: !!python/object/apply:os.system ['true']\nrules: []\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match="not valid YAML"):
        load_pack(path)


def test_parse_yaml_reports_problems_as_the_pure_python_loader_does() -> None:
    text = "pack:\n  id: test\n  message: say: small: arms\n"
    with pytest.raises(yaml.YAMLError) as fast:
        parse_yaml(text)
    with pytest.raises(yaml.YAMLError) as pure:
        yaml.safe_load(text)
    assert str(fast.value) == str(pure.value)


def test_parse_yaml_builds_plain_data_only() -> None:
    assert parse_yaml("a: [1, two]\n") == {"a": [1, "two"]}
    with pytest.raises(yaml.YAMLError):
        parse_yaml("!!python/object/apply:os.system ['true']\n")
