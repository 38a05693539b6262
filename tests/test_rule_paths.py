"""A newsroom's own rule packs, outside the installed package: rule-paths in the config and --rules DIR."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from auditor.cli import app

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_716b39ef12bcdcab.txt"
runner = CliRunner()

PACK = """pack: {{id: desk, description: Our desk's rules., enabled: {enabled}}}
rules:
  - id: {rule_id}
    description: The desk writes 'Syrian man'.
    message: Our style is “Syrian man”.
    category: style/house
    severity: minor
    pattern: [{{word: Syrian}}, {{word: was}}]
    suggest: ['Syrian man was']
    examples:
      bad: [{{text: One Syrian was killed., fix: One Syrian man was killed., span: Syrian was}}]
      good: [One Syrian man was killed.]
"""


def _desk(tmp_path: Path, enabled: str = "default", rule_id: str = "desk-syrian-man") -> Path:
    directory = tmp_path / "desk-rules"
    directory.mkdir(exist_ok=True)
    (directory / "desk.yaml").write_text(PACK.format(enabled=enabled, rule_id=rule_id), encoding="utf-8")
    return directory


def _rules(*args: str) -> list[str]:
    result = runner.invoke(app, ["check", str(SEED), "--no-grammar", "--no-cache", "--format", "json", *args])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    return [f["rule"] for d in report["documents"] for s in d["sentences"] for f in s["findings"]]


def test_rules_option_loads_a_newsroom_pack_beside_the_built_in_ones(tmp_path: Path) -> None:
    found = _rules("--rules", str(_desk(tmp_path)))
    assert "desk-syrian-man" in found and "evacuate-road" in found
    assert "desk-syrian-man" not in _rules()


def test_rule_paths_in_the_config_are_relative_to_it(tmp_path: Path) -> None:
    _desk(tmp_path, enabled="on-request")
    config = tmp_path / "auditor.toml"
    config.write_text('rule-paths = ["desk-rules"]\n', encoding="utf-8")
    assert "desk-syrian-man" not in _rules("--config", str(config))
    assert "desk-syrian-man" in _rules("--config", str(config), "--pack", "desk")


def test_bad_rule_directories_are_one_line_exit_2(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["check", str(SEED), "--no-grammar", "--rules", str(tmp_path / "nope")])
    assert missing.exit_code == 2 and "rule directory or pack file not found" in missing.output
    clash = runner.invoke(
        app, ["check", str(SEED), "--no-grammar", "--rules", str(_desk(tmp_path, rule_id="evacuate-road"))]
    )
    assert clash.exit_code == 2 and "'evacuate-road': id is also used" in clash.output
    assert clash.output.strip().count("\n") == 0
