"""Antonym: a target word that says the opposite of a source word (increase for 减少, late for früh).

A target content word ``w`` is judged when WordNet (:mod:`auditor.language.wordnet`) gives it an
antonym ``a`` that the installed bilingual dictionary (:func:`auditor.bilingual.lexicon.lexicon_for`)
gives as a translation of a word ``s`` of the source, while no source word offers ``w`` itself, one
of its lemmas or a WordNet synonym of it, the target does not say ``a`` too, the target does not
negate ``w`` ("not bad"), and no source negator stands by ``s`` (不高 may come out as "low"). The
finding quotes ``s`` and carries its span.

Source words: jieba's words and sub-words (zh), UniDic's words by surface and base form (ja), words
of letters elsewhere (de and pl also by simplemma's lemma, through the lexicon). Without WordNet or
without the language's installed dictionary (``auditor dictionaries fetch``) the check does nothing.
Its word lists are data: ``rules/words/antonyms.yaml``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from auditor.checks.meaning_common import MeaningCheck
from auditor.checks.source_common import Pair, zipf
from auditor.meaning.markers import Hit, Markers
from auditor.models import Document, Finding
from auditor.resources import rules_dir
from auditor.rules_engine.check_rules import declared_rules
from auditor.yaml_files import parse_yaml

(ANTONYM,) = declared_rules("meaning-antonym", "meaning-antonym")

_TARGET_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?(?:-[A-Za-z]+)*")
_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
#: Letters of a word; Devanagari's vowel signs and virama are marks, not ``\w`` (its digits and danda left out).
_LETTERS = re.compile(r"(?:[^\W\d_]|[\u0900-\u0963\u0970-\u097f])+")


@dataclass(frozen=True)
class AntonymTable:
    """``rules/words/antonyms.yaml``."""

    skip_words: frozenset[str]
    target_negators: frozenset[str]
    negation_window: int
    cjk_window: tuple[int, int]
    other_window: tuple[int, int]
    max_translations: int
    min_cjk_length: int
    antonym_synonyms: bool
    indirect: bool
    max_indirect_translations: int
    negative_prefixes: tuple[str, ...]
    weak_synonyms: frozenset[str]
    rendered_synonyms: frozenset[str]
    derived: bool
    max_source_zipf: float
    source_endings: dict[str, tuple[tuple[str, str], ...]]
    max_single_translations: int
    skip_antonyms: frozenset[str]


@cache
def antonym_table() -> AntonymTable:
    """The check's word lists, read once per process."""
    data = parse_yaml((rules_dir() / "words" / "antonyms.yaml").read_text(encoding="utf-8"))
    windows = data["source_negation_window"]
    return AntonymTable(
        skip_words=frozenset(str(w).lower() for w in data["skip_words"]),
        target_negators=frozenset(str(w).lower() for w in data["target_negators"]),
        negation_window=int(data["negation_window"]),
        cjk_window=(int(windows["cjk"][0]), int(windows["cjk"][1])),
        other_window=(int(windows["other"][0]), int(windows["other"][1])),
        max_translations=int(data["max_translations"]),
        min_cjk_length=int(data["min_cjk_length"]),
        antonym_synonyms=bool(data["antonym_synonyms"]),
        indirect=bool(data["indirect_antonyms"]),
        max_indirect_translations=int(data["max_indirect_translations"]),
        negative_prefixes=tuple(str(p) for p in data["negative_prefixes"]),
        weak_synonyms=frozenset(str(w).lower() for w in data["weak_synonyms"]),
        rendered_synonyms=frozenset(str(p) for p in data["rendered_synonyms"]),
        derived=bool(data["derived_antonyms"]),
        max_source_zipf=float(data["max_source_zipf"]),
        source_endings={lang: tuple((str(a), str(b)) for a, b in pairs)
                        for lang, pairs in (data.get("source_endings") or {}).items()},
        max_single_translations=int(data["max_single_translations"]),
        skip_antonyms=frozenset(str(w).lower() for w in data["skip_antonyms"]),
    )


