"""The QE bundle's compiled form (auditor.qe.compiled): the same forests, kept once, never stale."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from auditor.errors import AuditorError
from auditor.qe import compiled, model
from auditor.qe.fit import read_bundle, write_bundle
from auditor.qe.model import DEFAULT_BUNDLE, QEModel

TEXTS = ["The minister said on Monday that the talks had failed.", "here is the site of ananotechnologists"]


@pytest.fixture()
def index_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AUDITOR_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.delenv(compiled.CACHE_ENV, raising=False)
    monkeypatch.setattr(model, "_LOADED", {})
    return tmp_path / "index"


def _forests_equal(a: object, b: object) -> None:
    for field in dataclasses.fields(a):  # type: ignore[arg-type]
        left, right = getattr(a, field.name), getattr(b, field.name)
        if isinstance(left, np.ndarray):
            assert left.dtype == right.dtype and np.array_equal(left, right), field.name
        else:
            assert left == right, field.name


def test_the_compiled_form_holds_the_same_forests_and_settings(index_dir: Path):
    parsed = model._parse_bundle(DEFAULT_BUNDLE)
    back = compiled.load(compiled.dump(parsed))
    assert back["meta"] == parsed["meta"] and back["modes"].keys() == parsed["modes"].keys()
    for mode, spec in parsed["modes"].items():
        for name in compiled.FORESTS:
            _forests_equal(spec[name], back["modes"][mode][name])
            assert not back["modes"][mode][name].bound.flags.writeable  # views of the kept bytes
        plain = {k: v for k, v in spec.items() if k not in (*compiled.FORESTS, "wordlex")}
        assert plain == {k: v for k, v in back["modes"][mode].items() if k not in compiled.FORESTS}


def test_a_run_keeps_the_compiled_form_and_the_next_reads_it(index_dir: Path, monkeypatch: pytest.MonkeyPatch):
    fresh = QEModel(DEFAULT_BUNDLE).predict(TEXTS, None, None)
    kept = compiled.compiled_path(DEFAULT_BUNDLE)
    assert kept is not None and kept.is_file() and kept.parent.parent == index_dir
    monkeypatch.setattr(model, "_LOADED", {})
    monkeypatch.setattr(model, "_parse_bundle", lambda path: pytest.fail("parsed although a compiled form is kept"))
    assert QEModel(DEFAULT_BUNDLE).predict(TEXTS, None, None) == fresh


def test_hints_read_the_word_models_from_the_bundle_after_a_compiled_load(index_dir: Path):
    from auditor.models import Document
    from auditor.run.pipeline import segment_document

    document = segment_document(Document(path="t", text="\n".join(TEXTS) + "\n", lines=True))
    first = QEModel(DEFAULT_BUNDLE).assess(document)
    model._LOADED.clear()
    assert compiled.read(DEFAULT_BUNDLE) is not None
    assert QEModel(DEFAULT_BUNDLE).assess(document) == first
    assert first[1]  # the broken segment gets word hints


def test_a_retrained_bundle_is_never_answered_by_the_old_compiled_form(index_dir: Path, tmp_path: Path):
    bundle = read_bundle(DEFAULT_BUNDLE)
    path = tmp_path / "qe.json.gz"
    write_bundle(path, bundle)
    before = QEModel(path).predict(TEXTS, None, None)
    bundle["modes"]["target"]["da"] = bundle["modes"]["target"]["hter"]  # a different model, same file name
    write_bundle(path, bundle)
    model._LOADED.clear()
    after = QEModel(path).predict(TEXTS, None, None)
    assert [e.quality for e in after] != [e.quality for e in before]
    assert len(list((index_dir / "qe").iterdir())) == 2


def test_a_damaged_compiled_file_is_rebuilt_from_the_bundle(index_dir: Path):
    expected = QEModel(DEFAULT_BUNDLE).predict(TEXTS, None, None)
    kept = compiled.compiled_path(DEFAULT_BUNDLE)
    assert kept is not None
    kept.write_bytes(b"\x00not marshal")
    model._LOADED.clear()
    assert QEModel(DEFAULT_BUNDLE).predict(TEXTS, None, None) == expected
    assert compiled.read(DEFAULT_BUNDLE) is not None  # written again


def test_cache_off_keeps_nothing(index_dir: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(compiled.CACHE_ENV, "off")
    QEModel(DEFAULT_BUNDLE).predict(TEXTS, None, None)
    assert not (index_dir / "qe").exists()


def test_a_file_that_is_not_a_bundle_is_one_clear_error(index_dir: Path, tmp_path: Path):
    bad = tmp_path / "model.json.gz"
    bad.write_bytes(b"not gzip at all")
    with pytest.raises(AuditorError, match="not a readable QE model"):
        QEModel(bad).check()
    assert not (index_dir / "qe").exists()
