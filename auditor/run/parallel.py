"""Audit on several CPU cores: documents go to worker processes in chunks, results come back in order.

Each worker builds its checks once (from picklable :class:`CheckOptions`) and
applies the finding policy itself, so the parent only reads input and writes
reports. At most ``2 × jobs`` chunks are in flight, so a feed of any length
is audited in constant memory. The thread-based ``pipeline.audit_stream``
remains the way to overlap I/O-bound checks (LanguageTool) inside one process.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from auditor import shutdown
from auditor.checks import CheckOptions, CheckSet
from auditor.models import Document
from auditor.report.model import DocumentResult
from auditor.run.audit_cache import AuditCache
from auditor.run.pipeline import audit_document
from auditor.score.finding_policy import FindingPolicy, apply_policy
from auditor.score.scoring import ScoringModel

DEFAULT_CHUNK = 16

_worker: tuple[CheckSet, ScoringModel, FindingPolicy, AuditCache | None] | None = None


def _start_worker(options: CheckOptions, scoring: ScoringModel, policy: FindingPolicy) -> None:
    global _worker
    shutdown.worker_signals()
    cache = AuditCache(options.own_settings()) if options.cache else None
    _worker = (CheckSet.from_options(options), scoring, policy, cache)


def _audit_chunk(documents: list[Document]) -> list[DocumentResult]:
    assert _worker is not None, "worker not initialised"
    checks, scoring, policy, cache = _worker
    return [apply_policy(audit_document(d, checks, scoring, cache), policy, scoring) for d in documents]


def _chunks(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _context() -> multiprocessing.context.BaseContext:
    # fork starts workers in milliseconds with the parent's modules already loaded; the parent
    # holds no threads at this point. Elsewhere (macOS, Windows) spawn is the safe default.
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def audit_parallel(
    documents: Iterable[Document],
    options: CheckOptions,
    scoring: ScoringModel,
    policy: FindingPolicy,
    *,
    jobs: int,
    chunk_size: int = DEFAULT_CHUNK,
) -> Iterator[DocumentResult]:
    """Audit ``documents`` in ``jobs`` worker processes, yielding results in input order."""
    pending: deque[Future[list[DocumentResult]]] = deque()
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=_context(),
        initializer=_start_worker,
        initargs=(options, scoring, policy),
    )

    def stop() -> None:
        """Cancel what is queued and end the workers now (an interrupted or failed run)."""
        for future in pending:
            future.cancel()
        for process in list(getattr(pool, "_processes", {}).values()):
            with contextlib.suppress(Exception):
                process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)

    shutdown.on_exit(stop)
    finished = False
    try:
        for chunk in _chunks(documents, chunk_size):
            pending.append(pool.submit(_audit_chunk, chunk))
            if len(pending) >= 2 * jobs:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
        finished = True
    finally:
        shutdown.forget(stop)
        if finished:
            pool.shutdown(wait=True)
        else:  # waiting for busy workers here is what hung an interrupted run
            stop()
