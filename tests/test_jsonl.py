"""JSON Lines: feeds read lazily record by record; reports written one document per line as each finishes."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.checks import CheckOptions, build_checks
from auditor.errors import AuditorError
from auditor.models import Document
from auditor.readers.jsonl import read as read_jsonl
from auditor.report.jsonl import write_jsonl
from auditor.report.model import DocumentResult
from auditor.run.pipeline import audit_document
from auditor.score.scoring import ScoringModel
from tests.ci_support import STORY, run_cli, write


def _feed(tmp_path: Path) -> Path:
    records = [
        {"id": "wire-1", "text": STORY},
        {"text": "The plan was ready .", "lang": "en-GB"},
        {"id": 7, "text": "Talks resume on Monday."},
    ]
    lines = [json.dumps(r) for r in records]
    return write(tmp_path / "feed.jsonl", lines[0] + "\n\n" + "\n".join(lines[1:]) + "\n")


def test_feed_records_become_documents(tmp_path: Path) -> None:
    documents = list(read_jsonl(str(_feed(tmp_path))))
    assert [d.path.split("/")[-1] for d in documents] == ["feed.jsonl#wire-1", "feed.jsonl#3", "feed.jsonl#7"]
    assert documents[1].lang == "en-GB" and documents[0].lang == "en-US"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "feed.jsonl:2: malformed JSON"),
        ("[1, 2]", "feed.jsonl:2: expected a JSON object per line"),
        ('{"body": "x"}', "feed.jsonl:2: record has no 'target|text' field"),
        ('{"text": "x", "lang": 5}', 'feed.jsonl:2: "lang" must be a string'),
        ('{"text": "x", "id": [1]}', "feed.jsonl:2: field 'id' is not text"),
    ],
)
def test_bad_records_name_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    write(tmp_path / "feed.jsonl", '{"text": "Fine."}\n' + line + "\n")
    with pytest.raises(AuditorError, match=re.escape(message)):
        list(read_jsonl(str(tmp_path / "feed.jsonl")))
    run = run_cli(["check", "feed.jsonl", "--no-grammar", "-f", "jsonl", "-o", "out.jsonl"], tmp_path)
    assert run.code == 2 and message in run.stderr
    assert not (tmp_path / "out.jsonl").exists()  # no half-written report


def test_check_writes_one_line_per_document(tmp_path: Path) -> None:
    _feed(tmp_path)
    run = run_cli(["check", "feed.jsonl", "--no-grammar", "-f", "jsonl"], tmp_path)
    assert run.code == 0, run.stderr
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    assert [r["path"] for r in rows] == ["feed.jsonl#wire-1", "feed.jsonl#3", "feed.jsonl#7"]
    assert all(r["schema"] == "auditor-report/1" for r in rows)
    assert rows[0]["counts"]["severity"] == {"major": 1, "minor": 3}
    assert rows[1]["lang"] == "en-GB"


class _Recorder(io.StringIO):
    def __init__(self) -> None:
        super().__init__()
        self.flushed_lines: list[int] = []

    def flush(self) -> None:
        self.flushed_lines.append(self.getvalue().count("\n"))


def test_lines_are_flushed_before_the_next_document_is_audited() -> None:
    checks = build_checks(CheckOptions(grammar=False))
    out = _Recorder()
    seen_when_auditing: list[int] = []

    def results() -> Iterator[DocumentResult]:
        for number in range(3):
            seen_when_auditing.append(out.getvalue().count("\n"))
            yield audit_document(Document(path=f"d{number}", text=f"Story {number} is here ."), checks,
                                 ScoringModel())

    write_jsonl(results(), out)
    assert seen_when_auditing == [0, 1, 2]
    assert out.flushed_lines == [1, 2, 3]
