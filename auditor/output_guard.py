"""One guard between what a run reads and what it writes: no report overwrites a file the run read.

Every reader registers the file it reads (:func:`protect`: inputs, source, reference, baseline,
config); every writer asks :func:`writable` before it stages a file. Paths are compared after
resolving symlinks, and by device and inode, so ``-o link-to-input`` and a hard link are caught
too. :func:`writable` also answers where to write: through a symlink to the file it points at, so
that the link itself survives (a report written to ``-o latest.json -> runs/42.json`` updates
``runs/42.json``).

The registry is per process and is emptied at the start of every command (:func:`reset`).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from auditor.errors import AuditorError

_LOCK = threading.Lock()
_READ: dict[str, str] = {}  # resolved path -> what the run read it as
_INODES: dict[tuple[int, int], str] = {}  # (device, inode) -> resolved path


def reset() -> None:
    """Forget every registered file (a new command starts)."""
    with _LOCK:
        _READ.clear()
        _INODES.clear()


def protect(path: str | os.PathLike[str], role: str = "input") -> None:
    """Register ``path`` as read by this run (as ``role``: input, source, reference, baseline, config)."""
    if str(path) == "-":
        return
    real = os.path.realpath(path)
    with _LOCK:
        _READ.setdefault(real, role)
        try:
            stat = os.stat(real)
        except OSError:
            return
        _INODES.setdefault((stat.st_dev, stat.st_ino), real)


def protected(path: str | os.PathLike[str]) -> str | None:
    """The role under which this run read ``path`` (following symlinks), or None."""
    real = os.path.realpath(path)
    with _LOCK:
        role = _READ.get(real)
        if role is not None:
            return role
        try:
            stat = os.stat(real)
        except OSError:
            return None
        same = _INODES.get((stat.st_dev, stat.st_ino))
        return _READ.get(same) if same is not None else None


def writable(target: Path, *, may_replace_input: bool = False) -> Path:
    """The path to write for ``target``: refused if the run read it; through a symlink to its file.

    ``may_replace_input`` is for ``auditor fix --in-place``, whose job is to replace its input.
    """
    role = protected(target)
    if role is not None and not may_replace_input:
        raise AuditorError(f"{target}: is the run's {role} file; refusing to overwrite it (choose another output)")
    if target.is_symlink():
        return Path(os.path.realpath(target))
    return target


def check_directory(directory: Path, suffixes: tuple[str, ...] = (".html",)) -> None:
    """Refuse an output directory that holds a file the run read with one of ``suffixes``.

    An HTML report directory receives ``NAME.html`` pages and ``index.html``; an input page there
    would be overwritten. Checked before the run does any work.
    """
    real = os.path.realpath(directory)
    with _LOCK:
        clashes = sorted(p for p in _READ if os.path.dirname(p) == real and p.endswith(suffixes))
    if clashes:
        name = os.path.join(str(directory), os.path.basename(clashes[0]))
        raise AuditorError(
            f"{name}: the run reads it and the report directory {directory} would receive pages over it; "
            "choose another output directory"
        )
