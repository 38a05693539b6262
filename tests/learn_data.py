"""Small MT/post-edit corpora for the ``auditor learn`` tests, generated from templates.

An engine with three habits its editors fix every time (*IA* for *AI*, *gambling theory* for
*game theory*, a stray *the* before country names), one habit editors fix only sometimes
(*around* → *about*), ordinary sentences editors leave alone, and post-edits that use
*gambling* correctly (so a rule on *gambling* alone must be dropped).
"""

from __future__ import annotations

from pathlib import Path

SUBJECTS = ["The minister", "A researcher", "The company", "Our reporter", "The court", "A spokesman",
            "The committee", "The university", "An analyst", "The agency", "The mayor", "A professor"]
VERBS = ["said", "argued", "noted", "explained", "warned", "claimed"]
COUNTRIES = ["Romania", "Estonia", "Nepal", "Sri Lanka", "Moldova", "Latvia"]


def corpus(size: int = 120) -> list[tuple[str, str]]:
    """``size`` (MT, post-edit) pairs, deterministic."""
    pairs: list[tuple[str, str]] = []
    for n in range(size):
        subject = SUBJECTS[n % len(SUBJECTS)]
        verb = VERBS[(n // len(SUBJECTS)) % len(VERBS)]
        country = COUNTRIES[(n // 6) % len(COUNTRIES)]
        year = 1990 + n % 30
        kind = n % 6
        if kind == 0:
            mt = f"{subject} {verb} that IA would change newsrooms by {year}."
            pe = f"{subject} {verb} that AI would change newsrooms by {year}."
        elif kind == 1:
            mt = f"{subject} {verb} that gambling theory explains the vote of {year}."
            pe = f"{subject} {verb} that game theory explains the vote of {year}."
        elif kind == 2:
            mt = f"{subject} {verb} that the {country} signed the treaty in {year}."
            pe = f"{subject} {verb} that {country} signed the treaty in {year}."
        elif kind == 3:
            mt = f"{subject} {verb} that around {n + 10} people attended in {year}."
            pe = f"{subject} {verb} that about {n + 10} people attended in {year}." if (n // 6) % 3 else mt
        elif kind == 4:
            mt = f"{subject} {verb} that gambling losses rose in {year}."
            pe = mt
        else:
            mt = f"{subject} {verb} that the report was published in {year}."
            pe = mt
        pairs.append((mt, pe))
    return pairs


def write(folder: Path, size: int = 120) -> tuple[Path, Path]:
    """Write the corpus as line-aligned ``mt.txt`` and ``pe.txt`` in ``folder``."""
    pairs = corpus(size)
    mt, pe = folder / "mt.txt", folder / "pe.txt"
    mt.write_text("".join(m + "\n" for m, _ in pairs), encoding="utf-8")
    pe.write_text("".join(p + "\n" for _, p in pairs), encoding="utf-8")
    return mt, pe
