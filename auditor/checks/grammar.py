"""Grammar, spelling and style findings from a real LanguageTool server.

One request per document, or per bounded chunk of a long one (never per
sentence); chunks of a document go out concurrently; results are cached on disk.
If the server dies mid-run it is restarted once and the document retried; if
that fails the run stops with an :class:`AuditorError` (exit 2, no report).
"""

from __future__ import annotations

import bisect
import json
import os
import threading
import time
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from auditor import shutdown
from auditor.errors import AuditorError
from auditor.languagetool.cache import ResultCache, cache_key
from auditor.languagetool.client import LanguageToolClient, ServerGone, chunk_spans
from auditor.languagetool.mapping import Mapping, load_mapping
from auditor.languagetool.names import (
    NameFilter,
    document_copied_words,
    document_source_keys,
    particle_name,
    source_name,
)
from auditor.languagetool.server import stop_tracked
from auditor.languagetool.session import ServerSession
from auditor.limits import overlong
from auditor.models import Document, Finding
from auditor.report.json_report import finding_dict
from auditor.run.audit_cache import finding_from_json

SUPPORTED_LANGS = ("en-US", "en-GB", "en-AU", "en-CA", "en-NZ", "en-ZA")
#: Concurrent requests per run; the server runs ``maxCheckThreads`` checks at once.
REQUEST_WORKERS = 4
#: Longest wait (s) for a document's first request to leave before the other checks start.
FIRST_REQUEST_WAIT = 5.0
#: Set to a file path to get the run's LanguageTool timings as JSON (used by the benchmark).
STATS_ENV = "AUDITOR_LT_STATS"


#: LanguageTool rules that compare a sentence with its neighbours or with the whole text; with
#: ``--lines`` the neighbours are unrelated segments (a test set), so their matches are noise.
CROSS_SEGMENT_RULES = frozenset({"ENGLISH_WORD_REPEAT_BEGINNING_RULE", "EN_WORD_COHERENCY", "EN_WORD_COHERENCY_HYPHEN"})


def _skip_overlong(spans: Iterable[tuple[int, int]], document: Document) -> list[tuple[int, int]]:
    """``spans`` less the sentences over :data:`~auditor.limits.MAX_SENTENCE_CHARS` (checked by
    auditor's linear-time checks only; the limits check says so)."""
    long = [(s.start, s.end) for s in document.sentences if overlong(s.start, s.end)]
    if not long:
        return list(spans)
    pieces: list[tuple[int, int]] = []
    for start, end in spans:
        for skip_start, skip_end in long:
            if skip_end <= start or skip_start >= end:
                continue
            if skip_start > start:
                pieces.append((start, skip_start))
            start = max(start, skip_end)
        if start < end:
            pieces.append((start, end))
    return [(a, b) for a, b in pieces if document.text[a:b].strip()]


def _crosses_segments(match: dict[str, Any], text: str, offset: int) -> bool:
    """A match that needs other lines, or whose span runs over a line break, in ``--lines`` mode."""
    return match["rule"] in CROSS_SEGMENT_RULES or "\n" in text[offset : offset + match["length"]]


