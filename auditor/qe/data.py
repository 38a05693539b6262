"""Read MLQE-PE (``shared/eval/mlqe-pe``): sources, MT, post-edit labels and human judgements.

Each segment's MT is detokenised (:mod:`auditor.bilingual.detok`) so it reads like the text
auditor sees, keeping each token's characters for the word labels. ``model_scores`` (the MT
system's own log-probability) is kept apart as ``anchor``: a benchmark comparison, never a feature.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

from auditor.bilingual.detok import detokenize

PAIRS = ("ro", "et", "ru", "ne", "si")


@dataclass(frozen=True)
class Segment:
    """One MLQE-PE segment."""

    lang: str
    source: str
    mt: str
    mt_tokens: tuple[str, ...]
    mt_spans: tuple[tuple[int, int], ...]
    source_tokens: tuple[str, ...]
    alignments: str
    word_bad: tuple[bool, ...]  # per MT token: the post-editor changed or deleted it
    hter: float
    da: float  # z_mean of the direct assessments
    anchor: float  # model_scores: for comparison only, never a feature


def default_root() -> Path:
    """``shared/eval/mlqe-pe`` next to the repository (the worktree's ``../shared`` link)."""
    here = Path(__file__).resolve().parents[2]
    for base in (here / "shared", here.parent / "shared"):
        if (base / "eval" / "mlqe-pe").is_dir():
            return base / "eval" / "mlqe-pe"
    return here.parent / "shared" / "eval" / "mlqe-pe"


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def split_files(lang: str, split: str, root: Path | None = None) -> list[Path]:
    """The files a pair's split is read from (for hashing)."""
    base = root or default_root()
    pe = base / "post-editing" / f"{lang}-en-{split}"
    da = base / "direct-assessments" / f"{lang}-en-{split}" / f"{split}.{lang}en.df.short.tsv"
    names = ("src", "mt", "hter", "tags", "src-mt.alignments")
    return [pe / f"{split}.{name}" for name in names] + [da]


def data_hash(langs: tuple[str, ...], splits: tuple[str, ...], root: Path | None = None) -> str:
    """SHA-256 over every file the given pairs and splits are read from."""
    digest = hashlib.sha256()
    for lang in langs:
        for split in splits:
            for path in split_files(lang, split, root):
                digest.update(path.name.encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def load_split(lang: str, split: str, root: Path | None = None) -> list[Segment]:
    """All segments of ``lang``-en ``split`` (``train`` or ``dev``)."""
    src_p, mt_p, hter_p, tags_p, align_p, da_p = split_files(lang, split, root)
    with da_p.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    src, mt, hter, tags, align = (_lines(p) for p in (src_p, mt_p, hter_p, tags_p, align_p))
    segments = []
    for k, tokens_line in enumerate(mt):
        tokens = tokens_line.split()
        text, spans = detokenize(tokens)
        labels = tags[k].split()
        word_tags = labels[1::2] if len(labels) == 2 * len(tokens) + 1 else labels
        segments.append(
            Segment(
                lang=lang,
                source=rows[k]["original"].strip(),
                mt=text,
                mt_tokens=tuple(tokens),
                mt_spans=tuple(spans),
                source_tokens=tuple(src[k].split()),
                alignments=align[k],
                word_bad=tuple(tag == "BAD" for tag in word_tags),
                hter=float(hter[k]),
                da=float(rows[k]["z_mean"]),
                anchor=float(rows[k]["model_scores"]),
            )
        )
    return segments
