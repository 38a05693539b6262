"""--dask: a real LocalCluster of 2 worker processes gives byte-identical reports, survives a killed worker."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")  # the 'dask' extra; 'test' installs it

from auditor.dask_address import parse_address  # noqa: E402
from tests.ci_support import STORY, run_cli, write  # noqa: E402
from tests.languagetool_support import lt_server  # noqa: E402, F401 - a fixture

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_716b39ef12bcdcab.txt"


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[distributed.LocalCluster]:
    """Two single-threaded worker processes (with nannies, which restart a killed worker)."""
    cache = tmp_path_factory.mktemp("dask-cache")
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.CRITICAL,
        env={"AUDITOR_CACHE_DIR": str(cache)},
    ) as local:
        yield local


def _mixed_feed(folder: Path, texts: int = 12, records: int = 24) -> list[str]:
    """Plain-text stories and a JSONL feed: the seed's paragraphs and damaged sentences, all different."""
    paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    for number in range(texts):
        body = "\n\n".join(paragraphs[number % len(paragraphs) :][:4])
        write(folder / "stories" / f"story-{number:02d}.txt", body + "\n")
    lines = []
    for number in range(records):
        text = STORY if number % 4 == 0 else paragraphs[(3 * number) % len(paragraphs)] + "\n\nIt said the the plan ."
        lines.append(json.dumps({"id": f"r{number}", "text": text}))
    write(folder / "feed.jsonl", "\n".join(lines) + "\n")
    return ["stories", "feed.jsonl"]


def test_dask_json_is_byte_identical_to_a_local_run(cluster: distributed.LocalCluster, tmp_path: Path) -> None:
    inputs = _mixed_feed(tmp_path)
    write(tmp_path / "auditor.toml", 'disable = ["doubled-space"]\ndask-batch-size = 5\n')
    base = ["check", *inputs, "--no-grammar", "--no-cache", "-f", "json"]
    local = run_cli(base, tmp_path)
    remote = run_cli([*base, "--dask", cluster.scheduler_address], tmp_path)
    assert local.code == remote.code == 0, remote.stderr
    assert remote.stdout == local.stdout
    documents = json.loads(remote.stdout)["documents"]
    assert len(documents) == 36 and {d["path"] for d in documents} >= {"feed.jsonl#r0", "feed.jsonl#r23"}
    rules = {f["rule"] for d in json.loads(remote.stdout)["documents"] for s in d["sentences"] for f in s["findings"]}
    assert "doubled-space" not in rules  # the finding policy is applied on the workers too
    assert "repeated-word" in remote.stdout  # the checks really ran there


def test_config_key_and_shared_cache_dir(cluster: distributed.LocalCluster, tmp_path: Path) -> None:
    inputs = _mixed_feed(tmp_path, texts=3, records=5)
    shared = tmp_path / "shared-cache"
    write(tmp_path / "auditor.toml", f'dask = "{cluster.scheduler_address}"\ndask-cache-dir = "shared-cache"\n')
    base = ["check", *inputs, "--no-grammar", "-f", "jsonl"]
    first = run_cli(base, tmp_path)
    assert first.code == 0, first.stderr
    database = shared / "audit" / "results.sqlite3"
    assert database.is_file()  # the workers wrote their results to the shared path
    written = database.stat().st_mtime_ns
    second = run_cli(base, tmp_path)  # answered from the shared cache: same bytes
    assert second.stdout == first.stdout
    local = run_cli([*base, "--no-cache", "--config", str(tmp_path / "auditor.toml"), "--dask", "local:1"], tmp_path)
    assert local.code == 0 and local.stdout == first.stdout
    assert database.stat().st_mtime_ns >= written


def _batches_on_scheduler(dask_scheduler: distributed.Scheduler) -> list[tuple[int, str]]:
    """(batch number, worker address) of every auditor batch being processed now."""
    running = []
    for key, task in list(dask_scheduler.tasks.items()):
        if isinstance(key, str) and key.startswith("auditor-batch-") and task.state == "processing":
            running.append((int(key.rsplit("-", 1)[1]), task.processing_on.address))
    return running


def _kill_when_running(address: str, pids: dict[str, int], after_batch: int, killed: list[int]) -> None:
    """Once batch ``after_batch`` or later is processing, SIGKILL the worker process running it."""
    with distributed.Client(address, timeout=10) as watcher:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            running = [(n, w) for n, w in watcher.run_on_scheduler(_batches_on_scheduler) if n >= after_batch]
            if running:
                pid = pids[running[0][1]]
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
                return
            time.sleep(0.02)


