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
    words |= {"Europe's", "ISRAEL'S", "O'Neill", "McDonald's", "aujourd'hui", "Italy’s", "l'homme", "qu'il", "o'clock",
              "I'm", "we're", "He's", "I’d", "d'Artagnan", "L'Aquila", "y'all", "O'Hara"}
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


def test_words_with_diacritics_tokenise_as_wordfreq_does() -> None:
    """The fast path for Latin letters with diacritics (no import of wordfreq's tokenizer) gives wordfreq's
    own tokens: a sample of every list's non-ASCII words in four casings, and every Latin letter of the
    ranges it accepts inside, at the start of and after a hyphen in a word (3.3 million comparisons, all
    the lists, found no difference; ``ŉ``, which case-folds to an apostrophe, was the one letter excluded)."""
    from wordfreq import get_frequency_list
    from wordfreq.tokens import lossy_tokenize

    letters = [chr(c) for c in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]]
    rng = random.Random(5)
    taken = 0
    for lang in word_index.LANGUAGES:
        listed = [w for bucket in get_frequency_list(lang, "best")[:600] for w in bucket if not w.isascii()]
        words = [*rng.sample(listed, min(150, len(listed))), "Ştefan", "Łódź", "Jean-Rémi", "straße", "ŉab"]
        words += [f"ab{c}cd" for c in letters] + [f"{c}ab" for c in letters] + [f"Xy-{c}z" for c in letters]
        for word in words:
            for variant in {word, word.capitalize(), word.upper(), word.title()}:
                mine = word_index.latin_letter_tokens(variant, lang)
                if mine is not None:
                    taken += 1
                    assert mine == lossy_tokenize(variant, lang), (variant, lang)
    assert taken > 20_000
    assert word_index.latin_letter_tokens("Ştefan", "ro") == ["ștefan"]  # Romanian: cedilla to comma below
    assert word_index.latin_letter_tokens("ŉab", "en") is None
    assert word_index.latin_letter_tokens("İstanbul", "tr") == ["istanbul"]  # Turkish: dotted and dotless i
    assert word_index.latin_letter_tokens("Işık", "tr") == ["ışık"]
    assert word_index.latin_letter_tokens("Ζεύς", "en") is None  # another script: wordfreq decides


def test_a_story_with_names_in_diacritics_never_imports_wordfreqs_tokenizer(tmp_path: Path) -> None:
    import subprocess
    import sys

    story = tmp_path / "story.txt"
    story.write_text("Ştefan Łódź and José Núñez met François in Timişoara on Monday. \"I'm glad,\" he said.\n", encoding="utf-8")
    probe = (
        "import sys; from auditor.cli import app; from auditor.entry import run; "
        f"run(app, ['check', {str(story)!r}, '--no-grammar', '--no-cache', '-q']); "
        "print(sorted(m for m in ('wordfreq.tokens', 'langcodes') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300)
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stdout + out.stderr


def test_phrases_and_latin_possessives_tokenise_as_wordfreq_does() -> None:
    """Words joined by single spaces (the speller's split suggestions, ``pa tall``) and Latin words with an
    apostrophe after three letters (``Chávez's``) take the plain path too, with wordfreq's own tokens (a
    check over every list's apostrophe words and 3,500 random phrases a language found no difference)."""
    from wordfreq import get_frequency_list
    from wordfreq.tokens import lossy_tokenize

    rng = random.Random(9)
    for lang in word_index.LANGUAGES:
        listed = [w for bucket in get_frequency_list(lang, "best")[:400] for w in bucket]
        phrases = [" ".join(rng.sample(listed, rng.choice((2, 3)))) for _ in range(200)]
        phrases += ["Chávez's", "régime's", "Jean-Rémi's", "d'état", "pa tall", "two  spaces", " lead", "ο"]
        for phrase in phrases:
            for variant in {phrase, phrase.title(), phrase.upper()}:
                mine = word_index.plain_tokens(variant, lang)
                if mine is not None:
                    assert mine == lossy_tokenize(variant, lang), (variant, lang)
    assert word_index.plain_tokens("pa tall", "en") == ["pa", "tall"]
    assert word_index.plain_tokens("Chávez’s", "es") == ["chávez's"]
    assert word_index.plain_tokens("d'état", "fr") is None  # elision: wordfreq splits it its own way
    assert word_index.plain_tokens("two  spaces", "en") is None


def test_variants_looked_up_together_answer_as_one_by_one() -> None:
    """``any_zipf_at_least`` (a name's one-edit variants in a query or so) equals asking each word."""
    from auditor.language.lexicon import one_edit_variants
    from auditor.word_index import any_zipf_at_least

    names = ["qamishli", "dujarric", "smiht", "teh", "ankara", "jean-rémi", "o'neill", "ştefan", "x", "pa tall"]
    for name in names:
        variants = [*sorted(one_edit_variants(name)), name.upper(), "well-known", "Europe’s"]
        for bar in (0.0, 1.0, 3.5, 4.0, 6.0, 7.5):
            assert any_zipf_at_least(variants, "en", bar) == any(
                zipf_frequency(word, "en") >= bar for word in variants
            ), (name, bar)
    assert not any_zipf_at_least([], "en", 1.0)
