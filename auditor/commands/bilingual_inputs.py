"""Turn the bilingual options of ``auditor check`` into reader settings."""

from __future__ import annotations

from auditor.errors import AuditorError
from auditor.readers import InputOptions
from auditor.readers.jsonl import parse_fields


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