def test_worker_killed_mid_run_loses_and_duplicates_nothing(
    cluster: distributed.LocalCluster, tmp_path: Path
) -> None:
    inputs = _mixed_feed(tmp_path, texts=20, records=40)
    base = ["check", *inputs, "--no-grammar", "--no-cache", "-f", "jsonl"]
    local = run_cli(base, tmp_path)
    with distributed.Client(cluster.scheduler_address) as client:
        pids = client.run(os.getpid)
    assert len(pids) == 2
    write(tmp_path / "auditor.toml", "dask-batch-size = 2\n")  # 30 batches: the kill lands mid-run
    killed: list[int] = []
    killer = threading.Thread(target=_kill_when_running, args=(cluster.scheduler_address, pids, 4, killed))
    killer.start()
    remote = run_cli([*base, "--dask", cluster.scheduler_address], tmp_path)
    killer.join()
    assert killed, "the run finished before a worker could be killed"
    assert remote.code == 0, remote.stderr
    assert remote.stdout == local.stdout  # nothing lost, nothing duplicated, same order
    with pytest.raises(ProcessLookupError):
        os.kill(killed[0], 0)
    with distributed.Client(cluster.scheduler_address) as client:
        client.wait_for_workers(2, timeout=60)  # the nanny restarted the killed worker
        assert killed[0] not in client.run(os.getpid).values()


