"""Issue 21's probes, run for real: each one a separate ``auditor`` process, measured and judged.

``python benchmarks/hardening_probes.py [--code DIR] [--only NAME,...] [--json OUT]``

``--code`` is the directory put first on ``PYTHONPATH`` (default: this checkout), so the same
probes can be run against an older copy of the code (``git archive`` of main) for a before/after
table. Every probe runs in its own temporary directory with its own cache directory, under a
time limit; the peak memory is the child's maximum resident set size (``wait4``). A probe passes
when its own condition holds; every probe also fails when a Python traceback reaches stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_716b39ef12bcdcab.txt"


@dataclass
class Outcome:
    """What one auditor process did."""

    code: int | None  # None: killed at the time limit
    seconds: float
    mb: float
    stdout: str
    stderr: str

    @property
    def traceback(self) -> bool:
        return "Traceback (most recent call last)" in self.stderr


@dataclass
class Probe:
    """One probe: a name, the issue item, what it does and how to judge it."""

    name: str
    item: str
    what: str
    run: Callable[[Path, Callable[..., Outcome]], tuple[bool, str]]
    tags: set[str] = field(default_factory=set)


class Runner:
    """Starts auditor with the chosen code under a time limit and measures it."""

    def __init__(self, code: Path) -> None:
        self.code = code

    def env(self, work: Path) -> dict[str, str]:
        env = dict(os.environ)
        env["PYTHONPATH"] = str(self.code)
        env["AUDITOR_CACHE_DIR"] = str(work / "cache")
        env.pop("LANGUAGETOOL_URL", None)
        return env

    def __call__(self, work: Path, *args: str, timeout: float = 60) -> Outcome:
        return measured(self, work, *args, timeout=timeout)


def measured(runner: Runner, work: Path, *args: str, timeout: float = 120) -> Outcome:
    """Run and measure peak RSS with ``wait4`` (only for the resource probes)."""
    started = time.monotonic()
    env = runner.env(work)
    out_path, err_path = work / ".probe-out", work / ".probe-err"
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        pid = os.fork()
        if pid == 0:  # child: become auditor
            os.setsid()
            os.chdir(work)
            os.dup2(out.fileno(), 1)
            os.dup2(err.fileno(), 2)
            os.execve(sys.executable, [sys.executable, "-m", "auditor", *args], env)
        deadline = started + timeout
        code: int | None = None
        while True:
            done, status, usage = os.wait4(pid, os.WNOHANG)
            if done:
                code = os.waitstatus_to_exitcode(status)
                break
            if time.monotonic() > deadline:
                os.killpg(pid, signal.SIGKILL)
                _, status, usage = os.wait4(pid, 0)
                code = None
                break
            time.sleep(0.05)
    return Outcome(code, time.monotonic() - started, usage.ru_maxrss / 1024, out_path.read_text("utf-8", "replace"),
                   err_path.read_text("utf-8", "replace"))


def one_line_error(o: Outcome) -> bool:
    lines = [line for line in o.stderr.splitlines() if line.strip()]
    return o.code == 2 and len(lines) == 1 and lines[0].startswith("auditor: error:") and not o.traceback


def describe(o: Outcome, extra: str = "") -> str:
    code = "killed at the time limit" if o.code is None else f"exit {o.code}"
    tail = "traceback" if o.traceback else (o.stderr.strip().splitlines() or [""])[-1][:110]
    parts = [code, f"{o.seconds:.1f} s"]
    if o.mb:
        parts.append(f"{o.mb:.0f} MB")
    if extra:
        parts.append(extra)
    if tail:
        parts.append(f"`{tail}`".replace("|", "\\|"))
    return ", ".join(parts)


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


STORY = "Syrian troops have completely evacuated the M5. The army said it was a success.\n"


# ---------------------------------------------------------------- item 1, 5: resources
def p_long_word(n: int) -> Callable[[Path, Runner], tuple[bool, str]]:
    def run(work: Path, auditor: Runner) -> tuple[bool, str]:
        write(work / "base.txt", "The code zqxjkvbw was sent.\n")  # an unseen word loads the same word lists
        base = measured(auditor, work, "check", "base.txt", "--no-grammar", "--format", "json", timeout=90)
        write(work / "w.txt", f"The code {'a' * n} was sent.\n")
        o = measured(auditor, work, "check", "w.txt", "--no-grammar", "--format", "json", timeout=90)
        extra_s, extra_mb = o.seconds - base.seconds, o.mb - base.mb
        ok = o.code in (0, 1) and extra_s <= 5 and extra_mb <= 400 and not o.traceback
        return ok, describe(o, f"+{extra_s:.1f} s and +{extra_mb:.0f} MB over the same run with an 8-letter unseen word")
    return run


def p_long_sentence(work: Path, auditor: Runner) -> tuple[bool, str]:
    words = ("the troops have completely evacuated the road near the city and fled north while " * 2600)
    text = "Syrian " + words[:200_000] + ".\n"
    write(work / "s.txt", text)
    o = measured(auditor, work, "check", "s.txt", "--no-grammar", "--format", "json", timeout=120)
    ok = o.code in (0, 1) and o.seconds <= 10 and not o.traceback
    return ok, describe(o, f"{len(text) // 1000} KB sentence")


def p_huge_line(work: Path, auditor: Runner) -> tuple[bool, str]:
    unit = "word and another word said the army today, "
    text = unit * (20_000_000 // len(unit)) + "\n"
    write(work / "big.txt", text)
    o = measured(auditor, work, "check", "big.txt", "--no-grammar", "--format", "json", "-o", "out.json",
                 timeout=90)
    ok = o.code is not None and o.seconds <= 60 and not o.traceback and (o.code in (0, 1) or one_line_error(o))
    return ok, describe(o)


def p_document_at_limit(work: Path, auditor: Runner) -> tuple[bool, str]:
    """The largest document auditor accepts (just under 2,000,000 characters): the per-run memory cap."""
    story = SEED.read_text(encoding="utf-8").strip() + "\n\n"
    text = story * (1_990_000 // len(story))
    write(work / "max.txt", text)
    o = measured(auditor, work, "check", "max.txt", "--no-grammar", "--format", "json", "-o", "out.json",
                 timeout=300)
    ok = o.code in (0, 1) and not o.traceback
    return ok, describe(o, f"{len(text):,} characters")


def p_jobs_cap(work: Path, auditor: Runner) -> tuple[bool, str]:
    write(work / "a.txt", STORY)
    o = auditor(work, "check", "a.txt", "--no-grammar", "--jobs", "64", "-q", timeout=120)
    cores = os.cpu_count() or 1
    ok = o.code in (0, 1) and "capped" in o.stderr and not o.traceback
    return ok, describe(o, f"{cores} cores")


# ---------------------------------------------------------------- item 2, 10: output guard
def _guard(option: str) -> Callable[[Path, Runner], tuple[bool, str]]:
    def run(work: Path, auditor: Runner) -> tuple[bool, str]:
        write(work / "mt.txt", STORY)
        victim = write(work / "victim.txt", "Syrische troepen hebben de M5 ontruimd.\n")
        before = victim.read_bytes()
        if option == "--baseline":
            auditor(work, "baseline", "create", "mt.txt", "--no-grammar", "-o", "victim.json", timeout=60)
            victim = work / "victim.json"
            before = victim.read_bytes()
            args = ["check", "mt.txt", "--no-grammar", "--baseline", "victim.json"]
        elif option == "--config":
            victim = write(work / "victim.toml", "lang = \"en-GB\"\n")
            before = victim.read_bytes()
            args = ["check", "mt.txt", "--no-grammar", "--config", "victim.toml"]
        else:
            args = ["check", "mt.txt", "--no-grammar", option, "victim.txt"]
        o = auditor(work, *args, "--format", "json", "-o", victim.name, timeout=60)
        kept = victim.read_bytes() == before
        return kept and one_line_error(o), describe(o, "input kept" if kept else "INPUT OVERWRITTEN")
    return run


def p_guard_baseline_create(work: Path, auditor: Runner) -> tuple[bool, str]:
    victim = write(work / "mt.txt", STORY)
    o = auditor(work, "baseline", "create", "mt.txt", "--no-grammar", "-o", "mt.txt", timeout=60)
    kept = victim.read_text() == STORY
    return kept and one_line_error(o), describe(o, "input kept" if kept else "INPUT OVERWRITTEN")


def p_guard_html_dir(work: Path, auditor: Runner) -> tuple[bool, str]:
    victim = write(work / "out" / "story.html", STORY)
    o = auditor(work, "check", "out/story.html", "--no-grammar", "--format", "html", "-o", "out", timeout=60)
    kept = victim.read_text() == STORY
    return kept and one_line_error(o), describe(o, "input kept" if kept else "INPUT OVERWRITTEN")


def p_guard_symlink_input(work: Path, auditor: Runner) -> tuple[bool, str]:
    victim = write(work / "mt.txt", STORY)
    os.symlink("mt.txt", work / "link.json")
    o = auditor(work, "check", "mt.txt", "--no-grammar", "--format", "json", "-o", "link.json", timeout=60)
    kept = victim.read_text() == STORY
    return kept and one_line_error(o), describe(o, "input kept" if kept else "INPUT OVERWRITTEN")


def p_symlink_output(work: Path, auditor: Runner) -> tuple[bool, str]:
    write(work / "mt.txt", STORY)
    write(work / "reports" / "real.json", "{}")
    os.symlink("reports/real.json", work / "out.json")
    o = auditor(work, "check", "mt.txt", "--no-grammar", "--format", "json", "-o", "out.json", timeout=60)
    link = (work / "out.json").is_symlink()
    written = (work / "reports" / "real.json").read_text().startswith('{\n  "schema"') or \
        (work / "reports" / "real.json").read_text().startswith('{"schema"')
    ok = o.code in (0, 1) and link and written
    return ok, describe(o, f"link {'kept' if link else 'REPLACED by a file'}, target {'written' if written else 'stale'}")


def p_fix_symlink(work: Path, auditor: Runner) -> tuple[bool, str]:
    write(work / "real" / "story.txt", "Syrian troops took the M5 , the army said.\n")
    os.symlink("real/story.txt", work / "story.txt")
    o = auditor(work, "fix", "story.txt", "--only-safe", "--in-place", "--no-grammar", timeout=60)
    link = (work / "story.txt").is_symlink()
    fixed = (work / "real" / "story.txt").read_text() != "Syrian troops took the M5 , the army said.\n"
    ok = o.code == 0 and link and fixed
    return ok, describe(o, f"link {'kept' if link else 'REPLACED by a file'}, target {'fixed' if fixed else 'unchanged'}")


# ---------------------------------------------------------------- item 3, 13: signals
def _signal_run(work: Path, auditor: Runner, jobs: int, sig: int, grammar: bool, group: bool = False,
                html: bool = True) -> tuple[bool, str]:
    feed = work / "feed"
    for i in range(60):
        write(feed / f"{i:03d}.txt", SEED.read_text(encoding="utf-8").replace("Syrian", f"Syrian{i}"))
    args = ["check", "feed", "-q", "--no-cache"]
    args += ["--format", "html", "-o", "out"] if html else ["--format", "json", "-o", "out.json"]
    if jobs > 1:
        args += ["--jobs", str(jobs)]
    if not grammar:
        args.append("--no-grammar")
    env = auditor.env(work)
    if grammar:  # a private cache: the run starts (and must stop) a LanguageTool server of its own
        from auditor.languagetool.install import languagetool_home

        env["AUDITOR_LANGUAGETOOL_HOME"] = str(languagetool_home())
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "auditor", *args], cwd=work, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    _wait_busy(process.pid, jobs, grammar)
    children_before = _descendants(process.pid)
    if group:
        os.killpg(process.pid, sig)
    else:
        os.kill(process.pid, sig)
    sent = time.monotonic()
    if sig == signal.SIGKILL:  # orphans would hold the output pipes open: judge them before reading
        process.wait(timeout=30)
        time.sleep(3.0)
        orphans = [pid for pid in children_before if _alive(pid)]
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        for pid in orphans:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        process.communicate()
        return not orphans, f"{len(orphans)} of {len(children_before)} children still running 3 s after the parent died"
    try:
        _, err = process.communicate(timeout=30)
        code: int | None = process.returncode
    except subprocess.TimeoutExpired:
        code = None
        os.killpg(process.pid, signal.SIGKILL)
        _, err = process.communicate()
    time.sleep(1.0)
    orphans = [pid for pid in children_before if _alive(pid)]
    for pid in orphans:
        os.kill(pid, signal.SIGKILL)
    temps = [p for p in work.rglob("*.tmp")]
    stderr = err.decode("utf-8", "replace")
    o = Outcome(code, sent - started, 0, "", stderr)
    expected = 128 + sig if sig in (signal.SIGINT, signal.SIGTERM) else -sig
    clean = not orphans and not temps
    ok = clean if sig == signal.SIGKILL else clean and code == expected and not o.traceback
    stop = "did not exit in 30 s" if code is None else f"exit {code} {time.monotonic() - sent - 1:.1f} s after the signal"
    return ok, f"{stop}, {len(orphans)} orphans, {len(temps)} .tmp files" + (", traceback" if o.traceback else "")


def _wait_busy(pid: int, jobs: int, grammar: bool) -> None:
    """Until the run is auditing: its workers (and JVM) exist, or one process has loaded its checks."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        children = _descendants(pid)
        java = any(b"java" in _cmdline(c) for c in children)
        if jobs > 1 and len(children) >= jobs and (java or not grammar):
            break
        if jobs == 1 and (java if grammar else _rss_mb(pid) > 250):
            break
        time.sleep(0.1)
    time.sleep(1.5)


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _descendants(pid: int) -> list[int]:
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        children = []
        for task in Path(f"/proc/{parent}/task").glob("*"):  # a JVM started from a thread is that thread's child
            try:
                children += (task / "children").read_text().split()
            except OSError:
                continue
        for child in map(int, children):
            found.append(child)
            frontier.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


