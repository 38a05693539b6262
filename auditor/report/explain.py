"""What each rule of a report is about: its own description, a bad → fixed example, and the
``auditor rules show`` text, for the HTML workspace's finding cards.

A finding's own ``message`` says what is wrong here; the rule's entry says what the rule looks
for in general and shows it on an example:

* our checks' and packs' rules: the description, the first flagged example (with its source
  for source rules) and its fix, from the rule's YAML;
* LanguageTool's XML rules: the rule's name and its first incorrect example with the correction,
  from LanguageTool's own rule files (:mod:`auditor.languagetool.rule_docs`); LanguageTool's
  Java rules (speller, compounds): a description from ``rules/languagetool-help.yaml`` and, as
  the example, the finding itself in its sentence with its first suggestion made;
* anything else: the category's meaning, worded for the run: a run without a source never says
  what "the source" meant.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from auditor.rule_catalogue import RuleInfo

#: What each MQM category means for an editor, when the run has the source.
CATEGORY_HELP: Mapping[str, str] = {
    "accuracy/mistranslation": "The English says something the source did not mean.",
    "accuracy/omission": "Content of the source is missing from the translation.",
    "accuracy/addition": "The translation adds content the source does not have.",
    "accuracy/untranslated": "Source-language text was left untranslated.",
    "accuracy/number": "A number, date or quantity differs from the source.",
    "fluency/grammar": "The sentence breaks English grammar.",
    "fluency/punctuation": "Punctuation or spacing is wrong for English copy.",
    "fluency/spelling": "A word is misspelt or wrongly capitalised.",
    "fluency/inconsistency": "The text contradicts itself (names, terms, figures).",
    "fluency/word-order": "Words are in an order English does not use.",
    "style/awkward": "Correct but unidiomatic: a native writer would not phrase it so.",
    "style/house": "Breaks wire house style.",
    "readability": "Hard to read at wire-copy speed.",
}

#: The accuracy categories worded for a run on the English alone (no source to compare with).
CATEGORY_HELP_TARGET_ONLY: Mapping[str, str] = {
    "accuracy/mistranslation": "A wording typical of a word-for-word translation (a false friend or calque): "
    "the English probably does not say what the writer meant.",
    "accuracy/omission": "Something the sentence needs seems to be missing.",
    "accuracy/addition": "The sentence seems to carry words that do not belong.",
    "accuracy/untranslated": "Text in another language was left in the English copy.",
    "accuracy/number": "A number, date or quantity is written in a way that may change its meaning.",
}

#: When nothing better is known.
FALLBACK = "See the finding's message."


def category_help(category: str, has_source: bool) -> str:
    """What ``category`` means for an editor, worded for a run with or without the source."""
    if not has_source and category in CATEGORY_HELP_TARGET_ONLY:
        return CATEGORY_HELP_TARGET_ONLY[category]
    return CATEGORY_HELP.get(category, "")


@lru_cache(maxsize=1)
def _catalogue() -> dict[str, RuleInfo]:
    """Our own rules by id: the built-in checks' and the installed packs'."""
    from auditor.rule_catalogue import builtin_rules, pack_rules

    return {rule.id: rule for rule in (*builtin_rules(), *pack_rules())}


def _extra_catalogue(rule_paths: Sequence[str]) -> dict[str, RuleInfo]:
    """Rules of a newsroom's own packs (``--rules``), loaded once per run however many pages use them."""
    return _extra_rules(tuple(rule_paths)) if rule_paths else {}


@lru_cache(maxsize=4)
def _extra_rules(rule_paths: tuple[str, ...]) -> dict[str, RuleInfo]:
    from auditor.rule_catalogue import rules_of_pack
    from auditor.rules_engine.loader import load_extra_packs

    return {rule.id: rule for pack in load_extra_packs(rule_paths) for rule in rules_of_pack(pack)}


@lru_cache(maxsize=1)
def _java_help() -> tuple[dict[str, str], dict[str, str]]:
    """``rules/languagetool-help.yaml``: descriptions of LanguageTool's Java rules, by id and by id prefix."""
    from auditor.resources import rules_dir
    from auditor.yaml_files import parse_yaml  # safe loader, kept parsed like every rule file

    data = parse_yaml((rules_dir() / "languagetool-help.yaml").read_text(encoding="utf-8")) or {}
    return dict(data.get("rules") or {}), dict(data.get("prefixes") or {})


def _learn_more(info: RuleInfo) -> str:
    """The text ``auditor rules show RULE`` prints."""
    from auditor.commands.rules import describe

    return describe(info)


@lru_cache(maxsize=1024)
def _languagetool_learn_more(rule: str) -> str:
    """``auditor rules show`` for a LanguageTool rule id (once per run: it reads the mapping file)."""
    from auditor.rule_catalogue import languagetool_rule

    return _learn_more(languagetool_rule(rule))


#: Entries of our rules already made in this run, by (source, id): every page of a feed reuses them.
_OWN_ENTRIES: dict[tuple[str, str], dict[str, Any]] = {}


def _own_entry(info: RuleInfo) -> dict[str, Any]:
    """A rule's entry (a fresh copy; made once per rule and run)."""
    key = (info.source, info.id)
    if key not in _OWN_ENTRIES:
        _OWN_ENTRIES[key] = _make_own_entry(info)
    return dict(_OWN_ENTRIES[key])


