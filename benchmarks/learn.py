"""``auditor learn`` on MLQE-PE: learn from each pair's train split, measure on its dev split.

    python -m benchmarks.learn [--data DIR] [--work DIR] [--pairs ro et ru ne si] [--output FILE]

For each language pair (ro, et, ru, ne, si into English):

1. detokenise the Moses-tokenised ``train``/``dev`` MT and post-edits (:mod:`auditor.bilingual.detok`,
   keeping each token's characters so word tags map to spans);
2. run ``auditor learn TRAIN.mt TRAIN.pe --lines -o PACK`` in a child process (default
   thresholds), timing it (wall and CPU) and taking its peak memory;
3. run the learned pack (the real rule engine, one segment per line) over dev MT and count a
   finding right when one of the MT words it covers is tagged BAD (``dev.tags``);
4. run the built-in checks over dev MT (``auditor check --lines --no-grammar``; LanguageTool off)
   and count the BAD words the learned rules catch that no built-in finding covers (readability
   findings, which cover whole sentences as advice, do not count as catching a word);
5. run the learned pack over the dev post-edits (correct text): findings per 1,000 segments.

A last table learns from 1,750 to 35,000 pairs (prefixes of ro-en train, then all five train
splits together) in child processes: time and peak memory against input size.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.bilingual.detok import Detokenized, detokenize_line  # noqa: E402
from auditor.checks.phrases import PhraseCheck  # noqa: E402
from auditor.models import Document  # noqa: E402
from auditor.resources import rules_dir  # noqa: E402
from auditor.rules_engine.loader import load_pack, load_shared_sets  # noqa: E402
from auditor.rules_engine.model import Pack  # noqa: E402
from auditor.segment import segment_lines  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "mlqe-pe" / "post-editing"
PAIRS = ("ro", "et", "ru", "ne", "si")
TARGET_PRECISION = 0.60
TARGET_PE_PER_1000 = 5.0
TARGET_SECONDS = 60.0


def prepare(data: Path, work: Path, pair: str, split: str) -> tuple[list[Detokenized], list[Detokenized]]:
    """Detokenise one split's MT and post-edit into ``work`` (as line files) and return them."""
    folder = data / f"{pair}-en-{split}"
    if not folder.is_dir():
        raise SystemExit(f"benchmarks.learn: no MLQE-PE data at {folder}")
    out = []
    for ext in ("mt", "pe"):
        lines = (folder / f"{split}.{ext}").read_text(encoding="utf-8").splitlines()
        detok = [detokenize_line(line) for line in lines]
        (work / f"{pair}-{split}.{ext}").write_text("".join(d.text + "\n" for d in detok), encoding="utf-8")
        out.append(detok)
    return out[0], out[1]


def bad_words(data: Path, pair: str) -> list[list[bool]]:
    """Dev MT word tags: BAD per token (word ``i`` is ``tags[2i+1]``)."""
    lines = (data / f"{pair}-en-dev" / "dev.tags").read_text(encoding="utf-8").splitlines()
    return [[tag == "BAD" for tag in line.split()[1::2]] for line in lines]


def child(args: list[str]) -> dict[str, float]:
    """Run ``auditor`` with ``args`` in this process and report wall time, CPU time and peak memory."""
    from auditor.cli import app

    start, cpu = time.perf_counter(), time.process_time()
    try:
        app(args, standalone_mode=False)
    except SystemExit as done:
        if done.code:
            raise
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "wall_s": round(time.perf_counter() - start, 2),
        "cpu_s": round(time.process_time() - cpu, 2),
        "peak_mb": round(usage.ru_maxrss / 1024, 1),
    }


