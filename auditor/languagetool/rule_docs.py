"""What LanguageTool's own rules say about themselves: name and first bad → fixed example.

LanguageTool's English XML rules (``grammar.xml`` and ``style.xml`` inside the installed
``language-en`` jar, SHA-256-checked at fetch time) give every rule a name and examples,
an incorrect one marking the flagged words and carrying the correction. They are read once
with lxml (entities of the file's own DTD are expanded; nothing is fetched) and kept as JSON
in the user cache beside the jar, so a report pays for the parse once per LanguageTool version.
Rules written in Java (the speller, compounds, whitespace) have no XML; they get no entry.
"""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Any

#: The English rule files, general ones first (the first entry of a rule id wins).
RULE_FILES = (
    "org/languagetool/rules/en/grammar.xml",
    "org/languagetool/rules/en/style.xml",
    "org/languagetool/rules/en/en-US/grammar.xml",
    "org/languagetool/rules/en/en-US/style.xml",
    "org/languagetool/rules/en/en-GB/grammar.xml",
    "org/languagetool/rules/en/en-GB/style.xml",
    "org/languagetool/rules/en/en-AU/grammar.xml",
    "org/languagetool/rules/en/en-CA/grammar.xml",
    "org/languagetool/rules/en/en-NZ/grammar.xml",
)
#: Bumped when the extracted fields change, so an old cache file is not read.
CACHE_FORMAT = 1


def _example(element: Any) -> dict[str, str] | None:
    """``{"bad", "span", "good"}`` of an incorrect ``<example correction=...>`` with a ``<marker>``."""
    correction = element.get("correction")
    if correction is None:
        return None
    marker = element.find("marker")
    if marker is None:
        return None
    before = element.text or ""
    span = "".join(marker.itertext())
    after = marker.tail or ""
    fixed = correction.split("|")[0]
    bad = " ".join(f"{before}{span}{after}".split())
    good = " ".join(f"{before}{fixed}{after}".split())
    if not span.strip() or not correction or bad == good:
        return None
    return {"bad": bad, "span": span.strip(), "good": good}


def _rules_of(data: bytes, found: dict[str, dict[str, Any]]) -> None:
    """Add every rule and rule group of one XML rule file to ``found`` (first entry wins)."""
    from io import BytesIO

    from lxml import etree

    for _, element in etree.iterparse(
        BytesIO(data), events=("end",), tag=("rule", "rulegroup"), resolve_entities=True, no_network=True,
        load_dtd=False, huge_tree=True,
    ):
        rule_id = element.get("id")
        if rule_id and rule_id not in found:
            example = next((e for e in map(_example, element.iter("example")) if e), None)
            short = element.findtext("short") or next((s.text for s in element.iter("short") if s.text), "")
            found[rule_id] = {"name": (element.get("name") or "").strip(), "short": (short or "").strip(),
                              **({"example": example} if example else {})}
        if element.tag == "rulegroup" or element.getparent() is None or element.getparent().tag != "rulegroup":
            element.clear(keep_tail=True)


def extract(jar: Path) -> dict[str, dict[str, Any]]:
    """Rule id -> ``{"name", "short", "example"?}`` from the English rule files of ``jar``."""
    found: dict[str, dict[str, Any]] = {}
    with zipfile.ZipFile(jar) as archive:
        names = set(archive.namelist())
        for member in RULE_FILES:
            if member in names:
                _rules_of(archive.read(member), found)
    return found


def _jar() -> Path | None:
    from auditor.languagetool.install import LANGUAGETOOL_VERSION, is_installed, lib_dir

    if not is_installed():
        return None
    jar = lib_dir() / f"language-en-{LANGUAGETOOL_VERSION}.jar"
    return jar if jar.is_file() else None


@lru_cache(maxsize=1)
def languagetool_rule_docs() -> dict[str, dict[str, Any]]:
    """Every English XML rule's name and example; empty when LanguageTool is not installed."""
    jar = _jar()
    if jar is None:
        return {}
    stat = jar.stat()
    cache = jar.parent.parent / f"rule-docs-{CACHE_FORMAT}.json"
    stamp = f"{jar.name}:{stat.st_size}:{stat.st_mtime_ns}"
    try:
        stored = json.loads(cache.read_text(encoding="utf-8"))
        if stored.get("jar") == stamp:
            return dict(stored["rules"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass  # missing or damaged: extract afresh
    try:
        rules = extract(jar)
    except (OSError, zipfile.BadZipFile, ValueError):
        return {}
    try:  # written atomically; a read-only cache only costs the parse next time
        handle, temp = tempfile.mkstemp(prefix=".rule-docs.", dir=cache.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump({"jar": stamp, "rules": rules}, out, ensure_ascii=False)
        os.replace(temp, cache)
    except OSError:
        pass
    return rules
