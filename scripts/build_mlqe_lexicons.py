"""Rebuild ``rules/lexicons/<lang>-en.mlqe.tsv`` from the MLQE-PE train split (ro, et, ru, ne, si).

    .venv/bin/python scripts/build_mlqe_lexicons.py [--root ../shared/eval/mlqe-pe]

Only the train split is read (its word alignments and the post-editors' OK/BAD word tags), so dev
stays unseen. Deterministic: the same data gives byte-identical files.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from auditor.qe.data import PAIRS, data_hash, default_root
from auditor.qe.lexlearn import build_lexicon, learn_pairs, lexicon_lines

MIN_COUNT = 2
TOP = 3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=None)
    args = parser.parse_args()
    root = args.root or default_root()
    out_dir = Path(__file__).resolve().parents[1] / "rules" / "lexicons"
    for lang in PAIRS:
        base = root / "post-editing" / f"{lang}-en-train"
        read = [(base / f"train.{name}").read_text(encoding="utf-8").splitlines()
                for name in ("src", "mt", "src-mt.alignments", "tags")]
        lexicon = build_lexicon(learn_pairs(*read), min_count=MIN_COUNT, top=TOP)
        header = [
            f"source: learned from MLQE-PE {lang}-en train (sheffieldnlp/mlqe-pe) word alignments, "
            f"MT words the post-editor kept; min count {MIN_COUNT}, top {TOP} per word",
            "licence: CC0 1.0 (the data's licence); rebuild: scripts/build_mlqe_lexicons.py",
            f"data sha256: {data_hash((lang,), ('train',), root)[:16]}",
        ]
        path = out_dir / f"{lang}-en.mlqe.tsv"
        path.write_text("\n".join(lexicon_lines(lexicon, header)) + "\n", encoding="utf-8")
        print(f"{path.name}: {len(lexicon)} words, {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
