"""DEMETR quality benchmark: does the sentence score rank translations the way experts do?

For every perturbation type of the DEMETR dev split, pairwise accuracy is the share
of items whose perturbed sentence scores strictly below its unperturbed machine
translation (ties are misses, as in Karpinska et al. 2022). For
``base_id35_reference`` the perturbed sentence is the human translation, and the
figure is the share where it scores below the MT (lower is better).

The scores come from the real ``auditor check --lines --format json``, run once per
mode over all sentences at once:

* ``target``     – the translation alone;
* ``source``     – with ``--source`` (the source sentence), when the CLI has it;
* ``reference``  – with ``--reference`` (the human translation), when the CLI has it;
* ``languagetool`` – only the LanguageTool findings of the target run, scored alike;
* ``chrf``       – sacrebleu's sentence chrF against the human reference.

Usage::

    python -m benchmarks.quality [--data DIR] [--limit N] [--no-grammar] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import math
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # script or module
from benchmarks.demetr_data import demetr_dir

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = demetr_dir()
DEFAULT_JSON = ROOT / "benchmarks" / "results" / "quality.json"
HUMAN = "base_id35_reference"
MODES = ("target", "source", "reference", "languagetool", "chrf")

#: What each DEMETR file really perturbs, where its name misleads.
NOTES = {
    "minor_id15_case": "pronoun case (I -> me), not letter case",
    HUMAN: "human translation below MT: lower is better",
}


@dataclass(frozen=True)
class Item:
    """One DEMETR item: a machine translation and its perturbed version."""

    kind: str
    id: int
    src: str
    ref: str
    mt: str
    pert: str


def _line(text: str) -> str:
    """A sentence as one line (two dev items contain line breaks)."""
    return " ".join(text.splitlines()) if text else ""


def load_items(data: Path, limit: int | None = None) -> dict[str, list[Item]]:
    """Items per perturbation type (the file name), skipping ``pert_check`` false."""
    files = sorted(data.glob("*.json"))
    if not files:
        raise SystemExit(f"quality: no DEMETR *.json files in {data}")
    kinds: dict[str, list[Item]] = {}
    for path in files:
        items = [
            Item(path.stem, int(raw["id"]), _line(raw["src_sent"]), _line(raw["eng_sent"]),
                 _line(raw["mt_sent"]), _line(raw["pert_sent"]))
            for raw in json.loads(path.read_text(encoding="utf-8"))
            if raw.get("pert_check", True)
        ]
        kinds[path.stem] = items[:limit] if limit else items
    return kinds


def sort_key(kind: str) -> tuple[int, int]:
    """base last, then by severity and DEMETR id."""
    order = {"minor": 0, "major": 1, "critical": 2, "base": 3}
    head, _, rest = kind.partition("_id")
    number = int("".join(c for c in rest.split("_")[0] if c.isdigit()) or 0)
    return order.get(head, 4), number


def pairwise_accuracy(pairs: Iterable[tuple[float, float]]) -> float | None:
    """Share of (mt_score, perturbed_score) pairs with the perturbed one strictly lower."""
    pairs = list(pairs)
    if not pairs:
        return None
    return sum(pert < mt for mt, pert in pairs) / len(pairs)


def cli_options() -> str:
    """The help text of ``auditor check``, to see which options this build has."""
    done = subprocess.run([sys.executable, "-m", "auditor", "check", "--help"], cwd=ROOT,
                          capture_output=True, text=True, env=_env())
    return done.stdout


def has_option(help_text: str, option: str) -> bool:
    """Whether ``option`` itself (not a longer one such as ``--source-lang``) is in the help."""
    return re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", help_text) is not None


def _env() -> dict[str, str]:
    import os

    env = dict(os.environ)
    env["COLUMNS"] = "200"
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def run_auditor(
    hyps: Sequence[str], extra: Mapping[str, Sequence[str]], flags: Sequence[str], work: Path, name: str
) -> list[dict]:
    """Run ``auditor check --lines --format json`` once over all ``hyps``; one sentence dict per line.

    ``extra`` maps an option (``--source``) to its line-aligned texts.
    """
    hyp_file = work / f"{name}.txt"
    hyp_file.write_text("\n".join(hyps) + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "auditor", "check", str(hyp_file), "--lines", "--format", "json",
               "--output", str(work / f"{name}.json"), *flags]
    for option, texts in extra.items():
        side = work / f"{name}{option.replace('-', '_')}.txt"
        side.write_text("\n".join(texts) + "\n", encoding="utf-8")
        command += [option, str(side)]
    started = time.monotonic()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=_env())
    if done.returncode != 0 or not (work / f"{name}.json").exists():
        raise RuntimeError(f"exit {done.returncode} in mode {name}: {done.stderr.strip()[-500:]}")
    print(f"  {name}: {len(hyps)} lines in {time.monotonic() - started:.0f}s", file=sys.stderr)
    report = json.loads((work / f"{name}.json").read_text(encoding="utf-8"))
    sentences = report["documents"][0]["sentences"]
    if len(sentences) != len(hyps):
        raise RuntimeError(f"mode {name}: {len(sentences)} sentences for {len(hyps)} lines")
    return sentences


def _is_languagetool(finding: Mapping) -> bool:
    return "languagetool" in str(finding.get("origin", "")).lower()


def languagetool_score(sentence: Mapping) -> float:
    """The sentence scored with only its LanguageTool findings, by auditor's own scoring model."""
    from auditor.models import Finding, Severity
    from auditor.score.scoring import ScoringModel

    findings = [
        Finding(f["rule"], f["category"], Severity(f["severity"]), f["start"], f["end"], f["message"])
        for f in sentence["findings"] if _is_languagetool(f)
    ]
    return ScoringModel().score(findings, int(sentence.get("words", 0) or _words(sentence["text"])))