@dataclass(frozen=True)
class SourceWord:
    """A source word and the keys it is looked up by."""

    start: int
    end: int
    text: str
    keys: tuple[str, ...]


def source_words(source: str, lang: str) -> list[SourceWord]:
    """The source's words with their spans: jieba words and sub-words (zh), UniDic words (ja), letters."""
    if lang == "zh":
        import jieba

        jieba.setLogLevel(logging.WARNING)
        whole = {(start, end) for _word, start, end in jieba.tokenize(source)}
        return [SourceWord(start, end, word, (word,)) for word, start, end in jieba.tokenize(source, mode="search")
                if _CJK.search(word) and (len(word) > 1 or (start, end) in whole)]
    if lang == "ja":
        words, at = [], 0
        from auditor.bilingual.name_sounds import japanese_tagger

        for token in japanese_tagger()(source):
            surface = token.surface
            start = source.find(surface, at)
            if start < 0:
                continue
            at = start + len(surface)
            if _CJK.search(surface):
                base = getattr(token.feature, "orthBase", None) or surface
                words.append(SourceWord(start, at, surface, tuple(dict.fromkeys((surface, base)))))
        return words
    endings = antonym_table().source_endings.get(lang, ())
    words = []
    for match in _LETTERS.finditer(source):
        word = match.group(0)
        keys = [word] + [word[: -len(end)] + new for end, new in endings
                         if word.endswith(end) and len(word) > len(end) + 1]
        words.append(SourceWord(match.start(), match.end(), word, tuple(dict.fromkeys(keys))))
    return words


_HIRAGANA = re.compile(r"^[\u3040-\u309f]+$")


def _usable(word: str, settings: AntonymTable) -> bool:
    """Whether a source word can explain or contradict a target word: CJK words of ``min_cjk_length``
    characters (not hiragana alone: particles and endings), other words of three letters or more."""
    if _CJK.search(word):
        return len(word) >= settings.min_cjk_length and not _HIRAGANA.match(word)
    return len(word) >= 3


def _translations(lexicon: object, word: SourceWord, lang: str) -> frozenset[str]:
    """A source word's translations: those of its first key the dictionary knows, and for languages with
    a lemmatiser (simplemma; UniDic's dictionary form for Japanese) those of its lemma too (German große is a
    noun's form and groß's: plume, big)."""
    from auditor.bilingual.lexicon import dictionary_keys

    found: frozenset[str] = frozenset()
    for key in word.keys:
        found = lexicon.translations(key)  # type: ignore[attr-defined]
        if found:
            break
    if lang == "ja":  # a conjugated form's own entry and its dictionary form's (上がっ, 上がる)
        found = found.union(*(lexicon.translations(key) for key in word.keys[1:]))  # type: ignore[attr-defined]
    for lemma in dictionary_keys(word.text.lower(), lang):
        found |= lexicon.translations(lemma)  # type: ignore[attr-defined]
    return found


def _single_character(word: str) -> bool:
    """A word of one Han character (大, 早, 新): evidence only when its entry is short, never an explanation."""
    return len(word) == 1 and "\u4e00" <= word <= "\u9fff"


def inflect_like(lemma: str, word: str) -> str:
    """``lemma`` in the form ``word`` has (decreased → increased; larger → smaller), cased like it; as it is
    where lemminflect's dictionary does not list that form of it (forbidden → permissible)."""
    from auditor.language.inflect import getAllInflections, getAllLemmas

    lower = word.lower()
    form = lemma
    readings = getAllLemmas(lower)
    if " " not in lemma and lower != lemma:
        wanted = [tag for lemmas in readings.values() for base in lemmas if base != lower
                  for tag, forms in getAllInflections(base).items() if lower in forms]
        known = getAllInflections(lemma)
        form = next((known[tag][0] for tag in wanted if known.get(tag)), lemma)
    return form[:1].upper() + form[1:] if word[:1].isupper() else form


