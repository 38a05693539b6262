"""A QE bundle's forests compiled once and kept beside the word indexes, so a cold run skips parsing.

Reading the shipped bundle costs a cold ``auditor check`` about a quarter of a second: gunzip and
JSON of 7 MB (4 MB of it the word models only ``--min-severity hint`` uses), then six LightGBM model
texts parsed into :class:`~auditor.qe.trees.Forest` arrays. The compiled form is one ``marshal``
file: the bundle's metadata and each mode's settings as plain data, each forest as its arrays' raw
bytes (read back as read-only NumPy views, no copy). It is named by the SHA-256 of the bundle's
bytes and of the code that reads it (this module, ``trees.py``, ``model.py``), so a retrained bundle or a changed
reader never meets a stale file; a missing, unreadable or foreign file is rebuilt from the bundle.
The word models (``wordlex``) stay in the bundle and are read only by a run that shows hints.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
from dataclasses import fields
from pathlib import Path
from typing import Any

import numpy as np

from auditor.qe.trees import Forest

#: ``AUDITOR_QE_CACHE=off`` reads the bundle every time (tests of the reader itself).
CACHE_ENV = "AUDITOR_QE_CACHE"
#: Bumped when the layout below changes.
FORMAT = 1
FORESTS = ("hter", "da", "word")
_READERS = (Path(__file__), Path(__file__).with_name("trees.py"), Path(__file__).with_name("model.py"))


def compiled_path(bundle: Path) -> Path | None:
    """Where ``bundle``'s compiled form lives, or None when the cache is off or the bundle unreadable."""
    if os.environ.get(CACHE_ENV) == "off":
        return None
    from auditor.word_index import index_dir

    digest = hashlib.sha256(f"qe-compiled-{FORMAT}\0".encode())
    try:
        digest.update(bundle.read_bytes())
        for reader in _READERS:
            digest.update(reader.read_bytes())
    except OSError:
        return None
    return index_dir() / "qe" / f"{digest.hexdigest()}.marshal"


def _forest_data(forest: Forest) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for spec in fields(forest):
        value = getattr(forest, spec.name)
        if isinstance(value, np.ndarray):
            data[spec.name] = ("array", value.dtype.str, value.shape, value.tobytes())
        elif isinstance(value, tuple):
            data[spec.name] = ("tuple", list(value))
        else:
            data[spec.name] = ("plain", value)
    return data


def _forest(data: dict[str, Any]) -> Forest:
    values: dict[str, Any] = {}
    for name, (kind, *rest) in data.items():
        if kind == "array":
            dtype, shape, raw = rest
            values[name] = np.frombuffer(raw, dtype=np.dtype(dtype)).reshape(shape)
        elif kind == "tuple":
            values[name] = tuple(rest[0])
        else:
            values[name] = rest[0]
    return Forest(**values)


def dump(loaded: dict[str, Any]) -> bytes:
    """The compiled form of a loaded bundle (``{"meta", "modes"}`` with parsed forests)."""
    modes = {}
    for mode, spec in loaded["modes"].items():
        plain = {k: v for k, v in spec.items() if k not in (*FORESTS, "explain", "wordlex", "wordlex_loaded")}
        plain["forests"] = {name: _forest_data(spec[name]) for name in FORESTS}
        plain["has_wordlex"] = "wordlex" in spec
        modes[mode] = plain
    return marshal.dumps({"format": FORMAT, "meta": loaded["meta"], "modes": modes})


def load(raw: bytes) -> dict[str, Any]:
    """A loaded bundle from its compiled form; ``wordlex`` is left for the caller to read lazily."""
    data = marshal.loads(raw)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("not a compiled QE bundle of this version")
    modes = {}
    for mode, plain in data["modes"].items():
        spec = {k: v for k, v in plain.items() if k not in ("forests", "has_wordlex")}
        spec.update({name: _forest(plain["forests"][name]) for name in FORESTS})
        spec["has_wordlex"] = plain["has_wordlex"]
        modes[mode] = spec
    return {"meta": data["meta"], "modes": modes}


def read(bundle: Path) -> dict[str, Any] | None:
    """The compiled form of ``bundle`` if one is kept and readable, else None."""
    path = compiled_path(bundle)
    if path is None or not path.is_file():
        return None
    with contextlib.suppress(OSError, EOFError, ValueError, TypeError, KeyError):
        return load(path.read_bytes())
    return None


def keep(bundle: Path, loaded: dict[str, Any]) -> None:
    """Keep ``loaded`` (parsed from ``bundle``) for the next process; a failure to write is ignored."""
    path = compiled_path(bundle)
    if path is None:
        return
    from auditor.word_index import write_whole

    with contextlib.suppress(OSError, ValueError):
        write_whole(path, dump(loaded))