def _words(text: str) -> int:
    from auditor.language.text_utils import word_count

    return word_count(text)


def score_mode(kinds: Mapping[str, list[Item]], mode: str, args: argparse.Namespace, work: Path,
               help_text: str) -> tuple[dict[tuple[str, str], float] | None, str, list[dict]]:
    """Scores keyed by (hypothesis, side text) for one mode, or None with the reason."""
    items = [item for group in kinds.values() for item in group]
    if mode == "chrf":
        from sacrebleu.metrics import CHRF

        chrf = CHRF()
        keys = {(hyp, item.ref) for item in items for hyp in (item.mt, item.pert)}
        return {key: chrf.sentence_score(key[0], [key[1]]).score for key in keys}, "", []
    side_of = {"target": None, "source": "src", "reference": "ref"}[mode]
    option = {"source": "--source", "reference": "--reference"}.get(mode)
    if option and not has_option(help_text, option):
        return None, f"this build of auditor check has no {option}", []
    flags = ["--no-grammar"] if args.no_grammar else []
    if args.qe_model:
        flags += ["--qe-model", args.qe_model]
    if mode == "reference" and has_option(help_text, "--score-with"):
        flags += ["--score-with", "reference"]
    keys = sorted({(hyp, getattr(item, side_of) if side_of else "") for item in items
                   for hyp in (item.mt, item.pert)})
    extra = {option: [side for _, side in keys]} if option else {}
    sentences = run_auditor([hyp for hyp, _ in keys], extra, flags, work, mode)
    return {key: s["score"] for key, s in zip(keys, sentences, strict=True)}, "", sentences


def accuracies(kinds: Mapping[str, list[Item]], scores: Mapping[tuple[str, str], float],
               side: str | None) -> dict[str, float | None]:
    """Pairwise accuracy per perturbation type."""
    result = {}
    for kind, items in kinds.items():
        def key(hyp: str, item: Item) -> tuple[str, str]:
            return hyp, (getattr(item, side) if side else "")
        result[kind] = pairwise_accuracy((scores[key(i.mt, i)], scores[key(i.pert, i)]) for i in items)
    return result


def clean_alarms(sentences: Sequence[Mapping], clean: set[str]) -> dict:
    """Findings per 1,000 clean sentences (MT and human translations), by rule."""
    rules: Counter[str] = Counter()
    seen = 0
    for sentence in sentences:
        if sentence["text"] in clean:
            seen += 1
            rules.update(f["rule"] for f in sentence["findings"])
    per_k = {rule: round(1000 * n / seen, 1) for rule, n in rules.most_common()} if seen else {}
    total = round(1000 * sum(rules.values()) / seen, 1) if seen else 0
    return {"sentences": seen, "findings_per_1000": total, "by_rule": per_k}


