"""Attach sources, references and sacrebleu metrics to finished audit results.

Reference metrics are always reported. They change the score only with
``--score-with reference``, which blends chrF into it:

    score = 0.95 × chrF + 0.05 × audit score

chrF leads because, with a reference, it ranks meaning damage (negation, tense, changed
numbers) that no reference-free check sees; the audit score's share breaks chrF's near-ties
with what chrF is blind to (tokenisation, misspellings, case, repeats). The weight was chosen on
the DEMETR dev split (``python -m benchmarks.quality``): at 0.5 to 0.9 the blend fell below chrF
alone on negation and aspect; at 0.95 it is at or above chrF on every perturbation type.

per sentence (sentence chrF) and per document (document chrF); the finding-based score is kept
as ``audit_score``. chrF is used because it is robust at sentence level and on the same 0-100
scale as the audit score.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from auditor.bilingual.align import sentence_references, sentence_sources
from auditor.bilingual.metrics import CorpusAccumulator, corpus_metrics, sentence_metrics
from auditor.report.model import DocumentResult

#: Share of sentence chrF in the ``--score-with reference`` score.
CHRF_WEIGHT = 0.95


def blend(audit_score: float, chrf: float) -> float:
    """The ``--score-with reference`` score (not rounded, so near-ties stay ordered)."""
    return CHRF_WEIGHT * chrf + (1 - CHRF_WEIGHT) * audit_score


def enrich(
    result: DocumentResult, corpus: CorpusAccumulator, score_with_reference: bool = False
) -> DocumentResult:
    """Fill in sources, references and metrics of one document's result."""
    document = result.document
    if document.source is None and document.reference is None:
        return result
    sources = sentence_sources(document)
    references = sentence_references(document)
    hypotheses: list[str] = []
    refs: list[str] = []
    for sentence, source, reference in zip(result.sentences, sources, references, strict=True):
        sentence.source = source
        sentence.reference = reference
        if reference is None or not reference.strip():
            continue  # an empty reference field means "no reference for this segment"
        sentence.reference_metrics = sentence_metrics(sentence.text, reference)
        hypotheses.append(sentence.text)
        refs.append(reference)
        if score_with_reference:
            sentence.audit_score = sentence.score
            sentence.score = blend(sentence.score, sentence.reference_metrics["chrf"])
    if document.reference is None:
        return result
    if hypotheses:
        alignment = "sentence"  # over the sentences that have a reference
    else:
        hypotheses, refs = [document.text.strip()], [document.reference.strip()]
        alignment = "document"
    metrics = {**corpus_metrics(hypotheses, refs), "alignment": alignment}
    corpus.add(hypotheses, refs)
    if score_with_reference:
        metrics["audit_score"] = result.score
        result.score = blend(result.score, metrics["chrf"]["score"])
    result.metrics = {**result.metrics, **metrics}
    return result


def enrich_stream(
    results: Iterable[DocumentResult], corpus: CorpusAccumulator, score_with_reference: bool = False
) -> Iterator[DocumentResult]:
    """:func:`enrich` every result of a stream."""
    for result in results:
        yield enrich(result, corpus, score_with_reference)