def p_signal(jobs: int, sig: int, grammar: bool, group: bool = False, html: bool = True):
    return lambda work, auditor: _signal_run(work, auditor, jobs, sig, grammar, group, html)


# ---------------------------------------------------------------- item 4, 9, 13: bad input
def _bad_input(name: str, content: str | bytes, *extra: str, need: str = "") -> Callable[[Path, Runner], tuple[bool, str]]:
    def run(work: Path, auditor: Runner) -> tuple[bool, str]:
        write(work / name, content)
        o = auditor(work, "check", name, "--no-grammar", "--format", "json", *extra, timeout=60)
        ok = one_line_error(o) and need in o.stderr
        return ok, describe(o)
    return run


def _bad_option(*args: str, need: str = "") -> Callable[[Path, Runner], tuple[bool, str]]:
    def run(work: Path, auditor: Runner) -> tuple[bool, str]:
        write(work / "a.txt", STORY)
        o = auditor(work, "check", "a.txt", "--no-grammar", *args, timeout=60)
        return one_line_error(o) and need in o.stderr, describe(o)
    return run


def _bad_config(body: str) -> Callable[[Path, Runner], tuple[bool, str]]:
    def run(work: Path, auditor: Runner) -> tuple[bool, str]:
        write(work / "a.txt", STORY)
        write(work / "auditor.toml", body)
        o = auditor(work, "check", "a.txt", "--no-grammar", timeout=60)
        return one_line_error(o), describe(o)
    return run


