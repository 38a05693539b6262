"""One catalogue of every rule auditor can report: built-in Python checks and YAML phrase rules.

Built-in rules are read from the table of checks (:mod:`auditor.checks.registry`), each
declared once as a :class:`~auditor.checks.rule.Rule` in its check's module; YAML rules from
the rule packs. Nothing registers itself: the catalogue is built when asked for.

Rules of the source-aware checks (``source-*``) fire only on a document with a source. Their
examples are source/target pairs written ``"SOURCE ||| TARGET"`` with the source's language in
the example's options; the example runner (:mod:`auditor.checks.examples`) runs each as a
one-segment bilingual document (``--lines`` with a ``--source``).

LanguageTool findings carry ids ``languagetool/<LanguageTool rule id>``; they are
not catalogued one by one, but :func:`find_rule` explains any such id from
``rules/languagetool.yaml`` (see :func:`languagetool_rule`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from auditor.checks.rule import SOURCE_SEPARATOR, Example, Rule
from auditor.models import CATEGORIES, Severity

if TYPE_CHECKING:
    from auditor.checks import CheckOptions
    from auditor.checks.base import Check
    from auditor.rules_engine.model import Pack
    from auditor.rules_engine.model import Rule as PackRule

__all__ = ["LANGUAGETOOL_PREFIX", "SOURCE_SEPARATOR", "RuleInfo", "all_rules", "builtin_rules", "find_rule"]


@dataclass(frozen=True)
class RuleInfo:
    """What an editor needs to know about one rule, and how to run its examples."""

    id: str
    description: str
    category: str
    severity: str
    source: str = "check"  # "check:<name>" for Python checks, "pack:<id>" for YAML packs
    bad: tuple[Example, ...] = ()
    good: tuple[Example, ...] = ()
    enabled: str = "default"  # default | source-lang:<xx,yy> | on-request
    safe: bool = False
    message: str = ""  # the explanation a finding gives, where it is fixed text or a template
    why: str = ""
    #: The checks that report this rule, built for an example's options (None: LanguageTool's rules).
    checks: Callable[[CheckOptions], list[Check]] | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise ValueError(f"rule {self.id}: unknown category {self.category!r}")
        Severity(self.severity)


#: The prefix of every LanguageTool finding's rule id.
LANGUAGETOOL_PREFIX = "languagetool/"


def builtin_rules() -> list[RuleInfo]:
    """Rules of the Python checks, read from the table of checks."""
    from auditor.checks.registry import check_rules

    builders: dict[str, Callable[[CheckOptions], list[Check]]] = {}
    for entry, _ in check_rules():  # one builder per check: the examples of its rules share one built check
        builders.setdefault(entry.class_name, lambda options, entry=entry: [entry.build(options)])
    infos = [
        _info(rule, f"check:{entry.check_class().name}", builders[entry.class_name], why=rule.why)
        for entry, rule in check_rules()
    ]
    return sorted(infos, key=lambda r: (r.source, r.id))


def pack_rules() -> list[RuleInfo]:
    """Rules of every YAML pack shipped with auditor."""
    from auditor.rules_engine import installed_packs

    return [info for pack in installed_packs() for info in rules_of_pack(pack)]


def rules_of_pack(pack: Pack) -> list[RuleInfo]:
    """The catalogue entries of one loaded pack; their examples run with the pack forced on."""
    from auditor.checks.phrases import PhraseCheck

    enabled = pack.enabled
    if enabled == "source-lang":
        enabled = f"source-lang:{','.join(pack.source_lang)}"

    def checks(options: CheckOptions) -> list[Check]:
        return [PhraseCheck(packs=[pack], source_lang=options.source_lang, requested=[pack.id])]

    return [_info(rule, f"pack:{pack.id}", checks, enabled=enabled, message=rule.message) for rule in pack.rules]


def _info(rule: Rule | PackRule, source: str, checks: Callable[[CheckOptions], list[Check]], **more: str) -> RuleInfo:
    """The catalogue entry of a built-in or pack rule."""
    return RuleInfo(
        id=rule.id,
        description=rule.description,
        category=rule.category,
        severity=rule.severity.value,
        source=source,
        bad=rule.bad,
        good=rule.good,
        safe=rule.safe,
        checks=checks,
        **more,
    )


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
