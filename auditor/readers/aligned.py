"""Plain-text targets with ``--source``/``--reference`` files beside them.

With ``--lines`` the files are aligned line by line (their line counts must agree); otherwise
they are aligned as whole documents and the checks align sentences where they can.
"""

from __future__ import annotations

from auditor.errors import AuditorError
from auditor.models import Document
from auditor.reading import read_text
from auditor.segment import segment_lines


def _lines(text: str) -> list[str]:
    return [text[s.start : s.end] for s in segment_lines(text)]


def attach(
    document: Document, *, source_path: str | None, reference_path: str | None, target_path: str
) -> Document:
    """Give ``document`` the source and reference read from their files."""
    target_lines = len(segment_lines(document.text)) if document.lines else 0
    for role, path in (("source", source_path), ("reference", reference_path)):
        if path is None:
            continue
        text = read_text(path)
        if document.lines:
            lines = _lines(text)
            if len(lines) != target_lines:
                raise AuditorError(
                    f"{path} has {len(lines)} lines but {target_path} has {target_lines}: "
                    f"--{role} must be line-aligned with the target when --lines is given"
                )
            if role == "source":
                document.source_segments = lines
            else:
                document.reference_segments = lines
        if role == "source":
            document.source = text
        else:
            document.reference = text
    return document
