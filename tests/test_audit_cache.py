"""The own-check result cache: a re-audit of unchanged text is answered from disk, exactly."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor.checks import CheckOptions, CheckSet
from auditor.models import Document, Finding, Severity
from auditor.report.json_report import finding_dict
from auditor.run import audit_cache
from auditor.run.audit_cache import AuditCache, code_fingerprint, finding_from_json
from auditor.run.pipeline import audit_document
from auditor.score.scoring import ScoringModel
from tests.ci_support import STORY, run_cli, write

OPTIONS = CheckOptions(grammar=False)


def _audit(text: str, cache: AuditCache, **fields: object) -> tuple[CheckSet, object]:
    checks = CheckSet.from_options(OPTIONS)
    return checks, audit_document(Document(path="story.txt", text=text, **fields), checks, ScoringModel(), cache)


def test_second_audit_comes_from_the_cache_without_building_checks(tmp_path: Path) -> None:
    cache = AuditCache(OPTIONS.own_settings(), tmp_path / "c.sqlite3")
    first_checks, first = _audit(STORY, cache)
    assert first_checks._own is not None and cache.misses == 1 and first.findings
    again_checks, again = _audit(STORY, cache)
    assert again_checks._own is None, "a cached document must not load the checks"
    assert cache.hits == 1
    assert again.findings == first.findings and again.score == first.score
    assert [s.metrics for s in again.sentences] == [s.metrics for s in first.sentences]
    assert again.readability == first.readability
    cache.close()


def test_key_follows_everything_that_decides_the_findings(tmp_path: Path) -> None:
    cache = AuditCache(OPTIONS.own_settings(), tmp_path / "c.sqlite3")
    base = Document(path="a.txt", text=STORY)
    assert cache.key(base) == cache.key(Document(path="elsewhere/b.txt", text=STORY))  # renaming is free
    changed = [
        Document(path="a.txt", text=STORY + " "),
        Document(path="a.txt", text=STORY, lang="en-GB"),
        Document(path="a.txt", text=STORY, lines=True),
        Document(path="a.txt", text=STORY, source="Bron.", source_lang="nl"),
        Document(path="a.txt", text=STORY, reference="A reference."),
    ]
    assert len({cache.key(d) for d in changed} | {cache.key(base)}) == len(changed) + 1
    packs = AuditCache(CheckOptions(grammar=False, packs=("all",)).own_settings(), tmp_path / "c.sqlite3")
    assert packs.key(base) != cache.key(base)


def test_editing_a_rule_file_changes_the_fingerprint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(audit_cache.rules_dir(), rules)
    monkeypatch.setattr(audit_cache, "rules_dir", lambda: rules)
    code_fingerprint.cache_clear()
    try:
        before = code_fingerprint()
        pack = next(rules.rglob("*.yaml"))
        pack.write_text(pack.read_text(encoding="utf-8") + "\n# an editor's note\n", encoding="utf-8")
        code_fingerprint.cache_clear()
        assert code_fingerprint() != before
    finally:
        code_fingerprint.cache_clear()


def test_installing_a_dictionary_changes_the_fingerprint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from auditor.bilingual import dictionaries

    monkeypatch.setenv("AUDITOR_INDEX_DIR", str(tmp_path))
    code_fingerprint.cache_clear()
    try:
        before = code_fingerprint()
        (package,) = [p for p in dictionaries.locked() if p.direction == dictionaries.WORDNET]
        from auditor.language.wordnet import index_name

        target = dictionaries.dictionary_dir() / index_name(package.version)
        target.parent.mkdir(parents=True)
        target.write_bytes(b"")  # an index present under its pinned name is an installed WordNet
        code_fingerprint.cache_clear()
        assert code_fingerprint() != before
    finally:
        code_fingerprint.cache_clear()


@given(
    rule=st.text(min_size=1),
    start=st.integers(0, 1000),
    length=st.integers(0, 50),
    message=st.text(),
    suggestions=st.lists(st.text(), max_size=3),
    severity=st.sampled_from(list(Severity)),
)
def test_findings_survive_the_round_trip(
    rule: str, start: int, length: int, message: str, suggestions: list[str], severity: Severity
) -> None:
    finding = Finding(rule, "fluency/grammar", severity, start, start + length, message, tuple(suggestions))
    assert finding_from_json(json.loads(json.dumps(finding_dict(finding)))) == finding


def test_cli_second_run_is_identical_and_no_cache_writes_nothing(tmp_path: Path, monkeypatch) -> None:
    story = write(tmp_path / "story.txt", STORY)
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path / "cache"))
    database = tmp_path / "cache" / "audit" / "results.sqlite3"
    args = ["check", str(story), "--no-grammar", "--format", "json", "-o"]
    run_cli([*args, str(tmp_path / "uncached.json"), "--no-cache"], tmp_path)
    assert not database.exists()
    run_cli([*args, str(tmp_path / "first.json")], tmp_path)
    assert database.exists()
    run_cli([*args, str(tmp_path / "second.json")], tmp_path)
    reports = [json.loads((tmp_path / name).read_text()) for name in ("uncached.json", "first.json", "second.json")]
    for report in reports:
        report.pop("generated", None)
    assert reports[0]["documents"] == reports[1]["documents"] == reports[2]["documents"]


def test_a_damaged_cache_is_moved_aside_and_rebuilt(tmp_path: Path, monkeypatch) -> None:
    """A cache is disposable (issue 21): a damaged one costs one warning line, not the run."""
    story = write(tmp_path / "story.txt", STORY)
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path / "cache"))
    database = tmp_path / "cache" / "audit" / "results.sqlite3"
    database.parent.mkdir(parents=True)
    database.write_bytes(b"this is not a database" * 100)
    out = tmp_path / "report.json"
    result = run_cli(["check", str(story), "--no-grammar", "--format", "json", "-o", str(out)], tmp_path)
    assert result.code == 0 and out.exists()
    warnings = [line for line in result.stderr.splitlines() if "results.sqlite3" in line]
    assert len(warnings) == 1 and "moved aside" in warnings[0]
    assert "Traceback" not in result.stderr
    assert list(database.parent.glob("results.sqlite3.corrupt-*")) and database.exists()
    ok = run_cli(["check", str(story), "--no-grammar", "--no-cache", "--format", "json", "-o", str(out)], tmp_path)
    assert ok.code == 0 and out.exists()


_CLOSE_UNDER_LOAD = """
import sys, threading, time, pathlib
from auditor.run.sqlite_store import SqliteStore
store = SqliteStore(pathlib.Path(sys.argv[1]) / "c.sqlite3", "t")
for i in range(100):
    store.put(f"k{i}", "v" * 1000)
