"""Word tables are data under rules/words/, checked on load like the rule packs."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.errors import AuditorError
from auditor.rules_engine import installed_packs
from auditor.rules_engine.word_tables import number_words, read_table, words_dir

KEYS = {"words": "numbers", "scales": "numbers"}


def test_shipped_tables_load_and_are_not_packs() -> None:
    tables = number_words()
    assert tables["scales_by_language"]["de"]["billion"] == 1e12 and tables["scales"]["billion"] == 1e9
    assert tables["source_words"]["de"]["zwei"] == 2 and "de" in tables["comma_decimal"]
    assert not any(Path(p.path).is_relative_to(words_dir()) for p in installed_packs())


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("words: {zwei: two}\n", "words: zwei: 'two' is not a number"),
        ("words: [1, 2]\n", "words: expected a mapping of word: number"),
        ("wordz: {zwei: 2}\n", "unknown key 'wordz'"),
        ("words: {zwei: 2\n", "not valid YAML"),
        ("- 1\n", "expected a mapping"),
        ("words: {yes: 1}\n", "is not a word"),
    ],
)
def test_a_bad_table_is_one_line_naming_the_file(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "xx.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AuditorError) as caught:
        read_table(path, KEYS)
    message = str(caught.value)
    assert message.startswith(str(path)) and problem in message and "\n" not in message


def test_forms_and_word_lists_are_checked(tmp_path: Path) -> None:
    path = tmp_path / "units.yaml"
    path.write_text("units: {kilometre: km}\n", encoding="utf-8")
    with pytest.raises(AuditorError, match="expected a mapping of name: \\[forms\\]"):
        read_table(path, {"units": "forms"})
    path.write_text("road_nouns: [motorway, no]\n", encoding="utf-8")
    with pytest.raises(AuditorError, match="expected a list of words"):
        read_table(path, {"road_nouns": "words"})
