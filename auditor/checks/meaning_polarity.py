"""Polarity: a negation the source does not have, or a negated source rendered as an affirmative.

Source negators come from the language's table (``rules/meaning/<lang>.yaml``: nicht/kein/nie,
ne…pas/jamais, no/nunca, не/нет/никогда, 不/没, ない, नहीं, nie, ne-, لا/لم/لن/ليس …), counted
against the target's (not, n't, no, never, nothing, without…). Words negative in meaning on either
side (German un-, 免/禁/拒, unable, fail, refuse, -less) balance each other: a source's negative word
may come out as "not" in English, but only if the target did not already render it as a negative
word. ``negation-added`` fires when the target has more negators than all that can explain.
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.checks.meaning_common import MeaningCheck, source_words
from auditor.checks.source_common import Pair
from auditor.meaning.english import negations, negatives
from auditor.meaning.markers import Markers
from auditor.models import Document, Finding
from auditor.rules_engine.check_rules import declared_rules

NEGATION_ADDED, NEGATION_DROPPED = declared_rules(
    "meaning-polarity", "meaning-negation-added", "meaning-negation-dropped"
)


class MeaningPolarityCheck(MeaningCheck):
    """Negation added or dropped against the source's negators."""

    name = "meaning-polarity"

    def check_markers(self, document: Document, pair: Pair, table: Markers) -> Iterator[Finding]:
        """Compare the number of negators on both sides."""
        if not table.has("negators"):
            return
        target = document.text[pair.start : pair.end]
        in_target = negations(target)
        # English words quoted in the source (titles, slogans) bring their own negators
        in_source = sorted(table.find("negators", pair.source) + negations(pair.source), key=lambda h: h.start)
        lexical = table.find("negative", pair.source)
        explained = len(in_source) + max(0, len(lexical) - len(negatives(target)))
        if len(in_target) > explained:
            extra = in_target[len(in_source)] if in_source else in_target[0]
            said = (
                f"the source's negators ({source_words(in_source)}) do not account for them all"
                if in_source
                else "the source has no negator"
            )
            yield self.finding(
                NEGATION_ADDED,
                pair,
                table,
                extra,
                in_source,
                f"“{extra.text}” negates, but {said}; an added negation turns the statement into its opposite",
            )
        elif in_source and not in_target and not negatives(target):
            yield self.finding(
                NEGATION_DROPPED,
                pair,
                table,
                None,
                in_source,
                f"the source is negated ({source_words(in_source)}) but the translation has no negation; "
                "check that the statement has not been turned into its opposite",
            )
