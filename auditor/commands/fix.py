"""``auditor fix``: make the fixes rules mark safe and write the corrected copy.

Runs the same pipeline and options as ``auditor check``, chooses unambiguous,
non-overlapping fixes with :mod:`auditor.fixes` and writes ``NAME.fixed.EXT``
next to each input (never over an existing file), or replaces the input
atomically with ``--in-place``. ``--diff`` prints a unified diff.

With ``--decisions FILE`` (exported from the HTML report) nothing is audited: exactly the
editor's ``accept``, ``custom`` and ``edit`` decisions are made (:mod:`auditor.decision_edits`),
so the result is the corrected text the report's page shows; a decision that cannot be placed
is named on standard error and the exit status is 1.
"""

from __future__ import annotations

import difflib
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Optional

import typer

from auditor import output_guard
from auditor.checks import CheckOptions, CheckSet
from auditor.commands.errors import fail
from auditor.decision_edits import EDITING, Unplaced, plan_edits
from auditor.decisions import ANY_DOCUMENT, Decisions, load_decisions
from auditor.errors import AuditorError
from auditor.fixes import Edit, apply_edits, choose_fixes
from auditor.reading import STDIN, expand_paths, read_documents
from auditor.run.audit_cache import AuditCache
from auditor.run.output import OutputSet
from auditor.run.pipeline import audit_stream
from auditor.score.scoring import ScoringModel

FIXED_MARK = ".fixed"
#: The document id of standard input.
STDIN_NAME = "<stdin>"


@dataclass
class FixedDocument:
    """One input and its corrected text."""

    path: str
    original: str
    fixed: str
    edits: list[Edit]
    findings: int


def fixed_path(path: str) -> Path:
    """Where the corrected copy of ``path`` goes: ``story.txt`` -> ``story.fixed.txt``."""
    source = Path(path)
    return source.with_name(f"{source.stem}{FIXED_MARK}{source.suffix}")


def _inputs(paths: list[str]) -> list[str]:
    """Files to fix; earlier ``*.fixed.*`` outputs found inside directories are not re-fixed."""
    files: list[str] = []
    for path in paths:
        found = expand_paths([path])
        if path != STDIN and Path(path).is_dir():
            found = [f for f in found if not Path(f).stem.endswith(FIXED_MARK)]
        files.extend(found)
    if not files:
        raise AuditorError(f"{paths[0]}: nothing to fix (only earlier *{FIXED_MARK}.* outputs)")
    for file in files:
        output_guard.protect(file, "input")
    return files


def fix_documents(
    files: list[str], *, lang: str, lines: bool, grammar: bool, only_safe: bool
) -> list[FixedDocument]:
    """Audit every file and make its unambiguous fixes in memory."""
    options = CheckOptions(lang=lang, grammar=grammar)
    checks = CheckSet.from_options(options)
    cache = AuditCache(options.own_settings())
    try:
        results = audit_stream(read_documents(files, lang=lang, lines=lines), checks, ScoringModel(), cache=cache)
        done = []
        for result in results:
            edits = choose_fixes(result.findings, only_safe=only_safe)
            text = result.document.text
            done.append(
                FixedDocument(result.document.path, text, apply_edits(text, edits), edits, len(result.findings))
            )
    finally:
        checks.close()
        cache.close()
    return done


def decided_documents(
    files: list[str], decisions: Decisions, *, lines: bool
) -> tuple[list[FixedDocument], list[Unplaced]]:
    """Make the editor's decisions in every file (no audit); also the decisions not made."""
    done: list[FixedDocument] = []
    missed: list[Unplaced] = []
    for document in read_documents(files, lines=lines):
        mine = decisions.for_document(document.path, EDITING)
        named = sorted({d.document for d in decisions.entries if d.action in EDITING} - {ANY_DOCUMENT})
        if not mine and document.path == STDIN_NAME and len(named) == 1:  # standard input has no name to match
            mine = decisions.for_document(named[0], EDITING)
            typer.echo(f"auditor: note: {document.path}: making the decisions for {named[0]}, the file's only document",
                       err=True)
        edits, unplaced = plan_edits(document.text, mine)
        fixed = apply_edits(document.text, edits)
        done.append(FixedDocument(document.path, document.text, fixed, edits, len(mine)))
        missed.extend(unplaced)
        for entry in unplaced:
            kind = "note" if entry.superseded else "warning"
            typer.echo(f"auditor: {kind}: {document.path}: {entry.decision.label()} not made: {entry.reason}", err=True)
        if not mine and any(d.action in EDITING for d in decisions.entries):
            others = sorted({d.document for d in decisions.entries if d.action in EDITING})
            shown = ", ".join(others[:3]) + (" ..." if len(others) > 3 else "")
            typer.echo(f"auditor: note: {document.path}: {decisions.path} has no changes for it (it has: {shown})",
                       err=True)
    return done, missed


