"""Every report records the settings that decided its scores (the settings signature)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from auditor.cli import app

SEED = Path(__file__).resolve().parent.parent / "seeds"
runner = CliRunner()


def _json(*args: str) -> dict:
    result = runner.invoke(app, ["check", str(SEED), "--no-grammar", "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_json_header_has_the_signature_and_it_follows_the_settings() -> None:
    plain = _json()["signature"]
    assert plain["text"].startswith("auditor:") and "|lang:en-US|" in plain["text"]
    assert plain["languagetool"] is None and "lt:off" in plain["text"]
    assert set(plain["weights"]) == {"hint", "minor", "major", "critical"}
    dutch = _json("--source-lang", "nl", "--pack", "house-style")["signature"]
    assert "src:nl" in dutch["text"] and "packs:house-style" in dutch["text"]
    assert dutch["text"] != plain["text"]


def test_sarif_text_and_html_carry_the_signature(tmp_path: Path) -> None:
    sarif = runner.invoke(app, ["check", str(SEED), "--no-grammar", "--format", "sarif"])
    run = json.loads(sarif.stdout)["runs"][0]
    assert run["properties"]["signature"]["text"].startswith("auditor:")
    text = runner.invoke(app, ["check", str(SEED), "--no-grammar", "--format", "text", "-q"])
    assert text.stdout.splitlines()[-1].startswith("settings: auditor:")
    html = runner.invoke(app, ["check", str(SEED), "--no-grammar", "--format", "html", "-o", str(tmp_path)])
    assert html.exit_code == 0, html.output
    for page in tmp_path.glob("*.html"):
        assert "Settings: <code>auditor:" in page.read_text(encoding="utf-8"), page.name
