"""Offline English word knowledge for the reference-free checks.

Three sources, all shipped inside PyPI wheels (nothing downloads at run time):

* closed-class word lists written here (determiners, prepositions, auxiliaries,
  pronouns): the grammar every English sentence obeys;
* ``lemminflect``'s lexicon: which parts of speech an open-class word can take
  (``image`` → noun or verb; ``effectiveness`` → noun only);
* ``wordfreq``'s English frequencies and the CMU dictionary: whether a word is
  English at all, and how common it is.
"""

from __future__ import annotations

import re
from functools import lru_cache

from auditor.limits import MAX_WORD_LETTERS

#: Words that always open a noun phrase (never a pronoun on their own).
DETERMINERS = frozenset({"the", "a", "an", "its", "their", "our", "your", "my", "every"})

#: Prepositions that cannot stand before a subject pronoun or after a determiner.
PREPOSITIONS = frozenset({
    "of", "in", "on", "at", "to", "with", "from", "by", "into", "onto", "about", "among",
    "between", "against", "toward", "towards", "without", "within", "during", "upon", "via",
})

#: Finite auxiliaries that never follow a determiner (``will``, ``can``, ``may``,
#: ``might`` and ``must`` are left out: they are also nouns).
FINITE_AUXILIARIES = frozenset({
    "is", "are", "was", "were", "has", "have", "had", "been", "would", "could", "should",
    "does", "did", "am",
})

#: Modal verbs (some are also nouns: ``will``, ``can``, ``may``, ``might``, ``must``).
MODALS = frozenset({"could", "would", "should", "might", "must", "can", "will", "shall", "may"})

CONJUNCTIONS = frozenset({"and", "or", "but", "because", "although", "though", "while", "if", "nor"})

SUBJECT_PRONOUNS = frozenset({"i", "he", "she", "we", "they"})
OBJECT_PRONOUNS = frozenset({"me", "him", "us", "them"})

#: Negated auxiliaries and modals: a verb must follow them.
NEGATED_AUXILIARIES = frozenset({
    "don't", "doesn't", "didn't", "won't", "wouldn't", "couldn't", "shouldn't", "can't",
    "cannot", "mustn't", "don’t", "doesn’t", "didn’t", "won’t", "wouldn’t", "couldn’t",
    "shouldn’t", "can’t", "mustn’t",
})


#: A word token with its offsets: letters with inner apostrophes or hyphens.
TOKEN = re.compile(r"[^\W\d_]+(?:[’'\-][^\W\d_]+)*|\d+(?:[.,]\d+)*|[^\w\s]|_+")


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Words, numbers and punctuation marks of ``text`` with their offsets."""
    return [(m.group(0), m.start(), m.end()) for m in TOKEN.finditer(text)]


@lru_cache(maxsize=65536)
def parts_of_speech(word: str) -> frozenset[str]:
    """Universal POS tags lemminflect's lexicon allows for ``word`` (empty if unknown)."""
    from auditor.language.inflect import getAllLemmas

    return frozenset(getAllLemmas(word.lower()))


def one_edit_variants(word: str) -> set[str]:
    """Every string one deletion, swap of neighbours, substitution or insertion (a-z) from ``word``.

    Empty for a word over :data:`~auditor.limits.MAX_WORD_LETTERS` letters: there are ~54n variants
    of length n (an 8,000-letter word took 4 GB), and no such word is a slip for a common one.
    """
    if len(word) > MAX_WORD_LETTERS:
        return set()
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    variants = {a + b[1:] for a, b in splits if b}
    variants |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    variants |= {a + c + b[1:] for a, b in splits if b for c in letters}
    variants |= {a + c + b for a, b in splits for c in letters}
    variants.discard(word)
    return variants


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """wordfreq's Zipf frequency of ``word`` in English (0 for unseen words)."""
    return zipf_in(word, "en")


def zipf_in(word: str, lang: str) -> float:
    """wordfreq's ``zipf_frequency(word, lang)``, read from the on-disk index where it can answer.

    The index (:mod:`auditor.word_index`) holds every plain word of the 15 languages' lists, so
    a run reads only the words it asks about instead of loading each language's whole list.
    """
    from auditor.word_index import zipf_frequency

    return zipf_frequency(word, lang)


def in_cmudict(word: str) -> bool:
    """Whether the CMU pronouncing dictionary knows ``word`` (its words are all lower-case)."""
    from auditor.language.offline_cmudict import pronunciations

    return word.lower() in pronunciations()


FUNCTION_WORDS = (
    DETERMINERS | PREPOSITIONS | FINITE_AUXILIARIES | CONJUNCTIONS | SUBJECT_PRONOUNS | OBJECT_PRONOUNS
    | frozenset({"that", "this", "these", "those", "which", "who", "whom", "whose", "what", "not", "than",
                 "as", "for", "so", "yet", "then", "there", "here", "also", "only", "both", "either"})
)


def is_noun_only(word: str) -> bool:
    """An open-class word the lexicon knows only as a noun (``effectiveness``, ``news``).

    The lexicon tags some function words as nouns (``or`` as in operating room); those never count.
    """
    return word.lower() not in FUNCTION_WORDS and parts_of_speech(word) == frozenset({"NOUN"})
