"""``--dask local:N``: a local Dask cluster in a process of its own, so the run's process is only a client.

``distributed.LocalCluster`` started inside the run would put the scheduler (and the nannies that
watch the worker processes) in the client's process: the run's memory and CPU would then be the
scheduler's too, and its bookkeeping would grow with the run. Here the cluster runs in a child
process (``python -m auditor.dask_local N``), which prints the scheduler's address as one line and
lives until its standard input closes: when the run ends, or when the run's process dies, however
it dies. The child is in its own session, so a Ctrl-C at the terminal reaches the run, which then
ends the cluster.
"""

from __future__ import annotations

import contextlib
import logging
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Iterator

from auditor import shutdown
from auditor.errors import AuditorError

#: Dask settings of a ``local:N`` cluster: no statistical profiler sampling the audit thread's stack
#: every 10 ms, system and memory monitors every 5 s rather than 10 times a second. The checks are
#: CPU-bound pure Python, so every sample costs audit time (benchmarks.dask; docs/dask.md).
#: The event loops' health check every second, not every 20 ms: each tick wakes the loop thread,
#: which then takes the GIL from the audit thread. Workers start from a fork server that has
#: imported distributed and auditor's checks once (:data:`PRELOAD`), not each by a fresh interpreter.
LEAN_LOCAL = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "5s",
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.tick.limit": "60s",
    "distributed.worker.multiprocessing-method": "forkserver",
    "distributed.admin.low-level-log-length": 16,
}
#: What the fork server imports before it forks the first worker.
PRELOAD = ["distributed", "auditor.dask_backend", "auditor.run.pipeline", "auditor.checks"]
#: Seconds the cluster process has to start the scheduler and its workers (spawned processes: slow on a loaded machine).
START_TIMEOUT = 180.0
#: Seconds the cluster process has to close its workers once the run is over.
CLOSE_TIMEOUT = 30.0
_READY = "auditor-dask-local "


@contextlib.contextmanager
def local_cluster(workers: int) -> Iterator[str]:
    """Start a cluster of ``workers`` single-threaded worker processes in a child process; yield its address."""
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "auditor.dask_local", str(workers)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, text=True, start_new_session=True,
        )

        def stop() -> None:
            with contextlib.suppress(Exception):
                os.killpg(process.pid, signal.SIGKILL)

        shutdown.on_exit(stop)
        try:
            yield _address(process, log)
        finally:
            shutdown.forget(stop)
            _close(process)


def _address(process: subprocess.Popen[str], log: object) -> str:
    """The address the cluster process prints once its workers are up."""
    assert process.stdout is not None
    deadline = time.monotonic() + START_TIMEOUT
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        while (left := deadline - time.monotonic()) > 0:
            if selector.select(timeout=min(left, 1.0)):
                line = process.stdout.readline()
                if line.startswith(_READY):
                    return line[len(_READY) :].strip()
                if not line:
                    break  # it exited
    _close(process, at_once=True)
    raise AuditorError(f"--dask local: the local Dask cluster did not start ({_tail(log)})")


def _tail(log: object) -> str:
    with contextlib.suppress(Exception):
        log.seek(0)  # type: ignore[attr-defined]
        lines = [line.strip() for line in log.read().splitlines() if line.strip()]  # type: ignore[attr-defined]
        if lines:
            return lines[-1][:300]
    return "no message"


def _close(process: subprocess.Popen[str], at_once: bool = False) -> None:
    """Ask the cluster process to close (its standard input ends); kill its process group if it lingers."""
    with contextlib.suppress(OSError):
        if process.stdin is not None:
            process.stdin.close()
    if not at_once and not shutdown.interrupted():
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=CLOSE_TIMEOUT)
    if process.poll() is None:
        with contextlib.suppress(OSError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    if process.stdout is not None:
        process.stdout.close()


def serve(workers: int) -> None:
    """The cluster process: start the cluster, print its address, wait for standard input to end."""
    import multiprocessing

    import dask
    import distributed
    import distributed.utils

    # the fork server imports what a worker needs once; distributed's own preload list (every
    # optional package it knows: pandas, numpy, …) would cost more than it saves here
    distributed.utils._forkserver_preload_set = True
    multiprocessing.get_context("forkserver").set_forkserver_preload(PRELOAD)
    # its status page takes any free port when 8787 is taken: no news
    with warnings.catch_warnings(), dask.config.set(LEAN_LOCAL):
        warnings.filterwarnings("ignore", message="Port .* is already in use")
        cluster = distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
    with cluster:
        print(f"{_READY}{cluster.scheduler_address}", flush=True)
        sys.stdin.read()  # until the run closes it, or dies


def main(argv: list[str]) -> None:
    """``python -m auditor.dask_local N``."""
    if sys.platform.startswith("linux"):  # the run's process gone by kill -9: go too (stdin's end is the usual way)
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    serve(int(argv[0]))


if __name__ == "__main__":
    main(sys.argv[1:])
