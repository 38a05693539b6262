"""``auditor baseline create``: accept the current findings so that CI reports only new ones."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from auditor import output_guard
from auditor.commands.errors import fail
from auditor.config import load_config
from auditor.errors import AuditorError
from auditor.reading import expand_paths
from auditor.run.check_run import RunSettings, audit_results, guard_reads
from auditor.run.output import OutputSet
from auditor.score.baseline import Baseline

baseline_app = typer.Typer(help="Record accepted findings so that check --baseline reports only new ones.",
                           no_args_is_help=True)


@baseline_app.command("create")
def create(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, JSONL feeds or - for stdin.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Baseline file to write.")],
    lines: Annotated[bool, typer.Option("--lines", help="Treat every input line as one segment.")] = False,
    lang: Annotated[Optional[str], typer.Option("--lang", help="Language variant, e.g. en-US.")] = None,
    no_grammar: Annotated[bool, typer.Option("--no-grammar", help="Skip LanguageTool.")] = False,
    config_file: Annotated[Optional[Path], typer.Option("--config", help="Config file to use.")] = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, max=256, help="Processes.")] = None,
) -> None:
    """Audit PATHs and record every finding (after config filters) in a baseline file.

    Use the same options (--no-grammar, --lines, --lang) as the check runs the baseline is for.
    """
    try:
        config = load_config(config_file).merged(lang=lang, jobs=jobs)
        settings = RunSettings(config=config, grammar=not no_grammar, lines=lines, use_baseline=False)
        files = expand_paths(paths)
        guard_reads(files, settings)
        output_guard.writable(output)
        if output.is_dir():
            raise AuditorError(f"{output}: is a directory; give a file name for the baseline")
        baseline = Baseline()
        documents = 0
        for result in audit_results(files, settings):
            baseline.add(result)
            documents += 1
        with OutputSet() as outputs, outputs.open(output) as out:
            baseline.write(out)
    except AuditorError as error:
        raise fail(error) from None
    typer.echo(f"auditor: baseline of {len(baseline)} findings in {documents} documents -> {output}",
               err=True)


def register(app: typer.Typer) -> None:
    """Attach ``baseline create`` to the CLI."""
    app.add_typer(baseline_app, name="baseline")
