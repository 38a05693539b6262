"""An editor's decisions as a file (``auditor-decisions/1``): what the HTML workspace exports.

The contract (docs/html.md, "Decisions") is shared by the browser and the command line::

    {"format": "auditor-decisions/1", "decisions": [
       {"document": "seeds/story.txt", "rule": "evacuate-road", "text": "evacuated",
        "start": 1234, "end": 1243, "context": "troops have completely evacuated the M5",
        "action": "accept", "replacement": "cleared", "note": "optional"}]}

``auditor check --decisions FILE`` turns ``false-alarm`` entries into suppressions and
``add-name`` entries into known names (:class:`Decisions`, applied by the finding policy);
``auditor fix --decisions FILE`` makes the ``accept``, ``custom`` and ``edit`` entries
(:mod:`auditor.decision_edits`). A bad file is one :class:`AuditorError` line naming the file.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, TextIO

from auditor.errors import AuditorError
from auditor.models import Document, Finding

FORMAT = "auditor-decisions/1"
ACTIONS = ("accept", "reject", "false-alarm", "add-name", "custom", "edit")
#: Keys each action needs besides ``document`` and ``action``.
REQUIRED: dict[str, tuple[str, ...]] = {
    "accept": ("rule", "text", "context", "replacement"),
    "custom": ("rule", "text", "context", "replacement"),
    "reject": ("rule", "text", "context"),
    "false-alarm": ("rule", "text", "context"),
    "add-name": ("text",),
    "edit": ("context", "replacement"),
}
#: The columns of the desk's CSV export, in order.
CSV_COLUMNS = ("document", "rule", "text", "start", "end", "context", "action", "replacement", "note")
#: Any document (a ``false-alarm`` that holds everywhere).
ANY_DOCUMENT = "*"
#: Categories of the rules an ``add-name`` entry quiets: a name is not a misspelling or a foreign word.
NAME_CATEGORIES = frozenset({"fluency/spelling", "accuracy/untranslated"})
#: ...and rules of other categories that judge names (their ids name it).
_NAME_RULE = re.compile(r"(^|[-/_])names?([-/_]|$)", re.IGNORECASE)


@dataclass(frozen=True)
class Decision:
    """One editor's decision on one finding (or sentence, or name)."""

    document: str
    action: str
    text: str = ""
    context: str = ""
    rule: str | None = None
    start: int | None = None
    end: int | None = None
    replacement: str | None = None
    note: str | None = None
    #: Position in the file (0-based), for messages.
    number: int = 0

    def label(self) -> str:
        """How a message names this decision: ``decision 3 (accept evacuate-road “evacuated”)``."""
        what = self.action + (f" {self.rule}" if self.rule else "")
        shown = self.text if self.action != "edit" else self.context
        if len(shown) > 40:
            shown = shown[:39] + "…"
        return f"decision {self.number + 1} ({what} “{shown}”)"


def same_document(a: str, b: str) -> bool:
    """Whether two document ids name the same document (``./x.txt`` is ``x.txt``; a path is resolved)."""
    if a == b:
        return True
    if os.path.normpath(a) == os.path.normpath(b):
        return True
    try:
        return Path(a).resolve() == Path(b).resolve() and Path(a).exists()
    except (OSError, RuntimeError, ValueError):
        return False


def _squeezed(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class Decisions:
    """A loaded decisions file."""

    entries: tuple[Decision, ...]
    path: str = ""
    #: SHA-256 of the file's bytes: the settings signature records it.
    digest: str = ""

    def for_document(self, document: str, actions: Sequence[str] = ACTIONS) -> list[Decision]:
        """Entries for ``document`` (or for any document), of the given actions, in file order."""
        return [
            d
            for d in self.entries
            if d.action in actions and (d.document == ANY_DOCUMENT or same_document(d.document, document))
        ]

    @cached_property
    def names(self) -> tuple[str, ...]:
        """The names editors added (``add-name``): known in every document."""
        return tuple(dict.fromkeys(d.text.strip() for d in self.entries if d.action == "add-name" and d.text.strip()))

    @cached_property
    def _name_pattern(self) -> re.Pattern[str] | None:
        if not self.names:
            return None
        alternatives = sorted((r"\s+".join(re.escape(w) for w in n.split()) for n in self.names), key=len, reverse=True)
        return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)", re.IGNORECASE)

    def name_spans(self, text: str) -> list[tuple[int, int]]:
        """Where the added names occur in ``text`` (whole words, case-insensitive)."""
        pattern = self._name_pattern
        return [(m.start(), m.end()) for m in pattern.finditer(text)] if pattern else []

    def silenced(self, document: Document, findings: Iterable[Finding]) -> set[int]:
        """Indexes of ``findings`` this file silences: false alarms and name findings on added names."""
        findings = list(findings)
        alarms = self.for_document(document.path, ("false-alarm",))
        names = self.name_spans(document.text) if self.names else []
        if not findings or not (alarms or names):
            return set()
        wanted = {(d.rule, d.text, _squeezed(d.context)) for d in alarms}
        starts = [s.start for s in document.sentences]
        silenced: set[int] = set()
        for index, finding in enumerate(findings):
            flagged = document.text[finding.start : finding.end]
            if wanted and any(rule == finding.rule and text == flagged for rule, text, _ in wanted):
                context = _squeezed(_sentence_of(document, starts, finding))
                if (finding.rule, flagged, context) in wanted:
                    silenced.add(index)
                    continue
            if names and _about_names(finding) and any(s <= finding.start and finding.end <= e for s, e in names):
                silenced.add(index)
        return silenced


