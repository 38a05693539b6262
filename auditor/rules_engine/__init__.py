"""The YAML phrase-rule engine: load packs, tokenise sentences, match patterns, render fixes.

See ``docs/rules.md`` for the rule format.
"""

from auditor.rules_engine.loader import RuleFileError, installed_packs, load_pack, load_packs
from auditor.rules_engine.model import Pack, Rule

__all__ = ["Pack", "Rule", "RuleFileError", "installed_packs", "load_pack", "load_packs"]
