"""docs/rules-reference.md is what ``auditor rules list --format markdown`` writes today."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from auditor.cli import app

REFERENCE = Path(__file__).resolve().parent.parent / "docs" / "rules-reference.md"


def test_committed_rule_reference_is_current() -> None:
    result = CliRunner().invoke(app, ["rules", "list", "--format", "markdown"])
    assert result.exit_code == 0, result.output
    assert result.stdout == REFERENCE.read_text(encoding="utf-8"), (
        "docs/rules-reference.md is stale: run `auditor rules list --format markdown > docs/rules-reference.md`"
    )


def test_unknown_list_format_is_one_line_exit_2() -> None:
    result = CliRunner().invoke(app, ["rules", "list", "--format", "html"])
    assert result.exit_code == 2 and "use text or markdown" in result.output
