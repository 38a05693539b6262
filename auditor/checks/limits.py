"""What the resource limits (:mod:`auditor.limits`) left unchecked, said as findings.

An overlong run of non-space characters is one ``unreadable-token`` finding (no check looks
inside it); a sentence over the length limit gets one ``sentence-over-limit`` note saying that
only the linear-time checks looked at it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from auditor.limits import MAX_SENTENCE_CHARS, MAX_TOKEN_CHARS, overlong, unreadable_tokens
from auditor.models import Document, Finding, Severity


class LimitsCheck:
    """Reports unreadable tokens and sentences over the limit (always inside their sentence)."""

    name = "limits"

    rules: ClassVar[dict[str, dict]] = {
        "unreadable-token": {
            "description": f"A run of more than {MAX_TOKEN_CHARS} characters without a space (a base64 blob, a "
            "pasted hash, words glued together): no reader can take it in, and no check looks inside it.",
            "category": "readability",
            "severity": "minor",
            "examples": {
                "bad": ["The file begins " + "QUJD" * 60 + " and ends there."],
                "good": ["See https://example.org/news/2024/03/syria-m5-highway-reopened for the story."],
            },
        },
        "sentence-over-limit": {
            "description": f"A sentence of more than {MAX_SENTENCE_CHARS:,} characters: only auditor's "
            "linear-time checks looked at it (LanguageTool and the phrase rules skipped it).",
            "category": "readability",
            "severity": "minor",
        },
    }

    def check(self, document: Document) -> Iterator[Finding]:
        """One finding per unreadable token and one note per overlong sentence."""
        for sentence in document.sentences:
            for start, end in unreadable_tokens(document.text, sentence.start, sentence.end):
                yield Finding(
                    rule="unreadable-token",
                    category="readability",
                    severity=Severity.MINOR,
                    start=start,
                    end=end,
                    message=f"{end - start:,} characters without a space cannot be read, and auditor does not "
                    "check inside them; remove them or break them into words.",
                )
            if overlong(sentence.start, sentence.end):
                yield Finding(
                    rule="sentence-over-limit",
                    category="readability",
                    severity=Severity.MINOR,
                    start=sentence.start + MAX_SENTENCE_CHARS,  # the part past the limit
                    end=sentence.end,
                    message=f"This sentence has {sentence.end - sentence.start:,} characters, over auditor's limit "
                    f"of {MAX_SENTENCE_CHARS:,} from here on: only the linear-time checks looked at it. Split it.",
                )
