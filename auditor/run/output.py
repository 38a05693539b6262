"""Write report files all-or-nothing: nothing half-written, nothing of the user's overwritten by accident."""

from __future__ import annotations

import contextlib
import glob
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import TextIO

from auditor import shutdown
from auditor.errors import AuditorError
from auditor.output_guard import writable


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

    def __init__(self, *, may_replace_inputs: bool = False) -> None:
        self._pending: list[tuple[Path, Path]] = []
        self._may_replace_inputs = may_replace_inputs  # auditor fix --in-place
        self._registered = False

    def open(self, target: Path) -> TextIO:
        """A text handle whose content will become ``target`` on commit (close it before).

        Refused when the run read ``target`` (:mod:`auditor.output_guard`); a symlink is written
        through, so the link stays. An unwritable place is one clear error.
        """
        real = writable(target, may_replace_input=self._may_replace_inputs)
        if not self._registered:  # a signal mid-run removes what is staged (auditor.shutdown)
            shutdown.on_exit(self.discard)
            self._registered = True
        try:
            real.parent.mkdir(parents=True, exist_ok=True)
            _remove_stale(real)
            handle, temp = tempfile.mkstemp(prefix=f".{real.name}.{os.getpid()}.", suffix=".tmp", dir=real.parent)
        except OSError as error:
            blocked = next((p for p in (real.parent, *real.parent.parents) if p.exists()), None)
            reason = f"{blocked} is not a directory" if blocked and not blocked.is_dir() else error.strerror or error
            raise AuditorError(f"{target}: cannot write ({reason})") from None
        os.chmod(temp, _FILE_MODE)  # mkstemp makes 0600 files; reports are ordinary files
        self._pending.append((Path(temp), real))
        return os.fdopen(handle, "w", encoding="utf-8")

    def write(self, target: Path, content: str) -> Path:
        """Stage ``content`` for ``target``; returns the target path."""
        with self.open(target) as out:
            out.write(content)
        return target

    def commit(self) -> list[Path]:
        """Move every staged file into place."""
        done = []
        try:
            for temp, target in self._pending:
                os.replace(temp, target)
                done.append(target)
        except OSError as error:
            self.discard()
            raise AuditorError(f"{error.filename or target}: cannot write ({error.strerror or error})") from None
        self._pending.clear()
        self._unregister()
        return done

    def discard(self) -> None:
        """Remove staged files."""
        for temp, _ in self._pending:
            temp.unlink(missing_ok=True)
        self._pending.clear()
        self._unregister()

    def _unregister(self) -> None:
        if self._registered:
            shutdown.forget(self.discard)
            self._registered = False

    def __enter__(self) -> OutputSet:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()


def _remove_stale(target: Path) -> None:
    """Remove files staged for ``target`` by a run that no longer exists (killed with ``kill -9``).

    Staged names carry the writer's process id, so a live run's files are never touched.
    """
    for stale in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        pid = stale.name[len(target.name) + 2 :].split(".", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            with contextlib.suppress(OSError):
                stale.unlink()
        except OSError:
            continue  # alive, owned by someone else


@contextlib.contextmanager
def staged_stdout() -> Iterator[TextIO]:
    """A handle for a structured report on standard output, copied out only when it is complete.

    A run that fails midway printed ``{"schema"...,"documents": [`` and exit 2; now it prints
    nothing. The report is staged in an anonymous temporary file (no name on disk, nothing to
    leave behind), so memory stays flat on long feeds.
    """
    with tempfile.TemporaryFile("w+", encoding="utf-8") as buffer:
        yield buffer
        buffer.seek(0)
        shutil.copyfileobj(buffer, sys.stdout)
    sys.stdout.flush()


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
