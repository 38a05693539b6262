"""The Moses detokeniser: running text, and every token's exact characters in it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor.bilingual.detok import detokenize, detokenize_line


@pytest.mark.parametrize(
    ("tokens", "text"),
    [
        ("To be at the bottom , if you don 't have oars .", "To be at the bottom, if you don't have oars."),
        ('The " Love " Vision ( 2011 ) cost $ 5 , or 50 % .', 'The "Love" Vision (2011) cost $5, or 50%.'),
        ("In the present , ' Shikharini ' verse is used .", "In the present, 'Shikharini' verse is used."),
        ("He do n't know ; it 's 5 o 'clock ...", "He don't know; it's 5 o'clock..."),
        ("Romania 's capital [ Bucharest ] : 2 million !", "Romania's capital [Bucharest]: 2 million!"),
        ("", ""),
    ],
)
def test_detokenize_joins_like_moses(tokens: str, text: str) -> None:
    assert detokenize_line(tokens).text == text


@given(st.lists(st.sampled_from(["word", ",", ".", "'s", '"', "'", "(", ")", "$", "%", "n't", "x-y", "…"]), max_size=30))
def test_every_token_maps_to_its_characters(tokens: list[str]) -> None:
    result = detokenize(tokens)
    assert len(result.spans) == len(tokens)
    for (start, end), token in zip(result.spans, tokens, strict=True):
        assert result.text[start:end] == token
    assert [start for start, _ in result.spans] == sorted(start for start, _ in result.spans)


def test_tokens_in_maps_a_character_span_back_to_tokens() -> None:
    result = detokenize_line("The IA , he said , works .")
    start = result.text.index("IA")
    assert result.tokens_in(start, start + 2) == [1]
    assert result.tokens_in(0, len(result.text)) == list(range(8))
