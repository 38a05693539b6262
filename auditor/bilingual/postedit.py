"""Post-edit distance: HTER (sacrebleu TER of the MT against its post-edit) and the edited spans."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

_TOKEN = re.compile(r"\S+")


@lru_cache(maxsize=1)
def _ter() -> Any:
    """sacrebleu's TER (imported on first use, so ``auditor check`` never loads it)."""
    from sacrebleu.metrics import TER

    return TER()


@dataclass(frozen=True)
class Edit:
    """One edited span: ``op`` replace/delete/insert; offsets into the MT and post-edit lines."""

    op: str
    mt: str
    postedit: str
    mt_start: int
    mt_end: int
    pe_start: int
    pe_end: int


@dataclass
class SegmentEdit:
    """A segment's MT, post-edit, HTER and edits."""

    index: int
    mt: str
    postedit: str
    hter: float
    edits: list[Edit] = field(default_factory=list)


def word_edits(mt: str, postedit: str) -> list[Edit]:
    """Word-level differences between MT and post-edit, as character spans of both."""
    a = [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(mt)]
    b = [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(postedit)]
    matcher = difflib.SequenceMatcher(a=[t for t, _, _ in a], b=[t for t, _, _ in b], autojunk=False)
    edits = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        mt_start = a[i1][1] if i1 < len(a) else len(mt)
        mt_end = a[i2 - 1][2] if i2 > i1 else mt_start
        pe_start = b[j1][1] if j1 < len(b) else len(postedit)
        pe_end = b[j2 - 1][2] if j2 > j1 else pe_start
        edits.append(
            Edit(op, mt[mt_start:mt_end], postedit[pe_start:pe_end], mt_start, mt_end, pe_start, pe_end)
        )
    return edits


def compare_segments(mt: list[str], postedit: list[str]) -> list[SegmentEdit]:
    """HTER and edits per aligned segment."""
    return [
        SegmentEdit(i, m, p, round(_ter().sentence_score(m, [p]).score, 4), word_edits(m, p))
        for i, (m, p) in enumerate(zip(mt, postedit, strict=True))
    ]


def corpus_hter(mt: list[str], postedit: list[str]) -> dict[str, Any]:
    """Corpus HTER with sacrebleu's TER signature."""
    from sacrebleu.metrics import TER

    metric = TER()
    score = metric.corpus_score(mt, [postedit])
    return {"score": round(score.score, 4), "signature": str(metric.get_signature()), "segments": len(mt)}


def report_dict(
    mt_path: str, pe_path: str, segments: list[SegmentEdit], corpus: dict[str, Any]
) -> dict[str, Any]:
    """The ``auditor-compare/1`` JSON report."""
    return {
        "schema": "auditor-compare/1",
        "mt": mt_path,
        "postedit": pe_path,
        "hter": corpus,
        "segments": [
            {
                "index": s.index,
                "mt": s.mt,
                "postedit": s.postedit,
                "hter": s.hter,
                "edits": [e.__dict__ for e in s.edits],
            }
            for s in segments
        ],
    }
