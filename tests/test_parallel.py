"""--jobs N: worker processes give the same results, in input order, as one process."""

from __future__ import annotations

import io
import json
from pathlib import Path

from auditor.checks import CheckOptions
from auditor.models import Document
from auditor.run.parallel import audit_parallel
from auditor.run.progress import Progress
from auditor.score.finding_policy import FindingPolicy
from auditor.score.scoring import ScoringModel
from tests.ci_support import STORY, run_cli, write


def test_jobs_match_a_single_process_in_order(tmp_path: Path) -> None:
    records = []
    for number in range(40):
        text = STORY if number % 3 == 0 else f"Story {number} said the plan was ready ."
        records.append(json.dumps({"id": number, "text": text}))
    write(tmp_path / "feed.jsonl", "\n".join(records) + "\n")
    write(tmp_path / "auditor.toml", 'disable = ["doubled-space"]\n')
    single = run_cli(["check", "feed.jsonl", "--no-grammar", "-f", "jsonl"], tmp_path)
    multi = run_cli(["check", "feed.jsonl", "--no-grammar", "-f", "jsonl", "--jobs", "2"], tmp_path)
    assert single.code == multi.code == 0, multi.stderr
    assert multi.stdout == single.stdout
    rows = [json.loads(line) for line in multi.stdout.splitlines()]
    assert [r["path"] for r in rows] == [f"feed.jsonl#{n}" for n in range(40)]
    assert "doubled-space" not in multi.stdout  # the policy is applied inside the workers too


def test_audit_parallel_streams_small_chunks() -> None:
    documents = (Document(path=f"d{n}", text=f"Report {n} is here .") for n in range(7))
    results = audit_parallel(documents, CheckOptions(grammar=False), ScoringModel(), FindingPolicy(),
                             jobs=2, chunk_size=2)
    paths = [r.document.path for r in results]
    assert paths == [f"d{n}" for n in range(7)]


def test_progress_only_on_a_terminal() -> None:
    quiet = io.StringIO()
    assert list(Progress(3, stream=quiet).wrap([1, 2, 3])) == [1, 2, 3]
    assert quiet.getvalue() == ""  # StringIO is not a TTY
    shown = io.StringIO()
    assert list(Progress(3, stream=shown, enabled=True, rate=1000).wrap("abc")) == ["a", "b", "c"]
    assert "3/3 audited" in shown.getvalue() and shown.getvalue().endswith("\n")
    unknown = io.StringIO()
    list(Progress(None, stream=unknown, enabled=True).wrap(range(5)))
    assert "5 audited" in unknown.getvalue()
