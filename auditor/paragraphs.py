"""Own-check results per paragraph, so a story updated in one paragraph is re-checked there only.

A wire story is re-sent many times a day with one paragraph changed. The checks whose findings
in a paragraph depend on that paragraph alone (:data:`PARAGRAPH_LOCAL`, each verified by
``tests/test_paragraphs.py`` to give the same findings paragraph by paragraph as on the whole
story) are run on each paragraph as a document of its own and their findings cached under the
paragraph's text; every other check — consistency of names and spellings across the story,
quotes that run over paragraphs, repetition between neighbouring sentences, source alignment —
still runs on the whole story every time. Stories with a source or in ``--lines`` mode are
audited whole.

LanguageTool still gets the whole story in one request: its server keeps a result cache per
sentence (``cacheSize``/``cacheTTLSeconds`` in :data:`auditor.languagetool.server.SERVER_CONFIG`),
so an update re-checks only changed sentences there, and its rules that look across paragraphs
(word coherency, repeated words, brackets) see the story. Sending paragraphs separately plus a
whole-story request for those rules was measured slower, first audit and update alike
(docs/serve.md).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from auditor.checks.base import Check
from auditor.languagetool.install import cache_dir
from auditor.models import Document, Finding, Sentence
from auditor.run.sqlite_store import SqliteStore, StoreBacked

#: Checks (by name) whose findings in a paragraph depend only on that paragraph's text.
#: Left out: punctuation (a paragraph's last sentence reads differently alone), quotes (a quote
#: may run over paragraphs), attribution, consistency and the source checks (whole story).
PARAGRAPH_LOCAL = frozenset(
    {
        "phrases",
        "readability",
        "repetition",
        "untranslated",
        "tokenised",
        "word-order",
        "word-swap",
        "pronoun-case",
        "missing-verb",
        "articles",
        "spelling",
        "real-words",
    }
)


def cache_path() -> Path:
    """The database of per-paragraph own-check results."""
    return cache_dir() / "audit" / "paragraphs.sqlite3"


def splittable(document: Document) -> bool:
    """True when ``document`` may be checked paragraph by paragraph."""
    return not document.lines and document.source is None and not document.source_segments


def paragraphs(document: Document) -> list[tuple[int, int, list[Sentence]]]:
    """``(start, end, sentences)`` of every paragraph, in order."""
    groups: dict[int, list[Sentence]] = {}
    for sentence in document.sentences:
        groups.setdefault(sentence.paragraph, []).append(sentence)
    return [(group[0].start, group[-1].end, group) for _, group in sorted(groups.items())]


def sub_document(document: Document, start: int, end: int, sentences: list[Sentence]) -> Document:
    """The paragraph ``document.text[start:end]`` as a document of its own (offsets from 0)."""
    shifted = [
        Sentence(index=number, start=s.start - start, end=s.end - start, paragraph=0)
        for number, s in enumerate(sentences)
    ]
    return Document(path=document.path, text=document.text[start:end], lang=document.lang, sentences=shifted)


def shifted(finding: Finding, offset: int) -> Finding:
    """``finding`` moved ``offset`` characters to the right."""
    return replace(finding, start=finding.start + offset, end=finding.end + offset)


def is_local(check: Check) -> bool:
    """True for a check that may run paragraph by paragraph."""
    return getattr(check, "name", "") in PARAGRAPH_LOCAL


class ParagraphCache(StoreBacked):
    """Findings of one check on one paragraph's text, under one run's settings and auditor's code."""

    def __init__(self, settings: Any, path: Path | None = None) -> None:
        from auditor.run.audit_cache import code_fingerprint

        self._store = SqliteStore(path or cache_path(), "paragraph_results")
        self._prefix = json.dumps([code_fingerprint(), settings], ensure_ascii=False, default=repr)

    def _key(self, check: str, lang: str, text: str) -> str:
        material = self._prefix + json.dumps([check, lang, text], ensure_ascii=False)
        return hashlib.sha256(material.encode("utf-8")).hexdigest()

    def get(self, check: str, lang: str, text: str) -> list[Finding] | None:
        """The cached findings (offsets within the paragraph), or None."""
        from auditor.run.audit_cache import finding_from_json

        value = self._store.get(self._key(check, lang, text))
        if value is None:
            return None
        return [finding_from_json(item) for item in json.loads(value)]

    def put(self, check: str, lang: str, text: str, findings: list[Finding]) -> None:
        """Store the findings of ``check`` on the paragraph ``text``."""
        from auditor.report.json_report import finding_dict

        data = json.dumps([finding_dict(f) for f in findings], ensure_ascii=False)
        self._store.put(self._key(check, lang, text), data)


def local_findings(
    document: Document, checks: Sequence[Check], cache: ParagraphCache | None
) -> dict[int, list[Finding]]:
    """Findings of each paragraph-local check (by position in ``checks``), paragraph by paragraph,
    from ``cache`` where it has them; each list in text order of the paragraphs."""
    per_check: dict[int, list[Finding]] = {position: [] for position in range(len(checks))}
    for start, end, sentences in paragraphs(document):
        paragraph: Document | None = None
        text = document.text[start:end]
        for position, check in enumerate(checks):
            found = cache.get(check.name, document.lang, text) if cache is not None else None
            if found is None:
                if paragraph is None:
                    paragraph = sub_document(document, start, end, sentences)
                found = list(check.check(paragraph))
                if cache is not None:
                    cache.put(check.name, document.lang, text, found)
            per_check[position].extend(shifted(f, start) for f in found)
    return per_check


def split_findings(document: Document, checks: Sequence[Check], cache: ParagraphCache | None) -> Iterator[Finding]:
    """Every check's findings in check order: local checks paragraph by paragraph, the rest on the story."""
    local = [check for check in checks if is_local(check)]
    found = local_findings(document, local, cache)
    position = 0
    for check in checks:
        if is_local(check):
            yield from found[position]
            position += 1
        else:
            yield from check.check(document)
