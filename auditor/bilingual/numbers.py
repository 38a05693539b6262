"""Numbers as values: read them from a source in its locale and from English target text.

Every mention is a set of acceptable values (``700.000`` in German is 700000; ``3.5亿`` is both
3.5 and 350000000; ``3:30`` gives an hour that may be 3 or 15). Digit mentions are *firm*: the
checks flag them when unmatched. Number words, CJK numerals and month names are *soft*: they can
vouch for a number on the other side but are never flagged themselves.

The word tables (number words per language, scale words, months) are data: ``rules/words/numbers/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from auditor.rules_engine.word_tables import number_words

_TABLES = number_words()  # rules/words/numbers/*.yaml
#: Languages that write decimals with a comma and group thousands with a dot or a space.
COMMA_DECIMAL: frozenset[str] = _TABLES["comma_decimal"]


@dataclass(frozen=True)
class Mention:
    """One number in a text: where, as written, and the values it may stand for."""

    start: int
    end: int
    text: str
    values: frozenset[float]
    firm: bool
    #: ``(mantissa, scale, decimals)`` when written with a scale word ("1.2 million").
    scaled: tuple[float, float, int] | None = None


def key(value: float) -> float:
    """Values compare after rounding away float noise."""
    return round(value, 6)


# ---------------------------------------------------------------- scale words
_SCALES: dict[str, float] = _TABLES["scales"]
#: Language-specific scale words where a spelling means something else elsewhere (German "Billion" is 10^12).
_SCALES_BY_LANG: dict[str, dict[str, float]] = _TABLES["scales_by_language"]
_MIL_MILLONES = re.compile(r"(\d+(?:[.,]\d+)?)\s+mil\s+millones", re.I)
_CJK_SCALES: dict[str, float] = _TABLES["cjk_scales"]
_CJK_DIGITS: dict[str, int] = _TABLES["cjk_digits"]

# ---------------------------------------------------------------- English words (soft)
_EN_UNITS: dict[str, float] = _TABLES["english"]
_MONTHS: dict[str, int] = _TABLES["months"]
_WEEK: dict[str, int] = _TABLES["weekdays"]

# ---------------------------------------------------------------- source-language words (soft)
#: Stems of number words by language; a source word starting with a stem vouches for its value.
_SOURCE_WORDS: dict[str, dict[str, float]] = _TABLES["source_words"]

_DIGIT_RUN = r"\d+(?:[.,]\d+|[\u00a0\u202f' ]\d{3}(?!\d))*"
#: Letters that glue to a number into an identifier (Latin, Cyrillic); CJK and Devanagari do not.
_ALNUM = "0-9A-Za-z\u00c0-\u024f\u0400-\u04ff\uff21-\uff3a\uff41-\uff5a"
_NUMBER = re.compile(rf"(?<![{_ALNUM}.,\d])(?:{_DIGIT_RUN})(?!\d)")
_IDENTIFIER_BEFORE = re.compile(r"[A-Za-z]-$")
#: Thousands grouped by spaces in English text: "7 000", "1 250 000" (groups of three after the first).
_SPACE_GROUPED = re.compile(r"[1-9]\d{0,2}(?:[ \u00a0\u202f]\d{3})+")
#: ``06: 00`` (a two-digit hour, a colon and a space) is tokenised MT's ``06:00``.
_TIME = re.compile(r"(?<![\d.,:])([01]?\d|2[0-4])(?:[:.h]|\s?h\s?|(?<=\d\d):\s)([0-5]\d)(?![\d])")
_CJK_NUMBER = re.compile(r"[〇零一二两兩三四五六七八九十百千万萬亿億兆]+")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
#: Source words, with the combining vowel signs of Devanagari that ``\w`` leaves out.
_SOURCE_LETTERS = r"(?:[^\W\d_]|[\u0900-\u0903\u093a-\u094f\u0951-\u0957\u0962\u0963])+"
_SOURCE_WORD = re.compile(rf"{_SOURCE_LETTERS}(?:-{_SOURCE_LETTERS})*")
#: Languages that build numbers by joining words ("zweiundzwanzig", "veinticinco", "dix-sept").
_COMPOUNDING = frozenset({"de", "es", "fr", "it", "nl"})
_TARGET_SCALE = re.compile(r"\s*(hundred|thousand|million|billion|trillion|bn|mn|m|k|lakhs?|crores?)\b", re.I)
_SOURCE_SCALE = re.compile(r"\s?([万萬亿億千百兆]|[^\W\d_]+\.?)")
_CJK_COMPOUND = re.compile(r"(\d+)([万萬亿億])(\d+)")
_HALF_HOUR = re.compile(r"(\d+|[一二三四五六七八九十]+)\s*[点點時时]半")
_ROMAN = re.compile(r"\b[IVXLC]{2,7}\b")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


#: Words after "15.30" that make it a time of day.
_TIME_WORDS = r"\s*(uhr|uur|h\b|heures?|ore\b|horas?|godz|hod|час|बजे|時|点|分)"


def _identifier(text: str, start: int, end: int) -> bool:
    """``COVID-19``, ``5G``, ``A-380``: digits that are part of a name, not a quantity."""
    return bool(_IDENTIFIER_BEFORE.search(text, max(0, start - 2), start)) or bool(
        re.match(r"[A-Z]", text[end : end + 1])
    )


def _plain_value(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def parse_digits(raw: str, comma_decimal: bool | None) -> set[float]:
    """The values digits may stand for; ``comma_decimal`` None when the locale is unknown."""
    compact = raw.replace("\u00a0", " ").replace("\u202f", " ").replace("'", " ")
    digits = "".join(str(int(c)) if c.isdigit() else c for c in compact)
    values: set[float] = set()
    modes = [comma_decimal] if comma_decimal is not None else [False, True]
    for mode in modes:
        group, decimal = (".", ",") if mode else (",", ".")
        text = digits.replace(" ", "")
        parts = text.split(decimal)
        if len(parts) > 2:
            continue
        whole = parts[0]
        groups = whole.split(group)
        if len(groups) > 1 and not all(g.isdigit() for g in groups):
            continue
        lakh = group == "," and len(groups) > 2 and len(groups[-1]) == 3
        lakh = lakh and all(len(g) == 2 for g in groups[1:-1])
        if len(groups) > 1 and not lakh and not all(len(g) == 3 for g in groups[1:]):
            # "1.5" in German text is a decimal written the English way
            if len(groups) == 2 and len(parts) == 1:
                value = _plain_value(groups[0] + "." + groups[1])
                if value is not None:
                    values.add(value)
            continue
        number = "".join(groups) + ("." + parts[1] if len(parts) == 2 else "")
        value = _plain_value(number)
        if value is not None:
            values.add(value)
    if " " in digits:
        # a space may also just separate two numbers
        for piece in digits.split(" "):
            values |= parse_digits(piece, comma_decimal)
    return values


def _decimals(raw: str) -> int:
    match = re.search(r"[.,](\d+)$", raw)
    return len(match.group(1)) if match and len(match.group(1)) != 3 else 0


def roman_value(text: str) -> int:
    """``XX`` 20, ``XIV`` 14 (no validation: only ever a soft value)."""
    total = 0
    for char, following in zip(text, [*text[1:], ""], strict=True):
        value = _ROMAN_VALUES[char]
        total += -value if following and _ROMAN_VALUES[following] > value else value
    return total


def cjk_value(text: str) -> float | None:
    """The value of a run of CJK numerals (``二十五`` 25, ``三千五百万`` 35000000)."""
    total = 0.0
    section = 0.0
    digit: float | None = None
    for char in text:
        if char in _CJK_DIGITS:
            # positional digits: 二〇二〇
            digit = digit * 10 + _CJK_DIGITS[char] if digit is not None else _CJK_DIGITS[char]
            continue
        scale = _CJK_SCALES[char]
        if scale >= 1e4:
            total += (section + (digit or 0)) * scale if (section or digit) else scale
            section, digit = 0.0, None
        else:
            section += (digit if digit is not None else 1) * scale
            digit = None
    return total + section + (digit or 0)



def _clock_mentions(match: re.Match[str]) -> list[Mention]:
    """The hour of a time (every 12- and 24-hour reading) and its minute, if any."""
    hour, minute = int(match.group(1)), int(match.group(2))
    hours = {float(hour), float(hour % 12 or 12), float(hour + 12) if hour < 12 else float(hour)}
    found = [Mention(match.start(1), match.end(1), match.group(1), frozenset(hours), True)]
    if minute:
        found.append(Mention(match.start(2), match.end(2), match.group(2), frozenset({float(minute)}), True))
    return found

def source_mentions(text: str, lang: str | None) -> list[Mention]:
    """Numbers of a source text in language ``lang`` (``None``: locale unknown, both readings)."""
    comma_decimal = None if lang is None else lang in COMMA_DECIMAL
    scales = _SCALES_BY_LANG.get(lang or "", _SCALES)
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []
    compound_tails = set()
    for match in _CJK_COMPOUND.finditer(text):
        value = int(match.group(1)) * _CJK_SCALES[match.group(2)] + int(match.group(3))
        mentions.append(Mention(match.start(), match.end(), match.group(0), frozenset({float(value)}), False))
        compound_tails.add(match.start(3))
    for match in _TIME.finditer(text):
        after = text[match.end() : match.end() + 5].lower()
        if not re.match(_TIME_WORDS, after) and ":" not in match.group(0):
            continue
        mentions.extend(_clock_mentions(match))
        taken.append(match.span())
    for match in _NUMBER.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        raw = match.group(0).rstrip(" ")
        values = parse_digits(raw, comma_decimal)
        if not values:
            continue
        scaled = None
        following = _SOURCE_SCALE.match(text, match.start() + len(raw))
        if following:
            word = following.group(1).rstrip(".").lower()
            scale = scales.get(word) or _CJK_SCALES.get(word)
            if scale:
                values |= {v * scale for v in values}
                scaled = (min(values), float(scale), _decimals(raw))
        end = match.start() + len(raw)
        firm = not _identifier(text, match.start(), end) and match.start() not in compound_tails
        mentions.append(Mention(match.start(), end, raw, frozenset(values), firm, scaled))
    for match in _MIL_MILLONES.finditer(text):
        for value in parse_digits(match.group(1), True):
            mentions.append(
                Mention(match.start(), match.end(), match.group(0), frozenset({value * 1e9}), False)
            )
    for match in _ROMAN.finditer(text):
        mentions.append(
            Mention(
                match.start(),
                match.end(),
                match.group(0),
                frozenset({float(roman_value(match.group(0)))}),
                False,
            )
        )
    if _HALF_HOUR.search(text):
        mentions.append(Mention(0, 0, "半", frozenset({30.0}), False))
    if lang in ("zh", "ja") or lang is None:
        for match in _CJK_NUMBER.finditer(text):
            value = cjk_value(match.group(0))
            if value is not None:
                mentions.append(
                    Mention(match.start(), match.end(), match.group(0), frozenset({value}), False)
                )
    words = _SOURCE_WORDS.get(lang or "", {})
    if words:
        for match in _SOURCE_WORD.finditer(text):
            values = word_values(
                match.group(0).lower(), words, anywhere=lang in _COMPOUNDING or "-" in match.group(0)
            )
            if values:
                mentions.append(Mention(match.start(), match.end(), match.group(0), frozenset(values), False))
    return mentions


def word_values(word: str, stems: dict[str, float], anywhere: bool) -> set[float]:
    """Every value a source number word may have: each stem it holds, their sum (German
    "zweiundzwanzig"), and the teens and tens built on them (Polish "osiemnaście", "trzydzieści")."""
    found = [v for stem, v in stems.items() if (stem in word if anywhere else word.startswith(stem))]
    if not found:
        return set()
    values = set(found) | {sum(found)}
    values |= {v + 10 for v in found if v < 10} | {v * 10 for v in found if v < 10}
    return {float(v) for v in values}


#: English number words that are figures, not idioms ("one of", "first time", "second" are not).
COUNTING_WORDS: frozenset[str] = _TABLES["counting_words"]


def _english_words(text: str) -> list[Mention]:
    mentions = []
    for match in _WORD.finditer(text):
        word = match.group(0)
        parts = word.lower().split("-")
        if len(parts) > 1 and not all(p in _EN_UNITS for p in parts):
            # "second-year", "five-day": the number word inside a compound
            offset = match.start()
            for part in word.split("-"):
                if part.lower() in _EN_UNITS:
                    value = float(_EN_UNITS[part.lower()])
                    mentions.append(Mention(offset, offset + len(part), part, frozenset({value}), False))
                offset += len(part) + 1
            continue
        if all(p in _EN_UNITS for p in parts) and parts:
            value = sum(_EN_UNITS[p] for p in parts) if len(parts) > 1 else _EN_UNITS[parts[0]]
            values = {float(value)}
            following = _TARGET_SCALE.match(text, match.end())
            if following:
                scale = _SCALES[following.group(1).lower()]
                values.add(value * scale)
            mentions.append(Mention(match.start(), match.end(), word, frozenset(values), False))
        elif word.lower() in _MONTHS and (word[0].isupper() or word.lower() != "may"):
            mentions.append(
                Mention(match.start(), match.end(), word, frozenset({float(_MONTHS[word.lower()])}), False)
            )
        elif word.lower() in _WEEK:
            mentions.append(
                Mention(match.start(), match.end(), word, frozenset({float(_WEEK[word.lower()])}), False)
            )
    return mentions


def target_mentions(text: str) -> list[Mention]:
    """Numbers of English target text: digits (firm) and number/month words (soft)."""
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for match in _TIME.finditer(text):
        clock = re.match(r"\s?[ap]\.?m\b", text[match.end() : match.end() + 6].lower())
        if ":" not in match.group(0) and not clock:
            continue
        mentions.extend(_clock_mentions(match))
        taken.append(match.span())
    for match in _NUMBER.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        raw = match.group(0).rstrip(" ")
        if _SPACE_GROUPED.fullmatch(raw):
            # "7 000", "20 000": thousands grouped by a space (SI style, common in MT from languages
            # that write "7.000"); one figure that may also be read as separate numbers. On MLQE-PE dev
            # every such figure flagged as changed was one the post-editor left (6 of 6, ro-en and et-en).
            joined = parse_digits(re.sub(r"[ \u00a0\u202f]", "", raw), False)
            pieces = set().union(*(parse_digits(p, False) for p in re.split(r"[ \u00a0\u202f]", raw)))
            firm = not _identifier(text, match.start(), match.start() + len(raw))
            mentions.append(Mention(match.start(), match.start() + len(raw), raw, frozenset(joined | pieces), firm))
            continue
        # English target: a space separates numbers, a comma groups thousands
        for piece in re.finditer(r"[^ \u00a0\u202f]+", raw):
            start = match.start() + piece.start()
            token = piece.group(0)
            values = parse_digits(token, False)
            if not values:
                continue
            suffix = text[start + len(token) : start + len(token) + 2].lower()
            if re.match(r"'?s\b", text[start + len(token) : start + len(token) + 3]):
                # decades: "the 1850s" may come from "the fifties of the 19th century"
                values |= {v % 100 for v in values} | {v // 100 + 1 for v in values if v >= 100}
            hour_like = bool(
                re.match(r"\s?(a|p)\.?m", text[start + len(token) : start + len(token) + 5].lower())
            )
            if hour_like:
                values |= {v + 12 for v in values if v < 12}
            scaled = None
            following = _TARGET_SCALE.match(text, start + len(token))
            if following and not (
                following.group(1).lower() == "m" and suffix.startswith(("m ", "m.", "m,"))
            ):
                scale = _SCALES[following.group(1).lower()]
                values |= {v * scale for v in values}
                scaled = (min(values), float(scale), _decimals(token))
            firm = not _identifier(text, start, start + len(token))
            mentions.append(Mention(start, start + len(token), token, frozenset(values), firm, scaled))
    mentions.extend(_english_words(text))
    return mentions


_IDENT = re.compile(r"(?<![\w-])([A-Za-z]{1,6})-?(\d+)(?![\w-])|(?<![\w-])(\d+)([A-Z]{1,3})(?![\w-])")


def identifiers(text: str) -> list[tuple[int, int, str, str]]:
    """``(start, end, letters, digits)`` of codes such as F-35, A4, 3D, Covid-19."""
    found = []
    for match in _IDENT.finditer(text):
        letters = (match.group(1) or match.group(4)).casefold()
        digits = match.group(2) or match.group(3)
        found.append((match.start(), match.end(), letters, digits))
    return found


def supported(mention: Mention, pool: set[float], others: list[Mention]) -> bool:
    """Whether ``mention`` is vouched for by a value in ``pool`` (or a rounded scaled form)."""
    if any(key(v) in pool for v in mention.values):
        return True
    if mention.scaled:
        mantissa, scale, decimals = mention.scaled
        for value in pool:
            if value >= scale and round(value / scale, decimals) == round(mantissa, decimals):
                return True
    for other in others:
        if other.scaled and any(
            key(v) >= other.scaled[1]
            and round(v / other.scaled[1], other.scaled[2]) == round(other.scaled[0], other.scaled[2])
            for v in mention.values
        ):
            return True
    return False