def _unwritable(fmt: str, target: str = "ro/out.x") -> Callable[[Path, Runner], tuple[bool, str]]:
    """``-o`` where no file can be written: a read-only directory (a file in place of the directory
    when running as root, whom permissions do not stop), or a path under /proc."""
    def run(work: Path, auditor: Runner) -> tuple[bool, str]:
        write(work / "a.txt", STORY)
        if os.geteuid() == 0 and target.startswith("ro/"):
            write(work / "ro", "a file where the output directory should be\n")
        else:
            (work / "ro").mkdir()
            os.chmod(work / "ro", 0o555)
        try:
            o = auditor(work, "check", "a.txt", "--no-grammar", "--format", fmt, "-o", target, timeout=60)
        finally:
            if (work / "ro").is_dir():
                os.chmod(work / "ro", 0o755)
        return one_line_error(o), describe(o)
    return run


def p_bad_cache_rows(work: Path, auditor: Runner) -> tuple[bool, str]:
    write(work / "a.txt", STORY)
    auditor(work, "check", "a.txt", "--no-grammar", "-q", timeout=60)
    db = work / "cache" / "audit" / "results.sqlite3"
    with sqlite3.connect(db) as con:
        con.execute("UPDATE own_results SET value = '{not json'")
    o = auditor(work, "check", "a.txt", "--no-grammar", "--format", "json", timeout=60)
    ok = o.code in (0, 1) and not o.traceback and _valid_json(o.stdout)
    return ok, describe(o)


