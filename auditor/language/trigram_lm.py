"""A word trigram language model of general US English, shipped offline by the ``pocketsphinx`` wheel.

``pocketsphinx`` (BSD-2-Clause, Carnegie Mellon University) carries CMU Sphinx's
generic US English trigram model (``model/en-us/en-us.lm.bin``, 27 MB, lower
case, no punctuation, numbers spelled out). Unlike the Google Books pair list
(:mod:`auditor.language.ngrams`, only pairs seen 6.4 million times or more) it has a
probability, backed off, for every sequence of the words it knows — *serious
violation* against *violation serious*, *United States* against *States United* —
which is what judging the order of two content words or names needs.

Loaded on first use (memory-mapped, ~0.03 s), once per process; a look-up costs
well under a microsecond.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from importlib import resources

from auditor.errors import AuditorError

MODEL_PATH = ("model", "en-us", "en-us.lm.bin")
#: The model's scores are integer logarithms in this base (pocketsphinx's default).
LOG_BASE = 1.0001
SENTENCE_START = "<s>"
SENTENCE_END = "</s>"


class TrigramModel:
    """Natural-log probabilities of lower-case words given up to two words before them."""

    def __init__(self, model: object, logmath: object) -> None:
        self._model = model
        self._logmath = logmath
        self._unknown = logmath.get_zero()  # type: ignore[attr-defined]
        self._known: dict[str, bool] = {}

    def knows(self, word: str) -> bool:
        """Whether ``word`` (lower case) is in the model's vocabulary."""
        known = self._known.get(word)
        if known is None:
            known = self._known[word] = self._model.prob([word]) > self._unknown  # type: ignore[attr-defined]
        return known

    def log_prob(self, word: str, history: Sequence[str] = ()) -> float:
        """ln P(``word`` | ``history``), history oldest first (only the last two words count).

        ``word`` and the history words must be known (:meth:`knows`).
        """
        # pocketsphinx wants the predicted word first and the history nearest first
        score = self._model.prob([word, *reversed(history[-2:])])  # type: ignore[attr-defined]
        return self._logmath.log_to_ln(score)  # type: ignore[attr-defined]

    def span_log_prob(self, words: Sequence[str | None], start: int, stop: int) -> float:
        """ln P of ``words[start:stop]`` given the words before them.

        ``None`` marks a break (punctuation, a number, a word the model lacks): it is
        not scored and no history reaches across it. Position 0 follows the sentence
        start; a caller puts :data:`SENTENCE_END` last to score the sentence's end.
        """
        total = 0.0
        for k in range(start, stop):
            word = words[k]
            if word is None:
                continue
            history: list[str] = []
            for back in (k - 1, k - 2):
                if back < 0:
                    if not history:
                        history.append(SENTENCE_START)
                    break
                previous = words[back]
                if previous is None:
                    break
                history.insert(0, previous)
            total += self.log_prob(word, history)
        return total


_LOCK = threading.Lock()
_LOADED: list[TrigramModel] = []


def trigram_model() -> TrigramModel:
    """The shared model (loaded once per process; thread-safe)."""
    with _LOCK:
        if not _LOADED:
            try:
                import pocketsphinx

                path = resources.files("pocketsphinx").joinpath(*MODEL_PATH)
                if not path.is_file():
                    raise OSError("the file is missing")
                pocketsphinx.set_loglevel("FATAL")  # its C logging would write to our stderr
                logmath = pocketsphinx.LogMath(LOG_BASE)
                model = pocketsphinx.NGramModel(pocketsphinx.Config(), logmath, str(path))
            except (ImportError, OSError, RuntimeError, ValueError) as error:
                raise AuditorError(
                    f"pocketsphinx's English language model ({'/'.join(MODEL_PATH)}) cannot be loaded "
                    f"({error}); run `make setup` to reinstall auditor's dependencies"
                ) from error
            _LOADED.append(TrigramModel(model, logmath))
        return _LOADED[0]
