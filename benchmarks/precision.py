"""Precision in the wild: every rule's findings on real post-edited MT and on clean human English.

MLQE-PE dev (five pairs into English, 1,000 segments each): the tokenised MT is detokenised
(:func:`auditor.bilingual.detok.detokenize`, keeping each token's characters) and audited as a
user would audit a segment file with its source (``--lines``, ``--source-lang``), the default
checks and finding policy (so ``rules/calibration.yaml`` applies). A finding is *correct* when
its span touches a word the post-editor changed (a BAD word tag); a zero-width finding also when
the gap it sits in is BAD. Reported per rule (count, precision, precision / base rate) and per
pair (word-level precision of everything above ``hint``, HTER-0 segments with a finding above
``hint``). Then findings per 1,000 DEMETR dev human translations (``eng_sent``, 500 sentences,
one ``--lines`` document), and the seed story's findings.

    python -m benchmarks.precision [--no-grammar] [--limit N] [--pairs ro-en,ru-en] [--output FILE]

Results are cached under ``/tmp/i15`` by code fingerprint, so an unchanged tree reruns at once;
LanguageTool's own result cache keeps its answers across code changes.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # script or module
from benchmarks.demetr_data import demetr_dir

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ("ro-en", "et-en", "ru-en", "ne-en", "si-en")
CACHE = Path(os.environ.get("AUDITOR_PRECISION_CACHE", "/tmp/i15"))
SEED = ROOT / "seeds" / "000_716b39ef12bcdcab.txt"
MT_DAMAGE = ("accuracy/", "style/awkward")


def mlqe_dir() -> Path:
    """``shared/eval/mlqe-pe`` beside the checkout (``AUDITOR_MLQE_DIR`` overrides)."""
    configured = os.environ.get("AUDITOR_MLQE_DIR")
    if configured:
        return Path(configured)
    relative = Path("shared") / "eval" / "mlqe-pe"
    return next((p / relative for p in ROOT.parents if (p / relative).is_dir()), ROOT.parent / relative)


@dataclass(frozen=True)
class Item:
    """One MLQE-PE segment: detokenised source and MT, the MT's token spans and word/gap tags."""

    source: str
    mt: str
    spans: tuple[tuple[int, int], ...]
    word_bad: tuple[bool, ...]
    gap_bad: tuple[bool, ...]  # n+1 gaps around n words
    hter: float


def load_pair(data: Path, pair: str, split: str = "dev", limit: int = 0) -> list[Item]:
    """The segments of one pair, detokenised, with their labels."""
    from auditor.bilingual.detok import detokenize

    folder = data / "post-editing" / f"{pair}-{split}"
    if not folder.is_dir():
        raise SystemExit(f"precision: MLQE-PE folder missing: {folder}")

    def lines(ext: str) -> list[str]:
        return (folder / f"{split}.{ext}").read_text(encoding="utf-8").splitlines()

    items = []
    for src, mt, tags, hter in zip(lines("src"), lines("mt"), lines("tags"), lines("hter"), strict=True):
        tokens = mt.split()
        labels = tags.split()
        if len(labels) != 2 * len(tokens) + 1:
            raise SystemExit(f"precision: {pair} tags do not match the MT tokens: {mt[:60]!r}")
        text, spans = detokenize(tokens)
        items.append(
            Item(
                source=detokenize(src.split())[0],
                mt=text,
                spans=tuple(spans),
                word_bad=tuple(labels[2 * i + 1] == "BAD" for i in range(len(tokens))),
                gap_bad=tuple(labels[2 * i] == "BAD" for i in range(len(tokens) + 1)),
                hter=float(hter),
            )
        )
        if limit and len(items) >= limit:
            break
    return items


def touched_words(item: Item, start: int, end: int) -> list[int]:
    """Indices of the words a finding at ``start:end`` (segment offsets) touches."""
    if start == end:
        return [i for i, (a, b) in enumerate(item.spans) if a <= start <= b]
    return [i for i, (a, b) in enumerate(item.spans) if a < end and start < b]


def gap_at(item: Item, position: int) -> int:
    """The gap index (0..n) at a character position: the number of words ending at or before it."""
    return sum(1 for _, b in item.spans if b <= position)


