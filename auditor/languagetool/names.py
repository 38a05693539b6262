"""Keep people and places out of the spelling findings without hiding real misspellings.

LanguageTool's dictionary lacks most names in the news (Qamishli, Khirbet Ammu,
Caggins). A capitalised token it calls a misspelling is treated as a name when it
is on the editable allowlist ``rules/names.txt``, looks like one (all capitals,
inner capitals, digits), or has no close common-word correction. It stays a
spelling finding when one edit turns it into a frequent word (``Teh`` -> ``The``,
``Washingtn`` -> ``Washington``) and it is not spelled that way again in the same
document (a writer who repeats a spelling means it). Mid-sentence, where the capital
itself says "name", the bar is higher: a long token and a very frequent correction.
Lowercase tokens are never taken for names unless allowlisted.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from auditor.resources import rules_dir

#: A suggestion this frequent (Zipf scale) one edit away marks a real misspelling ...
COMMON_ZIPF = 3.5
#: ... but mid-sentence, where capitals already say "name", only a very frequent one,
#: and only for tokens this long (short capitalised tokens are names and acronyms).
MID_SENTENCE_ZIPF = 4.0
MID_SENTENCE_MIN_LENGTH = 6
_SENTENCE_END = re.compile(r"(^|[.!?:\n]['’\"”)\]]*)\s*$")
_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)
_POSSESSIVE = re.compile(r"['’]s?$")


def load_allowlist(path: Path | None = None) -> frozenset[str]:
    """Names from ``rules/names.txt``: one per line, ``#`` starts a comment, case-insensitive."""
    path = path or rules_dir() / "names.txt"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return frozenset()
    return frozenset(
        line.split("#", 1)[0].strip().casefold() for line in lines if line.split("#", 1)[0].strip()
    )


def edit_distance_at_most_one(a: str, b: str) -> bool:
    """True when ``a`` becomes ``b`` by at most one insertion, deletion, substitution or swap."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


class NameFilter:
    """Decides whether a flagged capitalised token is a name (not a typo)."""

    def __init__(self, allowlist: frozenset[str] | None = None) -> None:
        self.allowlist = load_allowlist() if allowlist is None else allowlist

    @staticmethod
    def capitalised_counts(text: str) -> Counter[str]:
        """How often each capitalised token occurs in ``text``."""
        return Counter(
            t for t in (_POSSESSIVE.sub("", m.group()) for m in _TOKEN.finditer(text)) if t[:1].isupper()
        )

    @staticmethod
    def starts_sentence(text: str, start: int) -> bool:
        """True when the token at ``start`` opens a sentence, line or quotation."""
        return bool(_SENTENCE_END.search(text[max(0, start - 12) : start])) or start == 0

    def is_name(
        self,
        token: str,
        suggestions: tuple[str, ...] | list[str],
        counts: Counter[str],
        sentence_initial: bool = True,
    ) -> bool:
        """True when ``token`` (flagged as a misspelling) should be taken as a name."""
        bare = _POSSESSIVE.sub("", token.strip())
        if not bare:
            return False
        if bare.casefold() in self.allowlist or all(
            part.casefold() in self.allowlist for part in re.split(r"[-\s]", bare) if part
        ):
            return True
        if not bare[:1].isupper():
            return False
        if (
            (bare.isupper() and len(bare) > 1)
            or any(c.isupper() for c in bare[1:])
            or any(c.isdigit() for c in bare)
        ):
            return True
        if counts.get(bare, 0) >= 2:
            return True
        if not sentence_initial and len(bare) < MID_SENTENCE_MIN_LENGTH:
            return True
        from wordfreq import zipf_frequency  # ~0.4 s to import; most runs never get here

        bar = COMMON_ZIPF if sentence_initial else MID_SENTENCE_ZIPF
        folded = bare.casefold()
        for suggestion in suggestions[:5]:
            if " " in suggestion:  # "Rossby" -> "Ross by" says nothing about a name
                continue
            if (
                edit_distance_at_most_one(folded, suggestion.casefold())
                and zipf_frequency(suggestion, "en") >= bar
            ):
                return False
        return True
