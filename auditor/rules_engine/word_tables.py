"""Word tables as data: number words per language, units, road nouns (``rules/words/``).

Read like the rule packs: a safe YAML loader, every entry checked, and a bad file stops the run
with one line naming the file and the entry. Each table is loaded once per process.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

from auditor.resources import rules_dir
from auditor.rules_engine.loader import _yaml_problem
from auditor.rules_engine.patterns import RuleFileError
from auditor.yaml_files import parse_yaml

#: Where the word tables live, under the rules directory (not rule packs).
WORDS_DIR = "words"


def words_dir() -> Path:
    """The directory of the word tables."""
    return rules_dir() / WORDS_DIR


def read_table(path: Path, keys: dict[str, str]) -> dict[str, Any]:
    """``path`` parsed and checked: a mapping of the given ``keys`` (key -> kind: ``numbers`` for
    word -> number, ``words`` for a list of words, ``forms`` for name -> list of words)."""
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise RuleFileError(f"{path}: cannot read ({error.strerror})") from None
    except UnicodeDecodeError:
        raise RuleFileError(f"{path}: not UTF-8 text") from None
    except yaml.YAMLError as error:
        raise RuleFileError(f"{path}: {_yaml_problem(error)}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise RuleFileError(f"{path}: expected a mapping of {', '.join(keys)}")
    unknown = sorted(set(map(str, data)) - set(keys))
    if unknown:
        raise RuleFileError(f"{path}: unknown key '{unknown[0]}' (known: {', '.join(keys)})")
    return {key: _checked(path, key, kind, data[key]) for key, kind in keys.items() if key in data}


def _checked(path: Path, key: str, kind: str, value: Any) -> Any:
    if kind == "numbers":
        if not isinstance(value, dict):
            raise RuleFileError(f"{path}: {key}: expected a mapping of word: number")
        for word, number in value.items():
            if not isinstance(word, str) or not word:
                raise RuleFileError(f"{path}: {key}: {word!r} is not a word (quote yes/no/on/off/null)")
            if isinstance(number, bool) or not isinstance(number, (int, float)):
                raise RuleFileError(f"{path}: {key}: {word}: {number!r} is not a number")
        return dict(value)
    if kind == "words":
        if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
            raise RuleFileError(f"{path}: {key}: expected a list of words (quote yes/no/on/off)")
        return list(value)
    if not isinstance(value, dict) or not all(
        isinstance(name, str) and isinstance(forms, list) and forms and all(isinstance(f, str) and f for f in forms)
        for name, forms in value.items()
    ):
        raise RuleFileError(f"{path}: {key}: expected a mapping of name: [forms]")
    return {name: tuple(forms) for name, forms in value.items()}


@cache
def word_table(name: str, **keys: str) -> dict[str, Any]:
    """The checked table ``rules/words/<name>`` (``keys`` as for :func:`read_table`)."""
    return read_table(words_dir() / name, keys)


@lru_cache(maxsize=1)
def number_words() -> dict[str, Any]:
    """Number tables: ``common`` and ``en`` tables, and per source language its ``words`` and ``scales``
    (the common scales with the language's own on top)."""
    common = word_table("numbers/common.yaml", comma_decimal="words", scales="numbers", cjk_scales="numbers",
                        cjk_digits="numbers")
    english = word_table("numbers/en.yaml", words="numbers", months="numbers", weekdays="numbers",
                         counting_words="words")
    languages: dict[str, dict[str, Any]] = {}
    for path in sorted((words_dir() / "numbers").glob("*.yaml")):
        if path.stem in ("common", "en"):
            continue
        table = word_table(f"numbers/{path.name}", words="numbers", scales="numbers")
        languages[path.stem] = table
    return {
        "comma_decimal": frozenset(common.get("comma_decimal", ())),
        "scales": common.get("scales", {}),
        "cjk_scales": common.get("cjk_scales", {}),
        "cjk_digits": common.get("cjk_digits", {}),
        "english": english.get("words", {}),
        "months": english.get("months", {}),
        "weekdays": english.get("weekdays", {}),
        "counting_words": frozenset(english.get("counting_words", ())),
        "source_words": {lang: t["words"] for lang, t in languages.items() if t.get("words")},
        "scales_by_language": {
            lang: {**common.get("scales", {}), **t["scales"]} for lang, t in languages.items() if t.get("scales")
        },
    }
