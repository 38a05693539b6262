"""Read MT and its post-edit as aligned pairs, streamed, for ``auditor learn``.

Inputs:

- two files, MT and post-edit, each plain text with ``--lines`` (one segment per line), bilingual
  TSV, XLIFF or TMX (the target of each is used; segment ids must agree where the files have them);
- one TSV file ``source<TAB>mt<TAB>post-edit`` (the reader's ``reference`` column is the post-edit).

``--source`` adds a line-aligned source text. :class:`PairFiles` can be iterated more than once
(``learn`` reads its inputs three times) and never holds more than one pair in memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from auditor.errors import AuditorError
from auditor.readers import detect_format, tmx, tsv, xliff
from auditor.readers.segments import Segment
from auditor.reading import STDIN


@dataclass(frozen=True)
class Pair:
    """One MT segment and its post-edit (and source, when known); ``index`` counts from 0."""

    index: int
    mt: str
    pe: str
    source: str | None = None


def _text_lines(path: str) -> Iterator[str]:
    """The lines of a UTF-8 text file, read one at a time."""
    number = 0
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            for number, raw in enumerate(handle, start=1):
                if "\x00" in raw:
                    raise AuditorError(f"{path}:{number}: binary file (contains NUL bytes), expected UTF-8 text")
                yield raw.rstrip("\n").rstrip("\r")
    except UnicodeDecodeError as error:
        raise AuditorError(
            f"{path}:{number + 1}: not valid UTF-8 (byte 0x{error.object[error.start]:02x})"
        ) from None
    except OSError as error:
        raise AuditorError(f"{path}: cannot read ({error.strerror})") from None


def _segments(path: str, kind: str, lang: str) -> Iterator[Segment]:
    if kind == "tsv":
        return tsv.read_segments(path)
    if kind == "xliff":
        return xliff.read_segments(path)
    if kind == "tmx":
        return tmx.read_segments(path, lang=lang, source_lang=None)
    return (Segment(id=str(n), target=line) for n, line in enumerate(_text_lines(path), start=1))


def _check_file(path: str, role: str) -> None:
    if path == STDIN:
        raise AuditorError(f"<stdin>: {role} must be a file (learn reads its inputs more than once)")
    file = Path(path)
    if not file.exists():
        raise AuditorError(f"{path}: no such file or directory")
    if not file.is_file():
        raise AuditorError(f"{path}: not a regular file")


class PairFiles:
    """The aligned MT/post-edit pairs of the input files; iterate as often as needed."""

    def __init__(
        self,
        mt: str,
        pe: str | None,
        *,
        lines: bool = False,
        input_format: str | None = None,
        source: str | None = None,
        lang: str = "en-US",
    ) -> None:
        _check_file(mt, "MT")
        self.mt_kind = detect_format(mt, input_format)
        if self.mt_kind == "jsonl":
            raise AuditorError(f"{mt}: learn reads text, TSV, XLIFF or TMX, not JSONL")
        if pe is None:
            if self.mt_kind != "tsv":
                raise AuditorError(
                    f"{mt}: give MT and post-edit files, or one TSV file with source, MT and post-edit columns"
                )
            self.pe_kind = "tsv"
        else:
            _check_file(pe, "post-edit")
            self.pe_kind = detect_format(pe, input_format)
            if self.pe_kind == "jsonl":
                raise AuditorError(f"{pe}: learn reads text, TSV, XLIFF or TMX, not JSONL")
        for path, kind in ((mt, self.mt_kind), (pe, self.pe_kind)):
            if path is not None and kind == "text" and not lines:
                raise AuditorError(f"{path}: plain text is read one segment per line: pass --lines")
        if source is not None:
            _check_file(source, "--source")
        self.mt, self.pe, self.source, self.lang = mt, pe, source, lang

    def __iter__(self) -> Iterator[Pair]:
        mt_segments = _segments(self.mt, self.mt_kind, self.lang)
        sources = _text_lines(self.source) if self.source else None
        if self.pe is None:
            for index, segment in enumerate(mt_segments):
                if segment.reference is None:
                    raise AuditorError(f"{self.mt}:{segment.id}: needs a third (post-edit) column")
                source = self._next_source(sources, index)
                yield Pair(index, segment.target, segment.reference, source or segment.source)
            self._source_done(sources)
            return
        pe_segments = _segments(self.pe, self.pe_kind, self.lang)
        count = 0
        for mt_segment in mt_segments:
            pe_segment = next(pe_segments, None)
            if pe_segment is None:
                raise AuditorError(f"{self.pe}: ends after {count} segments, but {self.mt} has more")
            if "text" not in (self.mt_kind, self.pe_kind) and mt_segment.id != pe_segment.id:
                raise AuditorError(
                    f"{self.pe}: segment {count + 1} has id {pe_segment.id!r} but {self.mt} has {mt_segment.id!r}"
                )
            source = self._next_source(sources, count)
            yield Pair(count, mt_segment.target, pe_segment.target, source or mt_segment.source)
            count += 1
        if next(pe_segments, None) is not None:
            raise AuditorError(f"{self.pe}: has more segments than {self.mt} ({count})")
        self._source_done(sources)

    def _next_source(self, sources: Iterator[str] | None, index: int) -> str | None:
        if sources is None:
            return None
        line = next(sources, None)
        if line is None:
            raise AuditorError(f"{self.source}: ends after {index} lines, but the MT has more segments")
        return line

    def _source_done(self, sources: Iterator[str] | None) -> None:
        if sources is not None and next(sources, None) is not None:
            raise AuditorError(f"{self.source}: has more lines than the MT has segments")
