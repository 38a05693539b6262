"""Read rule packs from YAML, validate them strictly and compile them.

Every problem is reported as an :class:`~auditor.errors.AuditorError` naming the
file and the rule, e.g. ``rules/packs/mt-calques.yaml: rule 'evacuate-road':
pattern item 2: unknown key 'lemmas' (allowed: ...)``.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from auditor.models import CATEGORIES, Severity
from auditor.resources import rules_dir
from auditor.rules_engine.inflection import all_forms
from auditor.rules_engine.model import ENABLED_VALUES, Example, Pack, Rule
from auditor.rules_engine.patterns import (
    RuleFileError,
    Where,
    WordSets,
    check_keys,
    compile_conditions,
    compile_items,
    string_list,
)
from auditor.rules_engine.templates import placeholder_names
from auditor.rules_engine.tokens import normalise
from auditor.yaml_files import parse_yaml

__all__ = ["RuleFileError", "installed_packs", "load_pack", "load_packs", "load_shared_sets"]

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_RULE_KEYS = {
    "id",
    "description",
    "message",
    "category",
    "severity",
    "pattern",
    "suggest",
    "requires",
    "excludes",
    "exceptions",
    "safe",
    "examples",
    "learned",
}
_PACK_KEYS = {"id", "description", "enabled", "source_lang"}
_TOP_KEYS = {"pack", "sets", "tables", "rules"}


def _examples(data: Any, where: Where) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    data = check_keys(data, {"bad", "good"}, "examples", where)
    out: list[tuple[Example, ...]] = []
    for kind in ("bad", "good"):
        raw = data.get(kind)
        if not isinstance(raw, list) or not raw:
            raise where.fail(f"examples: needs at least one {kind} example")
        examples = []
        for number, item in enumerate(raw, 1):
            if isinstance(item, str):
                examples.append(Example(item))
                continue
            item = check_keys(item, {"text", "fix", "span", "options"}, f"examples: {kind} {number}", where)
            if not all(isinstance(item.get(key, ""), str) for key in ("text", "fix", "span")) or "text" not in item:
                raise where.fail(f"examples: {kind} {number}: text (and fix, span) must be strings")
            if kind == "good" and ("fix" in item or "span" in item):
                raise where.fail(f"examples: good {number}: a good example has no fix or span")
            options = item.get("options", {})
            if not isinstance(options, dict):
                raise where.fail(f"examples: {kind} {number}: options must be a mapping of check options")
            examples.append(Example(item["text"], item.get("fix"), item.get("span"), MappingProxyType(options)))
        out.append(tuple(examples))
    return out[0], out[1]


def _learned(data: Any, where: Where) -> None:
    """``learned:``, the measurements ``auditor learn`` keeps with a rule: a mapping of plain values."""
    if data is None:
        return
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, (int, float, str)) and not isinstance(v, bool) for k, v in data.items()
    ):
        raise where.fail("learned must map names to numbers or words (what 'auditor learn' measured)")


def _rule(
    data: Any, pack_id: str, path: Path, sets: WordSets, tables: dict[str, dict[str, str]], number: int
) -> Rule:
    rule_id = data.get("id") if isinstance(data, dict) else None
    where = Where(path, rule_id if isinstance(rule_id, str) else f"#{number}")
    data = check_keys(data, _RULE_KEYS, "rule", where)
    for key in ("id", "description", "message", "category", "severity", "pattern", "examples"):
        if key not in data:
            raise where.fail(f"missing required key '{key}'")
    if not isinstance(rule_id, str) or not _ID.match(rule_id):
        raise where.fail("id must be lower-case letters, digits and hyphens")
    for key in ("description", "message"):
        if not isinstance(data[key], str) or not data[key].strip():
            raise where.fail(f"{key} must be non-empty text")
    if data["category"] not in CATEGORIES:
        raise where.fail(f"category '{data['category']}' is not one of: {', '.join(CATEGORIES)}")
    try:
        severity = Severity(data["severity"])
    except ValueError:
        raise where.fail("severity must be minor, major or critical") from None
    pattern = compile_items(data["pattern"], "pattern", where, sets)
    exceptions_raw = data.get("exceptions") or []
    if not isinstance(exceptions_raw, list):
        raise where.fail("exceptions must be a list of patterns")
    exceptions = tuple(
        compile_items(e, f"exception {n}", where, sets) for n, e in enumerate(exceptions_raw, 1)
    )
    suggest = data.get("suggest", [])
    suggest = [suggest] if isinstance(suggest, str) else suggest
    if not isinstance(suggest, list) or not all(isinstance(s, str) for s in suggest):
        raise where.fail("suggest must be a template or a list of templates")
    safe = data.get("safe", False)
    if not isinstance(safe, bool):
        raise where.fail("safe must be true or false")
    if safe and len(suggest) != 1:
        raise where.fail("safe: true needs exactly one suggestion (an unambiguous fix)")
    captures: dict[str, tuple[str, str | None]] = {}
    for item in pattern:
        if item.name:
            captures[item.name] = (item.spec.lemmas[0] if item.spec.lemmas else "", item.spec.pos)
    for template in [*suggest, data["message"]]:
        for name, operator, argument in placeholder_names(template):
            if name != "span" and name not in captures:
                raise where.fail(f"template {template!r} uses {{{name}}} but no pattern item is named {name}")
            if operator == "@" and argument.strip() not in tables:
                raise where.fail(f"template {template!r} uses unknown table '{argument.strip()}'")
    bad, good = _examples(data["examples"], where)
    _learned(data.get("learned"), where)
    return Rule(
        id=rule_id,
        pack=pack_id,
        description=data["description"].strip(),
        message=data["message"].strip(),
        category=data["category"],
        severity=severity,
        pattern=pattern,
        suggest=tuple(suggest),
        requires=compile_conditions(data.get("requires"), "requires", where, sets),
        excludes=compile_conditions(data.get("excludes"), "excludes", where, sets),
        exceptions=exceptions,
        safe=safe,
        bad=bad,
        good=good,
        captures=captures,
        tables=tables,
        sets=sets,
    )


def _sets(data: Any, where: Where, inherited: WordSets) -> WordSets:
    sets = dict(inherited)
    if data is None:
        return sets
    if not isinstance(data, dict):
        raise where.fail("sets must map a set name to a list of words")
    for name, words in data.items():
        values = string_list(words, f"set '{name}'", where)
        forms: set[str] = set()
        for word in values:
            word = normalise(word)
            forms |= {word} if " " in word or not word.isalpha() else all_forms(word)
        sets[str(name)] = frozenset(forms)
    return sets


def _tables(data: Any, where: Where) -> dict[str, dict[str, str]]:
    if data is None:
        return {}
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise where.fail("tables must map a table name to a mapping of words")
    return {str(n): {str(k).lower(): str(v) for k, v in t.items()} for n, t in data.items()}


def _yaml_problem(error: yaml.YAMLError) -> str:
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
    return f"not valid YAML{where}: {problem}"


def load_pack(path: Path, shared_sets: WordSets | None = None) -> Pack:
    """Load and validate one pack file."""
    where = Where(path)
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise where.fail(_yaml_problem(error)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise where.fail(f"cannot read: {error}") from None
    data = check_keys(data, _TOP_KEYS, "pack file", where)
    if "pack" not in data or "rules" not in data:
        raise where.fail("a pack file needs 'pack:' and 'rules:'")
    head = check_keys(data["pack"], _PACK_KEYS, "pack", where)
    pack_id = head.get("id")
    if not isinstance(pack_id, str) or not _ID.match(pack_id):
        raise where.fail("pack id must be lower-case letters, digits and hyphens")
    if not isinstance(head.get("description"), str):
        raise where.fail("pack needs a description")
    enabled = head.get("enabled")
    if enabled not in ENABLED_VALUES:
        raise where.fail(f"pack enabled must be one of {', '.join(ENABLED_VALUES)}")
    langs = head.get("source_lang")
    if (enabled == "source-lang") != (langs is not None):
        raise where.fail("source_lang is required exactly when enabled is source-lang")
    source_lang = tuple(lang.lower() for lang in string_list(langs, "source_lang", where)) if langs else ()
    sets = _sets(data.get("sets"), where, shared_sets or {})
    tables = _tables(data.get("tables"), where)
    if not isinstance(data["rules"], list) or not data["rules"]:
        raise where.fail("rules must be a non-empty list")
    rules = tuple(_rule(r, pack_id, path, sets, tables, n) for n, r in enumerate(data["rules"], 1))
    return Pack(pack_id, head["description"].strip(), enabled, source_lang, str(path), rules)


#: Top-level files of ``rules/`` that are data, not rule packs.
NOT_PACKS = ("sets.yaml", "languagetool.yaml", "languagetool-help.yaml", "calibration.yaml")


def load_shared_sets(root: Path) -> WordSets:
    """The word sets of ``root/sets.yaml`` (shared by every pack under ``root``); empty if there is none."""
    shared_file = root / "sets.yaml"
    if not shared_file.is_file():
        return {}
    where = Where(shared_file)
    try:
        data = parse_yaml(shared_file.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise where.fail(_yaml_problem(error)) from None
    return _sets((data or {}).get("sets") if isinstance(data, dict) else data, where, {})


#: Directories under the rules directory that hold data other than packs (``meaning/``: the meaning checks'
#: per-language markers).
NOT_PACK_DIRS = ("words", "checks", "lexicons", "meaning")


def pack_files(root: Path) -> list[Path]:
    """The pack files under ``root``: every ``*.yaml`` but the shared sets, the LanguageTool mapping, the word
    tables (``words/``, ``lexicons/``), the built-in checks' rules (``checks/``) and the meaning checks' markers
    (``meaning/``)."""
    skip_dirs = {root / name for name in NOT_PACK_DIRS}
    return sorted(
        p for p in root.rglob("*.yaml")
        if p not in {root / name for name in NOT_PACKS} and not skip_dirs & set(p.parents)
    )


def load_packs(directory: Path | None = None) -> tuple[Pack, ...]:
    """Every ``*.yaml`` pack under ``directory`` (default: the installed rules), validated together.

    ``sets.yaml`` at the top of the directory holds word sets shared by all packs;
    ``languagetool.yaml`` beside it is the LanguageTool mapping (``languagetool-help.yaml`` explains
    LanguageTool's Java rules in reports) and ``calibration.yaml`` the measured default tiers; ``words/``
    (word tables), ``checks/`` (the built-in checks' rules), ``lexicons/`` and ``meaning/``
    (the meaning checks' markers) are not packs either.
    """
    root = directory or rules_dir()
    shared = load_shared_sets(root)
    files = pack_files(root)
    packs = tuple(load_pack(p, shared) for p in files)
    _check_unique(packs)
    return packs


def _check_unique(packs: Iterable[Pack]) -> None:
    seen_packs: dict[str, str] = {}
    seen_rules: dict[str, str] = {}
    for pack in packs:
        if pack.id in seen_packs:
            raise RuleFileError(f"{pack.path}: pack id '{pack.id}' is also used by {seen_packs[pack.id]}")
        seen_packs[pack.id] = pack.path
        for rule in pack.rules:
            if rule.id in seen_rules:
                other = seen_rules[rule.id]
                raise RuleFileError(f"{pack.path}: rule '{rule.id}': id is also used in {other}")
            seen_rules[rule.id] = pack.path


def load_extra_packs(paths: Iterable[str]) -> tuple[Pack, ...]:
    """Packs from ``--rules`` paths (a pack file, or a directory of them), checked against the installed ones.

    They share the installed ``rules/sets.yaml``; a directory's own ``sets.yaml`` adds to it.
    """
    shared = load_shared_sets(rules_dir())
    packs: list[Pack] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            own = {**shared, **load_shared_sets(path)}
            files = sorted(p for p in path.rglob("*.yaml") if p not in {path / n for n in NOT_PACKS})
            if not files:
                raise RuleFileError(f"{path}: --rules directory holds no .yaml rule packs")
            packs += [load_pack(p, own) for p in files]
        elif path.is_file():
            packs.append(load_pack(path, shared))
        else:
            raise RuleFileError(f"{path}: rule directory or pack file not found (--rules, rule-paths)")
    _check_unique([*installed_packs(), *packs])
    return tuple(packs)


def pack_fingerprint(paths: Iterable[str]) -> str:
    """A digest of the ``--rules`` files' contents (part of the result cache key)."""
    digest = hashlib.sha256()
    for name in paths:
        path = Path(name)
        files = sorted(path.rglob("*.yaml")) if path.is_dir() else [path]
        for file in files:
            digest.update(str(file).encode("utf-8") + b"\0")
            with contextlib.suppress(OSError):
                digest.update(file.read_bytes())
    return digest.hexdigest()



def hash_rule_files(directories: Iterable[Path]) -> str:
    """A short hash of every file under ``directories`` (packs, word tables, the LanguageTool mapping)."""
    import hashlib

    digest = hashlib.sha256()
    for directory in directories:
        for path in sorted(p for p in Path(directory).rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(str(path.relative_to(directory)).encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:8]


@lru_cache(maxsize=1)
def installed_packs() -> tuple[Pack, ...]:
    """The packs shipped with auditor, loaded once per process."""
    return load_packs()