stop, errors = threading.Event(), []
def work():
    i = 0
    try:
        while not stop.is_set():
            assert store.get(f"k{i % 100}") == "v" * 1000
            store.put(f"n{i}", "x" * 500)
            i += 1
    except Exception as error:  # noqa: BLE001 - reported to the parent below
        errors.append(repr(error))
threads = [threading.Thread(target=work) for _ in range(4)]
for t in threads:
    t.start()
end = time.time() + 2
closes = 0
while time.time() < end:
    store.close()
    closes += 1
stop.set()
for t in threads:
    t.join()
print("ok", closes, errors)
"""


def test_closing_a_store_while_threads_read_and_write_it_neither_crashes_nor_fails(tmp_path: Path) -> None:
    """An abandoned stream's audit threads may still use the cache when its owner closes it.

    Closing a SQLite connection under another thread's query crashed the interpreter (a segmentation
    fault, seen in the full suite); ``close`` now waits for operations in flight.
    """
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", _CLOSE_UNDER_LOAD, str(tmp_path)], capture_output=True, text=True,
                          timeout=120, cwd=Path(__file__).resolve().parent.parent)
    assert done.returncode == 0, (done.returncode, done.stderr[-1500:])
    status, closes, errors = done.stdout.split(" ", 2)
    assert status == "ok" and int(closes) > 10 and errors.strip() == "[]", done.stdout
