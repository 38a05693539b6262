"""Server lifecycle against the real LanguageTool: start, reuse, stop, restart after a kill, errors."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor.checks.grammar import GrammarCheck
from auditor.cli import app
from auditor.errors import AuditorError
from auditor.languagetool import server
from auditor.models import Document
from auditor.run.pipeline import segment_document

try:  # tests/ is a rootdir folder, not a package, unless someone adds tests/__init__.py
    from languagetool_support import lt_server, pid_alive, private_cache
except ImportError:  # pragma: no cover
    from tests.languagetool_support import lt_server, pid_alive, private_cache  # noqa: F401

runner = CliRunner()
BAD = "He go to the market. They was late."


def _doc(text: str = BAD) -> Document:
    return segment_document(Document(path="t.txt", text=text))


def test_check_reuses_the_running_server(lt_server, tmp_path: Path) -> None:
    status = runner.invoke(app, ["languagetool", "status"])
    assert status.exit_code == 0 and str(lt_server.port) in status.output
    again = runner.invoke(app, ["languagetool", "start"])
    assert again.exit_code == 0 and "already running" in again.output
    check = GrammarCheck("en-US")
    try:
        assert check.session.reused and check.session.owned_pid is None
        assert check.session.url == lt_server.url
    finally:
        check.close()
    assert server.is_healthy(lt_server.url)  # closing a run leaves the shared server alone
    story = tmp_path / "story.txt"
    story.write_text(BAD + "\n", encoding="utf-8")
    result = runner.invoke(
        app, ["check", str(story), "--format", "json", "--languagetool-url", lt_server.url]
    )
    assert result.exit_code == 0, result.output
    assert "languagetool/HE_VERB_AGR" in result.output


def test_start_status_stop_cycle(private_cache: Path) -> None:
    assert runner.invoke(app, ["languagetool", "status"]).exit_code == 1
    started = runner.invoke(app, ["languagetool", "start"])
    assert started.exit_code == 0 and "started at http://127.0.0.1:" in started.output
    info = server.read_state()
    assert info is not None and server.is_healthy(info.url)
    stopped = runner.invoke(app, ["languagetool", "stop"])
    assert stopped.exit_code == 0 and "stopped" in stopped.output
    assert not pid_alive(info.pid) and not server.is_healthy(info.url)
    assert server.read_state() is None
    assert "no LanguageTool server" in runner.invoke(app, ["languagetool", "stop"]).output


def test_cached_run_starts_no_server(private_cache: Path) -> None:
    first = GrammarCheck("en-US")
    try:
        assert first.session.owned_pid is None  # nothing asked yet: no JVM
        cold = first.check(_doc())
        started = first.session.owned_pid
        assert started is not None and first.client.clock.requests == 1
    finally:
        first.close()
    assert not pid_alive(started)
    second = GrammarCheck("en-US")
    try:
        assert second.check(_doc()) == cold
        assert second.session.owned_pid is None and second.client.clock.requests == 0
    finally:
        second.close()


def test_killed_server_is_restarted_and_run_server_stopped(private_cache: Path) -> None:
    check = GrammarCheck("en-US", use_cache=False)
    first_pid = check.session.owned_pid
    assert first_pid is not None and not check.session.reused
    try:
        os.killpg(first_pid, signal.SIGKILL)
        time.sleep(0.2)
        findings = check.check(_doc())
        assert check.session.restarts == 1
        assert {"go", "was"} <= {BAD[f.start : f.end] for f in findings}
        second_pid = check.session.owned_pid
        assert second_pid not in (None, first_pid)
        # a second death in the same run is not papered over: one clear error, no partial result
        os.killpg(second_pid, signal.SIGKILL)
        time.sleep(0.2)
        with pytest.raises(AuditorError, match="stopped answering"):
            check.check(_doc("She have left. " + BAD))
    finally:
        check.close()
    assert not pid_alive(second_pid) and not pid_alive(first_pid)


def test_missing_languagetool_stops_check_with_install_hint(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("AUDITOR_LANGUAGETOOL_HOME", str(tmp_path / "nowhere"))
    monkeypatch.delenv("LANGUAGETOOL_URL", raising=False)
    story = tmp_path / "story.txt"
    story.write_text(BAD + "\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(story)])
    assert result.exit_code == 2
    assert "make setup" in result.output and "auditor languagetool fetch" in result.output
    assert runner.invoke(app, ["check", str(story), "--no-grammar"]).exit_code == 0


def test_unreachable_url_is_one_clear_error(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(BAD + "\n", encoding="utf-8")
    port = server.free_port()
    result = runner.invoke(app, ["check", str(story), "--languagetool-url", f"http://127.0.0.1:{port}"])
    assert result.exit_code == 2 and "no LanguageTool server answers" in result.output


@pytest.mark.parametrize(
    ("flags", "stop"),
    [
        (["--no-cache"], signal.SIGINT),  # server started up front, from the main thread
        ([], signal.SIGINT),  # started on the first cache miss, from the session's launcher thread
        ([], signal.SIGKILL),  # auditor killed outright: the kernel tells the server (parent-death signal)
    ],
    ids=["no-cache-ctrl-c", "lazy-ctrl-c", "lazy-kill-9"],
)
def test_interrupted_run_leaves_no_jvm(private_cache: Path, tmp_path: Path, flags: list[str], stop: int) -> None:
    story = tmp_path / "story.txt"
    story.write_text((BAD + " ") * 4000 + "\n", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "auditor", "check", str(story), *flags],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
        # a shell that started us in the background may have left SIGINT ignored; Ctrl-C must reach the child
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    java = None
    deadline = time.monotonic() + 60
    while java is None and time.monotonic() < deadline:
        out = subprocess.run(
            ["ps", "-ww", "-o", "pid=,ppid=,args=", "-e"], capture_output=True, text=True
        ).stdout
        for line in out.splitlines():
            pid, ppid, args = line.split(None, 2)
            if int(ppid) == process.pid and "org.languagetool.server.HTTPServer" in args:
                java = int(pid)
        time.sleep(0.2)
    if java is None:
        process.kill()
    assert java is not None, "the run did not start its own server"
    process.send_signal(stop)
    process.wait(timeout=30)
    assert process.returncode != 0
    deadline = time.monotonic() + 10
    while pid_alive(java) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not pid_alive(java)
