"""Rule files parsed once are read back as the very same data; a broken file is still an error."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from auditor import yaml_files as loader
from auditor.resources import rules_dir


def test_every_shipped_yaml_file_reads_back_equal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDITOR_INDEX_DIR", str(tmp_path))
    files = sorted(rules_dir().rglob("*.yaml"))
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8")
        expected = yaml.safe_load(text)  # the pure-Python loader
        assert loader.parse_yaml(text) == expected, path  # parsed, then kept
        assert loader._parsed_file(text).is_file()
        assert loader.parse_yaml(text) == expected, path  # read back
    assert len(list((tmp_path / "yaml").iterdir())) == len({p.read_text(encoding="utf-8") for p in files})


def test_kept_form_is_keyed_by_the_text_and_errors_are_not_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDITOR_INDEX_DIR", str(tmp_path))
    assert loader.parse_yaml("a: 1\n") == {"a": 1}
    assert loader.parse_yaml("a: 2\n") == {"a": 2}
    with pytest.raises(yaml.YAMLError):
        loader.parse_yaml("a: [1\n")
    assert loader._parsed_file("a: [1\n") is not None and not loader._parsed_file("a: [1\n").is_file()
    loader._parsed_file("a: 1\n").write_bytes(b"\x00broken")  # an unreadable kept form: parsed afresh
    assert loader.parse_yaml("a: 1\n") == {"a": 1}
    monkeypatch.setenv("AUDITOR_YAML_CACHE", "off")
    assert loader._parsed_file("a: 1\n") is None and loader.parse_yaml("b: 3\n") == {"b": 3}
