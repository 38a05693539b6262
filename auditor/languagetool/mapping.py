"""Turn raw LanguageTool matches into auditor findings, as ``rules/languagetool.yaml`` says."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from auditor.errors import AuditorError
from auditor.models import CATEGORIES, Finding, Severity
from auditor.resources import rules_dir

MAX_SUGGESTIONS = 5


@dataclass(frozen=True)
class Target:
    """Where a LanguageTool category or rule lands in our scheme."""

    category: str
    severity: Severity


@dataclass
class Mapping:
    """The editor-editable table: categories, per-rule overrides, rules switched off."""

    categories: dict[str, Target]
    rules: dict[str, Target]
    default: Target
    disabled_rules: set[str] = field(default_factory=set)
    disabled_categories: set[str] = field(default_factory=set)

    def target(self, rule: str, category: str) -> Target:
        """The category and severity of a match of ``rule`` in LanguageTool ``category``."""
        return self.rules.get(rule) or self.categories.get(category) or self.default

    def finding(self, match: dict[str, Any], start: int, text: str) -> Finding:
        """A finding for ``match`` whose span starts at ``start`` in ``text``."""
        target = self.target(match["rule"], match["category"])
        end = start + match["length"]
        flagged = text[start:end]
        suggestions = tuple(
            dict.fromkeys(r for r in match["replacements"] if r != flagged and "\ufffd" not in r)
        )
        message = match["message"].strip()
        why = f"LanguageTool {match['category'].lower().replace('_', ' ')} rule {match['rule']}"
        return Finding(
            rule=f"languagetool/{match['rule']}",
            category=target.category,
            severity=target.severity,
            start=start,
            end=end,
            message=f"{message} ({why} flags “{flagged.strip() or flagged}”)",
            suggestions=suggestions[:MAX_SUGGESTIONS],
            origin="languagetool",
        )


def _target(entry: Any, where: str, fallback: Target | None = None) -> Target:
    if not isinstance(entry, dict):
        raise AuditorError(f"{where}: expected a mapping with category and severity")
    category = entry.get("category", fallback.category if fallback else None)
    severity = entry.get("severity", fallback.severity.value if fallback else None)
    if category not in CATEGORIES:
        raise AuditorError(f"{where}: unknown category {category!r}")
    try:
        return Target(category, Severity(severity))
    except ValueError:
        raise AuditorError(f"{where}: severity must be minor, major or critical, not {severity!r}") from None


def load_mapping(path: Path | None = None) -> Mapping:
    """Read and validate the mapping file (``rules/languagetool.yaml`` by default)."""
    path = path or rules_dir() / "languagetool.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise AuditorError(f"{path}: cannot read the LanguageTool mapping: {error}") from None
    if not isinstance(data, dict):
        raise AuditorError(f"{path}: expected a YAML mapping")
    default = _target(data.get("default"), f"{path}: default")
    categories = {
        str(name): _target(entry, f"{path}: categories.{name}", default)
        for name, entry in (data.get("categories") or {}).items()
    }
    rules: dict[str, Target] = {}
    for name, entry in (data.get("rules") or {}).items():
        base = categories.get(str(entry.get("lt_category", ""))) if isinstance(entry, dict) else None
        rules[str(name)] = _target(entry, f"{path}: rules.{name}", base or default)
    disabled = data.get("disabled_rules") or []
    disabled_rules = {str(item["id"] if isinstance(item, dict) else item) for item in disabled}
    disabled_categories = {str(item) for item in data.get("disabled_categories") or []}
    return Mapping(categories, rules, default, disabled_rules, disabled_categories)
