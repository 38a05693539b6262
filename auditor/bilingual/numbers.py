"""Numbers as values: read them from a source in its locale and from English target text.

Every mention is a set of acceptable values (``700.000`` in German is 700000; ``3.5亿`` is both
3.5 and 350000000; ``3:30`` gives an hour that may be 3 or 15). Digit mentions are *firm*: the
checks flag them when unmatched. Number words, CJK numerals and month names are *soft*: they can
vouch for a number on the other side but are never flagged themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Languages that write decimals with a comma and group thousands with a dot or a space.
COMMA_DECIMAL = frozenset(
    [
        "de",
        "nl",
        "fr",
        "it",
        "es",
        "pt",
        "pl",
        "cs",
        "sk",
        "sl",
        "hr",
        "sr",
        "bs",
        "ro",
        "ru",
        "uk",
        "be",
        "bg",
        "el",
        "tr",
        "da",
        "sv",
        "nb",
        "nn",
        "no",
        "fi",
        "et",
        "lv",
        "lt",
        "hu",
        "id",
        "ca",
        "gl",
        "eu",
    ]
)


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
_SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "billion": 1e9,
    "billions": 1e9,
    "trillion": 1e12,
    "bn": 1e9,
    "mn": 1e6,
    "m": 1e6,
    "k": 1e3,
    "lakh": 1e5,
    "lakhs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
    # German, Dutch, French, Italian, Spanish, Portuguese
    "tausend": 1e3,
    "mio": 1e6,
    "million_de": 1e6,
    "millionen": 1e6,
    "mrd": 1e9,
    "milliarde": 1e9,
    "milliarden": 1e9,
    "miljoen": 1e6,
    "miljard": 1e9,
    "duizend": 1e3,
    "mille": 1e3,
    "mila": 1e3,
    "milliards": 1e9,
    "milliard": 1e9,
    "millones": 1e6,
    "millón": 1e6,
    "mil": 1e3,
    "milioni": 1e6,
    "milione": 1e6,
    "miliardi": 1e9,
    "miliardo": 1e9,
    "milhões": 1e6,
    "milhão": 1e6,
    # Polish, Czech, Russian
    "tys": 1e3,
    "tysięcy": 1e3,
    "tysiące": 1e3,
    "tysiąc": 1e3,
    "mln": 1e6,
    "mld": 1e9,
    "miliard": 1e9,
    "miliardów": 1e9,
    "miliony": 1e6,
    "milionów": 1e6,
    "milion": 1e6,
    "tis": 1e3,
    "tisíc": 1e3,
    "milionů": 1e6,
    "miliardy": 1e9,
    "miliard_cs": 1e9,
    "тыс": 1e3,
    "тысяч": 1e3,
    "тысячи": 1e3,
    "млн": 1e6,
    "миллионов": 1e6,
    "миллиона": 1e6,
    "миллион": 1e6,
    "млрд": 1e9,
    "миллиардов": 1e9,
    "миллиарда": 1e9,
    # Hindi
    "हज़ार": 1e3,
    "हजार": 1e3,
    "लाख": 1e5,
    "करोड़": 1e7,
    "करोड": 1e7,
    "अरब": 1e9,
}
#: German "Billion" is 10^12, unlike English.
_SCALES_DE = {**_SCALES, "billion": 1e12, "billionen": 1e12}
#: Language-specific scale words where a spelling means something else elsewhere.
_SCALES_BY_LANG = {
    "de": _SCALES_DE,
    "cs": {
        "padesát": 50,
        "šedesát": 60,
        "devadesát": 90,
        "čtrnáct": 14,
        "patnáct": 15,
        "devatenáct": 19,
        "čtvrt": 4,
        "pát": 5,
        "devát": 9,
        "desát": 10,
        "dvacát": 20,
        "třicát": 30,
        "leden": 1,
        "únor": 2,
        "břez": 3,
        "dub": 4,
        "květ": 5,
        "červen": 6,
        "červenec": 7,
        "srp": 8,
        "zář": 9,
        "říj": 10,
        "listopad": 11,
        "prosin": 12,
        "desetilet": 10,
        "stolet": 100,
        **_SCALES,
        "mil": 1e6,
        "mld": 1e9,
        "tis": 1e3,
    },
    "sk": {**_SCALES, "mil": 1e6, "mld": 1e9, "tis": 1e3},
    "fr": {
        "treize": 13,
        "quatorze": 14,
        "quinze": 15,
        "seize": 16,
        "quarante": 40,
        "cinquante": 50,
        "soixante": 60,
        "quatre-vingt": 80,
        "quatri": 4,
        "neuv": 9,
        "dizain": 10,
        "centain": 100,
        "tier": 3,
        "milliers": 1000,
        **_SCALES,
        "mille": 1e3,
        "md": 1e9,
        "mds": 1e9,
    },
}
_MIL_MILLONES = re.compile(r"(\d+(?:[.,]\d+)?)\s+mil\s+millones", re.I)
_CJK_SCALES = {"十": 10, "百": 100, "千": 1000, "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8, "兆": 1e12}
_CJK_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}

# ---------------------------------------------------------------- English words (soft)
_EN_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "hundredth": 100,
    "thousandth": 1000,
    "once": 1,
    "twice": 2,
    "single": 1,
    "double": 2,
    "triple": 3,
    "dozen": 12,
    "dozens": 12,
    "half": 0.5,
    "quarter": 0.25,
    "decade": 10,
    "decades": 10,
    "century": 100,
    "centuries": 100,
    "noon": 12,
    "midnight": 0,
    "hundreds": 100,
    "thousands": 1000,
    "millions": 1e6,
    "both": 2,
    "pair": 2,
    "couple": 2,
    "a": 1,
    "an": 1,
    "twenties": 20,
    "thirties": 30,
    "forties": 40,
    "fifties": 50,
    "sixties": 60,
    "seventies": 70,
    "eighties": 80,
    "nineties": 90,
    "teens": 10,
}
_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_WEEK = {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7}

# ---------------------------------------------------------------- source-language words (soft)
#: Stems of number words by language; a source word starting with a stem vouches for its value.
_SOURCE_WORDS = {
    "de": {
        "null": 0,
        "ein": 1,
        "zwei": 2,
        "drei": 3,
        "vier": 4,
        "fünf": 5,
        "sechs": 6,
        "sieben": 7,
        "acht": 8,
        "neun": 9,
        "zehn": 10,
        "elf": 11,
        "zwölf": 12,
        "zwanzig": 20,
        "dreißig": 30,
        "vierzig": 40,
        "fünfzig": 50,
        "hundert": 100,
        "tausend": 1000,
        "erst": 1,
        "dritt": 3,
        "halb": 0.5,
        "dutzend": 12,
        "jahrzehnt": 10,
        "jahrhundert": 100,
        "beide": 2,
        "zweit": 2,
        "januar": 1,
        "februar": 2,
        "märz": 3,
        "april": 4,
        "mai": 5,
        "juni": 6,
        "juli": 7,
        "august": 8,
        "september": 9,
        "oktober": 10,
        "november": 11,
        "dezember": 12,
    },
    "pl": {
        "jed": 1,
        "dwa": 2,
        "dwie": 2,
        "dwu": 2,
        "dwó": 2,
        "trz": 3,
        "czter": 4,
        "pię": 5,
        "sze": 6,
        "sied": 7,
        "osi": 8,
        "dziewię": 9,
        "dziesię": 10,
        "jedenaś": 11,
        "dwanaś": 12,
        "dwadzie": 20,
        "trzydzie": 30,
        "sto": 100,
        "tysi": 1000,
        "pierw": 1,
        "drug": 2,
        "czwart": 4,
        "piąt": 5,
        "szóst": 6,
        "siódm": 7,
        "ósm": 8,
        "dziewiąt": 9,
        "dziesiąt": 10,
        "pół": 0.5,
        "obie": 2,
        "oba": 2,
        "stycz": 1,
        "lut": 2,
        "marz": 3,
        "kwiet": 4,
        "maj": 5,
        "czerw": 6,
        "lip": 7,
        "sierp": 8,
        "wrze": 9,
        "październik": 10,
        "listopad": 11,
        "grud": 12,
        "dekad": 10,
    },
    "cs": {
        "jed": 1,
        "dva": 2,
        "dvě": 2,
        "tři": 3,
        "čtyř": 4,
        "pět": 5,
        "šest": 6,
        "sedm": 7,
        "osm": 8,
        "devět": 9,
        "deset": 10,
        "sto": 100,
        "tisí": 1000,
        "prvn": 1,
        "druh": 2,
        "třet": 3,
        "oba": 2,
        "obě": 2,
        "půl": 0.5,
    },
    "ru": {
        "сорок": 40,
        "девяност": 90,
        "четв": 4,
        "сед": 7,
        "восьм": 8,
        "тыс": 1000,
        "январ": 1,
        "феврал": 2,
        "март": 3,
        "апрел": 4,
        "ма": 5,
        "июн": 6,
        "июл": 7,
        "август": 8,
        "сентябр": 9,
        "октябр": 10,
        "ноябр": 11,
        "декабр": 12,
        "десятилет": 10,
        "век": 100,
        "двое": 2,
        "трое": 3,
        "четверо": 4,
        "полтор": 1.5,
        "од": 1,
        "дв": 2,
        "тр": 3,
        "четыр": 4,
        "пят": 5,
        "шест": 6,
        "сем": 7,
        "восем": 8,
        "девят": 9,
        "десят": 10,
        "сто": 100,
        "тысяч": 1000,
        "перв": 1,
        "втор": 2,
        "оба": 2,
        "обе": 2,
        "пол": 0.5,
    },
    "fr": {
        "un": 1,
        "une": 1,
        "deux": 2,
        "trois": 3,
        "quatre": 4,
        "cinq": 5,
        "six": 6,
        "sept": 7,
        "huit": 8,
        "neuf": 9,
        "dix": 10,
        "onze": 11,
        "douze": 12,
        "vingt": 20,
        "trente": 30,
        "cent": 100,
        "mille": 1000,
        "premi": 1,
        "second": 2,
        "deuxième": 2,
        "troisième": 3,
        "demi": 0.5,
        "moitié": 0.5,
        "janvier": 1,
        "février": 2,
        "mars": 3,
        "avril": 4,
        "mai": 5,
        "juin": 6,
        "juillet": 7,
        "août": 8,
        "septembre": 9,
        "octobre": 10,
        "novembre": 11,
        "décembre": 12,
        "douzaine": 12,
        "décennie": 10,
        "siècle": 100,
    },
    "it": {
        "undic": 11,
        "dodic": 12,
        "quattordic": 14,
        "quindic": 15,
        "sedic": 16,
        "diciassett": 17,
        "diciott": 18,
        "diciannov": 19,
        "quaranta": 40,
        "cinquanta": 50,
        "sessanta": 60,
        "settanta": 70,
        "ottanta": 80,
        "novanta": 90,
        "quart": 4,
        "quint": 5,
        "sest": 6,
        "settim": 7,
        "ottav": 8,
        "nono": 9,
        "decim": 10,
        "decina": 10,
        "centinai": 100,
        "migliai": 1000,
        "entramb": 2,
        "un": 1,
        "due": 2,
        "tre": 3,
        "quattro": 4,
        "cinque": 5,
        "sei": 6,
        "sette": 7,
        "otto": 8,
        "nove": 9,
        "dieci": 10,
        "venti": 20,
        "trenta": 30,
        "cento": 100,
        "mille": 1000,
        "mila": 1000,
        "prim": 1,
        "second": 2,
        "terz": 3,
        "mezz": 0.5,
        "metà": 0.5,
        "gennaio": 1,
        "febbraio": 2,
        "marzo": 3,
        "aprile": 4,
        "maggio": 5,
        "giugno": 6,
        "luglio": 7,
        "agosto": 8,
        "settembre": 9,
        "ottobre": 10,
        "novembre": 11,
        "dicembre": 12,
        "decenn": 10,
        "secol": 100,
    },
    "es": {
        "catorce": 14,
        "quince": 15,
        "dieci": 10,
        "séis": 6,
        "veinti": 20,
        "cuarenta": 40,
        "cincuenta": 50,
        "sesenta": 60,
        "setenta": 70,
        "ochenta": 80,
        "noventa": 90,
        "cuart": 4,
        "quint": 5,
        "sext": 6,
        "séptim": 7,
        "octav": 8,
        "noven": 9,
        "décim": 10,
        "terci": 3,
        "decena": 10,
        "centenar": 100,
        "miles": 1000,
        "un": 1,
        "dos": 2,
        "tres": 3,
        "cuatro": 4,
        "cinco": 5,
        "seis": 6,
        "siete": 7,
        "ocho": 8,
        "nueve": 9,
        "diez": 10,
        "once": 11,
        "doce": 12,
        "veint": 20,
        "treinta": 30,
        "cien": 100,
        "mil": 1000,
        "primer": 1,
        "segund": 2,
        "tercer": 3,
        "medi": 0.5,
        "mitad": 0.5,
        "enero": 1,
        "febrero": 2,
        "marzo": 3,
        "abril": 4,
        "mayo": 5,
        "junio": 6,
        "julio": 7,
        "agosto": 8,
        "septiembre": 9,
        "octubre": 10,
        "noviembre": 11,
        "diciembre": 12,
        "década": 10,
        "siglo": 100,
        "ambos": 2,
        "ambas": 2,
    },
    "hi": {
        "एक": 1,
        "दो": 2,
        "तीन": 3,
        "चार": 4,
        "पांच": 5,
        "पाँच": 5,
        "छह": 6,
        "सात": 7,
        "आठ": 8,
        "नौ": 9,
        "दस": 10,
        "बीस": 20,
        "सौ": 100,
        "हज़ार": 1000,
        "हजार": 1000,
        "पहल": 1,
        "दूसर": 2,
        "तीसर": 3,
        "चौथ": 4,
        "पांचव": 5,
        "छठ": 6,
        "आधा": 0.5,
        "दोनों": 2,
        "जनवरी": 1,
        "फरवरी": 2,
        "मार्च": 3,
        "अप्रैल": 4,
        "मई": 5,
        "जून": 6,
        "जुलाई": 7,
        "अगस्त": 8,
        "सितंबर": 9,
        "अक्टूबर": 10,
        "नवंबर": 11,
        "दिसंबर": 12,
        "दशक": 10,
        "सदी": 100,
        "शताब्दी": 100,
    },
    "ja": {"ひと": 1, "ふた": 2, "半": 0.5, "両": 2, "双": 2},
    "zh": {"半": 0.5, "双": 2, "俩": 2, "两": 2, "首次": 1, "初": 1},
}

_DIGIT_RUN = r"\d+(?:[.,]\d+|[\u00a0\u202f' ]\d{3}(?!\d))*"
#: Letters that glue to a number into an identifier (Latin, Cyrillic); CJK and Devanagari do not.
_ALNUM = "0-9A-Za-z\u00c0-\u024f\u0400-\u04ff\uff21-\uff3a\uff41-\uff5a"
_NUMBER = re.compile(rf"(?<![{_ALNUM}.,\d])(?:{_DIGIT_RUN})(?!\d)")
_IDENTIFIER_BEFORE = re.compile(r"[A-Za-z]-$")
_TIME = re.compile(r"(?<![\d.,:])([01]?\d|2[0-4])(?:[:.h]|\s?h\s?)([0-5]\d)(?![\d])")
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
COUNTING_WORDS = frozenset(
    [
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
    ]
)


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
