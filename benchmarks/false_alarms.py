"""False-alarm report: every non-LanguageTool check and every rule pack over clean professional English.

Runs the whole rule set (all packs switched on, grammar off, the same checks
``auditor check --no-grammar --pack all`` builds) over the human translations
(``eng_sent``) and the unperturbed machine translations (``mt_sent``) of the
DEMETR dev split, deduplicated, one sentence per segment as with ``--lines``.
Every finding there is a false alarm or a real slip in published text; the
report counts them per 1,000 sentences per rule and per pack.

    python benchmarks/false_alarms.py [--data DIR] [--show] [--output FILE]

Target: at most 5 findings per 1,000 sentences in total for the MT-damage packs
(mt-calques and the false-friend packs); house style is reported separately.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # script or module
from benchmarks.demetr_data import demetr_dir

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.checks import CheckOptions, build_checks  # noqa: E402
from auditor.models import Document  # noqa: E402
from auditor.rule_catalogue import all_rules  # noqa: E402
from auditor.run.pipeline import audit_document  # noqa: E402
from auditor.score.scoring import ScoringModel  # noqa: E402
from auditor.segment import segment_lines  # noqa: E402

DEFAULT_DATA = demetr_dir()
TARGET_PER_1000 = 5.0


def clean_sentences(data: Path) -> list[str]:
    """Unique ``eng_sent`` and ``mt_sent`` of every item whose perturbation applied, in file order."""
    seen: dict[str, None] = {}
    files = sorted(data.glob("*.json"))
    if not files:
        raise SystemExit(f"false_alarms: no DEMETR *.json files in {data}")
    for path in files:
        for item in json.loads(path.read_text(encoding="utf-8")):
            if not item.get("pert_check", True):
                continue
            for key in ("eng_sent", "mt_sent"):
                text = " ".join(str(item.get(key) or "").split())
                if text:
                    seen.setdefault(text, None)
    return list(seen)


def run(sentences: list[str]) -> tuple[Counter[str], list[tuple[str, str, str]]]:
    """Findings per rule, and (rule, flagged text, sentence) for each finding.

    Each sentence is its own one-line document (``--lines``): the items are unrelated, so
    document-level checks (quote style, consistency) must not compare one item with another.
    """
    checks = build_checks(CheckOptions(grammar=False, packs=("all",)))
    counts: Counter[str] = Counter()
    examples: list[tuple[str, str, str]] = []
    for number, sentence in enumerate(sentences):
        document = Document(path=f"demetr-clean-{number}", text=sentence, lines=True)
        document.sentences = segment_lines(sentence)
        for finding in audit_document(document, checks, ScoringModel()).findings:
            counts[finding.rule] += 1
            examples.append((finding.rule, sentence[finding.start : finding.end], sentence))
    return counts, examples


def group_of(source: str) -> str:
    """Which total a rule counts towards."""
    if source == "pack:house-style":
        return "house style (optional pack)"
    if source.startswith("pack:"):
        return "MT-damage packs"
    return "built-in checks"


def report(counts: Counter[str], total: int) -> str:
    """A Markdown table of findings per 1,000 sentences, by group, source and rule."""
    sources = {r.id: r.source for r in all_rules()}
    rows: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    for rule_id in sorted(set(sources) | set(counts)):
        source = sources.get(rule_id, "unregistered")
        rows[group_of(source)].append((source, rule_id, counts.get(rule_id, 0)))
    lines = [f"Sentences: {total} (DEMETR dev eng_sent + mt_sent, deduplicated)", ""]
    for group in ("MT-damage packs", "house style (optional pack)", "built-in checks"):
        group_rows = rows.get(group, [])
        found = sum(n for _, _, n in group_rows)
        rate = 1000 * found / total
        verdict = ""
        if group == "MT-damage packs":
            verdict = " (target <= 5: " + ("met" if rate <= TARGET_PER_1000 else "NOT met") + ")"
        lines += [f"### {group}: {found} findings, {rate:.2f} per 1,000 sentences{verdict}", ""]
        lines += ["| source | rule | findings | per 1,000 |", "|---|---|---:|---:|"]
        for source, rule_id, n in sorted(group_rows, key=lambda row: (-row[2], row[0], row[1])):
            if n:
                lines.append(f"| {source} | {rule_id} | {n} | {1000 * n / total:.2f} |")
        silent = [r for _, r, n in group_rows if not n]
        if silent:
            lines.append(f"| (every other rule of this group) | {len(silent)} rules | 0 | 0.00 |")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="DEMETR dev directory (*.json)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N sentences (quick look)")
    parser.add_argument("--show", action="store_true", help="print every flagged span with its sentence")
    parser.add_argument("--output", type=Path, help="also write the Markdown table to this file")
    args = parser.parse_args(argv)
    sentences = clean_sentences(args.data)
    if args.limit:
        sentences = sentences[: args.limit]
    counts, examples = run(sentences)
    table = report(counts, len(sentences))
    print(table)
    if args.show:
        for rule_id, span, sentence in sorted(examples):
            print(f"{rule_id}\t{span!r}\t{sentence}")
    if args.output:
        args.output.write_text(table + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
