"""The on-disk wordfreq index answers exactly as wordfreq does, and is built atomically."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

from wordfreq import get_frequency_dict, zipf_frequency

from auditor import word_index
from auditor.language.lexicon import zipf_in

WORDS = [
    "the", "minister", "said", "Damascus", "IRAN", "de-escalate", "so-called", "state-run", "x-ray",
    "well--known", "-ab", "ab-", "don't", "Über", "straße", "xyzzyq", "Istanbul", "iğne", "U.S.", "2024",
    "zeitgeist", "Bundestag", "presidente", "gobierno", "mais", "niet", "też", "Ştefan", "İstanbul", "Łódź",
]


def test_built_index_matches_wordfreq(tmp_path: Path) -> None:
    path = word_index.build(tmp_path / "small.sqlite3", languages=("da", "tr"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["small.sqlite3"]  # no temporary file left
    index = word_index.WordIndex(path)
    assert index.languages == {"da", "tr"}
    rng = random.Random(7)
    for lang in ("da", "tr"):
        listed = list(get_frequency_dict(lang, "best"))
        for word in [*rng.sample(listed, 200), *WORDS, *("-".join(rng.sample(listed, 2)) for _ in range(30))]:
            tokens = word_index.index_tokens(word, lang)
            if tokens is not None:
                assert index.zipf(tokens, lang) == zipf_frequency(word, lang), (word, lang)
    assert word_index.index_tokens("Istanbul", "tr") == ["ıstanbul"]  # Turkish capitals: wordfreq's own casing
    assert word_index.index_tokens("x2y", "en") is None  # digits: wordfreq itself
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM z_da").fetchone()[0] > 10_000


def test_every_lookup_equals_wordfreq_in_every_language() -> None:
    rng = random.Random(11)
    for lang in word_index.LANGUAGES:
        sample = rng.sample(list(get_frequency_dict(lang, "best")), 40) + WORDS
        for word in sample:
            assert zipf_in(word, lang) == zipf_frequency(word, lang), (word, lang)


def test_possessives_and_contractions_tokenise_as_wordfreq_does() -> None:
    """The fast path for ``Europe's`` (no wordfreq import) gives wordfreq's own tokens in every language,
    and elisions (``l'arc``, two letters before the apostrophe) still go to wordfreq's tokenizer."""
    from wordfreq.tokens import lossy_tokenize

    words = {w for bucket in get_frequency_list_ascii_apostrophes() for w in bucket}
    words |= {"Europe's", "ISRAEL'S", "O'Neill", "McDonald's", "aujourd'hui", "Italy’s", "l'homme", "qu'il", "o'clock"}
    for word in sorted(words):
        for variant in {word, word.capitalize(), word.upper(), word.replace("'", "’")}:
            for lang in word_index.LANGUAGES:
                expected = lossy_tokenize(variant, lang)
                if any(c.isdigit() for token in expected for c in token):
                    expected = None
                assert word_index.index_tokens(variant, lang) == expected, (variant, lang)
    assert word_index.index_tokens("Europe’s", "en") == ["europe's"]


def get_frequency_list_ascii_apostrophes() -> list[list[str]]:
    """English words with an apostrophe, from wordfreq's list (every 5th, a few hundred)."""
    from wordfreq import get_frequency_list

    found = [w for bucket in get_frequency_list("en", "best") for w in bucket if "'" in w and w.isascii()]
    return [found[::5]]
