"""``auditor check PATH...``: audit documents and write the report in the chosen format."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable, Iterable, Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from auditor import output_guard
from auditor.bilingual.metrics import CorpusAccumulator
from auditor.commands.bilingual_inputs import HELP, bilingual_inputs, score_with_reference
from auditor.commands.errors import fail
from auditor.commands.rules import validate_rule_options
from auditor.config import load_config
from auditor.dask_address import dask_address
from auditor.errors import AuditorError
from auditor.models import Severity
from auditor.reading import expand_paths
from auditor.report.html_report import write_html_reports
from auditor.report.json_report import write_json
from auditor.report.model import DocumentResult
from auditor.report.signature import settings_signature
from auditor.report.text_report import write_text
from auditor.report.visibility import at_least
from auditor.run.check_run import (
    DEFAULT_LANG,
    RunSettings,
    StreamFormat,
    audit_results,
    count_inputs,
    guard_reads,
    write_stream_report,
)
from auditor.run.output import OutputSet, staged_stdout
from auditor.run.progress import Progress
from auditor.score.gates import RunSummary


class OutputFormat(str, Enum):
    """Report formats of ``auditor check``."""

    text = "text"
    json = "json"
    html = "html"
    jsonl = "jsonl"
    sarif = "sarif"
    junit = "junit"
    github = "github"


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
    qe_model: Annotated[
        Optional[str],
        typer.Option("--qe-model", help="Quality-estimation model file from `auditor train` ('off': findings only)."),
    ] = None,
    rules: Annotated[
        Optional[list[Path]],
        typer.Option(
            "--rules",
            help="Your own rule packs: a pack file (e.g. one written by 'auditor learn') or a directory of "
            "them, loaded beside the built-in ones; repeatable (adds to rule-paths in the config).",
        ),
    ] = None,
    decisions: Annotated[
        Optional[Path],
        typer.Option(
            "--decisions",
            help="An editor's decisions file exported from the HTML report (auditor-decisions/1): its "
            "false alarms are not reported again and its added names are known. Overrides the config's decisions.",
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
            qe_model=None if qe_model is None else ("off" if qe_model == "off" else Path(qe_model)),
            decisions=decisions,
        )
        if rules:
            config = config.merged(rule_paths=(*config.rule_paths, *rules))
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
        settings.decisions()  # a bad decisions file stops the run before anything is read or written
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
        results = first_audited(summary.observe(progress.wrap(audit_results(files, settings, corpus))))
        signature = settings_signature(settings)
        if output_format.value in StreamFormat.__members__:
            write_stream_report(
                results, StreamFormat(output_format.value), output, settings.gates, settings.listed_severity, signature
            )
        else:
            if output_format is OutputFormat.text:
                results = at_least(results, settings.listed_severity)
            rule_paths = tuple(str(p) for p in settings.config.rule_paths)
            _write_reports(results, output_format, output, corpus.result, signature, rule_paths)
    except AuditorError as error:
        raise fail(str(error)) from None
    if not quiet:
        human = output_format is OutputFormat.html or (output_format is OutputFormat.text and output is None)
        typer.echo(summary.line(), err=not human)
    raise typer.Exit(summary.exit_code)


def first_audited(results: Iterator[DocumentResult]) -> Iterator[DocumentResult]:
    """``results`` with the first document audited now, before the settings signature is made.

    The signature hashes every rule file and imports the rule engine: made first, it held a cold
    run's LanguageTool request back by that long. Nothing is written before the run succeeds.
    """
    first = next(results, None)
    return results if first is None else itertools.chain([first], results)


def _write_reports(
    results: Iterable[DocumentResult],
    output_format: OutputFormat,
    output: Path | None,
    trailer: Callable[[], dict[str, Any]] | None = None,
    signature: dict[str, Any] | None = None,
    rule_paths: tuple[str, ...] = (),
) -> list[float]:
    """Render results in the chosen format; files appear only if the whole run succeeds.

    Every format records the settings ``signature``: JSON in its header, HTML in the footer, text as
    its last line."""
    scores: list[float] = []
    line = signature["text"] if signature else None
    if output_format is OutputFormat.html:
        directory = output or Path("reports")
        entries = write_html_reports(results, directory, signature=line, rule_paths=rule_paths)
        for entry in entries:
            summary = f"score {entry.score:.1f}/100, {entry.findings} findings"
            typer.echo(f"{entry.path}: {summary} -> {directory / entry.report}")
        return [entry.score for entry in entries]
    if output is None:
        if output_format is OutputFormat.json:
            with staged_stdout() as out:  # all or nothing
                return write_json(results, out, _metrics_trailer(trailer), signature)
        colour = sys.stdout.isatty()
        for result in results:
            write_text(result, sys.stdout, colour=colour)
            scores.append(result.score)
        _write_signature(sys.stdout, line)
        return scores
    with OutputSet() as outputs, outputs.open(output) as out:
        if output_format is OutputFormat.json:
            return write_json(results, out, _metrics_trailer(trailer), signature)
        for result in results:
            write_text(result, out)
            scores.append(result.score)
        _write_signature(out, line)
    return scores


def _write_signature(out: Any, line: str | None) -> None:
    """The text report's last line: the settings that decided its scores."""
    if line:
        out.write(f"settings: {line}\n")


def _metrics_trailer(corpus: Callable[[], dict[str, Any]] | None) -> Callable[[], dict[str, Any]]:
    """Top-level ``metrics`` (corpus BLEU/chrF/TER) when any input had a reference."""

    def trailer() -> dict[str, Any]:
        metrics = corpus() if corpus else {}
        return {"metrics": metrics} if metrics else {}

    return trailer


def register(app: typer.Typer) -> None:
    """Attach ``check`` to the CLI."""
    app.command("check")(check)
