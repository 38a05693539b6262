"""Bilingual word lexicons (source language → English), the one place meaning checks and QE look words up.

Each language's lexicon is a data file ``rules/lexicons/<lang>-en.tsv``, readable and editable by an
editor::

    # source: where the entries come from; licence: its licence (one header line each, '#' first)
    hond<TAB>dog|hound
    niet<TAB>not

One entry per line: a source word (lower case, as it is written, inflected forms allowed) and its
English translations separated by ``|`` (single words or short phrases, lower case). Several files
may add to one language: ``<lang>-en.tsv`` and ``<lang>-en.*.tsv`` (e.g. one from a dictionary, one
learned from post-edited MT) are merged. Files load lazily, once per process and language, and only
for the languages a run needs.

An installed dictionary (:mod:`auditor.bilingual.dictionaries`: Debian's FreeDict packages for de, pl,
ja, hi and CC-CEDICT for zh, indexed in the user cache at set-up) is consulted after the files, by
:func:`lexicon_for` only: the QE features read their training lexicons alone (``auditor.qe.features``),
so their values do not move when a dictionary is installed.

Source words are looked up as written, then through ``source_keys`` (a language-specific fold, e.g.
a lemma or a stem), so a lexicon can hold lemmas while texts hold inflected forms. English words
match a translation when any of their lemmas (lemminflect) equals a translation or a content word
of a multi-word translation.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from auditor.errors import AuditorError
from auditor.resources import rules_dir

#: Words too common to carry meaning for coverage (English side).
_ENGLISH_STOP = frozenset(
    {
        "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "from", "and", "or", "but", "as",
        "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "he",
        "she", "they", "we", "you", "i", "his", "her", "their", "our", "your", "my", "me", "him", "them", "us",
        "not", "no",
    }
)


def fold(word: str) -> str:
    """The key a word is looked up by: lower case, NFC, apostrophes unified."""
    return unicodedata.normalize("NFC", word).lower().replace("’", "'")


@dataclass
class Lexicon:
    """Source word → English translations for one source language."""

    lang: str
    entries: dict[str, frozenset[str]] = field(default_factory=dict)
    #: Extra keys to try for a source word (lemma, stem...), most specific first.
    source_keys: Callable[[str], Iterable[str]] = lambda word: ()
    #: The files the entries came from, for messages and the README's table.
    files: tuple[Path, ...] = ()
    #: An installed dictionary index consulted after the entries (``DictionaryIndex``), or None.
    dictionary: object | None = None

    def __len__(self) -> int:
        return len(self.entries)

    def translations(self, word: str) -> frozenset[str]:
        """English translations of a source word ({} when the lexicon does not know it)."""
        key = fold(word)
        found = self.entries.get(key)
        if found:
            return found
        for alternative in self.source_keys(key):
            found = self.entries.get(alternative)
            if found:
                return found
        if self.dictionary is not None:
            for alternative in (key, *dictionary_keys(key, self.lang)):
                found = frozenset(self.dictionary.translations(alternative))  # type: ignore[attr-defined]
                if found:
                    return found
        return frozenset()

    def sources(self, english: str) -> frozenset[str]:
        """Source words the installed dictionary translates as ``english`` (lower case); {} without one."""
        if self.dictionary is None:
            return frozenset()
        return frozenset(self.dictionary.sources(fold(english)))  # type: ignore[attr-defined]

    def knows(self, word: str) -> bool:
        """Whether the lexicon has any translation for a source word."""
        return bool(self.translations(word))


def english_keys(word: str) -> frozenset[str]:
    """The forms an English word matches translations by: itself and its lemmas, lower case."""
    lower = fold(word)
    keys = {lower}
    try:
        from auditor.language.inflect import getAllLemmas

        for lemmas in getAllLemmas(lower).values():
            keys.update(lemma.lower() for lemma in lemmas)
    except ImportError:  # pragma: no cover - lemminflect is a dependency
        pass
    return frozenset(keys)


def translation_keys(translations: Iterable[str]) -> frozenset[str]:
    """The English words a set of translations offers: each translation and its content words."""
    keys: set[str] = set()
    for translation in translations:
        keys.add(translation)
        keys.update(word for word in translation.split() if word not in _ENGLISH_STOP)
    return frozenset(keys)


@dataclass(frozen=True)
class Coverage:
    """Which source words have a translation in the target, and which target words a source word."""

    source_covered: tuple[bool | None, ...]
    target_covered: tuple[bool | None, ...]

    @staticmethod
    def _share(flags: Sequence[bool | None]) -> float | None:
        known = [flag for flag in flags if flag is not None]
        return sum(known) / len(known) if known else None

    @property
    def source_share(self) -> float | None:
        """Share of the known source words whose translation appears in the target (None: none known)."""
        return self._share(self.source_covered)

    @property
    def target_share(self) -> float | None:
        """Share of the judged target words that translate some source word (None: none judged)."""
        return self._share(self.target_covered)


def coverage(source_words: Sequence[str], target_words: Sequence[str], lexicon: Lexicon) -> Coverage:
    """Match source words to target words through the lexicon.

    A source word the lexicon does not know is ``None`` (no evidence either way); a known one is
    True when one of its translations is among the target's word lemmas. A target word is True when
    it is a translation of some source word, False when it is a content word no source word
    explains, ``None`` for English function words.
    """
    target_keys = [english_keys(word) for word in target_words]
    all_target = frozenset().union(*target_keys) if target_keys else frozenset()
    offered: set[str] = set()
    source_flags: list[bool | None] = []
    for word in source_words:
        options = lexicon.translations(word)
        if not options:
            source_flags.append(None)
            continue
        keys = translation_keys(options)
        offered.update(keys)
        source_flags.append(bool(keys & all_target))
    target_flags: list[bool | None] = []
    for word, keys in zip(target_words, target_keys, strict=True):
        if fold(word) in _ENGLISH_STOP or not any(ch.isalpha() for ch in word):
            target_flags.append(None)
        else:
            target_flags.append(bool(keys & offered))
    return Coverage(tuple(source_flags), tuple(target_flags))


def lexicon_dir() -> Path:
    """Where the lexicon files live (``rules/lexicons``)."""
    return rules_dir() / "lexicons"


def read_lexicon_file(path: Path) -> dict[str, frozenset[str]]:
    """Entries of one lexicon file; a malformed line is an AuditorError naming the file and line."""
    entries: dict[str, set[str]] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise AuditorError(f"{path}: cannot read lexicon ({error})") from None
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        source, tab, english = line.partition("\t")
        translations = {fold(t).strip() for t in english.split("|") if t.strip()}
        if not tab or not source.strip() or not translations:
            raise AuditorError(f"{path}:{number}: expected 'source<TAB>english|english...', got {line[:60]!r}")
        entries.setdefault(fold(source.strip()), set()).update(translations)
    return {key: frozenset(values) for key, values in entries.items()}


def available_languages(directory: Path | None = None) -> list[str]:
    """Source languages that have at least one lexicon file."""
    base = directory or lexicon_dir()
    if not base.is_dir():
        return []
    return sorted({path.name.split("-en", 1)[0] for path in base.glob("*-en*.tsv")})


def load_lexicon(lang: str, directory: Path | None = None) -> Lexicon | None:
    """The merged lexicon of ``lang`` (None when no file exists for it)."""
    base = directory or lexicon_dir()
    lang = lang.lower().split("-")[0]
    files = sorted(base.glob(f"{lang}-en.tsv")) + sorted(base.glob(f"{lang}-en.*.tsv"))
    if not files:
        return None
    merged: dict[str, set[str]] = {}
    for path in files:
        for key, values in read_lexicon_file(path).items():
            merged.setdefault(key, set()).update(values)
    return Lexicon(
        lang=lang,
        entries={key: frozenset(values) for key, values in merged.items()},
        source_keys=source_folds(lang),
        files=tuple(files),
    )


#: Languages whose dictionary keys come from simplemma's lemma lists (inflected source words).
_SIMPLEMMA = frozenset({"de", "pl", "fr", "es", "it", "cs", "nl", "pt"})


def dictionary_keys(word: str, lang: str) -> tuple[str, ...]:
    """Keys of a source word in a dictionary that lists lemmas: simplemma's lemma where it has the language."""
    if lang not in _SIMPLEMMA:
        return ()
    import simplemma

    lemma = simplemma.lemmatize(word, lang=lang).lower()
    return (lemma,) if lemma != word else ()


