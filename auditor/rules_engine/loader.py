"""Read rule packs from YAML, validate them strictly and compile them.

Every problem is reported as an :class:`~auditor.errors.AuditorError` naming the
file and the rule, e.g. ``rules/packs/mt-calques.yaml: rule 'evacuate-road':
pattern item 2: unknown key 'lemmas' (allowed: ...)``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from auditor.errors import AuditorError
from auditor.models import CATEGORIES, Severity
from auditor.resources import rules_dir
from auditor.rules_engine.inflection import UPOS, all_forms
from auditor.rules_engine.matcher import lemma_spec_forms
from auditor.rules_engine.model import ENABLED_VALUES, Condition, Example, Pack, PatternItem, Rule, TokenSpec
from auditor.rules_engine.templates import placeholder_names
from auditor.rules_engine.tokens import normalise

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_SPEC_KEYS = {"word", "lemma", "pos", "tag", "in", "regex", "case", "start", "any_of", "not"}
_ITEM_KEYS = _SPEC_KEYS | {"optional", "gap", "name", "context"}
_RULE_KEYS = {
    "id", "description", "message", "category", "severity", "pattern", "suggest", "requires",
    "excludes", "exceptions", "safe", "examples",
}
_PACK_KEYS = {"id", "description", "enabled", "source_lang"}
_TOP_KEYS = {"pack", "sets", "tables", "rules"}
_CASES = ("lower", "upper", "title", "capitalized")
_TAGS = {"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "NN", "NNS", "JJ", "JJR", "JJS", "RB", "RBR", "RBS"}


class RuleFileError(AuditorError):
    """A rule file that cannot be used, with the file and rule it concerns."""


class _Where:
    """Builds error messages that name the file, the rule and the place inside it."""

    def __init__(self, path: Path, rule: str | None = None) -> None:
        self.path, self.rule = path, rule

    def fail(self, problem: str) -> RuleFileError:
        where = f"{self.path}"
        if self.rule:
            where += f": rule '{self.rule}'"
        return RuleFileError(f"{where}: {problem}")


def _string_list(value: Any, what: str, where: _Where) -> list[str]:
    values = [value] if isinstance(value, str) else value
    if isinstance(values, list) and any(isinstance(v, bool) for v in values):
        raise where.fail(f"{what}: put quotes around on, off, yes and no (YAML reads them as true/false)")
    if not isinstance(values, list) or not values or not all(isinstance(v, str) and v for v in values):
        raise where.fail(f"{what} must be a word or a non-empty list of words")
    return values


def _check_keys(data: Any, allowed: set[str], what: str, where: _Where) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise where.fail(f"{what} must be a mapping, got {type(data).__name__}")
    unknown = sorted(set(map(str, data)) - allowed)
    if unknown:
        raise where.fail(f"{what}: unknown key '{unknown[0]}' (allowed: {', '.join(sorted(allowed))})")
    return data


def _spec(data: dict[str, Any], what: str, where: _Where, sets: dict[str, frozenset[str]]) -> TokenSpec:
    pos = data.get("pos")
    if pos is not None and pos not in UPOS:
        raise where.fail(f"{what}: pos must be one of {', '.join(UPOS)}")
    words = lemmas = tags = set_names = regex = None
    if "word" in data:
        words = frozenset(normalise(w) for w in _string_list(data["word"], f"{what}: word", where))
    if "lemma" in data:
        lemmas = tuple(w.lower() for w in _string_list(data["lemma"], f"{what}: lemma", where))
    elif pos is not None:
        raise where.fail(f"{what}: pos only applies together with lemma")
    if "tag" in data:
        tags = frozenset(_string_list(data["tag"], f"{what}: tag", where))
        if not lemmas or tags - _TAGS:
            raise where.fail(f"{what}: tag needs a lemma and Penn tags from {', '.join(sorted(_TAGS))}")
    if "in" in data:
        set_names = frozenset(_string_list(data["in"], f"{what}: in", where))
        missing = sorted(set_names - set(sets))
        if missing:
            raise where.fail(f"{what}: unknown set '{missing[0]}' (define it under sets:)")
    if "regex" in data:
        if not isinstance(data["regex"], str):
            raise where.fail(f"{what}: regex must be a string")
        try:
            regex = re.compile(data["regex"])
        except re.error as error:
            raise where.fail(f"{what}: bad regex {data['regex']!r}: {error}") from None
    case = data.get("case")
    if case is not None and case not in _CASES:
        raise where.fail(f"{what}: case must be one of {', '.join(_CASES)}")
    start = data.get("start")
    if start is not None and not isinstance(start, bool):
        raise where.fail(f"{what}: start must be true or false")
    any_of: tuple[TokenSpec, ...] = ()
    if "any_of" in data:
        if not isinstance(data["any_of"], list) or not data["any_of"]:
            raise where.fail(f"{what}: any_of must be a non-empty list of token descriptions")
        labels = [f"{what}: any_of {n}" for n in range(1, len(data["any_of"]) + 1)]
        any_of = tuple(
            _spec(_check_keys(s, _SPEC_KEYS, label, where), label, where, sets)
            for label, s in zip(labels, data["any_of"], strict=True)
        )
    negated = None
    if "not" in data:
        label = f"{what}: not"
        negated = _spec(_check_keys(data["not"], _SPEC_KEYS, label, where), label, where, sets)
    return TokenSpec(
        words=words,
        lemmas=lemmas or (),
        lemma_forms=lemma_spec_forms(lemmas, pos) if lemmas else None,
        pos=pos,
        tags=tags,
        sets=set_names,
        regex=regex,
        case=case,
        sentence_start=start,
        any_of=any_of,
        negated=negated,
    )


def _items(data: Any, what: str, where: _Where, sets: dict[str, frozenset[str]]) -> tuple[PatternItem, ...]:
    if isinstance(data, str):
        data = [{"word": w} for w in data.split()]
    if not isinstance(data, list) or not data:
        raise where.fail(f"{what} must be a non-empty list of tokens")
    items: list[PatternItem] = []
    for number, raw in enumerate(data, 1):
        label = f"{what} item {number}"
        if isinstance(raw, str):
            raw = {"word": raw}
        raw = _check_keys(raw, _ITEM_KEYS, label, where)
        gap = raw.get("gap")
        if gap is not None and (not isinstance(gap, int) or isinstance(gap, bool) or not 1 <= gap <= 12):
            raise where.fail(f"{label}: gap must be a whole number from 1 to 12")
        spec_keys = set(raw) & _SPEC_KEYS
        if gap is None and not spec_keys:
            raise where.fail(f"{label}: says nothing about the token (give word, lemma, in, regex, ...)")
        for flag in ("optional", "context"):
            if flag in raw and not isinstance(raw[flag], bool):
                raise where.fail(f"{label}: {flag} must be true or false")
        name = raw.get("name")
        if name is not None and (not isinstance(name, str) or not re.fullmatch(r"[A-Za-z_][\w-]*", name)
                                 or name == "span"):
            raise where.fail(f"{label}: name must be a simple word other than 'span'")
        items.append(
            PatternItem(
                spec=_spec(raw, label, where, sets),
                optional=bool(raw.get("optional", False)),
                gap=gap,
                name=name,
                context=bool(raw.get("context", False)),
            )
        )
    if all(i.optional or i.gap is not None for i in items):
        raise where.fail(f"{what}: needs at least one token that is neither optional nor a gap")
    return tuple(items)


def _conditions(
    data: Any, what: str, where: _Where, sets: dict[str, frozenset[str]]
) -> tuple[Condition, ...]:
    if data is None:
        return ()
    if not isinstance(data, list):
        raise where.fail(f"{what} must be a list of conditions")
    result = []
    for number, raw in enumerate(data, 1):
        label = f"{what} {number}"
        raw = _check_keys(raw, {"near", "within", "side"}, label, where)
        if "near" not in raw:
            raise where.fail(f"{label}: needs near: (a token description)")
        within = raw.get("within", "sentence")
        if within != "sentence" and (not isinstance(within, int) or isinstance(within, bool) or within < 1):
            raise where.fail(f"{label}: within must be a number of tokens or 'sentence'")
        side = raw.get("side", "both")
        if side not in ("before", "after", "both"):
            raise where.fail(f"{label}: side must be before, after or both")
        near = _check_keys(raw["near"], _SPEC_KEYS, f"{label}: near", where)
        result.append(Condition(_spec(near, f"{label}: near", where, sets),
                                None if within == "sentence" else within, side))
    return tuple(result)


def _examples(data: Any, where: _Where) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    data = _check_keys(data, {"bad", "good"}, "examples", where)
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
            item = _check_keys(item, {"text", "fix"}, f"examples: {kind} {number}", where)
            if not isinstance(item.get("text"), str) or ("fix" in item and not isinstance(item["fix"], str)):
                raise where.fail(f"examples: {kind} {number}: text (and fix) must be strings")
            if kind == "good" and "fix" in item:
                raise where.fail(f"examples: good {number}: a good example has no fix")
            examples.append(Example(item["text"], item.get("fix")))
        out.append(tuple(examples))
    return out[0], out[1]


def _rule(data: Any, pack_id: str, path: Path, sets: dict[str, frozenset[str]],
          tables: dict[str, dict[str, str]], number: int) -> Rule:
    rule_id = data.get("id") if isinstance(data, dict) else None
    where = _Where(path, rule_id if isinstance(rule_id, str) else f"#{number}")
    data = _check_keys(data, _RULE_KEYS, "rule", where)
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
    pattern = _items(data["pattern"], "pattern", where, sets)
    exceptions_raw = data.get("exceptions") or []
    if not isinstance(exceptions_raw, list):
        raise where.fail("exceptions must be a list of patterns")
    exceptions = tuple(_items(e, f"exception {n}", where, sets) for n, e in enumerate(exceptions_raw, 1))
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
    return Rule(
        id=rule_id,
        pack=pack_id,
        description=data["description"].strip(),
        message=data["message"].strip(),
        category=data["category"],
        severity=severity,
        pattern=pattern,
        suggest=tuple(suggest),
        requires=_conditions(data.get("requires"), "requires", where, sets),
        excludes=_conditions(data.get("excludes"), "excludes", where, sets),
        exceptions=exceptions,
        safe=safe,
        bad=bad,
        good=good,
        captures=captures,
        tables=tables,
        sets=sets,
    )


def _sets(data: Any, where: _Where, inherited: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    sets = dict(inherited)
    if data is None:
        return sets
    if not isinstance(data, dict):
        raise where.fail("sets must map a set name to a list of words")
    for name, words in data.items():
        values = _string_list(words, f"set '{name}'", where)
        forms: set[str] = set()
        for word in values:
            word = normalise(word)
            forms |= {word} if " " in word or not word.isalpha() else all_forms(word)
        sets[str(name)] = frozenset(forms)
    return sets


def _tables(data: Any, where: _Where) -> dict[str, dict[str, str]]:
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


def load_pack(path: Path, shared_sets: dict[str, frozenset[str]] | None = None) -> Pack:
    """Load and validate one pack file."""
    where = _Where(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise where.fail(_yaml_problem(error)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise where.fail(f"cannot read: {error}") from None
    data = _check_keys(data, _TOP_KEYS, "pack file", where)
    if "pack" not in data or "rules" not in data:
        raise where.fail("a pack file needs 'pack:' and 'rules:'")
    head = _check_keys(data["pack"], _PACK_KEYS, "pack", where)
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
    source_lang = tuple(lang.lower() for lang in _string_list(langs, "source_lang", where)) if langs else ()
    sets = _sets(data.get("sets"), where, shared_sets or {})
    tables = _tables(data.get("tables"), where)
    if not isinstance(data["rules"], list) or not data["rules"]:
        raise where.fail("rules must be a non-empty list")
    rules = tuple(_rule(r, pack_id, path, sets, tables, n) for n, r in enumerate(data["rules"], 1))
    return Pack(pack_id, head["description"].strip(), enabled, source_lang, str(path), rules)


def load_packs(directory: Path | None = None) -> tuple[Pack, ...]:
    """Every ``*.yaml`` pack under ``directory`` (default: the installed rules), validated together.

    ``sets.yaml`` at the top of the directory holds word sets shared by all packs.
    """
    root = directory or rules_dir()
    shared: dict[str, frozenset[str]] = {}
    shared_file = root / "sets.yaml"
    if shared_file.is_file():
        where = _Where(shared_file)
        try:
            data = yaml.safe_load(shared_file.read_text(encoding="utf-8"))
        except yaml.YAMLError as error:
            raise where.fail(_yaml_problem(error)) from None
        shared = _sets((data or {}).get("sets") if isinstance(data, dict) else data, where, {})
    files = sorted(p for p in root.rglob("*.yaml") if p != shared_file)
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


@lru_cache(maxsize=1)
def installed_packs() -> tuple[Pack, ...]:
    """The packs shipped with auditor, loaded once per process."""
    return load_packs()
