"""Validate and compile the pattern parts of a rule: token descriptions, patterns, conditions.

Every problem becomes a :class:`RuleFileError` that names the file, the rule and
the place inside it, in one line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from auditor.errors import AuditorError
from auditor.rules_engine.inflection import UPOS
from auditor.rules_engine.matcher import lemma_spec_forms
from auditor.rules_engine.model import Condition, PatternItem, TokenSpec
from auditor.rules_engine.tokens import normalise

SPEC_KEYS = {"word", "lemma", "pos", "tag", "in", "regex", "case", "start", "any_of", "not"}
ITEM_KEYS = SPEC_KEYS | {"optional", "gap", "name", "context"}
_CASES = ("lower", "upper", "title", "capitalized")
_TAGS = {"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "NN", "NNS", "JJ", "JJR", "JJS", "RB", "RBR", "RBS"}
WordSets = dict[str, frozenset[str]]


class RuleFileError(AuditorError):
    """A rule file that cannot be used, with the file and rule it concerns."""


class Where:
    """Builds error messages that name the file, the rule and the place inside it."""

    def __init__(self, path: Path, rule: str | None = None) -> None:
        self.path, self.rule = path, rule

    def fail(self, problem: str) -> RuleFileError:
        where = f"{self.path}"
        if self.rule:
            where += f": rule '{self.rule}'"
        return RuleFileError(f"{where}: {problem}")


def string_list(value: Any, what: str, where: Where) -> list[str]:
    """``value`` as a non-empty list of words (a single word is allowed)."""
    values = [value] if isinstance(value, (str, bool)) else value
    if isinstance(values, list) and any(isinstance(v, bool) for v in values):
        raise where.fail(f"{what}: put quotes around on, off, yes and no (YAML reads them as true/false)")
    if not isinstance(values, list) or not values or not all(isinstance(v, str) and v for v in values):
        raise where.fail(f"{what} must be a word or a non-empty list of words")
    return values


def check_keys(data: Any, allowed: set[str], what: str, where: Where) -> dict[str, Any]:
    """``data`` as a mapping with no keys beyond ``allowed``."""
    if not isinstance(data, dict):
        raise where.fail(f"{what} must be a mapping, got {type(data).__name__}")
    unknown = sorted(set(map(str, data)) - allowed)
    if unknown:
        raise where.fail(f"{what}: unknown key '{unknown[0]}' (allowed: {', '.join(sorted(allowed))})")
    return data


def compile_spec(data: dict[str, Any], what: str, where: Where, sets: WordSets) -> TokenSpec:
    """One token description (word, lemma, in, regex, case, start, any_of, not) as a TokenSpec."""
    pos = data.get("pos")
    if pos is not None and pos not in UPOS:
        raise where.fail(f"{what}: pos must be one of {', '.join(UPOS)}")
    words = lemmas = tags = set_names = regex = None
    if "word" in data:
        words = frozenset(normalise(w) for w in string_list(data["word"], f"{what}: word", where))
    if "lemma" in data:
        lemmas = tuple(w.lower() for w in string_list(data["lemma"], f"{what}: lemma", where))
    elif pos is not None:
        raise where.fail(f"{what}: pos only applies together with lemma")
    if "tag" in data:
        tags = frozenset(string_list(data["tag"], f"{what}: tag", where))
        if not lemmas or tags - _TAGS:
            raise where.fail(f"{what}: tag needs a lemma and Penn tags from {', '.join(sorted(_TAGS))}")
    if "in" in data:
        set_names = frozenset(string_list(data["in"], f"{what}: in", where))
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
            compile_spec(check_keys(s, SPEC_KEYS, label, where), label, where, sets)
            for label, s in zip(labels, data["any_of"], strict=True)
        )
    negated = None
    if "not" in data:
        label = f"{what}: not"
        negated = compile_spec(check_keys(data["not"], SPEC_KEYS, label, where), label, where, sets)
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


def compile_items(data: Any, what: str, where: Where, sets: WordSets) -> tuple[PatternItem, ...]:
    """A pattern (list of token descriptions with optional/gap/name/context, or a plain phrase)."""
    if isinstance(data, str):
        data = [{"word": w} for w in data.split()]
    if not isinstance(data, list) or not data:
        raise where.fail(f"{what} must be a non-empty list of tokens")
    items: list[PatternItem] = []
    for number, raw in enumerate(data, 1):
        label = f"{what} item {number}"
        if isinstance(raw, str):
            raw = {"word": raw}
        raw = check_keys(raw, ITEM_KEYS, label, where)
        gap = raw.get("gap")
        if gap is not None and (not isinstance(gap, int) or isinstance(gap, bool) or not 1 <= gap <= 12):
            raise where.fail(f"{label}: gap must be a whole number from 1 to 12")
        spec_keys = set(raw) & SPEC_KEYS
        if gap is None and not spec_keys:
            raise where.fail(f"{label}: says nothing about the token (give word, lemma, in, regex, ...)")
        for flag in ("optional", "context"):
            if flag in raw and not isinstance(raw[flag], bool):
                raise where.fail(f"{label}: {flag} must be true or false")
        name = raw.get("name")
        if name is not None and (
            not isinstance(name, str) or not re.fullmatch(r"[A-Za-z_][\w-]*", name) or name == "span"
        ):
            raise where.fail(f"{label}: name must be a simple word other than 'span'")
        items.append(
            PatternItem(
                spec=compile_spec(raw, label, where, sets),
                optional=bool(raw.get("optional", False)),
                gap=gap,
                name=name,
                context=bool(raw.get("context", False)),
            )
        )
    if all(i.optional or i.gap is not None for i in items):
        raise where.fail(f"{what}: needs at least one token that is neither optional nor a gap")
    return tuple(items)


def compile_conditions(data: Any, what: str, where: Where, sets: WordSets) -> tuple[Condition, ...]:
    """``requires``/``excludes`` entries: a token description ``near`` the match, ``within`` N tokens."""
    if data is None:
        return ()
    if not isinstance(data, list):
        raise where.fail(f"{what} must be a list of conditions")
    result = []
    for number, raw in enumerate(data, 1):
        label = f"{what} {number}"
        raw = check_keys(raw, {"near", "within", "side"}, label, where)
        if "near" not in raw:
            raise where.fail(f"{label}: needs near: (a token description)")
        within = raw.get("within", "sentence")
        if within != "sentence" and (not isinstance(within, int) or isinstance(within, bool) or within < 1):
            raise where.fail(f"{label}: within must be a number of tokens or 'sentence'")
        side = raw.get("side", "both")
        if side not in ("before", "after", "both"):
            raise where.fail(f"{label}: side must be before, after or both")
        near = check_keys(raw["near"], SPEC_KEYS, f"{label}: near", where)
        result.append(
            Condition(
                compile_spec(near, f"{label}: near", where, sets),
                None if within == "sentence" else within,
                side,
            )
        )
    return tuple(result)
