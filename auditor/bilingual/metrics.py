"""sacrebleu metrics against a reference: per sentence, per document and for the whole run.

Sentence level: BLEU with effective order (``BLEU(effective_order=True).sentence_score``), chrF
and TER. Document and corpus level: ``corpus_score`` over the aligned segments (or the whole
text as one segment when the document could not be aligned), each with sacrebleu's signature.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sacrebleu.metrics import BLEU, CHRF, TER


def _metrics() -> dict[str, Any]:
    return {"bleu": BLEU(force=True), "chrf": CHRF(), "ter": TER()}  # force: no tokenisation warning on stderr


_SENTENCE_BLEU = BLEU(effective_order=True, force=True)
_CHRF = CHRF()
_TER = TER()


def sentence_metrics(hypothesis: str, reference: str) -> dict[str, float]:
    """BLEU (effective order), chrF and TER of one sentence against its reference."""
    return {
        "bleu": round(_SENTENCE_BLEU.sentence_score(hypothesis, [reference]).score, 4),
        "chrf": round(_CHRF.sentence_score(hypothesis, [reference]).score, 4),
        "ter": round(_TER.sentence_score(hypothesis, [reference]).score, 4),
    }


def sentence_signatures() -> dict[str, str]:
    """Signatures of the sentence-level metrics."""
    return {
        "bleu": str(_SENTENCE_BLEU.get_signature()),
        "chrf": str(_CHRF.get_signature()),
        "ter": str(_TER.get_signature()),
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
