"""Where a Dask run goes: the ``--dask`` address and the run's Dask settings (no Dask import here)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

LOCAL = "local:"
DEFAULT_BATCH = 16
_ADDRESS = re.compile(r"^(?:(tcp|tls|ws|wss|inproc|ucx)://)?[^\s/:]+(?::\d{1,5})?/?$")


def parse_address(value: str) -> str:
    """``tcp://host:port`` (``host:port`` gets ``tcp://``) or ``local:N``; ValueError says what was expected."""
    value = value.strip()
    if value.startswith(LOCAL):
        count = value[len(LOCAL) :]
        if not count.isdigit() or not 1 <= int(count) <= 256:
            raise ValueError(f"expected local:N with N from 1 to 256 worker processes, got {value!r}")
        return f"{LOCAL}{int(count)}"
    if not _ADDRESS.match(value):
        raise ValueError(f"expected a scheduler address such as tcp://host:8786, or local:N, got {value!r}")
    return value if "://" in value else f"tcp://{value}"


@dataclass(frozen=True)
class DaskSettings:
    """Where the cluster is and how a run uses it."""

    address: str  # a parsed address: tcp://host:8786 (any distributed scheme) or local:N
    batch_size: int = DEFAULT_BATCH
    cache_dir: Path | None = None  # result caches here on every worker (a shared path); else per worker
    ship_languagetool: bool = False  # carry this machine's LanguageTool jars to the workers

    @property
    def local_workers(self) -> int | None:
        """``N`` of ``local:N``, or None for a remote scheduler."""
        if not self.address.startswith(LOCAL):
            return None
        return int(self.address[len(LOCAL) :])


def dask_address(value: str | None) -> str | None:
    """The ``--dask`` option parsed, or None; a bad value is an :class:`AuditorError` (exit 2)."""
    if value is None:
        return None
    from auditor.errors import AuditorError

    try:
        return parse_address(value)
    except ValueError as error:
        raise AuditorError(f"--dask: {error}") from None
