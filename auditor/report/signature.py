"""The settings signature: what decides a score, written beside it (in the spirit of sacrebleu's).

Two reports whose signatures differ were made under different settings and their scores must
not be compared. The signature is a short ``key:value|...`` line for people and the same fields
as a mapping for programs::

    auditor:0.1.0|lang:en-US|src:-|packs:default|lt:6.8|lt-off:12@5e0c1a2b|disable:-|severity:-|
    weights:1/5/10|read:40w/22g|ignore:0|baseline:no|score:target|rules:3f1d9c0e[|decisions:9a0b1c2d]
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor import __version__
from auditor.models import Severity

if TYPE_CHECKING:
    from auditor.run.check_run import RunSettings


def _short_hash(parts: list[str] | list[bytes]) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:8]


def settings_signature(settings: RunSettings) -> dict[str, Any]:
    """The run's signature: ``text`` (one line) and the fields it is made of."""
    from auditor.languagetool.install import LANGUAGETOOL_VERSION
    from auditor.languagetool.mapping import load_mapping
    from auditor.resources import rules_dir
    from auditor.rules_engine.loader import hash_rule_files

    config = settings.config
    scoring = settings.scoring()
    options = settings.check_options()
    readability = options.readability
    lt_off = sorted(load_mapping().disabled_rules)
    fields: dict[str, Any] = {
        "version": __version__,
        "lang": settings.lang,
        "source_lang": options.source_lang,
        "packs": sorted(options.packs),
        "languagetool": (LANGUAGETOOL_VERSION if not settings.languagetool_url else "external")
        if settings.grammar
        else None,
        "languagetool_disabled_rules": lt_off,
        "disabled_rules": sorted(config.disable),
        "severity_overrides": {rule: severity.value for rule, severity in sorted(config.severity.items())},
        "weights": {severity.value: scoring.weights[severity] for severity in Severity},
        "readability": {
            "max_words": readability.max_words if readability else 40,
            "max_grade": readability.max_grade if readability else 22.0,
        },
        "ignore_phrases": len(config.ignore_phrases),
        "baseline": bool(settings.use_baseline and config.baseline is not None),
        "score_with": "reference" if settings.score_with_reference else "target",
        "rule_paths": [str(p) for p in options.rule_paths],
        "rules": hash_rule_files([rules_dir(), *map(Path, options.rule_paths)]),
        "decisions": _decisions_digest(settings),
    }
    fields["text"] = signature_text(fields)
    return fields


def _decisions_digest(settings: RunSettings) -> str | None:
    """The first 8 hex digits of the decisions file's SHA-256, or None without one."""
    decisions = settings.decisions()
    return decisions.digest[:8] if decisions is not None else None


def _listed(values: list[str] | dict[str, str]) -> str:
    if isinstance(values, dict):
        values = [f"{k}={v}" for k, v in values.items()]
    return ",".join(values) if values else "-"


def signature_text(fields: dict[str, Any]) -> str:
    """The one-line form of a signature's fields."""
    weights = fields["weights"]
    readability = fields["readability"]
    lt_off = fields["languagetool_disabled_rules"]
    return "|".join(
        [
            f"auditor:{fields['version']}",
            f"lang:{fields['lang']}",
            f"src:{fields['source_lang'] or '-'}",
            f"packs:{_listed(fields['packs']) if fields['packs'] else 'default'}",
            f"lt:{fields['languagetool'] or 'off'}",
            f"lt-off:{len(lt_off)}@{_short_hash(lt_off)}",
            f"disable:{_listed(fields['disabled_rules'])}",
            f"severity:{_listed(fields['severity_overrides'])}",
            "weights:" + "/".join(f"{weights[s.value]:g}" for s in Severity),
            f"read:{readability['max_words']}w/{readability['max_grade']:g}g",
            f"ignore:{fields['ignore_phrases']}",
            f"baseline:{'yes' if fields['baseline'] else 'no'}",
            f"score:{fields['score_with']}",
            f"rules:{fields['rules']}" + (f"+{len(fields['rule_paths'])}dirs" if fields["rule_paths"] else ""),
            *([f"decisions:{fields['decisions']}"] if fields.get("decisions") else []),
        ]
    )
