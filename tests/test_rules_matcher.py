"""The matcher's first-word shortcut finds exactly what trying every token finds."""

from __future__ import annotations

from auditor.rules_engine import installed_packs
from auditor.rules_engine.matcher import find_matches, first_words, required_words
from auditor.rules_engine.model import PatternItem, TokenSpec
from auditor.rules_engine.tokens import tokenize


def test_required_words_intersect_every_word_list() -> None:
    sets = {"arms": frozenset({"weapons", "arms"})}
    spec = TokenSpec(words=frozenset({"weapons", "guns"}), sets=frozenset({"arms"}))
    assert required_words(spec, sets) == frozenset({"weapons"})
    either = TokenSpec(any_of=(TokenSpec(words=frozenset({"a"})), TokenSpec(words=frozenset({"an"}))))
    assert required_words(either, sets) == frozenset({"a", "an"})
    assert required_words(TokenSpec(any_of=(TokenSpec(words=frozenset({"a"})), TokenSpec())), sets) is None


def test_first_words_none_where_the_first_step_may_be_skipped() -> None:
    word = TokenSpec(words=frozenset({"small"}))
    assert first_words((PatternItem(word),), {}) == frozenset({"small"})
    assert first_words((PatternItem(word, optional=True), PatternItem(word)), {}) is None
    assert first_words((PatternItem(TokenSpec(), gap=2), PatternItem(word)), {}) is None


def test_first_word_starts_find_the_same_matches_on_every_rule_example() -> None:
    rules = [rule for pack in installed_packs() for rule in pack.rules]
    sentences = [example.text for rule in rules for example in (*rule.bad, *rule.good)]
    for text in sentences:
        tokens = tokenize(text)
        for rule in rules:
            first = first_words(rule.pattern, rule.sets)
            starts = None if first is None else [i for i, t in enumerate(tokens) if t.norm in first]
            expected = list(find_matches(rule.pattern, tokens, rule.sets))
            assert list(find_matches(rule.pattern, tokens, rule.sets, starts)) == expected, (rule.id, text)
