"""Word forms through lemminflect: which forms a lemma has, and the same form of another word.

Patterns say ``lemma: evacuate`` and match every inflection; suggestions say
``{verb:clear}`` and get the form the text used (evacuated → cleared,
evacuating → clearing). No hand-written tables.
"""

from __future__ import annotations

from functools import lru_cache

from auditor.language.inflect import getAllInflections, getAllInflectionsOOV, getInflection

#: lemminflect's universal part-of-speech names for the ``pos`` field of a pattern.
UPOS = {"verb": "VERB", "noun": "NOUN", "adj": "ADJ", "adv": "ADV"}

#: Which Penn tag to prefer when a form is ambiguous (``shot`` is VBD and VBN; ``forces`` NNS and VBZ).
_TAG_ORDER = ("VBD", "VBN", "VBG", "VBZ", "NNS", "JJR", "JJS", "RBR", "RBS", "VBP", "VB", "NN", "JJ", "RB")


@lru_cache(maxsize=4096)
def forms_by_tag(lemma: str, pos: str | None = None) -> dict[str, frozenset[str]]:
    """Every inflected form of ``lemma`` keyed by Penn tag (the lemma itself included)."""
    lemma = lemma.lower()
    upos = UPOS.get(pos) if pos else None
    found = getAllInflections(lemma, upos=upos) if upos else getAllInflections(lemma)
    if not found and upos:
        found = getAllInflectionsOOV(lemma, upos=upos)
    table = {tag: frozenset(f.lower() for f in forms) for tag, forms in found.items()}
    if "VBD" in table and "VBN" not in table:
        table["VBN"] = table["VBD"]
    if not table:
        base = {"verb": "VB", "noun": "NN", "adj": "JJ", "adv": "RB"}.get(pos or "", "NN")
        table[base] = frozenset({lemma})
    return table


@lru_cache(maxsize=4096)
def all_forms(lemma: str, pos: str | None = None) -> frozenset[str]:
    """The set of every form of ``lemma`` (lower-case)."""
    result: set[str] = {lemma.lower()}
    for forms in forms_by_tag(lemma, pos).values():
        result |= forms
    return frozenset(result)


def tags_of(word: str, lemma: str, pos: str | None = None) -> list[str]:
    """The Penn tags under which ``word`` is a form of ``lemma``, most specific first."""
    low = word.lower().replace("’", "'")
    table = forms_by_tag(lemma, pos)
    tags = [tag for tag in _TAG_ORDER if low in table.get(tag, ())]
    if low == lemma.lower():  # the bare form: "become" is base form before participle, "profit" singular
        tags.sort(key=lambda tag: tag not in ("VB", "NN", "JJ", "RB"))
    return tags


def inflect_like(target: str, word: str, lemma: str, pos: str | None = None) -> str:
    """``target`` (a lemma, possibly several words) in the form ``word`` has as a form of ``lemma``.

    Only the first word of a multi-word target is inflected: ``carry out`` like
    ``performed`` gives ``carried out``. Without a known form the target is returned as written.
    """
    head, _, rest = target.partition(" ")
    target_tags = set(forms_by_tag(head, pos))
    if pos in (None, "verb"):
        target_tags.add("VBN")
    inflected = head
    for tag in tags_of(word, lemma, pos):
        if tag not in target_tags:
            continue
        candidates = getInflection(head, tag=tag)
        if candidates:
            inflected = candidates[0]
            break
    return inflected + (" " + rest if rest else "")
