"""Resource limits by design: no input can make a run exhaust memory or time.

Every limit degrades gracefully and says so:

* a word longer than :data:`MAX_WORD_LETTERS` gets no edit candidates (a word of n letters has
  ~54n one-edit variants of length n: an 8,000-letter word took 4 GB);
* a run of non-space characters longer than :data:`MAX_TOKEN_CHARS` (a base64 blob, a pasted
  hash) is one ``unreadable-token`` finding and no check looks inside it;
* a sentence longer than :data:`MAX_SENTENCE_CHARS` is checked by the linear-time checks only
  (LanguageTool and the pattern checks skip it) and gets one ``sentence-over-limit`` note;
* a document longer than :data:`MAX_DOCUMENT_CHARS` is refused in one line (exit 2);
* ``--jobs`` is capped by the CPU cores and the memory available (:func:`cap_jobs`).

Together these cap a run's memory: the checks' shared data (~0.8 GB per process, measured in
docs/reliability.md) plus a bounded number of documents in flight, each at most
:data:`MAX_DOCUMENT_CHARS` characters.
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass

from auditor.errors import AuditorError
from auditor.models import Document, Finding

#: Longer words get no one-edit candidates (the longest English dictionary words have ~45 letters).
MAX_WORD_LETTERS = 64
#: A run of non-space characters longer than this is an unreadable token (URLs are far shorter).
MAX_TOKEN_CHARS = 200
#: Longer sentences are checked by linear-time checks only.
MAX_SENTENCE_CHARS = 10_000
#: Longer documents are refused (about 300,000 words, some 500 news stories).
MAX_DOCUMENT_CHARS = 2_000_000
#: Measured peak memory of one worker process (docs/reliability.md), used to cap ``--jobs``.
WORKER_MEMORY_MB = 850

_UNREADABLE = re.compile(rf"\S{{{MAX_TOKEN_CHARS + 1},}}")

def unreadable_tokens(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every overlong run of non-space characters in ``text[start:end]``."""
    for match in _UNREADABLE.finditer(text, start, len(text) if end is None else end):
        yield match.start(), match.end()


def overlong(start: int, end: int) -> bool:
    """Whether a sentence ``[start, end)`` is over :data:`MAX_SENTENCE_CHARS`."""
    return end - start > MAX_SENTENCE_CHARS


def drop_inside_unreadable(findings: list[Finding]) -> list[Finding]:
    """``findings`` less those lying inside an unreadable token (its own finding stays)."""
    spans = [(f.start, f.end) for f in findings if f.rule == "unreadable-token"]
    if not spans:
        return findings
    spans.sort()
    starts = [s for s, _ in spans]

    def inside(finding: Finding) -> bool:
        index = bisect.bisect_right(starts, finding.start) - 1
        return index >= 0 and finding.end <= spans[index][1] and finding.rule != "unreadable-token"

    return [f for f in findings if not inside(f)]


def check_document_size(document: Document) -> Document:
    """``document``, or one clear error when it is over :data:`MAX_DOCUMENT_CHARS`."""
    if len(document.text) > MAX_DOCUMENT_CHARS:
        raise AuditorError(
            f"{document.path}: {len(document.text):,} characters, over the limit of {MAX_DOCUMENT_CHARS:,} per "
            "document; split it into smaller files"
        )
    return document


@dataclass(frozen=True)
class JobsCap:
    """How many worker processes a run gets, and why, when fewer than asked."""

    jobs: int
    message: str | None = None


def available_memory_mb() -> float | None:
    """Memory available for new processes (Linux ``MemAvailable``), or None when unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def cpu_count() -> int:
    """CPU cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def cap_jobs(requested: int, cores: int | None = None, memory_mb: float | None = None) -> JobsCap:
    """``requested`` worker processes, capped by the cores and by memory for ~``WORKER_MEMORY_MB`` each."""
    cores = cpu_count() if cores is None else cores
    memory_mb = available_memory_mb() if memory_mb is None else memory_mb
    by_memory = max(1, int(memory_mb // WORKER_MEMORY_MB)) if memory_mb is not None else requested
    jobs = max(1, min(requested, cores, by_memory))
    if jobs == requested:
        return JobsCap(jobs)
    memory = f"{memory_mb / 1024:.1f} GB available" if memory_mb is not None else "memory unknown"
    return JobsCap(
        jobs,
        f"--jobs {requested} capped at {jobs}: {cores} CPU cores, {memory}, ~{WORKER_MEMORY_MB} MB per worker",
    )
