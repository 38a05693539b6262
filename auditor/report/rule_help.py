"""Help text for rules, for report formats that describe rules (SARIF).

Rules listed here get their own description; any other rule (from rule packs
or LanguageTool) is described from its category and origin.
"""

from __future__ import annotations

RULE_HELP: dict[str, tuple[str, str]] = {
    "space-before-punctuation": (
        "Space before punctuation",
        "English sets commas, full stops, colons and question marks directly after the word; a space before "
        "them is left over from machine translation or French-style typography. Delete the space.",
    ),
    "doubled-word": (
        "Word written twice in a row",
        "The same word twice in a row (\"the the\") is a typing or translation slip. Delete the repeat.",
    ),
    "doubled-space": (
        "Several spaces between words",
        "Runs of spaces between words come from conversion or editing debris. Use one space.",
    ),
    "garbled-dateline": (
        "Garbled dateline separator",
        "A dateline is separated from the story by a dash in wire style; symbols such as >> or | are debris "
        "from the feed conversion.",
    ),
    "no-words": (
        "Segment without words",
        "A segment that contains only punctuation means the translation of that segment is missing.",
    ),
    "sentence-lowercase-start": (
        "Sentence starts in lower case",
        "A sentence opens with a capital letter; a lower-case start often means a broken sentence split.",
    ),
    "missing-final-punctuation": (
        "Sentence without closing punctuation",
        "A sentence without a full stop, question or exclamation mark reads as cut off.",
    ),
    "nested-double-quote": (
        "Double quotation marks inside a quotation",
        "A quotation inside a quotation takes single quotation marks in English wire style.",
    ),
    "missing-space-after-quote": (
        "No space after closing quotation mark",
        "A closing quotation mark glued to the next word hides where the quotation ends.",
    ),
    "reversed-quote": (
        "Quotation mark faces the wrong way",
        "A closing mark used to open a quotation; use an opening mark.",
    ),
    "unmatched-closing-quote": (
        "Closing quotation mark without an opening one",
        "Part of the quotation or its attribution is garbled: the reader cannot tell what was said.",
    ),
    "unclosed-quote": (
        "Quotation never closed",
        "A quotation that is opened and never closed leaves the reader unsure where the quote ends.",
    ),
    "misplaced-closing-quote": (
        "Closing quotation mark typed as an opening one",
        "The mark that should close the quotation is an opening mark glued to the next word.",
    ),
    "mixed-quote-style": (
        "Straight and curly quotation marks mixed",
        "Keep one quotation style in a story; straight marks in curly copy are conversion debris.",
    ),
    "unbalanced-straight-quote": (
        "Odd number of straight quotation marks",
        "An odd count of straight quotation marks in a paragraph means one quotation is not closed.",
    ),
    "long-sentence": (
        "Sentence too long for wire copy",
        "Sentences beyond the configured word limit lose the reader; consider splitting them.",
    ),
    "hard-sentence": (
        "Sentence too dense",
        "A Flesch-Kincaid grade above the configured limit: long words packed into one sentence. Use plainer "
        "words or split it.",
    ),
}


def rule_help(rule: str, category: str, origin: str) -> tuple[str, str]:
    """``(short description, help text)`` of ``rule``."""
    if rule in RULE_HELP:
        return RULE_HELP[rule]
    source = "LanguageTool" if origin.lower().startswith("languagetool") else origin
    return (
        f"{category} finding from {source}",
        f"Rule {rule} ({source}) reports a {category} problem; each result's message says what is wrong "
        "and why.",
    )
