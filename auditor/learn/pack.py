"""Write learned candidates as a YAML rule pack, checked by the real rule engine.

Each rule gets a message, an MQM category and a severity from its edit type and measured
precision, the editors' most frequent fix as its suggestion (when they agree on one), and real
examples from the data: MT segments it flags whose first suggestion brings the segment closer to
the post-edit (bad, with that fix), and post-edits it leaves alone (good). The pack is loaded
with :func:`~auditor.rules_engine.load_pack` and every example is run through the engine before
it is kept, so ``auditor rules test`` passes on what ``learn`` writes. The measurements are kept
under ``learned:`` in each rule.
"""

from __future__ import annotations

import difflib
import re
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from auditor.checks.examples import apply_suggestions
from auditor.learn.candidates import Pattern, constraints, item_forms
from auditor.learn.learner import Candidate, LearnResult
from auditor.models import Document, Finding
from auditor.rules_engine.loader import load_pack
from auditor.rules_engine.model import Example, Pack, Rule
from auditor.rules_engine.tokens import tokenize


@dataclass(frozen=True)
class _Tried:
    """What a candidate rule found in one text, and the text with its first suggestion applied."""

    findings: tuple[Finding, ...]
    fixed: str | None

    @property
    def flagged(self) -> bool:
        return bool(self.findings)


def run_example(rule: Rule, pack: Pack, example: Example) -> _Tried:
    """Audit ``example.text`` with ``rule``'s pack (forced on) and keep that rule's findings."""
    from auditor.checks.phrases import PhraseCheck
    from auditor.segment import segment

    document = Document(path=f"<example of {rule.id}>", text=example.text)
    document.sentences = segment(example.text)
    check = PhraseCheck(packs=[pack], requested=[pack.id])
    findings = tuple(f for f in check.check(document) if f.rule == rule.id)
    return _Tried(findings, apply_suggestions(example.text, findings[:1]))


#: Examples of each kind a learned rule keeps.
EXAMPLES_PER_KIND = 2

_KIND_WORDS = {
    "word-choice": "word choice",
    "grammar": "grammar",
    "spelling": "spelling",
    "casing": "capitalisation",
    "punctuation": "punctuation",
    "word-order": "word order",
    "variant": "house style",
}


def category_of(op: str, kind: str) -> str:
    """The MQM category of an edit type."""
    if kind == "word-choice":
        return {"deletion": "accuracy/addition", "insertion": "accuracy/omission"}.get(op, "accuracy/mistranslation")
    return {
        "grammar": "fluency/grammar",
        "spelling": "fluency/spelling",
        "casing": "fluency/spelling",
        "punctuation": "fluency/punctuation",
        "word-order": "fluency/word-order",
        "variant": "style/house",
    }[kind]


def severity_of(candidate: Candidate) -> str:
    """``major`` only for rules measured often and nearly always right; ``minor`` otherwise."""
    return "major" if candidate.precision >= 0.9 and candidate.fires >= 10 else "minor"


def suggestions(candidate: Candidate) -> list[str]:
    """The fixes editors agreed on: proposed at least twice and by at least a third of the edits."""
    by_template: Counter[str] = Counter()
    for (template, _, _), count in candidate.templates.items():
        by_template[template] += count
    total = sum(by_template.values())
    return [t for t, n in by_template.most_common(2) if t and n >= 2 and n * 3 >= total]


def edit_type(candidate: Candidate) -> tuple[str, str]:
    """The most frequent (operation, kind) among the edits that proposed the rule."""
    types: Counter[tuple[str, str]] = Counter()
    for (_, op, kind), count in candidate.templates.items():
        types[op, kind] += count
    return types.most_common(1)[0][0]


def _slug(pattern: Pattern) -> str:
    words = [value for _, value, context, _ in pattern if not context]
    slug = re.sub(r"[^a-z0-9]+", "-", "-".join(words).lower()).strip("-")[:40].strip("-")
    return slug or "punctuation"


def _item(item: tuple[str, str, bool, str]) -> dict[str, Any]:
    kind, value, context, name = item
    out: dict[str, Any] = {"lemma" if kind[0] == "l" else "word": value}
    case, start = constraints(kind)
    if case is not None:
        out["case"] = case
    if start is not None:
        out["start"] = start
    if name:
        out["name"] = name
    if context:
        out["context"] = True
    return out


def _distance(a: str, b: str) -> int:
    """Tokens that differ between two texts, as written (a capitalisation fix counts)."""
    x, y = [t.text for t in tokenize(a)], [t.text for t in tokenize(b)]
    matcher = difflib.SequenceMatcher(a=x, b=y, autojunk=False)
    return len(x) + len(y) - 2 * sum(block.size for block in matcher.get_matching_blocks())


