"""Turn the paths a user names into documents, one at a time.

Inputs are files, directories (searched recursively for ``*.txt`` and ``*.md``)
or ``-`` for standard input. Every problem is an :class:`AuditorError` naming
the file, raised before any report is written.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from auditor import output_guard
from auditor.errors import AuditorError
from auditor.models import Document

TEXT_SUFFIXES = (".txt", ".md")
STDIN = "-"


def _decode(data: bytes, name: str) -> str:
    if b"\x00" in data:
        raise AuditorError(f"{name}: binary file (contains NUL bytes), expected UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise AuditorError(
            f"{name}: not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start})"
        ) from None
    return text.removeprefix("\ufeff")


def read_text(path: str) -> str:
    """Read one file (or stdin for ``-``) as UTF-8 text, with a clear error if it is not."""
    if path == STDIN:
        return _decode(sys.stdin.buffer.read(), "<stdin>")
    file = Path(path)
    output_guard.protect(path, "input")
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        raise AuditorError(f"{path}: no such file or directory") from None
    except IsADirectoryError:
        raise AuditorError(f"{path}: is a directory") from None
    except PermissionError:
        raise AuditorError(f"{path}: permission denied") from None
    except OSError as error:
        raise AuditorError(f"{path}: cannot read ({error.strerror})") from None
    return _decode(data, path)


def expand_paths(paths: list[str]) -> list[str]:
    """Resolve user arguments to the list of files to audit, in a stable order.

    Checked up front so that a bad argument stops the run before anything is written.
    """
    if not paths:
        raise AuditorError("no input: give one or more files, directories or - for stdin")
    files: list[str] = []
    for path in paths:
        if path == STDIN:
            files.append(STDIN)
            continue
        candidate = Path(path)
        if candidate.is_dir():
            found = sorted(
                str(p) for p in candidate.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES
            )
            if not found:
                raise AuditorError(f"{path}: directory contains no .txt or .md files")
            for file in found:
                output_guard.protect(file, "input")
            files.extend(found)
        elif candidate.is_file():
            files.append(path)
            output_guard.protect(path, "input")
        elif candidate.exists():
            raise AuditorError(f"{path}: not a regular file")
        else:
            raise AuditorError(f"{path}: no such file or directory")
    return files


def display_name(path: str) -> str:
    """How a document is named in reports."""
    return "<stdin>" if path == STDIN else path


def read_documents(
    paths: list[str], *, lang: str = "en-US", lines: bool = False
) -> Iterator[Document]:
    """Yield one document per input file, reading each only when it is needed."""
    for path in expand_paths(paths):
        yield Document(path=display_name(path), text=read_text(path), lang=lang, lines=lines)
