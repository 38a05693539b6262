"""Compare names across scripts: a rough romanisation of Cyrillic and a consonant skeleton that
survives inflection and spelling conventions ("Путина" ~ "Putin", "Москве" ~ "Moscow",
"Kowalskiego" ~ "Kowalski")."""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "_",
            "y",
            "_",
            "e",
            "yu",
            "ya",
            "i",
            "yi",
            "ye",
            "g",
        ],
        strict=True,
    )
)
_DIGRAPHS = (
    ("shch", "S"),
    ("sch", "S"),
    ("sh", "S"),
    ("ch", "C"),
    ("zh", "J"),
    ("kh", "k"),
    ("ts", "s"),
    ("tz", "s"),
    ("ph", "f"),
    ("ck", "k"),
    ("x", "ks"),
    ("q", "k"),
    ("w", "v"),
    ("j", "J"),
    ("z", "s"),
)
_FOLD = str.maketrans(
    "áàâäãåāăąçćčďéèêëēėęěíìîïīįłñńňóòôöõøōőřśšşťúùûüūůűųýÿźżž",
    "aaaaaaaaacccdeeeeeeeeiiiiiilnnnoooooooorssstuuuuuuuuyyzzz",
)


def romanize(word: str) -> str:
    """Latin letters for a Cyrillic word (other scripts pass through lower-cased)."""
    return "".join(_CYRILLIC.get(c, c) for c in word.lower()).replace("_", "")


@lru_cache(maxsize=100_000)
def skeleton(word: str) -> str:
    """Consonants only, digraphs folded, doubles collapsed: ``Moscow`` and ``Москве`` give ``mskv``."""
    text = romanize(word).translate(_FOLD)
    text = re.sub(r"c(?=[eiy])", "s", text).replace("c", "k")
    text = re.sub(r"(?<=[aeiou])w", "", text)  # "Snowden", "Newtown": a w after a vowel is silent
    for digraph, single in _DIGRAPHS:
        text = text.replace(digraph, single)
    text = re.sub(r"[aeiouyh'’\W\d_]", "", text)
    text = re.sub(r"n(?=[pb])", "m", text)  # "Ambala" and "अंबाला", "konpyuta" and "computer"
    text = text.replace("J", "s")  # j/z/zh drift between languages: "Gazprom" and "Газпром"
    return re.sub(r"(.)\1+", r"\1", text)


#: Other ways English spells a Cyrillic letter or pair: Greek and Hebrew names came into Russian
#: through Greek (Феодосий/Theodosius, Христос/Christ, Иссахар/Issachar), Chinese and Arabic ones
#: through their own romanisations (Чжэцзян/Zhejiang, Джиган/Jigan, Хэллоуин/Halloween), and Г
#: stands for a Greek or German h (Геродот/Herodotus, Гамбург/Hamburg).
_CYRILLIC_ALTERNATIVES = (("чж", "zh"), ("цз", "j"), ("дж", "j"), ("ф", "th"), ("г", "h"), ("х", "h"), ("х", "ch"))
_HAS_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_HEARD_W = re.compile(r"(?<=[aeiouAEIOU])w(?=[aeiouy])")


@lru_cache(maxsize=100_000)
def romanizations(word: str) -> tuple[str, ...]:
    """The romanisation of a Cyrillic word and its other English spellings (a Latin word: itself)."""
    if not _HAS_CYRILLIC.search(word):
        # a w after a vowel is silent (Snowden) or, before another vowel, heard as v: Rewind, Ревайнд
        return (word, _HEARD_W.sub("v", word)) if _HEARD_W.search(word) else (word,)
    lower = word.lower()
    variants = [romanize(lower)]
    for cyrillic, latin in _CYRILLIC_ALTERNATIVES:
        if cyrillic in lower:
            variants.append(romanize(lower.replace(cyrillic, latin)))
    every = lower
    for cyrillic, latin in _CYRILLIC_ALTERNATIVES[:-1]:  # х once: as h
        every = every.replace(cyrillic, latin)
    variants.append(romanize(every))
    return tuple(dict.fromkeys(variants))


def same_name(a: str, b: str) -> bool:
    """Whether two spellings (any inflection, either script) plausibly name the same thing."""
    return any(_same_skeleton(x, y) for x in romanizations(a) for y in romanizations(b))


def _same_skeleton(a: str, b: str) -> bool:
    sa, sb = skeleton(a), skeleton(b)
    if not sa or not sb:
        return False
    if sa == sb:
        return True
    if len(sa) < 3 or len(sb) < 3:
        return False
    if sa[:3] == sb[:3] and abs(len(sa) - len(sb)) <= 2:
        return True
    similar = difflib.SequenceMatcher(a=sa, b=sb).ratio() >= 0.6
    return min(len(sa), len(sb)) >= 4 and sa[:2] == sb[:2] and similar
