"""Precision guard: hand-written clean news sentences that use every trigger word correctly.

Each line uses a word some rule watches (evacuated, profits, citizen, collision, actual, assist,
until, since ...) in a way that is right in English. With every MT-damage pack switched on
(all source languages at once) none may be flagged; house style is judged separately.
"""

from __future__ import annotations

from pathlib import Path

from auditor.checks.phrases import PhraseCheck
from auditor.models import Document
from auditor.segment import segment_lines

DATA = Path(__file__).resolve().parent / "data" / "clean_news_en.txt"


def test_no_mt_damage_rule_fires_on_clean_news() -> None:
    text = DATA.read_text(encoding="utf-8")
    document = Document(path=str(DATA), text=text, lines=True)
    document.sentences = segment_lines(text)
    check = PhraseCheck(requested=["all"])
    packs = {rule.id: rule.pack for pack in check.packs for rule in pack.rules}
    flagged = [
        (f.rule, text[f.start : f.end])
        for f in check.check(document)
        if packs[f.rule] != "house-style"
    ]
    assert flagged == []
