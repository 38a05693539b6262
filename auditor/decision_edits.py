"""Turn an editor's ``accept``, ``custom`` and ``edit`` decisions into edits of a text.

Every decision is placed in the text it is applied to: by its ``context`` (the sentence) and
``text`` (the flagged characters) inside it, the offsets only choosing between several
places; where the context is not found, by the offsets alone when the characters there are
still ``text``. A decision that cannot be placed (the text changed) or that is ambiguous is
returned as :class:`Unplaced` with the reason, never dropped silently.

An ``edit`` replaces its whole sentence, so ``accept``/``custom`` decisions inside it give way
to it; of two other overlapping decisions the later one in the file wins. The edits are then
made in text order on the input with :func:`auditor.fixes.apply_edits`, exactly as the HTML
workspace builds its corrected text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from auditor.decisions import Decision
from auditor.fixes import Edit, overlaps

#: Actions that change the text.
EDITING = ("accept", "custom", "edit")


@dataclass(frozen=True)
class Unplaced:
    """A decision that was not made, and why; ``superseded``: a later or sentence edit made it moot."""

    decision: Decision
    reason: str
    superseded: bool = False


@dataclass(frozen=True)
class Placed:
    """A decision placed in the text: the edit it makes."""

    decision: Decision
    edit: Edit


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    """Every place ``needle`` occurs in ``text`` (overlapping ones too); by words when not exactly."""
    found: list[tuple[int, int]] = []
    at = text.find(needle)
    while at >= 0 and needle:
        found.append((at, at + len(needle)))
        at = text.find(needle, at + 1)
    if found or not needle.split():
        return found
    loose = re.compile(r"\s+".join(re.escape(word) for word in needle.split()))
    return [(m.start(), m.end()) for m in loose.finditer(text)]


def _nearest(spans: list[tuple[int, int]], hint: int | None) -> tuple[int, int] | None:
    """The one span, or the one nearest the hint; None when several and no hint decides."""
    if len(spans) == 1:
        return spans[0]
    if hint is None:
        return None
    ranked = sorted(spans, key=lambda s: abs(s[0] - hint))
    if abs(ranked[0][0] - hint) == abs(ranked[1][0] - hint):
        return None
    return ranked[0]


def place(text: str, decision: Decision) -> Placed | Unplaced:
    """Where ``decision`` applies in ``text``."""
    replacement = decision.replacement if decision.replacement is not None else ""
    contexts = _occurrences(text, decision.context) if decision.context else []
    if decision.action == "edit":
        if not contexts:
            return Unplaced(decision, "its sentence is not in the text (the text changed)")
        span = _nearest(contexts, decision.start)
        if span is None:
            return Unplaced(decision, f"its sentence occurs {len(contexts)} times; no offset to choose")
        return Placed(decision, Edit(span[0], span[1], replacement, "edit"))
    if decision.text:
        spans = sorted(
            {(c + s, c + e) for c, c_end in contexts for s, e in _occurrences(text[c:c_end], decision.text)}
        )
    else:  # an insertion point: only its offset says where in the sentence
        at = decision.start
        spans = [(at, at)] if at is not None and any(c <= at <= e for c, e in contexts) else []
    rule = decision.rule or decision.action
    if spans:
        exact = (decision.start, decision.end)
        span = exact if exact in spans else _nearest(spans, decision.start)
        if span is None:
            many = f"“{decision.text}” occurs {len(spans)} times in its sentence"
            return Unplaced(decision, f"{many}; no offset to choose")
        return Placed(decision, Edit(span[0], span[1], replacement, rule))
    start, end = decision.start, decision.end
    if start is not None and end is not None and end <= len(text) and text[start:end] == decision.text:
        return Placed(decision, Edit(start, end, replacement, rule))
    if contexts:
        return Unplaced(decision, f"“{decision.text}” is no longer in its sentence (the text changed)")
    return Unplaced(decision, "its sentence is not in the text and the offsets do not hold it (the text changed)")


def plan_edits(text: str, decisions: Iterable[Decision]) -> tuple[list[Edit], list[Unplaced]]:
    """The edits the editing decisions make in ``text`` (in text order), and those not made."""
    placed: list[Placed] = []
    unplaced: list[Unplaced] = []
    for decision in decisions:
        if decision.action not in EDITING:
            continue
        where = place(text, decision)
        (unplaced if isinstance(where, Unplaced) else placed).append(where)
    kept: list[Placed] = []
    # sentence edits first (they win over fixes inside them), then later decisions before earlier ones
    ranked = sorted(placed, key=lambda p: (p.decision.action != "edit", -p.decision.number))
    for candidate in ranked:
        rival = next((k for k in kept if overlaps(k.edit, candidate.edit)), None)
        if rival is None:
            kept.append(candidate)
            continue
        if rival.decision.action == "edit":
            why = f"inside the sentence that {rival.decision.label()} replaces"
        else:
            why = f"overlaps {rival.decision.label()}, which comes later in the file and wins"
        unplaced.append(Unplaced(candidate.decision, why, superseded=True))
    edits = sorted((k.edit for k in kept), key=lambda e: (e.start, e.end))
    unplaced.sort(key=lambda u: u.decision.number)
    return edits, unplaced
