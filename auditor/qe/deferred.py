"""The run's quality-estimation model, chosen from the settings at once and imported on first use.

Importing the QE layer (NumPy, the feature extractors) costs a cold ``auditor check`` ~0.15 s. A run
needs the model only once a document's findings are in, so the choice is made (and a missing file
refused) before the audit starts, and the model itself is imported and loaded by the first estimate,
while LanguageTool is already checking the first document.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.errors import AuditorError

if TYPE_CHECKING:
    from auditor.models import Document, Finding
    from auditor.qe.model import QEEstimate, QEModel

#: The model shipped in the package (MLQE-PE ro/et/ru-en train, docs/qe.md).
DEFAULT_BUNDLE = Path(__file__).resolve().parent / "models" / "qe-mlqe.json.gz"

_LOCK = threading.Lock()


@dataclass(frozen=True)
class DeferredQE:
    """A QE bundle on disk, imported and checked on the first call (an AuditorError if unreadable)."""

    path: Path = DEFAULT_BUNDLE
    #: Hint findings for words the word classifier flags.
    word_hints: bool = True

    def model(self) -> QEModel:
        """The loaded model (imports the QE layer the first time)."""
        with _LOCK:
            from auditor.qe.model import QEModel

            model = QEModel(self.path, word_hints=self.word_hints)
        model.check()
        return model

    def check(self) -> None:
        """Load the model now (a service warms it before its first request)."""
        self.model()

    def assess(self, document: Document) -> tuple[list[QEEstimate], list[Finding]]:
        """Estimates for every sentence of ``document`` and its word hints (see ``QEModel.assess``)."""
        return self.model().assess(document)

    def __getattr__(self, name: str) -> Any:
        """Anything else a :class:`~auditor.qe.model.QEModel` offers (``predict``, ``load`` …)."""
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.model(), name)


def chosen_qe(setting: Path | str | None, word_hints: bool = True) -> DeferredQE | None:
    """The QE model a run uses: the shipped one by default, ``setting``'s file, or none for "off"
    (a file that does not exist is refused now; one that is not a model, on first use)."""
    if setting == "off":
        return None
    path = DEFAULT_BUNDLE if setting is None else Path(setting)
    if setting is None and not path.is_file():
        return None
    if not path.is_file():
        raise AuditorError(f"{path}: QE model file not found")
    return DeferredQE(path, word_hints=word_hints)