def unified_diff(document: FixedDocument, target: str) -> str:
    """The change as a unified diff (empty when nothing changed), marking a missing final newline."""
    lines = difflib.unified_diff(
        document.original.splitlines(keepends=True),
        document.fixed.splitlines(keepends=True),
        fromfile=document.path,
        tofile=target,
    )
    missing = "\n\\ No newline at end of file\n"
    return "".join(line if line.endswith("\n") else line + missing for line in lines)


def _file_mode(path: Path) -> int:
    """The mode a new file gets here, or the mode of the file being replaced."""
    if path.exists():
        return path.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _write(
    files: list[str], documents: list[FixedDocument], targets: dict[str, Path], *, in_place: bool
) -> None:
    """Write every corrected file all-or-nothing, keeping the mode of a file replaced in place."""
    modes = {file: _file_mode(target) for file, target in targets.items()}
    written: list[tuple[Path, int]] = []
    try:
        with OutputSet(may_replace_inputs=in_place) as outputs:
            for file, document in zip(files, documents, strict=True):
                if file == STDIN or (in_place and document.fixed == document.original):
                    continue
                outputs.write(targets[file], document.fixed)
                written.append((targets[file], modes[file]))
        for target, mode in written:
            target.chmod(mode)
    except OSError as error:
        raise AuditorError(f"{error.filename or targets}: cannot write ({error.strerror})") from None


def fix(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files, directories (searched for *.txt and *.md) or - for standard input."),
    ],
    only_safe: Annotated[
        bool,
        typer.Option(
            "--only-safe/--include-unsafe",
            help=(
                "Apply only fixes that rules mark safe (default), or also single-suggestion fixes "
                "they do not. A finding with several suggestions is never applied."
            ),
        ),
    ] = True,
    diff: Annotated[bool, typer.Option("--diff", help="Print a unified diff of every change.")] = False,
    in_place: Annotated[
        bool,
        typer.Option("--in-place", help="Replace each input atomically instead of writing NAME.fixed.EXT."),
    ] = False,
    lines: Annotated[
        bool,
        typer.Option(
            "--lines",
            help="Treat every input line as exactly one segment (MT test sets, TM exports).",
        ),
    ] = False,
    lang: Annotated[
        str, typer.Option("--lang", help="Language variant of the copy, e.g. en-US or en-GB.")
    ] = "en-US",
    no_grammar: Annotated[
        bool, typer.Option("--no-grammar", help="Skip LanguageTool grammar checking.")
    ] = False,
    decisions: Annotated[
        Optional[Path],
        typer.Option(
            "--decisions",
            help="Make exactly the accept, custom and edit decisions of this file exported from the HTML "
            "report (no audit, no other fixes); exit 1 if one cannot be placed.",
        ),
    ] = None,
) -> None:
    """Apply the unambiguous fixes rules mark safe; write NAME.fixed.EXT next to each input.

    Standard input (-) is fixed to standard output. Nothing existing is overwritten unless
    --in-place is given, and then each file is replaced atomically.
    """
    try:
        files = _inputs(paths)
        targets: dict[str, Path] = {}
        for file in files:
            if file == STDIN:
                continue
            target = Path(file) if in_place else fixed_path(file)
            if not in_place and target.exists():
                raise AuditorError(f"{target}: already exists; remove it or use --in-place")
            targets[file] = target
        missed: list[Unplaced] = []
        if decisions is not None:
            output_guard.protect(decisions, "decisions")
            documents, missed = decided_documents(files, load_decisions(decisions), lines=lines)
        else:
            documents = fix_documents(
                files, lang=lang, lines=lines, grammar=not no_grammar, only_safe=only_safe
            )
        _write(files, documents, targets, in_place=in_place)
    except AuditorError as error:
        raise fail(error) from None
    for file, document in zip(files, documents, strict=True):
        name = "<stdout>" if file == STDIN else str(targets[file])
        if diff:
            sys.stdout.write(unified_diff(document, name))
        elif file == STDIN:
            sys.stdout.write(document.fixed)
        note = "unchanged" if document.fixed == document.original and in_place else f"-> {name}"
        what = "decisions" if decisions is not None else "findings' fixes"
        typer.echo(f"{document.path}: applied {len(document.edits)} of {document.findings} {what} {note}", err=True)
    if any(not entry.superseded for entry in missed):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add ``fix`` to the CLI."""
    app.command(name="fix")(fix)
