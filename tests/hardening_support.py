"""Run the CLI in this process exactly as the console entry point does (exit code, stdout, stderr)."""

from __future__ import annotations

import contextlib
import io
import json
from dataclasses import dataclass
from typing import Any

from auditor import entry
from auditor.cli import app


@dataclass
class Run:
    """What one CLI run printed and returned."""

    code: int
    out: str
    err: str

    @property
    def one_error_line(self) -> bool:
        lines = [line for line in self.err.splitlines() if line.strip()]
        return self.code == 2 and len(lines) == 1 and lines[0].startswith("auditor: error: ")

    def json(self) -> Any:
        return json.loads(self.out)


def cli(*args: str) -> Run:
    """``auditor ARGS`` through :func:`auditor.entry.run` (no traceback can escape it unseen)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = entry.run(app, list(args))
    assert "Traceback" not in err.getvalue(), err.getvalue()
    return Run(code, out.getvalue(), err.getvalue())


def findings_outside(report: dict[str, Any], texts: dict[str, str] | None = None) -> list[str]:
    """Findings of a JSON report that lie outside their sentence or their document."""
    bad = []
    for document in report["documents"]:
        for sentence in document["sentences"]:
            for finding in sentence["findings"]:
                if not sentence["start"] <= finding["start"] <= finding["end"] <= sentence["end"]:
                    bad.append(f"{finding['rule']} [{finding['start']},{finding['end']}] "
                               f"outside sentence [{sentence['start']},{sentence['end']}]")
                text = (texts or {}).get(document["path"])
                if text is not None and finding["end"] > len(text):
                    bad.append(f"{finding['rule']} ends past the document")
    return bad
