"""Where the rule data lives, installed or in a source checkout."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def rules_dir() -> Path:
    """The ``rules/`` directory: packaged as ``auditor/rules`` in a wheel, top-level in a checkout."""
    packaged = Path(str(resources.files("auditor"))) / "rules"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parent.parent / "rules"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("auditor's rules/ directory is missing from this installation")
