"""British spellings under an American speller: a house-style choice, not a typo.

LanguageTool's ``en-US`` speller flags ``colour``, ``centre``, ``programme`` and
``recognised``; an editor of British or international copy rejects every one of them
(DEMETR's human translations: 12 of 23 spelling findings). A flagged word is a British
variant when one of LanguageTool's own suggestions is the word with a British ending or
digraph spelled the American way; it is then reported as a ``hint`` that says so.
"""

from __future__ import annotations

import re

#: (British pattern, American replacement), applied one at a time to the flagged word.
_BRITISH_TO_AMERICAN: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), american)
    for pattern, american in (
        (r"our(?=s?$|ed$|ing$|ite|able|er|ful|less|hood|ist|ism|al)", "or"),  # colour, favourite, neighbourhood
        (r"([^aeiou])re(?=s?$|d$)", r"\1er"),  # centre, fibre, theatre, centred
        (r"is(e|es|ed|ing|ation|ations|er|ers)$", r"iz\1"),  # recognised, organisation
        (r"ys(e|es|ed|ing)$", r"yz\1"),  # analyse, paralysed
        (r"ae", "e"),  # caesium, paediatric
        (r"oe", "e"),  # foetal, manoeuvre
        (r"mme(s?)$", r"m\1"),  # programme
        (r"ogue(s?)$", r"og\1"),  # catalogue, dialogue
        (r"([aeiou])ll(ed|ing|er|ers)$", r"\1l\2"),  # travelled, cancelling
        (r"ence(s?)$", r"ense\1"),  # licence, defence, offence
        (r"ise(s|d)?$", r"ice\1"),  # practise(d) (the verb) -> practice(d)
        (r"ey$", "y"),  # storey
        (r"yre(s?)$", r"ire\1"),  # tyre
        (r"^sc(?=ep)", "sk"),  # sceptical
        (r"oul(?=d|t)", "ol"),  # moulded, smoulder, moult
        (r"([aeiou])l(ful|ment|ments)$", r"\1ll\2"),  # skilful, wilful, instalment, enrolment
        (r"^(fulfil|enrol|distil|instil|appal|enthral)(s?)$", r"\1l\2"),  # fulfil, enrol
        (r"iality$", "ialty"),  # speciality
        (r"^grey", "gray"),  # grey
        (r"inium$", "inum"),  # aluminium
    )
)


def american_forms(word: str) -> set[str]:
    """Spellings of ``word`` with one British pattern made American (lower case)."""
    lower = word.lower()
    forms = set()
    for pattern, american in _BRITISH_TO_AMERICAN:
        changed = pattern.sub(american, lower)
        if changed != lower:
            forms.add(changed)
            # manoeuvre: two patterns in one word
            forms.update(p.sub(a, changed) for p, a in _BRITISH_TO_AMERICAN if p.sub(a, changed) != changed)
    return forms


def british_variant(word: str, suggestions: tuple[str, ...] | list[str]) -> str | None:
    """The American spelling among ``suggestions`` when ``word`` is its British variant, else None."""
    forms = american_forms(word)
    if not forms:
        return None
    for suggestion in suggestions[:5]:
        if suggestion.lower() in forms:
            return suggestion
    return None


#: A lower-case word the speller lacks is a term (``hanami``, ``pohutukawa``, ``ecozones``) unless a
#: word this frequent (Zipf) is one edit away: then it is a typo (``goverment``).
TYPO_NEIGHBOUR_ZIPF = 3.0
#: Shorter unknown words stay findings (``teh``, ``adn``).
TERM_MIN_LENGTH = 5


def unlisted_term(word: str, suggestions: tuple[str, ...] | list[str]) -> bool:
    """True for a lower-case word the speller lacks with no frequent word one edit away: a term,
    a loan word or a name written small, which an editor checks but rarely changes."""
    if len(word) < TERM_MIN_LENGTH or not word.isalpha() or not word.islower():
        return False
    from auditor.language.lexicon import zipf
    from auditor.languagetool.names import edit_distance_at_most_one

    return not any(
        edit_distance_at_most_one(word, s.lower()) and zipf(s.lower()) >= TYPO_NEIGHBOUR_ZIPF for s in suggestions[:5]
    )


#: The part a coinage joins its prefix or head to must be a frequent English word (Zipf) this long.
COINAGE_WORD_ZIPF = 3.0
COINAGE_WORD_LENGTH = 4


def coinage(word: str) -> tuple[str, str] | None:
    """The two parts, in reading order, when lower-case ``word`` is a productive prefix or an agentive
    head (``rules/words/coinages.yaml``) joined to a frequent English word: ``superprofits`` is
    (``super``, ``profits``), ``planemaker`` (``plane``, ``maker``). None otherwise."""
    if not word.isalpha() or not word.islower():
        return None
    from auditor.language.lexicon import zipf
    from auditor.rules_engine.word_tables import word_table

    table = word_table("coinages.yaml", prefixes="words", heads="words")

    def frequent(part: str) -> bool:
        return len(part) >= COINAGE_WORD_LENGTH and zipf(part) >= COINAGE_WORD_ZIPF

    for prefix in sorted(table.get("prefixes", ()), key=len, reverse=True):
        if word.startswith(prefix) and frequent(word[len(prefix) :]):
            return prefix, word[len(prefix) :]
    for head in sorted(table.get("heads", ()), key=len, reverse=True):
        if word.endswith(head) and frequent(word[: -len(head)]):
            return word[: -len(head)], head
    return None