def _renderings(net: object, translations: frozenset[str], settings: AntonymTable) -> set[str]:
    """What a target may render a source word by: its translations, their lemmas and their WordNet synonyms
    (finished → finish, end) for the parts of speech the table names and the words WordNet derives from them
    (acid → acidic), light verbs and broad words left out."""
    found: set[str] = set(translations)
    for translation in translations:
        if " " in translation:
            continue
        for lemma in _lemmas(translation):
            found.add(lemma)
            for pos, words in net.synonyms(lemma).items():  # type: ignore[attr-defined]
                if pos in settings.rendered_synonyms:
                    found.update(words)
            for words in net.derived(lemma).values():  # type: ignore[attr-defined]
                found.update(words)  # acid → acidic
    return found - settings.weak_synonyms


def _adverb_forms(word: str) -> set[str]:
    """An adverb's adjective and an adjective's adverb (carefully ~ careful, easy ~ easily), by spelling."""
    if word.endswith("ily") and len(word) > 5:
        return {word[:-3] + "y"}
    if word.endswith("ly") and len(word) > 5:
        return {word[:-2]}
    if word.endswith("y") and len(word) > 3:
        return {word[:-1] + "ily"}
    return {word + "ly"} if len(word) > 3 else set()


def _prefixed_opposites(word: str, lemmas: frozenset[str], settings: AntonymTable) -> set[str]:
    """Opposites made by a negative prefix: unenthused → enthused, precedented → unprecedented."""
    found: set[str] = set()
    for lemma in lemmas | {word}:
        for prefix in settings.negative_prefixes:
            if lemma.startswith(prefix) and len(lemma) - len(prefix) >= 4:
                found.add(lemma[len(prefix):].lstrip("-"))
            found.add(prefix + lemma)
    return found


def _lemmas(word: str) -> frozenset[str]:
    from auditor.bilingual.lexicon import english_keys

    return english_keys(word)


