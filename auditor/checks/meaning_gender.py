"""Pronoun gender: he/his where the source speaks only of a woman, she/her where only of a man.

The source's gendered forms come from its table (``rules/meaning/<lang>.yaml``): pronouns
(他/她, er, il/elle, он/она), titles (Frau, Mme, pani), and where the language marks it, gendered
verb and name endings (Polish powiedział/powiedziała, Russian сказал/сказала, Czech -ová, Hindi
था/थी). A target pronoun is only questioned when the source has forms of the other gender and
none of its own.
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.checks.meaning_common import MeaningCheck, source_words
from auditor.checks.source_common import Pair
from auditor.meaning.english import gendered
from auditor.meaning.markers import Markers
from auditor.models import Document, Finding
from auditor.rules_engine.check_rules import declared_rules

(GENDER_CHANGED,) = declared_rules("meaning-gender", "meaning-gender-changed")

_SWAP = {"he": "she", "him": "her", "his": "her", "himself": "herself", "she": "he", "her": "his",
         "hers": "his", "herself": "himself"}


def _keep_case(word: str, model: str) -> str:
    return word.capitalize() if model[:1].isupper() else word


class MeaningGenderCheck(MeaningCheck):
    """A third-person pronoun whose gender contradicts every gendered form of the source."""

    name = "meaning-gender"

    def check_markers(self, document: Document, pair: Pair, table: Markers) -> Iterator[Finding]:
        """Compare the target's gendered pronouns with the source's gendered forms."""
        if not (table.has("masculine") and table.has("feminine")):
            return
        target = document.text[pair.start : pair.end]
        masculine, feminine = gendered(target)
        if not masculine and not feminine:
            return
        source_m = table.find("masculine", pair.source)
        source_f = table.find("feminine", pair.source)
        for pronouns, evidence, other, gender in (
            (feminine, source_m, source_f, "a man"),
            (masculine, source_f, source_m, "a woman"),
        ):
            if pronouns and evidence and not other:
                first = pronouns[0]
                swap = _keep_case(_SWAP[first.text.lower()], first.text)
                yield self.finding(
                    GENDER_CHANGED,
                    pair,
                    table,
                    first,
                    evidence,
                    f"“{first.text}” does not match the source, whose gendered forms "
                    f"({source_words(evidence)}) all speak of {gender}",
                    suggestions=(swap,),
                )
