"""Learn a source→English word lexicon from MT word alignments and post-editors' word labels.

A source word aligned to an MT word that the post-editor kept (tag OK) is evidence that the MT word
translates it. Pairs seen at least ``min_count`` times, carrying at least ``min_share`` of the source
word's kept alignments, make the lexicon (the ``top`` most frequent per word).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from auditor.bilingual.lexicon import _ENGLISH_STOP, fold


def _wordlike(token: str) -> bool:
    return any(ch.isalpha() for ch in token) and not any(ch.isdigit() for ch in token)


def learn_pairs(
    src_lines: Iterable[str], mt_lines: Iterable[str], align_lines: Iterable[str], tag_lines: Iterable[str]
) -> Counter[tuple[str, str]]:
    """Counts of (source word, MT word) aligned pairs whose MT word was kept, lower case."""
    counts: Counter[tuple[str, str]] = Counter()
    for src, mt, align, tags in zip(src_lines, mt_lines, align_lines, tag_lines, strict=True):
        source, target, labels = src.split(), mt.split(), tags.split()
        word_tags = labels[1::2] if len(labels) == 2 * len(target) + 1 else labels
        for link in align.split():
            i, _, j = link.partition("-")
            if not (i.isdigit() and j.isdigit()):
                continue
            s, t = int(i), int(j)
            if s >= len(source) or t >= len(target) or t >= len(word_tags) or word_tags[t] != "OK":
                continue
            a, b = fold(source[s]), fold(target[t])
            if _wordlike(a) and _wordlike(b) and b not in _ENGLISH_STOP:
                counts[(a, b)] += 1
    return counts


def build_lexicon(
    counts: Counter[tuple[str, str]], min_count: int = 2, min_share: float = 0.1, top: int = 3
) -> dict[str, list[str]]:
    """Source word → its most frequent kept translations (see module doc)."""
    by_source: dict[str, Counter[str]] = defaultdict(Counter)
    for (a, b), n in counts.items():
        by_source[a][b] += n
    lexicon: dict[str, list[str]] = {}
    for word, options in by_source.items():
        total = sum(options.values())
        kept = [b for b, n in options.most_common(top) if n >= min_count and n / total >= min_share]
        if kept:
            lexicon[word] = kept
    return lexicon


def lexicon_lines(lexicon: dict[str, list[str]], header: Sequence[str]) -> list[str]:
    """The TSV lines of a lexicon file (``# header`` lines first, words sorted)."""
    lines = [f"# {line}" for line in header]
    lines += [f"{word}\t{'|'.join(options)}" for word, options in sorted(lexicon.items())]
    return lines
