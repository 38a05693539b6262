"""JSON Lines output: one document per line, written and flushed as each finishes.

Each line is one element of the ``documents`` array of the ``auditor-report/1``
JSON report, plus ``"schema": "auditor-report/1"`` so that a line read on its
own says what it is. A consumer can follow a long feed as it is audited.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from auditor.report.json_report import SCHEMA, document_dict
from auditor.report.model import DocumentResult


def write_jsonl(results: Iterable[DocumentResult], out: TextIO) -> None:
    """Write one JSON object per document and line."""
    for result in results:
        out.write(json.dumps({"schema": SCHEMA, **document_dict(result)}, ensure_ascii=False))
        out.write("\n")
        out.flush()
