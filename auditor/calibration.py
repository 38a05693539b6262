"""Measured default tiers of built-in and YAML rules: ``rules/calibration.yaml``.

A rule that fires often on real MT (MLQE-PE dev) or clean copy (DEMETR dev human
translations) with precision below twice the base rate does not keep its severity: the file
demotes it to ``hint`` (shown, never gating, no score points) or switches it ``off``, with the
measurement that decided it written beside it. The tiers apply as defaults under the project's
own configuration: a ``severity`` or ``disable`` setting still wins (a rule that is ``off`` here
comes back when the configuration gives it a severity).

LanguageTool's rules carry their tier in ``rules/languagetool.yaml`` instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from auditor.errors import AuditorError
from auditor.models import Severity
from auditor.resources import rules_dir

#: What a calibration entry may set a rule to.
TIERS = ("hint", "off")


@dataclass(frozen=True)
class Calibration:
    """One rule's measured default tier."""

    rule: str
    tier: str  # hint | off
    why: str
    measured: Mapping[str, Any] = field(default_factory=dict)


def calibration_path() -> Path:
    """The shipped calibration file."""
    return rules_dir() / "calibration.yaml"


def parse_calibration(data: Any, where: str) -> dict[str, Calibration]:
    """Validate the YAML structure: ``rules: {rule-id: {tier, why, measured}}``."""
    if data is None:
        return {}
    if not isinstance(data, dict) or not isinstance(data.get("rules", {}), dict):
        raise AuditorError(f"{where}: expected a mapping with a 'rules' table")
    unknown = set(data) - {"rules"}
    if unknown:
        raise AuditorError(f"{where}: unknown key {sorted(unknown)[0]!r}")
    parsed: dict[str, Calibration] = {}
    for rule, entry in (data.get("rules") or {}).items():
        if not isinstance(entry, dict):
            raise AuditorError(f"{where}: {rule}: expected a mapping with tier, why and measured")
        tier = entry.get("tier")
        if tier not in TIERS:
            raise AuditorError(f"{where}: {rule}: tier must be one of {', '.join(TIERS)}, not {tier!r}")
        why = entry.get("why")
        if not isinstance(why, str) or not why.strip():
            raise AuditorError(f"{where}: {rule}: 'why' must say what the measurement showed")
        measured = entry.get("measured")
        if not isinstance(measured, dict) or not measured:
            raise AuditorError(f"{where}: {rule}: 'measured' must hold the figures behind the tier")
        extra = set(entry) - {"tier", "why", "measured"}
        if extra:
            raise AuditorError(f"{where}: {rule}: unknown key {sorted(extra)[0]!r}")
        parsed[str(rule)] = Calibration(str(rule), tier, why.strip(), measured)
    return parsed


def load_calibration(path: Path | None = None) -> dict[str, Calibration]:
    """The calibration table (empty when the file is absent)."""
    path = path or calibration_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    from auditor.yaml_files import parse_yaml  # libyaml, and kept parsed (same data, same errors)

    try:
        data = parse_yaml(text)
    except yaml.YAMLError as error:
        raise AuditorError(f"{path}: not valid YAML: {error}") from None
    return parse_calibration(data, str(path))


@lru_cache(maxsize=1)
def shipped_calibration() -> dict[str, Calibration]:
    """The shipped table, read once."""
    return load_calibration()


def default_tier(rule: str) -> str | None:
    """``hint`` or ``off`` when the calibration changes ``rule``'s default, else None."""
    entry = shipped_calibration().get(rule)
    return entry.tier if entry else None


def calibrated_policy_parts(
    disabled: frozenset[str], severity: Mapping[str, Severity], table: Mapping[str, Calibration] | None = None
) -> tuple[frozenset[str], dict[str, Severity]]:
    """The configuration's ``disable`` and ``severity`` with the calibrated tiers underneath."""
    table = shipped_calibration() if table is None else table
    merged: dict[str, Severity] = {r: Severity.HINT for r, c in table.items() if c.tier == "hint"}
    merged.update(severity)
    off = {r for r, c in table.items() if c.tier == "off" and r not in severity}
    return frozenset(disabled) | off, merged


def default_policy():  # -> FindingPolicy (imported late: finding_policy imports the report model)
    """The finding policy a run without configuration gets."""
    from auditor.score.finding_policy import FindingPolicy

    disabled, severity = calibrated_policy_parts(frozenset(), {})
    return FindingPolicy(disabled=disabled, severity=severity)
