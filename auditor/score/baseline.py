"""Baselines: accept today's findings so that CI fails only on new ones.

A finding is identified by the document path, its rule, its flagged text
(case-folded, whitespace collapsed) and a fingerprint of up to four words on
either side. Line numbers and offsets are not part of the key, so a finding
survives lines being added or moved above it; editing the words right around
it makes it new again. Identical keys are counted, so a third occurrence of
an accepted finding is still reported.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path, PurePath
from typing import Any, TextIO

from auditor import __version__
from auditor.errors import AuditorError
from auditor.language.text_utils import WORD
from auditor.models import Finding
from auditor.report.model import DocumentResult

SCHEMA = "auditor-baseline/1"
CONTEXT_WORDS = 4
_WINDOW = 160

Key = tuple[str, str, str, str]


def normalise_text(text: str) -> str:
    """Case-folded text with runs of whitespace collapsed to one space."""
    return " ".join(text.casefold().split())


def normalise_path(path: str) -> str:
    """A stable spelling of a document path: POSIX separators, relative to the cwd when inside it."""
    pure = PurePath(path)
    if pure.is_absolute():
        with contextlib.suppress(ValueError, OSError):
            pure = Path(path).resolve().relative_to(Path.cwd().resolve())
    posix = pure.as_posix()
    return posix[2:] if posix.startswith("./") else posix


def context_fingerprint(text: str, start: int, end: int) -> str:
    """A short hash of the words just before and just after ``text[start:end]``."""
    before = WORD.findall(text[max(0, start - _WINDOW) : start])[-CONTEXT_WORDS:]
    after = WORD.findall(text[end : end + _WINDOW])[:CONTEXT_WORDS]
    material = " ".join(before).casefold() + "\x1f" + " ".join(after).casefold()
    return hashlib.sha1(material.encode("utf-8")).hexdigest()[:16]


def finding_key(path: str, text: str, finding: Finding) -> Key:
    """The identity of a finding that a baseline records."""
    return (
        normalise_path(path),
        finding.rule,
        normalise_text(text[finding.start : finding.end]),
        context_fingerprint(text, finding.start, finding.end),
    )


class Baseline:
    """A multiset of accepted finding keys."""

    def __init__(self, counts: Counter[Key] | None = None, source: Path | None = None) -> None:
        self.counts: Counter[Key] = counts or Counter()
        self.source = source

    def __len__(self) -> int:
        return sum(self.counts.values())

    def add(self, result: DocumentResult) -> None:
        """Accept every finding of ``result``."""
        text = result.document.text
        for finding in result.findings:
            self.counts[finding_key(result.document.path, text, finding)] += 1

    def known(self, path: str, text: str, findings: Iterable[Finding]) -> list[bool]:
        """For each finding of one document, whether the baseline already accepts it."""
        used: Counter[Key] = Counter()
        flags = []
        for finding in findings:
            key = finding_key(path, text, finding)
            accepted = used[key] < self.counts.get(key, 0)
            if accepted:
                used[key] += 1
            flags.append(accepted)
        return flags

    def to_json(self) -> dict[str, Any]:
        """The baseline file's content, sorted so that it diffs well in version control."""
        entries = [
            {"path": p, "rule": r, "text": t, "context": c, "count": n}
            for (p, r, t, c), n in sorted(self.counts.items())
        ]
        return {"schema": SCHEMA, "tool": {"name": "auditor", "version": __version__}, "findings": entries}

    def write(self, out: TextIO) -> None:
        """Write the baseline as indented JSON."""
        json.dump(self.to_json(), out, ensure_ascii=False, indent=1)
        out.write("\n")

    @classmethod
    def load(cls, path: Path) -> Baseline:
        """Read a baseline file; any problem is one clear error naming the file."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise AuditorError(
                f"{path}: baseline file not found (create it with: auditor baseline create)"
            ) from None
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or error
            raise AuditorError(f"{path}: cannot read baseline ({reason})") from None
        except json.JSONDecodeError as error:
            raise AuditorError(
                f"{path}: baseline is not valid JSON ({error.msg} at line {error.lineno})"
            ) from None
        if not isinstance(data, dict) or data.get("schema") != SCHEMA:
            raise AuditorError(f"{path}: not an auditor baseline (expected \"schema\": \"{SCHEMA}\")")
        counts: Counter[Key] = Counter()
        entries = data.get("findings")
        if not isinstance(entries, list):
            raise AuditorError(f"{path}: baseline has no \"findings\" array")
        for number, entry in enumerate(entries):
            try:
                key = (entry["path"], entry["rule"], entry["text"], entry["context"])
                count = entry.get("count", 1)
            except (KeyError, TypeError, AttributeError):
                raise AuditorError(
                    f"{path}: baseline entry {number} lacks path, rule, text or context"
                ) from None
            if not all(isinstance(k, str) for k in key) or not isinstance(count, int) or count < 1:
                raise AuditorError(f"{path}: baseline entry {number} has a bad value")
            counts[key] += count
        return cls(counts, path)


def display(path: Path) -> str:
    """A path as the user would like to read it."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
