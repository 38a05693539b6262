"""What every source-aware check shares: pairing target spans with their source, source languages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from auditor.bilingual.align import sentence_sources
from auditor.meaning.langid import guess
from auditor.models import Document, Finding

_HAN = re.compile(r"[\u4e00-\u9fff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_DEVANAGARI = re.compile(r"[\u0900-\u097f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@dataclass(frozen=True)
class Pair:
    """A target span (offsets into ``Document.text``) and the source text it translates."""

    start: int
    end: int
    source: str
    #: True when the span is one aligned segment, False for a whole-document comparison.
    segment: bool


def primary(lang: str | None) -> str | None:
    """``de`` for ``de-DE``/``de_AT``; ``None`` stays ``None``."""
    return lang.replace("_", "-").split("-")[0].lower() if lang else None


def guess_language(text: str) -> str | None:
    """A source language guessed from its script, where the script decides it."""
    if _KANA.search(text):
        return "ja"
    if _HAN.search(text):
        return "zh"
    if _DEVANAGARI.search(text):
        return "hi"
    if _CYRILLIC.search(text):
        return "ru"
    return None


def source_language(document: Document, configured: str | None) -> str | None:
    """The source language: ``--source-lang``, the file's header, or a guess from the script."""
    return primary(configured or document.source_lang) or guess_language(document.source or "")


def pairs(document: Document) -> Iterator[Pair]:
    """Aligned (target span, source) pairs; one whole-document pair when sentences do not align."""
    if document.source is None or not document.sentences:
        if document.source is not None and not document.sentences:
            yield Pair(0, len(document.text), document.source, segment=False)
        return
    sources = sentence_sources(document)
    if all(s is not None for s in sources):
        for sentence, source in zip(document.sentences, sources, strict=True):
            yield Pair(sentence.start, sentence.end, source or "", segment=True)
        return
    first, last = document.sentences[0], document.sentences[-1]
    yield Pair(first.start, last.end, document.source, segment=False)


def quote(text: str, limit: int = 80) -> str:
    """Source evidence for a message, shortened to ``limit`` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@lru_cache(maxsize=100_000)
def zipf(word: str, lang: str) -> float:
    """wordfreq Zipf frequency; -1 where wordfreq has no usable list (unknown language, or Chinese/
    Japanese/Korean, which need tokenizers that are not installed)."""
    from auditor.word_index import zipf_frequency  # wordfreq's, from the on-disk index where it can

    try:
        return zipf_frequency(word, lang)
    except (LookupError, ImportError):
        return -1.0


class SourcePairCheck:
    """Base of the source-aware checks: ``check_pair`` runs on every aligned (target, source) pair.

    Documents without a source are skipped; ``lang`` is the source language
    (``--source-lang``, the file's header, or a guess from the script).
    """

    name = "source"

    def __init__(self, source_lang: str | None = None) -> None:
        self.source_lang = source_lang

    def check(self, document: Document) -> Iterator[Finding]:
        """Findings for every aligned pair of the document."""
        if document.source is None:
            return
        lang = source_language(document, self.source_lang)
        named = self.source_lang or document.source_lang
        for pair in pairs(document):
            # unnamed sources may mix languages (a test set): each aligned segment's own language
            own = guess(pair.source) if pair.segment and not named else None
            yield from self.check_pair(document, pair, own or lang)

    def check_pair(self, document: Document, pair: Pair, lang: str | None) -> Iterator[Finding]:
        """Findings for one pair; each check implements this."""
        raise NotImplementedError
