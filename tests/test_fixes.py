"""Which fixes are applied automatically, and how they are applied (auditor/fixes.py)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from auditor.fixes import Edit, OffsetMap, apply_edits, choose_fixes, is_unambiguous, overlaps, priority
from auditor.models import Finding, Severity


def finding(start, end, *suggestions, safe=True, severity=Severity.MINOR, rule="r"):
    return Finding(rule, "fluency/punctuation", severity, start, end, "m", tuple(suggestions), safe)


def test_only_single_suggestion_safe_fixes_are_unambiguous():
    assert is_unambiguous(finding(0, 1, "a"))
    assert not is_unambiguous(finding(0, 1, "a", "b"))
    assert not is_unambiguous(finding(0, 1))
    assert not is_unambiguous(finding(0, 1, "a", safe=False))
    assert is_unambiguous(finding(0, 1, "a", safe=False), only_safe=False)
    assert not is_unambiguous(finding(0, 1, "a", "b", safe=False), only_safe=False)


def test_overlap_rules():
    assert overlaps(Edit(0, 3, ""), Edit(2, 4, ""))
    assert not overlaps(Edit(0, 2, ""), Edit(2, 4, ""))  # touching spans are independent
    assert overlaps(Edit(2, 2, "x"), Edit(2, 4, ""))  # same start: order would be ambiguous
    assert overlaps(Edit(3, 3, "x"), Edit(2, 4, ""))  # insertion inside a replaced span
    assert not overlaps(Edit(4, 4, "x"), Edit(2, 4, ""))


def test_apply_edits_in_text_order():
    text = "DAMASCUS >> One was in Ankara ."
    edits = [Edit(29, 31, "."), Edit(8, 12, " — ")]
    assert apply_edits(text, edits) == "DAMASCUS — One was in Ankara."


def test_overlapping_fixes_resolved_by_severity_then_position():
    text = "abcdef"
    minor = finding(0, 4, "X", rule="a-minor")
    major = finding(2, 5, "Y", severity=Severity.MAJOR, rule="b-major")
    later = finding(5, 6, "Z")
    chosen = choose_fixes([minor, major, later])
    assert [e.rule for e in chosen] == ["b-major", "r"]
    assert apply_edits(text, chosen) == "abYZ"
    # the same input in any order gives the same choice
    assert choose_fixes([later, major, minor]) == chosen


def test_equal_severity_prefers_earlier_then_shorter():
    first = finding(0, 3, "A", rule="z")
    second = finding(1, 2, "B", rule="a")
    assert [e.replacement for e in choose_fixes([second, first])] == ["A"]
    shorter = finding(0, 1, "S", rule="y")
    assert [e.replacement for e in choose_fixes([first, shorter])] == ["S"]


def test_ambiguous_and_unsafe_never_applied_by_default():
    text = "one two three"
    findings = [finding(0, 3, "1", "uno"), finding(4, 7, "2", safe=False), finding(8, 13, "3")]
    assert apply_edits(text, choose_fixes(findings)) == "one two 3"
    assert apply_edits(text, choose_fixes(findings, only_safe=False)) == "one 2 3"


def test_already_accepted_edits_block_overlaps():
    chosen = choose_fixes([finding(0, 2, "x"), finding(3, 4, "y")], accepted=[Edit(1, 3, "")])
    assert [(e.start, e.replacement) for e in chosen] == [(3, "y")]


@given(
    st.text(alphabet="ab .", min_size=1, max_size=30),
    st.lists(
        st.tuples(st.integers(0, 30), st.integers(0, 4), st.text(alphabet="xy", max_size=3)), max_size=6
    ),
)
def test_offset_map_points_after_each_edit(text, raw):
    findings = [
        finding(min(s, len(text)), min(s + n, len(text)), r, rule=str(k)) for k, (s, n, r) in enumerate(raw)
    ]
    edits = choose_fixes(findings)
    fixed = apply_edits(text, edits)
    moved = OffsetMap(edits)
    # text outside every edit keeps its characters at the mapped position
    for offset, char in enumerate(text):
        if any(e.start <= offset < e.end for e in edits):
            continue
        assert fixed[moved(offset)] == char
    for edit in edits:
        # a replaced span maps to the start of its replacement; an insertion point to just after it
        at = moved(edit.start) - (len(edit.replacement) if edit.start == edit.end else 0)
        assert fixed[at : at + len(edit.replacement)] == edit.replacement
    assert moved(len(text)) == len(fixed)


spans = st.lists(
    st.tuples(st.integers(0, 20), st.integers(0, 3), st.sampled_from(list(Severity)), st.booleans()),
    max_size=12,
)


@given(spans)
def test_choice_equals_the_plain_greedy_definition(raw):
    findings = [
        finding(s, s + n, "x", severity=sev, safe=safe, rule=f"r{k}")
        for k, (s, n, sev, safe) in enumerate(raw)
    ]
    kept: list[Edit] = []
    for f in sorted((f for f in findings if f.safe_fix), key=lambda f: priority(f)):
        edit = Edit(f.start, f.end, "x", f.rule)
        if not any(overlaps(edit, other) for other in kept):
            kept.append(edit)
    assert choose_fixes(findings) == sorted(kept, key=lambda e: (e.start, e.end))