def correct(item: Item, start: int, end: int) -> bool:
    """A finding touches a BAD word, or (zero-width) sits in a BAD gap."""
    if any(item.word_bad[i] for i in touched_words(item, start, end)):
        return True
    return start == end and item.gap_bad[gap_at(item, start)]


def _audit(document, grammar: bool) -> list[dict]:
    """Findings of the default checks and the default policy, as plain dicts."""
    from auditor.calibration import default_policy
    from auditor.checks import CheckOptions, build_checks
    from auditor.run.pipeline import audit_document
    from auditor.score.finding_policy import apply_policy
    from auditor.score.scoring import ScoringModel

    checks = build_checks(CheckOptions(grammar=grammar, source_lang=document.source_lang))
    try:
        scoring = ScoringModel()
        result = apply_policy(audit_document(document, checks, scoring), default_policy(), scoring)
    finally:
        for check in checks:
            close = getattr(check, "close", None)
            if callable(close):
                close()
    out = []
    for sentence in result.sentences:
        for f in sentence.findings:
            out.append(
                {
                    "segment": sentence.sentence.index,
                    "start": f.start - sentence.sentence.start,
                    "end": f.end - sentence.sentence.start,
                    "rule": f.rule,
                    "severity": f.severity.value,
                    "category": f.category,
                    "text": document.text[f.start : f.end],
                }
            )
    return out


def _cached(name: str, grammar: bool, compute) -> list[dict]:
    from auditor.run.audit_cache import code_fingerprint

    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{name}-{'lt' if grammar else 'nolt'}-{code_fingerprint()[:16]}.json"
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    found = compute()
    path.write_text(json.dumps(found, ensure_ascii=False), encoding="utf-8")
    return found


def audit_pair(pair: str, items: list[Item], grammar: bool) -> list[dict]:
    """Findings on one pair's MT, one segment per line, with the sources aligned."""
    from auditor.readers.segments import Segment, segments_document

    def compute() -> list[dict]:
        segments = [Segment(str(i), it.mt, source=it.source) for i, it in enumerate(items)]
        document = segments_document(
            f"mlqe-{pair}-dev.tsv", segments, lang="en-US", source_lang=pair.split("-")[0]
        )
        return _audit(document, grammar)

    return _cached(f"mlqe-{pair}-{len(items)}", grammar, compute)


def demetr_human(limit: int = 0) -> list[str]:
    """The human translations (``eng_sent``) of DEMETR dev, 500 sentences."""
    path = demetr_dir() / "base_id35_reference.json"
    if not path.exists():
        raise SystemExit(f"precision: DEMETR dev missing: {path}")
    rows = [r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("pert_check", True)]
    sentences = [" ".join(str(r["eng_sent"]).split()) for r in rows]
    return sentences[:limit] if limit else sentences


def audit_lines(name: str, lines: list[str], grammar: bool) -> list[dict]:
    """Findings on plain ``--lines`` text."""
    from auditor.models import Document
    from auditor.run.pipeline import segment_document

    def compute() -> list[dict]:
        return _audit(segment_document(Document(path=name, text="\n".join(lines), lines=True)), grammar)

    return _cached(f"{name}-{len(lines)}", grammar, compute)


def audit_seed(grammar: bool) -> list[dict]:
    """Findings on the seed story, as ``make demo`` audits it."""
    from auditor.models import Document
    from auditor.run.pipeline import segment_document

    text = SEED.read_text(encoding="utf-8")
    return _cached("seed", grammar, lambda: _audit(segment_document(Document(path=str(SEED), text=text)), grammar))


def above_hint(finding: dict) -> bool:
    return finding["severity"] != "hint"


@dataclass
class PairStats:
    """What one pair's findings measure."""

    pair: str
    words: int
    bad: int
    segments: int
    hter0: int
    hter0_flagged: int
    flagged_words: int  # flagged units: words under a narrower span, plus one per segment-wide finding
    flagged_bad: int
    findings: int
    all_words: int = 0  # every word under any finding's span (a segment-wide finding flags all its words)
    all_words_bad: int = 0

    @property
    def base_rate(self) -> float:
        return self.bad / self.words if self.words else 0.0

    @property
    def precision(self) -> float:
        return self.flagged_bad / self.flagged_words if self.flagged_words else 0.0

    @property
    def precision_all_words(self) -> float:
        return self.all_words_bad / self.all_words if self.all_words else 0.0


