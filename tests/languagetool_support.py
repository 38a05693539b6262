"""Shared set-up for the LanguageTool tests: one real server for the whole session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.languagetool import install, server
from tests.conftest import skip_or_fail


def require_languagetool() -> Path:
    """The installed LanguageTool home; skip (fail under CI) when it is missing."""
    home = install.languagetool_home()
    if not install.is_installed(home):
        message = f"LanguageTool is not installed in {home}: run `make setup` or `auditor languagetool fetch`"
        skip_or_fail(message)
    return home


@pytest.fixture(scope="session")
def lt_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[server.ServerInfo]:
    """A persistent server (as `auditor languagetool start` leaves) in a private cache directory."""
    home = require_languagetool()
    saved = {key: os.environ.get(key) for key in ("AUDITOR_CACHE_DIR", "AUDITOR_LANGUAGETOOL_HOME")}
    os.environ["AUDITOR_LANGUAGETOOL_HOME"] = str(home)
    # one fixed folder: every test module that imports this fixture finds the same server there
    cache = tmp_path_factory.getbasetemp() / "lt-cache"
    cache.mkdir(exist_ok=True)
    os.environ["AUDITOR_CACHE_DIR"] = str(cache)
    info, _ = server.start_persistent()
    yield info
    server.stop_persistent()
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture
def private_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A cache directory with no persistent server recorded (so a run starts its own)."""
    home = require_languagetool()
    monkeypatch.setenv("AUDITOR_LANGUAGETOOL_HOME", str(home))
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path))
    return tmp_path


def pid_alive(pid: int) -> bool:
    """True while ``pid`` runs (zombies count as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[-1][0]
    except OSError:
        return False
    return state != "Z"
