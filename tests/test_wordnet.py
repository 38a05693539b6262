"""WordNet's data files parsed into antonyms, indirect antonyms, synonyms; the index written and read;
the antonym check quiet without installed data."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.language import wordnet as W

# Lines in WordNet 3.0's data-file format (offsets shortened to what the pointers name); the licence
# header starts with spaces. fertile ↔ sterile are direct antonyms (word 1 → word 1); prolific is a
# satellite similar to fertile and inherits sterile; increase ↔ decrease are verbs, increment derives from increase.
ADJ = """  1 This software and database is being provided to you, the LICENSEE, by Princeton University
01001689 00 a 01 fertile 0 002 ! 01002377 a 0101 & 01001945 a 0000 | capable of reproducing
01001945 00 s 02 prolific 0 fecund(a) 0 001 & 01001689 a 0000 | intellectually productive
01002377 00 a 03 sterile 0 unfertile 0 infertile 0 001 ! 01001689 a 0101 | incapable of reproducing
"""
VERB = """00153263 30 v 02 increase 0 go_up 0 002 ! 00151689 v 0101 + 13000001 n 0101 | become bigger or greater in amount
00151689 30 v 02 decrease 0 lessen 0 001 ! 00153263 v 0101 | decrease in size, extent, or range
"""
NOUN = """13000001 22 n 01 increment 0 001 + 00153263 v 0101 | the amount by which something increases
"""


def test_parse_data_reads_words_and_pointers() -> None:
    synsets = list(W.parse_data(ADJ))
    assert [s.offset for s in synsets] == ["01001689", "01001945", "01002377"]
    assert synsets[1].words == ("prolific", "fecund")  # the (a) marker dropped
    assert synsets[0].pointers == (("!", "01002377", "a", 1, 1), ("&", "01001945", "a", 0, 0))
    assert next(W.parse_data(VERB)).words == ("increase", "go up")


def test_relations_give_direct_and_indirect_antonyms_and_synonyms() -> None:
    found = W.relations([*W.parse_data(ADJ), *W.parse_data(VERB), *W.parse_data(NOUN)])
    assert found.antonyms["fertile"] == {"a": {"sterile"}}
    assert found.antonyms["increase"] == {"v": {"decrease"}}
    assert "prolific" not in found.antonyms  # a satellite has no direct antonym...
    assert found.indirect["prolific"] == {"a": {"sterile"}}  # ...but inherits its head's
    assert found.synonyms["sterile"] == {"a": {"unfertile", "infertile"}}
    assert found.synonyms["increase"] == {"v": {"go up"}}
    assert found.similar["prolific"] == {"a": {"fertile"}}
    assert found.derived["increase"] == {"v": {"increment"}}
    assert found.derived["increment"] == {"n": {"increase"}}


def test_the_index_is_written_and_read(tmp_path: Path) -> None:
    files = {"data.adj": ADJ.encode(), "data.verb": VERB.encode(), "data.noun": NOUN.encode(), "data.adv": b""}
    path = W.write_wordnet(tmp_path / W.index_name("3.0-test"), files, {"licence": "WordNet-3.0"})
    index = W.WordNetIndex(path)
    assert index.antonyms("decrease") == {"v": ("increase",)}
    assert index.antonyms("prolific") == {}
    assert index.antonyms("prolific", indirect=True) == {"a": ("sterile",)}
    assert index.synonyms("prolific", similar=True) == {"a": ("fecund", "fertile")}
    assert index.derived("increase") == {"v": ("increment",)}
    assert index.meta()["synsets"] == "6"


def test_the_antonym_check_finds_nothing_without_wordnet(monkeypatch: pytest.MonkeyPatch) -> None:
    from auditor.checks.meaning_antonym import MeaningAntonymCheck
    from auditor.models import Document
    from auditor.run.pipeline import segment_document

    monkeypatch.setattr(W, "wordnet", lambda: None)
    document = Document(path="m.txt", text="Exports decreased sharply.", lines=True, source="出口大幅增加。",
                        source_segments=["出口大幅增加。"], source_lang="zh")
    segment_document(document)
    assert list(MeaningAntonymCheck("zh").check(document)) == []


def test_the_suggestion_takes_the_target_word_form() -> None:
    from auditor.checks.meaning_antonym import inflect_like

    assert inflect_like("increase", "decreased") == "increased"
    assert inflect_like("small", "larger") == "smaller"
    assert inflect_like("early", "Late") == "Early"


def test_the_wordnet_package_unpacks_and_indexes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import hashlib

    from auditor.bilingual import dictionaries as D
    from tests.test_dictionaries import deb

    data = deb({"data.adj": ADJ.encode(), "data.verb": VERB.encode(), "data.noun": NOUN.encode(),
                "data.adv": b"", "copyright": b"WordNet 3.0 Copyright 2006 by Princeton University."})
    package = D.DictionaryPackage("en", "wordnet", "wordnet-base", "3.0-test", "pool/w/wordnet-base_3.0-test_all.deb",
                                  hashlib.sha256(data).hexdigest(), len(data), "WordNet-3.0")
    monkeypatch.setenv("AUDITOR_INDEX_DIR", str(tmp_path))
    index = W.WordNetIndex(D.build_package(package, D.verify(data, package, "test")))
    assert index.antonyms("increase") == {"v": ("decrease",)}
    assert "Princeton" in index.meta()["copyright"]


def test_the_lock_pins_wordnet_with_its_licence() -> None:
    from auditor.bilingual import dictionaries as D

    (package,) = [p for p in D.locked() if p.direction == "wordnet"]
    assert package.package == "wordnet-base" and package.licence == "WordNet-3.0" and len(package.sha256) == 64
    assert D.installed_path("en") is None  # WordNet is no source-language dictionary
