"""Helpers shared by the CI-mode tests: run the real CLI in a directory and keep its streams apart."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from auditor.cli import app

#: A story with faults our own checks find without LanguageTool: a garbled dateline (major),
#: a doubled word, a space before a full stop and doubled spaces (minor).
STORY = (
    "DAMASCUS >> Police said the the crowd dispersed after two hours .\n"
    "\n"
    "The minister said the plan was ready and that  talks would resume on Monday.\n"
)


@dataclass
class Run:
    """What one CLI invocation printed and returned."""

    code: int
    stdout: str
    stderr: str


def run_cli(args: list[str], cwd: Path, stdin: str | None = None) -> Run:
    """Invoke ``auditor ARGS`` with ``cwd`` as the working directory."""
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, args, input=stdin, catch_exceptions=False)
    finally:
        os.chdir(previous)
    return Run(result.exit_code, result.stdout, result.stderr)


def write(path: Path, text: str) -> Path:
    """Write UTF-8 text, creating parent directories."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