def run_child(args: list[str]) -> dict[str, float]:
    """:func:`child` in a fresh Python process (so its peak memory is its own)."""
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.learn", "--child", *args],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    if done.returncode:
        raise SystemExit(f"benchmarks.learn: auditor {' '.join(args)} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def spans_of(check: PhraseCheck, texts: list[str]) -> list[list[tuple[int, int]]]:
    """Character spans of the learned findings in every segment."""
    result = []
    for text in texts:
        document = Document(path="<dev>", text=text, lines=True)
        document.sentences = segment_lines(text)
        result.append([(f.start, f.end) for f in check.check(document)])
    return result


def builtin_spans(work: Path, pair: str, texts: list[str]) -> list[list[tuple[int, int]]]:
    """Built-in findings (``--no-grammar``) per dev MT segment, cached in ``work``."""
    cache = work / f"builtin-{pair}.json"
    if not cache.exists():
        subprocess.run(
            [sys.executable, "-m", "auditor", "check", str(work / f"{pair}-dev.mt"), "--lines", "--no-grammar",
             "--format", "json", "-q", "-o", str(cache)],
            cwd=ROOT, check=False,
        )
    report = json.loads(cache.read_text(encoding="utf-8"))
    sentences = report["documents"][0]["sentences"]
    if len(sentences) != len(texts):
        raise SystemExit(f"benchmarks.learn: {cache} has {len(sentences)} segments, expected {len(texts)}")
    return [
        [(f["start"] - s["start"], f["end"] - s["start"]) for f in s["findings"] if f["category"] != "readability"]
        for s in sentences
    ]


def evaluate(data: Path, work: Path, pair: str) -> dict[str, object]:
    """Learn from train, measure on dev: one row of the table."""
    prepare(data, work, pair, "train")
    dev_mt, dev_pe = prepare(data, work, pair, "dev")
    pack_path = work / f"learned-{pair}.yaml"
    pack_path.unlink(missing_ok=True)
    timing = run_child([
        "learn", str(work / f"{pair}-train.mt"), str(work / f"{pair}-train.pe"), "--lines",
        "-o", str(pack_path), "--report", str(work / f"report-{pair}.md"), "--pack-id", f"learned-{pair}", "-q",
    ])
    row: dict[str, object] = {"pair": f"{pair}-en", **timing}
    if not pack_path.exists():
        return {**row, "rules": 0}
    pack = load_pack(pack_path, load_shared_sets(rules_dir()))
    builtin = builtin_spans(work, pair, [d.text for d in dev_mt])
    return {**row, **score_pack(pack, dev_mt, dev_pe, bad_words(data, pair), builtin)}


def score_pack(
    pack: Pack, dev_mt: list[Detokenized], dev_pe: list[Detokenized], tags: list[list[bool]],
    builtin: list[list[tuple[int, int]]],
) -> dict[str, object]:
    """A learned pack on dev: findings right against BAD tags, words new over the built-ins, PE findings."""
    check = PhraseCheck(packs=[pack], requested=[pack.id])
    learned = spans_of(check, [d.text for d in dev_mt])
    findings = right = flagged_words = bad_flagged = new_words = 0
    builtin_bad = 0
    for detok, bad, spans, others in zip(dev_mt, tags, learned, builtin, strict=True):
        covered_builtin = {i for s, e in others for i in detok.tokens_in(s, e)}
        builtin_bad += sum(1 for i in covered_builtin if bad[i])
        caught: set[int] = set()
        for start, end in spans:
            words = detok.tokens_in(start, end)
            findings += 1
            flagged_words += len(words)
            hits = [i for i in words if bad[i]]
            bad_flagged += len(hits)
            right += bool(hits)
            caught.update(hits)
        new_words += len(caught - covered_builtin)
    pe_findings = sum(len(s) for s in spans_of(check, [d.text for d in dev_pe]))
    return {
        "rules": len(pack.rules),
        "dev_findings": findings,
        "precision": round(right / findings, 3) if findings else None,
        "word_precision": round(bad_flagged / flagged_words, 3) if flagged_words else None,
        "bad_words": sum(sum(b) for b in tags),
        "builtin_bad_words": builtin_bad,
        "new_bad_words": new_words,
        "pe_findings": pe_findings,
        "pe_per_1000": round(1000 * pe_findings / len(dev_pe), 2),
    }


def grid(data: Path, work: Path, pairs: tuple[str, ...]) -> list[dict[str, object]]:
    """Dev results of every pair for a grid of ``--min-support`` and ``--min-precision`` values."""
    from auditor.learn import learner
    from auditor.learn.pack import build_pack
    from auditor.learn.pairs import PairFiles

    rows = []
    for pair in pairs:
        prepare(data, work, pair, "train")
        dev_mt, dev_pe = prepare(data, work, pair, "dev")
        tags = bad_words(data, pair)
        builtin = builtin_spans(work, pair, [d.text for d in dev_mt])
        files = PairFiles(str(work / f"{pair}-train.mt"), str(work / f"{pair}-train.pe"), lines=True)
        for support in (2, 3, 4, 5):
            settings = learner.LearnSettings(min_support=support)
            counts, stats, _ = learner._count(files, settings)
            eligible = learner._collect(files, counts, settings)
            del counts
            learner._measure(files, eligible, settings)
            for precision in (0.5, 0.6, 0.7, 0.8):
                chosen = learner._select(eligible, learner.LearnSettings(min_support=support, min_precision=precision))
                result = learner.LearnResult(chosen, len(eligible), 0, stats)
                text, count = build_pack(result, pack_id=f"learned-{pair}")
                row = {"pair": f"{pair}-en", "min_support": support, "min_precision": precision}
                if count:
                    path = work / "grid.yaml"
                    path.write_text(text, encoding="utf-8")
                    row.update(score_pack(load_pack(path, load_shared_sets(rules_dir())), dev_mt, dev_pe, tags, builtin))
                else:
                    row["rules"] = 0
                rows.append(row)
                print(json.dumps(row), file=sys.stderr)
    return rows


SUPPORTS = (2, 3, 4, 5)
BOUNDS = (0.5, 0.6, 0.7)


def why(data: Path, work: Path, pair: str) -> dict[str, object]:
    """Where a pair's candidates drop out, threshold by threshold, and what its casing edits would give.

    Pass 1 and 2 run once at support 2; pass 3 (the held-out measurement, which depends on the
    support threshold) once per support. For each support: candidate patterns, those measured on
    at least ``min_fires`` held-out matches, those whose precision bound clears 0.5, 0.6, 0.7, and
    of the last those that never match post-edited text (the issue's rule: a rule that would fire
    on unchanged post-edit text is dropped). Casing edits, which ``learn`` does not turn into
    candidates, are measured here as ``case:`` rules would match: a word in the MT's casing,
    sentence-initial or not, against how often editors changed it and how often the post-edits
    have it unchanged.
    """
    from dataclasses import replace

    from auditor.learn import learner
    from auditor.learn.edits import align
    from auditor.learn.pairs import PairFiles

    prepare(data, work, pair, "train")
    files = PairFiles(str(work / f"{pair}-train.mt"), str(work / f"{pair}-train.pe"), lines=True)
    base = learner.LearnSettings(min_support=SUPPORTS[0])
    counts, _, _ = learner._count(files, base)
    eligible = learner._collect(files, counts, base)
    del counts
    funnel = []
    for support in SUPPORTS:
        settings = replace(base, min_support=support)
        measured = {p: learner.Candidate(list(c.folds), c.templates) for p, c in eligible.items()
                    if c.support >= support}
        learner._measure(files, measured, settings)
        row: dict[str, object] = {"min_support": support, "candidates": len(measured)}
        fired = [c for c in measured.values() if c.fires >= settings.min_fires]
        row["held_out_fires>=3"] = len(fired)
        for bound in BOUNDS:
            clear = [c for c in fired if c.precision_low >= bound]
            row[f"bound>={bound}"] = len(clear)
            row[f"bound>={bound}, no post-edit match"] = sum(
                1 for c in clear if c.postedit_unchanged == 0 and c.postedit_fires <= settings.max_postedit_fires
            )
        best = sorted(measured.items(), key=lambda pc: -pc[1].precision_low)[:5]
        row["best"] = [  # a word pattern and its lemma twin are two candidates that read the same
            {"pattern": " ".join(v + ("*" if ctx else "") for _, v, ctx, _ in pat), "support": c.support,
             "held_out": f"{c.hits}/{c.fires}", "bound": round(c.precision_low, 2),
             "postedit_matches": c.postedit_fires, "on_unchanged_text": c.postedit_unchanged}
            for pat, c in best
        ]
        funnel.append(row)
        print(json.dumps(row), file=sys.stderr)
    return {"pair": f"{pair}-en", "funnel": funnel, "casing": _casing(files, learner, align),
            "tolerant": tolerant(data, work, pair, files)}


#: Shares of a rule's held-out MT matches that may stand unchanged in the post-edits (``tolerant``).
TOLERANCES = (0.0, 0.1, 0.2, 0.3)


def tolerant(data: Path, work: Path, pair: str, files: object) -> list[dict[str, object]]:
    """What the drop on unchanged post-edit text costs: dev results if it allowed a share of matches.

    ``learn`` drops a rule with any match on text the editors left unchanged, as the issue asks.
    This measures, on dev and for information only, the packs that rule forbids: candidates at
    the default support whose unchanged post-edit matches are at most ``tolerance`` times their
    held-out MT matches, at each precision bound (share 0 is ``learn`` itself). Not an option of ``learn``.
    """
    from auditor.learn import learner
    from auditor.learn.pack import build_pack

    dev_mt, dev_pe = prepare(data, work, pair, "dev")
    tags = bad_words(data, pair)
    builtin = builtin_spans(work, pair, [d.text for d in dev_mt])
    settings = learner.LearnSettings()
    counts, stats, _ = learner._count(files, settings)  # type: ignore[arg-type]
    eligible = learner._collect(files, counts, settings)  # type: ignore[arg-type]
    del counts
    learner._measure(files, eligible, settings)  # type: ignore[arg-type]
    rows = []
    for tolerance in TOLERANCES:
        for bound in BOUNDS:
            def keep(c: learner.Candidate, s: learner.LearnSettings, t: float = tolerance, b: float = bound) -> bool:
                return (c.fires >= s.min_fires and c.precision_low >= b and bool(c.examples)
                        and c.postedit_fires - c.postedit_unchanged <= s.max_postedit_fires
                        and c.postedit_unchanged <= t * c.fires)
            chosen = learner._select(eligible, settings, keep)
            text, count = build_pack(learner.LearnResult(chosen, len(eligible), 0, stats), pack_id=f"learned-{pair}")
            row: dict[str, object] = {"unchanged_share": tolerance, "min_precision": bound, "rules": count}
            if count:
                path = work / "tolerant.yaml"
                path.write_text(text, encoding="utf-8")
                row.update(score_pack(load_pack(path, load_shared_sets(rules_dir())), dev_mt, dev_pe, tags, builtin))
            rows.append(row)
            print(json.dumps(row), file=sys.stderr)
    return rows


def _casing(files: object, learner: object, align: object) -> list[dict[str, object]]:
    """Casing edits grouped as a ``case:`` rule would match them: (word, MT casing, sentence start)."""
    from collections import Counter

    def shape(text: str) -> str:
        return "capitalized" if text[:1].isupper() else "lower"

    support: Counter[tuple[str, str, bool]] = Counter()
    fires: Counter[tuple[str, str, bool]] = Counter()
    hits: Counter[tuple[str, str, bool]] = Counter()
    on_pe: Counter[tuple[str, str, bool]] = Counter()
    for pair in files:  # type: ignore[attr-defined]
        if not learner._usable(pair):  # type: ignore[attr-defined]
            continue
        aligned = align(pair.mt, pair.pe)  # type: ignore[operator]
        changed = aligned.changed_mt(False)
        for edit in aligned.edits:
            if edit.kind == "casing":
                token = aligned.mt_tokens[edit.mt_start]
                support[token.norm, shape(token.text), edit.mt_start == 0] += 1
        for index, token in enumerate(aligned.mt_tokens):
            key = (token.norm, shape(token.text), index == 0)
            fires[key] += 1
            hits[key] += changed[index]
        for index, token in enumerate(aligned.pe_tokens):
            on_pe[token.norm, shape(token.text), index == 0] += 1
    rows = []
    for key, count in support.most_common(12):
        rows.append({"word": key[0], "mt_case": key[1], "sentence_start": key[2], "casing_edits": count,
                     "mt_uses": fires[key], "changed": hits[key],
                     "bound": round(learner.wilson_low(hits[key], fires[key]), 2),  # type: ignore[attr-defined]
                     "in_postedits": on_pe[key]})
    return rows


def scaling(work: Path, pairs: tuple[str, ...]) -> list[dict[str, object]]:
    """Learn from growing inputs in child processes: time and peak memory against size."""
    train = {p: ((work / f"{p}-train.mt").read_text(encoding="utf-8").splitlines(),
                 (work / f"{p}-train.pe").read_text(encoding="utf-8").splitlines()) for p in pairs}
    first = train[pairs[0]]
    sizes = [(1750, first[0][:1750], first[1][:1750]), (3500, first[0][:3500], first[1][:3500]),
             (7000, first[0], first[1])]
    if len(pairs) > 1:
        both = [line for p in pairs[:2] for line in train[p][0]], [line for p in pairs[:2] for line in train[p][1]]
        sizes.append((len(both[0]), *both))
        every = [line for p in pairs for line in train[p][0]], [line for p in pairs for line in train[p][1]]
        sizes.append((len(every[0]), *every))
    rows = []
    for size, mt, pe in sizes:
        (work / "scale.mt").write_text("\n".join(mt) + "\n", encoding="utf-8")
        (work / "scale.pe").write_text("\n".join(pe) + "\n", encoding="utf-8")
        timing = run_child(["learn", str(work / "scale.mt"), str(work / "scale.pe"), "--lines",
                            "-o", str(work / "scale.yaml"), "-q"])
        rows.append({"pairs": size, **timing})
    return rows


def table(rows: list[dict[str, object]], scale: list[dict[str, object]]) -> str:
    """The Markdown tables docs/learn.md quotes."""
    def pct(value: object) -> str:
        return "—" if value is None else f"{float(value):.1%}"  # type: ignore[arg-type]

    out = [
        "| pair | rules | dev findings | precision (≥1 BAD word) | word precision | BAD words caught by "
        "built-ins | newly caught by learned | PE findings / 1,000 | learn wall s | learn CPU s | peak MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        out.append(
            f"| {r['pair']} | {r['rules']} | {r.get('dev_findings', 0)} | {pct(r.get('precision'))} | "
            f"{pct(r.get('word_precision'))} | {r.get('builtin_bad_words', '—')} / {r.get('bad_words', '—')} | "
            f"{r.get('new_bad_words', 0)} | {r.get('pe_per_1000', 0)} | {r['wall_s']} | {r['cpu_s']} | {r['peak_mb']} |"
        )
    out += ["", "| pairs learned | wall s | CPU s | peak MB |", "|---:|---:|---:|---:|"]
    out += [f"| {r['pairs']:,} | {r['wall_s']} | {r['cpu_s']} | {r['peak_mb']} |" for r in scale]
    return "\n".join(out)


def grid_table(rows: list[dict[str, object]]) -> str:
    """The grid as Markdown: rules / precision / PE findings per 1,000 per pair and setting."""
    out = ["| pair | min support | min precision (lower bound) | rules | precision | newly caught | PE / 1,000 |",
           "|---|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        precision = "—" if r.get("precision") is None else f"{float(r['precision']):.1%}"  # type: ignore[arg-type]
        out.append(f"| {r['pair']} | {r['min_support']} | {r['min_precision']} | {r['rules']} | {precision} | "
                   f"{r.get('new_bad_words', 0)} | {r.get('pe_per_1000', 0)} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> None:
    """Command line of the benchmark."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        print(json.dumps(child(argv[1:])))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="MLQE-PE post-editing folder")
    parser.add_argument("--work", type=Path, default=Path("/tmp/auditor-learn-bench"), help="scratch folder")
    parser.add_argument("--pairs", nargs="+", default=list(PAIRS), choices=PAIRS)
    parser.add_argument("--no-scaling", action="store_true", help="skip the time/memory scaling table")
    parser.add_argument("--grid", action="store_true", help="only the grid of --min-support x --min-precision")
    parser.add_argument("--scaling-only", action="store_true", help="only the time/memory scaling table")
    parser.add_argument("--why", action="store_true", help="only where each pair's candidates drop out")
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "results" / "learn.json")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    if args.grid:
        found = grid(args.data, args.work, tuple(args.pairs))
        args.output.with_name("learn-grid.json").write_text(json.dumps(found, indent=1) + "\n", encoding="utf-8")
        print(grid_table(found))
        return
    if args.why:
        found_why = [why(args.data, args.work, pair) for pair in args.pairs]
        args.output.with_name("learn-why.json").write_text(json.dumps(found_why, indent=1) + "\n", encoding="utf-8")
        print(json.dumps(found_why, indent=1))
        return
    if args.scaling_only:
        for pair in args.pairs:
            prepare(args.data, args.work, pair, "train")
        print(table([], scaling(args.work, tuple(args.pairs))))
        return
    rows = []
    for pair in args.pairs:
        rows.append(evaluate(args.data, args.work, pair))
        print(json.dumps(rows[-1]), file=sys.stderr)
    scale = [] if args.no_scaling else scaling(args.work, tuple(args.pairs))
    args.output.write_text(json.dumps({"pairs": rows, "scaling": scale}, indent=1) + "\n", encoding="utf-8")
    print(table(rows, scale))


if __name__ == "__main__":
    main()
