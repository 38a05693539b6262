"""Start, find, health-check and stop LanguageTool HTTP servers on 127.0.0.1.

A server started by ``auditor languagetool start`` is recorded in a state file
(pid, port, version) in the cache directory so every ``auditor check`` reuses it;
otherwise ``check`` starts a server for the run (its own process group, killed on
exit, Ctrl-C or SIGTERM) and stops it afterwards.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import json
import os
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

from auditor.errors import AuditorError
from auditor.languagetool import install

HOST = "127.0.0.1"
#: Tuned on 2 shared cores (see docs/lt.md, "Server tuning"): pipeline caching keeps the
#: expensive rule pipelines alive between requests; the result cache makes re-checks cheap.
SERVER_CONFIG = {
    "pipelineCaching": "true",
    "maxPipelinePoolSize": "64",
    "pipelineExpireTimeInSeconds": "3600",
    "cacheSize": "20000",
    "cacheTTLSeconds": "3600",
    "maxCheckThreads": "4",
    "maxTextLength": "1000000",
    "maxCheckTimeMillis": "120000",
}
JVM_OPTIONS = ("-Xms256m", "-Xmx1536m", "-XX:+UseParallelGC", "-Xss4m")
READY_TIMEOUT = 180.0


@dataclass
class ServerInfo:
    """Where a LanguageTool server listens and, if we started it, its process id."""

    port: int
    version: str
    pid: int | None = None

    @property
    def url(self) -> str:
        """Base URL of the server (without ``/v2``)."""
        return f"http://{HOST}:{self.port}"


def state_file() -> Path:
    """The file recording the server ``auditor languagetool start`` left running."""
    return install.cache_dir() / "languagetool" / "server.json"


def config_file(home: Path) -> Path:
    """Write the tuned server configuration into ``home`` and return its path."""
    path = home / "server.properties"
    text = "".join(f"{key}={value}\n" for key, value in SERVER_CONFIG.items())
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        temp = path.with_suffix(f".tmp{os.getpid()}")
        temp.write_text(text, encoding="utf-8")
        os.replace(temp, path)
    return path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def is_healthy(url: str, timeout: float = 2.0) -> bool:
    """True when ``url`` answers ``GET /v2/languages`` with a JSON list."""
    try:
        with urllib.request.urlopen(f"{url.rstrip('/')}/v2/languages", timeout=timeout) as response:
            return isinstance(json.load(response), list)
    except (OSError, ValueError):
        return False


def server_version(url: str, timeout: float = 120.0) -> str:
    """The LanguageTool version behind ``url`` (one tiny check; also warms the English pipeline)."""
    data = urllib.parse.urlencode({"text": "This is a test.", "language": "en-US"}).encode()
    try:
        with urllib.request.urlopen(f"{url.rstrip('/')}/v2/check", data=data, timeout=timeout) as response:
            return str(json.load(response)["software"]["version"])
    except (OSError, ValueError, KeyError) as error:
        raise AuditorError(f"LanguageTool at {url} does not answer a check: {error}") from None


def _die_with_parent() -> None:
    """In the child before exec: get SIGTERM when the starting thread dies (Linux only)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _command(home: Path, port: int, tuned: bool = True) -> list[str]:
    java = install.java_executable()
    classpath = str(install.lib_dir(home) / "*")
    command = [
        java,
        *JVM_OPTIONS,
        "-cp",
        classpath,
        "org.languagetool.server.HTTPServer",
        "--port",
        str(port),
    ]
    return [*command, "--config", str(config_file(home))] if tuned else command


def launch(
    *, detached: bool, home: Path | None = None, attempts: int = 3, tuned: bool = True, tie: bool | None = None
) -> tuple[subprocess.Popen[bytes], ServerInfo]:
    """Start a server on a free port and wait until it answers; never binds beyond 127.0.0.1.

    ``tuned=False`` starts LanguageTool with its default settings (the benchmark's baseline).
    ``tie``: the server gets SIGTERM when the calling thread ends (default: when called from
    the main thread of a run); pass True only from a thread that lives as long as the run.
    """
    home = home or install.languagetool_home()
    if STOPPING.is_set():
        raise AuditorError("interrupted")
    if not install.is_installed(home):
        raise AuditorError(
            f"LanguageTool {install.LANGUAGETOOL_VERSION} is not installed in {home}: {install.INSTALL_HINT}"
        )
    last = ""
    for _ in range(attempts):
        port = free_port()
        log = home / f"server-{port}.log"
        with open(log, "wb") as out:
            if tie is None:
                tie = not detached and threading.current_thread() is threading.main_thread()
            process = subprocess.Popen(
                _command(home, port, tuned),
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=_die_with_parent if tie else None,
            )
        if not detached:  # tracked while it starts: a Ctrl-C then stops it (a slow JVM may take a while)
            _track(process)
        info = ServerInfo(port=port, version=install.LANGUAGETOOL_VERSION, pid=process.pid)
        if _wait_ready(process, info.url):
            if not detached:
                log.unlink(missing_ok=True)
            return process, info
        with _TRACK_LOCK:
            _TRACKED.pop(process.pid, None)
        kill_group(process.pid)
        last = _log_tail(log)
        log.unlink(missing_ok=True)
        if STOPPING.is_set():
            raise AuditorError("interrupted")
    raise AuditorError(f"LanguageTool server did not start: {last}")


