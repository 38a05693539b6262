"""Fetch LanguageTool's pinned jars with Python's HTTP client, or install them from a bundle.

Every jar of the lock file (:mod:`auditor.languagetool.lockfile`) is downloaded from a Maven
repository (Maven Central unless ``--maven-repo``, ``AUDITOR_MAVEN_REPO`` or the config key
``maven-repo`` names a mirror) and checked against its SHA-256 while it is written. Jars are
staged in a temporary folder beside the target and moved in only when every one is good, so a
bad checksum or a dropped connection leaves the previous install (or none) as it was.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from auditor.errors import AuditorError
from auditor.languagetool.lockfile import LockEntry, load, lock_path

MAVEN_CENTRAL = "https://repo.maven.apache.org/maven2"
REPO_ENV = "AUDITOR_MAVEN_REPO"
TIMEOUT = 60.0
WORKERS = 4
_BLOCK = 1 << 16


class ChecksumError(AuditorError):
    """A jar whose SHA-256 is not the one the lock file records."""


def maven_repo(option: str | None = None, configured: str | None = None) -> str:
    """The repository to fetch from: the option, else the environment, else the config, else Central."""
    return option or os.environ.get(REPO_ENV) or configured or MAVEN_CENTRAL


def _copy_checked(source: Iterable[bytes], target: Path, entry: LockEntry, where: str) -> None:
    digest = hashlib.sha256()
    size = 0
    with open(target, "wb") as out:
        for block in source:
            digest.update(block)
            size += len(block)
            if size > entry.size:
                break
            out.write(block)
    if size != entry.size or digest.hexdigest() != entry.sha256:
        target.unlink(missing_ok=True)
        raise ChecksumError(
            f"{where}: checksum mismatch for {entry.coordinates} (expected sha256 {entry.sha256[:16]}…, "
            f"{entry.size} bytes; got {digest.hexdigest()[:16]}…, {size} bytes); nothing was installed"
        )


def _blocks(handle: object) -> Iterable[bytes]:
    read = handle.read  # type: ignore[attr-defined]
    while block := read(_BLOCK):
        yield block


def download_jar(entry: LockEntry, repository: str, target: Path, timeout: float = TIMEOUT) -> None:
    """Download one jar to ``target``, checked against the lock; an :class:`AuditorError` otherwise."""
    url = entry.url(repository)
    request = urllib.request.Request(url, headers={"User-Agent": "auditor-languagetool-fetch"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            _copy_checked(_blocks(response), target, entry, url)
    except urllib.error.HTTPError as error:
        raise AuditorError(f"{url}: HTTP {error.code} {error.reason}; nothing was installed") from None
    except (urllib.error.URLError, OSError, TimeoutError) as error:
        reason = getattr(error, "reason", error)
        raise AuditorError(f"{url}: cannot download {entry.coordinates}: {reason}; nothing was installed") from None


def copy_jar(entry: LockEntry, source_dir: Path, target: Path) -> None:
    """Copy one jar of a bundle folder to ``target``, checked against the lock."""
    source = source_dir / entry.filename
    try:
        with open(source, "rb") as handle:
            _copy_checked(_blocks(handle), target, entry, str(source))
    except FileNotFoundError:
        raise AuditorError(f"{source}: missing from the bundle ({entry.coordinates}); nothing was installed") from None


def _stage(target: Path, fill: object, entries: tuple[LockEntry, ...], workers: int) -> None:
    """Fill a temporary folder beside ``target`` with every jar, then swap it in as ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-staging-", dir=target.parent))
    try:
        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="lt-fetch")
        try:
            futures = [pool.submit(fill, entry, staging / entry.filename) for entry in entries]  # type: ignore[arg-type]
            for future in futures:
                future.result()  # the first failure is raised; jars not yet started are cancelled
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        shutil.copyfile(lock_path(), staging / lock_path().name)
        old = target.with_name(f".{target.name}-old-{os.getpid()}")
        if target.exists():
            os.replace(target, old)
        os.replace(staging, target)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def fetch_jars(
    target: Path, repository: str, *, entries: tuple[LockEntry, ...] | None = None, workers: int = WORKERS
) -> Path:
    """Download every pinned jar from ``repository`` into the folder ``target`` (replaced whole)."""
    entries = entries if entries is not None else load()
    _stage(target, lambda entry, path: download_jar(entry, repository, path), entries, workers)
    return target


def install_bundle(
    source: Path, target: Path, *, entries: tuple[LockEntry, ...] | None = None, workers: int = WORKERS
) -> Path:
    """Install the jars of a bundle folder (from ``fetch --to``) into ``target``, each checked."""
    if not source.is_dir():
        raise AuditorError(f"{source}: not a folder of LanguageTool jars (`auditor languagetool fetch --to` makes one)")
    entries = entries if entries is not None else load()
    _stage(target, lambda entry, path: copy_jar(entry, source, path), entries, workers)
    return target


def missing_jars(folder: Path, entries: tuple[LockEntry, ...] | None = None) -> list[str]:
    """File names of pinned jars not present in ``folder`` (a cheap check: no hashing)."""
    entries = entries if entries is not None else load()
    return [e.filename for e in entries if not (folder / e.filename).is_file()]
