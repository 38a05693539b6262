"""XLIFF 1.2 and 2.0 files: one document per file, one segment per translation unit/segment.

Read with lxml ``iterparse`` (streamed, entities and DTDs never loaded). XLIFF 1.2:
``<trans-unit id>`` with ``<source>`` and ``<target>``; XLIFF 2.0: ``<unit id>`` holding
``<segment>`` elements (a unit with several segments gives ids ``unit/segment``). A unit without
a target is read with an empty target (and flagged by the source checks as untranslated).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from xml.sax.saxutils import quoteattr

from lxml import etree

from auditor.errors import AuditorError
from auditor.models import Document
from auditor.readers.inline import local_name, split_inline
from auditor.readers.segments import Segment, segments_document, with_markup
from auditor.readers.xml_errors import iterparse, release

NS_12 = "urn:oasis:names:tc:xliff:document:1.2"
NS_20 = "urn:oasis:names:tc:xliff:document:2.0"


def _child(element: etree._Element, name: str) -> etree._Element | None:
    for child in element:
        if isinstance(child.tag, str) and local_name(child) == name:
            return child
    return None


def _segment(path: str, holder: etree._Element, segment_id: str) -> Segment:
    source = _child(holder, "source")
    if source is None:
        raise AuditorError(f"{path}:{holder.sourceline}: <{local_name(holder)}> has no <source>")
    target = _child(holder, "target")
    source_text, _ = split_inline(source)
    if target is None:
        return Segment(id=segment_id, target="", source=source_text)
    target_text, markup = split_inline(target)
    return Segment(id=segment_id, target=target_text, source=source_text, markup=markup)


def read_segments(path: str, languages: dict[str, str] | None = None) -> Iterator[Segment]:
    """Yield the segments of an XLIFF 1.2 or 2.0 file; fills ``languages`` from the file's header."""
    version = None
    unit_id = ""
    unit_segments = 0
    for event, element in iterparse(path):
        name = local_name(element)
        namespace = etree.QName(element).namespace
        if event == "start":
            if version is None:
                if name != "xliff":
                    raise AuditorError(f"{path}:{element.sourceline}: not XLIFF (root element <{name}>)")
                version = {NS_12: "1.2", NS_20: "2.0"}.get(namespace or "", element.get("version"))
                if version not in ("1.2", "2.0"):
                    raise AuditorError(f"{path}:{element.sourceline}: unsupported XLIFF version {version!r}")
                if version == "2.0" and languages is not None:
                    languages.setdefault("source", element.get("srcLang", ""))
                    languages.setdefault("target", element.get("trgLang", ""))
            elif name == "file" and version == "1.2" and languages is not None:
                languages.setdefault("source", element.get("source-language", ""))
                languages.setdefault("target", element.get("target-language", ""))
            elif name == "unit":
                unit_id = element.get("id") or str(element.sourceline)
                unit_segments = 0
            continue
        if version == "1.2" and name == "trans-unit":
            yield _segment(path, element, element.get("id") or str(element.sourceline))
            release(element)
        elif version == "2.0" and name == "segment":
            unit_segments += 1
            segment_id = element.get("id") or str(unit_segments)
            yield _segment(path, element, f"{unit_id}/{segment_id}")
        elif version == "2.0" and name == "unit":
            release(element)
    if version is None:
        raise AuditorError(f"{path}:1: empty XLIFF file")


def read(path: str, *, lang: str, source_lang: str | None) -> Iterator[Document]:
    """One document holding every segment of the file."""
    languages: dict[str, str] = {}
    segments = list(read_segments(path, languages))
    yield segments_document(
        path, segments, lang=lang, source_lang=source_lang or languages.get("source") or None
    )


def write_xliff(
    path: str, segments: Sequence[Segment], *, version: str, source_lang: str, target_lang: str
) -> None:
    """Write segments as an XLIFF 1.2 or 2.0 file (inline markup re-inserted)."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>']
    if version == "1.2":
        lines.append(f'<xliff version="1.2" xmlns="{NS_12}">')
        lines.append(
            f"<file original={quoteattr(path)} source-language={quoteattr(source_lang)} "
            f'target-language={quoteattr(target_lang)} datatype="plaintext"><body>'
        )
        for segment in segments:
            lines.append(f"<trans-unit id={quoteattr(segment.id)}>")
            lines.append(f"<source>{with_markup(segment.source or '', ())}</source>")
            lines.append(f"<target>{with_markup(segment.target, segment.markup)}</target>")
            lines.append("</trans-unit>")
        lines.append("</body></file></xliff>")
    elif version == "2.0":
        lines.append(
            f'<xliff version="2.0" xmlns="{NS_20}" srcLang={quoteattr(source_lang)} '
            f"trgLang={quoteattr(target_lang)}>"
        )
        lines.append(f"<file id={quoteattr('f1')}>")
        for segment in segments:
            unit, _, seg = segment.id.partition("/")
            lines.append(f"<unit id={quoteattr(unit)}><segment id={quoteattr(seg or '1')}>")
            lines.append(f"<source>{with_markup(segment.source or '', ())}</source>")
            lines.append(f"<target>{with_markup(segment.target, segment.markup)}</target>")
            lines.append("</segment></unit>")
        lines.append("</file></xliff>")
    else:
        raise ValueError(f"unknown XLIFF version {version}")
    with open(path, "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
