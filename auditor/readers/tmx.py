"""TMX 1.4 translation memories: one document per file, one segment per ``<tu>``.

The source variant is the ``<tuv>`` whose ``xml:lang`` matches the header's ``srclang`` (or
``--source-lang``); the target is the variant matching ``--lang`` by primary language (``en`` for
``en-US``), else the first other variant. A third variant matching neither is ignored.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from xml.sax.saxutils import quoteattr

from auditor.errors import AuditorError
from auditor.models import Document
from auditor.readers.inline import XML_NS, local_name, split_inline
from auditor.readers.segments import Segment, segments_document, with_markup
from auditor.readers.xml_errors import iterparse, release

_LANG = f"{{{XML_NS}}}lang"


def _primary(tag: str | None) -> str:
    return (tag or "").replace("_", "-").split("-")[0].lower()


def read_segments(
    path: str, *, lang: str, source_lang: str | None, languages: dict[str, str] | None = None
) -> Iterator[Segment]:
    """Yield the translation units of a TMX file as segments."""
    srclang = source_lang
    seen_root = False
    for event, element in iterparse(path):
        name = local_name(element)
        if event == "start":
            if not seen_root:
                seen_root = True
                if name != "tmx":
                    raise AuditorError(f"{path}:{element.sourceline}: not TMX (root element <{name}>)")
            elif name == "header" and srclang is None:
                srclang = element.get("srclang")
                if languages is not None and srclang:
                    languages["source"] = srclang
            continue
        if name != "tu":
            continue
        variants: list[tuple[str, str, tuple[tuple[int, str], ...]]] = []
        for tuv in element:
            if not isinstance(tuv.tag, str) or local_name(tuv) != "tuv":
                continue
            seg = next((c for c in tuv if isinstance(c.tag, str) and local_name(c) == "seg"), None)
            if seg is None:
                raise AuditorError(f"{path}:{tuv.sourceline}: <tuv> has no <seg>")
            text, markup = split_inline(seg)
            variants.append((tuv.get(_LANG) or tuv.get("lang") or "", text, markup))
        tu_id = element.get("tuid") or str(element.sourceline)
        source = next((v for v in variants if _primary(v[0]) == _primary(srclang)), None)
        target = next((v for v in variants if v is not source and _primary(v[0]) == _primary(lang)), None)
        if target is None:
            target = next((v for v in variants if v is not source), None)
        if source is None or target is None:
            raise AuditorError(
                f"{path}:{element.sourceline}: <tu> needs a source ({srclang}) and a target variant"
            )
        yield Segment(id=tu_id, target=target[1], source=source[1], markup=target[2])
        release(element)
    if not seen_root:
        raise AuditorError(f"{path}:1: empty TMX file")


def read(path: str, *, lang: str, source_lang: str | None) -> Iterator[Document]:
    """One document holding every translation unit of the file."""
    languages: dict[str, str] = {}
    segments = list(read_segments(path, lang=lang, source_lang=source_lang, languages=languages))
    yield segments_document(
        path, segments, lang=lang, source_lang=source_lang or languages.get("source") or None
    )


def write_tmx(path: str, segments: Sequence[Segment], *, source_lang: str, target_lang: str) -> None:
    """Write segments as a TMX 1.4 file (target inline markup re-inserted)."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<tmx version="1.4">',
        f'<header creationtool="auditor" creationtoolversion="1" segtype="sentence" o-tmf="auditor" '
        f'adminlang="en" srclang={quoteattr(source_lang)} datatype="plaintext"/>',
        "<body>",
    ]
    for segment in segments:
        lines.append(f"<tu tuid={quoteattr(segment.id)}>")
        lines.append(
            f"<tuv xml:lang={quoteattr(source_lang)}><seg>{with_markup(segment.source or '', ())}</seg></tuv>"
        )
        lines.append(
            f"<tuv xml:lang={quoteattr(target_lang)}><seg>{with_markup(segment.target, segment.markup)}</seg></tuv>"
        )
        lines.append("</tu>")
    lines.append("</body></tmx>")
    with open(path, "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
