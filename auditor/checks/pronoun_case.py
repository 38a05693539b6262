"""Pronouns in the wrong case: ``Me don't know``, ``herself image``, ``for they``, ``i``.

English marks a pronoun's role by its form: subject (``I, he, they``), object
(``me, him, them``), possessive (``my, his, their``) and reflexive (``myself``).
Translation from languages that mark role differently, or garbled edits, put
the wrong form in a slot whose role is clear from its neighbours alone:

* an object or reflexive pronoun as the subject of a verb
  (``Me don't know``; ``because him has``; ``Itself is``);
* a subject or reflexive pronoun where a possessive must stand before a noun
  (``they effectiveness``, ``herself image``);
* a subject pronoun right after a preposition (``of they``, ``with he``);
* a lower-case ``i`` standing alone as the pronoun.
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.checks.word_order import past_form
from auditor.lexicon import (
    FINITE_AUXILIARIES,
    NEGATED_AUXILIARIES,
    OBJECT_PRONOUNS,
    PREPOSITIONS,
    is_noun_only,
    tokens,
)
from auditor.models import Document, Finding, Severity
from auditor.text_utils import match_case

_REFLEXIVES = {
    "myself": "my", "yourself": "your", "himself": "his", "herself": "her", "itself": "its",
    "ourselves": "our", "ourself": "our", "yourselves": "your", "themselves": "their", "themself": "their",
}
_SUBJECT_FOR = {"me": "I", "him": "he", "us": "we", "them": "they", "myself": "I", "himself": "he",
                "herself": "she", "itself": "it", "ourselves": "we", "themselves": "they"}
_POSSESSIVE_FOR = {"he": "his", "she": "her", "they": "their", "i": "my", "we": "our", **_REFLEXIVES,
                   "him": "his", "them": "their", "me": "my", "us": "our"}
_OBJECT_FOR = {"he": "him", "she": "her", "they": "them", "we": "us", "I": "me"}

#: Words after which a new clause (and so a subject) starts.
_CLAUSE_OPENERS = frozenset({
    "because", "although", "though", "while", "if", "when", "that", "but", "so", "since", "where", "whether",
})
_MODALS = frozenset({"could", "would", "should", "might", "must", "can", "will", "shall", "may"})
#: Words that may follow a sentence-initial object pronoun (``Him and his brother``, ``Them too``).
_AFTER_OBJECT_OK = frozenset({"and", "or", "too", "alone", "both", "all", "either", "neither", "included"})


def _finite_verb(word: str) -> bool:
    return word in FINITE_AUXILIARIES or word in _MODALS or word in NEGATED_AUXILIARIES or past_form(word)


def _possessive_slot(lower: str, before: str) -> bool:
    """A pronoun that, followed by a noun, must have been a possessive (``they effectiveness``,
    ``on him farm``; not ``many of them foreigners``)."""
    if lower in OBJECT_PRONOUNS:
        return before in PREPOSITIONS - {"of"}
    return lower in _POSSESSIVE_FOR


class PronounCaseCheck:
    """Flags pronouns whose form contradicts their role in the sentence."""

    name = "pronoun-case"

    def check(self, document: Document) -> Iterator[Finding]:
        """Findings sentence by sentence."""
        for sentence in document.sentences:
            yield from self._sentence(document.sentence_text(sentence), sentence.start)

    def _sentence(self, text: str, offset: int) -> Iterator[Finding]:
        toks = tokens(text)
        for k, (word, start, end) in enumerate(toks):
            before = toks[k - 1][0].lower() if k else ""
            after = toks[k + 1][0] if k + 1 < len(toks) else ""
            then = toks[k + 2][0] if k + 2 < len(toks) else ""
            lower = word.lower()
            if word.isupper() and len(word) > 1:
                continue  # ``US``, ``IT``: acronyms, not pronouns
            opens_clause = k == 0 or before in _CLAUSE_OPENERS or before in {";", "“", '"'} or (
                lower in _REFLEXIVES and before in {",", "and"})
            found = None
            if word == "i" and after not in {".", ")"} and before not in {"(", "."}:
                found = ("lowercase-i", "The pronoun “I” is always written in capitals.", "I")
            elif lower == "her" and k > 0 and before in _CLAUSE_OPENERS and _finite_verb(after.lower()):
                found = ("object-pronoun-as-subject",
                         f"“{word}” is the subject of “{after}” here; a subject takes the form “she”.", "she")
            elif lower in _SUBJECT_FOR and opens_clause and after.islower() and (
                _finite_verb(after) or (k == 0 and lower in OBJECT_PRONOUNS and after not in _AFTER_OBJECT_OK)
            ):
                fix = match_case(word, _SUBJECT_FOR[lower])
                found = ("object-pronoun-as-subject",
                         f"“{word}” is the subject of “{after}” here; a subject takes the form “{fix}”.", fix)
            elif _possessive_slot(lower, before) and (
                after.islower() and is_noun_only(after) and after not in _REFLEXIVES
            ):
                fix = match_case(word, _POSSESSIVE_FOR[lower])
                found = ("pronoun-for-possessive",
                         f"“{word} {after}”: before a noun English needs the possessive “{fix}”.", fix)
            elif lower in _REFLEXIVES and after.islower() and not is_noun_only(after) and (
                _finite_verb(then) and after not in _MODALS and after not in FINITE_AUXILIARIES
            ) and before in _CLAUSE_OPENERS | {"", "and"} and k > 0:
                fix = match_case(word, _REFLEXIVES[lower])
                found = ("pronoun-for-possessive",
                         f"“{word} {after}”: before a noun English needs the possessive “{fix}”.", fix)
            elif before in PREPOSITIONS and word in _OBJECT_FOR and k > 0 and toks[k - 1][0].islower():
                fix = _OBJECT_FOR[word]
                found = ("subject-pronoun-after-preposition",
                         f"“{toks[k - 1][0]} {word}”: after a preposition English uses the object "
                         f"form “{fix}”.",
                         fix)
            if found:
                rule, message, fix = found
                yield Finding(
                    rule=rule,
                    category="fluency/grammar",
                    severity=Severity.MAJOR if rule != "lowercase-i" else Severity.MINOR,
                    start=offset + start,
                    end=offset + end,
                    message=message,
                    suggestions=(fix,),
                )
