"""The built-in checks' rules as data: ``rules/checks/<check>.yaml``, one file per check.

Each rule's id, category, severity, safe-fix flag, description, why and examples are written
there once. The check's module takes them as :class:`~auditor.checks.rule.Rule` objects, naming
every one (``DOUBLED_SPACE, DOUBLED_WORD = declared_rules("punctuation", "doubled-space", ...)``),
and makes every finding through them. The files are read like the rule packs (safe YAML, every
key checked, one line naming the file on error).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from auditor.checks.rule import Rule
from auditor.models import CATEGORIES, Severity
from auditor.resources import rules_dir
from auditor.rules_engine.loader import _examples, _yaml_problem
from auditor.rules_engine.patterns import RuleFileError, Where, check_keys
from auditor.yaml_files import parse_yaml

#: Under the rules directory: the built-in checks' rule files (not packs).
CHECKS_DIR = "checks"
_RULE_KEYS = {"id", "description", "why", "category", "severity", "safe", "examples"}
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def load_check_rules(path: Path) -> dict[str, Rule]:
    """The rules of one check's file, by id, in file order."""
    where = Where(path)
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise where.fail(f"cannot read ({error.strerror})") from None
    except yaml.YAMLError as error:
        raise where.fail(_yaml_problem(error)) from None
    data = check_keys(data, {"check", "rules"}, "file", where)
    if not isinstance(data.get("rules"), list) or not data["rules"]:
        raise where.fail("rules: expected a non-empty list of rules")
    rules: dict[str, Rule] = {}
    for number, item in enumerate(data["rules"], 1):
        rule = _rule(item, path, number)
        if rule.id in rules:
            raise Where(path, rule.id).fail("id is used twice in this file")
        rules[rule.id] = rule
    return rules


def _rule(data: Any, path: Path, number: int) -> Rule:
    rule_id = data.get("id") if isinstance(data, dict) else None
    where = Where(path, rule_id if isinstance(rule_id, str) else f"#{number}")
    data = check_keys(data, _RULE_KEYS, "rule", where)
    if not isinstance(rule_id, str) or not _ID.match(rule_id):
        raise where.fail("id must be lower-case letters, digits and hyphens")
    for key in ("description", "why"):
        if not isinstance(data.get(key, ""), str) or (key == "description" and not data.get(key, "").strip()):
            raise where.fail(f"{key} must be non-empty text")
    if data.get("category") not in CATEGORIES:
        raise where.fail(f"category '{data.get('category')}' is not one of: {', '.join(CATEGORIES)}")
    try:
        severity = Severity(data.get("severity"))
    except ValueError:
        raise where.fail("severity must be minor, major or critical") from None
    safe = data.get("safe", False)
    if not isinstance(safe, bool):
        raise where.fail("safe must be true or false")
    if "examples" not in data:
        raise where.fail("missing required key 'examples'")
    bad, good = _examples(data["examples"], where)
    return Rule(
        rule_id, data["category"], severity, data["description"].strip(), safe, data.get("why", "").strip(), bad, good
    )


@cache
def check_rule_file(check: str) -> dict[str, Rule]:
    """The rules of the built-in check named ``check`` (``rules/checks/<check>.yaml``), loaded once."""
    path = rules_dir() / CHECKS_DIR / f"{check}.yaml"
    if not path.is_file():
        raise RuleFileError(f"{path}: the rule file of check '{check}' is missing")
    return load_check_rules(path)


def declared_rules(check: str, *ids: str) -> tuple[Rule, ...]:
    """The rules ``ids`` of ``check``, in that order; the check must name every rule its file declares,
    so code and data cannot drift apart (``A, B = declared_rules("name", "a", "b")``)."""
    rules = check_rule_file(check)
    missing = [rule_id for rule_id in ids if rule_id not in rules]
    unused = [rule_id for rule_id in rules if rule_id not in ids]
    path = rules_dir() / CHECKS_DIR / f"{check}.yaml"
    if missing:
        raise RuleFileError(f"{path}: no rule '{missing[0]}', which the {check} check reports")
    if unused:
        raise RuleFileError(f"{path}: rule '{unused[0]}' is declared but the {check} check never reports it")
    return tuple(rules[rule_id] for rule_id in ids)
