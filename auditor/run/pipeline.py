"""Read → segment → check → score: the audit of one document and of a stream of them."""

from __future__ import annotations

import bisect
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace

from auditor.checks import CheckSet
from auditor.checks.base import Check
from auditor.language.text_utils import word_count
from auditor.limits import drop_inside_unreadable
from auditor.models import Document, Finding, Sentence, Severity
from auditor.paragraphs import ParagraphCache, split_findings, splittable
from auditor.report.model import DocumentResult, SentenceResult
from auditor.run.audit_cache import AuditCache, OwnAudit
from auditor.score.finding_policy import document_qe
from auditor.score.scoring import ScoringModel
from auditor.segment import segment, segment_lines
from auditor.segment_kinds import keep_findings


def segment_document(document: Document) -> Document:
    """Fill ``document.sentences`` (one per line with ``lines``)."""
    document.sentences = segment_lines(document.text) if document.lines else segment(document.text)
    return document


def _valid(document: Document, finding: Finding) -> bool:
    return 0 <= finding.start <= finding.end <= len(document.text)


def _overlap(a: Finding, b: Finding) -> bool:
    if a.start == a.end or b.start == b.end:
        return a.start == b.start
    return a.start < b.end and b.start < a.end


def merge_findings(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per problem when several checks see it.

    Same span and same MQM dimension: keep the first (our own checks run first and
    their messages are the more specific) and add every distinct suggestion of the
    others. Overlapping spans in the same dimension from different origins (e.g. our
    doubled-word and LanguageTool's word-repeat rule): keep the first only, as the
    other's suggestions replace a different span. A hint (a lead that costs nothing) never
    hides a scored finding: on the same span the scored one is kept, and scored findings
    claim their spans before hints do (a whole-sentence hint of one check no longer drops
    another check's verdict on one word of that sentence).
    """
    merged: dict[tuple[int, int, str], Finding] = {}
    for finding in findings:
        key = (finding.start, finding.end, finding.category.split("/")[0])
        kept = merged.get(key)
        if kept is None:
            merged[key] = finding
            continue
        if kept.severity == Severity.HINT and finding.severity != Severity.HINT:
            kept, finding = finding, kept
        extra = tuple(s for s in finding.suggestions if s not in kept.suggestions)
        merged[key] = Finding(**{**kept.__dict__, "suggestions": kept.suggestions + extra}) if extra else kept
    result: list[Finding] = []
    # kept findings by (dimension, 256-character block): overlap tests stay local on long documents
    blocks: dict[tuple[str, int], list[Finding]] = {}
    # scored findings first, then hints; within each, insertion order: earlier checks first
    for finding in sorted(merged.values(), key=lambda f: f.severity == Severity.HINT):
        dimension = finding.category.split("/")[0]
        keys = [(dimension, b) for b in range(finding.start // 256, finding.end // 256 + 1)]
        peers = (p for key in keys for p in blocks.get(key, ()))
        if any(p.origin != finding.origin and _overlap(p, finding) for p in peers):
            continue
        for key in keys:
            blocks.setdefault(key, []).append(finding)
        result.append(finding)
    return sorted(result, key=lambda f: (f.start, f.end, f.rule))


def _checked(document: Document, check: Check) -> Iterator[Finding]:
    for finding in check.check(document):
        if not _valid(document, finding):
            raise ValueError(f"check {check.name} produced an out-of-range span for {finding.rule}")
        yield finding


def own_audit(document: Document, checks: Sequence[Check], paragraphs: ParagraphCache | None = None) -> OwnAudit:
    """Run auditor's own ``checks`` on a segmented document and measure its readability.

    With ``paragraphs``, a story of several paragraphs is checked paragraph by paragraph where a
    check allows it (:mod:`auditor.paragraphs`), unchanged paragraphs coming from that cache.
    """
    from auditor.checks.readability import document_metrics, sentence_metrics

    if paragraphs is not None and splittable(document) and len({s.paragraph for s in document.sentences}) > 1:
        findings = list(split_findings(document, checks, paragraphs))
        for finding in findings:
            if not _valid(document, finding):
                raise ValueError(f"a check produced an out-of-range span for {finding.rule}")
    else:
        findings = [finding for check in checks for finding in _checked(document, check)]
    metrics = []
    for sentence in document.sentences:
        text = document.sentence_text(sentence)
        metrics.append(sentence_metrics(text, document.lang) if word_count(text) else {"words": 0})
    return OwnAudit(findings=findings, metrics=metrics, readability=document_metrics(document))


def audit_document(
    document: Document, checks: Sequence[Check], scoring: ScoringModel, cache: AuditCache | None = None
) -> DocumentResult:
    """Run every check on one document and score its sentences and the whole.

    With ``cache``, our own checks' results come from it when the document was audited
    before under the same settings (LanguageTool has a cache of its own).
    """
    if not document.sentences:
        segment_document(document)
    check_set = CheckSet.of(checks)
    for check in check_set.live:  # slow checks (LanguageTool) start now and overlap with the rest
        prefetch = getattr(check, "prefetch", None)
        if callable(prefetch):
            prefetch(document)
    own = cache.get(document) if cache is not None else None
    if own is None:
        own = own_audit(document, check_set.own, cache.paragraphs if cache is not None else None)
        if cache is not None:
            cache.put(document, own)
    raw = list(own.findings)
    for check in check_set.live:
        raw.extend(_checked(document, check))
    # rules that assume a full sentence leave headlines, list items ... and source-mirrored shapes alone
    findings = keep_findings(document, drop_inside_unreadable(merge_findings(raw)))
    findings, metrics_list = _inside_sentences(document, findings, own.metrics)
    estimates: list = [None] * len(document.sentences)
    if scoring.qe is not None:  # after sentences are final: one estimate per sentence reported
        estimates, hints = scoring.qe.assess(document)
        if hints:
            findings = merge_findings([*findings, *hints])

    starts = [s.start for s in document.sentences]
    per_sentence: list[list[Finding]] = [[] for _ in document.sentences]
    orphans: list[Finding] = []
    for finding in findings:
        index = bisect.bisect_right(starts, finding.start) - 1
        if index < 0:
            if not per_sentence:
                orphans.append(finding)
                continue
            index = 0
        per_sentence[index].append(finding)

    sentences = []
    rows = zip(document.sentences, per_sentence, metrics_list, estimates, strict=True)
    for sentence, mine, metrics, estimate in rows:
        text = document.sentence_text(sentence)
        words = int(metrics["words"])
        sentences.append(
            SentenceResult(
                sentence=sentence,
                text=text,
                score=scoring.score(mine, words, qe=estimate.counted if estimate else None),
                words=words,
                findings=mine,
                metrics=metrics,
                qe=estimate,
            )
        )
    total_words = sum(s.words for s in sentences)
    all_findings = [f for own in per_sentence for f in own] + orphans
    return DocumentResult(
        document=document,
        score=scoring.score(all_findings, total_words, qe=document_qe(sentences)),
        sentences=sentences,
        readability=own.readability,
    )


def _inside_sentences(
    document: Document, findings: list[Finding], metrics: list[dict[str, float]]
) -> tuple[list[Finding], list[dict[str, float]]]:
    """Make every finding lie inside one sentence.

    A finding between two sentences (two spaces after a full stop) or across their boundary (a
    closing quote glued to the next sentence, ``here? “A``) joins those sentences into one, so
    the finding is reported inside its sentence; the text and offsets are untouched and the
    joined sentence's figures are measured afresh. In ``--lines`` mode lines are never joined
    (they align with source lines); a finding that still lies outside every sentence can only be
    in whitespace around them, and is dropped.
    """
    from auditor.checks.readability import sentence_metrics

    sentences = document.sentences
    if not sentences:
        return findings, metrics
    starts = [s.start for s in sentences]
    ends = [s.end for s in sentences]
    joins: list[tuple[int, int]] = []
    for finding in findings:
        first = max(0, bisect.bisect_right(starts, finding.start) - 1)
        last = min(len(sentences) - 1, max(first, bisect.bisect_left(ends, finding.end)))
        if last > first and not document.lines:
            joins.append((first, last))
    if joins:
        merged: list[list[int]] = []
        for first, last in sorted(joins):
            if merged and first <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], last)
            else:
                merged.append([first, last])
        new_sentences: list[Sentence] = []
        new_metrics: list[dict[str, float]] = []
        index = 0
        for first, last in merged:
            for k in range(index, first):
                new_sentences.append(replace(sentences[k], index=len(new_sentences)))
                new_metrics.append(metrics[k])
            head = sentences[first]
            joined = Sentence(len(new_sentences), head.start, sentences[last].end, head.paragraph)
            text = document.sentence_text(joined)
            new_sentences.append(joined)
            new_metrics.append(sentence_metrics(text, document.lang) if word_count(text) else {"words": 0})
            index = last + 1
        for k in range(index, len(sentences)):
            new_sentences.append(replace(sentences[k], index=len(new_sentences)))
            new_metrics.append(metrics[k])
        document.sentences, metrics = new_sentences, new_metrics
        starts = [s.start for s in new_sentences]
    kept = []
    for finding in findings:
        sentence = document.sentences[max(0, bisect.bisect_right(starts, finding.start) - 1)]
        if sentence.start <= finding.start and finding.end <= sentence.end:
            kept.append(finding)
    return kept, metrics


def audit_stream(
    documents: Iterable[Document],
    checks: Sequence[Check],
    scoring: ScoringModel,
    *,
    workers: int = 4,
    cache: AuditCache | None = None,
) -> Iterator[DocumentResult]:
    """Audit documents concurrently, yielding results in input order.

    At most ``2 × workers`` documents are in flight, so a long feed is audited in
    constant memory while slow checks (LanguageTool requests) overlap.
    """
    if workers <= 1:
        for document in documents:
            yield audit_document(document, checks, scoring, cache)
        return
    pending: deque[Future[DocumentResult]] = deque()
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="audit")
    try:
        for document in documents:
            pending.append(pool.submit(audit_document, document, checks, scoring, cache))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()
        # never wait here for documents still being checked: an interrupted run exits at once
        pool.shutdown(wait=False, cancel_futures=True)
