"""lemminflect's lookups, with its lemma and inflection tables read word by word from the on-disk
index (:mod:`auditor.language.lexicon_index`) instead of parsed whole on first use (~0.6 s)."""

from __future__ import annotations

from typing import Any

import lemminflect

from auditor.language.lexicon_index import use_for_lemminflect


def getAllLemmas(*args: Any, **kwargs: Any) -> dict[str, tuple[str, ...]]:
    """``lemminflect.getAllLemmas``."""
    use_for_lemminflect()
    return lemminflect.getAllLemmas(*args, **kwargs)


def getAllInflections(*args: Any, **kwargs: Any) -> dict[str, tuple[str, ...]]:
    """``lemminflect.getAllInflections``."""
    use_for_lemminflect()
    return lemminflect.getAllInflections(*args, **kwargs)


def getAllInflectionsOOV(*args: Any, **kwargs: Any) -> dict[str, tuple[str, ...]]:
    """``lemminflect.getAllInflectionsOOV``."""
    use_for_lemminflect()
    return lemminflect.getAllInflectionsOOV(*args, **kwargs)


def getInflection(*args: Any, **kwargs: Any) -> tuple[str, ...]:
    """``lemminflect.getInflection``."""
    use_for_lemminflect()
    return lemminflect.getInflection(*args, **kwargs)
