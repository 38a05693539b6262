"""Audit on a Dask cluster: documents go to workers in bounded batches, results come back in input order.

``auditor check … --dask tcp://scheduler:8786`` uses a running cluster (the
``distributed`` scheduler); ``--dask local:N`` starts a local cluster of ``N``
single-threaded worker processes for the run. Either way:

* every worker keeps auditor's checks (and, with grammar on, its own
  LanguageTool server) warm across tasks through :class:`AuditorPlugin`, built
  on the first batch it gets and closed when the run ends or the worker closes;
* the client submits batches of ``batch_size`` documents and keeps at most
  ``2 × worker threads`` of them in flight, so a feed of any length is audited in
  memory that does not grow with it, and it yields results strictly in input
  order, so every report is byte-identical to a local run;
* a worker that dies mid-task loses nothing: the scheduler still holds the
  batch and runs it again on another worker; a result is yielded once, from
  its batch's future, so nothing is duplicated either;
* a scheduler that goes away (or never answers) ends the run with an
  :class:`~auditor.errors.AuditorError`: one line, exit 2, no report committed.

``distributed`` is an optional dependency (``pip install 'auditor[dask]'``);
it is imported only when a run asks for Dask.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import os
import pickle
import shutil
import threading
import uuid
import zipfile
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.checks import CheckOptions, CheckSet
from auditor.dask_address import DaskSettings
from auditor.errors import AuditorError
from auditor.models import Document
from auditor.report.model import DocumentResult
from auditor.score.finding_policy import FindingPolicy, apply_policy
from auditor.score.scoring import ScoringModel

try:  # optional: pip install 'auditor[dask]'; this module is imported only when a run asks for Dask
    import distributed
    from distributed import WorkerPlugin
except ImportError:  # pragma: no cover - exercised where the extra is not installed
    distributed = None
    WorkerPlugin = object

if TYPE_CHECKING:
    from distributed import Client

    from auditor.run.audit_cache import AuditCache

#: Seconds to reach the scheduler.
CONNECT_TIMEOUT = 10.0
#: Seconds to wait for the first worker to join a cluster that has none yet.
WORKER_WAIT = 60.0
#: Dask's debugging records on the client: its comm to the scheduler keeps the last N messages it
#: sent (``BatchedSend.recent_message_log``), by default 1,000, each holding a whole batch's
#: documents: client memory grew with the feed until 1,000 batches had gone. 16 keeps a few.
CLIENT_CONFIG = {"distributed.admin.low-level-log-length": 16}
#: Submissions between two looks at how many worker threads the cluster has (it may scale).
REFRESH_EVERY = 32
INSTALL_HINT = "Dask is not installed: pip install 'auditor[dask]'"


# --- the worker side -------------------------------------------------------------------------------


@dataclass
class _Warm:
    """What one worker keeps between tasks."""

    checks: CheckSet
    cache: AuditCache | None


class AuditorRunner:
    """The run's checks on one worker, built on the first batch and kept until :meth:`close`.

    Thread-safe: a worker with several threads audits several batches at once with the
    same checks, as ``audit_stream`` does in one process.
    """

    def __init__(
        self, options: CheckOptions, scoring: ScoringModel, policy: FindingPolicy, cache_dir: Path | None
    ) -> None:
        self.options = options
        self.scoring = scoring
        self.policy = policy
        self.cache_dir = cache_dir
        self._warm: _Warm | None = None
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.update(_warm=None, _lock=None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def warm(self) -> _Warm:
        """The checks and result cache, built now if this is the worker's first batch."""
        with self._lock:
            if self._warm is None:
                self._warm = self._build()
            return self._warm

    def _build(self) -> _Warm:
        from auditor.run.audit_cache import AuditCache

        checks = CheckSet.from_options(self.options)
        cache = None
        if self.options.cache:
            path = self.cache_dir / "audit" / "results.sqlite3" if self.cache_dir else None
            cache = AuditCache(self.options.own_settings(), path)
            if self.cache_dir is not None:
                from auditor.languagetool.cache import ResultCache

                for check in checks.live:  # LanguageTool's own cache moves to the shared path too
                    own = getattr(check, "cache", None)
                    if isinstance(own, ResultCache):
                        check.cache = ResultCache(self.cache_dir / "languagetool" / "results.sqlite3")
                        own.close()
        return _Warm(checks, cache)

    def audit(self, documents: list[Document]) -> list[DocumentResult]:
        """Audit one batch in order (LanguageTool requests overlap within it)."""
        from auditor.run.pipeline import audit_stream

        warm = self.warm()
        threads = 4 if self.options.grammar else 1
        results = audit_stream(documents, warm.checks, self.scoring, workers=threads, cache=warm.cache)
        return [apply_policy(result, self.policy, self.scoring) for result in results]

    def languagetool(self) -> tuple[int, str] | None:
        """Process id and URL of the LanguageTool server this worker started (None if none yet)."""
        warm = self._warm
        for check in warm.checks.live if warm is not None else ():
            session = getattr(check, "session", None)
            if session is not None and session.owned_pid and session.url:
                return int(session.owned_pid), str(session.url)
        return None

    def close(self) -> None:
        """Stop the worker's LanguageTool server and close its caches."""
        with self._lock:
            warm, self._warm = self._warm, None
        if warm is not None:
            warm.checks.close()
            if warm.cache is not None:
                warm.cache.close()


