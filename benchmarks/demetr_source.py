"""DEMETR with sources: how often does a perturbation score below its unperturbed MT?

For each perturbation file and each source language, writes the sources, the MT and the
perturbed MT as line-aligned files, runs ``auditor check --lines --source SRC --source-lang L
--no-grammar --format json`` on both and compares the per-line scores. Items with
``pert_check`` false are skipped.

    python benchmarks/demetr_source.py [PERTURBATION_NAME ...] [--data DIR]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # script or module
from benchmarks.demetr_data import demetr_dir

LANGS = {
    "chinese_simple": "zh",
    "japanese": "ja",
    "hindi": "hi",
    "german": "de",
    "polish": "pl",
    "russian": "ru",
    "czech": "cs",
    "french": "fr",
    "italian": "it",
    "spanish": "es",
}


def run_auditor(target: Path, source: Path, lang: str) -> list[dict]:
    """Per-line sentence dicts of a real CLI run."""
    command = [
        sys.executable,
        "-m",
        "auditor",
        "check",
        str(target),
        "--lines",
        "--source",
        str(source),
        "--source-lang",
        lang,
        "--no-grammar",
        "--format",
        "json",
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)["documents"][0]["sentences"]


def evaluate(path: Path, workdir: Path) -> dict:
    """Below/tie/above counts and the rules that fired on the perturbed lines."""
    items = [i for i in json.loads(path.read_text(encoding="utf-8")) if i["pert_check"]]
    by_lang = defaultdict(list)
    for item in items:
        by_lang[LANGS[item["lang_tag"]]].append(item)
    outcome: Counter = Counter()
    rules: Counter = Counter()
    mt_rules: Counter = Counter()
    for lang, group in sorted(by_lang.items()):
        files = {}
        for field in ("src_sent", "mt_sent", "pert_sent"):
            files[field] = workdir / f"{path.stem}.{lang}.{field}.txt"
            files[field].write_text(
                "\n".join(" ".join(i[field].split()) for i in group) + "\n", encoding="utf-8"
            )
        mt = run_auditor(files["mt_sent"], files["src_sent"], lang)
        pert = run_auditor(files["pert_sent"], files["src_sent"], lang)
        for a, b in zip(mt, pert, strict=True):
            outcome[
                "below" if b["score"] < a["score"] else "tie" if b["score"] == a["score"] else "above"
            ] += 1
            rules.update({f["rule"] for f in b["findings"] if f["origin"].startswith("source-")})
            mt_rules.update({f["rule"] for f in a["findings"] if f["origin"].startswith("source-")})
    total = sum(outcome.values())
    return {
        "name": path.stem,
        "items": total,
        "below": outcome["below"],
        "tie": outcome["tie"],
        "above": outcome["above"],
        "rate": round(outcome["below"] / total, 4) if total else None,
        "pert_rules": dict(rules.most_common()),
        "mt_rules": dict(mt_rules.most_common()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*")
    parser.add_argument("--data", default=str(demetr_dir()))
    args = parser.parse_args()
    data = Path(args.data)
    names = args.names or sorted(p.stem for p in data.glob("*.json"))
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            print(json.dumps(evaluate(data / f"{name}.json", Path(tmp)), ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
