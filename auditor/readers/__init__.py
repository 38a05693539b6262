"""Input formats: plain text and the bilingual formats, chosen by extension or ``--input-format``.

Every reader yields :class:`~auditor.models.Document` objects one at a time.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from auditor.errors import AuditorError
from auditor.limits import check_document_size
from auditor.models import Document
from auditor.readers import aligned, jsonl, tsv
from auditor.reading import STDIN, display_name, read_text

#: Input format by file extension; anything else is plain text.
EXTENSIONS = {
    ".tsv": "tsv",
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".tmx": "tmx",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
FORMATS = ("text", "tsv", "xliff", "tmx", "jsonl")


@dataclass(frozen=True)
class InputOptions:
    """How to read the inputs of one run."""

    lang: str = "en-US"
    lines: bool = False
    input_format: str | None = None
    source_lang: str | None = None
    source_file: str | None = None
    reference_file: str | None = None
    jsonl_fields: jsonl.FieldMap | None = None


def detect_format(path: str, override: str | None = None) -> str:
    """The format of ``path``: the override if given, else by extension (plain text by default)."""
    if override:
        if override not in FORMATS:
            raise AuditorError(f"--input-format: unknown format {override!r} (known: {', '.join(FORMATS)})")
        return override
    if path == STDIN:
        return "text"
    return EXTENSIONS.get(Path(path).suffix.lower(), "text")


def _one(path: str, options: InputOptions) -> Iterator[Document]:
    kind = detect_format(path, options.input_format)
    if kind != "text" and path == STDIN:
        raise AuditorError(f"<stdin>: --input-format {kind} needs a file, not standard input")
    if kind == "tsv":
        yield from tsv.read(path, lang=options.lang, source_lang=options.source_lang)
    elif kind == "xliff":
        from auditor.readers import xliff  # the XML readers load only for XML input (~40 ms of a cold run)

        yield from xliff.read(path, lang=options.lang, source_lang=options.source_lang)
    elif kind == "tmx":
        from auditor.readers import tmx

        yield from tmx.read(path, lang=options.lang, source_lang=options.source_lang)
    elif kind == "jsonl":
        yield from jsonl.read(
            path,
            lang=options.lang,
            source_lang=options.source_lang,
            lines=options.lines,
            fields=options.jsonl_fields,
        )
    else:
        document = Document(
            path=display_name(path),
            text=read_text(path),
            lang=options.lang,
            lines=options.lines,
            source_lang=options.source_lang,
        )
        yield aligned.attach(
            document,
            source_path=options.source_file,
            reference_path=options.reference_file,
            target_path=display_name(path),
        )


def open_documents(files: list[str], options: InputOptions) -> Iterator[Document]:
    """Yield the documents of every input file, in order, reading each only when needed."""
    if (options.source_file or options.reference_file) and len(files) != 1:
        raise AuditorError("--source/--reference pair with exactly one input file")
    if options.source_file or options.reference_file:
        kind = detect_format(files[0], options.input_format)
        if kind != "text":
            raise AuditorError(
                f"{files[0]}: --source/--reference go with plain-text input; {kind} files carry their own"
            )
    for path in files:
        for document in _one(path, options):
            yield check_document_size(document)
