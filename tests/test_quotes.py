"""Quotation-mark checks, including the wire convention for quotes that run over paragraphs."""

from __future__ import annotations

from auditor.checks.quotes import QuotesCheck
from auditor.models import Document
from auditor.run.pipeline import segment_document


def run(text: str, lines: bool = False) -> list:
    document = segment_document(Document(path="t", text=text, lines=lines))
    return list(QuotesCheck().check(document))


def rules(text: str, lines: bool = False) -> list[str]:
    return [f.rule for f in run(text, lines)]


def apply(text: str, finding) -> str:
    return text[: finding.start] + finding.suggestions[0] + text[finding.end :]


def test_balanced_quotes_are_clean() -> None:
    assert rules("“We will win,” he said. “Nobody doubts it.”") == []


def test_glued_closing_quote_is_fixed() -> None:
    text = "shouting: “What are your issues here? “A soldier tells the man to withdraw."
    (finding,) = run(text)
    assert finding.rule == "misplaced-closing-quote"
    assert text[finding.start : finding.end] == " “"
    assert apply(text, finding) == "shouting: “What are your issues here?” A soldier tells the man to withdraw."


def test_multi_paragraph_quote_convention_is_not_an_error() -> None:
    text = "“We will fight on,” he said. “We will not stop.\n\n“Nobody can stop us,” he added."
    assert rules(text) == []


def test_unclosed_quote_without_continuation_is_flagged() -> None:
    text = "“We will fight on, he said.\n\nThe crowd cheered."
    found = run(text)
    assert [f.rule for f in found] == ["unclosed-quote"]
    assert text[found[0].start : found[0].end] == "“"


def test_lines_are_independent_units() -> None:
    assert rules("“We will fight on.\n“Nobody can stop us.”", lines=True) == ["unclosed-quote"]


def test_stray_and_reversed_closing_quotes() -> None:
    assert rules("He said no.” Then he left.") == ["unmatched-closing-quote"]
    text = "He said ”no” to them."
    found = run(text)
    assert [f.rule for f in found] == ["reversed-quote"]
    assert apply(text, found[0]) == "He said “no” to them."


def test_missing_space_after_closing_quote() -> None:
    text = "He said “no”and left."
    (finding,) = run(text)
    assert finding.rule == "missing-space-after-quote"
    assert apply(text, finding) == "He said “no” and left."


def test_nested_double_quotes_want_single_ones() -> None:
    text = "“He called it “a disgrace” today,” she said."
    found = run(text)
    assert [f.rule for f in found] == ["nested-double-quote", "nested-double-quote"]
    assert [f.suggestions[0] for f in found] == ["‘", "’"]


def test_straight_quotes_mixed_with_curly_ones() -> None:
    text = "“We won,” he said.\n\nShe said \"no\" twice."
    found = run(text)
    assert [f.rule for f in found] == ["mixed-quote-style", "mixed-quote-style"]
    assert [f.suggestions[0] for f in found] == ["“", "”"]


def test_unbalanced_straight_quotes() -> None:
    assert rules('He said "no and left.') == ["unbalanced-straight-quote"]
    assert rules('He said "no" and left.') == []
    assert rules('"We go on.\n\n"We never stop," he said.') == []


def test_seed_quote_faults(seed_text: str) -> None:
    found = run(seed_text)
    assert [f.rule for f in found] == ["misplaced-closing-quote"]
    assert seed_text[found[0].start - 5 : found[0].end + 1] == "here? “A"


def test_opening_mark_used_to_close() -> None:
    text = "He spoke of a “monumental loss“ for the band."
    found = run(text)
    assert [f.rule for f in found] == ["reversed-quote"]
    assert apply(text, found[0]) == "He spoke of a “monumental loss” for the band."


def test_closing_mark_detached_from_its_sentence() -> None:
    text = "We start with the A4 motorway, ”informed the minister."
    found = run(text, lines=True)
    assert [f.rule for f in found] == ["misplaced-closing-quote"]
    assert apply(text, found[0]) == "We start with the A4 motorway,” informed the minister."


def test_test_set_segment_may_start_inside_a_quotation() -> None:
    assert rules("I hope that all will be well”, he said.", lines=True) == []
    assert rules('I hope that all will be well", he said.', lines=True) == []
    assert rules("I hope that all will be well”, he said.") == ["unmatched-closing-quote"]


def test_quote_style_mixing_is_per_line_in_lines_mode() -> None:
    assert rules('“We won,” he said.\nShe said "no" twice.', lines=True) == []
