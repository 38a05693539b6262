"""The ``auditor`` command line: the Typer app, with every subcommand from its own module in
``auditor/commands/``, and the console entry point."""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
from typing import Annotated

import typer

from auditor import __version__
from auditor.commands import baseline, check, compare, fix, languagetool, rules

app = typer.Typer(
    name="auditor",
    help=(
        "Audit machine-translated news copy: find translation damage, grammar and punctuation "
        "faults and hard sentences; score every sentence; write text, JSON and HTML reports."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
for command in (check, fix, compare, rules, baseline, languagetool):  # each registers itself the same way
    command.register(app)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"auditor {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Audit machine-translated news copy before it is published."""


def main() -> None:
    """Console entry point."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("auditor: interrupted", err=True)
        _exit_now(130)
    except SystemExit as done:
        code = done.code
        _exit_now(code if isinstance(code, int) else (0 if code is None else 1), message=code)
    _exit_now(0)


def _exit_now(code: int, message: object = None) -> None:
    """Leave without tearing the interpreter down.

    Every report is written and closed by now; what remains is freeing millions of dictionary
    entries (word lists of 15 languages), about half a second of a run. Exit handlers still run
    (they stop a LanguageTool server this run started), output is flushed first.
    """
    if isinstance(message, str):
        print(message, file=sys.stderr)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    atexit._run_exitfuncs()
    os._exit(code)


if __name__ == "__main__":
    main()
