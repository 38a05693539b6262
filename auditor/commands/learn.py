"""``auditor learn MT PE -o rules/learned.yaml``: rules from a newsroom's post-edits."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Optional

import typer

from auditor.errors import AuditorError
from auditor.run.output import OutputSet

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def learn_command(
    mt: Annotated[str, typer.Argument(help="MT: text (--lines), TSV, XLIFF or TMX; or one TSV source/MT/post-edit.")],
    postedit: Annotated[
        Optional[str], typer.Argument(help="Its post-edit, aligned with MT (text, TSV, XLIFF or TMX).")
    ] = None,
    output: Annotated[
        Optional[Path],
        typer.Option("--output", "-o", help="The YAML rule pack to write, e.g. rules/learned.yaml (required)."),
    ] = None,
    source: Annotated[
        Optional[str],
        typer.Option("--source", help="Source text, line-aligned: segments the MT left untranslated are skipped."),
    ] = None,
    lines: Annotated[bool, typer.Option("--lines", help="Plain-text inputs hold one segment per line.")] = False,
    input_format: Annotated[
        Optional[str], typer.Option("--input-format", help="Read inputs as text, tsv, xliff or tmx.")
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="Target language variant (picks the TMX variant).")] = "en-US",
    report: Annotated[
        Optional[Path],
        typer.Option("--report", help="Also write a summary of the edit types: .html/.htm as HTML, else Markdown."),
    ] = None,
    min_support: Annotated[
        int, typer.Option("--min-support", min=2, help="Post-edits that must show an edit before it is a rule.")
    ] = 3,
    min_precision: Annotated[
        float,
        typer.Option(
            "--min-precision", min=0.0, max=1.0,
            help="Least share of held-out uses that editors changed (lower end of its 95% confidence interval).",
        ),
    ] = 0.7,
    min_fires: Annotated[
        int, typer.Option("--min-fires", min=1, help="Least held-out uses a rule is measured on.")
    ] = 3,
    max_postedit_fires: Annotated[
        int, typer.Option("--max-postedit-fires", min=0, help="Most matches allowed in the post-edits (correct text).")
    ] = 0,
    folds: Annotated[
        int, typer.Option("--folds", min=2, max=20, help="Folds of the held-out split learn makes itself.")
    ] = 5,
    style: Annotated[
        bool,
        typer.Option(
            "--style", help="Also learn house-style edits (favour -> favor, 150.000 -> 150,000, 29 June -> June 29)."
        ),
    ] = False,
    max_rules: Annotated[int, typer.Option("--max-rules", min=1, help="Keep at most this many rules.")] = 300,
    pack_id: Annotated[str, typer.Option("--pack-id", help="Id of the written pack.")] = "learned",
    source_lang: Annotated[
        Optional[str],
        typer.Option("--source-lang", help="Switch the pack on only for this source language (check --source-lang)."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary line.")] = False,
) -> None:
    """Learn a YAML rule pack from MT and its post-edits: the engine's habits that editors fix.

    Recurring edits are grouped by word or lemma and context; each candidate's precision is
    measured on held-out segments of the input (cross-validation); candidates that also match
    the post-edits are dropped. Load the pack with 'auditor check --rules FILE'; run its
    examples with 'auditor rules test FILE'. Exit status 2 on bad input, with one line.
    """
    from auditor.learn.learner import LearnSettings, learn
    from auditor.learn.pack import build_pack
    from auditor.learn.pairs import PairFiles
    from auditor.learn.report import markdown, render_html, summary
    from auditor.yaml_files import parse_yaml

    try:
        if output is None:
            raise AuditorError("learn needs -o FILE: the YAML rule pack to write")
        if not _ID.match(pack_id):
            raise AuditorError(f"--pack-id {pack_id}: use lower-case letters, digits and hyphens")
        if source_lang is not None and not re.fullmatch(r"[a-z]{2,3}", source_lang.lower()):
            raise AuditorError(f"--source-lang {source_lang}: give a two-letter language code such as ro or et")
        inputs = [Path(p).resolve() for p in (mt, postedit, source) if p]
        for target in (output, report):
            if target is None:
                continue
            if target.is_dir():
                raise AuditorError(f"{target}: is a directory; give a file name")
            if target.resolve() in inputs:
                raise AuditorError(f"{target}: is one of the inputs; refusing to overwrite it")
        pairs = PairFiles(mt, postedit, lines=lines, input_format=input_format, source=source, lang=lang)
        settings = LearnSettings(
            min_support=min_support,
            min_precision=min_precision,
            min_fires=min_fires,
            max_postedit_fires=max_postedit_fires,
            folds=folds,
            max_rules=max_rules,
            style=style,
        )
        result = learn(pairs, settings)
        text, count = build_pack(result, pack_id=pack_id, source_lang=source_lang.lower() if source_lang else None)
        with OutputSet() as outputs:
            if count:
                outputs.write(output, text)
            if report is not None:
                data = summary(result.stats, parse_yaml(text).get("rules") or [])
                page = render_html(data) if report.suffix.lower() in (".html", ".htm") else markdown(data)
                outputs.write(report, page)
    except AuditorError as error:
        typer.echo(f"auditor: error: {error}", err=True)
        raise typer.Exit(2) from None
    if not count:
        typer.echo(f"auditor: no candidate cleared the thresholds; {output} not written", err=True)
    elif not quiet:
        typer.echo(
            f"{count} rules learned from {result.stats.pairs} segments "
            f"({sum(result.stats.edits.values())} edits, {result.measured} candidates measured) -> {output}",
            err=True,
        )


def register(app: typer.Typer) -> None:
    """Attach ``learn`` to the CLI."""
    app.command("learn")(learn_command)