def test_scheduler_gone_mid_run_is_one_line_exit_2_and_no_report(tmp_path: Path) -> None:
    inputs = _mixed_feed(tmp_path, texts=20, records=60)
    scheduler_file = tmp_path / "scheduler.json"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    scheduler = subprocess.Popen(
        [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0",
         "--no-dashboard", "--scheduler-file", str(scheduler_file)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    worker = None
    try:
        address = _scheduler_address(scheduler_file)
        worker = subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_worker", address, "--nthreads", "1", "--no-nanny",
             "--no-dashboard"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        write(tmp_path / "auditor.toml", "dask-batch-size = 2\n")
        report = tmp_path / "report.json"
        killed: list[int] = []
        # every worker address maps to the scheduler's pid: the watcher kills the scheduler mid-run
        killer = threading.Thread(
            target=_kill_when_running, args=(address, _AnyWorker(scheduler.pid), 3, killed), daemon=True
        )
        killer.start()
        result = run_cli(["check", *inputs, "--no-grammar", "--no-cache", "-f", "json", "-o", str(report),
                          "--dask", address], tmp_path)
        killer.join(timeout=30)
        assert killed == [scheduler.pid], "the run finished before the scheduler could be stopped"
        assert result.code == 2
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "lost the Dask scheduler" in lines[0], result.stderr
        assert not report.exists() and list(tmp_path.glob("report*")) == []
    finally:
        for process in (worker, scheduler):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()


def _scheduler_address(scheduler_file: Path, wait: float = 180) -> str:
    """The address in a scheduler file, once it is written whole (it exists, empty, a moment before)."""
    deadline = time.monotonic() + wait
    while True:
        with contextlib.suppress(OSError, ValueError, KeyError):
            return str(json.loads(scheduler_file.read_text())["address"])
        if time.monotonic() > deadline:
            raise AssertionError(f"no scheduler address in {scheduler_file} after {wait:.0f} s")
        time.sleep(0.1)


class _AnyWorker(dict):
    """Every worker address maps to one pid (the scheduler's)."""

    def __init__(self, pid: int) -> None:
        super().__init__()
        self.pid = pid

    def __missing__(self, key: str) -> int:
        return self.pid


def test_bad_addresses_are_one_line_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from auditor import dask_backend

    write(tmp_path / "story.txt", STORY)
    monkeypatch.setattr(dask_backend, "CONNECT_TIMEOUT", 1.0)
    nobody = run_cli(["check", "story.txt", "--no-grammar", "--dask", "tcp://127.0.0.1:9"], tmp_path)
    assert nobody.code == 2 and nobody.stdout == ""
    assert nobody.stderr.count("\n") == 1 and "no Dask scheduler answers" in nobody.stderr
    for bad in ("local:0", "local:x", "http://host:8786/x y"):
        result = run_cli(["check", "story.txt", "--no-grammar", "--dask", bad], tmp_path)
        assert result.code == 2 and result.stderr.startswith("auditor: error: --dask: expected"), result.stderr
    write(tmp_path / "auditor.toml", "dask = 8786\n")
    result = run_cli(["check", "story.txt", "--no-grammar"], tmp_path)
    assert result.code == 2 and "auditor.toml: config dask: expected a scheduler address" in result.stderr


def test_parse_address() -> None:
    assert parse_address("local:2") == "local:2"
    assert parse_address("scheduler:8786") == "tcp://scheduler:8786"
    assert parse_address("tls://10.0.0.5:8786") == "tls://10.0.0.5:8786"
    with pytest.raises(ValueError, match="local:N"):
        parse_address("local:300")


def _watch_servers(client: distributed.Client, seen: dict[int, str], stop: threading.Event) -> None:
    """Record every LanguageTool server the workers' plugins hold while a run goes on (pid -> command line)."""
    from auditor.dask_backend import worker_languagetool

    while not stop.is_set():
        for found in client.run(worker_languagetool).values():
            for pid, _ in found:
                if pid not in seen:
                    with contextlib.suppress(OSError):
                        seen[pid] = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        time.sleep(0.2)


def test_each_worker_runs_its_own_languagetool_server_through_the_plugin(
    tmp_path: Path, lt_server  # noqa: F811 - the fixture imported above
) -> None:
    """Grammar on: every worker starts its own LanguageTool on its first batch and stops it when the run ends.

    The workers have no LanguageTool installed: the run ships this machine's jars to them.
    """
    from auditor.dask_backend import worker_languagetool
    from tests.languagetool_support import pid_alive, require_languagetool

    require_languagetool()
    worker_cache = tmp_path / "worker-cache"  # no persistent server recorded there: each worker starts one
    stories = [STORY, "She have left the the city yesterday .\n", "Their is no reason too wait.\n", STORY]
    for number, text in enumerate(stories):
        write(tmp_path / "in" / f"s{number}.txt", text)
    # here: the session's persistent server (lt_server); on the workers: one server each
    local = run_cli(["check", "in", "-f", "json", "--no-cache"], tmp_path)
    assert local.code == 0 and "languagetool/" in local.stdout
    write(tmp_path / "auditor.toml", "dask-batch-size = 1\ndask-ship-languagetool = true\n")
    nowhere = tmp_path / "no-languagetool-here"
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
        silence_logs=logging.CRITICAL,
        env={"AUDITOR_CACHE_DIR": str(worker_cache), "AUDITOR_LANGUAGETOOL_HOME": str(nowhere)},
    ) as cluster, distributed.Client(cluster) as client:
        seen: dict[int, str] = {}
        stop = threading.Event()
        watcher = threading.Thread(target=_watch_servers, args=(client, seen, stop))
        watcher.start()
        try:
            remote = run_cli(["check", "in", "-f", "json", "--dask", cluster.scheduler_address], tmp_path)
        finally:
            stop.set()
            watcher.join()
        assert remote.code == 0, remote.stderr
        assert remote.stdout == local.stdout  # LanguageTool's findings from the workers, byte for byte
        assert len(seen) == 2, seen  # two workers, two servers of their own (lt_server's is not among them)
        assert lt_server.pid not in seen
        for command in seen.values():  # each ran the jars shipped into its worker's own directory
            assert "auditor-languagetool" in command and str(nowhere) not in command
        # the run's plugin is unregistered when it ends: the workers stopped their servers
        assert all(found == [] for found in client.run(worker_languagetool).values())
        deadline = time.monotonic() + 30
        while any(pid_alive(pid) for pid in seen) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(pid_alive(pid) for pid in seen)


def test_client_reads_ahead_at_most_two_batches_per_worker_thread(cluster: distributed.LocalCluster) -> None:
    """Bounded in flight: the client's memory does not grow with the feed."""
    from auditor.checks import CheckOptions
    from auditor.dask_address import DaskSettings
    from auditor.dask_backend import audit_on_dask
    from auditor.models import Document
    from auditor.score.finding_policy import FindingPolicy
    from auditor.score.scoring import ScoringModel

    read: list[int] = []

    def feed() -> Iterator[Document]:
        for number in range(40):
            read.append(number)
            yield Document(path=f"d{number}", text=f"Report {number} said the the plan was ready .")

    settings = DaskSettings(address=cluster.scheduler_address, batch_size=2)
    results = audit_on_dask(feed(), CheckOptions(grammar=False, cache=False), ScoringModel(), FindingPolicy(), settings)
    first = next(results)
    assert first.document.path == "d0"
    assert len(read) <= 2 * 2 * 2  # 2 workers x 1 thread x 2 batches in flight x 2 documents
    rest = [r.document.path for r in results]
    assert rest == [f"d{n}" for n in range(1, 40)] and len(read) == 40


def test_without_the_dask_extra_the_error_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from auditor import dask_backend

    write(tmp_path / "story.txt", STORY)
    monkeypatch.setattr(dask_backend, "distributed", None)
    result = run_cli(["check", "story.txt", "--no-grammar", "--dask", "local:1"], tmp_path)
    assert result.code == 2 and result.stdout == ""
    assert result.stderr == "auditor: error: Dask is not installed: pip install 'auditor[dask]'\n"


def test_local_cluster_runs_outside_the_client_and_goes_with_the_run() -> None:
    """local:N: scheduler and workers live in a child process tree, which is gone when the run ends."""
    from auditor.dask_local import local_cluster
    from tests.languagetool_support import pid_alive

    with local_cluster(1) as address, distributed.Client(address, timeout=30) as client:
        scheduler = client.run_on_scheduler(os.getpid)
        workers = list(client.run(os.getpid).values())
        assert scheduler != os.getpid() and os.getpid() not in workers  # the run's process is only a client
        assert client.submit(sum, [1, 2], pure=False).result() == 3
    deadline = time.monotonic() + 30
    while any(pid_alive(pid) for pid in (scheduler, *workers)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(pid_alive(pid) for pid in (scheduler, *workers))
