"""Offline misspelling check that keeps names safe.

Works without LanguageTool, from vocabularies shipped in PyPI wheels: a
lower-case word is a likely typo when

* no English vocabulary knows it (wordfreq has never seen it, and neither the
  CMU dictionary nor lemminflect's lexicon lists it), or
* it is rare (Zipf < 2.5), unknown to both dictionaries, and one edit away
  (a dropped, added, swapped or changed letter) from a common word (Zipf ≥ 4)
  that is at least 100× more frequent: ``becuase`` → ``because``.

* it is a short non-word missing one letter of a very common word (``nd``,
  ``tht``), or a lone letter between words (``it s ready``).

Compounds and derivations of known words (``planemaker``, ``superprofits``) are
accepted. A capitalised word is usually a name, and a false alarm on a name costs
an editor's trust: it is flagged only if it is all but unseen and swapping two
neighbouring letters gives a very common word (``Amercia`` → ``America``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from auditor.language.lexicon import in_cmudict, one_edit_variants, parts_of_speech, zipf
from auditor.languagetool.names import document_copied_words
from auditor.limits import MAX_WORD_LETTERS
from auditor.models import Document, Finding, Severity
from auditor.rules_engine.check_rules import declared_rules

_WORD = re.compile(r"(?<![\w'’\-./@#])[A-Za-z][a-z]{1,}(?![\w'’\-/@]|\.[a-z])")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_LABEL_NOUNS = frozenset({
    "section", "subsection", "item", "paragraph", "part", "appendix", "exhibit", "option", "type", "plan",
    "grade", "vitamin", "class", "size", "point", "step", "note", "clause", "article", "chapter", "schedule",
    "annex", "letter", "column", "row", "figure", "table", "model", "series", "category", "group", "phase",
    "stage", "hepatitis", "variable", "axis", "and", "or", "to",
})
#: A lone lower-case letter between two words (not ``a``/``i``, list labels ``(b)`` or ``e.g.``).
_STRAY_LETTER = re.compile(r"(?<=[a-z,] )[b-hj-z](?= [a-z])")
RARE = 3.1
COMMON = 4.0
NAME_COMMON = 4.5
NAME_RARE = 2.0
DROPPED_RARE = 2.0
FUNCTION_WORD = 6.0
MARGIN = 2.0
#: An unseen word is flagged anyway; its suggestion need only be a real word.
UNSEEN_FIX = 3.0
_SUFFIXES = (
    "s", "es", "ed", "d", "ing", "er", "ers", "ly", "ation", "ization", "ness", "ment", "ist", "ists",
    "able", "ible",
)
_PREFIXES = (
    "un", "re", "sub", "non", "pre", "anti", "co", "de", "dis", "inter", "multi", "over", "post", "eco",
    "bio", "geo", "micro", "macro", "mega", "semi", "super", "ultra", "cyber", "tele",
)


def _swaps(word: str) -> set[str]:
    """Strings with two neighbouring letters swapped (``becuase`` → ``because``)."""
    return {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)} - {word}


def _inserts(word: str) -> set[str]:
    """Strings with one letter added (``powe`` → ``power``)."""
    return {word[:i] + c + word[i:] for i in range(len(word) + 1) for c in _LETTERS}


def _best(candidates: set[str], floor: float) -> str | None:
    """The most frequent candidate at or above ``floor``."""
    best, best_zipf = None, floor
    for candidate in candidates:
        frequency = zipf(candidate)
        if frequency >= best_zipf:
            best, best_zipf = candidate, frequency
    return best


@lru_cache(maxsize=16384)
def known(word: str) -> bool:
    """Whether a dictionary lists ``word`` (frequency aside). The CMU dictionary also lists
    names and variant spellings (``thier``, ``frome``), so it vouches only for words with no
    slip-close common word."""
    if parts_of_speech(word):
        return True
    return in_cmudict(word) and _best(_slips(word), max(COMMON, zipf(word) + MARGIN)) is None


@lru_cache(maxsize=16384)
def correction(word: str) -> str | None:
    """The most frequent common word one edit away, if it is far more frequent than ``word``.

    A word wordfreq has seen is a typo only by the slips people make and that
    rarely produce a real word: swapped neighbours (``thier``), a doubled or
    undoubled letter (``untill``, ``trafic``), a vowel added, dropped or changed
    (``diffrent``, ``relevent``), or a dropped letter next to a very common word
    (``powe`` → ``power``); any edit would catch real rare words (``chub`` →
    ``club``, ``phages`` → ``pages``).
    """
    frequency = zipf(word)
    if frequency == 0:
        return _best(one_edit_variants(word), UNSEEN_FIX)
    slip = _best(_slips(word), max(COMMON, frequency + MARGIN))
    if slip or frequency >= DROPPED_RARE:
        return slip
    return _best(one_edit_variants(word), max(COMMON + 0.5, frequency + 3.0))


def _slips(word: str) -> set[str]:
    """Swaps, doubling and undoubling, and vowel insertions, deletions and changes."""
    vowels = "aeiou"
    out = set(_swaps(word))
    for i, char in enumerate(word):
        if i + 1 < len(word) and word[i + 1] == char:
            out.add(word[:i] + word[i + 1 :])  # undouble
        out.add(word[:i] + char + word[i:])  # double
        if char in vowels:
            out.add(word[:i] + word[i + 1 :])
            out.update(word[:i] + v + word[i + 1 :] for v in vowels)
    out.update(word[:i] + v + word[i:] for i in range(len(word) + 1) for v in vowels)
    return out - {word}


def derivable(word: str) -> bool:
    """``superprofits``, ``planemaker``, ``terrorization``: a compound or derivation of known words."""
    for suffix in _SUFFIXES:
        stem = word[: -len(suffix)]
        if not word.endswith(suffix) or len(stem) < 3:
            continue
        if zipf(stem) >= RARE - 0.6 or zipf(stem + "e") >= RARE:
            return True
    for prefix in _PREFIXES:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= 3 and (zipf(rest) >= RARE - 0.6 or derivable(rest)):
            return True
    return any(
        zipf(word[:i]) >= 3.0 and (zipf(word[i:]) >= 3.0 or derivable(word[i:]))
        for i in range(4, len(word) - 3)
    )


def clipped(word: str) -> str | None:
    """``nd`` → ``and``, ``tht`` → ``that``: a short non-word missing one letter of a very common word."""
    if len(word) > 4 or parts_of_speech(word) or zipf(word) >= COMMON:
        return None
    return _best(_inserts(word), max(FUNCTION_WORD, zipf(word) + 2.5))


@lru_cache(maxsize=16384)
def misspelt(word: str) -> tuple[bool, str | None]:
    """(is it a likely typo, the suggested word) for a lower-case ``word``."""
    frequency = zipf(word)
    short = clipped(word)
    if short:
        return True, short
    if frequency >= RARE or known(word):
        return False, None
    fix = correction(word)
    if fix is None and (frequency > 0 or derivable(word)):
        return False, None
    return True, fix


@lru_cache(maxsize=16384)
def misspelt_name(word: str) -> tuple[bool, str | None]:
    """A capitalised word is flagged only when it is all but unseen and one slip inside the
    word (first and last letters kept) from a common word (``Amercia`` → ``America``,
    ``Whn`` → ``When``); rare names stay safe (``Parly`` is not ``Party``)."""
    lower = word.lower()
    if zipf(lower) >= NAME_RARE or known(lower):
        return False, None
    # Keep the first and last letters: ``Maxa`` is not ``Max``, ``Eroll`` is not ``Roll``.
    best = _best({c for c in _slips(lower) if c[0] == lower[0] and c[-1] == lower[-1]}, NAME_COMMON)
    return (True, best[0].upper() + best[1:]) if best else (False, None)


STRAY_LETTER, UNKNOWN_WORD = declared_rules("spelling", "stray-letter", "unknown-word")  # rules/checks/spelling.yaml


class SpellingCheck:
    """Flags lower-case words no English vocabulary knows."""

    name = "spelling"

    def check(self, document: Document) -> Iterator[Finding]:
        """One finding per unknown lower-case word."""
        copied = document_copied_words(document)
        for index, sentence in enumerate(document.sentences):
            text = document.sentence_text(sentence)
            for match in _WORD.finditer(text):
                word = match.group(0)
                if len(word) > MAX_WORD_LETTERS:
                    continue  # not a word anyone typed: the limits check reports it
                if copied and word.casefold() in copied[index]:
                    continue  # copied from a source in another script (a URL, a handle): not misspelt
                typo, fix = misspelt(word) if word.islower() else misspelt_name(word)
                if not typo:
                    continue
                reason = f"did you mean “{fix}”?" if fix else "no English dictionary lists it"
                yield UNKNOWN_WORD.at(
                    sentence.start + match.start(), sentence.start + match.end(),
                    f"“{word}” looks misspelt: {reason}.",
                    (fix,) if fix else (),
                    severity=Severity.MAJOR if fix else Severity.MINOR,
                )
            for match in _STRAY_LETTER.finditer(text):
                previous = text[: match.start()].split()[-1].lower().strip(",")
                if previous in _LABEL_NOUNS:
                    continue  # "subsection b above", "vitamin d levels"
                yield STRAY_LETTER.at(
                    sentence.start + match.start(), sentence.start + match.end(),
                    f"“{match.group(0)}” stands alone between words; a letter of a word seems lost "
                    "(only “a” and “I” are one-letter words).",
                )
