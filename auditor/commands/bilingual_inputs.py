"""Turn the bilingual options of ``auditor check`` into reader settings."""

from __future__ import annotations

from auditor.errors import AuditorError
from auditor.readers import InputOptions
from auditor.readers.jsonl import parse_fields

#: Help texts of the bilingual options of ``auditor check``.
HELP = {
    "source_lang": "Language of the source text, e.g. de, nl, zh (default: from the file or the script).",
    "source": "Source text of the (single) input; line-aligned with --lines.",
    "reference": "Reference/post-edited text of the input; line-aligned with --lines.",
    "input_format": "Read inputs as text, tsv, xliff, tmx or jsonl (default: by extension).",
    "jsonl_fields": "JSONL field map: ninjs, or id=...,target=...,source=...,reference=...",
    "score_with": "'reference': blend sentence chrF into the score (see docs/bilingual.md).",
}


def bilingual_inputs(
    *,
    lang: str,
    lines: bool,
    input_format: str | None,
    source_lang: str | None,
    source: str | None,
    reference: str | None,
    jsonl_fields: str | None,
) -> InputOptions:
    """Validated input options for one run."""
    return InputOptions(
        lang=lang,
        lines=lines,
        input_format=input_format,
        source_lang=source_lang,
        source_file=source,
        reference_file=reference,
        jsonl_fields=parse_fields(jsonl_fields),
    )


def score_with_reference(value: str | None) -> bool:
    """``--score-with reference`` turns the blend on; nothing else is accepted."""
    if value is None:
        return False
    if value != "reference":
        raise AuditorError(f"--score-with: unknown value {value!r} (use: reference)")
    return True
