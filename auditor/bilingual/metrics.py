"""sacrebleu metrics against a reference: per sentence, per document and for the whole run.

Sentence level: BLEU with effective order (``BLEU(effective_order=True).sentence_score``), chrF
and TER. Document and corpus level: ``corpus_score`` over the aligned segments (or the whole
text as one segment when the document could not be aligned), each with sacrebleu's signature.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any


def _metrics() -> dict[str, Any]:
    from sacrebleu.metrics import BLEU, CHRF, TER

    return {"bleu": BLEU(force=True), "chrf": CHRF(), "ter": TER()}  # force: no tokenisation warning on stderr


@lru_cache(maxsize=1)
def _sentence_metrics() -> tuple[Any, Any, Any]:
    """Sentence-level BLEU (effective order), chrF and TER (sacrebleu loads on first use: 60 ms)."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    return BLEU(effective_order=True, force=True), CHRF(), TER()


def sentence_metrics(hypothesis: str, reference: str) -> dict[str, float]:
    """BLEU (effective order), chrF and TER of one sentence against its reference."""
    bleu, chrf, ter = _sentence_metrics()
    return {
        "bleu": round(bleu.sentence_score(hypothesis, [reference]).score, 4),
        "chrf": round(chrf.sentence_score(hypothesis, [reference]).score, 4),
        "ter": round(ter.sentence_score(hypothesis, [reference]).score, 4),
    }


def sentence_signatures() -> dict[str, str]:
    """Signatures of the sentence-level metrics."""
    bleu, chrf, ter = _sentence_metrics()
    return {
        "bleu": str(bleu.get_signature()),
        "chrf": str(chrf.get_signature()),
        "ter": str(ter.get_signature()),
    }


def corpus_metrics(hypotheses: list[str], references: list[str]) -> dict[str, Any]:
    """Corpus BLEU, chrF and TER of aligned segments, with signatures."""
    result: dict[str, Any] = {"segments": len(hypotheses)}
    for name, metric in _metrics().items():
        score = metric.corpus_score(hypotheses, [references])
        result[name] = {"score": round(score.score, 4), "signature": str(metric.get_signature())}
    return result


@dataclass
class CorpusAccumulator:
    """Collects every scored segment of a run for the corpus-level figures."""

    hypotheses: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)

    def add(self, hypotheses: list[str], references: list[str]) -> None:
        """Add one document's aligned segments."""
        self.hypotheses.extend(hypotheses)
        self.references.extend(references)

    def result(self) -> dict[str, Any]:
        """Corpus metrics, or an empty dict if nothing had a reference."""
        if not self.hypotheses:
            return {}
        return {
            **corpus_metrics(self.hypotheses, self.references),
            "sentence_signatures": sentence_signatures(),
        }