def _rule(pattern: Pattern, candidate: Candidate, rule_id: str) -> dict[str, Any]:
    op, kind = edit_type(candidate)
    fixes = suggestions(candidate)
    flagged = " ".join(value for _, value, context, _ in pattern if not context)
    shown = ", ".join(f"“{f}”" for f in fixes if "{" not in f)
    most = f" Editors most often wrote {shown}." if shown else " Editors rewrote it each time."
    message = (
        f"“{{span}}” is a habit of this MT engine that editors correct ({_KIND_WORDS[kind]}): in held-out "
        f"post-edits {candidate.hits} of its {candidate.fires} uses were changed.{most}"
    )
    rule: dict[str, Any] = {
        "id": rule_id,
        "description": f"Learned from {candidate.support} post-edits: “{flagged}” ({op}, {_KIND_WORDS[kind]}).",
        "message": message,
        "category": category_of(op, kind),
        "severity": severity_of(candidate),
        "pattern": [_item(item) for item in pattern],
    }
    if fixes:
        rule["suggest"] = fixes
    rule["learned"] = {
        "support": candidate.support,
        "precision": round(candidate.precision, 3),
        "precision_low": round(candidate.precision_low, 3),
        "held_out_fires": candidate.fires,
        "held_out_edited": candidate.hits,
        "postedit_fires": candidate.postedit_fires,
        "edit": op,
        "kind": kind,
    }
    return rule


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110)


def build_pack(
    result: LearnResult, *, pack_id: str = "learned", source_lang: str | None = None, origin: str = ""
) -> tuple[str, int]:
    """The YAML text of the pack and its number of rules (rules without working examples dropped)."""
    head: dict[str, Any] = {
        "id": pack_id,
        "description": (
            f"Rules learned by 'auditor learn' from {result.stats.pairs} post-edited MT segments{origin}: "
            "recurring edits, each measured on held-out segments. Review before use."
        ),
        "enabled": "source-lang" if source_lang else "default",
    }
    if source_lang:
        head["source_lang"] = [source_lang]
    rules, candidates = [], {}
    taken: set[str] = set()
    chosen = _distinct(result.rules)
    for pattern, candidate in chosen:
        base = f"learned-{_slug(pattern)}"
        rule_id, n = base, 2
        while rule_id in taken:
            rule_id, n = f"{base}-{n}", n + 1
        taken.add(rule_id)
        rule = _rule(pattern, candidate, rule_id)
        rule["examples"] = {
            "bad": [{"text": mt} for mt, _ in candidate.examples],
            "good": [pe for _, pe in candidate.examples],
        }
        rules.append(rule)
        candidates[rule_id] = candidate
    if not rules:
        return _dump({"pack": head, "rules": []}), 0
    with tempfile.TemporaryDirectory(prefix="auditor-learn-") as tmp:
        draft = Path(tmp) / "draft.yaml"
        draft.write_text(_dump({"pack": head, "rules": rules}), encoding="utf-8")
        pack = load_pack(draft)
        kept = [r for r in (_with_examples(rule, pack, candidates[rule["id"]]) for rule in rules) if r]
    return _dump({"pack": head, "rules": kept}), len(kept)


def _with_examples(rule: dict[str, Any], pack: Pack, candidate: Candidate) -> dict[str, Any] | None:
    """``rule`` with the examples the engine confirms, or None when it has no bad or no good one."""
    compiled = next(r for r in pack.rules if r.id == rule["id"])
    bad: list[dict[str, str]] = []
    good: list[str] = []
    for mt, pe in candidate.examples:
        if len(bad) < EXAMPLES_PER_KIND:
            found = run_example(compiled, pack, Example(mt))
            if found.flagged and (found.fixed is None or _distance(found.fixed, pe) < _distance(mt, pe)):
                bad.append({"text": mt, "fix": found.fixed} if found.fixed is not None else {"text": mt})
        if len(good) < EXAMPLES_PER_KIND and pe not in good and not run_example(compiled, pack, Example(pe)).flagged:
            good.append(pe)
    if not bad or not good:
        return None
    rule["examples"] = {"bad": bad, "good": good}
    return rule


def _distinct(rules: list[tuple[Pattern, Candidate]]) -> list[tuple[Pattern, Candidate]]:
    """Drop a rule whose flagged words are all forms of an earlier (better) rule's words."""
    kept: list[tuple[Pattern, Candidate]] = []
    cores: list[tuple[frozenset[str], ...]] = []
    for pattern, candidate in rules:
        core = tuple(item_forms(kind, value) for kind, value, context, _ in pattern if not context)
        if any(len(c) == len(core) and all(x & y for x, y in zip(c, core, strict=True)) for c in cores):
            continue
        cores.append(core)
        kept.append((pattern, candidate))
    return kept
