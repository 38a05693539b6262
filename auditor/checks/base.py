"""The one interface every check implements."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, runtime_checkable

from auditor.models import Document, Finding


@runtime_checkable
class Check(Protocol):
    """Something that looks at a document and reports findings.

    ``name`` identifies the check in reports and timings; ``check`` must only
    return findings whose offsets point into ``document.text``.
    """

    name: str

    def check(self, document: Document) -> Iterable[Finding]:
        """Return the findings for ``document``."""
        ...
