"""A progress line on standard error for long runs; silent when stderr is not a terminal."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

T = TypeVar("T")


class Progress:
    """Counts items as they pass and redraws one status line at most ``rate`` times a second."""

    def __init__(
        self, total: int | None = None, *, stream: TextIO | None = None, enabled: bool | None = None,
        label: str = "audited", rate: float = 5.0,
    ) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.total = total
        self.label = label
        self.interval = 1.0 / rate
        self.count = 0
        self.started = time.monotonic()
        self._drawn = 0.0

    def _draw(self, final: bool = False) -> None:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        speed = self.count / elapsed
        if self.total:
            width = 24
            filled = int(width * self.count / self.total)
            bar = "#" * filled + "-" * (width - filled)
            text = f"[{bar}] {self.count}/{self.total} {self.label}, {speed:.1f}/s"
        else:
            text = f"{self.count} {self.label}, {speed:.1f}/s, {elapsed:.0f}s"
        self.stream.write("\r\033[K" + text + ("\n" if final else ""))
        self.stream.flush()

    def wrap(self, items: Iterable[T]) -> Iterator[T]:
        """Yield ``items`` unchanged, updating the line after each."""
        if not self.enabled:
            yield from items
            return
        try:
            for item in items:
                self.count += 1
                now = time.monotonic()
                if now - self._drawn >= self.interval:
                    self._drawn = now
                    self._draw()
                yield item
        finally:
            if self.count:
                self._draw(final=True)
