"""YAML files read with a safe loader and kept parsed, for every rule and word-table file.

A module of its own, importing only PyYAML: the finding policy's calibration is read before the
first document's LanguageTool request leaves, and the rule engine (inflection tables, NumPy) is
not needed for it.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import yaml

#: libyaml's safe loader when PyYAML was built with it (10x faster); the pure-Python safe loader otherwise.
_FAST_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> Any:
    """``text`` parsed with a safe loader (never one that builds arbitrary objects).

    Errors are raised by the pure-Python loader, so messages and positions are the same
    whether or not libyaml is installed. A parsed text is kept (:func:`_parsed_file`: the same
    plain data, keyed by the text), so a cold run reads the shipped rules without parsing them.
    """
    from auditor.word_index import keep, read_kept

    kept = _parsed_file(text)
    if kept is not None:
        data = read_kept(kept)
        if data is not None:
            return data
    try:
        data = yaml.load(text, Loader=_FAST_SAFE_LOADER)  # a safe loader: plain data only
    except yaml.YAMLError as fast_error:
        if _FAST_SAFE_LOADER is yaml.SafeLoader:
            raise
        yaml.safe_load(text)  # raises the same problem with pure-Python wording
        raise fast_error from None
    if kept is not None:
        keep(kept, data)
    return data


def _parsed_file(text: str) -> Path | None:
    """Where the parsed form of ``text`` is kept: beside the word indexes, named by the text's
    SHA-256 and the PyYAML version; None when ``AUDITOR_YAML_CACHE=off``."""
    if os.environ.get("AUDITOR_YAML_CACHE") == "off":
        return None
    from auditor.word_index import index_dir

    digest = hashlib.sha256(f"{yaml.__version__}\0{_FAST_SAFE_LOADER.__name__}\0{text}".encode()).hexdigest()
    return index_dir() / "yaml" / f"{digest}.marshal"
