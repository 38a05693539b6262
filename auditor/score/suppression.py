"""Inline suppression comments in Markdown and HTML copy.

``<!-- auditor: ignore RULE[, RULE...] -->`` silences those rules (all rules
when none is named) from the comment to the end of the next paragraph: the
first block of text after the comment, up to the next blank line. A comment
inside a paragraph covers the rest of that paragraph.

``<!-- auditor: ignore-file RULE[, RULE...] -->`` silences them in the whole
document. Findings inside a directive comment itself are always dropped.
Only documents whose name ends in .md, .markdown, .html or .htm are read for
directives: in plain text a comment is part of the copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from auditor.models import Finding

COMMENT_SUFFIXES = (".md", ".markdown", ".html", ".htm")

_DIRECTIVE = re.compile(r"<!--\s*auditor:\s*(ignore-file|ignore)\b(.*?)-->", re.DOTALL | re.IGNORECASE)
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_RULE_SPLIT = re.compile(r"[\s,]+")


@dataclass(frozen=True)
class Suppression:
    """Rules (``None`` = all) silenced for findings starting in ``[start, end)``."""

    start: int
    end: int
    rules: frozenset[str] | None

    def covers(self, finding: Finding) -> bool:
        """Whether ``finding`` is silenced by this suppression."""
        in_scope = self.start <= finding.start < self.end or (finding.start == finding.end == self.end)
        return in_scope and (self.rules is None or finding.rule in self.rules)


def allows_comments(path: str) -> bool:
    """Whether a document of this name can carry suppression comments."""
    return path.lower().endswith(COMMENT_SUFFIXES)


def _paragraph_end(text: str, pos: int) -> int:
    """End of the paragraph that starts at or after ``pos`` (skipping blank lines first)."""
    while pos < len(text) and text[pos].isspace():
        pos += 1
    blank = _BLANK_LINE.search(text, pos)
    return blank.start() if blank else len(text)


def parse_suppressions(text: str) -> list[Suppression]:
    """Every suppression a text's directive comments ask for, plus the comments themselves."""
    found: list[Suppression] = []
    for match in _DIRECTIVE.finditer(text):
        names = [n for n in _RULE_SPLIT.split(match.group(2).strip()) if n]
        rules = frozenset(names) if names else None
        found.append(Suppression(match.start(), match.end(), None))
        if match.group(1).lower() == "ignore-file":
            found.append(Suppression(0, len(text) + 1, rules))
        else:
            found.append(Suppression(match.end(), _paragraph_end(text, match.end()), rules))
    return found


def suppressed(finding: Finding, suppressions: list[Suppression]) -> bool:
    """Whether any suppression covers ``finding``."""
    return any(s.covers(finding) for s in suppressions)
