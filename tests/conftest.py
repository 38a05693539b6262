"""Shared fixtures: paths to the seed and the evaluation data."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_716b39ef12bcdcab.txt"
DEMETR = ROOT.parent / "shared" / "eval" / "demetr-dev"


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed article, as read."""
    return SEED.read_text(encoding="utf-8")
