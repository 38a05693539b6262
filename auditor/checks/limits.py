"""What the resource limits (:mod:`auditor.limits`) left unchecked, said as findings.

An overlong run of non-space characters is one ``unreadable-token`` finding (no check looks
inside it); a sentence over the length limit gets one ``sentence-over-limit`` note saying that
only the linear-time checks looked at it.
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.limits import MAX_SENTENCE_CHARS, unreadable_tokens
from auditor.models import Document, Finding
from auditor.rules_engine.check_rules import declared_rules

UNREADABLE_TOKEN, SENTENCE_OVER_LIMIT = declared_rules("limits", "unreadable-token", "sentence-over-limit")


class LimitsCheck:
    """Reports unreadable tokens and sentences over the limit (always inside their sentence)."""

    name = "limits"

    def __init__(self, max_sentence_chars: int | None = None) -> None:
        self.max_sentence_chars = max_sentence_chars or MAX_SENTENCE_CHARS

    def check(self, document: Document) -> Iterator[Finding]:
        """One finding per unreadable token and one note per overlong sentence."""
        limit = self.max_sentence_chars
        for sentence in document.sentences:
            for start, end in unreadable_tokens(document.text, sentence.start, sentence.end):
                yield UNREADABLE_TOKEN.at(
                    start,
                    end,
                    f"{end - start:,} characters without a space cannot be read, and auditor does not "
                    "check inside them; remove them or break them into words.",
                )
            if sentence.end - sentence.start > limit:
                yield SENTENCE_OVER_LIMIT.at(
                    sentence.start + limit,  # the part past the limit
                    sentence.end,
                    f"This sentence has {sentence.end - sentence.start:,} characters, over auditor's limit "
                    f"of {limit:,} from here on: only the linear-time checks looked at it. Split it.",
                )
