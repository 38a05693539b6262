"""False alarms and recall of the MT-damage checks (attribution, repetition, untranslated, consistency).

Precision: every check runs over clean English from DEMETR dev - the human
translations (``eng_sent``) and the unperturbed MT (``mt_sent``) - and every
finding there counts as a false alarm, reported per 1,000 sentences per rule.
Sentence checks see one sentence per document; the consistency check sees
documents of ``--block`` consecutive sentences (DEMETR keeps sentences of one
source article next to each other), so it has something to compare.

Recall: the share of ``critical_id4_codemix`` items (a phrase left in the
source language) the untranslated check flags in ``pert_sent``, and how the
repetition perturbations ``minor_id1_repeat2``/``minor_id2_repeat4`` are
caught (by punctuation's ``doubled-word``; repetition must stay silent on them).

Usage: python benchmarks/mtchecks_false_alarms.py [--data DIR] [--limit N] [--block N] [--show]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # script or module
from benchmarks.demetr_data import demetr_dir

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.checks.attribution import AttributionCheck  # noqa: E402
from auditor.checks.consistency import ConsistencyCheck  # noqa: E402
from auditor.checks.punctuation import PunctuationCheck  # noqa: E402
from auditor.checks.repetition import RepetitionCheck  # noqa: E402
from auditor.checks.untranslated import UntranslatedCheck  # noqa: E402
from auditor.models import Document, Finding  # noqa: E402
from auditor.run.pipeline import segment_document  # noqa: E402

DEFAULT_DATA = demetr_dir()
SENTENCE_CHECKS = (AttributionCheck(), RepetitionCheck(), UntranslatedCheck())


def load(data: Path, name: str, limit: int | None) -> list[dict]:
    """Items of one DEMETR file that passed the perturbation check."""
    items = [
        x for x in json.loads((data / f"{name}.json").read_text(encoding="utf-8")) if x.get("pert_check")
    ]
    return items[:limit] if limit else items


def findings(text: str, checks=SENTENCE_CHECKS) -> list[tuple[Finding, str]]:
    """Findings of ``checks`` on ``text`` with the flagged span."""
    document = segment_document(Document(path="bench", text=text))
    return [(f, text[f.start : f.end]) for check in checks for f in check.check(document)]


def false_alarms(items: list[dict], block: int, show: bool) -> tuple[int, Counter]:
    """Findings per rule over eng_sent and mt_sent."""
    per_rule: Counter = Counter()
    sentences = 0
    for field in ("eng_sent", "mt_sent"):
        texts = [x[field] for x in items]
        sentences += len(texts)
        for item, text in zip(items, texts, strict=True):
            for finding, span in findings(text):
                per_rule[finding.rule] += 1
                if show:
                    print(f"  FA {field} id={item['id']} {finding.rule}: {span!r}")
        for i in range(0, len(texts), block):
            chunk = "\n\n".join(texts[i : i + block])
            for finding, span in findings(chunk, (ConsistencyCheck(),)):
                per_rule[finding.rule] += 1
                if show:
                    print(f"  FA {field} block={i} {finding.rule}: {span!r}")
    return sentences, per_rule


def codemix_recall(items: list[dict], show: bool) -> tuple[int, int, Counter]:
    """Codemix items whose pert_sent the untranslated check flags, by language."""
    caught = 0
    missed: Counter = Counter()
    check = (UntranslatedCheck(),)
    for item in items:
        if findings(item["pert_sent"], check):
            caught += 1
        else:
            missed[item["lang_tag"]] += 1
            if show:
                print(f"  MISS id={item['id']} {item['lang_tag']}: {item['pert_sent'][:120]}")
    return caught, len(items), missed


def repeat_interplay(items: list[dict]) -> tuple[int, int, int]:
    """(items, caught by doubled-word, flagged by the repetition check) for a repeat file."""
    doubled = repetition = 0
    for item in items:
        got = findings(item["pert_sent"], (PunctuationCheck(), RepetitionCheck()))
        doubled += any(f.rule == "doubled-word" for f, _ in got)
        repetition += any(f.rule in RepetitionCheck.rules for f, _ in got)
    return len(items), doubled, repetition


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None, help="use only the first N items of each file")
    parser.add_argument("--block", type=int, default=10, help="sentences per document for consistency")
    parser.add_argument("--show", action="store_true", help="print every false alarm and miss")
    args = parser.parse_args()
    started = time.perf_counter()

    base = load(args.data, "critical_id4_codemix", args.limit)
    sentences, per_rule = false_alarms(base, args.block, args.show)
    total = sum(per_rule.values())
    print(f"False alarms on clean English: {sentences} sentences (eng_sent + mt_sent)")
    print(f"{'rule':28} {'findings':>8} {'per 1,000':>10}")
    rules = [
        *AttributionCheck.rules,
        *RepetitionCheck.rules,
        *UntranslatedCheck.rules,
        *ConsistencyCheck.rules,
    ]
    for rule in rules:
        print(f"{rule:28} {per_rule[rule]:8d} {1000 * per_rule[rule] / sentences:10.1f}")
    print(f"{'TOTAL':28} {total:8d} {1000 * total / sentences:10.1f}")

    caught, n, missed = codemix_recall(base, args.show)
    print(
        f"\ncritical_id4_codemix recall: {caught}/{n} = {100 * caught / n:.1f}%"
        f"  misses by language: {dict(missed)}"
    )
    for name in ("minor_id1_repeat2", "minor_id2_repeat4"):
        items, doubled, repetition = repeat_interplay(load(args.data, name, args.limit))
        print(f"{name}: {items} items, doubled-word catches {doubled}, repetition rules fire on {repetition}")
    print(f"\n({time.perf_counter() - started:.1f}s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
