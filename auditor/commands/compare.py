"""``auditor compare MT POSTEDIT``: how much an editor changed, per line and overall."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from auditor.bilingual.postedit import compare_segments, corpus_hter, report_dict
from auditor.commands.errors import fail
from auditor.errors import AuditorError
from auditor.reading import read_text
from auditor.report.compare_html import render_compare_html
from auditor.run.output import OutputSet
from auditor.segment import segment_lines


class CompareFormat(str, Enum):
    """Report formats of ``auditor compare``."""

    text = "text"
    json = "json"
    html = "html"


def _lines(path: str) -> list[str]:
    text = read_text(path)
    return [text[s.start : s.end] for s in segment_lines(text)]


def _text(report: dict) -> str:
    out = []
    for segment in report["segments"]:
        out.append(f"{segment['index'] + 1:>4}  HTER {segment['hter']:6.1f}  {segment['mt']}")
        for edit in segment["edits"]:
            if edit["op"] == "replace":
                out.append(f"        replace {edit['mt']!r} -> {edit['postedit']!r}")
            elif edit["op"] == "delete":
                out.append(f"        delete  {edit['mt']!r}")
            else:
                out.append(f"        insert  {edit['postedit']!r}")
    corpus = report["hter"]
    out.append(
        f"corpus HTER {corpus['score']:.2f} over {corpus['segments']} segments ({corpus['signature']})"
    )
    return "\n".join(out) + "\n"


def compare_command(
    mt: Annotated[str, typer.Argument(help="Machine translation, one segment per line.")],
    postedit: Annotated[str, typer.Argument(help="Its post-edited version, line-aligned with MT.")],
    output_format: Annotated[
        CompareFormat, typer.Option("--format", "-f", help="Report format.")
    ] = CompareFormat.text,
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", help="File to write (default: standard output).")
    ] = None,
) -> None:
    """Per-line edit rate (HTER = TER of the MT against the post-edit) and the edited words."""
    try:
        mt_lines, pe_lines = _lines(mt), _lines(postedit)
        if len(mt_lines) != len(pe_lines):
            raise AuditorError(
                f"{mt} has {len(mt_lines)} lines but {postedit} has {len(pe_lines)}: they must be line-aligned"
            )
        report = report_dict(
            mt, postedit, compare_segments(mt_lines, pe_lines), corpus_hter(mt_lines, pe_lines)
        )
        if output_format is CompareFormat.json:
            content = json.dumps(report, ensure_ascii=False, indent=1) + "\n"
        elif output_format is CompareFormat.html:
            content = render_compare_html(report)
        else:
            content = _text(report)
        if output is None:
            sys.stdout.write(content)
        else:
            if output.is_dir():
                raise AuditorError(f"{output}: is a directory; give a file name")
            with OutputSet() as outputs:
                outputs.write(output, content)
    except AuditorError as error:
        raise fail(error) from None


def register(app: typer.Typer) -> None:
    """Attach ``compare`` to the CLI."""
    app.command("compare")(compare_command)