@functools.cache
def packaged_lexicon(lang: str) -> Lexicon | None:
    """The lexicon of ``lang``'s packaged files alone (no installed dictionary), loaded once per process."""
    return load_lexicon(lang)


@functools.cache
def lexicon_for(lang: str) -> Lexicon | None:
    """The lexicon of ``lang``: its packaged files and its installed dictionary, loaded once per process
    (None when there is neither)."""
    from auditor.bilingual.dictionaries import dictionary

    lexicon = packaged_lexicon(lang)  # its files, read once; the packaged one stays without a dictionary
    index = dictionary(lang.lower().split("-")[0])
    if index is None:
        return lexicon
    if lexicon is None:
        return Lexicon(lang=lang.lower().split("-")[0], dictionary=index)
    return replace(lexicon, dictionary=index)


def source_folds(lang: str) -> Callable[[str], Iterable[str]]:
    """Extra look-up keys for source words of ``lang``: progressively shorter stems (≥ 4 letters).

    A crude, language-blind fallback for inflected forms (``hondjes`` → ``hond``): tried only after
    the word itself, and never below four letters, so short function words only match exactly.
    Languages with a real lemmatiser can replace this.
    """

    def keys(word: str) -> Iterable[str]:
        for end in range(len(word) - 1, 3, -1):
            yield word[:end]

    return keys
