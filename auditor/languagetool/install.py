"""Fetch a pinned LanguageTool from Maven Central into the user's cache directory.

Nothing is downloaded from websites: Maven resolves ``languagetool-server`` (with
the huge ``language-all`` bundle excluded) and ``language-en`` from the registry
and copies every runtime jar into ``<home>/lib``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import platformdirs

from auditor.errors import AuditorError

#: The newest 6.x on Maven Central when this was pinned (checked 2026-11-24).
LANGUAGETOOL_VERSION = "6.8"
MIN_JAVA = 17
#: Modules besides English that LanguageTool 6.8's language identifier needs at start-up
#: (its CommonWordsDetector looks up es, ca and pt and aborts the server without them).
EXTRA_MODULES = ("language-es", "language-ca", "language-pt")

INSTALL_HINT = (
    "install it with `make setup` or `auditor languagetool fetch` (needs Java 17+ and Maven), "
    "point to a running server with --languagetool-url / LANGUAGETOOL_URL, or skip grammar with --no-grammar"
)

_POM = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>auditor</groupId>
  <artifactId>languagetool-fetch</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.languagetool</groupId>
      <artifactId>languagetool-server</artifactId>
      <version>{version}</version>
      <exclusions>
        <exclusion><groupId>org.languagetool</groupId><artifactId>language-all</artifactId></exclusion>
      </exclusions>
    </dependency>
{modules}
  </dependencies>
</project>
"""


def cache_dir() -> Path:
    """auditor's cache directory (``AUDITOR_CACHE_DIR`` overrides the platform default)."""
    override = os.environ.get("AUDITOR_CACHE_DIR")
    return Path(override) if override else Path(platformdirs.user_cache_dir("auditor"))


def languagetool_home(version: str = LANGUAGETOOL_VERSION) -> Path:
    """Where the jars of ``version`` live (``AUDITOR_LANGUAGETOOL_HOME`` overrides)."""
    override = os.environ.get("AUDITOR_LANGUAGETOOL_HOME")
    return Path(override) if override else cache_dir() / "languagetool" / version


def lib_dir(home: Path | None = None) -> Path:
    """The folder holding every runtime jar."""
    return (home or languagetool_home()) / "lib"


def is_installed(home: Path | None = None) -> bool:
    """True when the server and English jars of the pinned version are present."""
    lib = lib_dir(home)
    return (lib / f"languagetool-server-{LANGUAGETOOL_VERSION}.jar").is_file() and (
        lib / f"language-en-{LANGUAGETOOL_VERSION}.jar"
    ).is_file()


def java_executable() -> str:
    """The ``java`` to run (``JAVA_HOME`` first), checked to be version 17 or newer."""
    java_home = os.environ.get("JAVA_HOME")
    java = str(Path(java_home) / "bin" / "java") if java_home else shutil.which("java")
    if not java or not Path(java).exists():
        raise AuditorError(
            f"LanguageTool needs Java {MIN_JAVA}+ but no `java` was found on PATH or in JAVA_HOME"
        )
    version = java_version(java)
    if version < MIN_JAVA:
        raise AuditorError(
            f"LanguageTool {LANGUAGETOOL_VERSION} needs Java {MIN_JAVA}+, found Java {version} ({java})"
        )
    return java


def java_version(java: str) -> int:
    """The major version of ``java`` (``java -version`` prints e.g. ``openjdk version "17.0.15"``)."""
    try:
        result = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30, check=False)
    except OSError as error:
        raise AuditorError(f"cannot run {java}: {error}") from None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', result.stderr + result.stdout)
    if not match:
        raise AuditorError(f"cannot tell the version of {java}: {result.stderr.strip()[:200]}")
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


def fetch(home: Path | None = None, *, force: bool = False) -> Path:
    """Fetch the pinned LanguageTool into ``home`` with Maven; returns the home. Idempotent."""
    home = home or languagetool_home()
    if is_installed(home) and not force:
        return home
    java_executable()
    mvn = shutil.which("mvn")
    if not mvn:
        raise AuditorError(
            "fetching LanguageTool needs Maven (`mvn`): install it (e.g. `apt-get install maven`) and retry"
        )
    modules = "\n".join(
        f"    <dependency><groupId>org.languagetool</groupId><artifactId>{name}</artifactId>"
        f"<version>{LANGUAGETOOL_VERSION}</version></dependency>"
        for name in ("language-en", *EXTRA_MODULES)
    )
    home.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lt-fetch-", dir=home) as work:
        pom = Path(work) / "pom.xml"
        pom.write_text(_POM.format(version=LANGUAGETOOL_VERSION, modules=modules), encoding="utf-8")
        staged = Path(work) / "lib"
        command = [
            mvn,
            "-q",
            "-B",
            "-f",
            str(pom),
            "dependency:copy-dependencies",
            f"-DoutputDirectory={staged}",
            "-DincludeScope=runtime",
        ]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            tail = (result.stdout + result.stderr).strip().splitlines()[-5:]
            raise AuditorError("Maven could not fetch LanguageTool: " + " | ".join(tail))
        target = lib_dir(home)
        if target.exists():
            shutil.rmtree(target)
        os.replace(staged, target)
    if not is_installed(home):
        raise AuditorError(f"{home}: LanguageTool jars missing after the fetch")
    return home
