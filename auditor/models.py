"""The data every stage shares: documents, sentences and findings.

Offsets are always character indices into ``Document.text`` as it was read, so
``document.text[finding.start:finding.end]`` is exactly the flagged span.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    """How much a finding hurts the copy: the MQM severity levels, below them ``hint``.

    A hint is a lead, not a verdict: a span a statistical signal (quality estimation, a rule whose
    measured precision on real MT is low) believes may need editing. Hints cost no score points,
    never trip a gate unless ``--fail-on hint`` asks, and are left out of the text, SARIF, JUnit and
    GitHub reports unless ``--min-severity hint`` asks; JSON and HTML always carry them.
    """

    HINT = "hint"
    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        """Order for sorting worst-first (critical highest)."""
        return SEVERITY_RANKS[self.value]


#: Severity order, lowest first (``hint`` gates nothing by default).
SEVERITY_RANKS = {"hint": 0, "minor": 1, "major": 2, "critical": 3}


#: MQM-style categories used across all checks (``dimension/type``).
CATEGORIES = (
    "accuracy/mistranslation",
    "accuracy/omission",
    "accuracy/addition",
    "accuracy/untranslated",
    "accuracy/number",
    "fluency/grammar",
    "fluency/punctuation",
    "fluency/spelling",
    "fluency/inconsistency",
    "fluency/word-order",
    "style/awkward",
    "style/house",
    "readability",
)


@dataclass(frozen=True)
class Sentence:
    """One segment of a document: ``document.text[start:end]``."""

    index: int
    start: int
    end: int
    paragraph: int = 0


@dataclass(frozen=True)
class Finding:
    """One problem at one span of a document's text."""

    rule: str
    category: str
    severity: Severity
    start: int
    end: int
    message: str
    suggestions: tuple[str, ...] = ()
    safe_fix: bool = False
    origin: str = "auditor"
    #: Character offsets of the source words the finding rests on, into the aligned source
    #: segment (the sentence's ``source`` in the JSON report); None for target-only findings.
    source_span: tuple[int, int] | None = None

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad finding span {self.start}:{self.end} for {self.rule}")


@dataclass
class Document:
    """A text to audit, with optional bilingual context."""

    path: str
    text: str
    lang: str = "en-US"
    lines: bool = False
    source: str | None = None
    reference: str | None = None
    source_lang: str | None = None
    sentences: list[Sentence] = field(default_factory=list)

    def sentence_text(self, sentence: Sentence) -> str:
        """The exact text of ``sentence``."""
        return self.text[sentence.start : sentence.end]

    # Bilingual context (added by the bilingual readers; all optional).
    #: Per-segment source texts, aligned with ``sentences`` when the input is segment-aligned.
    source_segments: list[str] | None = None
    #: Per-segment reference (or post-edit) texts, aligned like ``source_segments``.
    reference_segments: list[str] | None = None
    #: The record's id in a feed (JSONL) or the unit id of an XLIFF/TMX segment file.
    record_id: str | None = None
    #: Per-segment ids (XLIFF unit ids, TMX tuids, TSV line numbers), aligned with ``sentences``.
    segment_ids: list[str] | None = None
    #: Inline markup removed from each target segment: ``(offset into the segment, raw XML)``,
    #: so a writer can put tags back exactly where they were.
    segment_markup: list[tuple[tuple[int, str], ...]] | None = None