class AuditorPlugin(WorkerPlugin):
    """Keeps one run's checks warm on a worker, from its first batch until the run ends or the worker closes."""

    def __init__(self, runner: AuditorRunner) -> None:
        self.runner = runner

    def setup(self, worker: Any) -> None:
        """Nothing is built yet: the first batch builds the checks (and starts LanguageTool)."""

    def teardown(self, worker: Any) -> None:
        """The worker closes: stop its LanguageTool server."""
        self.runner.close()


class LanguageToolShipment(WorkerPlugin):
    """LanguageTool's jars, carried to every worker (also one that joins later) and unpacked there once.

    For clusters whose workers have no LanguageTool of their own (config ``dask-ship-languagetool``).
    The scheduler keeps the archive (about 90 MB) and hands it to each worker as it joins; the
    worker unpacks it into its local directory and points ``AUDITOR_LANGUAGETOOL_HOME`` there.
    """

    idempotent = True  # one upload per cluster and LanguageTool version, however many runs

    def __init__(self, home: Path) -> None:
        from auditor.languagetool import install

        self.version = install.LANGUAGETOOL_VERSION
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:  # jars are compressed already
            for jar in sorted(install.lib_dir(home).glob("*.jar")):
                archive.write(jar, f"lib/{jar.name}")
        self.data = buffer.getvalue()

    def setup(self, worker: Any) -> None:
        """Unpack the jars (unless an earlier registration did) and use them on this worker."""
        from auditor.languagetool import install

        target = Path(worker.local_directory) / "auditor-languagetool" / self.version
        if not install.is_installed(target):
            partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
            shutil.rmtree(partial, ignore_errors=True)
            with zipfile.ZipFile(io.BytesIO(self.data)) as archive:
                archive.extractall(partial)
            shutil.rmtree(target, ignore_errors=True)
            partial.rename(target)
        os.environ["AUDITOR_LANGUAGETOOL_HOME"] = str(target)


def shipment_name() -> str:
    """The name the jars of the pinned LanguageTool version are registered under."""
    from auditor.languagetool import install

    return f"auditor-languagetool-{install.LANGUAGETOOL_VERSION}"


def _has_plugin(dask_scheduler: Any, name: str) -> bool:
    return name in dask_scheduler.worker_plugins


def ship_languagetool(client: Client, address: str) -> None:
    """Register :class:`LanguageToolShipment` unless the cluster has it (archiving the jars takes seconds)."""
    from auditor.languagetool import install

    name = shipment_name()
    if _ask(address, client.run_on_scheduler, _has_plugin, name=name):
        return
    home = install.languagetool_home()
    if not install.is_installed(home):
        raise AuditorError(f"dask-ship-languagetool: no LanguageTool here to ship: {install.INSTALL_HINT}")
    _ask(address, client.register_plugin, LanguageToolShipment(home), name=name)


def _runner_here(plugin_name: str) -> AuditorRunner:
    from distributed import get_worker

    return get_worker().plugins[plugin_name].runner


def audit_batch(plugin_name: str, documents: bytes) -> bytes:
    """The Dask task: audit a pickled batch with this worker's warm checks; its results, pickled.

    Batches and results travel as bytes: the scheduler passes them on without unpickling (or
    even importing) auditor's classes, and the client unpickles each result once, in order.
    """
    return _dumps(_runner_here(plugin_name).audit(pickle.loads(documents)))  # our own client's bytes


def _dumps(value: Any) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def worker_languagetool(dask_worker: Any) -> list[tuple[int, str]]:
    """Run on a worker (``client.run``): pid and URL of each LanguageTool server its auditor plugins started."""
    plugins = [p for p in dask_worker.plugins.values() if isinstance(p, AuditorPlugin)]
    return [server for p in plugins if (server := p.runner.languagetool()) is not None]


# --- the client side -------------------------------------------------------------------------------


def _distributed() -> Any:
    if distributed is None:
        raise AuditorError(INSTALL_HINT)
    return distributed


@contextlib.contextmanager
def connect(settings: DaskSettings) -> Iterator[Client]:
    """A client of the cluster at ``settings.address`` (a local cluster is started and stopped here)."""
    _distributed()
    workers = settings.local_workers
    if workers is not None:
        from auditor.dask_local import local_cluster

        # the cluster in its own process: this one stays a client; the workers are on this machine,
        # so results come from them straight, not through the scheduler
        with local_cluster(workers) as address, _client(address, direct_to_workers=True) as client:
            yield client
        return
    try:
        client = _client(settings.address)
    except (OSError, asyncio.TimeoutError) as error:
        raise AuditorError(f"--dask {settings.address}: no Dask scheduler answers ({_reason(error)})") from None
    try:
        yield client
    finally:
        _close_quietly(client)


