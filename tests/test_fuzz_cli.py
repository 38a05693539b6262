"""Issue 21: fuzz the CLI and every reader (text, TSV, XLIFF, TMX, JSONL) with Hypothesis.

Whatever the input, ``auditor check`` exits 0 or 2 (never 1 without a gate, never a traceback);
on 0 the JSON report parses, and every finding lies inside its sentence and its document. A modest
number of examples per reader, without LanguageTool, keeps this well under a minute.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hardening_support import cli, findings_outside

#: Characters that stress segmentation, quotes, spacing and offsets (astral, combining, RTL, NUL).
TRICKY = [*"  \t\n\r.?!,;:“”‘’\"'()[]«»—–-…", "\u00a0", "\u200b", "\u0301", "😀", "\u202e", "\x00", "é", "ß"]
WORDS = ["the", "troops", "evacuated", "M5", "Said", "said", "U.S.", "Lt.", "Col.", "1,000", "700.000", "a" * 250]
text_strategy = st.lists(
    st.one_of(st.sampled_from(WORDS), st.sampled_from(TRICKY), st.text(max_size=12)), max_size=40
).map("".join)

FUZZ = settings(max_examples=int(os.environ.get("AUDITOR_FUZZ_EXAMPLES", "12")), deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


@pytest.fixture(autouse=True, scope="module")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    saved = os.environ.get("AUDITOR_CACHE_DIR")
    os.environ["AUDITOR_CACHE_DIR"] = str(tmp_path_factory.mktemp("fuzz-cache"))
    yield
    if saved is None:
        os.environ.pop("AUDITOR_CACHE_DIR", None)
    else:
        os.environ["AUDITOR_CACHE_DIR"] = saved


def check(name: str, content: bytes, *extra: str) -> None:
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / name
        path.write_bytes(content)
        run = cli("check", str(path), "--no-grammar", "--no-cache", "--format", "json", "-q", *extra)
        assert run.code in (0, 2), (run.code, run.err)
        if run.code == 2:
            assert run.one_error_line and run.out == "", run.err
            return
        report = json.loads(run.out)
        assert findings_outside(report) == []
        text = content.decode("utf-8").removeprefix("\ufeff") if name.endswith(".txt") else None
        for document in report["documents"]:
            for sentence in document["sentences"]:
                if text is not None:
                    assert text[sentence["start"] : sentence["end"]] == sentence["text"]
                    for finding in sentence["findings"]:
                        assert finding["end"] <= len(text)


@FUZZ
@given(text=text_strategy, lines=st.booleans())
def test_fuzz_text(text: str, lines: bool) -> None:
    check("story.txt", text.encode("utf-8", "surrogatepass"), *(["--lines"] if lines else []))


@FUZZ
@given(data=st.binary(max_size=200))
def test_fuzz_text_bytes(data: bytes) -> None:
    check("story.txt", data)


@FUZZ
@given(rows=st.lists(st.tuples(text_strategy, text_strategy), min_size=1, max_size=4), raw=st.booleans())
def test_fuzz_tsv(rows: list[tuple[str, str]], raw: bool) -> None:
    if raw:
        body = "\n".join(f"{s}\t{t}" for s, t in rows)
    else:
        body = "\n".join(f"{s}\t{t}".replace("\n", " ").replace("\r", " ") for s, t in rows) + "\n"
    check("pairs.tsv", body.encode("utf-8", "surrogatepass"))


def _xml_text(value: str) -> str:
    return escape("".join(c for c in value if c in "\t\n\r" or (ord(c) >= 0x20 and not 0xD800 <= ord(c) <= 0xDFFF)))


@FUZZ
@given(units=st.lists(st.tuples(text_strategy, text_strategy), min_size=1, max_size=3), garbage=text_strategy)
def test_fuzz_xliff(units: list[tuple[str, str]], garbage: str) -> None:
    body = "".join(
        f'<trans-unit id="{i}"><source>{_xml_text(s)}</source><target>{_xml_text(t)}</target></trans-unit>'
        for i, (s, t) in enumerate(units)
    )
    xml = ('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
           f'<file source-language="nl" target-language="en" datatype="plaintext" original="x"><body>{body}'
           "</body></file></xliff>\n")
    check("story.xlf", xml.encode("utf-8"))
    check("broken.xlf", (xml[: len(xml) // 2] + garbage).encode("utf-8", "surrogatepass"))


@FUZZ
@given(units=st.lists(st.tuples(text_strategy, text_strategy), min_size=1, max_size=3), garbage=text_strategy)
def test_fuzz_tmx(units: list[tuple[str, str]], garbage: str) -> None:
    body = "".join(
        f'<tu><tuv xml:lang="nl"><seg>{_xml_text(s)}</seg></tuv><tuv xml:lang="en"><seg>{_xml_text(t)}</seg></tuv></tu>'
        for s, t in units
    )
    xml = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="nl" datatype="plaintext" '
           f'segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/><body>{body}'
           "</body></tmx>\n")
    check("memory.tmx", xml.encode("utf-8"))
    check("broken.tmx", (garbage + xml).encode("utf-8", "surrogatepass"))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | text_strategy,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


@FUZZ
@given(
    records=st.lists(
        st.fixed_dictionaries(
            {"target": st.one_of(text_strategy, json_values)},
            optional={"id": json_values, "source": text_strategy, "lang": st.sampled_from(["en-GB", "de-DE", "", "x"])},
        ),
        min_size=1,
        max_size=3,
    ),
    tail=st.text(max_size=20),
)
def test_fuzz_jsonl(records: list[dict], tail: str) -> None:
    lines = [json.dumps(r, ensure_ascii=True) for r in records]
    check("feed.jsonl", ("\n".join(lines) + "\n").encode("utf-8"))
    check("tail.jsonl", ("\n".join(lines) + "\n" + tail).encode("utf-8", "surrogatepass"))
