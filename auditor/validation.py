"""Settings that must name something real: the copy's English variant, the source language, rule ids.

A typo used to be accepted silently (``--lang de-DE`` checked as en-US, ``disable = ["long-sentense"]``
disabling nothing); now each is one error naming where it came from, with the nearest valid value.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from functools import lru_cache

from auditor.errors import AuditorError

_TAG_SHAPE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$")

#: The English variants auditor audits (LanguageTool's English variants).
ENGLISH_VARIANTS = ("en-US", "en-GB", "en-AU", "en-CA", "en-NZ", "en-ZA")


def _nearest(value: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    return f" (did you mean {close[0]}?)" if close else ""


def english_variant(value: str, where: str) -> str:
    """``value`` as one of :data:`ENGLISH_VARIANTS` (case-insensitive), or one clear error."""
    for variant in ENGLISH_VARIANTS:
        if value.replace("_", "-").lower() == variant.lower():
            return variant
    raise AuditorError(
        f"{where}: language {value!r} is not supported: auditor audits English copy "
        f"({', '.join(ENGLISH_VARIANTS)}); the language translated from is --source-lang"
    )


def source_language(value: str, where: str) -> str:
    """``value`` if it is a valid language code (BCP 47, as ``langcodes`` knows them), else one clear error."""
    import langcodes

    if not _TAG_SHAPE.match(value):
        return value  # not even shaped like a code: the rule-pack options give their own error
    try:
        valid = langcodes.tag_is_valid(value.replace("_", "-"))
    except (ValueError, LookupError):
        valid = False
    if not valid:
        raise AuditorError(f"{where}: {value!r} is not a language code (use an ISO 639 code such as nl, de, ar)")
    return value


@lru_cache(maxsize=1)
def known_rule_ids() -> frozenset[str]:
    """Every rule id auditor can report (built-in checks and the YAML packs)."""
    from auditor.rule_catalogue import builtin_rules, pack_rules

    return frozenset(rule.id for rule in (*builtin_rules(), *pack_rules()))


def rule_ids(ids: Iterable[str], where: str) -> None:
    """Refuse any id that names no rule (``languagetool/<id>`` is LanguageTool's and always accepted)."""
    for rule_id in ids:  # the catalogue (every check module and pack) is read only when there is an id
        if rule_id.startswith("languagetool/") or rule_id in (known := known_rule_ids()):
            continue
        raise AuditorError(f"{where}: unknown rule id {rule_id!r}{_nearest(rule_id, known)}; see 'auditor rules list'")
