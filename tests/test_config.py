"""Config files: discovery, strict validation (exit 2 naming file and key) and flags overriding them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.checks.readability import ReadabilityLimits
from auditor.config import Config, find_config, load_config
from auditor.errors import AuditorError
from auditor.models import Severity
from tests.ci_support import STORY, run_cli, write


def test_auditor_toml_is_found_upward_and_parsed(tmp_path: Path) -> None:
    write(
        tmp_path / "auditor.toml",
        'lang = "en-GB"\nsource-lang = "nl"\ndisable = ["doubled-space"]\nfail-on = "major"\n'
        'fail-under = 80\nignore-phrases = ["Den Haag"]\nbaseline = "base.json"\njobs = 2\n'
        '[severity]\ndoubled-word = "critical"\n[weights]\nmajor = 7\n[readability]\nmax-words = 30\n',
    )
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    config = load_config(start=nested)
    assert config.path == tmp_path / "auditor.toml"
    assert config.lang == "en-GB" and config.source_lang == "nl"
    assert config.disable == {"doubled-space"}
    assert config.fail_on is Severity.MAJOR and config.fail_under == 80.0
    assert config.severity == {"doubled-word": Severity.CRITICAL}
    assert config.weights == {Severity.HINT: 0.0, Severity.MINOR: 1.0, Severity.MAJOR: 7.0, Severity.CRITICAL: 25.0}
    assert config.readability == ReadabilityLimits(max_words=30)
    assert config.ignore_phrases == ("Den Haag",)
    assert config.baseline == tmp_path / "base.json"
    assert config.jobs == 2


def test_pyproject_without_table_is_skipped_and_auditor_toml_wins(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.auditor]\nlang = "en-GB"\n')
    inner = tmp_path / "pkg"
    write(inner / "pyproject.toml", '[project]\nname = "x"\n')
    assert find_config(inner) == tmp_path / "pyproject.toml"
    assert load_config(start=inner).lang == "en-GB"
    write(tmp_path / "auditor.toml", 'lang = "en-US"\n')
    assert find_config(inner) == tmp_path / "auditor.toml"


def test_no_config_means_defaults(tmp_path: Path) -> None:
    assert load_config(start=tmp_path) == Config()


def test_flags_override_config() -> None:
    config = Config(lang="en-GB", fail_under=90.0)
    merged = config.merged(lang=None, fail_under=10.0)
    assert merged.lang == "en-GB" and merged.fail_under == 10.0


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('fial-on = "major"\n', "unknown key 'fial-on' in config (did you mean 'fail-on'?)"),
        ('fail-on = "high"\n', "config fail-on: expected one of hint, minor, major, critical, got 'high'"),
        ("fail-under = 101\n", "config fail-under: expected a number from 0 to 100, got 101"),
        ('fail-under = "80"\n', "config fail-under: expected a number, got a string"),
        ('lang = "English"\n', "config lang: expected a language code"),
        ('disable = "doubled-word"\n', "config disable: expected an array of strings, got a string"),
        ("[weights]\nminor = -1\n", "config weights: minor: expected a number from 0 to 1000, got -1"),
        ("[weights]\nblocker = 3\n", "config weights: unknown key 'blocker'"),
        ("[readability]\nmax-word = 30\n", "readability: unknown key 'max-word' (did you mean 'max-words'?)"),
        ("[readability]\nmax-words = 2.5\n", "readability: max-words: expected an integer, got a number"),
        ('[severity]\ndoubled-word = "fatal"\n', "config severity: doubled-word: expected one of hint, minor"),
        ("jobs = 0\n", "config jobs: expected an integer from 1 to 256, got 0"),
        ("lang = \n", "invalid TOML"),
    ],
)
def test_bad_config_is_exit_2_naming_file_and_key(tmp_path: Path, content: str, expected: str) -> None:
    config = write(tmp_path / "auditor.toml", content)
    story = write(tmp_path / "story.txt", STORY)
    with pytest.raises(AuditorError) as caught:
        load_config(start=tmp_path)
    assert str(config) in str(caught.value) and expected in str(caught.value)
    run = run_cli(["check", str(story), "--no-grammar"], tmp_path)
    assert run.code == 2
    assert run.stdout == ""
    assert run.stderr.startswith("auditor: error: ") and expected in run.stderr
    assert "Traceback" not in run.stderr


def test_bad_pyproject_table_names_the_table(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.auditor]\ncolour = true\n")
    run = run_cli(["check", "-", "--no-grammar"], tmp_path, stdin=STORY)
    assert run.code == 2
    assert "pyproject.toml: unknown key 'colour' in [tool.auditor]" in run.stderr


def test_explicit_config_must_exist_and_have_the_table(tmp_path: Path) -> None:
    run = run_cli(["check", "-", "--no-grammar", "--config", "missing.toml"], tmp_path, stdin=STORY)
    assert run.code == 2 and "missing.toml: config file not found" in run.stderr
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    run = run_cli(["check", "-", "--no-grammar", "--config", "sub/pyproject.toml"], tmp_path, stdin=STORY)
    assert run.code == 2 and "has no [tool.auditor] table" in run.stderr


def _rules(run_stdout: str) -> list[tuple[str, str]]:
    document = json.loads(run_stdout)["documents"][0]
    return [(f["rule"], f["severity"]) for s in document["sentences"] for f in s["findings"]]


def test_config_policy_changes_what_is_reported_and_the_score(tmp_path: Path) -> None:
    write(tmp_path / "story.txt", STORY)
    plain = run_cli(["check", "story.txt", "--no-grammar", "-f", "json"], tmp_path)
    assert plain.code == 0
    rules = _rules(plain.stdout)
    assert ("doubled-word", "minor") in rules and ("doubled-space", "minor") in rules
    write(
        tmp_path / "pyproject.toml",
        '[tool.auditor]\ndisable = ["doubled-space"]\n[tool.auditor.severity]\ndoubled-word = "critical"\n',
    )
    configured = run_cli(["check", "story.txt", "--no-grammar", "-f", "json"], tmp_path)
    rules = _rules(configured.stdout)
    assert ("doubled-word", "critical") in rules
    assert not any(rule == "doubled-space" for rule, _ in rules)
    def score(stdout: str) -> float:
        return json.loads(stdout)["documents"][0]["score"]

    assert score(configured.stdout) < score(plain.stdout)


def test_readability_limits_from_config_reach_the_check(tmp_path: Path) -> None:
    write(tmp_path / "story.txt", STORY)
    assert "long-sentence" not in run_cli(["check", "story.txt", "--no-grammar"], tmp_path).stdout
    write(tmp_path / "auditor.toml", "[readability]\nmax-words = 5\n")
    assert "long-sentence" in run_cli(["check", "story.txt", "--no-grammar"], tmp_path).stdout


def test_ignored_phrases_drop_findings_inside_them(tmp_path: Path) -> None:
    write(tmp_path / "story.txt", STORY)
    write(tmp_path / "auditor.toml", 'ignore-phrases = ["the  THE crowd", "hours ."]\n')
    run = run_cli(["check", "story.txt", "--no-grammar", "-f", "json"], tmp_path)
    rules = [r for r, _ in _rules(run.stdout)]
    assert "doubled-word" not in rules and "space-before-punctuation" not in rules
    assert "garbled-dateline" in rules


def test_flag_beats_config_gate(tmp_path: Path) -> None:
    write(tmp_path / "story.txt", STORY)
    write(tmp_path / "auditor.toml", "fail-under = 100\n")
    assert run_cli(["check", "story.txt", "--no-grammar"], tmp_path).code == 1
    assert run_cli(["check", "story.txt", "--no-grammar", "--fail-under", "0"], tmp_path).code == 0


def test_a_setting_the_checks_do_not_support_is_an_error_not_ignored(tmp_path: Path) -> None:
    from auditor.checks import CheckOptions

    write(tmp_path / "story.txt", STORY)
    write(tmp_path / "auditor.toml", 'packs = ["nl-en"]\n')
    run = run_cli(["check", "story.txt", "--no-grammar"], tmp_path)
    if "packs" in CheckOptions.__dataclass_fields__:  # once rule packs exist, the setting reaches them
        assert "packs is not supported" not in run.stderr
    else:
        assert run.code == 2 and "packs is not supported by this auditor build" in run.stderr


def test_jobs_from_config_and_flag(tmp_path: Path) -> None:
    write(tmp_path / "story.txt", STORY)
    write(tmp_path / "auditor.toml", "jobs = 2\n")
    from_config = run_cli(["check", "story.txt", "--no-grammar", "-f", "json"], tmp_path)
    from_flag = run_cli(["check", "story.txt", "--no-grammar", "-f", "json", "--jobs", "1"], tmp_path)
    assert from_config.code == from_flag.code == 0
    assert from_config.stdout == from_flag.stdout
