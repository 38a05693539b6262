"""pyphen's hyphenation patterns, parsed once per dictionary and kept, for textstat's syllable count.

textstat counts the syllables of a word the CMU dictionary lacks with pyphen, whose ``Pyphen`` parses
its whole ``hyph_en_US.dic`` (about 14,000 patterns, ~0.15 s) on first use in every process.
:func:`preload` puts the parsed patterns into pyphen's own cache (``pyphen.hdcache``) from a kept copy
(``marshal`` beside the word indexes, named by pyphen's version and the dictionary's SHA-256), so a cold
run reads them instead of parsing. A dictionary whose patterns ``marshal`` cannot keep (pyphen's
alternative-hyphenation objects; English has none) is parsed as before.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
from importlib import metadata
from pathlib import Path
from typing import Any

from auditor.word_index import index_dir, keep, read_kept

_LOCK = threading.Lock()


def _kept_path(dictionary: Path, text: bytes) -> Path:
    digest = hashlib.sha256(f"{metadata.version('pyphen')}\0{dictionary.name}\0".encode() + text).hexdigest()
    return index_dir() / "pyphen" / f"{digest}.marshal"


def _from_patterns(hyph_dict: type, patterns: dict[str, Any]) -> Any:
    """A ``pyphen.HyphDict`` holding ``patterns`` (what its constructor builds from the file)."""
    made = hyph_dict.__new__(hyph_dict)
    made.patterns = patterns
    made.cache = {}
    made.maxlen = max(len(key) for key in patterns)
    return made


def preload(lang: str) -> None:
    """Put the parsed patterns of pyphen's dictionary for ``lang`` into pyphen's cache (kept after the first parse)."""
    import pyphen

    with _LOCK:
        try:
            dictionary = pyphen.LANGUAGES[pyphen.language_fallback(lang)]
        except KeyError:
            return  # no dictionary for this language: pyphen will say so itself
        if dictionary in pyphen.hdcache:
            return
        with contextlib.suppress(OSError):
            kept = _kept_path(dictionary, Path(dictionary).read_bytes())
            patterns = read_kept(kept)
            if patterns:
                with contextlib.suppress(ValueError, TypeError, AttributeError):
                    pyphen.hdcache[dictionary] = _from_patterns(pyphen.HyphDict, patterns)
                    return
            parsed = pyphen.HyphDict(dictionary)
            pyphen.hdcache[dictionary] = parsed
            keep(kept, parsed.patterns)
