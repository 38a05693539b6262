"""A verb dropped in translation leaves a hole English grammar can see.

Auxiliaries, modals and subject pronouns must be followed by a verb. In a
statement (not a question, where inversion is normal: ``Could the…?``), one of
them standing directly before a determiner or preposition means the main verb
is missing: ``I don't if you realize``, ``the ministry would the plan``,
``she the report``.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from auditor.language.lexicon import DETERMINERS, MODALS, NEGATED_AUXILIARIES, PREPOSITIONS, tokens
from auditor.models import Document, Finding
from auditor.rules_engine.check_rules import declared_rules

#: "May the best team win" is a wish, not a modal missing its verb.
_MODALS = MODALS - {"may"}
_SUBJECTS = frozenset({"he", "she", "they"})
_NO_VERB_AFTER = DETERMINERS | PREPOSITIONS | frozenset({"if", "whether", "because"})


(MISSING_VERB,) = declared_rules("missing-verb", "missing-verb")  # rules/checks/missing-verb.yaml


class MissingVerbCheck:
    """Flags an auxiliary, modal or subject pronoun with no verb after it."""

    name = "missing-verb"

    def check(self, document: Document) -> Iterator[Finding]:
        """Findings for statements (sentences not ending in a question mark)."""
        for sentence in document.sentences:
            text = document.sentence_text(sentence)
            if text.rstrip(" \"'”’)").endswith("?"):
                continue
            toks = tokens(text)
            for (word, start, _), (after, _, end) in pairwise(toks):
                lower = word.lower()
                if not after.islower() or after not in _NO_VERB_AFTER:
                    continue
                if lower in NEGATED_AUXILIARIES or (word in _MODALS and after in DETERMINERS) or (
                    lower in _SUBJECTS and (word.islower() or start == 0) and after in DETERMINERS
                ):
                    yield MISSING_VERB.at(
                        sentence.start + start, sentence.start + end,
                        f"“{word} {after}”: “{word}” needs a verb after it; the main verb "
                        "seems to have been lost in translation.",
                    )
