"""Per-language marker tables (``rules/meaning/<lang>.yaml``) compiled into searchable patterns.

Each table lists, per feature (``negators``, ``negative``, ``question``, ``future``, ``future_forms``,
``future_nonfinite``, ``past``, ``past_forms``, ``present``, ``said``, ``pluperfect``, ``modal``, ``masculine``,
``feminine``; see ``rules/meaning/README.md``), whole words (``<feature>_words``), regular expressions
(``<feature>_patterns``) matched against the lower-cased source (or the source as written with
``keep_case: true``), and words found by their lemma (``<feature>_lemmas``), so every hit has the exact
character span of the source words it rests on.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from auditor.errors import AuditorError
from auditor.resources import rules_dir

FEATURES = (
    "negators", "negative", "question", "future", "future_forms", "future_nonfinite", "past", "past_forms", "present",
    "said", "pluperfect", "modal", "masculine", "feminine",
)
#: Letters of a word in every script the tables cover (Devanagari and Arabic marks included).
_WORD_CHAR = r"[\w\u0900-\u097f\u064b-\u065f\u0670]"


@dataclass(frozen=True)
class Hit:
    """One marker found in a text: ``text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class LemmaRule:
    """Words that mark a feature by their lemma (simplemma's dictionary of the table's language): a
    word whose lemma ends in one of ``lemma_endings`` (an infinitive: Polish -ć) and whose own ending
    is none of ``skip_endings`` (past, participle, gerund, the infinitive itself), and where ``prefixes``
    are given, that begins with one of them."""

    lang: str
    lemma_endings: tuple[str, ...]
    skip_endings: tuple[str, ...]
    #: When given, the word must also begin with one of these (Polish perfective prefixes: z-, po-, wy-).
    prefixes: tuple[str, ...] = ()
    #: Lemmas that end like an infinitive but are no verb (Polish śmierć, część, pięć).
    not_lemmas: frozenset[str] = frozenset()

    def find(self, text: str) -> list[Hit]:
        """Every word of ``text`` the rule takes."""
        import simplemma

        hits = []
        for match in re.finditer(rf"{_WORD_CHAR}+", text):
            word = match.group(0).lower()
            if len(word) < 3 or word.endswith(self.skip_endings):
                continue
            if self.prefixes and not word.startswith(self.prefixes):
                continue
            lemma = simplemma.lemmatize(word, lang=self.lang)
            if lemma != word and lemma.endswith(self.lemma_endings) and lemma not in self.not_lemmas:
                hits.append(Hit(match.start(), match.end(), match.group(0)))
        return hits


@dataclass
class Markers:
    """The compiled marker table of one source language."""

    lang: str
    patterns: dict[str, re.Pattern[str]] = field(default_factory=dict)
    path: Path | None = None
    #: Rules that are only hints for this language: their measured precision here is too low to score.
    hints: frozenset[str] = frozenset()
    #: The language always marks a future on the verb (Hindi -गा): a will needs one of its ``future_forms``.
    future_marked: bool = False
    #: Verb forms found through their lemma (``<feature>_lemmas`` in the table; see :class:`LemmaRule`).
    lemmas: dict[str, LemmaRule] = field(default_factory=dict)
    #: Match against the text as written (German: lower-case words are verbs, capitalised ones nouns);
    #: listed words then match as listed, or capitalised where a sentence or quotation starts.
    keep_case: bool = False

    def has(self, feature: str) -> bool:
        """Whether the table lists anything for ``feature``."""
        return feature in self.patterns or feature in self.lemmas

    def find(self, feature: str, text: str) -> list[Hit]:
        """Every non-overlapping marker of ``feature`` in ``text`` (lower-cased for matching)."""
        pattern = self.patterns.get(feature)
        by_lemma = self.lemmas[feature].find(text) if feature in self.lemmas else []
        if pattern is None:
            return by_lemma
        if by_lemma:
            return sorted(self._find(pattern, text) + by_lemma, key=lambda h: h.start)
        return self._find(pattern, text)

    def _find(self, pattern: re.Pattern[str], text: str) -> list[Hit]:
        """The matches of one compiled pattern, spans into ``text`` as given."""
        if self.keep_case:
            return [Hit(m.start(), m.end(), m.group(0)) for m in pattern.finditer(text)]
        lowered = text.lower()
        if len(lowered) != len(text):  # a case fold that changes lengths would shift spans
            lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        return [Hit(m.start(), m.end(), text[m.start() : m.end()]) for m in pattern.finditer(lowered)]


