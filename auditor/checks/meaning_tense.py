"""Tense: a future or a past in the translation that the source's verbs do not mark.

Only languages that mark tense in their morphology have ``past`` and ``future`` tables
(``rules/meaning/<lang>.yaml``: auxiliaries, endings such as German -te, Polish -ł/-ła, Russian
-л/-ла, French -ra/-ait, Hindi -गा/-गी, Japanese た). Chinese marks neither reliably, so its past
table is generous (aspect particles, time words), which keeps the past rule quiet there. The
tables list every form that *could* mark the tense, so the rules only fire when none is present.

``meaning-tense-changed`` judges verbs one by one where the first three judge the sentence: most wrong
tenses change one verb among several ("is one of 400 babies who are cared for" → "was"), which leaves
the sentence mixed. It fires for a finite past (was, went, "they moved") where the source has no past
marker at all, for a past perfect (had been) where the source tells a present or present perfect and has
nothing that could set one past before another (``pluperfect``), and for a present or a will where every
verb of the source is past (``past_forms`` and
no ``present`` form: a table's generous list of whatever could be a present or non-past verb). Only
languages whose table lists ``present`` forms have it.
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.checks.meaning_common import MeaningCheck, source_words
from auditor.checks.source_common import Pair
from auditor.meaning.english import finite_pasts, future, past_perfects, plain_presents, present_reports, tenses
from auditor.meaning.markers import Markers
from auditor.models import Document, Finding
from auditor.rules_engine.check_rules import declared_rules

FUTURE_ADDED, PAST_ADDED, PAST_DROPPED, TENSE_CHANGED = declared_rules(
    "meaning-tense", "meaning-future-added", "meaning-past-added", "meaning-past-dropped", "meaning-tense-changed"
)


class MeaningTenseCheck(MeaningCheck):
    """A future or past tense of the translation with no tense marker of that kind in the source."""

    name = "meaning-tense"

    def check_markers(self, document: Document, pair: Pair, table: Markers) -> Iterator[Finding]:
        """Look for a future and a past tense the source cannot license."""
        target = document.text[pair.start : pair.end]
        will = future(target)
        past, present, perfect = tenses(target)
        forms = table.find("past_forms", pair.source) if table.has("past_forms") else []
        # a will where the source has no future at all, or where its verbs are past and none is future
        unlicensed = table.has("future") and not table.find("future", pair.source)
        past_source = (
            forms and not past and not perfect
            and table.has("future_forms") and not table.find("future_forms", pair.source)
        )
        fired = False
        if will and (unlicensed or past_source):
            fired = FUTURE_ADDED.id not in table.hints
            why = (
                "the source has no future form or future time word"
                if unlicensed
                else f"the source's verbs are past ({source_words(forms)}) and none is future"
            )
            yield self.finding(
                FUTURE_ADDED,
                pair,
                table,
                will[0],
                [] if unlicensed else forms,
                f"“{will[0].text}” puts this in the future, but {why}; the event may be told in the wrong time",
            )
        if past and not will and not present and table.has("past") and not table.find("past", pair.source):
            fired = PAST_ADDED.id not in table.hints
            yield self.finding(
                PAST_ADDED,
                pair,
                table,
                past[0],
                [],
                f"“{past[0].text}” puts this in the past, but the source has no past form or past time "
                "word; something current may be reported as over",
            )
        if (present and not past and not perfect and not will and forms and not table.find("future", pair.source)
                and not table.find("present", pair.source)):
            fired = PAST_DROPPED.id not in table.hints
            yield self.finding(
                PAST_DROPPED,
                pair,
                table,
                present[0],
                forms,
                f"“{present[0].text}” tells this as present, but the source's verbs are past "
                f"({source_words(forms)}); a finished event may be reported as ongoing",
            )
        if not fired and (table.has("present") or table.has("said")):  # a rule only hinted here leaves it open
            yield from self.one_verb(pair, table, target, forms, will, past, present)

    def one_verb(self, pair: Pair, table: Markers, target: str, forms: list, will: list, past: list,
                 present: list) -> Iterator[Finding]:
        """``meaning-tense-changed``: one verb in a tense the source's verbs do not have (the sentence may
        be mixed), at most one finding per segment. ``will``, ``past`` and ``present`` are the target's
        verbs as :meth:`check_markers` found them."""
        said = table.find("said", pair.source)
        reports = present_reports(target)
        if said and reports:
            yield self.finding(
                TENSE_CHANGED,
                pair,
                table,
                reports[0],
                said,
                f"“{reports[0].text}” reports in the {'future' if ' ' in reports[0].text else 'present'}, but "
                f"the source reports what was said ({source_words(said)}); a past statement is told as "
                "being made now or still to come",
            )
            return
        if not table.has("present"):
            return
        if (will and table.future_marked and not table.find("future_forms", pair.source)
                and not table.find("future_nonfinite", pair.source)):
            yield self.finding(
                TENSE_CHANGED,
                pair,
                table,
                will[0],
                [],
                f"“{will[0].text}” puts a verb in the future, but the source, whose language marks the future on "
                "the verb, has no future form; this event may be told as still to come",
            )
            return
        perfects = past_perfects(target) if table.has("pluperfect") else []
        now = table.find("present", pair.source) if perfects else []
        if perfects and now and not table.find("pluperfect", pair.source):
            yield self.finding(
                TENSE_CHANGED,
                pair,
                table,
                perfects[0],
                now,
                f"“{perfects[0].text}” makes a past perfect, but the source tells this in the present or present "
                f"perfect ({source_words(now)}) and has nothing that sets one past before another; this may be "
                "told as over before some other past event",
            )
            return
        pasts = finite_pasts(target, past)
        if pasts and table.has("past") and not table.find("past", pair.source):
            yield self.finding(
                TENSE_CHANGED,
                pair,
                table,
                pasts[0],
                [],
                f"“{pasts[0].text}” is past, but the source has no past form or past time word; "
                "this verb may tell as over what the source reports as current",
            )
            return
        if not forms or table.find("present", pair.source):
            return
        if will and not table.find("future_forms", pair.source):
            yield self.finding(
                TENSE_CHANGED,
                pair,
                table,
                will[0],
                forms,
                f"“{will[0].text}” puts a verb in the future, but every verb of the source is past "
                f"({source_words(forms)}); this event may be told as still to come",
            )
            return
        presents = plain_presents(target, present)
        if presents and not table.find("future_forms", pair.source):
            yield self.finding(
                TENSE_CHANGED,
                pair,
                table,
                presents[0],
                forms,
                f"“{presents[0].text}” is present, but every verb of the source is past "
                f"({source_words(forms)}); a finished event may be reported as ongoing",
            )
