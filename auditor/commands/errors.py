"""The one way a command reports a problem: ``auditor: error: ...`` on standard error, then exit 2."""

from __future__ import annotations

import typer


def fail(problem: object, code: int = 2) -> typer.Exit:
    """Print one error line to standard error and return the exit to raise (``raise fail(...) from None``)."""
    typer.echo(f"auditor: error: {problem}", err=True)
    return typer.Exit(code)
