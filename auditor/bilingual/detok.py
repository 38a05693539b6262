"""Moses-style English detokenisation that keeps every token's characters.

MLQE-PE (and most MT corpora) store text tokenised the Moses way (``hadn 't``, ``word ,``,
``" quoted "``). Auditing that text as it is would turn the tokenisation itself into findings, and
word labels (one per token) must still land on the right characters of the detokenised text, so
:func:`detokenize` returns the text *and* each token's character span in it.
"""

from __future__ import annotations

#: Tokens written against the word before them.
_ATTACH_LEFT = frozenset({",", ".", "!", "?", ":", ";", "%", ")", "]", "}", "...", ".."})
#: Tokens written against the word after them.
_ATTACH_RIGHT = frozenset({"(", "[", "{", "$", "#", "€", "£"})
#: Moses' escaped characters.
_ENTITIES = {"&quot;": '"', "&apos;": "'", "&amp;": "&", "&lt;": "<", "&gt;": ">", "&#91;": "[", "&#93;": "]"}


def _is_clitic(token: str) -> bool:
    """``'s``, ``n't``-halves (``'t``), ``'ll``, ``'clock``: an apostrophe then letters."""
    return len(token) > 1 and token[0] in "'’" and token[1:].isalpha()


def detokenize(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join Moses tokens into text; return it with each token's ``(start, end)`` character span.

    ``text[start:end]`` is the token (its unescaped form for ``&quot;`` and the like). Double
    quotes alternate open/close; a lone ``'`` after a word ending in *s* is a possessive
    (``parents '`` → ``parents'``), otherwise it alternates like a quote.
    """
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    glue_next = True  # no space before the first token
    double_open = False
    single_open = False
    previous = ""
    for raw in tokens:
        token = _ENTITIES.get(raw, raw)
        glue = glue_next
        glue_next = False
        if token in _ATTACH_LEFT or (_is_clitic(token) and previous[-1:].isalnum()):
            glue = True
        elif token in _ATTACH_RIGHT:
            glue_next = True
        elif token in {'"', "''", "``"}:
            if double_open:
                glue = True
            else:
                glue_next = True
            double_open = not double_open
        elif token == "'":
            if single_open or previous.endswith(("s", "S")):
                glue = True
                single_open = False
            else:
                glue_next = True
                single_open = True
        if not glue and parts:
            parts.append(" ")
            length += 1
        spans.append((length, length + len(token)))
        parts.append(token)
        length += len(token)
        previous = token
    return "".join(parts), spans