def pair_stats(pair: str, items: list[Item], found: list[dict]) -> tuple[PairStats, dict[str, list[int]]]:
    """Per-pair figures (findings above hint) and per-rule [findings, correct] (all severities)."""
    by_segment: dict[int, list[dict]] = defaultdict(list)
    for f in found:
        by_segment[f["segment"]].append(f)
    per_rule: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    flagged_words = flagged_bad = findings = hter0_flagged = 0
    whole_words = whole_bad = 0
    for index, item in enumerate(items):
        words: set[int] = set()
        units: set[int] = set()  # words flagged by a span narrower than the segment, -1 for the segment
        for f in by_segment.get(index, []):
            ok = correct(item, f["start"], f["end"])
            per_rule[f["rule"]][0] += 1
            per_rule[f["rule"]][1] += ok
            if not above_hint(f):
                continue
            findings += 1
            touched = touched_words(item, f["start"], f["end"])
            words.update(touched)
            if len(touched) == len(item.spans) and len(touched) > 1:
                units.add(-1)  # long-sentence, source-name-missing: the segment as a whole needs an edit
            else:
                units.update(touched)
                if f["start"] == f["end"] and not touched:
                    units.add(-1)
        whole_words += len(words)
        whole_bad += sum(item.word_bad[i] for i in words)
        flagged_words += len(units)
        flagged_bad += sum(item.word_bad[i] for i in units if i >= 0) + (-1 in units and any(item.word_bad))
        if item.hter == 0 and any(above_hint(f) for f in by_segment.get(index, [])):
            hter0_flagged += 1
    stats = PairStats(
        pair,
        words=sum(len(it.word_bad) for it in items),
        bad=sum(sum(it.word_bad) for it in items),
        segments=len(items),
        hter0=sum(1 for it in items if it.hter == 0),
        hter0_flagged=hter0_flagged,
        flagged_words=flagged_words,
        flagged_bad=flagged_bad,
        findings=findings,
        all_words=whole_words,
        all_words_bad=whole_bad,
    )
    return stats, dict(per_rule)


def earns(findings: int, correct_: int, expected: float) -> str:
    """Whether a rule earns its place: under 10 findings it is too rare to judge; else its correct
    findings reach twice what chance gives, or, where twice the base rate is out of reach (ne-en,
    si-en: 60% of words are BAD), its wrong findings are at most half what chance gives."""
    if findings < 10:
        return "too rare"
    if correct_ >= 2 * expected or (findings - correct_) <= 0.5 * (findings - expected):
        return "yes"
    return "**no**"


