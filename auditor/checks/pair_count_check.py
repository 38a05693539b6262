"""The shared shape of the checks that read Google Books word-pair counts (:mod:`auditor.language.ngrams`)
and, to confirm what the counts suggest, the trigram language model (:mod:`auditor.language.trigram_lm`)."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.language.ngrams import PairCounts, pair_counts
from auditor.language.trigram_lm import TrigramModel, trigram_model
from auditor.models import Document, Finding


class PairCountCheck:
    """A check that judges each sentence with the pair counts and the language model, loaded on first use."""

    def __init__(self) -> None:
        self._counts: PairCounts | None = None
        self._model: TrigramModel | None = None

    @property
    def counts(self) -> PairCounts:
        """The pair counts (loaded once per process, on the first document)."""
        if self._counts is None:
            self._counts = pair_counts()
        return self._counts

    @property
    def model(self) -> TrigramModel:
        """The trigram language model (loaded once per process, when a sentence first needs it)."""
        if self._model is None:
            self._model = trigram_model()
        return self._model

    def check(self, document: Document) -> Iterator[Finding]:
        """Findings sentence by sentence."""
        for sentence in document.sentences:
            yield from self._sentence(document.sentence_text(sentence), sentence.start)

    def _sentence(self, text: str, offset: int) -> Iterator[Finding]:
        raise NotImplementedError
