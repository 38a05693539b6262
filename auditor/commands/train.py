"""``auditor train``: retrain the quality estimate on a newsroom's own MT and post-edits.

    auditor train edits.tsv -o newsroom.qe.json.gz            # source<TAB>MT<TAB>post-edit
    auditor train edits.xlf -o newsroom.qe.json.gz            # XLIFF/TMX: target = MT, reference = final
    auditor train mt.txt --postedit final.txt [--source src.txt] --lines -o newsroom.qe.json.gz

Use the model with ``auditor check --qe-model newsroom.qe.json.gz`` or ``qe-model`` in the config.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from auditor.errors import AuditorError

if TYPE_CHECKING:  # NumPy and LightGBM load only when `auditor train` runs
    from auditor.qe.retrain import PostEdited


def _read_lines(path: Path, what: str) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise AuditorError(f"{path}: {what} file is not valid UTF-8") from None
    except OSError as error:
        raise AuditorError(f"{path}: cannot read {what} file ({error.strerror})") from None


def read_postedits(path: Path, postedit: Path | None, source: Path | None, lines: bool) -> list[PostEdited]:
    """Post-edited segments from aligned line files or from a TSV/XLIFF/TMX file with references."""
    from auditor.qe.retrain import PostEdited

    if lines or postedit is not None:
        if postedit is None:
            raise AuditorError(f"{path}: --lines needs --postedit FILE (the final text, one segment a line)")
        mt, final = _read_lines(path, "MT"), _read_lines(postedit, "post-edit")
        src = _read_lines(source, "source") if source is not None else None
        for other, name in ((final, postedit), (src, source)):
            if other is not None and len(other) != len(mt):
                raise AuditorError(f"{name}: {len(other)} lines where {path} has {len(mt)}")
        return [PostEdited(m, p, src[k] if src else None) for k, (m, p) in enumerate(zip(mt, final, strict=True))
                if m.strip() and p.strip()]
    from auditor.readers import detect_format, tsv, xliff

    kind = detect_format(str(path))
    if kind == "tmx":
        found = _tmx_postedits(path)
    elif kind in ("tsv", "xliff"):
        segments = list((tsv if kind == "tsv" else xliff).read_segments(str(path)))
        found = [PostEdited(s.target, s.reference, s.source) for s in segments if s.reference and s.target.strip()]
    else:
        raise AuditorError(f"{path}: give a TSV, XLIFF or TMX file with MT and post-edit, or --lines files")
    if not found:
        raise AuditorError(f"{path}: no segment has a post-edit (TSV: third column; XLIFF: reference; "
                           "TMX: two target variants, MT then final)")
    return found


def _tmx_postedits(path: Path) -> list[PostEdited]:
    """TMX units with a source variant (header srclang) and two more: the MT, then its final version."""
    from auditor.qe.retrain import PostEdited
    from auditor.readers.inline import local_name, split_inline
    from auditor.readers.xml_errors import iterparse, release

    srclang, found = None, []
    for event, element in iterparse(str(path)):
        name = local_name(element)
        if event == "start":
            if name == "header":
                srclang = (element.get("srclang") or "").lower().split("-")[0]
            continue
        if name != "tu":
            continue
        variants = []
        for tuv in element:
            if isinstance(tuv.tag, str) and local_name(tuv) == "tuv":
                seg = next((c for c in tuv if isinstance(c.tag, str) and local_name(c) == "seg"), None)
                lang = next((v for k, v in tuv.attrib.items() if k.endswith("lang")), "")
                if seg is not None:
                    variants.append((lang.lower().split("-")[0], split_inline(seg)[0]))
        source = next((text for lang, text in variants if lang == srclang), None)
        targets = [text for lang, text in variants if lang != srclang]
        if len(targets) >= 2 and targets[0].strip():
            found.append(PostEdited(targets[0], targets[-1], source))
        release(element)
    return found


def train_command(
    path: Annotated[Path, typer.Argument(help="MT with post-edits: TSV (source, MT, post-edit), XLIFF, TMX, "
                                         "or with --lines a file of MT lines.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Model file to write.")],
    postedit: Annotated[Optional[Path], typer.Option("--postedit", help="Post-edited lines (with --lines).")] = None,
    source: Annotated[Optional[Path], typer.Option("--source", help="Source lines (with --lines), optional.")] = None,
    lines: Annotated[bool, typer.Option("--lines", help="Inputs are aligned files, one segment a line.")] = False,
    source_lang: Annotated[Optional[str], typer.Option("--source-lang", help="Source language code, e.g. ro.")] = None,
    base: Annotated[Optional[Path], typer.Option("--base", help="Model to start from (default: shipped).")] = None,
    dev_share: Annotated[float, typer.Option("--dev-share", min=0.05, max=0.5,
                                             help="Share of segments held out to measure.")] = 0.2,
) -> None:
    """Retrain the quality estimate on your own MT and post-edits; prints held-out correlation before/after."""
    from auditor.qe.model import DEFAULT_BUNDLE
    from auditor.qe.retrain import retrain

    try:
        segments = read_postedits(path, postedit, source, lines)
        start = base or DEFAULT_BUNDLE
        if not start.is_file():
            raise AuditorError(f"{start}: base QE model not found")
        outcome = retrain(segments, start, output, source_lang, dev_share)
    except AuditorError as error:
        typer.echo(f"auditor: error: {error}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"trained on {outcome.train_segments} segments ({outcome.mode} mode), "
               f"measured on {outcome.dev_segments} held out:")
    for name in ("pearson_hter", "word_mcc"):
        typer.echo(f"  {name}: before {outcome.before[name]:.3f}, after {outcome.after[name]:.3f}")
    typer.echo(f"wrote {output}; use it with --qe-model {output}")


def register(app: typer.Typer) -> None:
    """Attach ``train`` to the CLI."""
    app.command("train")(train_command)
