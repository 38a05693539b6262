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
from functools import lru_cache

from auditor.checks.word_order import past_form
from auditor.language.lexicon import (
    FINITE_AUXILIARIES,
    MODALS,
    NEGATED_AUXILIARIES,
    OBJECT_PRONOUNS,
    PREPOSITIONS,
    is_noun_only,
    parts_of_speech,
    tokens,
)
from auditor.language.text_utils import match_case
from auditor.models import Document, Finding
from auditor.rules_engine.check_rules import declared_rules

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
#: Words that may follow a sentence-initial object pronoun (``Him and his brother``, ``Them too``).
_AFTER_OBJECT_OK = frozenset({"and", "or", "too", "alone", "both", "all", "either", "neither", "included"})


def _finite_verb(word: str) -> bool:
    return word in FINITE_AUXILIARIES or word in MODALS or word in NEGATED_AUXILIARIES or past_form(word)


@lru_cache(maxsize=65536)
def _verb_form(word: str, tags: tuple[str, ...]) -> bool:
    """Whether ``word`` is, and can only be, one of these inflections of a verb (``gets``: VBZ)."""
    if not word.islower() or parts_of_speech(word) != frozenset({"VERB"}):
        return False
    from auditor.language.inflect import getAllInflections, getAllLemmas

    return any(word in forms for lemma in getAllLemmas(word)["VERB"]
               for tag, forms in getAllInflections(lemma, upos="VERB").items() if tag in tags)


def _subject_verb(word: str, third_person: bool) -> bool:
    """A verb that needs a subject right before it: finite forms, and for I/we/you/they base forms."""
    return _finite_verb(word) or _verb_form(word, ("VBZ",) if third_person else ("VBP",))


_QUANTIFIERS = frozenset({"many", "some", "all", "most", "none", "both", "each", "several", "few", "one",
                          "two", "three", "any", "either", "neither", "half"})
#: Adverbs between a subject and its verb (``Itself also said``).
_SKIPPED = frozenset({"also", "then", "still", "often", "never", "always"})
_THIRD_PERSON = frozenset({"himself", "herself", "itself", "him", "her", "it"})


def _possessive_slot(lower: str, before: str, earlier: str) -> bool:
    """A pronoun that, followed by a noun, must have been a possessive (``they effectiveness``,
    ``to him suspension``, ``because of him performance``; not ``many of them foreigners``)."""
    if lower in OBJECT_PRONOUNS:
        return before in PREPOSITIONS and not (before == "of" and earlier in _QUANTIFIERS)
    return lower in _POSSESSIVE_FOR


_PRONOUN_FOR_POSSESSIVE = {"his": "he", "my": "I", "our": "we", "their": "they", "your": "you"}


def opens_clause_or_start(k: int, before: str) -> bool:
    """At the start of a sentence or clause, where a subject stands."""
    return k == 0 or before in _CLAUSE_OPENERS | {",", ";", "and", '"', "“"}


(
    LOWERCASE_I, OBJECT_PRONOUN_AS_SUBJECT, POSSESSIVE_AS_SUBJECT, PRONOUN_FOR_POSSESSIVE,
    SUBJECT_PRONOUN_AFTER_PREPOSITION,
) = declared_rules(  # rules/checks/pronoun-case.yaml
    "pronoun-case", "lowercase-i", "object-pronoun-as-subject", "possessive-as-subject",
    "pronoun-for-possessive", "subject-pronoun-after-preposition",
)


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
            earlier = toks[k - 2][0].lower() if k > 1 else ""
            after = toks[k + 1][0] if k + 1 < len(toks) else ""
            then = toks[k + 2][0] if k + 2 < len(toks) else ""
            if (parts_of_speech(after) == frozenset({"ADV"}) and after.endswith("ly")) or after in _SKIPPED:
                verb = then  # "Itself also said", "itself usually refers"
            else:
                verb = after
            lower = word.lower()
            if word.isupper() and len(word) > 1:
                continue  # ``US``, ``IT``: acronyms, not pronouns
            opens_clause = k == 0 or before in _CLAUSE_OPENERS or before in {";", "“", '"'} or (
                lower in _REFLEXIVES and before in {",", "and"})
            found = None
            if word == "i" and after not in {".", ")"} and before not in {"(", "."}:
                found = (LOWERCASE_I, "The pronoun “I” is always written in capitals.", "I")
            elif lower == "her" and k > 0 and before in _CLAUSE_OPENERS and _finite_verb(after.lower()):
                found = (OBJECT_PRONOUN_AS_SUBJECT,
                         f"“{word}” is the subject of “{after}” here; a subject takes the form “she”.", "she")
            elif lower in _SUBJECT_FOR and opens_clause and after.islower() and (
                _subject_verb(verb, lower in _THIRD_PERSON)
                or (k == 0 and lower in OBJECT_PRONOUNS and after not in _AFTER_OBJECT_OK)
            ):
                fix = match_case(word, _SUBJECT_FOR[lower])
                found = (OBJECT_PRONOUN_AS_SUBJECT,
                         f"“{word}” is the subject of “{verb}” here; a subject takes the form “{fix}”.", fix)
            elif lower in _PRONOUN_FOR_POSSESSIVE and opens_clause_or_start(k, before) and _verb_form(
                after, ("VBD",)
            ) and not (then.islower() and "NOUN" in parts_of_speech(then)):
                fix = match_case(word, _PRONOUN_FOR_POSSESSIVE[lower])
                found = (POSSESSIVE_AS_SUBJECT,
                         f"“{word} {after}”: a possessive cannot be the subject of “{after}”; "
                         f"the subject form is “{fix}”.", fix)
            elif _possessive_slot(lower, before, earlier) and (
                after.islower() and is_noun_only(after) and after not in _REFLEXIVES
            ):
                fix = match_case(word, _POSSESSIVE_FOR[lower])
                found = (PRONOUN_FOR_POSSESSIVE,
                         f"“{word} {after}”: before a noun English needs the possessive “{fix}”.", fix)
            elif lower in _REFLEXIVES and after.islower() and not is_noun_only(after) and (
                _finite_verb(then) and after not in MODALS and after not in FINITE_AUXILIARIES
            ) and before in _CLAUSE_OPENERS | {"", "and"} and k > 0:
                fix = match_case(word, _REFLEXIVES[lower])
                found = (PRONOUN_FOR_POSSESSIVE,
                         f"“{word} {after}”: before a noun English needs the possessive “{fix}”.", fix)
            elif before in PREPOSITIONS and word in _OBJECT_FOR and k > 0 and (
                toks[k - 1][0].islower() or k == 1
            ):
                fix = _OBJECT_FOR[word]
                found = (SUBJECT_PRONOUN_AFTER_PREPOSITION,
                         f"“{toks[k - 1][0]} {word}”: after a preposition English uses the object "
                         f"form “{fix}”.",
                         fix)
            if found:
                rule, message, fix = found
                yield rule.at(offset + start, offset + end, message, (fix,))
