"""pyphen's patterns read back from the kept copy hyphenate exactly as a fresh parse of the dictionary."""

from __future__ import annotations

from pathlib import Path

import pyphen
import pytest

from auditor.language import offline_pyphen

WORDS = ["hyphenation", "extraordinarily", "negotiations", "Dujarric", "afternoon", "syllable", "a", "rhythm",
         "unbelievable", "counterrevolutionaries", "Eyjafjallajökull", "naïve", "co-operation"]


@pytest.mark.parametrize("lang", ["en", "en_US", "de"])
def test_kept_patterns_hyphenate_as_the_dictionary(lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDITOR_INDEX_DIR", str(tmp_path))
    dictionary = pyphen.LANGUAGES[pyphen.language_fallback(lang)]
    fresh = pyphen.HyphDict(dictionary)
    for _ in range(2):  # first: parsed and kept; second: read from the kept copy
        monkeypatch.setattr(pyphen, "hdcache", {})
        offline_pyphen.preload(lang)
        loaded = pyphen.hdcache[dictionary]
        assert loaded.patterns == fresh.patterns and loaded.maxlen == fresh.maxlen
        assert [loaded.positions(w) for w in WORDS] == [fresh.positions(w) for w in WORDS]
    assert len(list((tmp_path / "pyphen").glob("*.marshal"))) == 1


def test_unknown_language_is_left_to_pyphen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pyphen, "hdcache", {})
    offline_pyphen.preload("qqq")
    assert pyphen.hdcache == {}
