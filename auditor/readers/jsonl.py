"""JSON Lines feeds: one story per line, read lazily so a feed of any size runs in constant memory.

Each non-blank line is an object with ``text`` (required) and optionally
``id``, ``lang``, ``source``, ``reference`` and ``source_lang``. A story is
named ``FEED#ID`` (``FEED#LINE`` without an id) in reports and baselines.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from auditor.errors import AuditorError
from auditor.models import Document

SUFFIXES = (".jsonl", ".ndjson")
_OPTIONAL_STRINGS = ("lang", "source", "reference", "source_lang")


def is_jsonl(path: str) -> bool:
    """Whether ``path`` names a JSON Lines feed."""
    return path.lower().endswith(SUFFIXES)


def read_jsonl(path: str, *, lang: str = "en-US", lines: bool = False) -> Iterator[Document]:
    """Yield one document per record of the feed at ``path``."""
    number = 0
    try:
        with Path(path).open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    yield _document(path, number, line, lang, lines)
    except UnicodeDecodeError:
        raise AuditorError(f"{path}:{number + 1}: not valid UTF-8") from None
    except OSError as error:
        raise AuditorError(f"{path}: cannot read ({error.strerror})") from None


def _document(path: str, number: int, line: str, lang: str, lines: bool) -> Document:
    where = f"{path}:{number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise AuditorError(f"{where}: invalid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(record, dict):
        raise AuditorError(f"{where}: expected a JSON object per line")
    text = record.get("text")
    if not isinstance(text, str):
        raise AuditorError(f"{where}: record has no \"text\" string")
    for key in _OPTIONAL_STRINGS:
        if record.get(key) is not None and not isinstance(record[key], str):
            raise AuditorError(f"{where}: \"{key}\" must be a string")
    ident = record.get("id")
    if ident is not None and (isinstance(ident, bool) or not isinstance(ident, str | int)):
        raise AuditorError(f"{where}: \"id\" must be a string or an integer")
    return Document(
        path=f"{path}#{ident if ident is not None else number}",
        text=text,
        lang=record.get("lang") or lang,
        lines=lines,
        source=record.get("source"),
        reference=record.get("reference"),
        source_lang=record.get("source_lang"),
    )
