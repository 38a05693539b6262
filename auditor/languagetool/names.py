"""Keep people and places out of the spelling findings without hiding real misspellings.

LanguageTool's dictionary lacks most names in the news (Qamishli, Khirbet Ammu,
Caggins). A capitalised token it calls a misspelling is treated as a name when it
is on the editable allowlist ``rules/names.txt``, looks like one (all capitals,
inner capitals, digits), or has no close common-word correction. It stays a
spelling finding when one edit turns it into a frequent word (``Teh`` -> ``The``,
``Washingtn`` -> ``Washington``) and it is not spelled that way again in the same
document (a writer who repeats a spelling means it). Mid-sentence, where the capital
itself says "name", the bar is higher: a long token and a very frequent correction.
Lowercase tokens are never taken for names unless allowlisted.

With a source, the filter also learns the source's names: its capitalised words (every word of
a script without capitals) romanised (:func:`romanised`, anyascii's tables), so ``Offkov`` in the
target is the source's ``Офкова`` and not a typo (:func:`matches_source_name`).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from auditor.models import Document
from auditor.resources import rules_dir

#: A suggestion this frequent (Zipf scale) one edit away marks a real misspelling ...
COMMON_ZIPF = 3.5
#: ... but mid-sentence, where capitals already say "name", only a very frequent one,
#: and only for tokens this long (short capitalised tokens are names and acronyms).
MID_SENTENCE_ZIPF = 4.0
MID_SENTENCE_MIN_LENGTH = 6
#: A certain name rarer than this as an English word (Zipf) is masked before LanguageTool sees it.
UNKNOWN_NAME_ZIPF = 1.5
#: ... and a name seen once, that no common word is one edit from, rarer than this.
UNKNOWN_SINGLE_NAME_ZIPF = 2.5
_SENTENCE_END = re.compile(r"(^|[.!?:\n]['’\"”)\]]*)\s*$")
_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)
_POSSESSIVE = re.compile(r"['’]s?$")


def load_allowlist(path: Path | None = None) -> frozenset[str]:
    """Names from ``rules/names.txt``: one per line, ``#`` starts a comment, case-insensitive."""
    path = path or rules_dir() / "names.txt"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return frozenset()
    return frozenset(
        line.split("#", 1)[0].strip().casefold() for line in lines if line.split("#", 1)[0].strip()
    )


