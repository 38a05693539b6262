"""Repetition that machine translation leaves: a word repeated across a coordination, doubled phrases.

* ``repeated-word``: the same verb (same lemma, via lemminflect) on both
  sides of a coordinating conjunction inside one clause: "are fleeing
  their homes and fleeing north". The repeat is either redundant or stands for
  a second verb the translation lost; the editor picks a fitting one.
* ``doubled-phrase``: a phrase of two or more words written twice in a row
  ("in the city in the city"). Single doubled words ("food food") belong to the
  punctuation check's ``doubled-word`` rule and are left to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from auditor.language.inflect import getAllLemmas, getInflection
from auditor.language.text_utils import match_case
from auditor.models import Document, Finding, Sentence
from auditor.rules_engine.check_rules import declared_rules

#: Function words and light verbs whose repetition is normal English.
_STOP_TEXT = """
    a an the and or but nor so yet for of in on at to from by with as into onto over under about after before
    than then that this these those it its he she they we i you him her them us his their our your my me
    is are was were be been being am have has had do does did will would shall should can could may might must
    not no also very more most less much many some any all each both either neither other such own same
    which who whom whose what when where why how there here if while because although though until since
    up down out off only just still even again per via one two three new said say says told
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
COORDINATORS = frozenset({"and", "or", "but", "then", "nor"})
#: What the echoed verb may carry: a direction or nothing. "raising taxes and raising fees" is parallel
#: structure, not an echo; "fleeing their homes and fleeing north" only adds where to.
DIRECTIONS = re.compile(
    r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:wards?|ern)?|"
    r"(?:in|out|up|down|on|back|for|home|off)wards?|away|back|home|abroad|out|off|inland|ashore|"
    r"overseas|elsewhere",
    re.IGNORECASE,
)
#: How many words may separate the two occurrences (the conjunction included).
MAX_GAP = 6

_TOKEN = re.compile(r"[^\W\d_]+(?:[’'\-][^\W\d_]+)*|[,;:()\[\]—–\"“”]")
_CLAUSE_BREAK = frozenset(',;:()[]—–"“”')
_DOUBLED_PHRASE = re.compile(r"\b((?:[^\W\d_]+[ \t]+){1,5}[^\W\d_]+)((?:[ \t]+\1)+)\b", re.IGNORECASE)


@lru_cache(maxsize=65536)
def lemmas(word: str) -> frozenset[str]:
    """Every lemma lemminflect knows for ``word`` (lower case), or the word itself."""
    found = {lemma.lower() for forms in getAllLemmas(word.lower()).values() for lemma in forms}
    return frozenset(found or {word.lower()})


DOUBLED_PHRASE, REPEATED_WORD = declared_rules(  # rules/checks/repetition.yaml
    "repetition", "doubled-phrase", "repeated-word",
)


class RepetitionCheck:
    """Content words repeated across a coordination, and phrases written twice."""

    name = "repetition"

    def check(self, document: Document) -> Iterator[Finding]:
        """Findings for every sentence of ``document``."""
        for sentence in document.sentences:
            yield from self._doubled_phrases(document, sentence)
            yield from self._repeated_words(document, sentence)

    @staticmethod
    def _doubled_phrases(document: Document, sentence: Sentence) -> Iterator[Finding]:
        text = document.text
        for match in _DOUBLED_PHRASE.finditer(text, sentence.start, sentence.end):
            phrase = match.group(1)
            phrase_words = phrase.lower().split()
            if len(set(phrase_words)) == 1:
                continue  # "food food food food": the doubled-word rule reports it
            yield DOUBLED_PHRASE.at(
                match.start(2), match.end(2),
                f"“{phrase}” is written twice in a row; the repeat is a translation slip.",
                ("",),
            )

    @staticmethod
    def _repeated_words(document: Document, sentence: Sentence) -> Iterator[Finding]:
        text = document.text
        tokens = list(_TOKEN.finditer(text, sentence.start, sentence.end))
        for j, second in enumerate(tokens):
            if j < 2 or tokens[j - 1].group(0).lower() not in COORDINATORS:
                continue
            word = second.group(0)
            if not _content(word) or not _verb_form(word):
                continue
            for i in range(j - 2, max(-1, j - 1 - MAX_GAP), -1):
                first = tokens[i].group(0)
                if first in _CLAUSE_BREAK:
                    break
                if not _content(first) or not (lemmas(first) & lemmas(word)):
                    continue
                if i == j - 2:
                    break  # "more and more", "again and again": deliberate
                direction = _following(tokens, j)
                if direction is None:
                    break
                yield _repeated_finding(text, tokens[j - 1], second, first, direction or None)
                break


def _following(tokens: list[re.Match[str]], j: int) -> str | None:
    """What the repeated verb carries: "" at the clause end, a direction (north, away, home), or None."""
    if j + 1 >= len(tokens) or tokens[j + 1].group(0) in _CLAUSE_BREAK:
        return ""
    nxt = tokens[j + 1].group(0)
    return nxt if DIRECTIONS.fullmatch(nxt) else None


def _verb_form(word: str) -> bool:
    """Only verbs: a repeated noun ("troops came ... and troops reacted") wants a pronoun, not a cut."""
    kinds = getAllLemmas(word.lower())
    return set(kinds) == {"VERB"} or (word.lower().endswith("ing") and "VERB" in kinds)


def _content(word: str) -> bool:
    lower = word.lower()
    return len(lower) > 2 and lower not in STOP_WORDS and not word[0].isupper()


def _repeated_finding(
    text: str, conjunction: re.Match[str], second: re.Match[str], first: str, direction: str | None
) -> Finding:
    word = second.group(0)
    suggestions: tuple[str, ...] = ()
    start, end = second.start(), second.end()
    if word.lower() == first.lower():
        # "and fleeing north" -> "and heading north" (the movement the source meant) or dropped:
        # "fleeing their homes north" keeps the sense and loses the echo.
        start = conjunction.start()
        while start > 0 and text[start - 1] in " \t":
            start -= 1
        joint = text[start : second.start()]
        heading = _heading_like(word) if direction else None
        suggestions = (f"{joint}{heading}", "") if heading else ("",)
    return REPEATED_WORD.at(
        start, end,
        f"“{word}” repeats “{first}” in the same clause: the echo reads as a translation slip; "
        + (
            "say where they went with a movement verb (heading) or drop the repeat."
            if len(suggestions) > 1
            else "drop the repeat or use a different word for what the source meant."
        ),
        suggestions,
    )


def _heading_like(word: str) -> str | None:
    """ "head" in the inflection of ``word``: fleeing -> heading, fled -> headed, flees -> heads."""
    lower = word.lower()
    if lower.endswith("ing"):
        tag = "VBG"
    elif lower.endswith("ed") or (lemmas(word) != {lower} and not lower.endswith("s")):
        tag = "VBD"
    elif lower.endswith("s"):
        tag = "VBZ"
    else:
        tag = "VB"
    forms = getInflection("head", tag=tag)
    return match_case(word, forms[0]) if forms else None