def p_corrupt_cache(work: Path, auditor: Runner) -> tuple[bool, str]:
    write(work / "a.txt", STORY)
    write(work / "cache" / "audit" / "results.sqlite3", b"this is not a database" * 100)
    o = auditor(work, "check", "a.txt", "--no-grammar", "--format", "json", timeout=60)
    warned = len([line for line in o.stderr.splitlines() if "cache" in line]) == 1
    ok = o.code in (0, 1) and not o.traceback and _valid_json(o.stdout) and warned
    return ok, describe(o)


def p_cache_commands(work: Path, auditor: Runner) -> tuple[bool, str]:
    write(work / "a.txt", STORY)
    auditor(work, "check", "a.txt", "--no-grammar", "-q", timeout=60)
    info = auditor(work, "cache", "info", timeout=60)
    clear = auditor(work, "cache", "clear", timeout=60)
    gone = not (work / "cache" / "audit" / "results.sqlite3").exists()
    ok = info.code == 0 and clear.code == 0 and gone
    return ok, f"info exit {info.code}, clear exit {clear.code}, cache {'removed' if gone else 'kept'}"


def _valid_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def p_partial_stdout(fmt: str) -> Callable[[Path, Runner], tuple[bool, str]]:
    def run(work: Path, auditor: Runner) -> tuple[bool, str]:
        write(work / "a.txt", STORY)
        write(work / "b.txt", b"caf\xe9 au lait\n")
        o = auditor(work, "check", "a.txt", "b.txt", "--no-grammar", "--format", fmt, timeout=60)
        ok = one_line_error(o) and o.stdout == ""
        return ok, describe(o, f"{len(o.stdout)} bytes on stdout")
    return run


