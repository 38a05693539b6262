"""JSON Lines feeds: one document per record, read line by line.

Which fields hold the id, the target and the optional source and reference is configurable
(``--jsonl-fields``). A field spec is a dotted path (``source.body_text``); ``a+b`` joins several
fields as paragraphs (blank line between); ``a|b`` takes the first present. Presets:

* ``auditor``: ``id=id,target=target|text,source=source,reference=reference`` (a record without
  an id is named by its line number)
* ``ninjs`` (IPTC ninjs news items): ``id=uri|guid,target=headline+body_text`` (add
  ``source=...``/``reference=...`` for where your feed keeps them).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from auditor.errors import AuditorError
from auditor.models import Document
from auditor.segment import segment_lines
from auditor.validation import english_variant

PARAGRAPH = "\n\n"


@dataclass(frozen=True)
class FieldMap:
    """Where a record keeps each part; ``None`` for an absent optional part."""

    id: str = "id"
    target: str = "target|text"
    source: str | None = "source"
    reference: str | None = "reference"


PRESETS = {
    "auditor": FieldMap(),
    "ninjs": FieldMap(id="uri|guid", target="headline+body_text", source=None, reference=None),
}


def parse_fields(spec: str | None) -> FieldMap:
    """``ninjs``, ``auditor`` or ``[preset,]key=field,...`` (keys: id, target, source, reference)."""
    if not spec:
        return PRESETS["auditor"]
    base = PRESETS["auditor"]
    values: dict[str, str | None] = {}
    for part in (p.strip() for p in spec.split(",")):
        if not part:
            continue
        if "=" not in part:
            if part not in PRESETS:
                raise AuditorError(f"--jsonl-fields: unknown preset {part!r} (known: {', '.join(PRESETS)})")
            base = PRESETS[part]
            continue
        key, _, value = part.partition("=")
        key = key.strip()
        if key not in ("id", "target", "source", "reference"):
            raise AuditorError(f"--jsonl-fields: unknown key {key!r} (use id, target, source, reference)")
        values[key] = value.strip() or None
    merged = {**base.__dict__, **values}
    if not merged["id"] or not merged["target"]:
        raise AuditorError("--jsonl-fields: id and target fields are required")
    return FieldMap(**merged)


def _lookup(record: Any, path: str) -> Any:
    value = record
    for key in path.split("."):
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def extract(record: dict[str, Any], spec: str | None, where: str, required: bool) -> str | None:
    """The text a field spec names in ``record`` (``None`` if absent and optional)."""
    if spec is None:
        return None
    for alternative in spec.split("|"):
        parts = []
        for path in alternative.split("+"):
            value = _lookup(record, path.strip())
            if value is None:
                continue
            if not isinstance(value, (str, int, float)) or isinstance(value, bool):
                raise AuditorError(f"{where}: field {path!r} is not text")
            parts.append(str(value))
        if parts:
            return PARAGRAPH.join(parts)
    if required:
        raise AuditorError(f"{where}: record has no {spec!r} field")
    return None


_SURROGATE = re.compile("[\ud800-\udfff]")
_NUL = "\x00"


def _no_surrogates(text: str | None, name: str, where: str) -> None:
    """A lone surrogate (``\\ud800``) is valid JSON but not text: it cannot be written as UTF-8."""
    if text and _NUL in text:  # as for plain text: NUL means binary data
        raise AuditorError(f"{where}: field {name!r} holds a NUL character (binary data), expected text")
    found = _SURROGATE.search(text) if text else None
    if found:
        raise AuditorError(
            f"{where}: field {name!r} holds a lone surrogate \\u{ord(found.group()):04x} at character {found.start()}"
            " (not a character; fix the producer of the feed)"
        )


def _split_lines(text: str) -> list[str]:
    return [text[s.start : s.end] for s in segment_lines(text)]


def read(
    path: str,
    *,
    lang: str = "en-US",
    source_lang: str | None = None,
    lines: bool = False,
    fields: FieldMap | None = None,
) -> Iterator[Document]:
    """Yield one document per record, in file order (a record's own ``lang`` wins)."""
    fields = fields or PRESETS["auditor"]
    try:
        with open(path, encoding="utf-8-sig") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                where = f"{path}:{number}"
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as error:
                    raise AuditorError(
                        f"{where}: malformed JSON ({error.msg}, column {error.colno})"
                    ) from None
                except RecursionError:
                    raise AuditorError(f"{where}: JSON nested too deeply") from None
                except ValueError as error:  # e.g. an integer of more than 4,300 digits
                    raise AuditorError(f"{where}: unreadable JSON ({error})") from None
                if not isinstance(record, dict):
                    raise AuditorError(f"{where}: expected a JSON object per line")
                record_id = extract(record, fields.id, where, required=False) or str(number)
                target = extract(record, fields.target, where, required=True) or ""
                source = extract(record, fields.source, where, required=False)
                reference = extract(record, fields.reference, where, required=False)
                record_lang = record.get("lang", lang)
                if not isinstance(record_lang, str):
                    raise AuditorError(f"{where}: \"lang\" must be a string")
                record_lang = english_variant(record_lang, f"{where}: \"lang\"") if record_lang else lang
                for name, text in (("id", record_id), ("target", target), ("source", source), ("reference", reference)):
                    _no_surrogates(text, name, where)
                document = Document(
                    path=f"{path}#{record_id}",
                    text=target,
                    lang=record_lang or lang,
                    lines=lines,
                    source=source,
                    reference=reference,
                    source_lang=source_lang,
                    record_id=record_id,
                )
                if lines:
                    count = len(segment_lines(target))
                    for name, text in (("source", source), ("reference", reference)):
                        if text is not None and len(segment_lines(text)) != count:
                            raise AuditorError(
                                f"{where}: {name} has {len(segment_lines(text))} lines but the target has {count}"
                            )
                    document.source_segments = _split_lines(source) if source is not None else None
                    document.reference_segments = _split_lines(reference) if reference is not None else None
                yield document
    except UnicodeDecodeError as error:
        raise AuditorError(f"{path}: not valid UTF-8 (byte 0x{error.object[error.start]:02x})") from None
    except OSError as error:
        raise AuditorError(f"{path}: cannot read ({error.strerror})") from None


def write_jsonl(path: str, records: Sequence[dict[str, Any]]) -> None:
    """Write records as JSON Lines."""
    with open(path, "w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
