"""Issue 21: one shutdown path. A real ``auditor check`` gets the signal mid-run, in every mode.

Each run audits a feed into an HTML report directory (one staged ``.tmp`` page per document), so
a run that leaves staged files behind is caught; worker processes must be gone afterwards.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SEED
from tests.languagetool_support import pid_alive, require_languagetool

ROOT = Path(__file__).resolve().parent.parent


def descendants(pid: int) -> list[int]:
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        children = []
        for task in Path(f"/proc/{parent}/task").glob("*"):  # a JVM started from a thread is that thread's child
            try:
                children += (task / "children").read_text().split()
            except OSError:
                continue
        found.extend(map(int, children))
        frontier.extend(map(int, children))
    return found


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def wait_until(condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def start(tmp_path: Path, *extra: str, grammar: bool = False) -> subprocess.Popen[bytes]:
    feed = tmp_path / "feed"
    feed.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for i in range(40):
        (feed / f"{i:02d}.txt").write_text(text.replace("Syrian", f"Syrian{i}"), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "AUDITOR_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("LANGUAGETOOL_URL", None)
    if grammar:  # a private cache directory: the run starts (and must stop) a server of its own
        env["AUDITOR_LANGUAGETOOL_HOME"] = str(require_languagetool())
    args = ["check", "feed", "-q", "--no-cache", "--format", "html", "-o", "out", *extra]
    if not grammar:
        args.append("--no-grammar")
    return subprocess.Popen([sys.executable, "-m", "auditor", *args], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def busy(process: subprocess.Popen[bytes], workers: int) -> None:
    """Wait until the run is auditing: its workers exist, or (one process) its checks are loaded."""
    if workers:
        assert wait_until(lambda: len(descendants(process.pid)) >= workers, 60)
        time.sleep(1.0)
    else:
        assert wait_until(lambda: rss_mb(process.pid) > 250 or process.poll() is not None, 60)
    assert process.poll() is None, "the run ended before the signal"


def finish(process: subprocess.Popen[bytes], children: list[int], tmp_path: Path) -> tuple[int, str]:
    try:
        _, err = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail("the run did not exit within 30 s of the signal")
    assert wait_until(lambda: not any(pid_alive(pid) for pid in children), 10), "orphaned workers"
    assert not list(tmp_path.rglob("*.tmp")), "staged files left behind"
    stderr = err.decode("utf-8", "replace")
    assert "Traceback" not in stderr, stderr
    return process.returncode, stderr


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_signal_to_a_jobs_run_exits_cleanly(tmp_path: Path, sig: int, code: int) -> None:
    process = start(tmp_path, "--jobs", "2")
    busy(process, workers=2)
    children = descendants(process.pid)
    os.kill(process.pid, sig)
    assert finish(process, children, tmp_path)[0] == code


def test_ctrl_c_to_the_process_group_prints_no_worker_tracebacks(tmp_path: Path) -> None:
    process = start(tmp_path, "--jobs", "2")
    busy(process, workers=2)
    children = descendants(process.pid)
    os.killpg(process.pid, signal.SIGINT)
    code, stderr = finish(process, children, tmp_path)
    assert code == 130 and stderr.strip() == "auditor: interrupted"


def test_sigint_to_a_single_process_run(tmp_path: Path) -> None:
    process = start(tmp_path)
    busy(process, workers=0)
    os.kill(process.pid, signal.SIGINT)
    assert finish(process, [], tmp_path)[0] == 130


def test_kill_9_leaves_no_orphaned_workers(tmp_path: Path) -> None:
    process = start(tmp_path, "--jobs", "2")
    busy(process, workers=2)
    children = descendants(process.pid)
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=30)
    assert wait_until(lambda: not any(pid_alive(pid) for pid in children), 10), "orphaned workers"


def test_sigterm_with_languagetool_stops_the_server_too(tmp_path: Path) -> None:
    require_languagetool()
    process = start(tmp_path, grammar=True)
    assert wait_until(lambda: any("java" in _cmdline(pid) for pid in descendants(process.pid)), 60)
    time.sleep(2.0)
    children = descendants(process.pid)
    os.kill(process.pid, signal.SIGTERM)
    assert finish(process, children, tmp_path)[0] == 143


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode("utf-8", "replace")
    except OSError:
        return ""
