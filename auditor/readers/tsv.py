"""Bilingual TSV: one segment per line, ``source<TAB>target[<TAB>reference]``, read line by line.

An optional first line ``source<TAB>target[<TAB>reference]`` is a header and skipped. Fields are
raw text (no quoting or escapes), so a field cannot hold a tab or a line break; every line must
have the same number of fields (2 or 3).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from auditor.errors import AuditorError
from auditor.models import Document
from auditor.readers.segments import Segment, segments_document

HEADER = ("source", "target", "reference")


def read_segments(path: str) -> Iterator[Segment]:
    """Yield one segment per data line; ids are line numbers."""
    width = None
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            for number, raw in enumerate(handle, start=1):
                line = raw.rstrip("\n").rstrip("\r")
                if "\x00" in line:  # as for plain text: NUL means binary data
                    raise AuditorError(f"{path}:{number}: binary data (contains NUL), expected UTF-8 text")
                fields = line.split("\t")
                if number == 1 and tuple(f.strip().lower() for f in fields) == HEADER[: len(fields)]:
                    width = len(fields)
                    continue
                if not line.strip() and len(fields) == 1:
                    raise AuditorError(f"{path}:{number}: empty line (expected source<TAB>target)")
                if len(fields) not in (2, 3):
                    raise AuditorError(
                        f"{path}:{number}: expected 2 or 3 tab-separated fields "
                        f"(source, target[, reference]), found {len(fields)}"
                    )
                if width is None:
                    width = len(fields)
                elif len(fields) != width:
                    raise AuditorError(
                        f"{path}:{number}: {len(fields)} fields where earlier lines have {width}"
                    )
                yield Segment(
                    id=str(number),
                    source=fields[0],
                    target=fields[1],
                    reference=fields[2] if len(fields) == 3 else None,
                )
    except UnicodeDecodeError as error:
        raise AuditorError(f"{path}: not valid UTF-8 (byte 0x{error.object[error.start]:02x})") from None
    except OSError as error:
        raise AuditorError(f"{path}: cannot read ({error.strerror})") from None


def read(path: str, *, lang: str, source_lang: str | None) -> Iterator[Document]:
    """One document holding every line of the file."""
    yield segments_document(path, list(read_segments(path)), lang=lang, source_lang=source_lang)


def write_tsv(path: str, segments: Sequence[Segment], *, header: bool = True) -> None:
    """Write segments as TSV (with a reference column when any segment has one)."""
    with_reference = any(s.reference is not None for s in segments)
    rows = []
    if header:
        rows.append("\t".join(HEADER if with_reference else HEADER[:2]))
    for segment in segments:
        fields = [segment.source or "", segment.target]
        if with_reference:
            fields.append(segment.reference or "")
        if any("\t" in f or "\n" in f or "\r" in f for f in fields):
            raise ValueError(f"segment {segment.id}: TSV fields cannot hold tabs or line breaks")
        rows.append("\t".join(fields))
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("\n".join(rows) + "\n")