def _sentence_of(document: Document, starts: list[int], finding: Finding) -> str:
    """The text of the sentence ``finding`` starts in."""
    import bisect

    if not document.sentences:
        return document.text
    sentence = document.sentences[max(0, bisect.bisect_right(starts, finding.start) - 1)]
    return document.sentence_text(sentence)


def _about_names(finding: Finding) -> bool:
    """Whether a finding could be a name taken for a fault (spelling, untranslated, name rules)."""
    return finding.category in NAME_CATEGORIES or bool(_NAME_RULE.search(finding.rule))


# ---------------------------------------------------------------- reading and validating


def _where(path: str, number: int | None = None) -> str:
    return f"{path}: decision {number + 1}" if number is not None else path


def _decision(item: Any, number: int, path: str) -> Decision:
    where = _where(path, number)
    if not isinstance(item, dict):
        raise AuditorError(f"{where}: expected an object, got {type(item).__name__}")
    action = item.get("action")
    if action not in ACTIONS:
        raise AuditorError(f"{where}: action {action!r} is not one of {', '.join(ACTIONS)}")
    for key in ("document", *REQUIRED[action]):
        if key not in item:
            raise AuditorError(f"{where}: missing required key {key!r} for action {action!r}")
    for key in ("document", "rule", "text", "context", "replacement", "note"):
        value = item.get(key)
        if value is not None and not isinstance(value, str):
            raise AuditorError(f"{where}: {key} must be a string, got {type(value).__name__}")
    for key in ("document", *(k for k in REQUIRED[action] if k in ("context", "document") or action == "add-name")):
        if not item[key]:
            raise AuditorError(f"{where}: {key} is empty")
    for key in ("start", "end"):
        value = item.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            raise AuditorError(f"{where}: {key} must be a non-negative integer, got {value!r}")
    start, end = item.get("start"), item.get("end")
    if start is not None and end is not None and end < start:
        raise AuditorError(f"{where}: end {end} is before start {start}")
    return Decision(
        document=item["document"],
        action=action,
        text=item.get("text") or "",
        context=item.get("context") or "",
        rule=item.get("rule"),
        start=start,
        end=end,
        replacement=item.get("replacement"),
        note=item.get("note"),
        number=number,
    )


def parse_decisions(data: bytes, path: str) -> Decisions:
    """Validate a decisions file's bytes; every problem is one :class:`AuditorError` line naming ``path``."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AuditorError(f"{path}: not valid UTF-8") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise AuditorError(f"{path}: invalid JSON at line {error.lineno} column {error.colno}: {error.msg}") from None
    except RecursionError:
        raise AuditorError(f"{path}: invalid JSON: nested too deeply") from None
    if not isinstance(document, dict):
        raise AuditorError(f"{path}: expected a JSON object with \"format\" and \"decisions\"")
    if document.get("format") != FORMAT:
        raise AuditorError(f"{path}: format {document.get('format')!r} is not {FORMAT!r}")
    if "decisions" not in document:
        raise AuditorError(f"{path}: missing required key 'decisions'")
    items = document["decisions"]
    if not isinstance(items, list):
        raise AuditorError(f"{path}: decisions must be an array, got {type(items).__name__}")
    entries = tuple(_decision(item, number, path) for number, item in enumerate(items))
    return Decisions(entries=entries, path=path, digest=hashlib.sha256(data).hexdigest())


def load_decisions(path: Path | str) -> Decisions:
    """Read and validate a decisions file."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise AuditorError(f"{name}: decisions file not found") from None
    except IsADirectoryError:
        raise AuditorError(f"{name}: is a directory, expected a decisions JSON file") from None
    except OSError as error:
        raise AuditorError(f"{name}: cannot read ({error.strerror})") from None
    return parse_decisions(data, name)


# ---------------------------------------------------------------- the desk's CSV

#: Spreadsheets run a cell that starts with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    """A CSV cell a spreadsheet shows as text: a leading formula character gets a ``'`` before it."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_csv(decisions: Decisions, out: TextIO) -> int:
    """Write the desk's CSV (columns :data:`CSV_COLUMNS`); returns the number of rows."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for d in decisions.entries:
        writer.writerow([_cell(getattr(d, column)) for column in CSV_COLUMNS])
    return len(decisions.entries)
