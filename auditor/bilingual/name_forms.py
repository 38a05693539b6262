"""The forms in which a Latin- or Cyrillic-script source gives a name that English spells otherwise.

* **letters**: a language transliterates foreign names by its own letters (Estonian Šarapova,
  Janukovõtš, Hruštšov; Romanian Alioșa, Sahalin): spelled as English spells those letters, the
  name sounds like the translation's (Sharapova, Yanukovych, Khrushchev, Alyosha, Sakhalin);
* **endings**: a name declines (Estonian Aaltosega / Aaltonen, Riias / Riga; Romanian Ateneul;
  Russian Исаакиевский собор / St. Isaac's), and long vowels are doubled (Riigiduuma / Duma);
* **peoples**: English names a people after its place or language (Czechs, Rigans, Croats, Finns),
  which the source gives in its own form (tšehhide, riialaste, croați, soomlased: CLDR through Babel).

The letters, endings and stem alternations are data: ``rules/words/name-forms.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from auditor.resources import rules_dir

FORMS_FILE = "words/name-forms.yaml"
#: Letters a stem keeps when an ending is taken off.
MIN_STEM = 4
_LONG_VOWEL = re.compile(r"([aeiouõäöüy])\1")


@dataclass(frozen=True)
class LanguageForms:
    """One language's row of the table."""

    letters: tuple[tuple[str, str], ...]  # longest first; "^x": at the word's start only
    endings: tuple[re.Pattern[str], ...]  # each anchored at the word's end
    stems: tuple[tuple[str, str], ...]
    long_vowels: bool = False
    fold_rare: tuple[str, ...] = ()
    english_exonym: float | None = None

    def spelled(self, word: str) -> str:
        """``word`` with its letters as English spells them."""
        if not self.letters:
            return word
        out, i = [], 0
        while i < len(word):
            for letters, english in self.letters:
                if letters.startswith("^"):
                    if i == 0 and word.startswith(letters[1:]):
                        out.append(english)
                        i += len(letters) - 1
                        break
                elif word.startswith(letters, i):
                    out.append(english)
                    i += len(letters)
                    break
            else:
                out.append(word[i])
                i += 1
        return "".join(out)

    def stems_of(self, word: str) -> list[str]:
        """``word`` less one or two endings, and the name endings its stem alternates with."""
        found: list[str] = [word]
        current = [word]
        for _ in range(2):  # a plural and a case: alaani-de, Seišelli-de-l
            following = []
            for form in current:
                for ending in self.endings:
                    found_ending = ending.search(form)
                    if found_ending and found_ending.start() >= MIN_STEM:
                        following.append(form[: found_ending.start()])
            found += following
            current = following
        for stem in list(found):
            for stem_end, name_end in self.stems:
                if stem.endswith(stem_end):
                    found.append(stem[: -len(stem_end)] + name_end)
        return found[1:]


@lru_cache(maxsize=1)
def _table() -> dict[str, LanguageForms]:
    from auditor.yaml_files import parse_yaml  # safe loader, kept parsed like every rule file

    raw = parse_yaml((rules_dir() / FORMS_FILE).read_text(encoding="utf-8")) or {}
    table = {}
    for lang, row in raw.items():
        letters = sorted((row.get("letters") or {}).items(), key=lambda kv: -len(kv[0].lstrip("^")))
        table[lang] = LanguageForms(
            letters=tuple((k, v) for k, v in letters),
            endings=tuple(re.compile(f"(?:{ending})$") for ending in row.get("endings") or ()),
            stems=tuple(tuple(pair) for pair in row.get("stems") or ()),
            long_vowels=bool(row.get("long_vowels")),
            fold_rare=tuple(row.get("fold_rare") or ()),
            english_exonym=row.get("english_exonym"),
        )
    return table


def language_forms(lang: str | None) -> LanguageForms | None:
    """The table's row for ``lang`` (``None`` where it has none)."""
    return _table().get(lang) if lang else None


@lru_cache(maxsize=100_000)
def source_forms(word: str, lang: str | None) -> tuple[str, ...]:
    """``word`` (lower case) and the forms it may stand for in ``lang``: long vowels made short,
    endings taken off, stems alternated, and each of these spelled with English letters."""
    word = word.lower()
    row = language_forms(lang)
    if row is None:
        return (word,)
    forms = [word]
    if row.long_vowels:
        forms.append(_LONG_VOWEL.sub(r"\1", word))
    for form in list(forms):
        forms += row.stems_of(form)
    forms += [row.spelled(form) for form in forms]
    return tuple(dict.fromkeys(f for f in forms if f))


def exonym_frequency(lang: str | None, default: float) -> float:
    """The English Zipf frequency from which a translation's name is taken for an exonym of a
    ``lang`` source rather than checked against it (the table's ``english_exonym``, else ``default``)."""
    row = language_forms(lang)
    return row.english_exonym if row is not None and row.english_exonym is not None else default


def stem_rarity(word: str, lang: str | None) -> list[str]:
    """The stems whose frequency decides whether a capitalised ``word`` is rare in ``lang`` (the word
    itself, and the word less one of the row's ``fold_rare`` endings: common-noun endings, which names
    do not take, German -es, -en, -ern)."""
    word = word.lower()
    row = language_forms(lang)
    if row is None:
        return [word]
    return [word, *(word[: -len(e)] for e in row.fold_rare if word.endswith(e) and len(word) - len(e) >= 4)]


# -- peoples named after a place or a language ----------------------------------------------------

#: English endings of a people's name: Czech-s, Rig-ans, Croat-s, Finn-s, Bolshevik-s.
PEOPLE_ENDINGS = ("ians", "ans", "ites", "ese", "s")


@lru_cache(maxsize=32)
def _places_and_languages(lang: str) -> dict[str, frozenset[str]]:
    """English place and language name (folded) -> how ``lang`` writes it: the exonym table and
    CLDR's language names."""
    from babel import Locale
    from babel.core import UnknownLocaleError

    from auditor.bilingual.name_sounds import _fold, exonyms

    names = {name: set(forms) for name, forms in exonyms(lang).items()}
    try:
        here, english = Locale.parse(lang), Locale.parse("en")
    except (UnknownLocaleError, ValueError):
        return {k: frozenset(v) for k, v in names.items()}
    for code, name in english.languages.items():
        local = here.languages.get(code)
        if local and "_" not in code:
            names.setdefault(_fold(name), set()).add(_fold(local))
    return {k: frozenset(v) for k, v in names.items()}


def people_in_source(word: str, source: str, lang: str | None) -> bool:
    """``word`` names a people (Czechs, Rigans, Finns) after a place or language whose own form
    in ``lang`` the source contains, compounds and case endings included (Põlissoomlased, riialaste)."""
    from auditor.bilingual.name_sounds import _fold

    bases = [_fold(word[: -len(e)]) for e in PEOPLE_ENDINGS if word.endswith(e) and len(word) - len(e) >= 4]
    if not lang or not bases:
        return False
    folded = _LONG_VOWEL.sub(r"\1", _fold(source))
    for name, forms in _places_and_languages(lang).items():
        if " " in name or not any(name.startswith(b) or (len(name) >= 4 and b.startswith(name)) for b in bases):
            continue
        for form in forms:
            stem = form[: max(4, len(form) - 2)] if len(form) >= 5 else form
            if len(stem) >= 4 and _LONG_VOWEL.sub(r"\1", stem) in folded:
                return True
    return False
