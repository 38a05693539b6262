"""Segment-aligned bilingual input: what every bilingual reader produces.

A reader yields :class:`Segment` objects; :func:`segments_document` joins their
targets with line breaks into one :class:`Document` whose sentences are exactly
the segments (one sentence per segment, even if a segment holds a line break),
with the sources, references, ids and inline markup aligned by index.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from auditor.models import Document, Sentence

#: Joins segment targets in ``Document.text``.
SEPARATOR = "\n"


@dataclass(frozen=True)
class Segment:
    """One translation unit: target text (tags removed), optional source/reference, inline markup."""

    id: str
    target: str
    source: str | None = None
    reference: str | None = None
    #: ``(offset into target, raw XML)`` for every inline tag removed from the target.
    markup: tuple[tuple[int, str], ...] = ()


def segments_document(
    path: str,
    segments: Iterable[Segment],
    *,
    lang: str,
    source_lang: str | None = None,
    record_id: str | None = None,
) -> Document:
    """One document whose sentences are the given segments, in order."""
    texts: list[str] = []
    sentences: list[Sentence] = []
    sources: list[str] = []
    references: list[str] = []
    ids: list[str] = []
    markup: list[tuple[tuple[int, str], ...]] = []
    has_source = has_reference = False
    pos = 0
    for index, segment in enumerate(segments):
        if index:
            pos += len(SEPARATOR)
        texts.append(segment.target)
        sentences.append(Sentence(index, pos, pos + len(segment.target), index))
        pos += len(segment.target)
        sources.append(segment.source or "")
        references.append(segment.reference or "")
        has_source = has_source or segment.source is not None
        has_reference = has_reference or segment.reference is not None
        ids.append(segment.id)
        markup.append(segment.markup)
    return Document(
        path=path,
        text=SEPARATOR.join(texts),
        lang=lang,
        lines=True,
        source=SEPARATOR.join(sources) if has_source else None,
        reference=SEPARATOR.join(references) if has_reference else None,
        source_lang=source_lang,
        sentences=sentences,
        source_segments=sources if has_source else None,
        reference_segments=references if has_reference else None,
        record_id=record_id,
        segment_ids=ids,
        segment_markup=markup,
    )


def document_segments(document: Document) -> list[Segment]:
    """The segments of a segment-aligned document, for writing it back out."""
    result = []
    for index, sentence in enumerate(document.sentences):
        result.append(
            Segment(
                id=document.segment_ids[index] if document.segment_ids else str(index + 1),
                target=document.sentence_text(sentence),
                source=document.source_segments[index] if document.source_segments else None,
                reference=document.reference_segments[index] if document.reference_segments else None,
                markup=document.segment_markup[index] if document.segment_markup else (),
            )
        )
    return result


def with_markup(text: str, markup: Iterable[tuple[int, str]], escape: bool = True) -> str:
    """Put inline markup back into ``text`` (escaping the text parts for XML when ``escape``)."""
    from xml.sax.saxutils import escape as xml_escape

    out: list[str] = []
    pos = 0
    for offset, tag in markup:
        part = text[pos:offset]
        out.append(xml_escape(part) if escape else part)
        out.append(tag)
        pos = offset
    rest = text[pos:]
    out.append(xml_escape(rest) if escape else rest)
    return "".join(out)
