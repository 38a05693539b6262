"""Moses-style detokenisation with a token map (MLQE-PE's tokenised MT)."""

from __future__ import annotations

import pytest

from auditor.bilingual.detok import detokenize


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
def test_detokenize(tokenised: str, text: str) -> None:
    tokens = tokenised.split()
    joined, spans = detokenize(tokens)
    assert joined == text
    assert len(spans) == len(tokens)
    assert [joined[a:b] for a, b in spans] == tokens  # every token maps back to its characters


def test_empty() -> None:
    assert detokenize([]) == ("", [])
