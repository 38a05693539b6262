"""Send text to a LanguageTool server through language-tool-python, in bounded chunks.

Offsets: LanguageTool counts UTF-16 code units, Python counts code points, so
every character outside the Basic Multilingual Plane (emoji, rare CJK) is sent as
U+FFFD; both then count one unit per character and LanguageTool's offsets are
exact Python indices. (language-tool-python's own correction keeps the last text
in a class attribute, which is not safe with concurrent requests; with BMP-only
text it never applies.)
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator, Sequence
from typing import Any

from auditor.models import Sentence

#: Characters LanguageTool would count as two UTF-16 units.
_NON_BMP = re.compile("[\U00010000-\U0010ffff]")
#: A chunk is at most this many characters (split at sentence boundaries).
CHUNK_CHARS = 6000
REQUEST_TIMEOUT = 120


class ServerGone(Exception):
    """The server did not answer (connection refused, reset or timed out)."""


#: The masked spans of the request this thread is sending (see :func:`annotated`).
_REQUEST = threading.local()
#: What a masked name is read as: names LanguageTool knows, with the same kind of first letter
#: (so "an Adam" / "a Smith" keep the article rules right); neighbours get different ones, so
#: "Grigory Karasin" does not read as a repeated word.
_STAND_INS = {True: ("Adam", "Ella", "Owen"), False: ("Smith", "Jones", "Brown")}


def annotated(text: str, masks: Sequence[tuple[int, int]]) -> str:
    """LanguageTool's ``data`` parameter: ``text`` with each masked span sent as markup read as a
    known name. LanguageTool still reports offsets into the whole ``text``."""
    parts: list[dict[str, str]] = []
    position = 0
    for number, (start, end) in enumerate(masks):
        if start > position:
            parts.append({"text": text[position:start]})
        names = _STAND_INS[text[start].upper() in "AEIOU"]
        parts.append({"markup": text[start:end], "interpretAs": names[number % len(names)]})
        position = end
    if position < len(text):
        parts.append({"text": text[position:]})
    return json.dumps({"annotation": parts}, ensure_ascii=False)


def _language_tool_class() -> type:
    """language-tool-python's client with our per-request timeout (imported on first need: ~1 s)."""
    import language_tool_python

    class TimedLanguageTool(language_tool_python.LanguageTool):
        _TIMEOUT = REQUEST_TIMEOUT  # type: ignore[assignment]

        def _create_params(self, text: str) -> dict[str, str]:
            params = super()._create_params(text)
            masks = getattr(_REQUEST, "masks", ())
            if masks:  # names LanguageTool need not spell-check: sent as markup
                del params["text"]
                params["data"] = annotated(text, masks)
            return params

    return TimedLanguageTool


def bmp_only(text: str) -> str:
    """``text`` with each non-BMP character replaced by U+FFFD (same length in Python)."""
    return _NON_BMP.sub("\ufffd", text)


def chunk_spans(
    text: str, sentences: Sequence[Sentence], limit: int = CHUNK_CHARS
) -> Iterator[tuple[int, int]]:
    """Cover ``text`` with spans of at most ~``limit`` characters that end on sentence ends."""
    if len(text) <= limit or not sentences:
        yield 0, len(text)
        return
    start = 0
    end = 0
    for sentence in sentences:
        if sentence.end - start > limit and end > start:
            yield start, end
            start = end
        end = sentence.end
    if start < len(text):
        yield start, len(text)


class BusyClock:
    """Wall-clock time during which at least one LanguageTool request was in flight."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._active = 0
        self._since = 0.0
        self.busy = 0.0
        self.requests = 0

    def __enter__(self) -> BusyClock:
        with self._lock:
            if self._active == 0:
                self._since = time.perf_counter()
            self._active += 1
            self.requests += 1
        return self

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self._active -= 1
            if self._active == 0:
                self.busy += time.perf_counter() - self._since


class LanguageToolClient:
    """Checks texts against one server URL with a fixed configuration.

    The language-tool-python client is built on the first request, so a run served
    entirely from the cache never imports it or talks to the server.
    """

    def __init__(self, url: str, lang: str, disabled_rules: set[str], disabled_categories: set[str]) -> None:
        self.lang = lang
        self.disabled_rules = set(disabled_rules)
        self.disabled_categories = set(disabled_categories)
        self.clock = BusyClock()
        self.url = url
        self._tool: object | None = None
        self._lock = threading.Lock()

    def connect(self, url: str) -> None:
        """(Re)bind to the server at ``url``."""
        from language_tool_python.exceptions import LanguageToolError

        try:
            tool = _language_tool_class()(language=self.lang, remote_server=url)
        except (LanguageToolError, ValueError, OSError) as error:
            raise ServerGone(str(error)) from error
        tool.disabled_rules = set(self.disabled_rules)
        tool.disabled_categories = set(self.disabled_categories)
        self.url = url
        self._tool = tool

    def _bound(self) -> Any:
        with self._lock:
            if self._tool is None:
                self.connect(self.url)
            return self._tool

    def check(self, text: str, masks: Sequence[tuple[int, int]] = ()) -> list[dict[str, Any]]:
        """Raw matches for ``text`` with offsets as Python indices into ``text``.

        ``masks``: sorted, non-overlapping spans LanguageTool is to read as a known name.
        """
        if not text.strip():
            return []
        from language_tool_python.exceptions import LanguageToolError

        tool = self._bound()
        _REQUEST.masks = tuple(masks)
        try:
            with self.clock:
                matches = tool.check(bmp_only(text))
        except LanguageToolError as error:
            raise ServerGone(str(error)) from error
        finally:
            _REQUEST.masks = ()
        return [
            {
                "offset": m.offset,
                "length": m.error_length,
                "rule": m.rule_id,
                "category": m.category,
                "issue_type": m.rule_issue_type,
                "message": m.message,
                "replacements": list(m.replacements[:8]),
            }
            for m in matches
        ]
