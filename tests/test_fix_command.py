"""``auditor fix``: the safe fixes, written next to the input or in place, never over anything."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor.checks import CheckOptions, build_checks
from auditor.cli import app
from auditor.fixes import OffsetMap, choose_fixes
from auditor.models import Document
from auditor.run.pipeline import audit_document
from auditor.score.scoring import ScoringModel

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_716b39ef12bcdcab.txt"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """The real CLI in-process (fast); the seed test below also runs it as a subprocess."""
    result = CliRunner().invoke(app, list(args), input=stdin)
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


def run_process(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "auditor", *args],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120,
    )


def audit(text: str):
    checks = build_checks(CheckOptions(grammar=False))
    return audit_document(Document(path="seed.txt", text=text), checks, ScoringModel()).findings


@pytest.fixture
def story(tmp_path: Path) -> Path:
    copy = tmp_path / "story.txt"
    shutil.copy(SEED, copy)
    return copy


def test_fix_only_safe_on_seed_leaves_fewer_findings_and_no_new_ones(story: Path):
    result = run_process("fix", str(story), "--only-safe", "--no-grammar")
    assert result.returncode == 0, result.stderr
    fixed_file = story.with_name("story.fixed.txt")
    original, fixed = story.read_text(encoding="utf-8"), fixed_file.read_text(encoding="utf-8")
    assert story.read_text(encoding="utf-8") == SEED.read_text(encoding="utf-8")  # input untouched
    before, after = audit(original), audit(fixed)
    assert len(after) < len(before)
    # every finding left after fixing is one that was there before, at the same (moved) place
    moved = OffsetMap(choose_fixes(before))
    old = Counter((f.rule, moved(f.start), moved(f.end)) for f in before)
    new = Counter((f.rule, f.start, f.end) for f in after)
    assert not new - old, f"new findings after fixing: {new - old}"
    assert "Ankara." in fixed and "Ankara ." not in fixed
    assert "DAMASCUS — One" in fixed
    assert "here?” A soldier" in fixed
    assert f"applied {len(choose_fixes(before))} of {len(before)}" in result.stderr


def test_fix_refuses_to_overwrite_an_existing_output(story: Path):
    target = story.with_name("story.fixed.txt")
    target.write_text("mine", encoding="utf-8")
    result = run("fix", str(story), "--no-grammar")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "already exists" in result.stderr
    assert target.read_text(encoding="utf-8") == "mine"


def test_fix_in_place_replaces_atomically_and_keeps_the_mode(story: Path):
    story.chmod(0o640)
    result = run("fix", str(story), "--in-place", "--no-grammar")
    assert result.returncode == 0, result.stderr
    assert "Ankara." in story.read_text(encoding="utf-8")
    assert stat.S_IMODE(story.stat().st_mode) == 0o640
    assert sorted(p.name for p in story.parent.iterdir()) == ["story.txt"]  # no temp files left
    again = run("fix", str(story), "--in-place", "--no-grammar")
    assert again.returncode == 0 and "applied 0 of" in again.stderr and "unchanged" in again.stderr


def test_fix_diff_prints_a_unified_diff(story: Path):
    result = run("fix", str(story), "--diff", "--no-grammar")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"--- {story}\n+++ {story.with_name('story.fixed.txt')}\n")
    assert "-“Starting today" in result.stdout and "in Ankara .\n" in result.stdout
    assert "+“Starting today" in result.stdout and "in Ankara.\n" in result.stdout


def test_fix_reads_stdin_and_writes_stdout():
    result = run("fix", "-", "--no-grammar", stdin="They met in Ankara .\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "They met in Ankara.\n"


def test_fix_directory_skips_earlier_outputs(story: Path):
    assert run("fix", str(story.parent), "--no-grammar").returncode == 0
    shutil.move(story, story.with_name("other.txt"))
    second = run("fix", str(story.parent), "--no-grammar")
    assert second.returncode == 0, second.stderr
    names = sorted(p.name for p in story.parent.iterdir())
    assert names == ["other.fixed.txt", "other.txt", "story.fixed.txt"]


def test_fix_bad_input_is_one_line_exit_2(tmp_path: Path):
    result = run("fix", str(tmp_path / "missing.txt"), "--no-grammar")
    assert result.returncode == 2
    missing = tmp_path / "missing.txt"
    assert result.stderr.strip().splitlines() == [f"auditor: error: {missing}: no such file or directory"]


def test_fix_lines_mode_keeps_lines(tmp_path: Path):
    source = tmp_path / "mt.txt"
    source.write_text("First line is here .\n\nSecond line has no problem.\n", encoding="utf-8")
    assert run("fix", str(source), "--lines", "--no-grammar").returncode == 0
    assert source.with_name("mt.fixed.txt").read_text(encoding="utf-8") == (
        "First line is here.\n\nSecond line has no problem.\n"
    )



def test_fix_diff_marks_a_missing_final_newline_and_include_unsafe_adds_single_fixes(tmp_path: Path):
    source = tmp_path / "mt.txt"
    source.write_text("they met in Ankara and left", encoding="utf-8")
    result = run("fix", str(source), "--lines", "--diff", "--no-grammar")
    assert result.stdout.endswith("+They met in Ankara and left\n\\ No newline at end of file\n")
    source.with_name("mt.fixed.txt").unlink()
    unsafe = run("fix", str(source), "--lines", "--include-unsafe", "--no-grammar")
    assert unsafe.returncode == 0
    assert source.with_name("mt.fixed.txt").read_text(encoding="utf-8") == "They met in Ankara and left."
