"""Issue 21: every probe that broke, as a regression test (exit 0/1/2 contract, no traceback)."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from auditor import limits
from auditor.checks import CheckOptions, build_checks
from auditor.language.lexicon import one_edit_variants
from auditor.models import Document
from auditor.report.text_report import suggestion_label
from auditor.run.pipeline import audit_document
from auditor.run.sqlite_store import SqliteStore
from auditor.score.scoring import ScoringModel
from tests.hardening_support import cli, findings_outside

STORY = "Syrian troops have completely evacuated the M5. The army said it was a success.\n"


@pytest.fixture(autouse=True)
def private_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(cache))
    monkeypatch.chdir(tmp_path)
    return cache


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def audit(text: str):
    checks = build_checks(CheckOptions(grammar=False))
    return audit_document(Document(path="t.txt", text=text), checks, ScoringModel())


# --- 1, 5: resource limits -------------------------------------------------------------------
def test_an_overlong_word_has_no_edit_variants() -> None:
    assert one_edit_variants("a" * 8000) == set()
    assert "cat" in one_edit_variants("cst")


def test_an_overlong_token_is_one_unreadable_token_finding_and_nothing_inside_it() -> None:
    text = f"The code {'a' * 8000} was sent."
    result = audit(text)
    findings = [f for s in result.sentences for f in s.findings]
    inside = [f for f in findings if f.start >= 9 and f.end <= 8009]
    assert [f.rule for f in inside] == ["unreadable-token"]
    assert (inside[0].start, inside[0].end) == (9, 8009)


def test_a_sentence_over_the_limit_gets_a_note_and_the_phrase_rules_skip_it() -> None:
    body = "the troops have completely evacuated the M5 road near the city and fled north " * 200
    text = "Syrian " + body[: limits.MAX_SENTENCE_CHARS + 500] + "."
    result = audit(text)
    rules = [f.rule for s in result.sentences for f in s.findings]
    assert rules.count("sentence-over-limit") == 1
    assert "evacuate-road" not in rules
    assert "evacuate-road" in {f.rule for s in audit("Syrian troops have evacuated the M5.").sentences for f in s.findings}


def test_a_document_over_the_limit_is_refused_in_one_line(tmp_path: Path) -> None:
    write(tmp_path / "big.txt", "word " * (limits.MAX_DOCUMENT_CHARS // 5 + 10))
    run = cli("check", "big.txt", "--no-grammar", "--format", "json")
    assert run.one_error_line and "over the limit" in run.err and run.out == ""


def test_jobs_are_capped_by_cores_and_memory() -> None:
    assert limits.cap_jobs(1, cores=2, memory_mb=100).jobs == 1
    capped = limits.cap_jobs(64, cores=2, memory_mb=64_000)
    assert capped.jobs == 2 and "capped at 2" in (capped.message or "")
    by_memory = limits.cap_jobs(8, cores=16, memory_mb=3 * limits.WORKER_MEMORY_MB + 10)
    assert by_memory.jobs == 3 and by_memory.message
    assert limits.cap_jobs(2, cores=4, memory_mb=64_000) == limits.JobsCap(2)


# --- 2, 10: one output guard -------------------------------------------------------------------
@pytest.mark.parametrize("option", ["--source", "--reference"])
def test_output_equal_to_source_or_reference_is_refused(tmp_path: Path, option: str) -> None:
    write(tmp_path / "mt.txt", STORY)
    victim = write(tmp_path / "victim.txt", "Syrische troepen hebben de M5 ontruimd.\n")
    run = cli("check", "mt.txt", "--no-grammar", option, "victim.txt", "--format", "json", "-o", "victim.txt")
    assert run.one_error_line and f"{option.strip('-')} file" in run.err
    assert victim.read_text(encoding="utf-8") == "Syrische troepen hebben de M5 ontruimd.\n"


def test_output_equal_to_baseline_or_config_is_refused(tmp_path: Path) -> None:
    write(tmp_path / "mt.txt", STORY)
    assert cli("baseline", "create", "mt.txt", "--no-grammar", "-o", "base.json").code == 0
    before = (tmp_path / "base.json").read_bytes()
    run = cli("check", "mt.txt", "--no-grammar", "--baseline", "base.json", "--format", "json", "-o", "base.json")
    assert run.one_error_line and (tmp_path / "base.json").read_bytes() == before
    write(tmp_path / "conf.toml", 'lang = "en-GB"\n')
    run = cli("check", "mt.txt", "--no-grammar", "--config", "conf.toml", "--format", "sarif", "-o", "conf.toml")
    assert run.one_error_line and (tmp_path / "conf.toml").read_text() == 'lang = "en-GB"\n'


def test_baseline_create_onto_its_input_is_refused(tmp_path: Path) -> None:
    write(tmp_path / "mt.txt", STORY)
    run = cli("baseline", "create", "mt.txt", "--no-grammar", "-o", "mt.txt")
    assert run.one_error_line and (tmp_path / "mt.txt").read_text(encoding="utf-8") == STORY


def test_html_directory_holding_an_input_page_is_refused(tmp_path: Path) -> None:
    page = write(tmp_path / "out" / "story.html", STORY)
    run = cli("check", "out/story.html", "--no-grammar", "--format", "html", "-o", "out")
    assert run.one_error_line and page.read_text(encoding="utf-8") == STORY


def test_a_symlink_or_hard_link_to_an_input_is_refused(tmp_path: Path) -> None:
    write(tmp_path / "mt.txt", STORY)
    os.symlink("mt.txt", tmp_path / "soft.json")
    os.link(tmp_path / "mt.txt", tmp_path / "hard.json")
    for name in ("soft.json", "hard.json"):
        run = cli("check", "mt.txt", "--no-grammar", "--format", "json", "-o", name)
        assert run.one_error_line, name
    assert (tmp_path / "mt.txt").read_text(encoding="utf-8") == STORY


def test_writing_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    write(tmp_path / "mt.txt", STORY)
    write(tmp_path / "runs" / "42.json", "{}")
    os.symlink("runs/42.json", tmp_path / "latest.json")
    assert cli("check", "mt.txt", "--no-grammar", "--format", "json", "-o", "latest.json").code == 0
    assert (tmp_path / "latest.json").is_symlink()
    assert json.loads((tmp_path / "runs" / "42.json").read_text())["schema"] == "auditor-report/1"
    assert not list(tmp_path.rglob("*.tmp"))


def test_fix_in_place_on_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    real = write(tmp_path / "real" / "story.txt", "Syrian troops took the M5 , the army said.\n")
    os.symlink("real/story.txt", tmp_path / "story.txt")
    assert cli("fix", "story.txt", "--only-safe", "--in-place", "--no-grammar").code == 0
    assert (tmp_path / "story.txt").is_symlink()
    assert real.read_text(encoding="utf-8") == "Syrian troops took the M5, the army said.\n"


# --- 4, 9: bad input is exit 2 in one line, never a traceback with exit 1 -----------------------
@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("deep.jsonl", '{"target": ' + "[" * 100_000 + "]" * 100_000 + "}\n", "nested too deeply"),
        ("int.jsonl", '{"target": ' + "9" * 5000 + "}\n", "unreadable JSON"),
        ("surrogate.jsonl", '{"target": "Hi \\ud800 there."}\n', "lone surrogate"),
        ("klingon.jsonl", '{"target": "Hi there.", "lang": "klingon"}\n', "klingon"),
        ("german.jsonl", '{"target": "Hi there.", "lang": "de-DE"}\n', "de-DE"),
        ("nul.jsonl", '{"target": "Hi\\u0000 there."}\n', "NUL"),
        ("nul.tsv", "Hallo\tHello\x00 world.\n", "NUL"),
        ("entity.xlf", '<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY foo "bar">]>\n'
         '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="nl" '
         'target-language="en" datatype="plaintext" original="x"><body><trans-unit id="1"><source>Hallo '
         "&foo; wereld.</source><target>Hello &foo; world.</target></trans-unit></body></file></xliff>\n",
         "unresolved XML entity &foo;"),
    ],
)
def test_hostile_input_is_one_error_line(tmp_path: Path, name: str, content: str, needle: str) -> None:
    write(tmp_path / name, content)
    run = cli("check", name, "--no-grammar", "--format", "json")
    assert run.one_error_line and needle in run.err, run.err
    assert run.out == ""


@pytest.mark.parametrize(
    "args",
    [
        ("--lang", "klingon"),
        ("--lang", "de-DE"),
        ("--source-lang", "xx"),
        ("--jobs", "0"),
        ("--fail-on", "nonsense"),
    ],
)
def test_bad_options_are_one_error_line(tmp_path: Path, args: tuple[str, ...]) -> None:
    write(tmp_path / "a.txt", STORY)
    run = cli("check", "a.txt", "--no-grammar", *args)
    assert run.one_error_line, run.err
    assert "╭" not in run.err


@pytest.mark.parametrize("table", ['disable = ["long-sentense"]\n', 'severity = { "long-sentense" = "major" }\n'])
def test_config_rule_ids_must_name_a_rule(tmp_path: Path, table: str) -> None:
    write(tmp_path / "a.txt", STORY)
    write(tmp_path / "auditor.toml", table)
    run = cli("check", "a.txt", "--no-grammar")
    assert run.one_error_line and "did you mean 'long-sentence'" in run.err.replace("long-sentence?", "'long-sentence'")
    write(tmp_path / "auditor.toml", 'disable = ["long-sentence", "languagetool/COMMA_PARENTHESIS_WHITESPACE"]\n')
    assert cli("check", "a.txt", "--no-grammar").code == 0


@pytest.mark.parametrize("fmt", ["json", "text", "sarif", "junit", "jsonl", "github", "html"])
def test_an_impossible_output_path_is_one_error_line(tmp_path: Path, fmt: str) -> None:
    write(tmp_path / "a.txt", STORY)
    write(tmp_path / "blocker", "a file where a directory should be\n")
    run = cli("check", "a.txt", "--no-grammar", "--format", fmt, "-o", "blocker/out/report")
    assert run.one_error_line and "not a directory" in run.err, run.err
    assert not list(tmp_path.rglob("*.tmp"))


# --- 7: stdout all or nothing ------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["json", "sarif", "jsonl", "junit"])
def test_structured_stdout_is_all_or_nothing(tmp_path: Path, fmt: str) -> None:
    write(tmp_path / "a.txt", STORY)
    write(tmp_path / "b.txt", b"caf\xe9 au lait\n")
    run = cli("check", "a.txt", "b.txt", "--no-grammar", "--format", fmt)
    assert run.one_error_line and run.out == ""


# --- 8: caches heal themselves -----------------------------------------------------------------
def test_a_corrupt_cache_is_moved_aside_with_one_warning(tmp_path: Path, private_cache: Path) -> None:
    write(tmp_path / "a.txt", STORY)
    write(private_cache / "audit" / "results.sqlite3", b"this is not a database" * 100)
    run = cli("check", "a.txt", "--no-grammar", "--format", "json")
    assert run.code == 0 and run.json()["schema"] == "auditor-report/1"
    assert [line for line in run.err.splitlines() if "cache" in line] == [run.err.strip().splitlines()[0]]
    assert list((private_cache / "audit").glob("results.sqlite3.corrupt-*"))
    assert cli("check", "a.txt", "--no-grammar", "--format", "json").err.count("warning") == 0


def test_cache_rows_holding_bad_json_are_misses(tmp_path: Path, private_cache: Path) -> None:
    write(tmp_path / "a.txt", STORY)
    first = cli("check", "a.txt", "--no-grammar", "--format", "json")
    with sqlite3.connect(private_cache / "audit" / "results.sqlite3") as db:
        db.execute("UPDATE own_results SET value = '{not json'")
    second = cli("check", "a.txt", "--no-grammar", "--format", "json")
    assert second.code == first.code == 0 and second.json()["documents"] == first.json()["documents"]


def test_cache_stays_under_its_cap_by_evicting_the_least_recently_used(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "c.sqlite3", "t")
    for i in range(200):
        store.put(f"k{i}", "x" * 2000)
    assert store.get("k0") is not None  # k0 is now the most recently used
    evicted = store.evict(limit=100_000)
    assert evicted > 100
    assert store.get("k0") is not None and store.get("k1") is None
    store.close()


def test_cache_info_and_clear(tmp_path: Path, private_cache: Path) -> None:
    write(tmp_path / "a.txt", STORY)
    cli("check", "a.txt", "--no-grammar", "-q")
    info = cli("cache", "info")
    assert info.code == 0 and "1 entries" in info.out and "size cap" in info.out
    assert cli("cache", "clear").code == 0
    assert not (private_cache / "audit" / "results.sqlite3").exists()


# --- 12, 13: findings inside their sentence, suggestion labels ----------------------------------
@pytest.mark.parametrize("text", ["The army left.  The troops stayed.\n", "“We are staying here? “A soldier said that.\n"])
def test_every_finding_lies_inside_its_sentence(tmp_path: Path, text: str) -> None:
    write(tmp_path / "a.txt", text)
    run = cli("check", "a.txt", "--no-grammar", "--format", "json")
    report = run.json()
    assert run.code in (0, 1)
    assert findings_outside(report, {"a.txt": text}) == []
    assert sum(len(s["findings"]) for d in report["documents"] for s in d["sentences"]) >= 1
    for sentence in report["documents"][0]["sentences"]:
        assert text[sentence["start"] : sentence["end"]] == sentence["text"]


def test_a_one_space_suggestion_is_not_shown_as_delete() -> None:
    assert suggestion_label(" ") == "(a space)"
    assert suggestion_label("") == "(delete)"
    assert suggestion_label("cleared") == "“cleared”"


def test_languagetool_chunks_leave_out_sentences_over_the_limit() -> None:
    from auditor.checks.grammar import _skip_overlong
    from auditor.languagetool.client import chunk_spans
    from auditor.run.pipeline import segment_document

    long = "word " * (limits.MAX_SENTENCE_CHARS // 5 + 100)
    text = f"First sentence here. Then {long.strip()}. Last sentence here."
    document = segment_document(Document(path="t.txt", text=text))
    spans = _skip_overlong(chunk_spans(text, document.sentences), document)
    sent = "".join(text[a:b] for a, b in spans)
    assert "First sentence here." in sent and "Last sentence here." in sent
    assert "word word" not in sent


def test_files_staged_by_a_killed_run_are_removed_by_the_next(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", STORY)
    dead = write(tmp_path / ".report.json.999999999.abc.tmp", "{")  # no such process
    mine_later = write(tmp_path / f".report.json.{os.getppid()}.abc.tmp", "{")  # a live process's
    assert cli("check", "a.txt", "--no-grammar", "--format", "json", "-o", "report.json").code == 0
    assert not dead.exists() and mine_later.exists()


def test_compare_cannot_write_over_its_inputs(tmp_path: Path) -> None:
    write(tmp_path / "mt.txt", "The troops evacuated the road.\n")
    write(tmp_path / "pe.txt", "The troops cleared the road.\n")
    run = cli("compare", "mt.txt", "pe.txt", "--format", "json", "-o", "pe.txt")
    assert run.one_error_line and (tmp_path / "pe.txt").read_text() == "The troops cleared the road.\n"


def test_with_lines_the_size_limit_applies_to_each_line() -> None:
    many = Document(path="set.txt", text="A short segment.\n" * (limits.MAX_DOCUMENT_CHARS // 17 + 10), lines=True)
    assert limits.check_document_size(many) is many
    one = Document(path="one.txt", text="ok\n" + "w " * (limits.MAX_DOCUMENT_CHARS // 2 + 10), lines=True)
    with pytest.raises(limits.AuditorError, match=r"one.txt:2: a line of"):
        limits.check_document_size(one)
    with pytest.raises(limits.AuditorError, match="per document"):
        limits.check_document_size(Document(path="story.txt", text=many.text))