def report(
    stats: list[PairStats],
    rules: dict[str, dict[str, list[int]]],
    severities: dict[str, Counter[str]],
    human: list[dict],
    human_n: int,
    seed: list[dict],
    grammar: bool,
) -> str:
    """The Markdown report."""
    out = [f"LanguageTool: {'on' if grammar else 'off'}", ""]
    out += ["### MLQE-PE dev, per pair (findings above `hint`)", ""]
    out += [
        "| pair | segments | words | BAD base rate | findings | flagged units | precision | × base "
        "| every word under a span: precision, × base | HTER-0 segments | HTER-0 with a finding |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in stats:
        ratio = s.precision / s.base_rate if s.base_rate else 0.0
        ratio_all = s.precision_all_words / s.base_rate if s.base_rate else 0.0
        share = s.hter0_flagged / s.hter0 if s.hter0 else 0.0
        out.append(
            f"| {s.pair} | {s.segments} | {s.words} | {s.base_rate:.1%} | {s.findings} | {s.flagged_words} "
            f"| {s.precision:.1%} | {ratio:.2f}× | {s.precision_all_words:.1%}, {ratio_all:.2f}× "
            f"| {s.hter0} | {s.hter0_flagged} ({share:.1%}) |"
        )
    out += ["", "### MLQE-PE dev, per rule (every severity; precision = findings touching a BAD word)", ""]
    pairs = [s.pair for s in stats]
    base = {s.pair: s.base_rate for s in stats}
    out += [
        "| rule | tier | " + " | ".join(pairs) + " | all: findings | precision | × base | earns it |",
        "|---|---|" + "---:|" * len(pairs) + "---:|---:|---:|---|",
    ]
    all_rules = sorted({r for per in rules.values() for r in per}, key=lambda r: -sum(
        rules[p].get(r, [0, 0])[0] for p in pairs))
    words = sum(s.words for s in stats)
    bad = sum(s.bad for s in stats)
    for rule in all_rules:
        cells = []
        n_all = ok_all = 0
        expected = 0.0
        for p in pairs:
            n, ok = rules[p].get(rule, [0, 0])
            n_all += n
            ok_all += ok
            expected += n * base[p]
            cells.append(f"{ok}/{n}" if n else "")
        precision = ok_all / n_all if n_all else 0.0
        # against the base rate of the pairs the rule fired on (weighted by its findings there)
        ratio = (ok_all / expected) if expected else 0.0
        tier = "/".join(sorted(severities.get(rule, Counter())))
        out.append(
            f"| `{rule}` | {tier} | " + " | ".join(cells)
            + f" | {n_all} | {precision:.0%} | {ratio:.2f}× | {earns(n_all, ok_all, expected)} |"
        )
    out += ["", f"(all pairs: {words} words, BAD base rate {bad / words:.1%})", ""]
    shown = [f for f in human if above_hint(f)]
    damage = [f for f in shown if f["category"].startswith(MT_DAMAGE)]
    per_k = 1000 / human_n if human_n else 0.0
    out += [
        f"### DEMETR dev human translations ({human_n} `eng_sent`, one `--lines` document)",
        "",
        f"Findings above `hint`: {len(shown)} ({len(shown) * per_k:.1f} per 1,000); MT-damage (accuracy, "
        f"style/awkward): {len(damage)} ({len(damage) * per_k:.1f} per 1,000); hints: {len(human) - len(shown)}.",
        "",
        "| rule | severity | category | findings | per 1,000 | examples |",
        "|---|---|---|---:|---:|---|",
    ]
    counted = Counter((f["rule"], f["severity"], f["category"]) for f in human)
    examples: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for f in human:
        examples[(f["rule"], f["severity"], f["category"])].append(f"`{f['text'][:30]}`")
    for (rule, severity, category), n in counted.most_common():
        shown_examples = ", ".join(examples[(rule, severity, category)][:6])
        out.append(f"| `{rule}` | {severity} | {category} | {n} | {n * per_k:.1f} | {shown_examples} |")
    seed_shown = [f for f in seed if above_hint(f)]
    out += [
        "",
        f"### Seed story: {len(seed_shown)} findings above `hint` "
        f"({Counter(f['severity'] for f in seed_shown)}), {len(seed) - len(seed_shown)} hints",
        "",
    ]
    for f in seed:
        out.append(f"- `{f['rule']}` {f['severity']}: `{f['text'][:50]}`")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-grammar", action="store_true", help="LanguageTool off")
    parser.add_argument("--limit", type=int, default=0, help="first N segments of each pair and of DEMETR")
    parser.add_argument("--pairs", default=",".join(PAIRS))
    parser.add_argument("--output", type=Path, help="also write the report to this file")
    parser.add_argument("--json", type=Path, help="write the per-pair and per-rule figures as JSON")
    args = parser.parse_args(argv)
    grammar = not args.no_grammar
    started = time.perf_counter()
    data = mlqe_dir()
    stats: list[PairStats] = []
    rules: dict[str, dict[str, list[int]]] = {}
    severities: dict[str, Counter[str]] = defaultdict(Counter)
    for pair in args.pairs.split(","):
        items = load_pair(data, pair, limit=args.limit)
        found = audit_pair(pair, items, grammar)
        for f in found:
            severities[f["rule"]][f["severity"]] += 1
        s, per_rule = pair_stats(pair, items, found)
        stats.append(s)
        rules[pair] = per_rule
        print(f"{pair}: {len(found)} findings ({time.perf_counter() - started:.0f}s)", file=sys.stderr)
    sentences = demetr_human(args.limit)
    human = audit_lines("demetr-eng", sentences, grammar)
    seed = audit_seed(grammar)
    table = report(stats, rules, severities, human, len(sentences), seed, grammar)
    print(table)
    print(f"\n({time.perf_counter() - started:.0f}s)", file=sys.stderr)
    if args.output:
        args.output.write_text(table + "\n", encoding="utf-8")
    if args.json:
        args.json.write_text(
            json.dumps({"pairs": [s.__dict__ for s in stats], "rules": rules}, indent=1), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