def _client(address: str, **options: Any) -> Client:
    """A client of ``address`` whose comm keeps only a few sent messages (:data:`CLIENT_CONFIG`)."""
    import dask

    with dask.config.set(CLIENT_CONFIG):
        return distributed.Client(address, timeout=CONNECT_TIMEOUT, **options)


def _close_quietly(client: Client) -> None:
    """Close the client; after a lost scheduler its reconnect loop must not print a traceback."""
    logger = logging.getLogger("distributed")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        with contextlib.suppress(Exception):  # the run already failed or finished; closing must not mask that
            client.close(timeout=2)
    finally:
        logger.setLevel(level)


def _reason(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


def _threads(client: Client) -> int:
    return sum(client.nthreads().values())


def _in_flight(client: Client) -> int:
    return max(2, 2 * _threads(client))


def _wait_for_workers(client: Client, address: str) -> None:
    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT)
    except (TimeoutError, asyncio.TimeoutError):
        raise AuditorError(f"--dask {address}: no worker joined the cluster within {WORKER_WAIT:.0f} s") from None
    except _connection_errors() as error:
        raise _lost(address, error) from None


def _connection_errors() -> tuple[type[BaseException], ...]:
    return (distributed.CancelledError, distributed.comm.CommClosedError, OSError, asyncio.TimeoutError)


def _chunks(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _lost(address: str, error: BaseException) -> AuditorError:
    return AuditorError(f"--dask {address}: lost the Dask scheduler mid-run ({_reason(error)}); no report written")


def audit_on_dask(
    documents: Iterable[Document],
    options: CheckOptions,
    scoring: ScoringModel,
    policy: FindingPolicy,
    settings: DaskSettings,
) -> Iterator[DocumentResult]:
    """Audit ``documents`` on the cluster, yielding results in input order.

    A task's own error (an :class:`AuditorError` from a worker's LanguageTool, a bug in a
    check) is raised as a local run would raise it; losing the scheduler is an AuditorError.
    """
    _distributed()
    runner = AuditorRunner(options, scoring, policy, settings.cache_dir)
    run = uuid.uuid4().hex[:12]
    name = f"auditor-{run}"  # one plugin per run: concurrent runs with other settings share a cluster safely
    with connect(settings) as client:
        address = settings.address
        _wait_for_workers(client, address)
        if settings.ship_languagetool and options.grammar and not options.languagetool_url:
            ship_languagetool(client, address)
        _ask(address, client.register_plugin, AuditorPlugin(runner), name=name)
        limit = _ask(address, _in_flight, client)
        pending: deque[Any] = deque()
        try:
            for number, batch in enumerate(_chunks(documents, settings.batch_size)):
                key = f"auditor-batch-{run}-{number}"
                pending.append(client.submit(audit_batch, name, _dumps(batch), key=key, pure=False))
                if number % REFRESH_EVERY == REFRESH_EVERY - 1:
                    limit = _ask(address, _in_flight, client)
                while len(pending) >= limit:
                    yield from _take(pending, address)
            while pending:
                yield from _take(pending, address)
        finally:
            with contextlib.suppress(Exception):  # after a lost scheduler there is nothing left to release
                for future in pending:
                    future.release()
            if settings.local_workers is None:
                _unregister(client, name)


def _ask(address: str, call: Any, *args: Any, **kwargs: Any) -> Any:
    """``call(*args, **kwargs)`` on the scheduler; a lost connection is an AuditorError."""
    try:
        return call(*args, **kwargs)
    except _connection_errors() as error:
        raise _lost(address, error) from None


def _take(pending: deque[Any], address: str) -> list[DocumentResult]:
    """The oldest batch's results, waiting for them; the future is released at once (memory stays flat)."""
    future = pending.popleft()
    try:
        results: list[DocumentResult] = pickle.loads(future.result())
        return results
    except distributed.KilledWorker as error:
        raise AuditorError(f"--dask {address}: a batch killed every worker that ran it ({_reason(error)})") from None
    except Exception as error:
        if future.status == "error":
            raise  # the task's own failure, as a local run raises it
        raise _lost(address, error) from None
    finally:
        with contextlib.suppress(Exception):
            future.release()


def _unregister(client: Client, name: str) -> None:
    """End the run's plugin on a long-lived cluster: its workers stop their LanguageTool servers now."""
    if client.status != "running":
        return  # the scheduler is gone; its workers close (and stop their servers) with it
    with contextlib.suppress(Exception):  # best effort: the run's outcome is already decided
        client.unregister_worker_plugin(name)
