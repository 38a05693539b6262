"""benchmarks.precision: correctness of a finding against the word tags, and a small real run."""

from __future__ import annotations

from benchmarks import precision
from benchmarks.precision import Item, correct, load_pair, mlqe_dir, pair_stats
from tests.conftest import skip_or_fail


def _item() -> Item:
    # "Offkov said it ." -> "Offkov said it." ; 'said' BAD, gap after 'it' BAD
    return Item(
        source="",
        mt="Offkov said it.",
        spans=((0, 6), (7, 11), (12, 14), (14, 15)),
        word_bad=(False, True, False, False),
        gap_bad=(False, False, False, True, False),
        hter=0.2,
    )


def test_a_finding_is_correct_when_it_touches_a_bad_word_or_sits_in_a_bad_gap() -> None:
    item = _item()
    assert correct(item, 7, 11) and correct(item, 0, 9)
    assert not correct(item, 0, 6) and not correct(item, 12, 15)
    assert correct(item, 14, 14)  # zero-width before the stop: gap 3 is BAD
    assert not correct(item, 6, 6)  # the word ending there is OK and so is gap 1
    assert not correct(item, 15, 15)


def test_pair_stats_counts_words_once_and_leaves_hints_out() -> None:
    item = _item()
    found = [
        {"segment": 0, "start": 7, "end": 11, "rule": "r1", "severity": "minor"},
        {"segment": 0, "start": 0, "end": 11, "rule": "r2", "severity": "major"},
        {"segment": 0, "start": 0, "end": 6, "rule": "r3", "severity": "hint"},
    ]
    stats, rules = pair_stats("xx-en", [item], found)
    assert stats.flagged_words == 2 and stats.flagged_bad == 1  # 'Offkov', 'said'; the hint is left out
    assert stats.findings == 2 and stats.words == 4 and stats.bad == 1
    assert rules == {"r1": [1, 1], "r2": [1, 1], "r3": [1, 0]}


def _data():
    data = mlqe_dir()
    if not (data / "post-editing" / "ru-en-dev").is_dir():
        skip_or_fail(f"MLQE-PE data not found at {data}")
    return data


def test_small_real_run(tmp_path, monkeypatch) -> None:
    """20 ru-en dev segments: every token maps back, and every finding lands inside its segment."""
    monkeypatch.setattr(precision, "CACHE", tmp_path)
    items = load_pair(_data(), "ru-en", limit=20)
    assert len(items) == 20
    for item in items:
        assert len(item.spans) == len(item.word_bad) == len(item.gap_bad) - 1
        assert all(0 <= a < b <= len(item.mt) for a, b in item.spans)
    found = precision.audit_pair("ru-en", items, grammar=False)
    for f in found:
        assert 0 <= f["start"] <= f["end"] <= len(items[f["segment"]].mt)
    stats, _ = pair_stats("ru-en", items, found)
    assert stats.segments == 20 and 0 < stats.bad < stats.words
    assert list(tmp_path.glob("mlqe-ru-en-20-nolt-*.json"))  # cached for the next run
