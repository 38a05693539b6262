"""One shutdown path for SIGINT and SIGTERM, in every mode (one process, ``--jobs``, with or without
LanguageTool).

:func:`install` (called once by the console entry point) turns either signal into an
:class:`Interrupted` exception raised in the main thread. It unwinds the run like any error:
staged reports are discarded, worker processes are terminated, the run's LanguageTool server is
stopped. Whatever registered a clean-up with :func:`on_exit` (staged report files, worker pools)
is cleaned up once more by :func:`cleanup`, in case an abandoned generator never unwound, and the
process exits 130 (SIGINT) or 143 (SIGTERM). A second signal during the shutdown is ignored.

Worker processes call :func:`worker_signals`: they leave SIGINT to the parent (a Ctrl-C to the
process group no longer prints one traceback per worker), die quietly on SIGTERM, and receive
SIGKILL when the parent dies, even by ``kill -9`` (no orphaned workers).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
from collections.abc import Callable
from types import FrameType

_LOCK = threading.Lock()
_CLEANUPS: list[Callable[[], None]] = []
_PR_SET_PDEATHSIG = 1


class Interrupted(BaseException):
    """SIGINT or SIGTERM arrived; the run unwinds and exits ``128 + signal``.

    A BaseException, so that ``except Exception`` in the code and Click's Ctrl-C handling
    ("Aborted!", exit 1) do not swallow it.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        """130 for SIGINT, 143 for SIGTERM."""
        return 128 + self.signum


def _raise(signum: int, frame: FrameType | None) -> None:
    for each in (signal.SIGINT, signal.SIGTERM):  # shut down once; a second Ctrl-C waits for it
        signal.signal(each, signal.SIG_IGN)
    raise Interrupted(signum)


def install() -> None:
    """Turn SIGINT and SIGTERM into :class:`Interrupted` in the main thread."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, _raise)
        signal.signal(signal.SIGTERM, _raise)


def on_exit(cleanup: Callable[[], None]) -> None:
    """Run ``cleanup`` if the run is interrupted (until :func:`forget` is called for it)."""
    with _LOCK:
        _CLEANUPS.append(cleanup)


def forget(cleanup: Callable[[], None]) -> None:
    """``cleanup`` is no longer needed (its resource was released normally)."""
    with _LOCK, contextlib.suppress(ValueError):
        _CLEANUPS.remove(cleanup)


def cleanup() -> None:
    """Run every registered clean-up, newest first, each at most once; errors are ignored."""
    while True:
        with _LOCK:
            if not _CLEANUPS:
                return
            step = _CLEANUPS.pop()
        with contextlib.suppress(Exception):
            step()


def worker_signals() -> None:
    """In a worker process: ignore SIGINT, die quietly on SIGTERM and when the parent dies."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)
