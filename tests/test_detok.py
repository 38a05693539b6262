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


@pytest.mark.parametrize(
    ("tokenised", "text"),
    [
        ("Who would have known if he hadn 't said it himself .", "Who would have known if he hadn't said it himself."),
        ("Tskinvali 's hospital ( in the north ) , 20 % .", "Tskinvali's hospital (in the north), 20%."),
        ('He said " no " and left .', 'He said "no" and left.'),
        ("the idea of ' third Rome ' remained", "the idea of 'third Rome' remained"),
        ("other animals ' fats are", "other animals' fats are"),
        ("Jesus answered them :", "Jesus answered them:"),
        ("It costs $ 5 ...", "It costs $5..."),
    ],
)
def test_detokenize_returns_text_and_spans(tokenised: str, text: str) -> None:
    tokens = tokenised.split()
    joined, spans = detokenize(tokens)
    assert joined == text
    assert len(spans) == len(tokens)
    assert [joined[a:b] for a, b in spans] == tokens  # every token maps back to its characters


def test_empty() -> None:
    assert tuple(detokenize([])) == ("", [])
