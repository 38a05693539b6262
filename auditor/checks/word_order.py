"""Word-order damage that English grammar alone rules out.

Machine translation and careless edits swap neighbouring words
(``were both in found urine``) or scramble a sentence. Reference-free, we flag
only orders that no grammatical English sentence has:

* a determiner directly followed by a preposition, finite auxiliary,
  conjunction, subject pronoun or another determiner (``the of``, ``a was``);
* a sentence that ends on a determiner or conjunction (``… of the pets the.``);
* a preposition followed by a past-tense verb form and then no noun
  (``matched those found in the`` swapped to ``matched those in found the``;
  ``of confirmed cases`` is fine), or ``to`` followed by one and then a noun
  phrase (``to revealed the``);
* verbs in impossible order (``be could``, ``could would``, ``to was``,
  ``is has``, ``of were``) and pronoun pairs (``he they``, ``the him``).

Each pattern is closed-class grammar, so it holds for any topic and any name.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from itertools import pairwise

from auditor.checks.rule import Rule
from auditor.language.lexicon import (
    CONJUNCTIONS,
    DETERMINERS,
    FINITE_AUXILIARIES,
    MODALS,
    OBJECT_PRONOUNS,
    PREPOSITIONS,
    SUBJECT_PRONOUNS,
    parts_of_speech,
    tokens,
)
from auditor.models import Document, Finding
from auditor.rules_engine.check_rules import declared_rules

#: What cannot follow a determiner, with the name used in the message.
_AFTER_DETERMINER = (
    (PREPOSITIONS, "a preposition"),
    (FINITE_AUXILIARIES, "an auxiliary verb"),
    (CONJUNCTIONS, "a conjunction"),
    (SUBJECT_PRONOUNS - {"i"}, "a subject pronoun"),
    (OBJECT_PRONOUNS - {"us"}, "an object pronoun"),
    (DETERMINERS, "another determiner"),
)


_POSSESSIVES = frozenset({"its", "their", "our", "your", "my"})

#: Adjectives that only ever stand before a noun (``the former minister``, never ``the minister former``).
_ATTRIBUTIVE_ONLY = frozenset({
    "former", "fetal", "main", "mere", "sheer", "utter", "upper", "inner", "outer", "erstwhile", "eldest",
    "maiden", "latter", "lone", "foremost", "northern", "southern", "eastern", "western", "annual",
})
_COPULAS = frozenset({"is", "are", "was", "were", "be", "been", "being", "become", "became", "seem", "seems"})

#: Closing a sentence on these leaves them dangling.
_NEVER_FINAL = (DETERMINERS - {"a"}) | (CONJUNCTIONS - {"though"})  # "a." may be a list label

_AUXILIARY_FORMS = frozenset({"been", "had", "did", "was", "were", "got", "let", "put", "set", "cut"})
_BARE_BE = frozenset({"be", "been", "being"})


def _bad_pair(word: str, after: str, *, first: bool, next_token: str) -> tuple[Rule, str] | None:
    """The rule and reason when ``word after`` cannot be adjacent in English."""
    if not after.islower() or word.lower() == after:
        return None  # "the the" is the doubled-word rule's
    no_noun_next = next_token.lower() in _NP_OPENERS or not next_token[:1].isalpha()
    if _is_determiner(word, first):
        if word.lower() in _POSSESSIVES and after in {"and", "or", "nor"}:
            return None  # "your or their rights"
        for group, label in _AFTER_DETERMINER:
            if after in group:
                return DETERMINER_BEFORE_FUNCTION_WORD, f"a determiner cannot be followed by {label}"
        if past_form(after) and no_noun_next:
            return DETERMINER_BEFORE_PAST_TENSE, "a determiner cannot be followed by a past-tense verb"
        if parts_of_speech(after) == frozenset({"ADV"}) and after.endswith("ly") and no_noun_next:
            return DETERMINER_BEFORE_ADVERB, "a determiner cannot precede an adverb ending its phrase"
        return None
    lower = word.lower()
    if lower in PREPOSITIONS and lower != "to" and past_form(after) and no_noun_next:
        return PREPOSITION_BEFORE_PAST_TENSE, "a preposition cannot be followed by a past-tense verb"
    if lower in PREPOSITIONS and lower != "to" and _base_verb_only(after):
        return PREPOSITION_BEFORE_VERB, "a preposition cannot be followed by a bare verb"
    if lower in PREPOSITIONS and after == "of" and lower != after:
        return PREPOSITION_PAIR, "“of” cannot follow another preposition"
    if lower == "to" and after in _NOT_AFTER_TO:
        return AUXILIARY_ORDER, f"“to” must be followed by a base verb, not “{after}”"
    if lower in MODALS and after in _FINITE_ONLY:
        return AUXILIARY_ORDER, f"a modal verb is followed by a base verb, not “{after}”"
    if lower in _FINITE_ONLY and after in _FINITE_ONLY and lower != after and lower not in {"had", "have"}:
        return AUXILIARY_ORDER, "two finite verbs cannot stand side by side"
    if lower in _STRANDED_RARELY and after in _FINITE_ONLY | MODALS - {"will", "can", "may", "must"}:
        return AUXILIARY_ORDER, "a preposition needs its noun before the verb"
    if lower in SUBJECT_PRONOUNS - {"we"} and after in SUBJECT_PRONOUNS and lower != after:
        return PRONOUN_PAIR, "two subject pronouns cannot stand side by side"
    if lower in SUBJECT_PRONOUNS and after in _BARE_BE - {"be"}:
        return AUXILIARY_ORDER, f"“{after}” needs an auxiliary (“has {after}”) after the subject"
    if lower == "to" and past_form(after, allow_lemma=False) and next_token.lower() in _NP_OPENERS:
        return TO_BEFORE_PAST_TENSE, "after “to” English needs a base verb or a noun, not a past-tense form"
    if lower in _BARE_BE and (after in MODALS or after in FINITE_AUXILIARIES):
        return AUXILIARY_ORDER, f"“{word}” cannot come before the auxiliary “{after}”"
    if lower in MODALS - {"will", "can", "may", "must"} and after in MODALS:
        return AUXILIARY_ORDER, "two modal verbs cannot stand side by side"
    return None


#: Finite verb forms: never after ``to``, a modal or another finite form.
_FINITE_ONLY = frozenset({"is", "are", "was", "were", "am", "has", "does", "did", "had"})
_NOT_AFTER_TO = _FINITE_ONLY | frozenset({"been", "could", "would", "should", "can", "might", "must"})
#: Prepositions that almost never end a clause before its verb (``what it consists of is`` is rare).
_STRANDED_RARELY = frozenset({"of", "from", "with", "into", "by"})

_NP_OPENERS = DETERMINERS | frozenset({"this", "that", "these", "those", "his", "her"}) | PREPOSITIONS


@lru_cache(maxsize=65536)
def _base_verb_only(word: str) -> bool:
    """``know``, ``make``: a base verb form the lexicon knows only as a verb."""
    if word in _AUXILIARY_FORMS or word in FINITE_AUXILIARIES or parts_of_speech(word) != frozenset({"VERB"}):
        return False
    from auditor.language.inflect import getAllLemmas

    return word in getAllLemmas(word)["VERB"] and not past_form(word)


def _is_determiner(word: str, first: bool) -> bool:
    """Lower-case determiners anywhere; capitalised only at the start (``A`` mid-sentence is a label)."""
    if word in DETERMINERS:
        return True
    return first and word[:1].isupper() and word[1:].islower() and word.lower() in DETERMINERS


@lru_cache(maxsize=65536)
def past_form(word: str, allow_lemma: bool = True) -> bool:
    """``revealed``, ``died``, ``found``: a past-tense or participle form the lexicon knows only as a verb."""
    if not word.islower() or word in _AUXILIARY_FORMS or parts_of_speech(word) != frozenset({"VERB"}):
        return False
    from auditor.language.inflect import getAllInflections, getAllLemmas

    lemmas = getAllLemmas(word)["VERB"]
    if word in lemmas and not allow_lemma:
        return False
    return any(
        word in forms
        for lemma in lemmas
        for tag, forms in getAllInflections(lemma, upos="VERB").items()
        if tag in ("VBD", "VBN")
    )


_NO_SUCH_ORDER = " English grammar allows this order in no sentence: words were swapped or one was lost."


(
    ADJECTIVE_AFTER_NOUN, AUXILIARY_ORDER, DETERMINER_BEFORE_ADVERB, DETERMINER_BEFORE_FUNCTION_WORD,
    DETERMINER_BEFORE_PAST_TENSE, PREPOSITION_BEFORE_PAST_TENSE, PREPOSITION_BEFORE_VERB, PREPOSITION_PAIR,
    PRONOUN_PAIR, SENTENCE_ENDS_ON_FUNCTION_WORD, TO_BEFORE_PAST_TENSE,
) = declared_rules(  # rules/checks/word-order.yaml
    "word-order", "adjective-after-noun", "auxiliary-order", "determiner-before-adverb",
    "determiner-before-function-word", "determiner-before-past-tense", "preposition-before-past-tense",
    "preposition-before-verb", "preposition-pair", "pronoun-pair", "sentence-ends-on-function-word",
    "to-before-past-tense",
)


class WordOrderCheck:
    """Flags word orders that English grammar excludes."""

    name = "word-order"

    def check(self, document: Document) -> Iterator[Finding]:
        """Findings sentence by sentence."""
        for sentence in document.sentences:
            text = document.sentence_text(sentence)
            yield from self._sentence(text, sentence.start)

    def _sentence(self, text: str, offset: int) -> Iterator[Finding]:
        toks = tokens(text)
        words = [(i, t) for i, t in enumerate(toks) if t[0][0].isalpha()]
        for (i, (word, start, _)), (j, (after, _, end)) in pairwise(words):
            if j != i + 1:
                continue  # punctuation between them: a clause boundary, not a swap
            following = toks[j + 1][0] if j + 1 < len(toks) else ""
            problem = _bad_pair(word, after, first=i == 0, next_token=following)
            if problem:
                rule, why = problem
                yield rule.at(offset + start, offset + end,
                              f"“{word} {after}”: {why}; words are out of order or one is missing.")
        for k, (word, start, end) in enumerate(toks):
            if word in _ATTRIBUTIVE_ONLY and 0 < k < len(toks) - 1 and toks[k - 1][0][0].isalpha():
                before, after = toks[k - 1][0].lower(), toks[k + 1][0].lower()
                if before not in DETERMINERS | _NP_OPENERS | _COPULAS and (
                    not after[0].isalpha() or after in PREPOSITIONS | CONJUNCTIONS | FINITE_AUXILIARIES
                ):
                    yield ADJECTIVE_AFTER_NOUN.at(
                        offset + start, offset + end,
                        f"“{toks[k - 1][0]} {word}”: “{word}” only ever stands before its noun; "
                        "the words are out of order.",
                    )
        if len(words) >= 3 and toks and toks[-1][0] in ".!?":
            index, (last, start, end) = words[-1]
            if index == len(toks) - 2 and last in _NEVER_FINAL:
                yield SENTENCE_ENDS_ON_FUNCTION_WORD.at(
                    offset + start, offset + end,
                    f"The sentence ends on “{last}”, which must be followed by the words it introduces; "
                    "words are out of order or missing.",
                )
