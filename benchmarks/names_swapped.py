"""Replaced names in source languages DEMETR dev does not have: MLQE-PE post-edits with one name swapped.

DEMETR dev measures name replacement for de, pl, zh, ja and hi sources only; its held-out split has
others (fr, es, it, cs, ru). This benchmark builds the same damage on MLQE-PE dev post-edits (ro, et,
ru sources; correct translations by construction): in each post-edit with a name (a capitalised word
of 4+ letters after a lower-case word or comma, that only a name would be, optionally with a second
one), one name is put in place of another, drawn from the names DEMETR dev's own "names replaced"
perturbations insert. Seeded, so every run swaps the same names.

* caught: the source name checks (``source_tokens``, hints excluded) fire more often on the swapped
  post-edit than on the post-edit itself, as ``benchmarks.meaning`` counts a catch;
* alarms: post-edits (unswapped, the whole dev split) with a scored name finding, per 1,000.

    python -m benchmarks.names_swapped [--langs ro,et,ru] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # script or module
from benchmarks.demetr_data import demetr_dir
from benchmarks.meaning import MLQE, detokenise, findings, meaning_checks

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_JSON = ROOT / "benchmarks" / "results" / "names_swapped.json"
SEED = 7
_NAME = re.compile(r"(?<=[a-z,] )[A-Z][a-z]{3,}(?: [A-Z][a-z]{3,})?")


def name_pool(directory: Path) -> list[str]:
    """The names DEMETR dev's name-replacement perturbations put into their sentences."""
    from auditor.bilingual.name_sounds import name_runs, name_word

    items = json.loads((directory / "critical_id9_ne_replaced.json").read_text(encoding="utf-8"))
    pool = {item["pert_sent"][a:b] for item in items for a, b, words in name_runs(item["pert_sent"])
            if any(name_word(w) for w in words)}
    return sorted(pool)


def scored_names(checks: Sequence, source: str, target: str, lang: str) -> list[str]:
    """Rules of the scored name findings on one segment."""
    return [f.rule for f in findings(checks, source, target, lang) if f.severity.value != "hint"]


def measure(lang: str, pool: list[str], rng: random.Random) -> dict:
    """Catches on swapped post-edits and alarms on the post-edits themselves, for one pair."""
    from auditor.bilingual.name_sounds import name_word

    pair_dir = MLQE / f"{lang}-en-dev"
    checks = [c for c in meaning_checks(lang) if type(c).__module__.endswith("source_tokens")]
    sources = (pair_dir / "dev.src").read_text(encoding="utf-8").splitlines()
    edits = (pair_dir / "dev.pe").read_text(encoding="utf-8").splitlines()
    swapped = caught = alarms = 0
    rules: Counter = Counter()
    for raw_source, raw_edit in zip(sources, edits, strict=True):
        source, edit = detokenise(raw_source), detokenise(raw_edit)
        before = scored_names(checks, source, edit, lang)
        alarms += bool(before)
        names = [m for m in _NAME.finditer(edit) if all(name_word(w) for w in m.group(0).split())]
        if not names:
            continue
        name, new = rng.choice(names), rng.choice(pool)
        after = scored_names(checks, source, edit[: name.start()] + new + edit[name.end() :], lang)
        swapped += 1
        if len(after) > len(before):
            caught += 1
            rules.update(set(after) - set(before))
    return {"post_edits": len(edits), "swapped": swapped, "caught": round(100 * caught / swapped, 1) if swapped else None,
            "by_rule": dict(rules.most_common()), "alarms_per_1000": round(1000 * alarms / len(edits), 1)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--langs", default="ro,et,ru")
    parser.add_argument("--data", type=Path, default=demetr_dir())
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON)
    args = parser.parse_args(argv)
    for path in (args.data, MLQE):
        if not path.is_dir():
            print(f"error: {path}: no such directory (DEMETR dev and MLQE-PE are in ../shared/eval)", file=sys.stderr)
            return 2
    pool = name_pool(args.data)
    rng = random.Random(SEED)
    result = {lang: measure(lang, pool, rng) for lang in args.langs.split(",")}
    for lang, row in result.items():
        print(f"{lang}: {row['swapped']} swapped, caught {row['caught']} %, "
              f"alarms on the post-edits {row['alarms_per_1000']} per 1,000, {row['by_rule']}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