def edit_distance_at_most_one(a: str, b: str) -> bool:
    """True when ``a`` becomes ``b`` by at most one insertion, deletion, substitution or swap."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


@lru_cache(maxsize=65536)
def _near_common_word(word: str, bar: float) -> bool:
    """Some English word with Zipf >= ``bar`` is at most one edit from ``word``.

    If none is, no suggestion LanguageTool could make passes :meth:`NameFilter.is_name`'s
    test, so the token is a name whatever LanguageTool would have suggested. The ~450 variants
    are looked up together (this runs before LanguageTool's request can leave).
    """
    from auditor.language.lexicon import one_edit_variants
    from auditor.word_index import any_zipf_at_least

    return any_zipf_at_least(sorted(one_edit_variants(word)), "en", bar)


class NameFilter:
    """Decides whether a flagged capitalised token is a name (not a typo)."""

    def __init__(self, allowlist: frozenset[str] | None = None) -> None:
        self.allowlist = load_allowlist() if allowlist is None else allowlist

    @staticmethod
    def capitalised_counts(text: str) -> Counter[str]:
        """How often each capitalised token occurs in ``text``."""
        return Counter(
            t for t in (_POSSESSIVE.sub("", m.group()) for m in _TOKEN.finditer(text)) if t[:1].isupper()
        )

    @staticmethod
    def starts_sentence(text: str, start: int) -> bool:
        """True when the token at ``start`` opens a sentence, line or quotation."""
        return bool(_SENTENCE_END.search(text[max(0, start - 12) : start])) or start == 0

    def certain_name(self, bare: str, counts: Counter[str], sentence_initial: bool) -> bool | None:
        """True for a name whatever LanguageTool suggests, False for no name, None when it depends."""
        if not bare:
            return False
        if bare.casefold() in self.allowlist or all(
            part.casefold() in self.allowlist for part in re.split(r"[-\s]", bare) if part
        ):
            return True
        if not bare[:1].isupper():
            return False
        if (
            (bare.isupper() and len(bare) > 1)
            or any(c.isupper() for c in bare[1:])
            or any(c.isdigit() for c in bare)
        ):
            return True
        if counts.get(bare, 0) >= 2:
            return True
        if not sentence_initial and len(bare) < MID_SENTENCE_MIN_LENGTH:
            return True
        return None

    def unknown_names(self, text: str, start: int, end: int, counts: Counter[str]) -> list[tuple[int, int]]:
        """Spans in ``text[start:end]`` of names LanguageTool need not spell-check.

        A token that is certainly a name (:meth:`certain_name`, whatever the suggestions) and
        rare as an English word would be flagged as a misspelling, cost LanguageTool most of
        its time in suggestions, and then be dropped by :meth:`is_name` anyway: it is sent
        masked (see :mod:`auditor.languagetool.client`). A masked token takes its name
        neighbours along (``Duan Mengqi`` is one span), so a stand-in never pairs with the
        rest of the name into something LanguageTool's multi-word speller knows.
        """
        from auditor.language.lexicon import zipf

        names: list[tuple[int, int, bool]] = []  # start, end, rare
        for match in _TOKEN.finditer(text, start, end):
            bare = _POSSESSIVE.sub("", match.group()).rstrip(".")
            if not bare[:1].isupper() or not bare.replace("-", "").isalpha():
                continue
            initial = self.starts_sentence(text, match.start())
            certain = self.certain_name(bare, counts, initial)
            frequency = zipf(bare.casefold())
            rare = frequency < UNKNOWN_NAME_ZIPF
            if certain is None and frequency < UNKNOWN_SINGLE_NAME_ZIPF:
                # what is_name would ask of LanguageTool's suggestions, asked of every word
                certain = not _near_common_word(bare.casefold(), COMMON_ZIPF if initial else MID_SENTENCE_ZIPF)
                rare = certain
            if certain:
                names.append((match.start(), match.start() + len(bare), rare))
        runs: list[list[tuple[int, int, bool]]] = []
        for name in names:
            if runs and text[runs[-1][-1][1] : name[0]] == " ":
                runs[-1].append(name)
            else:
                runs.append([name])
        return [(run[0][0], run[-1][1]) for run in runs if any(rare for _, _, rare in run)]

    @staticmethod
    def beside_rare_name(text: str, start: int, end: int) -> bool:
        """The token at ``text[start:end]`` has a neighbour (one space away) that is a capitalised word
        too rare to be English: ``Duan`` in ``Duan Mengqi`` belongs to a name. A common capitalised
        neighbour says nothing (``Good Neighor Home`` keeps its typo)."""
        from auditor.language.lexicon import zipf

        after = _TOKEN.match(text, end + 1) if text[end : end + 1] == " " else None
        before = re.search(r"([^\W\d_][\w'’.-]*) $", text[max(0, start - 40) : start])
        for word in (after.group() if after else "", before.group(1) if before else ""):
            bare = _POSSESSIVE.sub("", word).rstrip(".")
            if bare[:1].isupper() and bare.isalpha() and zipf(bare.casefold()) < UNKNOWN_SINGLE_NAME_ZIPF:
                return True
        return False

    def is_name(
        self,
        token: str,
        suggestions: tuple[str, ...] | list[str],
        counts: Counter[str],
        sentence_initial: bool = True,
    ) -> bool:
        """True when ``token`` (flagged as a misspelling) should be taken as a name."""
        bare = _POSSESSIVE.sub("", token.strip())
        certain = self.certain_name(bare, counts, sentence_initial)
        if certain is not None:
            return certain
        from auditor.word_index import zipf_frequency  # wordfreq's, from the on-disk index

        bar = COMMON_ZIPF if sentence_initial else MID_SENTENCE_ZIPF
        folded = bare.casefold()
        for suggestion in suggestions[:5]:
            if " " in suggestion:  # "Rossby" -> "Ross by" says nothing about a name
                continue
            if (
                edit_distance_at_most_one(folded, suggestion.casefold())
                and zipf_frequency(suggestion, "en") >= bar
            ):
                return False
        return True


#: Two romanised spellings this similar (difflib ratio) are one name (``Ofkov`` / ``Offkov``).
SOURCE_NAME_RATIO = 0.75
#: ... or they share a stem this long (Russian and Estonian inflect names: ``Офкова`` / ``Offkov``).
SOURCE_NAME_STEM = 4
#: A source word: letters and the combining marks of Indic scripts (which ``\w`` leaves out).
_SOURCE_WORD = re.compile(r"[^\s\d.,;:!?\"'“”‘’„«»()\[\]{}<>/|।॥؟،–—-][^\s.,;:!?\"“”„«»()\[\]{}<>/|।॥؟،–—]*")


def romanised(word: str) -> str:
    """``word`` in plain lower-case Latin letters: transliterated (anyascii's tables: Cyrillic,
    Arabic, Devanagari, Sinhala ...), accents dropped, everything but letters removed."""
    from anyascii import anyascii

    return "".join(c for c in anyascii(word).casefold() if c.isalpha())


def _caseless(word: str) -> bool:
    """A word of a script without capitals (Arabic, Devanagari, Sinhala, CJK): any word may be a name."""
    return word.upper() == word.lower()


def source_name_keys(source: str) -> frozenset[str]:
    """Romanised forms of the words of ``source`` that may be names: capitalised words of a cased
    script (the first word too: sentences often open with a name), every word of a caseless one."""
    keys = set()
    for match in _SOURCE_WORD.finditer(source):
        word = match.group()
        if _caseless(word) or word[:1].isupper():
            key = romanised(word)
            if len(key) >= 3:
                keys.add(key)
    return frozenset(keys)


def matches_source_name(token: str, keys: frozenset[str]) -> bool:
    """``token`` (a target word) spells one of the romanised source words ``keys``."""
    from difflib import SequenceMatcher

    key = romanised(_POSSESSIVE.sub("", token))
    if len(key) < 3 or not keys:
        return False
    if key in keys:
        return True
    for other in keys:
        if abs(len(other) - len(key)) > max(3, len(key) // 2):
            continue
        stem = 0
        for a, b in zip(key, other, strict=False):
            if a != b:
                break
            stem += 1
        if stem >= SOURCE_NAME_STEM and stem >= 0.6 * min(len(key), len(other)):
            return True
        if SequenceMatcher(None, key, other).ratio() >= SOURCE_NAME_RATIO:
            return True
    skeleton = _skeleton(key)
    return len(skeleton) >= 3 and any(_skeleton(other) == skeleton for other in keys)


def _skeleton(word: str) -> str:
    """Consonants only, doubles collapsed: scripts that write no short vowels (``محمد`` is ``mhmd``)."""
    out: list[str] = []
    for c in word:
        if c not in "aeiouy" and (not out or out[-1] != c):
            out.append(c)
    return "".join(out)


def document_source_keys(document: Document) -> list[frozenset[str]] | None:
    """For each sentence of a bilingual ``document``, the romanised source words that may be names:
    its own source segment's when the input is segment-aligned, else the whole source's."""
    if document.source_segments is not None and len(document.source_segments) == len(document.sentences):
        return [source_name_keys(source or "") for source in document.source_segments]
    if document.source:
        keys = source_name_keys(document.source)
        return [keys] * len(document.sentences)
    return None


def source_name(keys: list[frozenset[str]] | None, index: int, word: str) -> bool:
    """Capitalised ``word`` of sentence ``index`` spells one of its source's names (see
    :func:`document_source_keys`). A lower-case word that does is left alone: from a caseless source
    (Nepali, Sinhala) it is mostly a transliteration left untranslated, which post-editors replaced (taking
    such words for names excused 215 of ne-en's 366 speller findings, 211 of them real errors)."""
    if not keys or index >= len(keys) or not word[:1].isupper():
        return False
    return matches_source_name(word, keys[index])


_NON_LATIN_LETTER = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f]")
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f][\w'’-]*")


def copied_latin_words(source: str) -> frozenset[str]:
    """The Latin-script words of a source written in another script (``https``, ``sergey`` of a URL or
    handle in a Russian source), case-folded. A target word among them was copied, not misspelt. A
    Latin-script source gives none: there a copied word is a word left untranslated (``abundent``)."""
    if not _NON_LATIN_LETTER.search(source):
        return frozenset()
    return frozenset(word.casefold() for word in _LATIN_WORD.findall(source))


def document_copied_words(document: Document) -> list[frozenset[str]] | None:
    """For each sentence of a segment-aligned bilingual ``document``, :func:`copied_latin_words` of its
    source segment (None when the input is not segment-aligned)."""
    segments = document.source_segments
    if segments is None or len(segments) != len(document.sentences):
        return None
    return [copied_latin_words(source or "") for source in segments]


#: Arabic and other name particles written in lower case before a capitalised name: ``al-Islami``,
#: ``ut-Tahrir``, ``bin-Laden``; such a token is a name whatever the speller says.
_NAME_PARTICLE = re.compile(r"(?:al|el|ul|ut|ud|ad|ar|as|ash|at|az|an|ibn|bin|abu|ben)-[A-Z][a-z]+")


def particle_name(token: str) -> bool:
    """``token`` is a name led by a lower-case particle (``al-Assad``, ``ut-Tahrir``)."""
    return _NAME_PARTICLE.fullmatch(_POSSESSIVE.sub("", token.strip())) is not None
