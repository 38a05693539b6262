"""Phrase rules from the YAML packs in ``rules/``: calques, false friends, house style.

Each sentence is tokenised once; every active rule is matched against it. Where
rules of one pack overlap in a sentence the longer match wins (it is the more
specific rule: "returned the fire from self-defense" beats "returned the fire").
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence

from auditor.limits import overlong
from auditor.models import Document, Finding
from auditor.rules_engine.loader import installed_packs
from auditor.rules_engine.matcher import SentenceMemo, conditions_hold, find_matches, first_words
from auditor.rules_engine.model import Pack, Rule
from auditor.rules_engine.templates import render
from auditor.rules_engine.tokens import Token, tokenize


class PhraseCheck:
    """Runs the rule packs that are switched on for a document."""

    name = "phrases"

    def __init__(
        self,
        packs: Sequence[Pack] | None = None,
        source_lang: str | None = None,
        requested: Iterable[str] = (),
    ) -> None:
        self.packs = tuple(installed_packs() if packs is None else packs)
        self.source_lang = base_language(source_lang)
        self.requested = frozenset(requested)
        self._anchors = {rule.id: _anchor(rule) for pack in self.packs for rule in pack.rules}
        self._firsts = {rule.id: first_words(rule.pattern, rule.sets) for pack in self.packs for rule in pack.rules}

    def active_rules(self, source_lang: str | None = None) -> list[Rule]:
        """Rules of the packs switched on by default, by ``--source-lang`` or by ``--pack``."""
        lang = base_language(source_lang) or self.source_lang
        return [r for p in self.packs if p.active(lang, self.requested) for r in p.rules]

    def check(self, document: Document) -> Iterator[Finding]:
        """Findings of every active rule in every sentence."""
        rules = self.active_rules(document.source_lang)
        packs = {rule.id: rule.pack for rule in rules}
        for sentence in document.sentences:
            if overlong(sentence.start, sentence.end):
                continue  # pattern matching is not linear-time: the limits check notes the sentence
            tokens = tokenize(document.sentence_text(sentence), sentence.start)
            if tokens:
                found = list(self._sentence_findings(rules, tokens, document.text))
                yield from _longest_first(found, packs)

    def _sentence_findings(self, rules: Sequence[Rule], tokens: list[Token], text: str) -> Iterator[Finding]:
        positions: dict[str, list[int]] = {}
        for index, token in enumerate(tokens):
            positions.setdefault(token.norm, []).append(index)
        norms = positions.keys()
        memo = SentenceMemo()
        for rule in rules:
            anchor = self._anchors[rule.id]
            if anchor is not None and norms.isdisjoint(anchor):
                continue  # a word the pattern cannot do without is not in the sentence
            starts = _starts(self._firsts[rule.id], positions)
            if starts is not None and not starts:
                continue  # no word a match can start with is in the sentence
            sets = rule.sets
            for match in find_matches(rule.pattern, tokens, sets, starts):
                if not conditions_hold(rule, match, tokens, sets, memo):
                    continue
                start = tokens[match.span_first].start
                end = tokens[match.span_last - 1].end
                suggestions = tuple(
                    dict.fromkeys(render(t, rule, match, tokens, text) for t in rule.suggest)
                )
                yield Finding(
                    rule=rule.id,
                    category=rule.category,
                    severity=rule.severity,
                    start=start,
                    end=end,
                    message=render(rule.message, rule, match, tokens, text),
                    suggestions=tuple(s for s in suggestions if s != text[start:end]),
                    safe_fix=rule.safe,
                )


def base_language(code: str | None) -> str | None:
    """``nl-BE`` → ``nl``; None or empty stays None."""
    if not code:
        return None
    return code.replace("_", "-").split("-")[0].strip().lower() or None


def _starts(first: frozenset[str] | None, positions: dict[str, list[int]]) -> list[int] | None:
    """Ascending indices of the sentence's tokens that are one of the words ``first`` (None: any token)."""
    if first is None:
        return None
    return sorted(i for word in first.intersection(positions) for i in positions[word])


def _anchor(rule: Rule) -> frozenset[str] | None:
    """The smallest word list one required token of ``rule`` must come from (None: no such list)."""
    best: frozenset[str] | None = None
    for item in rule.pattern:
        spec = item.spec
        if item.optional or item.gap is not None or spec.any_of:
            continue
        candidates = [c for c in (spec.words, spec.lemma_forms) if c is not None]
        if spec.sets is not None:
            candidates.append(frozenset().union(*(rule.sets[name] for name in spec.sets)))
        for candidate in candidates:
            if best is None or len(candidate) < len(best):
                best = candidate
    return best


def _longest_first(findings: list[Finding], packs: dict[str, str]) -> list[Finding]:
    """Within one pack, drop findings that overlap a longer one (the more specific rule).

    Findings of different packs (a calque and a house-style point) are different
    problems and are all kept.
    """
    kept: dict[str, list[tuple[int, int]]] = {}  # per pack: kept spans, sorted and non-overlapping
    result: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (-(f.end - f.start), f.start)):
        spans = kept.setdefault(packs[finding.rule], [])
        index = bisect.bisect_left(spans, (finding.start, finding.end))
        clash = (index > 0 and spans[index - 1][1] > finding.start) or (
            index < len(spans) and spans[index][0] < finding.end
        )
        if not clash:  # phrase findings are never empty, so the neighbours decide (log time, not quadratic)
            spans.insert(index, (finding.start, finding.end))
            result.append(finding)
    return sorted(result, key=lambda f: f.start)