def p_outside_sentence(text: str) -> Callable[[Path, Runner], tuple[bool, str]]:
    def run(work: Path, auditor: Runner) -> tuple[bool, str]:
        write(work / "a.txt", text)
        o = auditor(work, "check", "a.txt", "--no-grammar", "--format", "json", timeout=60)
        bad = []
        if _valid_json(o.stdout):
            for document in json.loads(o.stdout)["documents"]:
                for sentence in document["sentences"]:
                    for f in sentence["findings"]:
                        if not sentence["start"] <= f["start"] <= f["end"] <= sentence["end"]:
                            bad.append(f"{f['rule']} [{f['start']},{f['end']}] in [{sentence['start']},{sentence['end']}]")
        ok = o.code in (0, 1) and _valid_json(o.stdout) and not bad
        return ok, describe(o, "; ".join(bad) or "all findings inside their sentence")
    return run


def p_space_suggestion(work: Path, auditor: Runner) -> tuple[bool, str]:
    write(work / "a.txt", "The army left the city  on Monday.\n")
    o = auditor(work, "check", "a.txt", "--no-grammar", timeout=60)
    ok = o.code in (0, 1) and "(delete)" not in o.stdout and "doubled-space" in o.stdout
    shown = next((line.strip() for line in o.stdout.splitlines() if "→" in line or "->" in line), "")
    return ok, describe(o, f"suggestion shown as `{shown[:60]}`")