class GrammarCheck:
    """LanguageTool as a :class:`~auditor.checks.base.Check`."""

    name = "grammar"
    #: results are cached per text by LanguageTool version and configuration, not per document
    document_cache = False

    def __init__(
        self,
        lang: str = "en-US",
        url: str | None = None,
        use_cache: bool = True,
        mapping: Mapping | None = None,
        names: NameFilter | None = None,
    ) -> None:
        if lang not in SUPPORTED_LANGS:
            raise AuditorError(f"--lang {lang}: LanguageTool grammar supports {', '.join(SUPPORTED_LANGS)}")
        self.lang = lang
        self.mapping = mapping or load_mapping()
        self.names = names or NameFilter()
        self.started = time.perf_counter()
        # with the cache on, the run's own server starts on the first text the cache lacks
        self.session = ServerSession(url or os.environ.get("LANGUAGETOOL_URL") or None, lazy=use_cache)
        self.server_start = time.perf_counter() - self.started
        try:
            self.client = LanguageToolClient(
                self.session.url or "", lang, self.mapping.disabled_rules, self.mapping.disabled_categories
            )
            self.cache = ResultCache() if use_cache else None
        except BaseException:
            self.session.close()
            raise
        self._pool = ThreadPoolExecutor(max_workers=REQUEST_WORKERS, thread_name_prefix="languagetool")
        #: chunk requests in flight per document (``id(document)``), from ``prefetch``
        self._pending: dict[int, tuple[list[tuple[int, int]], list[Future[list[dict[str, Any]]]]]] = {}
        #: documents answered whole from the cache (final findings, name filter applied)
        self._done: dict[int, list[Finding]] = {}
        self._connect_lock = threading.Lock()

    # -- requests -----------------------------------------------------------------------------

    def _key(self, text: str) -> str:
        return cache_key(
            self.session.version,
            self.lang,
            self.mapping.disabled_rules,
            self.mapping.disabled_categories,
            text,
        )

    def _check_text(self, text: str, masks: tuple[tuple[int, int], ...] = ()) -> list[dict[str, Any]]:
        key = self._key(json.dumps([text, masks]) if masks else text) if self.cache else ""
        if self.cache:
            cached = self.cache.get(key)
            if cached is not None:
                return cached
        self._ensure_server()
        generation = self.session.generation
        try:
            matches = self.client.check(text, masks)
        except ServerGone as error:
            if not self.session.recover(generation):
                raise AuditorError(
                    f"LanguageTool server at {self.session.url} stopped answering: {error}"
                ) from None
            self._reconnect()
            try:
                matches = self.client.check(text, masks)
            except ServerGone as again:
                raise AuditorError(f"LanguageTool server failed again after a restart: {again}") from None
        if self.cache:
            self.cache.put(key, matches)
        return matches

    def _ensure_server(self) -> None:
        """Start the run's own server if this is the first text that needs one."""
        if self.session.url is None:
            started = time.perf_counter()
            self.session.ensure_started()
            with self._connect_lock:
                self.server_start += time.perf_counter() - started
        self._reconnect()

    def _check_chunk(
        self, text: str, start: int, end: int, counts: Counter[str], sending: threading.Event | None = None
    ) -> list[dict[str, Any]]:
        """Check ``text[start:end]`` with its certain, unknown names masked (in a pool thread, so the
        first request goes out before the last chunk's names are found); ``sending`` is set when
        this chunk's request is about to leave."""
        try:
            masks = tuple((a - start, b - start) for a, b in self.names.unknown_names(text, start, end, counts))
        finally:
            if sending is not None:
                sending.set()
        return self._check_text(text[start:end], masks)

    def _reconnect(self) -> None:
        with self._connect_lock:
            if self.client.url != self.session.url:
                try:
                    self.client.connect(self.session.url)
                except ServerGone as error:
                    raise AuditorError(f"LanguageTool server at {self.session.url} is unusable: {error}") from None

    # -- the Check protocol ------------------------------------------------------------------------

    def _document_key(self, document: Document) -> str:
        """Key of ``document``'s final findings: LanguageTool's configuration, auditor's code and rules
        (the name filter and the mapping live there), the line mode and the text."""
        from auditor.run.audit_cache import code_fingerprint

        sources = [document.source, document.source_segments]  # the name filter learns from them
        return self._key(
            json.dumps([code_fingerprint(), document.lines, document.text, sources], ensure_ascii=False)
        )

    def _cached_findings(self, document: Document) -> list[Finding] | None:
        if self.cache is None:
            return None
        stored = self.cache.get(self._document_key(document))
        return None if stored is None else [finding_from_json(item) for item in stored]

    def prefetch(self, document: Document) -> None:
        """Send ``document``'s chunks now, so LanguageTool works while the other checks run."""
        if id(document) in self._pending:
            return
        cached = self._cached_findings(document)
        if cached is not None:
            self._done[id(document)] = cached
            self._pending[id(document)] = ([], [])
            return
        text = document.text
        spans = _skip_overlong(chunk_spans(text, document.sentences), document)
        counts = self.names.capitalised_counts(text)
        first_sent = threading.Event()
        futures = [
            self._pool.submit(self._check_chunk, text, start, end, counts, first_sent if i == 0 else None)
            for i, (start, end) in enumerate(spans)
        ]
        # let the first request leave before the caller starts its own (CPU-bound) checks: on a
        # small machine they would otherwise hold the first chunk's name masking back
        first_sent.wait(timeout=FIRST_REQUEST_WAIT)
        self._pending[id(document)] = (spans, futures)

    def check(self, document: Document) -> list[Finding]:
        """Findings for ``document`` with exact offsets into its text."""
        text = document.text
        self.prefetch(document)
        spans, futures = self._pending.pop(id(document))
        done = self._done.pop(id(document), None)
        if done is not None:
            return done
        results = [future.result() for future in futures]
        counts = self.names.capitalised_counts(text)
        source_keys = document_source_keys(document)
        copied = document_copied_words(document)
        starts = [s.start for s in document.sentences]
        findings: list[Finding] = []
        for (start, _), matches in zip(spans, results, strict=True):
            for match in matches:
                offset = start + match["offset"]
                if document.lines and _crosses_segments(match, text, offset):
                    continue
                if match["category"] == "TYPOS" and self.names.is_name(
                    text[offset : offset + match["length"]],
                    match["replacements"],
                    counts,
                    self.names.starts_sentence(text, offset),
                ):
                    continue
                if (
                    match["category"] == "TYPOS"
                    and text[offset : offset + 1].isupper()
                    and self.names.beside_rare_name(text, offset, offset + match["length"])
                ):
                    continue  # part of a longer name: "Duan Mengqi"
                if match["category"] == "TYPOS" and particle_name(text[offset : offset + match["length"]]):
                    continue  # "al-Islami", "ut-Tahrir"
                if match["category"] == "TYPOS" and source_keys and starts:
                    index = max(0, bisect.bisect_right(starts, offset) - 1)
                    word = text[offset : offset + match["length"]]
                    if source_name(source_keys, index, word):
                        continue  # the source's own name, romanised
                    if copied and index < len(copied) and word.casefold() in copied[index]:
                        continue  # copied from a source in another script: a URL, handle or brand
                findings.append(self.mapping.finding(match, offset, text))
        if self.cache is not None:
            self.cache.put(self._document_key(document), [finding_dict(f) for f in findings])
        return findings

    def stats(self) -> dict[str, float | int]:
        """Timings of this run's LanguageTool use."""
        return {
            "wall": time.perf_counter() - self.started,
            "server_start": self.server_start,
            "languagetool_busy": self.client.clock.busy,
            "requests": self.client.clock.requests,
            "cache_hits": self.cache.hits if self.cache else 0,
            "cache_misses": self.cache.misses if self.cache else 0,
            "restarts": self.session.restarts,
        }

    def close(self) -> None:
        """Stop the run's server (if it started one) and release the cache."""
        if shutdown.interrupted():  # never wait for requests or a server still starting: exit now
            self._pool.shutdown(wait=False, cancel_futures=True)
            stop_tracked()
            return
        self._pool.shutdown(wait=True, cancel_futures=True)
        target = os.environ.get(STATS_ENV)
        if target:
            with open(target, "w", encoding="utf-8") as out:
                json.dump(self.stats(), out)
        if self.cache:
            self.cache.close()
        self.session.close()
