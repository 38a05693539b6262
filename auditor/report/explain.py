"""Plain-language explanations of rules and MQM categories, shown next to each finding.

A finding's own ``message`` says what is wrong here; the explanation says what the
rule looks for in general. Rules that carry their own description (a finding
dict with ``explanation``, or a mapping passed to the renderer) take precedence.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

#: What each MQM category means for an editor.
CATEGORY_HELP: Mapping[str, str] = {
    "accuracy/mistranslation": "The English says something the source did not mean.",
    "accuracy/omission": "Content of the source is missing from the translation.",
    "accuracy/addition": "The translation adds content the source does not have.",
    "accuracy/untranslated": "Source-language text was left untranslated.",
    "accuracy/number": "A number, date or quantity differs from the source.",
    "fluency/grammar": "The sentence breaks English grammar.",
    "fluency/punctuation": "Punctuation or spacing is wrong for English copy.",
    "fluency/spelling": "A word is misspelt or wrongly capitalised.",
    "fluency/inconsistency": "The text contradicts itself (names, terms, figures).",
    "fluency/word-order": "Words are in an order English does not use.",
    "style/awkward": "Correct but unidiomatic: a native writer would not phrase it so.",
    "style/house": "Breaks wire house style.",
    "readability": "Hard to read at wire-copy speed.",
}

#: What the built-in rules look for.
RULE_HELP: Mapping[str, str] = {
    "space-before-punctuation": "English sets . , ; : ! ? directly after the word; MT often leaves a space.",
    "doubled-word": "The same word twice in a row, a typical MT or editing slip.",
    "doubled-space": "Two or more spaces between words.",
    "garbled-dateline": "The dateline separator was mangled in conversion (e.g. DAMASCUS >>).",
    "sentence-lowercase-start": "A sentence should start with a capital letter.",
    "missing-final-punctuation": "A sentence should end with a full stop, question or exclamation mark.",
    "no-words": "The segment has no words at all.",
    "nested-double-quote": "Quotes inside quotes take single marks in English.",
    "missing-space-after-quote": "A closing quotation mark needs a space before the next word.",
    "reversed-quote": "A quotation mark faces the wrong way.",
    "unmatched-closing-quote": "A closing quotation mark with no opening mark before it.",
    "unclosed-quote": "A quotation is opened but never closed in its paragraph.",
    "misplaced-closing-quote": "A closing mark typed as an opening one and glued to the next word.",
    "mixed-quote-style": "Straight and curly quotation marks mixed in one story.",
    "unbalanced-straight-quote": "An odd number of straight double quotes in a paragraph.",
    "long-sentence": "Sentences beyond the wire-copy word limit lose readers.",
    "hard-sentence": "A sentence whose Flesch-Kincaid grade is above the wire-copy limit.",
}


def explanations(
    findings: Iterable[Mapping[str, object]], extra: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Rule id -> explanation for every rule among ``findings`` (finding dicts)."""
    known = {**RULE_HELP, **(extra or {})}
    out: dict[str, str] = {}
    for finding in findings:
        rule = str(finding.get("rule", ""))
        own = finding.get("explanation") or finding.get("description")
        if isinstance(own, str) and own:
            out.setdefault(rule, own)
        elif rule in known:
            out.setdefault(rule, known[rule])
        else:
            category = str(finding.get("category", ""))
            out.setdefault(rule, CATEGORY_HELP.get(category, "See the finding's message."))
    return out
