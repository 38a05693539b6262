"""Choose and apply the fixes that are safe to make without a human.

A fix is applied automatically only when it is unambiguous: the finding carries
exactly one suggestion and (unless the caller asks otherwise) its rule marked
it ``safe_fix``. Fixes whose spans overlap are resolved deterministically: the
more severe finding wins, then the earlier, then the shorter span, then the
rule id. The HTML report's "accept all safe fixes" button mirrors this module
(``auditor/report/assets/report.js``: ``overlaps``, ``priority``, ``chooseSafe``
and ``applyEdits``), so the browser and ``auditor fix`` produce the same text.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from auditor.models import Finding


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement``."""

    start: int
    end: int
    replacement: str
    rule: str = ""


def is_unambiguous(finding: Finding, *, only_safe: bool = True) -> bool:
    """True when the finding has exactly one suggestion (and, if ``only_safe``, its rule marks it safe)."""
    if len(finding.suggestions) != 1:
        return False
    return finding.safe_fix or not only_safe


def overlaps(a: Edit | Finding, b: Edit | Finding) -> bool:
    """Two edits conflict when their spans overlap or both start at the same place.

    Touching spans (``a.end == b.start``) do not conflict; an insertion (empty
    span) conflicts with an edit that strictly contains its position.
    """
    if a.start == b.start:
        return True
    return a.start < b.end and b.start < a.end


def priority(finding: Finding) -> tuple[int, int, int, str]:
    """Sort key: most severe first, then earliest, then shortest span, then rule id."""
    return (-finding.severity.rank, finding.start, finding.end - finding.start, finding.rule)


class _Chosen:
    """Mutually non-overlapping edits kept sorted by start, so a conflict check is two look-ups."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._edits: list[Edit] = []

    def conflicts(self, edit: Edit) -> bool:
        at = bisect.bisect_right(self._starts, edit.start)
        before = self._edits[at - 1] if at else None
        after = self._edits[at] if at < len(self._edits) else None
        return any(other is not None and overlaps(other, edit) for other in (before, after))

    def add(self, edit: Edit) -> None:
        at = bisect.bisect_right(self._starts, edit.start)
        self._starts.insert(at, edit.start)
        self._edits.insert(at, edit)


def choose_fixes(
    findings: Iterable[Finding], *, only_safe: bool = True, accepted: Sequence[Edit] = ()
) -> list[Edit]:
    """The unambiguous, mutually non-overlapping edits to make, in text order.

    Candidates are taken in :func:`priority` order and kept unless they overlap one
    already kept. ``accepted`` are edits already made (e.g. chosen by hand, assumed
    not to overlap each other); new edits never overlap them.
    """
    chosen = _Chosen()
    for edit in accepted:
        chosen.add(edit)
    new: list[Edit] = []
    for finding in sorted((f for f in findings if is_unambiguous(f, only_safe=only_safe)), key=priority):
        edit = Edit(finding.start, finding.end, finding.suggestions[0], finding.rule)
        if chosen.conflicts(edit):
            continue
        chosen.add(edit)
        new.append(edit)
    return sorted(new, key=lambda e: (e.start, e.end))


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with every (non-overlapping) edit made."""
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    for left, right in itertools.pairwise(ordered):
        if overlaps(left, right):
            raise ValueError(f"overlapping edits {left} and {right}")
    pieces: list[str] = []
    position = 0
    for edit in ordered:
        if not 0 <= edit.start <= edit.end <= len(text):
            raise ValueError(f"edit {edit} outside the text")
        pieces.append(text[position : edit.start])
        pieces.append(edit.replacement)
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces)


class OffsetMap:
    """Maps offsets in the original text to offsets in the text after ``edits``.

    Offsets inside a replaced span map to the start of its replacement; the offset of an
    insertion maps to just after the inserted text.
    """

    def __init__(self, edits: Iterable[Edit]) -> None:
        self._edits = sorted(edits, key=lambda e: (e.start, e.end))
        self._starts = [e.start for e in self._edits]
        self._shift: list[int] = []
        total = 0
        for edit in self._edits:
            total += len(edit.replacement) - (edit.end - edit.start)
            self._shift.append(total)

    def __call__(self, offset: int) -> int:
        index = bisect.bisect_right(self._starts, offset) - 1
        while index >= 0 and self._edits[index].start == offset and self._edits[index].end > offset:
            index -= 1
        if index < 0:
            return offset
        edit = self._edits[index]
        before = self._shift[index] - (len(edit.replacement) - (edit.end - edit.start))
        if offset < edit.end:
            return edit.start + before
        return offset + self._shift[index]
