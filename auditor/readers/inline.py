"""Inline tags in XLIFF/TMX segments: plain text for the checks, markup kept for the way back.

Mapping (documented in docs/bilingual.md):

* Tags that wrap translatable text (``g``/``mrk`` in XLIFF 1.2, ``pc``/``mrk`` in 2.0, ``hi`` in
  TMX) contribute their text to the segment; their start and end tags are kept as markup at
  the offsets where they stood.
* Every other inline element (``x``, ``bx``, ``ex``, ``ph``, ``bpt``, ``ept``, ``it``, ``ut``,
  ``sc``, ``ec``, ``sm``, ``em``, ``cp``) stands for native code, not text: it adds nothing to
  the segment text and is kept whole (content included) as markup at its offset.

So offsets in reports always point into the tag-free text an editor reads, and writing the
segment back re-inserts every tag exactly where it was.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from lxml import etree

from auditor.errors import AuditorError

XML_NS = "http://www.w3.org/XML/1998/namespace"

#: Inline elements whose content is translatable text.
WRAPPING = frozenset({"g", "mrk", "pc", "hi"})


def local_name(element: etree._Element) -> str:
    """The element's name without its namespace."""
    return etree.QName(element).localname


def _attributes(element: etree._Element) -> str:
    parts = []
    for key, value in element.attrib.items():
        qname = etree.QName(key)
        name = f"xml:{qname.localname}" if qname.namespace == XML_NS else qname.localname
        parts.append(f" {name}={quoteattr(value)}")
    return "".join(parts)


def start_tag(element: etree._Element) -> str:
    """``<name attr="...">`` without namespace declarations."""
    return f"<{local_name(element)}{_attributes(element)}>"


def end_tag(element: etree._Element) -> str:
    """``</name>``."""
    return f"</{local_name(element)}>"


def serialize(element: etree._Element) -> str:
    """The whole element (not its tail) as markup without namespace declarations."""
    inner = escape(element.text or "") + "".join(serialize(c) + escape(c.tail or "") for c in element)
    if not inner and not len(element):
        return f"<{local_name(element)}{_attributes(element)}/>"
    return f"{start_tag(element)}{inner}{end_tag(element)}"


def split_inline(container: etree._Element) -> tuple[str, tuple[tuple[int, str], ...]]:
    """Plain text and ``(offset, markup)`` list of a ``<source>``/``<target>``/``<seg>`` element."""
    text: list[str] = []
    markup: list[tuple[int, str]] = []
    length = 0

    def add(value: str | None) -> None:
        nonlocal length
        if value:
            text.append(value)
            length += len(value)

    def walk(element: etree._Element) -> None:
        add(element.text)
        for child in element:
            if isinstance(child, etree._Entity):  # never resolved (no DTDs): dropping it loses text
                where = f"{child.getroottree().docinfo.URL or 'XML'}:{child.sourceline or 0}"
                raise AuditorError(f"{where}: unresolved XML entity {child.text} (no DTD is read; write the character)")
            if not isinstance(child.tag, str):  # comments, processing instructions
                add(child.tail)
                continue
            if local_name(child) in WRAPPING:
                markup.append((length, start_tag(child)))
                walk(child)
                markup.append((length, end_tag(child)))
            else:
                markup.append((length, serialize(child)))
            add(child.tail)

    walk(container)
    return "".join(text), tuple(markup)