def format_table(table: Mapping[str, Mapping[str, float | None]], counts: Mapping[str, int],
                 reasons: Mapping[str, str]) -> str:
    """A Markdown table: one row per perturbation type, one column per mode."""
    head = "| perturbation | n | " + " | ".join(MODES) + " |"
    rule = "|" + "---|" * (len(MODES) + 2)
    rows = [head, rule]
    for kind in sorted(table, key=sort_key):
        cells = []
        for mode in MODES:
            value = table[kind].get(mode)
            cells.append("n/a" if value is None else f"{100 * value:.1f}")
        label = kind + (f" ({NOTES[kind]})" if kind in NOTES else "")
        rows.append(f"| {label} | {counts[kind]} | " + " | ".join(cells) + " |")
    notes = [f"{mode}: n/a - {why}" for mode, why in reasons.items() if why]
    return "\n".join(rows + (["", *notes] if notes else []))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="DEMETR directory of *.json files")
    parser.add_argument("--limit", type=int, default=None, help="first N items per perturbation type")
    parser.add_argument("--no-grammar", action="store_true", help="run auditor without LanguageTool")
    parser.add_argument("--modes", default=",".join(MODES),
                        help=f"comma-separated subset of {','.join(MODES)}")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write the results")
    parser.add_argument("--qe-model", default=None, help="passed to auditor check ('off': findings-only scores)")
    parser.add_argument("--keep", type=Path, default=None,
                        help="keep each mode's input lines and JSON report in this directory (for offline study)")
    args = parser.parse_args(argv)
    wanted = [m.strip() for m in args.modes.split(",") if m.strip()]
    kinds = load_items(args.data, args.limit)
    help_text = cli_options()
    table: dict[str, dict[str, float | None]] = {kind: {} for kind in kinds}
    reasons: dict[str, str] = {}
    alarms: dict = {}
    clean = {item.mt for group in kinds.values() for item in group} | {
        item.ref for group in kinds.values() for item in group}
    with tempfile.TemporaryDirectory(prefix="auditor-quality-") as tmp:
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            tmp = str(args.keep)
        target_sentences: list[dict] = []
        for mode in MODES:
            if mode not in wanted or mode == "languagetool":
                continue
            try:
                scores, why, sentences = score_mode(kinds, mode, args, Path(tmp), help_text)
            except RuntimeError as error:  # one broken mode must not hide the others
                print(f"  {mode}: {error}", file=sys.stderr)
                lines = [line.strip(" │╭╮╰╯─") for line in str(error).splitlines() if line.strip(" │╭╮╰╯─")]
                scores, why, sentences = None, f"auditor failed: {lines[-1][:160] if lines else error}", []
            reasons[mode] = why
            side = {"source": "src", "reference": "ref", "chrf": "ref"}.get(mode)
            if scores is not None:
                for kind, value in accuracies(kinds, scores, side).items():
                    table[kind][mode] = value
            if mode == "target":
                target_sentences = sentences
                alarms = clean_alarms(sentences, clean)
        if "languagetool" in wanted:
            if args.no_grammar:
                reasons["languagetool"] = "run with --no-grammar"
            elif not any(_is_languagetool(f) for s in target_sentences for f in s["findings"]):
                reasons["languagetool"] = "the target run produced no LanguageTool findings"
            else:
                lt = {(s["text"], ""): languagetool_score(s) for s in target_sentences}
                for kind, value in accuracies(kinds, lt, None).items():
                    table[kind]["languagetool"] = value
    counts = {kind: len(items) for kind, items in kinds.items()}
    print(format_table(table, counts, reasons))
    if alarms:
        top = ", ".join(f"{r} {v}" for r, v in list(alarms["by_rule"].items())[:8])
        print(f"\nClean sentences (MT + human): {alarms['findings_per_1000']} findings per 1,000 "
              f"over {alarms['sentences']} sentences; by rule: {top}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({
        "data": str(args.data), "limit": args.limit, "grammar": not args.no_grammar,
        "accuracy": {k: {m: (None if v is None or math.isnan(v) else round(v, 4)) for m, v in row.items()}
                     for k, row in sorted(table.items(), key=lambda kv: sort_key(kv[0]))},
        "items": counts, "not_available": {m: r for m, r in reasons.items() if r}, "clean_findings": alarms,
    }, indent=1) + "\n", encoding="utf-8")
    print(f"\nwrote {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
