"""The bilingual lexicon: file format, errors, look-up with stems, coverage both ways."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.bilingual.lexicon import available_languages, coverage, load_lexicon, read_lexicon_file
from auditor.errors import AuditorError


@pytest.fixture
def lexicons(tmp_path: Path) -> Path:
    (tmp_path / "nl-en.tsv").write_text(
        "# source: test; licence: CC0\nhond\tdog|hound\nniet\tnot\nlopen\twalk|run\n", encoding="utf-8"
    )
    (tmp_path / "nl-en.extra.tsv").write_text("hond\tcanine\nstraat\tstreet\n", encoding="utf-8")
    return tmp_path


def test_files_of_one_language_merge(lexicons: Path) -> None:
    lexicon = load_lexicon("nl", lexicons)
    assert lexicon is not None and len(lexicon) == 4
    assert lexicon.translations("Hond") == {"dog", "hound", "canine"}
    assert available_languages(lexicons) == ["nl"]
    assert load_lexicon("fr", lexicons) is None


def test_inflected_source_words_fall_back_to_stems(lexicons: Path) -> None:
    lexicon = load_lexicon("nl", lexicons)
    assert lexicon.translations("honden") == {"dog", "hound", "canine"}
    assert lexicon.translations("nie") == frozenset()  # no stems below four letters


def test_coverage_finds_the_omitted_and_the_added_word(lexicons: Path) -> None:
    lexicon = load_lexicon("nl", lexicons)
    result = coverage(["de", "hond", "loopt", "niet"], ["The", "dogs", "walked", "quickly"], lexicon)
    # "hond" is covered by "dogs" (lemma dog); "niet" has no "not" in the target; "de"/"loopt" unknown.
    assert result.source_covered == (None, True, None, False)
    assert result.target_covered == (None, True, False, False)
    assert result.source_share == 0.5


def test_a_malformed_line_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "de-en.tsv"
    bad.write_text("hund\tdog\nkatze without a tab\n", encoding="utf-8")
    with pytest.raises(AuditorError, match=r"de-en.tsv:2: expected"):
        read_lexicon_file(bad)
