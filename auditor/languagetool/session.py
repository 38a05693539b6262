"""The LanguageTool server one audit run talks to, restarted once if it dies."""

from __future__ import annotations

import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor

from auditor.errors import AuditorError
from auditor.languagetool import install
from auditor.languagetool.server import (
    STOPPING,
    guard_run_servers,
    is_healthy,
    launch,
    running_server,
    server_version,
    untrack_and_stop,
)


class ServerSession:
    """Resolves the server for a run: ``url`` given, else the persistent one, else one of its own.

    A server of its own is started on first need (:meth:`ensure_started`), so a run whose
    every text is in the result cache starts no JVM; ``version`` is known without it (the
    pinned version). Servers are launched from one long-lived thread of the session, so a
    server started while a worker thread asked for it still dies with the run.
    ``generation`` increases on every restart so that concurrent requests that all saw the
    same dead server trigger a single restart.
    """

    MAX_RESTARTS = 1

    def __init__(self, url: str | None = None, *, lazy: bool = False) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._launcher: ThreadPoolExecutor | None = None
        self.generation = 0
        self.restarts = 0
        self.external = url is not None
        self.reused = False
        self.url: str | None = None
        if url is not None:
            self.url = url.rstrip("/").removesuffix("/v2")
            if not is_healthy(self.url, timeout=10):
                raise AuditorError(
                    f"no LanguageTool server answers at {self.url} (--languagetool-url / LANGUAGETOOL_URL)"
                )
            self.version = server_version(self.url)
            return
        running = running_server()  # recorded with its (pinned) version: no request needed
        if running is not None:
            self.url, self.version, self.reused = running.url, running.version, True
            return
        if not install.is_installed():
            raise AuditorError(f"LanguageTool is not installed: {install.INSTALL_HINT}")
        self.version = install.LANGUAGETOOL_VERSION
        guard_run_servers()  # from the constructing (main) thread: Ctrl-C stops a later server too
        if not lazy:
            self.ensure_started()

    def ensure_started(self) -> str:
        """The server's URL, starting the run's own server now if there is none yet."""
        with self._lock:
            if self.url is None:
                self._start()
            assert self.url is not None
            return self.url

    def _start(self) -> None:
        if self._launcher is None:  # its thread lives until close(): the server is tied to it
            self._launcher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="languagetool-launcher")
        self._process, info = self._launcher.submit(launch, detached=False, tie=True).result()
        self.url, self.version = info.url, info.version

    @property
    def owned_pid(self) -> int | None:
        """Process id of the server this run started (None when it reuses one)."""
        return self._process.pid if self._process else None

    def recover(self, seen_generation: int) -> bool:
        """Called after a request failed against generation ``seen_generation``.

        Returns True when a healthy server is available again (restarted now or by
        another thread); False when the server is gone for good.
        """
        with self._lock:
            if STOPPING.is_set():
                return False
            if self.generation != seen_generation:
                return True
            if is_healthy(self.url):
                return True
            if self.external or self.restarts >= self.MAX_RESTARTS:
                return False
            self.restarts += 1
            if self._process is not None:
                untrack_and_stop(self._process)
                self._process = None
            try:
                self._start()
            except AuditorError:
                return False
            self.generation += 1
            return True

    def close(self) -> None:
        """Stop the server if this run started it."""
        with self._lock:
            if self._process is not None:
                untrack_and_stop(self._process)
                self._process = None
            if self._launcher is not None:
                self._launcher.shutdown(wait=False)
