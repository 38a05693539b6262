"""The ``auditor`` command line: wires readers, checks and reporters together."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from auditor import __version__
from auditor.checks import CheckOptions, build_checks, close_checks
from auditor.commands.languagetool import languagetool_app
from auditor.errors import AuditorError
from auditor.output import OutputSet, report_name
from auditor.pipeline import audit_stream
from auditor.reading import expand_paths, read_documents
from auditor.report.html_report import render_html
from auditor.report.json_report import write_json
from auditor.report.model import DocumentResult
from auditor.report.text_report import write_text
from auditor.scoring import ScoringModel

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
rules_app = typer.Typer(help="List and explain the rules auditor applies.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")
app.add_typer(languagetool_app, name="languagetool")


class OutputFormat(str, Enum):
    """Report formats of ``auditor check``."""

    text = "text"
    json = "json"
    html = "html"


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


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one error line to stderr and return the exit to raise."""
    typer.echo(f"auditor: error: {message}", err=True)
    return typer.Exit(code)


@app.command()
def check(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files, directories (searched for *.txt and *.md) or - for standard input."),
    ],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Report format.")
    ] = OutputFormat.text,
    output: Annotated[
        Optional[Path],
        typer.Option(
            "--output",
            "-o",
            help="json/text: file to write (default: standard output). html: directory (default: reports/).",
        ),
    ] = None,
    lines: Annotated[
        bool,
        typer.Option("--lines", help="Treat every input line as exactly one segment (MT test sets, TM exports)."),
    ] = False,
    lang: Annotated[str, typer.Option("--lang", help="Language variant of the copy, e.g. en-US or en-GB.")] = "en-US",
    no_grammar: Annotated[
        bool, typer.Option("--no-grammar", help="Skip LanguageTool grammar checking.")
    ] = False,
    fail_under: Annotated[
        Optional[float],
        typer.Option("--fail-under", min=0, max=100, help="Exit 1 if any document scores below this (0-100)."),
    ] = None,
    languagetool_url: Annotated[
        Optional[str],
        typer.Option(
            "--languagetool-url",
            envvar="LANGUAGETOOL_URL",
            help="Use this running LanguageTool server (e.g. http://127.0.0.1:8081), not a managed one.",
        ),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Ask LanguageTool afresh; neither read nor write the cache.")
    ] = False,
) -> None:
    """Audit documents and report every finding with its reason, fix and score."""
    try:
        files = expand_paths(paths)
        if output is not None and output_format is not OutputFormat.html:
            resolved = output.resolve()
            if any(f != "-" and Path(f).resolve() == resolved for f in files):
                raise AuditorError(f"{output}: is one of the inputs; refusing to overwrite it")
            if output.is_dir():
                raise AuditorError(f"{output}: is a directory; give a file name for {output_format.value} output")
        options = CheckOptions(
            lang=lang, grammar=not no_grammar, languagetool_url=languagetool_url, cache=not no_cache
        )
        checks = build_checks(options)
        try:
            documents = read_documents(files, lang=lang, lines=lines)
            results = audit_stream(documents, checks, ScoringModel())
            scores = _write_reports(results, output_format, output)
        finally:
            close_checks(checks)
    except AuditorError as error:
        raise fail(str(error)) from None
    if fail_under is not None:
        below = [s for s in scores if s < fail_under]
        if below:
            typer.echo(
                f"auditor: {len(below)} of {len(scores)} documents scored below {fail_under:g}", err=True
            )
            raise typer.Exit(1)


def _write_reports(
    results: Iterable[DocumentResult], output_format: OutputFormat, output: Path | None
) -> list[float]:
    """Render results in the chosen format; files appear only if the whole run succeeds."""
    scores: list[float] = []
    if output_format is OutputFormat.html:
        directory = output or Path("reports")
        if directory.exists() and not directory.is_dir():
            raise AuditorError(f"{directory}: exists and is not a directory")
        taken: set[str] = set()
        written: list[tuple[str, float, int, Path]] = []
        with OutputSet() as outputs:
            for result in results:
                target = directory / report_name(result.document.path, ".html", taken)
                outputs.write(target, render_html(result))
                scores.append(result.score)
                written.append((result.document.path, result.score, len(result.findings), target))
        for path, score, found, target in written:
            typer.echo(f"{path}: score {score:.1f}/100, {found} findings -> {target}")
        return scores
    if output is None:
        if output_format is OutputFormat.json:
            return write_json(results, sys.stdout)
        colour = sys.stdout.isatty()
        for result in results:
            write_text(result, sys.stdout, colour=colour)
            scores.append(result.score)
        return scores
    with OutputSet() as outputs, outputs.open(output) as out:
        if output_format is OutputFormat.json:
            return write_json(results, out)
        for result in results:
            write_text(result, out)
            scores.append(result.score)
    return scores


def main() -> None:
    """Console entry point."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("auditor: interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