PROBES: list[Probe] = [
    Probe("word-8000", "1", "an 8,000-letter word", p_long_word(8000)),
    Probe("word-16000", "1", "a 16,000-letter word", p_long_word(16000)),
    Probe("out-is-source", "2", "`-o` equal to `--source`", _guard("--source")),
    Probe("out-is-reference", "2", "`-o` equal to `--reference`", _guard("--reference")),
    Probe("out-is-baseline", "2", "`-o` equal to `--baseline`", _guard("--baseline")),
    Probe("out-is-config", "2", "`-o` equal to `--config`", _guard("--config")),
    Probe("baseline-create-onto-input", "2", "`baseline create X -o X`", p_guard_baseline_create),
    Probe("html-dir-holds-input", "2", "HTML output directory holding the input `.html`", p_guard_html_dir),
    Probe("out-symlink-to-input", "2", "`-o` a symlink to an input", p_guard_symlink_input),
    Probe("sigterm-jobs2", "3", "SIGTERM, `--jobs 2`, LanguageTool", p_signal(2, signal.SIGTERM, True), {"slow"}),
    Probe("sigint-jobs2", "3", "Ctrl-C (SIGINT to the group), `--jobs 2`, LanguageTool",
          p_signal(2, signal.SIGINT, True, group=True), {"slow"}),
    Probe("sigterm-jobs2-nogrammar", "3", "SIGTERM, `--jobs 2 --no-grammar`", p_signal(2, signal.SIGTERM, False)),
    Probe("sigint-jobs2-nogrammar", "3,13", "Ctrl-C to the group, `--jobs 2 --no-grammar` (worker tracebacks)",
          p_signal(2, signal.SIGINT, False, group=True)),
    Probe("sigkill-jobs2", "3", "`kill -9`, `--jobs 2 --no-grammar`: orphaned workers",
          p_signal(2, signal.SIGKILL, False)),
    Probe("sigterm-single", "3", "SIGTERM, one process, LanguageTool", p_signal(1, signal.SIGTERM, True), {"slow"}),
    Probe("sigint-single-nogrammar", "3", "SIGINT, one process, `--no-grammar`, JSON file",
          p_signal(1, signal.SIGINT, False, html=False)),
    Probe("jsonl-deep", "4", "deeply nested JSONL", _bad_input("d.jsonl", '{"target": ' + "[" * 100000 + "]" * 100000 + "}\n")),
    Probe("jsonl-bigint", "4", "huge integer in JSONL", _bad_input("i.jsonl", '{"target": ' + "9" * 5000 + "}\n")),
    Probe("jsonl-surrogate", "4", "lone surrogate `\\ud800` in JSONL", _bad_input("u.jsonl", '{"target": "Hi \\ud800 there."}\n')),
    Probe("jsonl-klingon", "4,9", "`lang: klingon` in a JSONL record", _bad_input("k.jsonl", '{"target": "Hi there.", "lang": "klingon"}\n')),
    Probe("jsonl-de-DE", "9", "`lang: de-DE` in a JSONL record", _bad_input("g.jsonl", '{"target": "Hi there.", "lang": "de-DE"}\n')),
    Probe("lang-klingon", "4,9", "`--lang klingon --no-grammar`", _bad_option("--lang", "klingon")),
    Probe("lang-de-DE", "9", "`--lang de-DE`", _bad_option("--lang", "de-DE")),
    Probe("source-lang-xx", "9", "`--source-lang xx`", _bad_option("--source-lang", "xx")),
    Probe("config-disable-typo", "9", "config `disable = [\"long-sentense\"]`", _bad_config('disable = ["long-sentense"]\n')),
    Probe("config-severity-typo", "9", "config `severity = {\"long-sentense\" = \"major\"}`",
          _bad_config('severity = { "long-sentense" = "major" }\n')),
    *[Probe(f"readonly-{fmt}", "4", f"`-o` into a read-only directory, {fmt}", _unwritable(fmt))
      for fmt in ("json", "text", "sarif", "junit", "jsonl", "github")],
    Probe("impossible-path", "4", "`-o /proc/version/x.json`", _unwritable("json", "/proc/version/x.json")),
    Probe("cache-bad-json-rows", "4,8", "valid SQLite cache rows holding bad JSON", p_bad_cache_rows),
    Probe("cache-corrupt", "8", "a corrupted result cache file", p_corrupt_cache),
    Probe("cache-commands", "8", "`auditor cache info` and `auditor cache clear`", p_cache_commands),
    Probe("jobs-64", "6", "`--jobs 64`", p_jobs_cap),
    Probe("partial-json", "7", "JSON on stdout, second input not UTF-8", p_partial_stdout("json")),
    Probe("partial-sarif", "7", "SARIF on stdout, second input not UTF-8", p_partial_stdout("sarif")),
    Probe("symlink-output", "10", "`-o` a symlink to a report file", p_symlink_output),
    Probe("fix-in-place-symlink", "10", "`fix --in-place` on a symlink", p_fix_symlink),
    Probe("usage-jobs-0", "11", "`--jobs 0`", _bad_option("--jobs", "0")),
    Probe("usage-fail-on", "11", "`--fail-on nonsense`", _bad_option("--fail-on", "nonsense")),
    Probe("doubled-space-between", "12", "`The army left.  The troops stayed.`",
          p_outside_sentence("The army left.  The troops stayed.\n")),
    Probe("quote-at-boundary", "12", "misplaced closing quote at a sentence boundary",
          p_outside_sentence("“We are staying here? “A soldier said that.\n")),
    Probe("space-suggestion", "13", "a one-space suggestion shown as (delete)", p_space_suggestion),
    Probe("xml-entity", "13", "an unresolved XML entity in XLIFF", _bad_input(
        "e.xlf", '<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY foo "bar">]>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file source-language="nl" target-language="en" datatype="plaintext" original="x"><body>'
        '<trans-unit id="1"><source>Hallo &foo; wereld.</source><target>Hello &foo; world.</target>'
        '</trans-unit></body></file></xliff>\n')),
    Probe("tsv-nul", "13", "NUL in TSV", _bad_input("n.tsv", "Hallo\tHello\x00 world.\n")),
    Probe("huge-line-20mb", "5", "a 20 MB single line", p_huge_line, {"slow"}),
    Probe("sentence-200kb", "5", "a 200 KB sentence", p_long_sentence),
    Probe("document-at-limit", "5,6", "a document just under the 2,000,000-character limit (memory cap)",
          p_document_at_limit, {"slow"}),
]


