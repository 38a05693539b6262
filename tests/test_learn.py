"""``auditor learn``: edit extraction, the held-out split, dropping rules that fire on post-edits,
the written pack through the rules loader, ``rules test`` and ``check --rules``, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from auditor.cli import app
from auditor.learn.edits import align
from auditor.learn.learner import Candidate, LearnSettings, fold_of, learn, passes, wilson_low
from auditor.learn.pairs import Pair, PairFiles
from auditor.rules_engine.loader import load_extra_packs, load_pack
from tests.conftest import skip_or_fail
from tests.learn_data import corpus, write

runner = CliRunner()
MLQE = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "mlqe-pe" / "post-editing"


def edits_of(mt: str, pe: str) -> list[tuple[str, str, str, str]]:
    pair = align(mt, pe)
    return [(e.op, e.kind, pair.mt_text(e), pair.pe_text(e)) for e in pair.edits]


# --- edit extraction and classification -------------------------------------------------------


@pytest.mark.parametrize(
    ("mt", "pe", "expected"),
    [
        ("The IA is here.", "The AI is here.", [("substitution", "word-choice", "IA", "AI")]),
        ("The Gouvernment appoints a prefect.", "The Government appoints a prefect.",
         [("substitution", "spelling", "Gouvernment", "Government")]),
        ("He go to school.", "He goes to school.", [("substitution", "grammar", "go", "goes")]),
        ("They live in the Romania.", "They live in Romania.", [("deletion", "grammar", "the", "")]),
        ("He said it was late.", "He said that it was late.", [("insertion", "grammar", "", "that")]),
        ("Yes but no.", "Yes, but no.", [("insertion", "punctuation", "", ",")]),
        ("He was here .", "He was here.", []),  # the tokenizer sees the same tokens: spacing is no word edit
        ("She read quickly the book.", "She read the book quickly.",
         [("word-order", "word-order", "quickly the book", "the book quickly")]),
        ("Quickly she read the long report on the war.", "She read the long report on the war quickly.",
         [("word-order", "word-order", "Quickly", ""), ("substitution", "casing", "she", "She"),
          ("word-order", "word-order", "", "quickly")]),
        ("A violation serious occurred.", "A serious violation occurred.",
         [("word-order", "word-order", "violation serious", "serious violation")]),
        ("It was in favour of the plan.", "It was in favor of the plan.",
         [("substitution", "variant", "favour", "favor")]),
        ("It cost 150.000 lei.", "It cost 150,000 lei.", [("substitution", "variant", "150.000", "150,000")]),
        ("He met the president.", "He met the President.", [("substitution", "casing", "president", "President")]),
        ("The troops evacuated the road.", "The troops cleared the road.",
         [("substitution", "word-choice", "evacuated", "cleared")]),
    ],
)
def test_edits_are_extracted_and_classified(mt: str, pe: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert edits_of(mt, pe) == expected


def test_edit_offsets_are_the_exact_characters() -> None:
    pair = align("Only 200 metres later, we arrive at the Former Bandy.", "Only 200 metres later we reach Bandy.")
    for edit in pair.edits:
        assert pair.mt_text(edit) == pair.mt[pair.mt_tokens[edit.mt_start].start : pair.mt_tokens[edit.mt_end - 1].end] \
            if edit.mt_end > edit.mt_start else pair.mt_text(edit) == ""
    assert [t for t, c in zip(pair.mt_tokens, pair.changed_mt(), strict=True) if c]


# --- the split ---------------------------------------------------------------------------------


def test_folds_are_stable_balanced_and_keep_repeats_together() -> None:
    texts = [m for m, _ in corpus(400)]
    folds = [fold_of(t, 5) for t in texts]
    assert folds == [fold_of(t, 5) for t in texts]
    assert fold_of("The  IA is here.", 5) == fold_of("The IA is here.", 5)  # whitespace does not matter
    counts = [folds.count(k) for k in range(5)]
    assert min(counts) > 40 and max(counts) < 120


def test_precision_is_measured_only_on_folds_the_rule_was_not_learned_from() -> None:
    """An edit seen in one fold only is never measured: without that fold it has no support."""
    texts = [f"Report {n}: the IA model was tested." for n in range(200)]
    one_fold = [t for t in texts if fold_of(t, 5) == 0][:6]
    pairs = [Pair(i, t, t.replace("IA", "AI")) for i, t in enumerate(one_fold)]
    result = learn(pairs, LearnSettings(min_support=3))
    assert result.rules == []
    spread = texts[:30]
    pairs = [Pair(i, t, t.replace("IA", "AI")) for i, t in enumerate(spread)]
    result = learn(pairs, LearnSettings(min_support=3))
    assert result.rules
    candidate = result.rules[0][1]
    assert candidate.fires <= len(spread) and candidate.hits == candidate.fires


def test_wilson_lower_bound_needs_more_than_a_few_lucky_matches() -> None:
    assert wilson_low(3, 3) < 0.6 < wilson_low(8, 8)
    assert wilson_low(0, 0) == 0.0


# --- drop rules that fire on correct text ------------------------------------------------------


def test_a_rule_that_fires_on_unchanged_postedit_text_is_dropped() -> None:
    result = learn([Pair(i, m, p) for i, (m, p) in enumerate(corpus())], LearnSettings())
    patterns = {tuple((kind, value, context) for kind, value, context, _ in p) for p, _ in result.rules}
    assert (("w", "gambling", False), ("w", "theory", True)) in patterns  # the phrase editors always fix
    assert (("w", "gambling", False),) not in patterns  # "gambling losses" is left alone by editors
    assert not any(value == "around" for p in patterns for _, value, _ in p)  # fixed only 2 times in 3


def test_passes_rejects_postedit_fires() -> None:
    candidate = Candidate([2, 2, 2, 2, 2], fires=20, hits=20, examples=[("a", "b")])
    assert passes(candidate, LearnSettings())
    candidate.postedit_fires = candidate.postedit_unchanged = 1
    assert not passes(candidate, LearnSettings())
    assert not passes(candidate, LearnSettings(max_postedit_fires=5))  # unchanged text: never


# --- the written pack ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def learned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    folder = tmp_path_factory.mktemp("learn")
    mt, pe = write(folder)
    pack = folder / "learned.yaml"
    result = runner.invoke(
        app, ["learn", str(mt), str(pe), "--lines", "-o", str(pack), "--report", str(folder / "report.html")]
    )
    assert result.exit_code == 0, result.output
    return folder, pack, folder / "report.html"


def test_learned_pack_loads_and_keeps_measurements_and_real_examples(learned: tuple[Path, Path, Path]) -> None:
    _, path, _ = learned
    pack = load_pack(path)
    assert pack.enabled == "default"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]
    mt_lines = {m for m, _ in corpus()}
    pe_lines = {p for _, p in corpus()}
    by_id = {r["id"]: r for r in raw}
    for rule in pack.rules:
        data = by_id[rule.id]
        assert data["learned"]["support"] >= 3 and data["learned"]["precision_low"] >= 0.6
        assert data["learned"]["postedit_fires"] == 0
        assert all(example.text in mt_lines for example in rule.bad)
        assert all(example.text in pe_lines for example in rule.good)
        assert rule.category and rule.message and rule.suggest
    ia = next(r for r in pack.rules if r.id == "learned-ia")
    assert ia.bad[0].fix == ia.bad[0].text.replace("IA", "AI")


def test_rules_test_runs_the_learned_examples(learned: tuple[Path, Path, Path]) -> None:
    _, path, _ = learned
    result = runner.invoke(app, ["rules", "test", str(path)])
    assert result.exit_code == 0, result.output
    assert "0 failing" in result.output


def test_check_rules_loads_the_learned_pack(learned: tuple[Path, Path, Path], tmp_path: Path) -> None:
    _, path, _ = learned
    story = tmp_path / "story.txt"
    story.write_text("Editors said IA tools and gambling theory shaped the vote.\n", encoding="utf-8")
    args = ["check", str(story), "--no-grammar", "--format", "json", "--no-cache"]
    without = runner.invoke(app, args)
    with_pack = runner.invoke(app, [*args, "--rules", str(path)])
    assert with_pack.exit_code == 0, with_pack.output

    def rules(output: str) -> set[str]:
        report = json.loads(output)
        return {f["rule"] for d in report["documents"] for s in d["sentences"] for f in s["findings"]}

    assert not {r for r in rules(without.stdout) if r.startswith("learned-")}
    assert {"learned-ia", "learned-gambling"} <= rules(with_pack.stdout)
    assert load_extra_packs([str(path.parent)])  # a directory of packs works too


def test_report_counts_edit_types_and_escapes_html(tmp_path: Path) -> None:
    mt, pe = tmp_path / "mt.txt", tmp_path / "pe.txt"
    hostile = ('He wrote "script" here.', "He wrote <script> here.")  # edits " -> < and " -> >
    pairs = [*corpus(60), hostile, hostile]  # twice: it is among the most frequent edits
    mt.write_text("".join(m + "\n" for m, _ in pairs), encoding="utf-8")
    pe.write_text("".join(p + "\n" for _, p in pairs), encoding="utf-8")
    for name in ("report.html", "report.md"):
        result = runner.invoke(app, ["learn", str(mt), str(pe), "--lines", "-o", str(tmp_path / "p.yaml"),
                                     "--report", str(tmp_path / name), "-q"])
        assert result.exit_code == 0, result.output
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<code>&lt;</code>" in page and "<code>&gt;</code>" in page
    assert "<code><</code>" not in page and "<script" not in page
    assert "word choice" in page and "grammar" in page and "punctuation" in page
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "| word choice |" in markdown and "## Rules learned" in markdown


# --- inputs and bad input -----------------------------------------------------------------------


def test_tsv_xliff_and_tmx_inputs_give_the_same_pairs(tmp_path: Path) -> None:
    from auditor.readers.segments import Segment
    from auditor.readers.tmx import write_tmx
    from auditor.readers.tsv import write_tsv

    pairs = corpus(12)
    write_tsv(str(tmp_path / "all.tsv"), [Segment(str(n), m, "src", p) for n, (m, p) in enumerate(pairs)])
    write_tmx(str(tmp_path / "mt.tmx"), [Segment(str(n), m, "src") for n, (m, _) in enumerate(pairs)],
              source_lang="ro", target_lang="en")
    write_tmx(str(tmp_path / "pe.tmx"), [Segment(str(n), p, "src") for n, (_, p) in enumerate(pairs)],
              source_lang="ro", target_lang="en")
    xliff = '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="ro" ' \
            'target-language="en" datatype="plaintext" original="x"><body>{}</body></file></xliff>'
    for name, index in (("mt.xlf", 0), ("pe.xlf", 1)):
        units = "".join(f'<trans-unit id="{n}"><source>src</source><target>{p[index]}</target></trans-unit>'
                        for n, p in enumerate(pairs))
        (tmp_path / name).write_text(xliff.format(units), encoding="utf-8")
    expected = [(m, p) for m, p in pairs]
    for args in (("all.tsv", None), ("mt.tmx", "pe.tmx"), ("mt.xlf", "pe.xlf")):
        files = PairFiles(str(tmp_path / args[0]), str(tmp_path / args[1]) if args[1] else None)
        assert [(p.mt, p.pe) for p in files] == expected
        assert [(p.mt, p.pe) for p in files] == expected  # read twice


def bad(*args: str) -> str:
    result = runner.invoke(app, ["learn", *args])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("auditor: error: "), result.output
    assert "Traceback" not in result.output
    return lines[0]


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    mt, pe = write(tmp_path, 30)
    out = tmp_path / "out.yaml"
    assert "no such file" in bad(str(tmp_path / "missing.txt"), str(pe), "--lines", "-o", str(out))
    assert "pass --lines" in bad(str(mt), str(pe), "-o", str(out))
    assert "needs -o" in bad(str(mt), str(pe), "--lines")
    assert "is one of the inputs" in bad(str(mt), str(pe), "--lines", "-o", str(pe))
    short = tmp_path / "short.txt"
    short.write_text("One line.\n", encoding="utf-8")
    assert "ends after 1 segments" in bad(str(mt), str(short), "--lines", "-o", str(out))
    assert "more segments" in bad(str(short), str(mt), "--lines", "-o", str(out))
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\xe9\n".encode("latin-1") * 30)
    assert "not valid UTF-8" in bad(str(mt), str(latin), "--lines", "-o", str(out))
    two = tmp_path / "two.tsv"
    two.write_text("source\ttarget\nA\tB\n", encoding="utf-8")
    assert "third (post-edit) column" in bad(str(two), "-o", str(out))
    assert "one TSV file" in bad(str(mt), "-o", str(out), "--lines")
    assert "--pack-id" in bad(str(mt), str(pe), "--lines", "-o", str(out), "--pack-id", "Bad Id")
    assert not out.exists()  # nothing half-written


def test_check_rules_with_a_broken_pack_is_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("pack: {id: x}\nrules: [1]\n", encoding="utf-8")
    story = tmp_path / "story.txt"
    story.write_text("A story.\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(story), "--no-grammar", "--rules", str(broken)])
    assert result.exit_code == 2
    assert result.output.strip().startswith("auditor: error: ") and str(broken) in result.output
    missing = runner.invoke(app, ["check", str(story), "--no-grammar", "--rules", str(tmp_path / "none.yaml")])
    assert missing.exit_code == 2 and "not found" in missing.output


# --- real post-edits ----------------------------------------------------------------------------


def test_learns_from_real_mlqe_pe_post_edits(tmp_path: Path) -> None:
    """The first 3,000 ro-en training pairs: rules are learned, their examples pass, none fires on the PE."""
    folder = MLQE / "ro-en-train"
    if not folder.is_dir():
        skip_or_fail(f"MLQE-PE data not found at {folder}")
    from auditor.bilingual.detok import detokenize_line

    for ext in ("mt", "pe"):
        lines = (folder / f"train.{ext}").read_text(encoding="utf-8").splitlines()[:3000]
        (tmp_path / f"x.{ext}").write_text("".join(detokenize_line(x).text + "\n" for x in lines), encoding="utf-8")
    out = tmp_path / "learned.yaml"
    result = runner.invoke(app, ["learn", str(tmp_path / "x.mt"), str(tmp_path / "x.pe"), "--lines", "-o", str(out)])
    assert result.exit_code == 0, result.output
    pack = load_pack(out)
    assert pack.rules
    from auditor.checks.phrases import PhraseCheck
    from auditor.models import Document
    from auditor.segment import segment_lines

    text = (tmp_path / "x.pe").read_text(encoding="utf-8")
    document = Document(path="pe", text=text, lines=True)
    document.sentences = segment_lines(text)
    assert list(PhraseCheck(packs=[pack], requested=[pack.id]).check(document)) == []  # never on the post-edits
    tested = runner.invoke(app, ["rules", "test", str(out)])
    assert tested.exit_code == 0 and "0 failing" in tested.output, tested.output


def test_editing_a_rules_pack_invalidates_the_result_cache(
    learned: tuple[Path, Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path / "cache"))
    pack = tmp_path / "pack.yaml"
    pack.write_text(learned[1].read_text(encoding="utf-8"), encoding="utf-8")
    story = tmp_path / "story.txt"
    story.write_text("Editors said IA tools shaped the vote.\n", encoding="utf-8")
    args = ["check", str(story), "--no-grammar", "--format", "json", "--rules", str(pack)]

    def rules() -> set[str]:
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        report = json.loads(result.stdout)
        return {f["rule"] for d in report["documents"] for s in d["sentences"] for f in s["findings"]}

    assert "learned-ia" in rules()
    data = yaml.safe_load(pack.read_text(encoding="utf-8"))
    data["rules"] = [r for r in data["rules"] if r["id"] != "learned-ia"]
    pack.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert "learned-ia" not in rules()


# --- casing and sentence-position patterns ------------------------------------------------------


def _habits(size: int = 96) -> list[tuple[str, str]]:
    """An engine that capitalises *State* mid-sentence and opens proverbs with *There would be*.

    Editors fix both every time, yet *State* opening a sentence, *state* in lower case and
    *there would be* inside a sentence stand unchanged in the post-edits.
    """
    pairs: list[tuple[str, str]] = []
    nouns = ["bread", "horses", "money", "rain", "wine", "crumbs", "a friend", "a trough"]
    for n in range(size):
        noun, year = nouns[n % len(nouns)], 1990 + n % 30
        subject = ["The minister", "A court", "The mayor", "Our reporter"][n % 4]
        kind = n % 5
        if kind == 0:
            pairs.append((f"{subject} said the State would pay {n + 3} pensions in {year}.",
                          f"{subject} said the state would pay {n + 3} pensions in {year}."))
        elif kind == 1:
            pairs.append((f"There would be {noun}, there would be luck in {year}.",
                          f"If there was {noun}, there would be luck in {year}."))
        elif kind == 2:
            text = f"State officials met {n + 3} farmers in {year}."
            pairs.append((text, text))
        elif kind == 3:
            text = f"{subject} said there would be talks on the state budget in {year}."
            pairs.append((text, text))
        else:
            text = f"{subject} opened the bridge in {year}."
            pairs.append((text, text))
    return pairs


def test_casing_and_sentence_start_habits_become_engine_rules(tmp_path: Path) -> None:
    pairs = _habits()
    mt, pe = tmp_path / "mt.txt", tmp_path / "pe.txt"
    mt.write_text("".join(m + "\n" for m, _ in pairs), encoding="utf-8")
    pe.write_text("".join(p + "\n" for _, p in pairs), encoding="utf-8")
    path = tmp_path / "learned.yaml"
    result = runner.invoke(app, ["learn", str(mt), str(pe), "--lines", "-o", str(path)])
    assert result.exit_code == 0, result.output
    raw = {r["id"]: r for r in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]}
    state = next(r for r in raw.values() if r["pattern"][0].get("word") == "state")
    assert state["pattern"][0]["case"] == "capitalized" and state["pattern"][0]["start"] is False
    assert state["learned"]["kind"] == "casing" and state["suggest"] == ["state"]
    frame = next(r for r in raw.values() if r["pattern"][0].get("word") == "there")
    assert frame["pattern"][0]["start"] is True
    tested = runner.invoke(app, ["rules", "test", str(path)])
    assert tested.exit_code == 0 and "0 failing" in tested.output, tested.output

    story = tmp_path / "story.txt"
    story.write_text(
        "The mayor said the State would pay. State officials agreed. The state budget grew.\n"
        "There would be bread, there would be luck. He said there would be talks.\n",
        encoding="utf-8",
    )
    checked = runner.invoke(app, ["check", str(story), "--rules", str(path), "--no-grammar", "--format", "json",
                                  "-o", str(tmp_path / "out.json"), "-q"])
    assert checked.exit_code in (0, 1), checked.output
    report = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    text = story.read_text(encoding="utf-8")
    found = sorted((f["start"], text[f["start"] : f["end"]]) for s in report["documents"][0]["sentences"]
                   for f in s["findings"] if f["rule"] in raw)
    frame_at = text.index("There would be")
    assert found[0] == (text.index("the State") + 4, "State")
    assert len(found) > 1 and all(frame_at <= at < frame_at + len("There would be") for at, _ in found[1:]), found
