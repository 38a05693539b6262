"""``auditor decisions check|export-csv FILE``: validate an editor's decisions file, or turn it into CSV."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Annotated, Optional

import typer

from auditor import output_guard
from auditor.commands.errors import fail
from auditor.decisions import ACTIONS, load_decisions, write_csv
from auditor.errors import AuditorError
from auditor.run.output import OutputSet, staged_stdout

_FILE = typer.Argument(help="A decisions file exported from the HTML report (auditor-decisions/1).")


def _check(path: Annotated[Path, _FILE]) -> None:
    """Validate a decisions file and count its decisions by action and document."""
    try:
        decisions = load_decisions(path)
    except AuditorError as error:
        raise fail(error) from None
    actions = Counter(d.action for d in decisions.entries)
    documents = Counter(d.document for d in decisions.entries)
    counted = ", ".join(f"{actions[a]} {a}" for a in ACTIONS if actions[a]) or "none"
    typer.echo(f"{path}: {len(decisions.entries)} decisions ({counted}) for {len(documents)} documents")
    for document, count in sorted(documents.items()):
        typer.echo(f"  {document}: {count}")


def _export_csv(
    path: Annotated[Path, _FILE],
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", help="CSV file to write (default: standard output).")
    ] = None,
) -> None:
    """Write the decisions as CSV for the desk: document,rule,text,start,end,context,action,replacement,note.

    A cell that a spreadsheet would run as a formula (starting with = + - @) gets a ' before it.
    """
    try:
        output_guard.protect(path, "decisions")
        decisions = load_decisions(path)
        if output is None:
            with staged_stdout() as out:
                write_csv(decisions, out)
        else:
            if output.is_dir():
                raise AuditorError(f"{output}: is a directory; give a file name for the CSV")
            with OutputSet() as outputs, outputs.open(output) as out:
                rows = write_csv(decisions, out)
            typer.echo(f"{path}: {rows} decisions -> {output}", err=True)
    except AuditorError as error:
        raise fail(error) from None
    sys.stdout.flush()


def register(app: typer.Typer) -> None:
    """Attach ``decisions check|export-csv`` to the CLI."""
    group = typer.Typer(help="An editor's decisions file from the HTML report: check it, export it as CSV.",
                        no_args_is_help=True)
    app.add_typer(group, name="decisions")
    group.command("check")(_check)
    group.command("export-csv")(_export_csv)
