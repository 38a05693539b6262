"""Which language a Latin-script source sentence is in, from its commonest words.

``--source-lang`` and file headers name the language when the user knows it; a test set mixing
sources (DEMETR) or a run without the option leaves Latin-script sources unnamed. A sentence's
words are scored against each candidate language's 120 most frequent words (wordfreq, offline);
the best language wins when it explains clearly more words than the runner-up.
"""

from __future__ import annotations

import functools
import re

#: Latin-script source languages the meaning checks know (English last: a copied target).
CANDIDATES = ("de", "fr", "es", "it", "pt", "nl", "pl", "cs", "ro", "en")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
#: Script ranges that decide the language alone.
_SCRIPTS = (
    (re.compile(r"[\u3040-\u30ff]"), "ja"),
    (re.compile(r"[\u4e00-\u9fff]"), "zh"),
    (re.compile(r"[\u0900-\u097f]"), "hi"),
    (re.compile(r"[\u0600-\u06ff]"), "ar"),
    (re.compile(r"[\u0400-\u04ff]"), "ru"),
)
#: Letters only one candidate writes.
_LETTERS = {"de": "ßäöü", "pl": "łąęśźżń", "cs": "řěůťď", "ro": "ășțş", "pt": "ãõ", "fr": "èêçœ", "es": "ñ¿¡"}


@functools.cache
def _top_words(lang: str) -> dict[str, float]:
    from wordfreq import top_n_list

    words = top_n_list(lang, 120)
    return {word: 1.0 / (1 + rank / 30) for rank, word in enumerate(words)}


def guess_latin(text: str) -> str | None:
    """The most likely Latin-script language of ``text`` (None when unsure or too short)."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < 3:
        return None
    # a language's own letters count half in capitalised words: a name keeps its own language's letters
    # (A Coruña in a German sentence), though most names of a text are its language's (Timișoara)
    common = " ".join(w for w in _WORD.findall(text) if w[:1].islower())
    scores = {}
    for lang in CANDIDATES:
        table = _top_words(lang)
        scores[lang] = sum(table.get(w, 0.0) for w in words)
        letters = _LETTERS.get(lang, "")
        scores[lang] += sum(text.count(c) + common.count(c) for c in letters)
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (best, first), (_, second) = ranked[0], ranked[1]
    return best if first >= 1.0 and first >= 1.3 * second else None


def guess(text: str) -> str | None:
    """The language of a source sentence: by script, else by its commonest words."""
    for pattern, lang in _SCRIPTS:
        if pattern.search(text):
            return lang
    return guess_latin(text)
