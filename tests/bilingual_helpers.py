"""Run the real CLI for bilingual tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """``python -m auditor ARGS`` from the repository root."""
    return subprocess.run([sys.executable, "-m", "auditor", *args], capture_output=True, text=True, cwd=ROOT)


def run_json(*args: str) -> dict:
    """A successful ``check --format json`` run's report."""
    done = run_cli("check", "--no-grammar", "--format", "json", *args)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
