"""Write report files all-or-nothing: nothing half-written, nothing of the user's overwritten by accident."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from types import TracebackType
from typing import TextIO


def _default_mode() -> int:
    """Permissions an ordinary new file gets here (0o666 less the umask)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


_FILE_MODE = _default_mode()


class OutputSet:
    """Collects files written to temporary names and moves them into place only on success.

    Used as a context manager: if the run fails, every temporary file is removed
    and the output directory is left exactly as it was.
    """

    def __init__(self) -> None:
        self._pending: list[tuple[Path, Path]] = []

    def open(self, target: Path) -> TextIO:
        """A text handle whose content will become ``target`` on commit (close it before)."""
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.chmod(temp, _FILE_MODE)  # mkstemp makes 0600 files; reports are ordinary files
        self._pending.append((Path(temp), target))
        return os.fdopen(handle, "w", encoding="utf-8")

    def write(self, target: Path, content: str) -> Path:
        """Stage ``content`` for ``target``; returns the target path."""
        with self.open(target) as out:
            out.write(content)
        return target

    def commit(self) -> list[Path]:
        """Move every staged file into place."""
        done = []
        for temp, target in self._pending:
            os.replace(temp, target)
            done.append(target)
        self._pending.clear()
        return done

    def discard(self) -> None:
        """Remove staged files."""
        for temp, _ in self._pending:
            temp.unlink(missing_ok=True)
        self._pending.clear()

    def __enter__(self) -> OutputSet:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()


def report_name(document_path: str, suffix: str, taken: set[str]) -> str:
    """A file name for a document's report, unique within one run."""
    stem = Path(document_path).stem if document_path != "<stdin>" else "stdin"
    base = re.sub(r"[^\w.-]+", "_", stem).strip("._") or "document"
    name = f"{base}{suffix}"
    number = 2
    while name in taken:
        name = f"{base}-{number}{suffix}"
        number += 1
    taken.add(name)
    return name
