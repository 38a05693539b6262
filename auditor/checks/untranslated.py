"""Untranslated fragments and code-mixing left in English copy.

Two signals, both from data rather than hand lists:

* letters of another script (CJK, kana, Hangul, Cyrillic, Arabic, Devanagari,
  Greek, Hebrew, Thai...) inside English text;
* Latin-script words that are rare in English but common in another language,
  judged with the per-language word frequencies of ``wordfreq``.

Names are the main trap: a capitalised word in the middle of a sentence is
usually a name, and names travel between languages with similar frequencies
(Merkel, Müller, Kraków). Capitalised words therefore need much stronger
evidence: almost no English use and a large gap to a common foreign word.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from auditor.language.lexicon import one_edit_variants
from auditor.language.lexicon import zipf_in as zipf_frequency  # wordfreq's, minus needless tokenizing
from auditor.limits import MAX_WORD_LETTERS
from auditor.models import Document, Finding, Sentence, Severity
from auditor.rules_engine.check_rules import declared_rules

#: Languages whose untranslated words we recognise in Latin script.
LATIN_LANGUAGES = ("de", "fr", "es", "it", "nl", "pt", "pl", "cs", "sv", "da", "ro", "tr", "hu", "fi")

#: A lower-case word is foreign when another language uses it this much more (Zipf points)...
LOWER_GAP = 2.5
#: ...and that language uses it at least this often (Zipf 4 = 10 per million words).
LOWER_FOREIGN_MIN = 3.8
#: Words this common in English are English whatever else they are ("will", "coup").
ENGLISH_CEILING = 4.0
#: A capitalised word mid-sentence is usually a name: it needs near-zero English use and a big gap.
NAME_ENGLISH_MAX = 2.5
NAME_GAP = 2.8
NAME_FOREIGN_MIN = 4.0
#: In any language, a capitalised word this common there (Zipf 5: 100 per million) is an everyday word.
COMMON_WORD_MIN = 5.0
#: A foreign reading weaker than this loses to a common English word one slip away...
MISSPELLING_FOREIGN_MAX = 5.0
#: ...that English uses at least this often (Zipf 4.5: "include", "large", "annual").
NEAR_ENGLISH_MIN = 4.5

_TOKEN = re.compile(r"[^\W\d_]+(?:[’'\-][^\W\d_]+)*")
_SENTENCE_START = re.compile(r"^[\W\d_]*$")
#: ASCII letters are Latin: only other characters can be of another script.
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    kind: str  # "script" or a language code
    detail: str


@lru_cache(maxsize=4096)
def script_of(char: str) -> str | None:
    """The script of a non-Latin letter (``CJK``, ``CYRILLIC``...), or None for Latin/non-letters."""
    if not char.isalpha():
        return None
    try:
        name = unicodedata.name(char)
    except ValueError:
        return None
    if name.startswith("LATIN"):
        return None
    first = name.split()[0]
    if first in {"CJK", "HIRAGANA", "KATAKANA", "HANGUL", "IDEOGRAPHIC"}:
        return "CJK"
    return first


#: Zero-width (non-)joiners: inside Indic and Arabic words they shape the letters around them.
_JOINERS = "\u200c\u200d"


@lru_cache(maxsize=4096)
def _joins(char: str) -> bool:
    """A combining mark (a Devanagari vowel sign, virama, nukta; an Arabic haraka) or a joiner:
    part of the word its letters make, never the end of it."""
    return char in _JOINERS or unicodedata.category(char).startswith("M")


#: Languages that capitalise common nouns: there a capitalised word need not be a name.
NOUN_CAPITALISING = frozenset({"de"})
#: A word English has never seen needs only this much use in another language.
UNSEEN_FOREIGN_MIN = 2.3


@lru_cache(maxsize=65536)
def foreign_language(word: str, capitalised: bool, opener: bool = False) -> tuple[str, float, float] | None:
    """``(lang, foreign_zipf, english_zipf)`` when ``word`` reads as another language's word.

    A weakly foreign lower-case ASCII word one typing slip away from a common English word
    (includ, larg, anual) is a misspelling, left to the spelling checks.
    """
    found = _foreign_language(word, capitalised, opener)
    plain = word.isascii() and word.islower()  # slips rarely add diacritics or a capital: Präsident, Reaktion
    if found and plain and found[1] < MISSPELLING_FOREIGN_MAX and _near_english(word):
        return None
    return found


def _near_english(lower: str) -> bool:
    """One deletion, insertion, substitution or swap turns ``lower`` into a common English word."""
    return any(zipf_frequency(c, "en") >= NEAR_ENGLISH_MIN for c in one_edit_variants(lower) if len(c) > 2)


def _foreign_language(word: str, capitalised: bool, opener: bool) -> tuple[str, float, float] | None:
    """The frequency tests behind :func:`foreign_language`.

    ``capitalised`` marks a capitalised word mid-sentence: in English copy that is
    a name unless the word is a common noun of a language that capitalises nouns.
    ``opener`` marks a capitalised sentence opener, which may be any word.
    """
    lower = word.lower()
    parts = [p for p in re.split(r"[\-’']", lower) if p]
    if len(lower) < 3 and lower.isascii():
        return None
    if any(len(p) < 2 for p in parts):
        return None
    english = zipf_frequency(lower, "en")
    if english >= ENGLISH_CEILING:
        return None
    best_lang, best = "", 0.0
    for lang in LATIN_LANGUAGES:
        score = zipf_frequency(lower, lang)
        if score > best:
            best_lang, best = lang, score
    if not capitalised and english < 1.0 and best < UNSEEN_FOREIGN_MIN:
        spelled = _foreign_spelling(lower)
        if spelled:
            return (spelled, best, english)
    if best == 0.0 and english == 0.0:
        return _german_compound(lower)
    if opener:
        ok = best >= 4.5 and best - english >= 3.0
        if ok:
            return (best_lang, best, english)
    if capitalised:
        any_lang, anywhere = best_lang, best
        best_lang, best = max((zipf_frequency(lower, lang), lang) for lang in NOUN_CAPITALISING)[::-1]
        ok = english <= NAME_ENGLISH_MAX and best - english >= NAME_GAP
        ok = ok and (best >= NAME_FOREIGN_MIN or (english == 0.0 and best >= UNSEEN_FOREIGN_MIN + 0.4))
        if not ok and anywhere >= COMMON_WORD_MIN and english <= 2.0 and anywhere - english >= 3.0:
            return (any_lang, anywhere, english)  # Gobierno, Praha: everyday words, not names
    elif english < 1.0:
        ok = best >= UNSEEN_FOREIGN_MIN
    else:
        gap = LOWER_GAP if english < 2.5 else LOWER_GAP + 0.9  # déjà (vu), señor: loans keep English use
        ok = best >= LOWER_FOREIGN_MIN and best - english >= gap
    if not ok and english == 0.0 and best < NAME_FOREIGN_MIN:
        return _german_compound(lower)
    return (best_lang, best, english) if ok else None


#: Letters no English word is spelt with, by the language they mark most.
FOREIGN_LETTERS = {
    "pl": "łąęśźżćń",
    "cs": "řěůťď",
    "hu": "őű",
    "tr": "ğış",
    "ro": "șțăâ",
    "de": "ß",
}


def _foreign_spelling(lower: str) -> str | None:
    """A lower-case word English has never seen, spelt with letters English does not use."""
    for lang, letters in FOREIGN_LETTERS.items():
        if any(c in letters for c in lower):
            return lang
    return None


def _german_compound(lower: str) -> tuple[str, float, float] | None:
    """A German compound absent from every list: two common German words, one not English.

    Short parts (Tal-, -ring, -berg) make place names, so the stem needs four letters and the tail six.
    """
    if len(lower) < 9 or not lower.isalpha():
        return None
    for cut in range(4, len(lower) - 5):
        head, tail = lower[:cut], lower[cut:]
        for joint in ("", "s", "es", "n"):
            if joint and not head.endswith(joint):
                continue
            stem = head[: len(head) - len(joint)] if joint else head
            if len(stem) < 4:
                continue
            de_head, de_tail = zipf_frequency(stem, "de"), zipf_frequency(tail, "de")
            if de_head < 3.0 or de_tail < 2.5:
                continue
            if max(de_head - zipf_frequency(stem, "en"), de_tail - zipf_frequency(tail, "en")) >= 2.0:
                return ("de", min(de_head, de_tail), 0.0)
    return None


UNTRANSLATED_SCRIPT, UNTRANSLATED_WORD = declared_rules(  # rules/checks/untranslated.yaml
    "untranslated", "untranslated-script", "untranslated-word",
)


class UntranslatedCheck:
    """Words in another script or another language left in English copy."""

    name = "untranslated"

    def check(self, document: Document) -> Iterator[Finding]:
        """Findings for every sentence of ``document``."""
        names = source_names(document)
        for sentence in document.sentences:
            hits = list(self._script_hits(document, sentence)) + list(self._word_hits(document, sentence, names))
            hits.sort(key=lambda h: h.start)
            for run in _runs(document.text, hits):
                yield _finding(document.text, run)

    @staticmethod
    def _script_hits(document: Document, sentence: Sentence) -> Iterator[_Hit]:
        text = document.text
        i = sentence.start
        while found := _NON_ASCII.search(text, i, sentence.end):
            i = found.start()
            script = script_of(text[i])
            if script is None:
                i += 1
                continue
            j = i
            while j < sentence.end and (script_of(text[j]) is not None or text[j] in "·・ー々" or _joins(text[j])):
                j += 1
            while j > i + 1 and text[j - 1] in _JOINERS:
                j -= 1  # a joiner ends nothing: it belongs between letters
            if script == "GREEK" and j - i == 1:
                i = j  # a lone Greek letter is a symbol: μm, β-blocker, Ω
                continue
            yield _Hit(i, j, "script", script)
            i = j

    @staticmethod
    def _word_hits(document: Document, sentence: Sentence, names: frozenset[str] = frozenset()) -> Iterator[_Hit]:
        text = document.text
        for match in _TOKEN.finditer(text, sentence.start, sentence.end):
            word = match.group(0)
            if len(word) > MAX_WORD_LETTERS:
                continue  # not a word of any language: the limits check reports it
            if not word.isascii() and any(script_of(c) for c in word):
                continue
            if word.isupper() and len(word) > 1:
                continue  # acronyms
            if any(c.isupper() for c in word[1:]):
                continue  # iPhone, McDonald, DeSantis
            capitalised = word[0].isupper()
            if capitalised and _name_key(word) in names:
                continue  # the source writes it as a name: carried over, not left untranslated
            opener = capitalised and bool(_SENTENCE_START.match(text[sentence.start : match.start()]))
            found = foreign_language(word, capitalised, opener)
            if (
                found
                and capitalised
                and not _strong(found)
                and _next_to_name(text, match.start(), match.end(), sentence)
            ):
                continue
            if found and _in_name(text, match.start(), match.end(), sentence):
                continue
            if found:
                lang, best, english = found
                yield _Hit(match.start(), match.end(), lang, f"{best:.1f} vs {english:.1f}")


#: Romanian s and t with a cedilla, as older text types them, read as the comma-below letters.
_CEDILLAS = str.maketrans("şţŞŢ", "șțȘȚ")
_SOURCE_WORD = re.compile(r"[^\W\d_]+(?:[’'\-][^\W\d_]+)*")
_SOURCE_OPENER = re.compile(r"(?:^|[.!?:;…»“”\"]\s*|\n)\s*[\W\d_]*$")


def _name_key(word: str) -> str:
    """How a name is compared between source and target (NFC, Romanian cedillas as commas)."""
    return unicodedata.normalize("NFC", word).translate(_CEDILLAS)


def source_names(document: Document) -> frozenset[str]:
    """Words the source capitalises inside its sentences, where its language capitalises only names.

    Such a word carried into the English as it is (Timişoara, Ştefan, Nicolae) is a name, however
    common it is in the source language; a German source capitalises every noun, and a source of
    unknown language says nothing, so they give none.
    """
    from auditor.checks.source_common import primary

    sources = document.source_segments or ([document.source] if document.source else [])
    lang = primary(document.source_lang)
    if not sources or lang is None or lang in NOUN_CAPITALISING:
        return frozenset()
    names = set()
    for source in sources:
        for match in _SOURCE_WORD.finditer(source):
            word = match.group(0)
            if word[0].isupper() and not _SOURCE_OPENER.search(source[max(0, match.start() - 40) : match.start()]):
                names.add(_name_key(word))
    return frozenset(names)


def _strong(found: tuple[str, float, float]) -> bool:
    """A common word of the language that English never uses: no name looks like this."""
    _lang, best, english = found
    return english == 0.0 and best >= NAME_FOREIGN_MIN


_NEXT_CAP = re.compile(r"\s+[A-Z][a-z]")
_PREV_CAP = re.compile(r"[A-Z][\w’'\-]*\s+$")
#: Short lower-case particles inside names: Corriere della Sera, Unter den Linden, Lula da Silva.
_PARTICLE = r"[a-zà-ÿ]{1,4}"
_AFTER = re.compile(rf"(?P<particles>(?:\s+{_PARTICLE}){{0,2}})\s+[A-Z][a-z]")
_BEFORE = re.compile(rf"[A-Z][\w’'\-]*(?P<particles>(?:\s+{_PARTICLE}){{0,2}})\s+$")
#: A name particle (da, von, della, den) is rarer than this in English; "of", "the", "and" are not.
PARTICLE_ENGLISH_MAX = 5.5


def _in_name(text: str, start: int, end: int, sentence: Sentence) -> bool:
    """Part of a name: a short lower-case word between capitalised ones (della in Corriere della
    Sera), or a capitalised word joined by foreign particles to the next one (Unter den Linden)."""
    after = _AFTER.match(text, end, sentence.end)
    if not after or not _foreign_particles(after.group("particles")):
        return False
    if text[start].isupper():
        return bool(after.group("particles").split())
    before = _BEFORE.search(text[max(sentence.start, start - 40) : start])
    return end - start <= 5 and bool(before) and _foreign_particles(before.group("particles"))


def _foreign_particles(chunk: str) -> bool:
    """Particles of names are not everyday English words ("of", "the", "also" break a name)."""
    return all(zipf_frequency(word, "en") < PARTICLE_ENGLISH_MAX for word in chunk.split())


def _next_to_name(text: str, start: int, end: int, sentence: Sentence) -> bool:
    """A capitalised word beside another capitalised word is part of a name (Peter Frampton)."""
    if _NEXT_CAP.match(text, end, sentence.end):
        return True
    before = text[max(sentence.start, start - 40) : start]
    if not _PREV_CAP.search(before):
        return False
    head = text[sentence.start : start].rstrip()
    return bool(head) and len(head.split()) > 1  # the word before is not the sentence opener


def _runs(text: str, hits: list[_Hit]) -> Iterator[list[_Hit]]:
    """Group hits separated only by spaces or light punctuation into runs."""
    run: list[_Hit] = []
    for hit in hits:
        if run and re.fullmatch(r"[\s,\-–]*", text[run[-1].end : hit.start]):
            run.append(hit)
            continue
        if run:
            yield run
        run = [hit]
    if run:
        yield run


_LANGUAGE_NAMES = {
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "nl": "Dutch",
    "pt": "Portuguese",
    "pl": "Polish",
    "cs": "Czech",
    "sv": "Swedish",
    "da": "Danish",
    "ro": "Romanian",
    "tr": "Turkish",
    "hu": "Hungarian",
    "fi": "Finnish",
}


def fragment_scripts(run: list[_Hit]) -> set[str]:
    """The scripts seen in a run of hits."""
    return {h.detail for h in run if h.kind == "script"}


def _finding(text: str, run: list[_Hit]) -> Finding:
    start, end = run[0].start, run[-1].end
    fragment = text[start:end]
    words_in_run = len(fragment.split())
    is_script = any(h.kind == "script" for h in run)
    if is_script:
        scripts = sorted({h.detail for h in run if h.kind == "script"})
        what = f"{'/'.join(s.title() for s in scripts)} script"
        rule = UNTRANSLATED_SCRIPT
    else:
        langs = sorted({_LANGUAGE_NAMES.get(h.kind, h.kind) for h in run})
        what = "/".join(langs)
        rule = UNTRANSLATED_WORD
    long_run = words_in_run >= 2 or (is_script and ("CJK" not in fragment_scripts(run) or len(fragment) >= 5))
    return rule.at(
        start, end,
        f"“{fragment}” is left untranslated ({what}): an English reader cannot follow it; "
        "translate it from the source.",
        severity=Severity.CRITICAL if long_run else Severity.MAJOR,
    )
