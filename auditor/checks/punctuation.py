"""Punctuation, spacing and sentence-shape faults that machine translation leaves behind.

Each rule is a precise pattern with a fix: a space before punctuation
(``Ankara .``), a doubled word (``food food``), doubled spaces, a garbled
dateline separator (``DAMASCUS >>``), a sentence that starts in lower case, a
sentence with no final punctuation and a segment with no words at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.language.text_utils import match_case, word_count
from auditor.models import Document, Finding, Sentence, Severity
from auditor.rules_engine.check_rules import declared_rules

_SPACE_BEFORE_PUNCT = re.compile(r"(?<=[^\W_])([ \t]+)([.,;:!?])(?=[\s\"”’)<]|$)")
_TOKEN = re.compile(r"[^\s<>]+")  # markup brackets split tokens: "<p>The the"
_EDGE_PUNCT = "\"'“”‘’()[]{}«».,;:!?…"
_DOUBLED_SPACE = re.compile(r"(?<=\S)( {2,})(?=\S)")
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’\- ]*[A-Z.](?:,[ \t]*[A-Z][\w.'’\- ]*)?(?:[ \t]*\([^)\n]{1,40}\))?)"
    r"(?P<sep>[ \t]*(?:>>+|<<+|>|»|\|+|::?|\*+|=+>?|-{2,}|~+)[ \t]*)(?=\S)"
)
_FIRST_LETTER = re.compile(r"^[\"'“‘(\[«¿¡\s]*([^\W\d_])([^\W\d_]*)(?![\d])")
_ENDS_WITH_TERMINAL = re.compile(r"[.!?…:;][\"'”’)\]»]*$")
_HAS_WORD = re.compile(r"[^\W_]")

#: Place and person names that are a doubled word.
_REDUPLICATED_NAMES = frozenset({"walla", "bora", "pago", "sirhan", "baden", "sing", "mahi", "tom-tom", "dum"})

#: Pairs that English legitimately doubles ("had had", "that that").
_DOUBLE_OK = frozenset({"had", "that", "is"})

#: Fewest words a segment needs before a missing full stop is worth reporting.
MIN_WORDS_FOR_FINAL_PUNCT = 4


(
    DOUBLED_SPACE, DOUBLED_WORD, GARBLED_DATELINE, MISSING_FINAL_PUNCTUATION, NO_WORDS,
    SENTENCE_LOWERCASE_START, SPACE_BEFORE_PUNCTUATION,
) = declared_rules(  # rules/checks/punctuation.yaml
    "punctuation", "doubled-space", "doubled-word", "garbled-dateline", "missing-final-punctuation", "no-words",
    "sentence-lowercase-start", "space-before-punctuation",
)


class PunctuationCheck:
    """Spacing, doubling, dateline and sentence-boundary faults."""

    name = "punctuation"

    def check(self, document: Document) -> Iterator[Finding]:
        """Findings for the whole document."""
        text = document.text
        yield from self._space_before_punctuation(text)
        yield from self._doubled_words(text)
        yield from self._doubled_spaces(text)
        if not document.lines:
            yield from self._dateline(text)
        last_in_paragraph = _last_sentence_of_each_paragraph(document.sentences)
        for sentence in document.sentences:
            yield from self._sentence_shape(document, sentence, sentence.index in last_in_paragraph)

    @staticmethod
    def _space_before_punctuation(text: str) -> Iterator[Finding]:
        for match in _SPACE_BEFORE_PUNCT.finditer(text):
            punct = match.group(2)
            yield SPACE_BEFORE_PUNCTUATION.at(
                match.start(1), match.end(2),
                f"Space before “{punct}”: English sets punctuation directly after the word.",
                (punct,),
            )

    @staticmethod
    def _doubled_words(text: str) -> Iterator[Finding]:
        for first, repeats in _repeated_tokens(text):
            core = _core(first)
            if len(repeats) == 1 and core.lower() in _DOUBLE_OK:
                continue
            if core.lower() in _REDUPLICATED_NAMES:
                continue
            last = repeats[-1]
            if last.group().startswith(first.group()):
                start, end = first.end(), last.start() + len(first.group())
            else:
                start, end = _core_end(first), _core_end(last)
            times = "twice" if len(repeats) == 1 else f"{len(repeats) + 1} times"
            yield DOUBLED_WORD.at(
                start, end,
                f"“{core}” is written {times} in a row; the repeat is a typing or translation slip.",
                ("",),
                severity=Severity.MINOR if len(repeats) == 1 else Severity.MAJOR,
            )

    @staticmethod
    def _doubled_spaces(text: str) -> Iterator[Finding]:
        for match in _DOUBLED_SPACE.finditer(text):
            yield DOUBLED_SPACE.at(match.start(1), match.end(1), "Several spaces between words; use one.", (" ",))

    @staticmethod
    def _dateline(text: str) -> Iterator[Finding]:
        leading = len(text) - len(text.lstrip())
        match = _DATELINE.match(text, leading)
        if not match or not any(c.isalpha() for c in match.group("place")):
            return
        sep = match.group("sep")
        yield GARBLED_DATELINE.at(
            match.start("sep"), match.end("sep"),
            f"Dateline separator “{sep.strip()}” is conversion debris; wire style separates "
            "the dateline from the story with a dash.",
            (" — ",),
        )

    @staticmethod
    def _sentence_shape(
        document: Document, sentence: Sentence, last_in_paragraph: bool
    ) -> Iterator[Finding]:
        text = document.sentence_text(sentence)
        if not text.strip():
            return
        if not _HAS_WORD.search(text):
            yield NO_WORDS.at(
                sentence.start, sentence.end,
                "Segment has punctuation but no words: the translation is missing.",
            )
            return
        first = _FIRST_LETTER.match(text)
        if first and first.group(1).islower() and not _looks_like_brand(first.group(0).lstrip("\"'“‘([«")):
            word = first.group(1) + first.group(2)
            start = sentence.start + first.start(1)
            if not _continues_previous(document, sentence):
                yield SENTENCE_LOWERCASE_START.at(
                    start, start + len(word),
                    "Sentence starts with a lower-case letter; a sentence opens with a capital.",
                    (match_case("A", word),),
                )
        needs_end = document.lines or last_in_paragraph
        if needs_end and not _ENDS_WITH_TERMINAL.search(text) and word_count(text) >= MIN_WORDS_FOR_FINAL_PUNCT:
            if not document.lines and _is_heading(document, sentence, text):
                return
            tail = len(text.rstrip("\"'”’)]» \t"))
            at = sentence.start + tail
            yield MISSING_FINAL_PUNCTUATION.at(
                max(sentence.start, at - 1), at,
                "Sentence has no closing punctuation; it reads as cut off.",
                (text[tail - 1 : tail] + ".",),
            )


def _core(token: re.Match[str]) -> str:
    return token.group().strip(_EDGE_PUNCT)


def _core_end(token: re.Match[str]) -> int:
    raw = token.group()
    return token.start() + len(raw.rstrip(_EDGE_PUNCT))


def _repeated_tokens(text: str) -> Iterator[tuple[re.Match[str], list[re.Match[str]]]]:
    """Runs of whitespace-separated tokens whose words repeat: ``food food``, ``(SANParks) (SANParks)``.

    Tokens are compared without their surrounding punctuation and case; tokens split by
    a line break or a sentence-ending mark are not a repeat.
    """
    tokens = list(_TOKEN.finditer(text))
    cores = [_core(token).lower() for token in tokens]
    i = 0
    while i < len(tokens):
        core = cores[i]
        j = i + 1
        while (
            j < len(tokens)
            and cores[j] == core  # first: it rules out almost every token
            and core
            and any(c.isalnum() for c in core)
            and _plain_gap(text[tokens[j - 1].end() : tokens[j].start()])
            and not tokens[j - 1].group().endswith((".", "!", "?", ",", ";", ":"))
        ):
            j += 1
        if j > i + 1:
            yield tokens[i], tokens[i + 1 : j]
        i = j


def _plain_gap(gap: str) -> bool:
    """Spaces or tabs only: a line break or markup between two words is not a repeat."""
    return bool(gap) and gap.strip(" \t") == ""


def _looks_like_brand(word: str) -> bool:
    """``iPhone``, ``eBay``: lower-case start followed by an inner capital."""
    return any(c.isupper() for c in word[1:])


def _continues_previous(document: Document, sentence: Sentence) -> bool:
    """In running text a lower-case start after a colon or ellipsis is fine."""
    if document.lines or sentence.index == 0:
        return False
    before = document.text[: sentence.start].rstrip()
    return before.endswith((":", ";", ",", "…", "...")) or before.endswith(("-", "—"))


def _is_heading(document: Document, sentence: Sentence, text: str) -> bool:
    """Headlines, Markdown headings and one-line first paragraphs need no full stop."""
    if text.lstrip().startswith("#"):
        return True
    return sentence.paragraph == 0 and "\n" not in text and len(document.sentences) > 1


def _last_sentence_of_each_paragraph(sentences: list[Sentence]) -> set[int]:
    last: dict[int, int] = {}
    for sentence in sentences:
        last[sentence.paragraph] = sentence.index
    return set(last.values())
