"""One catalogue of every rule auditor can report: built-in Python checks and YAML phrase rules.

A Python check describes its rules once, at import time of its module::

    from auditor.rule_catalogue import RuleInfo, register

    register(
        RuleInfo("doubled-word", "The same word twice in a row.", "fluency/grammar", "minor",
                 source="check:punctuation", bad=("They fled fled north.",), good=("They had had enough.",)),
    )

``auditor rules list`` and ``auditor rules show`` read the catalogue; YAML rules
are added from the rule packs, so they never need registering.

Rules of the source-aware checks (``source-*``) fire only on a document with a
source. Their examples are source/target pairs written ``"SOURCE ||| TARGET"``
(see :data:`SOURCE_SEPARATOR`), and ``example_lang`` gives the source's language;
the tests run each pair as a one-segment bilingual document (``--lines`` with a
``--source``), so these examples are as real as the others.

LanguageTool findings carry ids ``languagetool/<LanguageTool rule id>``; they are
not registered one by one, but :func:`find_rule` explains any such id from
``rules/languagetool.yaml`` (see :func:`languagetool_rule`).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from auditor.models import CATEGORIES, Severity


@dataclass(frozen=True)
class RuleInfo:
    """What an editor needs to know about one rule."""

    id: str
    description: str
    category: str
    severity: str
    source: str = "check"  # "check:<name>" for Python checks, "pack:<id>" for YAML packs
    bad: tuple[str, ...] = ()
    good: tuple[str, ...] = ()
    enabled: str = "default"  # default | source-lang:<xx,yy> | on-request
    safe: bool = False
    message: str = ""  # the explanation a finding gives, where it is fixed text or a template
    example_lang: str | None = None  # source language of "SOURCE ||| TARGET" examples (source rules)

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise ValueError(f"rule {self.id}: unknown category {self.category!r}")
        Severity(self.severity)


#: Between the source and the target of a source rule's example.
SOURCE_SEPARATOR = " ||| "
#: The prefix of every LanguageTool finding's rule id.
LANGUAGETOOL_PREFIX = "languagetool/"


def split_example(text: str) -> tuple[str | None, str]:
    """(source, target) of an example; the source is None for a monolingual one."""
    if SOURCE_SEPARATOR in text:
        source, target = text.split(SOURCE_SEPARATOR, 1)
        return source, target
    return None, text


_REGISTRY: dict[str, RuleInfo] = {}


def register(*rules: RuleInfo) -> None:
    """Add built-in rules to the catalogue (idempotent; a different rule under a taken id is an error)."""
    for rule in rules:
        known = _REGISTRY.get(rule.id)
        if known is not None and known != rule:
            raise ValueError(f"rule id {rule.id!r} is registered twice with different descriptions")
        _REGISTRY[rule.id] = rule


def register_check_rules(*check_classes: type) -> None:
    """Register the rules a check class describes in its ``rules`` mapping
    (rule id -> description, category, severity, examples: {bad, good, optional source_lang},
    optional safe)."""
    for check_class in check_classes:
        for rule_id, info in check_class.rules.items():
            examples = info.get("examples", {})
            register(
                RuleInfo(
                    rule_id,
                    info["description"],
                    info["category"],
                    info["severity"],
                    f"check:{check_class.name}",
                    tuple(examples.get("bad", ())),
                    tuple(examples.get("good", ())),
                    safe=bool(info.get("safe", False)),
                    example_lang=examples.get("source_lang"),
                )
            )


def builtin_rules() -> list[RuleInfo]:
    """Rules of the Python checks (importing the checks package registers them)."""
    importlib.import_module("auditor.checks")
    importlib.import_module("auditor.checks.core_rules")
    return sorted(_REGISTRY.values(), key=lambda r: (r.source, r.id))


def pack_rules() -> list[RuleInfo]:
    """Rules of every YAML pack shipped with auditor."""
    from auditor.rules_engine import installed_packs

    infos = []
    for pack in installed_packs():
        enabled = pack.enabled
        if enabled == "source-lang":
            enabled = f"source-lang:{','.join(pack.source_lang)}"
        for rule in pack.rules:
            infos.append(
                RuleInfo(
                    id=rule.id,
                    description=rule.description,
                    category=rule.category,
                    severity=rule.severity.value,
                    source=f"pack:{pack.id}",
                    bad=tuple(e.text + (f"  →  {e.fix}" if e.fix else "") for e in rule.bad),
                    good=tuple(e.text for e in rule.good),
                    enabled=enabled,
                    safe=rule.safe,
                    message=rule.message,
                )
            )
    return infos


def languagetool_rule(rule_id: str = "") -> RuleInfo:
    """What a ``languagetool/<LT rule id>`` finding is: a LanguageTool rule, placed in our categories by
    ``rules/languagetool.yaml`` (a per-rule entry there, else its LanguageTool category's, else the
    default). Without ``rule_id``: the generic entry that ``auditor rules list`` shows."""
    from auditor.languagetool.mapping import load_mapping

    mapping = load_mapping()
    lt_id = rule_id.removeprefix(LANGUAGETOOL_PREFIX) or "<LanguageTool rule id>"
    target = mapping.rules.get(lt_id)
    if target is not None:
        where = "its own entry under 'rules' in rules/languagetool.yaml"
    else:
        target = mapping.default
        where = (
            "the entry for its LanguageTool category under 'categories' in rules/languagetool.yaml, "
            f"or where that category is not listed the file's default ({target.category}, "
            f"{target.severity.value}), shown here"
        )
    description = (
        f"A finding of LanguageTool's rule {lt_id} (LanguageTool checks grammar, spelling and style; "
        "its own message explains each finding). Category and severity come from " + where + "."
    )
    if lt_id in mapping.disabled_rules:
        description += " This rule is switched off in rules/languagetool.yaml (disabled_rules)."
    return RuleInfo(
        id=f"{LANGUAGETOOL_PREFIX}{lt_id}",
        description=description,
        category=target.category,
        severity=target.severity.value,
        source="languagetool",
        enabled="default (not with --no-grammar)",
    )


def languagetool_rules() -> list[RuleInfo]:
    """The generic LanguageTool entry, then one per rule that rules/languagetool.yaml maps itself."""
    from auditor.languagetool.mapping import load_mapping

    return [languagetool_rule()] + [languagetool_rule(lt_id) for lt_id in sorted(load_mapping().rules)]


def all_rules() -> list[RuleInfo]:
    """Every rule: built-in checks first, then LanguageTool's, then the packs in file order."""
    return builtin_rules() + languagetool_rules() + pack_rules()


def find_rule(rule_id: str) -> RuleInfo | None:
    """The rule with this id, or None; any ``languagetool/<id>`` is explained from the LanguageTool mapping."""
    if rule_id.startswith(LANGUAGETOOL_PREFIX) and len(rule_id) > len(LANGUAGETOOL_PREFIX):
        return languagetool_rule(rule_id)
    return next((r for r in all_rules() if r.id == rule_id), None)
