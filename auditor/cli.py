"""The ``auditor`` command line: wires readers, checks and reporters together."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from auditor import __version__, output_guard
from auditor.bilingual.metrics import CorpusAccumulator
from auditor.check_run import (
    DEFAULT_LANG,
    RunSettings,
    StreamFormat,
    audit_results,
    count_inputs,
    guard_reads,
    write_stream_report,
)
from auditor.commands import fix as fix_command
from auditor.commands.baseline import baseline_app
from auditor.commands.bilingual_inputs import HELP, bilingual_inputs, score_with_reference
from auditor.commands.cache import cache_app
from auditor.commands.compare import compare_command
from auditor.commands.languagetool import languagetool_app
from auditor.commands.rules import register_rules_commands, validate_rule_options
from auditor.config import load_config
from auditor.dask_address import dask_address
from auditor.errors import AuditorError
from auditor.gates import RunSummary
from auditor.models import Severity
from auditor.output import OutputSet, staged_stdout
from auditor.progress import Progress
from auditor.reading import expand_paths
from auditor.report.html_report import write_html_reports
from auditor.report.json_report import write_json
from auditor.report.model import DocumentResult
from auditor.report.text_report import write_text
from auditor.report.visibility import at_least

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
fix_command.register(app)
register_rules_commands(rules_app)
app.add_typer(baseline_app, name="baseline")
app.command("compare")(compare_command)
app.add_typer(languagetool_app, name="languagetool")
app.add_typer(cache_app, name="cache")


class OutputFormat(str, Enum):
    """Report formats of ``auditor check``."""

    text = "text"
    json = "json"
    html = "html"
    jsonl = "jsonl"
    sarif = "sarif"
    junit = "junit"
    github = "github"


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
    lang: Annotated[
        Optional[str], typer.Option("--lang", help="Language variant of the copy, e.g. en-US or en-GB.")
    ] = None,
    no_grammar: Annotated[
        bool, typer.Option("--no-grammar", help="Skip LanguageTool grammar checking.")
    ] = False,
    source_lang: Annotated[
        Optional[str],
        typer.Option(
            "--source-lang",
            help="Language the copy was translated from (nl, de, fr, es, it, pt, ru, ar): "
            "switches on that language's false-friend rules.",
        ),
    ] = None,
    pack: Annotated[
        Optional[list[str]],
        typer.Option(
            "--pack",
            help="Switch on an optional rule pack by id (repeatable; 'all' for every pack). "
            "See 'auditor rules list'.",
        ),
    ] = None,
    fail_under: Annotated[
        Optional[float],
        typer.Option("--fail-under", min=0, max=100, help="Exit 1 if any document scores below this (0-100)."),
    ] = None,
    fail_on: Annotated[
        Optional[Severity],
        typer.Option(
            "--fail-on", help="Exit 1 if any finding is at least this severe.", case_sensitive=False
        ),
    ] = None,
    min_severity: Annotated[
        Optional[Severity],
        typer.Option(
            "--min-severity",
            help="Lowest severity the text, SARIF, JUnit and GitHub reports list (default minor; "
            "'hint' also lists hints). JSON and HTML always carry every finding.",
            case_sensitive=False,
        ),
    ] = None,
    config_file: Annotated[
        Optional[Path],
        typer.Option("--config", help="Config file (default: auditor.toml or pyproject.toml [tool.auditor], "
                     "searched upward from the working directory)."),
    ] = None,
    baseline: Annotated[
        Optional[Path],
        typer.Option("--baseline", help="Report only findings not in this baseline file."),
    ] = None,
    jobs: Annotated[
        Optional[int], typer.Option("--jobs", "-j", min=1, max=256, help="Worker processes (default 1).")
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar and no summary line.")
    ] = False,
    dask: Annotated[
        Optional[str],
        typer.Option("--dask", help="Audit on a Dask cluster: its scheduler (tcp://host:8786) or local:N "
                     "for N local worker processes (needs pip install 'auditor[dask]'). Overrides --jobs."),
    ] = None,
    source: Annotated[
        Optional[str], typer.Option("--source", help=HELP["source"])
    ] = None,
    reference: Annotated[
        Optional[str],
        typer.Option("--reference", help=HELP["reference"]),
    ] = None,
    input_format: Annotated[
        Optional[str],
        typer.Option("--input-format", help=HELP["input_format"]),
    ] = None,
    jsonl_fields: Annotated[
        Optional[str],
        typer.Option("--jsonl-fields", help=HELP["jsonl_fields"]),
    ] = None,
    score_with: Annotated[
        Optional[str],
        typer.Option("--score-with", help=HELP["score_with"]),
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
        bool,
        typer.Option(
            "--no-cache",
            help="Audit afresh: neither read nor write the result caches (auditor's checks and LanguageTool's).",
        ),
    ] = False,
) -> None:
    """Audit documents and report every finding with its reason, fix and score.

    Exit status: 0 no gate tripped, 1 a gate (--fail-under, --fail-on) tripped, 2 usage or input error.
    """
    try:
        config = load_config(config_file).merged(
            lang=lang,
            source_lang=source_lang,
            packs=tuple(pack) if pack else None,
            fail_under=fail_under,
            fail_on=fail_on,
            min_severity=min_severity,
            baseline=baseline,
            jobs=jobs,
            dask=dask_address(dask),
        )
        inputs = bilingual_inputs(
            lang=config.lang or DEFAULT_LANG,
            lines=lines,
            input_format=input_format,
            source_lang=config.source_lang,
            source=source,
            reference=reference,
            jsonl_fields=jsonl_fields,
        )
        settings = RunSettings(
            config=config,
            grammar=not no_grammar,
            lines=lines,
            inputs=inputs,
            score_with_reference=score_with_reference(score_with),
            languagetool_url=languagetool_url,
            use_cache=not no_cache,
        )
        validate_rule_options(settings.check_options())
        files = expand_paths(paths)
        guard_reads(files, settings)
        if output_format is OutputFormat.html:
            output_guard.check_directory(output or Path("reports"))
        elif output is not None:
            output_guard.writable(output)
            if output.is_dir():
                raise AuditorError(f"{output}: is a directory; give a file name for {output_format.value} output")
        summary = RunSummary(settings.gates)
        progress = Progress(count_inputs(files), enabled=False if quiet else None)
        corpus = CorpusAccumulator()
        results = summary.observe(progress.wrap(audit_results(files, settings, corpus)))
        if output_format.value in StreamFormat.__members__:
            write_stream_report(
                results, StreamFormat(output_format.value), output, settings.gates, settings.listed_severity
            )
        else:
            if output_format is OutputFormat.text:
                results = at_least(results, settings.listed_severity)
            _write_reports(results, output_format, output, corpus.result)
    except AuditorError as error:
        raise fail(str(error)) from None
    if not quiet:
        human = output_format is OutputFormat.html or (output_format is OutputFormat.text and output is None)
        typer.echo(summary.line(), err=not human)
    raise typer.Exit(summary.exit_code)


def _write_reports(
    results: Iterable[DocumentResult],
    output_format: OutputFormat,
    output: Path | None,
    trailer: Callable[[], dict[str, Any]] | None = None,
) -> list[float]:
    """Render results in the chosen format; files appear only if the whole run succeeds."""
    scores: list[float] = []
    if output_format is OutputFormat.html:
        directory = output or Path("reports")
        entries = write_html_reports(results, directory)
        for entry in entries:
            summary = f"score {entry.score:.1f}/100, {entry.findings} findings"
            typer.echo(f"{entry.path}: {summary} -> {directory / entry.report}")
        return [entry.score for entry in entries]
    if output is None:
        if output_format is OutputFormat.json:
            with staged_stdout() as out:  # all or nothing
                return write_json(results, out, _metrics_trailer(trailer))
        colour = sys.stdout.isatty()
        for result in results:
            write_text(result, sys.stdout, colour=colour)
            scores.append(result.score)
        return scores
    with OutputSet() as outputs, outputs.open(output) as out:
        if output_format is OutputFormat.json:
            return write_json(results, out, _metrics_trailer(trailer))
        for result in results:
            write_text(result, out)
            scores.append(result.score)
    return scores


def _metrics_trailer(corpus: Callable[[], dict[str, Any]] | None) -> Callable[[], dict[str, Any]]:
    """Top-level ``metrics`` (corpus BLEU/chrF/TER) when any input had a reference."""

    def trailer() -> dict[str, Any]:
        metrics = corpus() if corpus else {}
        return {"metrics": metrics} if metrics else {}

    return trailer


def main() -> None:
    """Console entry point (exit codes and error lines: :mod:`auditor.entry`)."""
    from auditor import entry

    entry.main(app)


if __name__ == "__main__":
    main()
