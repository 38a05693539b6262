"""Turn raw LanguageTool matches into auditor findings, as ``rules/languagetool.yaml`` says."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from auditor.errors import AuditorError
from auditor.language.lexicon import parts_of_speech
from auditor.languagetool.variants import british_variant, coinage, unlisted_term
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
        found = self.rules.get(rule)
        if found is None:  # "EN_COMPOUNDS_*": a family of rules by prefix, longest prefix first
            prefixes = sorted((k for k in self.rules if k.endswith("*") and rule.startswith(k[:-1])), key=len)
            found = self.rules[prefixes[-1]] if prefixes else None
        return found or self.categories.get(category) or self.default

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
        severity = target.severity
        speller = match["rule"].startswith("MORFOLOGIK_RULE_EN_US")
        american = british_variant(flagged, suggestions) if speller else None
        if american is not None:
            severity = Severity.HINT  # house style decides; British and international copy keep it
            message = f"British spelling; American house style writes “{american}”."
        elif speller and (parts := coinage(flagged)) is not None:
            severity = Severity.HINT  # "superprofits", "planemaker": a coinage of known parts, not a typo
            message = (
                f"{message} “{parts[0]}” and “{parts[1]}” are both English: probably a coinage, which house "
                "style may write closed, hyphenated or open."
            )
        elif speller and unlisted_term(flagged, suggestions):
            severity = Severity.HINT  # no common word is one edit away: a term or loan word, not a typo
            message = f"{message} No common word is one letter away: probably a term, loan word or name."
        elif (reason := ambiguous_reading(match["rule"], text, start, end)) is not None:
            severity = Severity.HINT
            message = f"{message} {reason}"
        elif not speller and suggestions and all(hyphenation_only(flagged, s) for s in suggestions):
            severity = Severity.HINT  # "medium sized" / "medium-sized": house style, not an error
            message = f"{message} Only the hyphenation differs: a house-style choice."
        return Finding(
            rule=f"languagetool/{match['rule']}",
            category=target.category,
            severity=severity,
            start=start,
            end=end,
            message=f"{message} ({why} flags “{flagged.strip() or flagged}”)",
            suggestions=suggestions[:MAX_SUGGESTIONS],
            origin="languagetool",
        )


#: Agreement rules that take the word before the verb for a singular subject.
SINGULAR_SUBJECT_RULES = frozenset({"HE_VERB_AGR"})
#: Rules that want an infinitive after "help", "advise" ... where an -ing word may be an adjective.
VERB_COMPLEMENT_RULES = frozenset({"ADVISE_VBG"})
#: "the" and a capitalised word ending in a plural -s (not -ss, -us, -is, -as, -os: "Congress", "Paris",
#: "Texas", "Carlos").
_PLURAL_NAME_BEFORE = re.compile(r"\b[Tt]he (?:[A-Z][\w'’-]* )*[A-Z][a-z]+[^suiao\W]s *$")
_NEXT_WORD = re.compile(r" ([a-z]+)\b")


def ambiguous_reading(rule: str, text: str, start: int, end: int) -> str | None:
    """Why a LanguageTool grammar finding may be correct English after all (then it is a hint), or None.

    * An agreement rule on a verb after "the" and a plural-looking name (``The Sundarbans cover``,
      ``the Philippines have``): names of island groups, ranges, regions and bands are plural.
    * A rule that wants an infinitive where the -ing word stands before a plural noun (``help
      developing nations``): the -ing word is then as likely an adjective of the noun.
    """
    if rule in SINGULAR_SUBJECT_RULES and _PLURAL_NAME_BEFORE.search(text[max(0, start - 60) : start]):
        return "The subject looks like a plural name (“the Netherlands”, “the Sundarbans”), which takes a plural verb."
    if rule in VERB_COMPLEMENT_RULES and text[start:end].endswith("ing"):
        following = _NEXT_WORD.match(text, end)
        if following and following.group(1).endswith("s") and "NOUN" in parts_of_speech(following.group(1)):
            return (
                f"“{text[start:end]} {following.group(1)}” may be an adjective and its noun "
                "(“help developing nations”), which is correct."
            )
    return None


def hyphenation_only(flagged: str, suggestion: str) -> bool:
    """The suggestion only hyphenates the flagged words or drops a hyphen (``17 year old`` /
    ``17-year-old``, ``multi-role`` / ``multirole``): how to hyphenate a compound modifier is house
    style. Closing an open compound into one word (``fire bombs`` / ``firebombs``) is not this."""
    if flagged == suggestion or ("-" not in flagged and "-" not in suggestion):
        return False
    spaced = flagged.replace("-", " ").strip()
    return suggestion.replace("-", " ").strip() == spaced or suggestion == flagged.replace("-", "")


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
        raise AuditorError(f"{where}: severity must be hint, minor, major or critical, not {severity!r}") from None


def load_mapping(path: Path | None = None) -> Mapping:
    """Read and validate the mapping file (``rules/languagetool.yaml`` by default)."""
    path = path or rules_dir() / "languagetool.yaml"
    from auditor.yaml_files import parse_yaml  # libyaml, and kept parsed (same data, same errors)

    try:
        data = parse_yaml(path.read_text(encoding="utf-8"))
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