def _make_own_entry(info: RuleInfo) -> dict[str, Any]:
    example = next((e for e in info.bad if e.fix is not None), info.bad[0] if info.bad else None)
    entry: dict[str, Any] = {
        "title": info.id,
        "description": info.description,
        "why": info.why or None,
        "example_bad": example.target if example else None,
        "example_span": example.span if example else None,
        "example_good": example.fix if example else None,
        "example_source": example.source if example else None,
        "example_origin": "rule" if example else None,
        "learn_more": _learn_more(info),
    }
    return entry


def _finding_example(finding: Mapping[str, Any], text: str, sentences: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The finding itself as the example: its sentence, and the sentence with the first suggestion made."""
    start, end = int(finding["start"]), int(finding["end"])
    sentence = next(
        (s for s in sentences if int(s.get("start", 0)) <= start and end <= int(s.get("end", 0))), None
    )
    left, right = (int(sentence["start"]), int(sentence["end"])) if sentence else (start, end)
    suggestions = finding.get("suggestions") or []
    bad = text[left:right]
    good = text[left:start] + str(suggestions[0]) + text[end:right] if suggestions else None
    return {
        "example_bad": bad,
        "example_span": text[start:end],
        "example_good": good,
        "example_source": None,
        "example_origin": "this report",
    }


def _languagetool_entry(
    rule: str, finding: Mapping[str, Any], text: str, sentences: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    from auditor.languagetool.rule_docs import languagetool_rule_docs
    from auditor.rule_catalogue import LANGUAGETOOL_PREFIX

    lt_id = rule.removeprefix(LANGUAGETOOL_PREFIX)
    docs = languagetool_rule_docs().get(lt_id)
    learn = _languagetool_learn_more(rule)
    entry: dict[str, Any] = {"title": lt_id, "why": None}
    if docs:
        name, short = docs.get("name", ""), docs.get("short", "")
        if short and name and not name.lower().startswith(short.lower()):
            description = f"{short}: {name}"
        else:
            description = name or short
        entry["description"] = f"LanguageTool: {description}" if description else FALLBACK
        example = docs.get("example")
        if example:
            entry.update(example_bad=example["bad"], example_span=example["span"], example_good=example["good"],
                         example_source=None, example_origin="languagetool")
            learn += f"\n  LanguageTool's example: “{example['bad']}” → “{example['good']}”"
        else:
            entry.update(_finding_example(finding, text, sentences))
        learn += f"\n  LanguageTool's name for it: {description}"
    else:
        by_id, by_prefix = _java_help()
        description = by_id.get(lt_id) or next(
            (help_text for prefix, help_text in by_prefix.items() if lt_id.startswith(prefix)), None
        )
        entry["description"] = f"LanguageTool: {description}" if description else str(finding.get("_category_help"))
        entry.update(_finding_example(finding, text, sentences))
    entry["learn_more"] = learn
    return entry


def rule_entries(
    sentences: Sequence[Mapping[str, Any]],
    text: str,
    *,
    has_source: bool,
    rule_paths: Sequence[str] = (),
) -> dict[str, dict[str, Any]]:
    """Rule id -> its entry for every rule among the sentences' findings (a document dict's).

    Each entry has ``title``, ``description``, ``why``, ``example_bad``, ``example_span``,
    ``example_good``, ``example_source``, ``example_origin`` (``rule``, ``languagetool``,
    ``this report`` or None) and ``learn_more`` (the ``auditor rules show`` text).
    """
    from auditor.rule_catalogue import LANGUAGETOOL_PREFIX

    extra = _extra_catalogue(rule_paths)
    out: dict[str, dict[str, Any]] = {}
    for sentence in sentences:
        for finding in sentence.get("findings", []):
            rule = str(finding.get("rule", ""))
            if rule in out:
                continue
            fallback = category_help(str(finding.get("category", "")), has_source) or FALLBACK
            info = extra.get(rule) or _catalogue().get(rule)
            if info is not None:
                entry = _own_entry(info)
            elif rule.startswith(LANGUAGETOOL_PREFIX):
                entry = _languagetool_entry(rule, {**finding, "_category_help": fallback}, text, sentences)
            else:
                entry = {"title": rule, "description": fallback, "why": None, "learn_more": None}
                entry.update(_finding_example(finding, text, sentences))
            entry["category_help"] = fallback
            out[rule] = entry
    return out


def has_source(sentences: Iterable[Mapping[str, Any]]) -> bool:
    """Whether any sentence of a document dict has its aligned source."""
    return any(isinstance(s.get("source"), str) and s.get("source") for s in sentences)


_SENTENCE_END = re.compile(r"[.!?…]$")


def explanations(entries: Mapping[str, Mapping[str, Any]]) -> dict[str, str]:
    """Rule id -> the one-paragraph explanation a finding card shows: the rule's own description."""
    out: dict[str, str] = {}
    for rule, entry in entries.items():
        text = str(entry.get("description") or entry.get("category_help") or FALLBACK).strip()
        out[rule] = text if _SENTENCE_END.search(text) else text + "."
    return out