class MeaningAntonymCheck(MeaningCheck):
    """A target word whose WordNet antonym translates a source word the target does not render."""

    name = "meaning-antonym"

    def missing_data(self, lang: str | None) -> str | None:
        """What this check lacks to judge ``lang``'s sources (None when WordNet and its dictionary are installed)."""
        from auditor.bilingual.dictionaries import dictionary
        from auditor.language.wordnet import wordnet

        missing = ([] if wordnet() is not None else ["WordNet"]) + (
            [f"the {lang} dictionary"] if lang and dictionary(lang) is None else [])
        return f"needs {' and '.join(missing)} (`auditor dictionaries fetch`)" if missing else None

    def check_markers(self, document: Document, pair: Pair, table: Markers) -> Iterator[Finding]:
        """Judge each target content word against the source's dictionary translations."""
        from auditor.bilingual.lexicon import lexicon_for, translation_keys
        from auditor.language.wordnet import wordnet

        net = wordnet()
        lexicon = lexicon_for(table.lang) if table.lang else None
        if net is None or lexicon is None or lexicon.dictionary is None:
            return
        settings = antonym_table()
        target = document.text[pair.start : pair.end]
        words = source_words(pair.source, table.lang)
        tokens = list(_TARGET_WORD.finditer(target))
        lowered = [m.group(0).lower() for m in tokens]
        present = frozenset().union(*(_lemmas(w) for w in lowered)) if lowered else frozenset()
        # exact: a whole translation → the source words giving it; broad: any content word of any translation
        exact: dict[str, list[SourceWord]] = {}
        broad: set[str] = set()
        senses: dict[SourceWord, int] = {}
        for word in words:
            single = _single_character(word.text)
            if not single and not _usable(word.text, settings):
                continue
            translations = _translations(lexicon, word, table.lang)
            if not translations:
                continue
            if not single:
                broad.update(translation_keys(translations))
            if len(translations) > (settings.max_single_translations if single else settings.max_translations):
                continue
            if zipf(word.text.lower(), table.lang) >= settings.max_source_zipf:
                continue  # a function word (sein, ist): its dictionary entry lists every sense
            if _renderings(net, translations, settings) & present:
                continue  # the target renders this word elsewhere ("previous and current" for jetzigen)
            senses[word] = len(translations)
            for translation in translations:
                keys = {translation} if " " in translation else _lemmas(translation) | _adverb_forms(translation)
                for key in keys:  # "increased", "grew up" → increase; "quickly" ~ quick
                    exact.setdefault(key, []).append(word)
        if not exact:
            return
        negators = table.find("negators", pair.source) if table.has("negators") else []
        source_latin = {w.lower() for w in _TARGET_WORD.findall(pair.source)}
        for index, match in enumerate(tokens):
            word = lowered[index]
            if index and match.group(0)[:1].isupper():
                continue  # a capitalised word inside the sentence names something (God, the Liberal Party)
            if len(word) < 3 or word in settings.skip_words or word in source_latin:
                continue
            lemmas = _lemmas(word)
            if lemmas & broad or lemmas & settings.skip_words:
                continue
            antonyms: set[str] = set()
            loose: set[str] = set()  # indirect antonyms: evidence only from a source word of few senses
            synonyms: set[str] = set()
            related = set(lemmas)
            if settings.derived:  # dangerous → danger ↔ safety
                for lemma in lemmas:
                    for found in net.derived(lemma).values():
                        related.update(found)
            for lemma in related:
                for pos, found in net.antonyms(lemma).items():
                    antonyms.update(found)
                    if settings.antonym_synonyms and pos in ("a", "r"):  # adjectives: early ~ premature
                        for antonym in found:
                            antonyms.update(net.synonyms(antonym).get(pos, ()))
                if settings.indirect and lemma in lemmas:
                    for found in net.antonyms(lemma, indirect=True).values():
                        loose.update(found)
                for found in net.synonyms(lemma).values():
                    synonyms.update(found)
            synonyms -= settings.weak_synonyms
            near = frozenset().union(*(_lemmas(w) for w in lowered[max(0, index - 4) : index + 5]))
            if any(set(found) & near for lemma in lemmas for found in net.antonyms(lemma).values()):
                continue  # both poles said together: "acidic or basic (alkaline)", "from early to late"
            if settings.derived:  # 死亡 "death" against "born": die ↔ be born, die → death
                for antonym in list(antonyms):
                    family = {antonym}.union(*net.derived(antonym).values())
                    if family & present:  # that pole is said: "acidic or basic (alkaline)"
                        antonyms -= family
                    else:
                        antonyms |= family
            antonyms.update(_prefixed_opposites(word, lemmas, settings))
            antonyms -= settings.skip_antonyms
            loose -= antonyms | settings.skip_antonyms
            if not (antonyms or loose) or synonyms & broad:
                continue
            evidence = [(a, s) for a in sorted(antonyms) if a not in present for s in exact.get(a, ())]
            evidence += [(a, s) for a in sorted(loose) if a not in present for s in exact.get(a, ())
                         if senses[s] <= settings.max_indirect_translations and not _single_character(s.text)]
            evidence = [(a, s) for a, s in evidence if not self._negated_source(s, negators, settings)]
            if not evidence or self._negated_target(lowered, index, settings):
                continue
            antonym, source = evidence[0]
            hit = Hit(match.start(), match.end(), match.group(0))
            yield self.finding(
                ANTONYM,
                pair,
                table,
                hit,
                [Hit(source.start, source.end, source.text)],
                f"“{match.group(0)}” says the opposite of the source's “{source.text}” ({antonym}); "
                "a word turned into its antonym reverses the statement",
                (inflect_like(antonym, match.group(0)),),
            )

    @staticmethod
    def _negated_target(lowered: list[str], index: int, settings: AntonymTable) -> bool:
        """Whether a negator stands within the window before the target word (or it ends in n't)."""
        before = lowered[max(0, index - settings.negation_window) : index]
        return any(w in settings.target_negators or w.endswith(("n't", "n’t")) for w in before)

    @staticmethod
    def _negated_source(word: SourceWord, negators: list[Hit], settings: AntonymTable) -> bool:
        """Whether a source negator stands near the source word (its translation may fold the negation)."""
        before, after = settings.cjk_window if _CJK.search(word.text) else settings.other_window
        return any(hit.end >= word.start - before and hit.start <= word.end + after
                   and not (hit.start >= word.start and hit.end <= word.end)  # 未 of 前所未有 is the word's own
                   for hit in negators)