def render(before: dict[str, dict], after: dict[str, dict]) -> str:
    """One markdown row per probe: the issue item, the probe, before and after (pass/fail and detail)."""
    rows = ["| # | probe | before (main) | after (this branch) |", "|---|---|---|---|"]
    for probe in PROBES:
        old, new = before.get(probe.name), after.get(probe.name)
        if old is None and new is None:
            continue

        def cell(result: dict | None) -> str:
            if result is None:
                return "not run"
            return f"{'✅' if result['ok'] else '❌'} {result['detail']}"

        rows.append(f"| {probe.item} | {probe.what} | {cell(old)} | {cell(new)} |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--code", type=Path, default=ROOT)
    parser.add_argument("--only", default="")
    parser.add_argument("--skip", default="")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--render", nargs=2, type=Path, metavar=("BEFORE", "AFTER"),
                        help="print the before/after markdown table of two --json result files")
    args = parser.parse_args()
    if args.render:
        print(render(*(json.loads(path.read_text()) for path in args.render)))
        return
    auditor = Runner(args.code.resolve())
    only = {n for n in args.only.split(",") if n}
    skip = {n for n in args.skip.split(",") if n}
    results = {}
    if args.json and args.json.exists():
        results = json.loads(args.json.read_text())
    for probe in PROBES:
        if (only and probe.name not in only) or probe.name in skip:
            continue
        work = Path(tempfile.mkdtemp(prefix=f"probe-{probe.name}-"))
        try:
            ok, detail = probe.run(work, auditor)
        except Exception as error:  # a probe that cannot run is reported, not hidden
            ok, detail = False, f"probe failed: {error!r}"
        finally:
            shutil.rmtree(work, ignore_errors=True)
        results[probe.name] = {"item": probe.item, "what": probe.what, "ok": ok, "detail": detail}
        print(f"{'PASS' if ok else 'FAIL'} {probe.name}: {detail}", flush=True)
        if args.json:
            args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
