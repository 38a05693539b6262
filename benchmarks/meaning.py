"""The meaning checks measured on their own, in process: recall on DEMETR, false alarms on
translations that are correct by construction.

* recall: for each DEMETR dev perturbation, the share of items where a meaning rule (hints
  excluded, as they cost no score) fires on the perturbed sentence more often than on its MT;
* false alarms: findings per 1,000 sentences, per rule, on DEMETR's 500 human translations and on
  the MLQE-PE dev post-edits (as targets with their sources; ro/et/ne/si have no marker table,
  so only ru is judged there besides the language-blind sentence-type rules).

Sources are given without ``--source-lang`` for DEMETR (each segment's language is guessed, as
``benchmarks.quality`` runs it) and with it for MLQE-PE.

    python -m benchmarks.meaning [--json PATH] [--data DIR] [--mlqe DIR]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # script or module
from benchmarks.demetr_data import demetr_dir

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_JSON = ROOT / "benchmarks" / "results" / "meaning.json"
MLQE = ROOT.parent / "shared" / "eval" / "mlqe-pe" / "post-editing"
#: Source checks measured beside the meaning checks: the names (issue 14's "people").
NAME_CHECKS = ("source_tokens",)
LANG_TAGS = {"chinese_simple": "zh", "japanese": "ja", "hindi": "hi", "german": "de", "polish": "pl",
             "russian": "ru", "czech": "cs", "french": "fr", "italian": "it", "spanish": "es"}


def meaning_checks(source_lang: str | None = None) -> list:
    """The meaning checks of the table (what ``auditor check --source`` adds with this issue) and the
    source name check (``source_tokens``: names missing, added or replaced)."""
    from auditor.checks import CheckOptions
    from auditor.checks.registry import CHECKS

    options = CheckOptions(grammar=False, source_lang=source_lang)
    return [entry.build(options) for entry in CHECKS if entry.module.startswith("meaning_") or entry.module in NAME_CHECKS]


def findings(checks: Sequence, source: str, target: str, lang: str | None) -> list:
    """Findings of ``checks`` on one source/target segment, as ``--lines --source`` reads it."""
    from auditor.models import Document
    from auditor.run.pipeline import segment_document

    document = Document(path="m.txt", text=target, lines=True, source=source, source_segments=[source],
                        source_lang=lang)
    segment_document(document)
    return [f for check in checks for f in check.check(document)]


def detokenise(text: str) -> str:
    """Undo MLQE-PE's Moses tokenisation well enough for closed-class markers."""
    text = re.sub(r"n ' t\b", "n't", text)
    text = re.sub(r" (n?['’][a-z]{1,2})\b", r"\1", text)
    text = re.sub(r" ([.,:;!?%)\]])", r"\1", text)
    return re.sub(r"([(\[$]) ", r"\1", text)


def scored(found: Iterable) -> Counter:
    """Rules of the findings that cost score points (hints left out)."""
    return Counter(f.rule for f in found if f.severity.value != "hint")


def demetr(data: Path, checks: Sequence) -> tuple[dict, dict, dict]:
    """Recall per perturbation and rule; false alarms on the human translations (all and by language)."""
    recall: dict[str, dict] = {}
    human: Counter = Counter()
    human_lang: dict[str, Counter] = defaultdict(Counter)
    human_n: Counter = Counter()
    for path in sorted(data.glob("*.json")):
        items = [i for i in json.loads(path.read_text(encoding="utf-8")) if i.get("pert_check", True)]
        hit = 0
        by_rule: Counter = Counter()
        by_lang: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for item in items:
            src, mt, pert = (" ".join(item[k].split()) for k in ("src_sent", "mt_sent", "pert_sent"))
            lang = LANG_TAGS[item["lang_tag"]]
            on_mt = scored(findings(checks, src, mt, None))
            on_pert = scored(findings(checks, src, pert, None))
            more = [rule for rule in on_pert if on_pert[rule] > on_mt.get(rule, 0)]
            by_lang[lang][1] += 1
            if more:
                hit += 1
                by_lang[lang][0] += 1
                by_rule.update(more)
            if path.stem == "base_id35_reference":
                human_n[lang] += 1
                for f in findings(checks, src, pert, None):
                    human[(f.rule, f.severity.value)] += 1
                    human_lang[lang][f.rule] += 1
        recall[path.stem] = {
            "items": len(items),
            "fires": round(hit / len(items), 4) if items else None,
            "by_rule": dict(by_rule.most_common()),
            "by_lang": {k: round(v[0] / v[1], 3) for k, v in sorted(by_lang.items())},
        }
    total = sum(human_n.values())
    alarms = {f"{rule} ({severity})": round(1000 * n / total, 1) for (rule, severity), n in human.most_common()}
    per_lang = {lang: {"sentences": human_n[lang],
                       **{rule: round(1000 * n / human_n[lang], 1) for rule, n in human_lang[lang].items()}}
                for lang in sorted(human_n)}
    return recall, {"sentences": total, "per_1000": alarms}, per_lang


def mlqe(directory: Path) -> dict:
    """False alarms per 1,000 post-edits of each MLQE-PE dev pair."""
    result = {}
    for pair_dir in sorted(directory.glob("*-en-dev")):
        lang = pair_dir.name.split("-")[0]
        checks = meaning_checks(lang)
        sources = (pair_dir / "dev.src").read_text(encoding="utf-8").splitlines()
        edits = (pair_dir / "dev.pe").read_text(encoding="utf-8").splitlines()
        counts: Counter = Counter()
        for src, pe in zip(sources, edits, strict=True):
            counts.update((f.rule, f.severity.value) for f in findings(checks, detokenise(src), detokenise(pe), lang))
        result[lang] = {"sentences": len(edits),
                        **{f"{rule} ({sev})": round(1000 * n / len(edits), 1) for (rule, sev), n in counts.most_common()}}
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=demetr_dir())
    parser.add_argument("--mlqe", type=Path, default=MLQE)
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON)
    parser.add_argument("--only", default="", help="comma-separated DEMETR file stems (quick look)")
    args = parser.parse_args(argv)
    checks = meaning_checks(None)
    data = args.data
    if args.only:
        import shutil
        import tempfile

        tmp = Path(tempfile.mkdtemp(prefix="meaning-"))
        for stem in args.only.split(","):
            shutil.copy(data / f"{stem}.json", tmp)
        data = tmp
    recall, human, per_lang = demetr(data, checks)
    result = {"demetr_recall": recall, "demetr_human": human, "demetr_human_by_lang": per_lang}
    if not args.only:
        result["mlqe_pe_dev"] = mlqe(args.mlqe)
    print(json.dumps(result, indent=1, ensure_ascii=False))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