def _log_tail(log: Path) -> str:
    try:
        lines = [
            line for line in log.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()
        ]
    except OSError:
        return "no log"
    errors = [line for line in lines if "Exception" in line or "Error" in line]
    return (errors or lines or ["no output"])[-1][:300]


def _wait_ready(process: subprocess.Popen[bytes], url: str) -> bool:
    """Poll ``/v2/languages`` until the server answers, then warm it with one check."""
    deadline = time.monotonic() + READY_TIMEOUT
    delay = 0.05
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        if is_healthy(url, timeout=1.0):
            try:
                server_version(url)
            except AuditorError:
                return False
            return True
        time.sleep(delay)
        delay = min(delay * 1.5, 0.5)
    return False


def kill_group(pid: int, grace: float = 5.0) -> None:
    """SIGTERM the server's process group, then SIGKILL it if it lingers."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        if not _alive(pid):
            return
        time.sleep(0.05)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)
    _alive(pid)


def _alive(pid: int) -> bool:
    with contextlib.suppress(ChildProcessError):
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[-1][0] != "Z"
    except OSError:
        return True


def _is_our_server(pid: int) -> bool:
    """True when ``pid`` is a running LanguageTool HTTPServer (guards against reused pids)."""
    try:
        return b"org.languagetool.server.HTTPServer" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return _alive(pid)


# --- servers started for one run: always stopped when the process ends -------------------------

_TRACKED: dict[int, subprocess.Popen[bytes]] = {}
_TRACK_LOCK = threading.Lock()
#: Set once the process is being interrupted: no server may be (re)started after that.
STOPPING = threading.Event()


_GUARDS = {"atexit": False, "signals": False}


def guard_run_servers() -> None:
    """Make sure run-scoped servers die with the run: at exit, on Ctrl-C and on SIGTERM.

    Signal handlers can only be installed from the main thread: call this there before a
    server may be started from another thread. Safe to call more than once.
    """
    with _TRACK_LOCK:
        if not _GUARDS["atexit"]:
            atexit.register(stop_tracked)
            _GUARDS["atexit"] = True
        if not _GUARDS["signals"] and threading.current_thread() is threading.main_thread():
            _install_signal_handlers()
            _GUARDS["signals"] = True


def _track(process: subprocess.Popen[bytes]) -> None:
    guard_run_servers()
    with _TRACK_LOCK:
        _TRACKED[process.pid] = process


def untrack_and_stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a run-scoped server now."""
    with _TRACK_LOCK:
        _TRACKED.pop(process.pid, None)
    kill_group(process.pid)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=1)


def stop_tracked() -> None:
    """Stop every run-scoped server still running (atexit and signal handler)."""
    with _TRACK_LOCK:
        processes = list(_TRACKED.values())
        _TRACKED.clear()
    for process in processes:
        kill_group(process.pid, grace=2.0)


def _stop_now() -> None:
    STOPPING.set()
    stop_tracked()


def _install_signal_handlers() -> None:
    """Ctrl-C and SIGTERM stop the run's servers at once (in-flight requests then fail fast)."""
    from auditor import shutdown

    if shutdown.installed():  # the console's one shutdown path: it calls this first
        shutdown.at_signal(_stop_now)
        return
    if threading.current_thread() is not threading.main_thread():
        return

    def on_sigint(signum: int, frame: object) -> None:
        STOPPING.set()
        stop_tracked()
        raise KeyboardInterrupt

    def on_sigterm(signum: int, frame: object) -> None:
        STOPPING.set()
        stop_tracked()
        raise SystemExit(128 + signum)

    with contextlib.suppress(ValueError):
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            signal.signal(signal.SIGINT, on_sigint)
        if signal.getsignal(signal.SIGTERM) in (signal.SIG_DFL, None):
            signal.signal(signal.SIGTERM, on_sigterm)


# --- the persistent server of `auditor languagetool start` -------------------------------------


def read_state() -> ServerInfo | None:
    """The recorded persistent server, if the state file exists and parses."""
    try:
        data = json.loads(state_file().read_text(encoding="utf-8"))
        return ServerInfo(port=int(data["port"]), version=str(data["version"]), pid=int(data["pid"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_state(info: ServerInfo) -> None:
    """Record ``info`` atomically."""
    path = state_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_suffix(f".tmp{os.getpid()}")
    temp.write_text(json.dumps(asdict(info)), encoding="utf-8")
    os.replace(temp, path)


def running_server() -> ServerInfo | None:
    """The persistent server if it is alive, healthy and of the pinned version; clears stale state."""
    info = read_state()
    if info is None:
        return None
    if info.pid and _alive(info.pid) and is_healthy(info.url):
        return info if info.version == install.LANGUAGETOOL_VERSION else None
    state_file().unlink(missing_ok=True)
    return None


def start_persistent() -> tuple[ServerInfo, bool]:
    """Start the persistent server unless one runs; returns it and whether it was started now."""
    current = running_server()
    if current is not None:
        return current, False
    _, info = launch(detached=True)
    write_state(info)
    return info, True


def stop_persistent() -> ServerInfo | None:
    """Stop the persistent server; returns what was stopped (None if nothing ran)."""
    info = read_state()
    if info is None:
        return None
    if info.pid and _is_our_server(info.pid):
        kill_group(info.pid)
    state_file().unlink(missing_ok=True)
    return info


def url_status(url: str) -> str:
    """A one-line description of the server at ``url``."""
    if not is_healthy(url):
        return f"{url}: not answering"
    return f"{url}: LanguageTool {server_version(url, timeout=30)} answering"