def _compile(data: dict, feature: str, where: Path, keep_case: bool = False) -> re.Pattern[str] | None:
    words = data.get(f"{feature}_words") or []
    patterns = data.get(f"{feature}_patterns") or []
    if not isinstance(words, list) or not isinstance(patterns, list):
        raise AuditorError(f"{where}: {feature}_words and {feature}_patterns must be lists")
    parts = list(patterns)
    if words:
        ordered = sorted({str(w).lower() for w in words}, key=len, reverse=True)
        body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)
        if keep_case:  # as listed (lower case), capitalised only where the text or a quotation starts
            parts.append(rf"(?<!{_WORD_CHAR})(?:{body})(?!{_WORD_CHAR})")
            parts.append(rf"(?:(?<=^)|(?<=^[„“\"«(])|(?<=[.!?:]\s)|(?<=[„“\"«]))(?i:{body})(?!{_WORD_CHAR})")
        else:
            parts.append(rf"(?<!{_WORD_CHAR})(?:{body})(?!{_WORD_CHAR})")
    if not parts:
        return None
    try:
        return re.compile("|".join(f"(?:{p})" for p in parts))
    except re.error as error:
        raise AuditorError(f"{where}: bad {feature} pattern ({error})") from None


def markers_dir() -> Path:
    """Where the marker tables live (``rules/meaning``)."""
    return rules_dir() / "meaning"


def read_markers(path: Path) -> Markers:
    """One marker table; a malformed file is an AuditorError naming it."""
    from auditor.yaml_files import parse_yaml

    try:
        data = parse_yaml(path.read_text(encoding="utf-8")) or {}  # safe loader, kept parsed
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise AuditorError(f"{path}: cannot read meaning markers ({error})") from None
    if not isinstance(data, dict):
        raise AuditorError(f"{path}: expected a mapping of marker lists")
    kinds = ("words", "patterns", "lemmas")
    known = {f"{f}_{kind}" for f in FEATURES for kind in kinds} | {"lang", "hints", "keep_case", "future_marked"}
    unknown = sorted(set(data) - known)
    if unknown:
        allowed = "lang, hints, keep_case, future_marked, <feature>_words, <feature>_patterns, <feature>_lemmas"
        raise AuditorError(f"{path}: unknown key {unknown[0]!r} (allowed: {allowed})")
    keep_case = bool(data.get("keep_case", False))
    compiled = {f: p for f in FEATURES if (p := _compile(data, f, path, keep_case)) is not None}
    hints = data.get("hints") or []
    if not isinstance(hints, list):
        raise AuditorError(f"{path}: hints must be a list of rule ids")
    lemmas = {f: _lemma_rule(data[f"{f}_lemmas"], str(data.get("lang", path.stem)), path)
              for f in FEATURES if data.get(f"{f}_lemmas")}
    return Markers(lang=str(data.get("lang", path.stem)), patterns=compiled, path=path, hints=frozenset(hints),
                   keep_case=keep_case, lemmas=lemmas, future_marked=bool(data.get("future_marked", False)))


def _lemma_rule(data: object, lang: str, where: Path) -> LemmaRule:
    """A ``<feature>_lemmas`` mapping: ``lemma_endings`` and ``skip_endings`` (and optionally ``prefixes`` and
    ``not_lemmas``), lists of word beginnings, endings and lemmas."""
    if not isinstance(data, dict) or not all(isinstance(data.get(k), list) for k in ("lemma_endings", "skip_endings")):
        raise AuditorError(f"{where}: a *_lemmas entry needs lemma_endings and skip_endings lists")
    if not all(isinstance(data.get(k, []), list) for k in ("prefixes", "not_lemmas")):
        raise AuditorError(f"{where}: prefixes and not_lemmas of a *_lemmas entry must be lists")
    return LemmaRule(lang, tuple(str(e) for e in data["lemma_endings"]), tuple(str(e) for e in data["skip_endings"]),
                     tuple(str(e) for e in data.get("prefixes", [])),
                     frozenset(str(e) for e in data.get("not_lemmas", [])))


def languages() -> list[str]:
    """Source languages that have a marker table."""
    return sorted(p.stem for p in markers_dir().glob("*.yaml"))


@functools.cache
def markers_for(lang: str | None) -> Markers | None:
    """The marker table of ``lang`` (None when there is none), read once per process."""
    if not lang:
        return None
    path = markers_dir() / f"{lang.lower()}.yaml"
    return read_markers(path) if path.is_file() else None
