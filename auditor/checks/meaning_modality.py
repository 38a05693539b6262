"""Modality and certainty: a may/might/must/probably the source does not express."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.checks.meaning_common import MeaningCheck
from auditor.checks.source_common import Pair
from auditor.meaning.english import STRONG_MODALS, modals
from auditor.meaning.markers import Markers
from auditor.models import Document, Finding
from auditor.rules_engine.check_rules import declared_rules

(MODAL_ADDED,) = declared_rules("meaning-modality", "meaning-modal-added")


class MeaningModalityCheck(MeaningCheck):
    """Hedges and obligations of the translation with no modal marker in the source."""

    name = "meaning-modality"

    def check_markers(self, document: Document, pair: Pair, table: Markers) -> Iterator[Finding]:
        """Flag the first strong modal of the target when the source has none."""
        if not table.has("modal"):
            return
        target = document.text[pair.start : pair.end]
        strong = [h for h in modals(target) if h.text.lower() in STRONG_MODALS]
        if strong and not table.find("modal", pair.source) and not table.find("future", pair.source):
            yield self.finding(
                MODAL_ADDED,
                pair,
                table,
                strong[0],
                [],
                f"“{strong[0].text}” changes how certain or binding this is, but the source has no modal "
                "or certainty word",
            )
