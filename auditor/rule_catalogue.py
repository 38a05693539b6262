"""One catalogue of every rule auditor can report: built-in Python checks and YAML phrase rules.

A Python check describes its rules once, at import time of its module::

    from auditor.rule_catalogue import RuleInfo, register

    register(
        RuleInfo("doubled-word", "The same word twice in a row.", "fluency/grammar", "minor",
                 source="check:punctuation", bad=("They fled fled north.",), good=("They had had enough.",)),
    )

``auditor rules list`` and ``auditor rules show`` read the catalogue; YAML rules
are added from the rule packs, so they never need registering.
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

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise ValueError(f"rule {self.id}: unknown category {self.category!r}")
        Severity(self.severity)


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
    (rule id -> description, category, severity, examples: {bad, good}, optional safe)."""
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


def all_rules() -> list[RuleInfo]:
    """Every rule: built-in checks first, then the packs in file order."""
    return builtin_rules() + pack_rules()


def find_rule(rule_id: str) -> RuleInfo | None:
    """The rule with this id, or None."""
    return next((r for r in all_rules() if r.id == rule_id), None)
