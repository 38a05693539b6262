"""Shared fixtures: paths to the seed and the evaluation data."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import NoReturn

import pytest
from hypothesis import settings

# Properties, not timings: a per-example deadline fails at random on a loaded CI machine (timing
# belongs in benchmarks/).
settings.register_profile("auditor", deadline=None)
settings.load_profile("auditor")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_716b39ef12bcdcab.txt"
DEMETR = Path(os.environ.get("AUDITOR_DEMETR_DIR", ROOT.parent / "shared" / "eval" / "demetr-dev"))


def skip_or_fail(message: str) -> NoReturn:
    """Skip a test whose data or installed tool is missing, but fail it under CI (``CI`` set), so a
    missing set-up step or data folder shows there instead of passing silently."""
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def demetr_items(name: str) -> list[dict]:
    """The usable items of one DEMETR perturbation file (``pert_check`` true)."""
    path = DEMETR / f"{name}.json"
    if not path.exists():
        skip_or_fail(f"DEMETR dev data not found at {path}")
    return [item for item in json.loads(path.read_text(encoding="utf-8")) if item["pert_check"]]


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed article, as read."""
    return SEED.read_text(encoding="utf-8")
