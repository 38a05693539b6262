"""Consistency within one document: one thing, one spelling.

Translations assembled sentence by sentence drift: "north-west" then
"northwest", "Erdogan" then "Erdoğan", "Assad" then "al-Assad", "the M5
motorway" then "the highway", "10 km" then "10 kilometres", "1,000" then
"1.000". Each group of variants is reported on its minority form, with the
majority form (the first one used, on a tie) as the suggestion.

Only true variants are grouped: forms that differ in hyphenation, diacritics or
an Arabic article prefix, the same unit, or the same number. "north-west" and
"northeast" are different directions and never meet.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from typing import NamedTuple

from auditor.checks.rule import Rule
from auditor.language.text_utils import match_case
from auditor.models import Document, Finding
from auditor.rules_engine.check_rules import declared_rules
from auditor.rules_engine.word_tables import word_table

_COMPASS = re.compile(r"\b((?i:north|south))-?(?i:east|west)(?:ern|erly|ward|wards)?\b")
_PROPER_COMPASS = re.compile(r"(?:North|South)-?(?:East|West)\w*")
_TOKEN = re.compile(r"[^\W\d_]+(?:[\-’'][^\W\d_]+)*")
_ARTICLE = re.compile(r"^(?:al|el|ad|an|ar|as|ash|at|az|ul)-(?=[A-Z])", re.IGNORECASE)
_FOLD = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe"})

#: Road nouns that translate the same source word; a story should keep to one for one road (rules/words/roads.yaml).
ROAD_NOUNS: tuple[str, ...] = tuple(word_table("roads.yaml", road_nouns="words")["road_nouns"])
_ROAD_CODE = re.compile(r"\b(?:[AMEN]|I-?|A-?)\d{1,3}\b")
_ROAD_NOUN = re.compile(r"\b(" + "|".join(ROAD_NOUNS) + r")s?\b", re.IGNORECASE)

#: Units and every way copy writes them, abbreviation first (rules/words/units.yaml).
UNITS: dict[str, tuple[str, ...]] = word_table("units.yaml", units="forms")["units"]
_UNIT = re.compile(
    r"(?<=\d)(?:[ \t]|\u00a0)?("
    + "|".join(sorted((re.escape(f) for forms in UNITS.values() for f in forms), key=len, reverse=True))
    + r")(?![\w/])",
    re.IGNORECASE,
)
_COMMA_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,]|\.\d)")
#: "1.000" style; "4.176 million" is a decimal, so a scale word after the number rules it out.
_DOT_THOUSANDS = re.compile(
    r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d.]|,\d)"
    r"(?![ \t\u00a0]*(?:(?i:million|billion|trillion|thousand|bn|mn|m|k|per ?cent|percent)\b|%))"
)


class _Use(NamedTuple):
    start: int
    end: int
    form: str


(
    INCONSISTENT_COMPASS_STYLE, INCONSISTENT_NUMBER_FORMAT, INCONSISTENT_ROAD_TERM, INCONSISTENT_SPELLING,
    INCONSISTENT_UNIT,
) = declared_rules(  # rules/checks/consistency.yaml
    "consistency", "inconsistent-compass-style", "inconsistent-number-format", "inconsistent-road-term",
    "inconsistent-spelling", "inconsistent-unit",
)


class ConsistencyCheck:
    """One entity, term, unit or number format written two ways in a document."""

    name = "consistency"

    def check(self, document: Document) -> Iterator[Finding]:
        """Findings for the whole document (none in ``--lines`` mode: lines are unrelated segments)."""
        if document.lines:
            return
        text = document.text
        spellings: dict[str, list[int]] = defaultdict(list)  # each form written, in text order -> its starts
        for match in _TOKEN.finditer(text):
            spellings[match.group(0)].append(match.start())
        for key in (_hyphen_key, _diacritic_key, _article_key):
            yield from self._spelling(spellings, key)
        yield from self._compass(text)
        yield from self._roads(text)
        yield from self._units(text)
        yield from self._numbers(text)

    @staticmethod
    def _spelling(spellings: dict[str, list[int]], key: Callable[[str], str | None]) -> Iterator[Finding]:
        """Forms that share a ``key`` but are spelt differently; keys are computed once per form."""
        groups: dict[str, list[str]] = defaultdict(list)
        for form in spellings:
            k = key(form)
            if k:
                groups[k].append(form)
        for forms in groups.values():
            if len({form.lower() for form in forms}) < 2:
                continue  # one spelling only
            uses = sorted(_Use(start, start + len(form), form) for form in forms for start in spellings[form])
            yield from _minority(
                uses,
                lambda u: u.form.lower(),
                INCONSISTENT_SPELLING,
                "is spelt “{major}” elsewhere in this story; one name or word should have one spelling.",
            )

    @staticmethod
    def _compass(text: str) -> Iterator[Finding]:
        """Compass compounds hyphenated in one place and closed in another (north-west, northeast)."""
        uses = [
            _Use(m.start(), m.end(), m.group(0))
            for m in _COMPASS.finditer(text)
            if not _PROPER_COMPASS.fullmatch(m.group(0))  # North-West Province, NorthEast United
        ]

        def style(use: _Use) -> str:
            return "hyphenated" if "-" in use.form else "closed"

        def convert(use: _Use, _example: str) -> str:
            if "-" in use.form:
                return use.form.replace("-", "")
            match = _COMPASS.fullmatch(use.form)
            assert match is not None
            return use.form[: match.end(1)] + "-" + use.form[match.end(1) :]

        counts = Counter(style(u) for u in uses)
        closed_wins = counts["closed"] > counts["hyphenated"] or (
            counts["closed"] == counts["hyphenated"] and uses and style(uses[0]) == "closed"
        )
        how = "closed up" if closed_wins else "hyphenated"
        yield from _minority(
            uses,
            style,
            INCONSISTENT_COMPASS_STYLE,
            f"is written differently from the story's other compass points, which are {how} (“{{major}}”); "
            "write them all one way.",
            suggest=convert,
        )

    @staticmethod
    def _roads(text: str) -> Iterator[Finding]:
        codes = {m.group(0).replace("-", "") for m in _ROAD_CODE.finditer(text)}
        if len(codes) != 1:
            return  # no named road, or several: "the highway" may be another road
        uses = [_Use(m.start(1), m.end(1), m.group(1)) for m in _ROAD_NOUN.finditer(text)]
        nouns = {u.form.lower() for u in uses}
        if len(nouns) < 2:
            return
        named = Counter(u.form.lower() for u in uses if _ROAD_CODE.search(text[max(0, u.start - 12) : u.start]))
        preferred = named.most_common(1)[0][0] if named else None
        code = next(iter(codes))
        yield from _minority(
            uses,
            lambda u: u.form.lower(),
            INCONSISTENT_ROAD_TERM,
            f"names the road that is the “{code} {{major}}” elsewhere; keep one word for one road.",
            preferred=preferred,
        )

    @staticmethod
    def _units(text: str) -> Iterator[Finding]:
        by_unit: dict[str, list[_Use]] = defaultdict(list)
        for match in _UNIT.finditer(text):
            form = match.group(1)
            for unit, forms in UNITS.items():
                if form.lower() in forms:
                    by_unit[unit].append(_Use(match.start(1), match.end(1), form))
        for unit, uses in by_unit.items():
            abbreviation = UNITS[unit][0]

            def style(use: _Use, abbreviation: str = abbreviation) -> str:
                lower = use.form.lower()
                if lower == abbreviation or len(lower) <= 4:
                    return abbreviation
                return _spelled_variant(lower)

            yield from _minority(
                uses,
                style,
                INCONSISTENT_UNIT,
                "is written “{major}” elsewhere in this story; write one unit one way.",
                suggest=lambda use, example: _unit_form(text, use, example),
            )

    @staticmethod
    def _numbers(text: str) -> Iterator[Finding]:
        commas = list(_COMMA_THOUSANDS.finditer(text))
        dots = list(_DOT_THOUSANDS.finditer(text))
        if not commas or not dots:
            return
        minority, sep, other = (dots, ".", ",") if len(commas) >= len(dots) else (commas, ",", ".")
        for match in minority:
            number = match.group(0)
            yield INCONSISTENT_NUMBER_FORMAT.at(
                match.start(), match.end(),
                f"“{number}” separates thousands with “{sep}” but this story uses “{other}”: "
                "a reader may take it for a decimal.",
                (number.replace(sep, other),),
            )


def _spelled_variant(lower: str) -> str:
    """British or American spelling, singular/plural ignored: kilometres ~ kilometre."""
    if "metre" in lower or "gramme" in lower:
        return "British spelling"
    return "American spelling"


def _hyphen_key(form: str) -> str | None:
    lower = form.lower()
    return lower.replace("-", "") if len(lower) > 4 else None


def _diacritic_key(form: str) -> str | None:
    folded = unicodedata.normalize("NFKD", form.lower().translate(_FOLD))
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return plain if len(plain) > 2 else None


def _article_key(form: str) -> str | None:
    if not _ARTICLE.match(form) and not form[:1].isupper():
        return None
    rest = _ARTICLE.sub("", form)
    return rest.lower() if len(rest) > 2 and rest[:1].isupper() else None


def _minority(
    uses: list[_Use],
    variant: Callable[[_Use], str],
    rule: Rule,
    template: str,
    preferred: str | None = None,
    suggest: Callable[[_Use, str], str] | None = None,
) -> Iterator[Finding]:
    """Findings on every use whose variant is not the majority (or ``preferred``) one."""
    counts = Counter(variant(u) for u in uses)
    if len(counts) < 2:
        return
    order = {v: i for i, v in reversed(list(enumerate(variant(u) for u in uses)))}
    major = preferred or max(counts, key=lambda v: (counts[v], -order[v]))
    example = next(u.form for u in uses if variant(u) == major)
    for use in uses:
        if variant(use) == major:
            continue
        same_case = [u.form for u in uses if variant(u) == major and u.form[:1].isupper() == use.form[:1].isupper()]
        model = same_case[0] if same_case else example
        suggestion = suggest(use, model) if suggest else match_case(use.form, model)
        yield rule.at(use.start, use.end, f"“{use.form}” " + template.format(major=example), (suggestion,))


def _unit_form(text: str, use: _Use, example: str) -> str:
    """The majority unit form in the number ``use`` needs: km stays km; 1 kilometre, 5 kilometres."""
    if len(example) <= 4:
        return example
    number = re.search(r"(\d[\d.,]*)(?:[ \t]|\u00a0)?$", text[max(0, use.start - 20) : use.start])
    singular = bool(number) and number.group(1) in ("1", "1.0")
    if " per " in example:
        head, _, rest = example.partition(" per ")
        head = head[:-1] if head.endswith("s") else head
        return f"{head if singular else head + 's'} per {rest}"
    base = example[:-1] if example.lower().endswith("s") else example
    return base if singular else base + "s"
