"""The ``auditor`` command line: the Typer app, with every subcommand from its own module in
``auditor/commands/``, and the console entry point (exit codes and error lines: :mod:`auditor.entry`)."""

from __future__ import annotations

from typing import Annotated

import typer

from auditor import __version__, output_guard
from auditor.commands import (
    baseline,
    cache,
    check,
    compare,
    decisions,
    dictionaries,
    doctor,
    fix,
    languagetool,
    learn,
    rules,
    serve,
    train,
)

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
for command in (check, fix, compare, rules, baseline, decisions, languagetool, cache, learn, train, dictionaries,
                doctor, serve):
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
    output_guard.reset()  # a new command: forget the files an earlier one (in this process) read


def main() -> None:
    """Console entry point (exit codes and error lines: :mod:`auditor.entry`)."""
    from auditor import entry

    entry.main(app)


if __name__ == "__main__":
    main()
