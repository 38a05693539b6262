"""Which source and reference text goes with each target sentence.

Segment-aligned inputs (``--lines``, TSV, XLIFF, TMX) carry one source/reference per segment.
Document-aligned inputs are split into sentences; when the sentence counts agree they are
paired one to one, otherwise only document-level comparisons are made.
"""

from __future__ import annotations

import re

from auditor.models import Document
from auditor.segment import segment

#: Sentence ends in any script we read: Latin/Cyrillic/Devanagari punctuation followed by space,
#: or CJK full stops, which need no space.
_SOURCE_BOUNDARY = re.compile(r"(?<=[.!?।॥])[\"'”’»)]*\s+(?=\S)|(?<=[。！？])[」』”’）]*\s*(?=\S)")


def split_source(text: str) -> list[str]:
    """Sentences of a source text in any language (rough, punctuation based)."""
    parts = []
    for block in re.split(r"\n\s*\n", text):
        parts.extend(p.strip() for p in _SOURCE_BOUNDARY.split(block) if p.strip())
    return parts


def _paired(
    document: Document, other: str | None, segments: list[str] | None, english: bool
) -> list[str | None]:
    count = len(document.sentences)
    if segments is not None:
        if len(segments) == count:
            return list(segments)
        return [None] * count
    if other is None:
        return [None] * count
    pieces = [other[s.start : s.end] for s in segment(other)] if english else split_source(other)
    if len(pieces) == count:
        return list(pieces)
    if count == 1:
        return [other.strip()]
    return [None] * count


def sentence_sources(document: Document) -> list[str | None]:
    """The source text of each target sentence (``None`` where it cannot be aligned)."""
    return _paired(document, document.source, document.source_segments, english=False)


def sentence_references(document: Document) -> list[str | None]:
    """The reference text of each target sentence (``None`` where it cannot be aligned)."""
    return _paired(document, document.reference, document.reference_segments, english=True)
