"""Garbled attributions: the speech verb swallowed into a name, or missing.

Machine translation of verb-second languages (Dutch, German) often moves the
speech verb into the subject: "UN spokesman Stephane Said Dujarric today"
for "UN spokesman Stephane Dujarric said today"; or drops it, leaving an
attribution tail with no verb: ", UN spokesman Stephane Dujarric today."

"Said" is also a real name (Edward Said, Said Jalili), so a capitalised speech
verb counts only inside a name that follows a role noun (spokesman, minister...)
and only where the clause then ends or goes on with a time word, which is where
the verb belongs; a real "Said" is then followed by a verb of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.models import Document, Finding, Sentence
from auditor.rules_engine.check_rules import declared_rules

SPEECH_VERBS = (
    "said|says|told|tells|added|adds|stated|states|announced|explained|noted|warned|declared|stressed|"
    "confirmed|insisted|reported|claimed|argued|urged"
)
ROLE_NOUNS = (
    r"spokes(?:man|woman|person|men|women|people)|minister|president|secretary|chancellor|premier|"
    r"ambassador|envoy|official|commander|general|chief|director|governor|mayor|leader|negotiator|"
    r"chair(?:man|woman|person)?|coordinator|prosecutor|lawyer|attorney|senator|lawmaker|diplomat|"
    r"mediator|colonel|captain|lieutenant|sergeant|officer|adviser|advisor|commissioner|inspector|"
    r"representative|head|rapporteur|emissary|judge|mp"
)
TIME_WORDS = (
    r"today|yesterday|tonight|earlier|later|"
    r"this (?:morning|afternoon|evening|week)|last (?:night|week|month)|"
    r"on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
)

_NAME = rf"(?!(?:{SPEECH_VERBS})\b)[A-Z][^\W\d_]*(?:[’'\-][A-Za-z][^\W\d_]*)*"
_NAMES = rf"{_NAME}(?:[ \t]+{_NAME})*"
_VERB = rf"(?:{SPEECH_VERBS})"
_CAP_VERB = "|".join(v.capitalize() for v in SPEECH_VERBS.split("|"))

#: Role noun, a name with a capitalised speech verb inside or at its end, then the clause end or a time word.
_SWALLOWED = re.compile(
    rf"\b(?i:{ROLE_NOUNS})[ \t]+(?P<before>{_NAMES})[ \t]+(?P<verb>{_CAP_VERB})\b"
    rf"(?:[ \t]+(?P<after>{_NAMES}))?"
    rf"(?P<tail>[ \t]+(?:{TIME_WORDS})\b|[ \t]*[.!?]?[\"”’]?[ \t]*$|(?P<object>[ \t]+[a-z]))"
)
#: A closing quotation and comma, or a comma, then a role noun and a name, then the clause end: no verb.
_VERBLESS = re.compile(
    rf"(?P<lead>[\"”’][ \t]*,?|,)[ \t]+(?P<subject>(?:[\w.\-’']+[ \t]+){{0,4}}?(?i:{ROLE_NOUNS})[ \t]+)"
    rf"(?P<name>{_NAMES}[ \t]+{_NAME})(?P<time>[ \t]+(?:{TIME_WORDS}))?(?P<end>[ \t]*[.!?]?[\"”’]?[ \t]*$)"
)
_LOWER_VERB = re.compile(rf"\b{_VERB}\b")
#: Role noun, first name, lower-case speech verb, surname, then only a time word and the sentence end:
#: "UN spokesman Stephane said Dujarric today." ("...said Dujarric would attend" is sound English.)
_SPLIT_BY_VERB = re.compile(
    rf"\b(?i:{ROLE_NOUNS})[ \t]+(?P<before>{_NAMES})[ \t]+(?P<verb>{_VERB})[ \t]+(?P<after>{_NAMES})"
    rf"(?P<tail>[ \t]+(?:{TIME_WORDS}))?[ \t]*[.!?][\"”’]?[ \t]*$"
)
#: What every pattern here needs: a role noun starting a word. Sentences without one are skipped.
_ROLE = re.compile(rf"\b(?i:{ROLE_NOUNS})")
#: A role and a name, a time word, then "that": the verb between them is missing.
_THAT_WITHOUT_VERB = re.compile(
    rf"\b(?i:{ROLE_NOUNS})[ \t]+(?P<name>{_NAMES})(?P<time>[ \t]+(?:{TIME_WORDS}))[ \t]+that\b"
)


ATTRIBUTION_NO_VERB, ATTRIBUTION_VERB_IN_NAME = declared_rules(  # rules/checks/attribution.yaml
    "attribution", "attribution-no-verb", "attribution-verb-in-name",
)


class AttributionCheck:
    """Speech verbs swallowed into names, and attribution tails without a verb."""

    name = "attribution"

    def check(self, document: Document) -> Iterator[Finding]:
        """Findings for every sentence of ``document``."""
        for sentence in document.sentences:
            if not _ROLE.search(document.text, sentence.start, sentence.end):
                continue
            found = list(self._swallowed(document, sentence)) + list(self._split_by_verb(document, sentence))
            yield from found
            if not found:
                yield from self._verbless(document, sentence)

    @staticmethod
    def _swallowed(document: Document, sentence: Sentence) -> Iterator[Finding]:
        text = document.text
        for match in _SWALLOWED.finditer(text, sentence.start, sentence.end):
            tail = match.group("tail")
            has_time = bool(tail.strip(' \t.!?"”’')) and not match.group("object")
            is_said = match.group("verb") in ("Said", "Says")
            if match.group("object") and is_said:
                continue  # "minister Ahmed Said Ali met..." : Said is part of a name with its own verb
            if not has_time and not match.group("after") and not match.group("object"):
                continue  # "professor Edward Said." is a name, not a moved verb
            if is_said and not has_time and not _after_quote(text, sentence, match):
                continue  # Said is also a given and family name: need a time word or a quotation
            start = match.start("before")
            end = match.end("after") if match.group("after") else match.end("verb")
            names = match.group("before") + (" " + match.group("after") if match.group("after") else "")
            verb = match.group("verb").lower()
            yield ATTRIBUTION_VERB_IN_NAME.at(
                start, end,
                f"“{match.group('verb')}” sits inside the name “{text[start:end]}”: the speech verb "
                "was swallowed into the name; it belongs after it.",
                (f"{names} {verb}",),
            )

    @staticmethod
    def _split_by_verb(document: Document, sentence: Sentence) -> Iterator[Finding]:
        text = document.text
        match = _SPLIT_BY_VERB.search(text, sentence.start, sentence.end)
        if not match or match.end() != _trimmed_end(text, sentence):
            return
        start, end = match.start("before"), match.end("after")
        yield ATTRIBUTION_VERB_IN_NAME.at(
            start, end,
            f"“{match.group('verb')}” splits the name “{text[start:end]}” and nothing follows it: "
            "the speech verb belongs after the whole name.",
            (f"{match.group('before')} {match.group('after')} {match.group('verb')}",),
        )

    @staticmethod
    def _verbless(document: Document, sentence: Sentence) -> Iterator[Finding]:
        text = document.text
        that = _THAT_WITHOUT_VERB.search(text, sentence.start, sentence.end)
        if that:
            yield _no_verb(that.group("name"), that.group("time"), that.start("name"), that.end("time"))
            return
        match = _VERBLESS.search(text, sentence.start, sentence.end)
        if not match or match.end() != _trimmed_end(text, sentence):
            return
        if _LOWER_VERB.search(match.group("subject")):
            return
        if not match.group("time") and not match.group("lead").startswith(('"', "”", "’")):
            return  # ", UN spokesman Stephane Dujarric." may be an appositive
        end = match.end("time") if match.group("time") else match.end("name")
        yield _no_verb(match.group("name"), match.group("time") or "", match.start("name"), end)


def _no_verb(name: str, time: str, start: int, end: int) -> Finding:
    """An attribution with no speech verb: suggest "said" after the name."""
    return ATTRIBUTION_NO_VERB.at(
        start, end,
        f"The attribution to {name} has no speech verb: the reader cannot tell that this is who said it.",
        (f"{name} said{time}",),
    )


def _after_quote(text: str, sentence: Sentence, match: re.Match[str]) -> bool:
    """The role phrase follows a closing quotation mark and comma: an attribution slot."""
    before = text[sentence.start : match.start()].rstrip()
    return bool(re.search(r"[\"”’][ \t]*,?[ \t]*(?:[\w.\-’']+[ \t]+){0,4}$", before + " "))


def _trimmed_end(text: str, sentence: Sentence) -> int:
    end = sentence.end
    while end > sentence.start and text[end - 1] in " \t\r\n":
        end -= 1
    return end
