"""The same meaning markers on the English side: negation, sentence type, tense, modality, gender.

Closed-class English words only (no tagger): every hit is a span of the target sentence.
"""

from __future__ import annotations

import functools
import re

from auditor.meaning.markers import Hit

_NEGATION = re.compile(
    r"\bnot\b(?!\s+(?:only|just|long|least|to\s+mention|merely|simply)\b)"
    r"|\bnothing\b(?!\s+(?:but|except|other\s+than|less\s+than|short\s+of)\b)"
    r"|\b(?:never|nobody|no-one|none|nowhere|neither|nor|cannot|without)\b|n['’]t\b"
    # "no" before a number is an abbreviation; "no-brainer"/"no brainer", "no doubt", "no wonder" affirm
    r"|\bno\b(?!\.?\s*\d)(?!-)(?!\s+(?:brainer|doubt|wonder)\b)",
    re.I,
)
#: Words negative in meaning without a negator (unable, fail, lack, refuse, -less...): a source
#: negator may be rendered by one of these, and a source's own negative word may explain a "not".
_NEGATIVE = re.compile(
    r"\b(?:un(?!der|til|ion|ited|it|iver|ique|iform|less)[a-z]{4,}|non-?[a-z]{3,}|dis(?!t|c|h|play|patch|pute)[a-z]{4,}|"
    r"(?:im|il|ir)(?!port|ag|mun|med|pact|ple|pro|lus|ov|pos|press)[a-z]{4,}|in(?:capab|compet|complet|correct|credib|"
    r"definite|dependen|direct|effect|evitab|formal|justice|sufficient|valid|visib|abilit|accura|adequa|appropria|"
    r"secur|stabil|activ|nocen)[a-z]*|[a-z]{3,}less(?:ly|ness)?|fail\w*|lack\w*|refus\w*|den(?:y|ied|ies|ying)|"
    r"absen\w+|free|hardly|barely|scarcely|rarely|seldom|few|little|only|just|solely|merely|avoid\w*|prevent\w*|"
    r"stop\w*|halt\w*|instead|rather|ban|bans|banned|banning|forbid\w*|prohibit\w*|reject\w*|against|anti\w*|zero|"
    r"except|apart|unless|but|neglect\w*|miss(?:ed|ing|es)?|lost|los(?:e|es|ing)|exclud\w*|declin\w*|oppos\w*|"
    r"unprecedented|nil|absent|short(?:age)?)\b",
    re.I,
)
_QUESTION = re.compile(r"\?")
_FUTURE = re.compile(r"\b(?:will|shall|won['’]t)\b(?!\s+(?:of|to|and|or|power|is|was)\b)|['’]ll\b", re.I)
_AUXILIARY_BEFORE = re.compile(
    r"\b(?:has|have|had|having|is|are|was|were|be|been|being|am|get|gets|got|getting|the|a|an|its|their|"
    r"his|her|our|your|my|this|that|these|those|newly|once|so-called|'s|’s)\s+(?:\w+ly\s+)?$",
    re.I,
)
_PAST_WORDS = frozenset({"was", "were", "had", "did", "wasn't", "weren't", "hadn't", "didn't", "wasn’t",
                         "weren’t", "hadn’t", "didn’t"})
_PRESENT_WORDS = frozenset({"is", "are", "am", "does", "do", "isn't", "aren't", "doesn't", "don't", "isn’t",
                            "aren’t", "doesn’t", "don’t", "can", "may", "must"})
#: "has/have" is present unless a participle follows (a present perfect tells of the past).
_HAVE = frozenset({"has", "have", "hasn't", "haven't", "hasn’t", "haven’t"})
_MODALS = frozenset({"might", "could", "should", "would", "ought", "must", "may", "can", "shall", "will"})
_TOKEN = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
_MODAL = re.compile(
    r"\b(?:may|might|could|must|should|would|can|cannot|can['’]t|couldn['’]t|shouldn['’]t|wouldn['’]t|"
    r"mustn['’]t|perhaps|maybe|possibly|probably|likely|unlikely|certainly|surely|definitely|apparently|"
    r"allegedly|reportedly|supposedly|presumably|seems?|seemed|appears?|appeared|able|unable|need|needs|"
    r"needed|necessary|have\s+to|has\s+to|had\s+to|ought|possible|impossible)\b",
    re.I,
)
#: Modals whose meaning a source without any modal marker cannot license.
STRONG_MODALS = frozenset({"may", "might", "must", "should", "perhaps", "maybe", "possibly", "probably",
                           "certainly", "surely", "definitely", "allegedly", "supposedly", "presumably"})
_MASCULINE = re.compile(r"\b(?:he|him|his|himself)\b", re.I)
_FEMININE = re.compile(r"\b(?:she|her|hers|herself)\b", re.I)


def _hits(pattern: re.Pattern[str], text: str) -> list[Hit]:
    return [Hit(m.start(), m.end(), m.group(0)) for m in pattern.finditer(text)]


def negations(text: str) -> list[Hit]:
    """Negators of an English sentence (not, n't, no, never, nothing, without...)."""
    return _hits(_NEGATION, text)


def negatives(text: str) -> list[Hit]:
    """Words negative in meaning that are not negators (unable, fail, lack, refuse, -less...)."""
    return _hits(_NEGATIVE, text)


def question(text: str) -> Hit | None:
    """The question mark of an English sentence, if it has one."""
    match = _QUESTION.search(text)
    return Hit(match.start(), match.end(), "?") if match else None


def future(text: str) -> list[Hit]:
    """Future auxiliaries (will, shall, 'll, won't)."""
    return _hits(_FUTURE, text)


def modals(text: str) -> list[Hit]:
    """Modal verbs and certainty adverbs."""
    return _hits(_MODAL, text)


def gendered(text: str) -> tuple[list[Hit], list[Hit]]:
    """Masculine and feminine third-person pronouns."""
    return _hits(_MASCULINE, text), _hits(_FEMININE, text)


@functools.lru_cache(maxsize=50_000)
def _verb_form(word: str) -> str | None:
    """``"past"`` for a simple past (not only a participle), ``"present"`` for a third-person
    present that is not also a noun plural, else None (lemminflect's tables)."""
    from auditor.language.inflect import getAllLemmas, getInflection

    lemmas = getAllLemmas(word)
    verbs = lemmas.get("VERB", ())
    if any(word in getInflection(lemma, "VBD") for lemma in verbs):
        return "past"
    if any(word in getInflection(lemma, "VBZ") for lemma in verbs if lemma != word):
        return "present" if "NOUN" not in lemmas else "present-or-plural"
    return None


@functools.lru_cache(maxsize=50_000)
def _participle_only(word: str) -> bool:
    """Whether ``word`` is a past participle that is no simple past (gone, taken, written)."""
    from auditor.language.inflect import getAllLemmas, getInflection

    verbs = getAllLemmas(word).get("VERB", ())
    return any(word in getInflection(lemma, "VBN") and word not in getInflection(lemma, "VBD") for lemma in verbs)


@functools.lru_cache(maxsize=50_000)
def _past_only(word: str) -> bool:
    """Whether ``word`` can only be a simple past: neither a participle nor a base form (went, knew, began)."""
    from auditor.language.inflect import getAllLemmas, getInflection

    verbs = getAllLemmas(word).get("VERB", ())
    return bool(verbs) and all(
        word in getInflection(lemma, "VBD") and word not in getInflection(lemma, "VBN") and word != lemma
        for lemma in verbs
    )


#: A personal pronoun right before a verb makes it finite ("they moved", not "the moved stone").
_SUBJECT_BEFORE = re.compile(r"\b(?:i|you|he|she|it|we|they)\s+$", re.I)
#: Words after which a verb is a base form, not a present ("didn't have", "to have", "can do").
_BASE_AFTER = re.compile(r"\b(?:did|didn['’]t|does|doesn['’]t|do|don['’]t|to|will|would|can|could|may|might|must|"
                         r"should|shall|not|cannot)\s+$", re.I)
#: A third-person subject right before a verb ("it brings", "which covers").
_THIRD_BEFORE = re.compile(r"\b(?:he|she|it|this|that|which|who)\s+$", re.I)
#: A personal pronoun of the third person right before a word ("he helps Brooks"): an -s form after it is a
#: verb (a relative "who calls Akasakatei his home" may tell a lasting state, so it is not among them).
_HE_BEFORE = re.compile(r"\b(?:he|she|it)\s+$", re.I)
#: A name right before a word ("Allan makes", "Hu Jintao calls"): a capitalised word that does not open the
#: sentence or a clause, and no pronoun (I) or title. An -s form after it is a verb, not a plural noun.
_NAME_BEFORE = re.compile(r"(?<=[\w,)”\"])\s+(?!I\s)(?!(?:Mr|Mrs|Ms|Dr|St)\.?\s)[A-Z][^\W\d_]+\s+$")
#: What follows a finite verb with an object or a clause, never a noun ("makes it", "calls on", "gets off");
#: not "to" or "that", which also follow a noun ("talks to resume", "trusts that have").
_VERB_OBJECT_AFTER = re.compile(r"\s+(?:the|a|an|his|her|its|their|this|these|those|it|him|them|us|on|up|out|off|"
                                r"back|down)\b", re.I)
#: What follows a simple past used as a finite verb with an object or a clause ("claimed the", "recommended
#: that", "surprised many"), where a participle in a reduced clause takes a preposition ("tickets sold at").
_FINITE_OBJECT_AFTER = re.compile(r"\s+(?:the|a|an|his|her|its|their|our|this|these|those|that|many|several|"
                                  r"numerous|it|him|them|us)\b", re.I)
#: Verbs whose participle takes a complement noun in a reduced clause ("a group called the Mob", "a player
#: considered the best") or opens a condition ("provided that"): their -ed form before an object is no
#: evidence of a finite past.
_NAMING = frozenset({"called", "named", "dubbed", "titled", "entitled", "labelled", "labeled", "termed",
                     "considered", "deemed", "voted", "elected", "appointed", "crowned", "ranked", "rated",
                     "declared", "nicknamed", "made", "given", "left", "rendered", "kept", "found", "thought",
                     "believed", "said", "known", "seen", "held", "provided", "granted", "supposed", "compared",
                     "based", "used"})
def _verb_after_a_name(text: str, start: int, end: int) -> bool:
    """An -s form at ``start:end`` that a name precedes and an object follows: a verb ("Allan makes it")."""
    return bool(_NAME_BEFORE.search(text[:start]) and _VERB_OBJECT_AFTER.match(text[end:]))


#: A base form right after we/they/I/you (and an adverb): a present ("we also prepare", "they live").
_PLURAL_SUBJECT_VERB = re.compile(
    r"\b(?:we|they|i|you)\s+(?:(?:also|still|now|then|already|often|usually|never|always|just|only|all|both|"
    r"\w+ly)\s+)?([a-z]+)\b(?!['’])", re.I)
#: A sentence that opens "This brings.../That means..." states a consequence, in the present whatever the
#: tense of the event it sums up ("This brings the lineup to 121 products" for a past そろえた).
_RESULT_OPENING = re.compile(r"^\W*(?:this|that)\s+$", re.I)
#: Hedging verbs a translator may add in the present without telling the event's time ("it seems he left").
_HEDGES = frozenset({"seems", "seem", "appears", "appear"})
#: Present forms that are no modal: the verbs whose tense a present-tense finding may quote.
_PLAIN_PRESENT = frozenset({"is", "are", "am", "does", "do", "isn't", "aren't", "doesn't", "don't", "isn’t",
                            "aren’t", "doesn’t", "don’t", "has", "have", "hasn't", "haven't", "hasn’t", "haven’t"})


@functools.lru_cache(maxsize=50_000)
def _base_verb(word: str) -> bool:
    """Whether ``word`` is the base form of a verb (lemminflect): prepare, live, entertain."""
    from auditor.language.inflect import getAllLemmas

    return word in getAllLemmas(word).get("VERB", ())


@functools.lru_cache(maxsize=50_000)
def _maybe_plural(word: str) -> bool:
    """Whether ``word`` may be the plural of a noun (lectures, bribes) whatever its own entry says."""
    from auditor.language.inflect import getAllLemmas

    stems = [word[:-1]] + ([word[:-2]] if word.endswith("es") else [])
    return word.endswith("s") and any("NOUN" in getAllLemmas(stem) for stem in stems)


def finite_pasts(text: str, past: list[Hit] | None = None) -> list[Hit]:
    """Simple pasts that can only be finite verbs: was/were/had/did, forms that are never participles
    (went, knew), and any simple past right after a personal pronoun ("they moved"); a past participle
    in a reduced clause ("tickets sold at ...") or a base-like form (put, cost) is left out. ``past``:
    the pasts :func:`tenses` found in ``text``, when the caller has them."""
    if past is None:
        past = tenses(text)[0]
    kept = []
    for hit in past:
        lower = hit.text.lower()
        if (lower in _PAST_WORDS or _past_only(lower) or _SUBJECT_BEFORE.search(text[: hit.start])
                or (lower not in _NAMING and not _base_verb(lower) and _FINITE_OBJECT_AFTER.match(text[hit.end :]))):
            kept.append(hit)
    return kept


REPORTING_FILE = "words/reporting-verbs.txt"


@functools.cache
def _reporting() -> re.Pattern[str]:
    """Present (says) and future (will say) forms of the reporting verbs of the word table."""
    from auditor.language.inflect import getInflection
    from auditor.resources import rules_dir

    text = (rules_dir() / REPORTING_FILE).read_text(encoding="utf-8")
    lemmas = sorted({line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")})
    third = sorted({form for lemma in lemmas for form in getInflection(lemma, "VBZ")})
    return re.compile(rf"\b(?:{'|'.join(third)}|(?:will|shall|['’]ll)\s+(?:{'|'.join(lemmas)}))\b", re.I)


def present_reports(text: str) -> list[Hit]:
    """Reporting verbs told in the present or the future: "says", "tells", "will announce"."""
    return _hits(_reporting(), text)


def plain_presents(text: str, present: list[Hit] | None = None) -> list[Hit]:
    """Present verbs that are no modal and no perfect auxiliary (is, are, has without a participle,
    third-person -s verbs). ``present``: the presents :func:`tenses` found in ``text``, when the caller
    has them."""
    from auditor.language.lexicon import parts_of_speech

    if present is None:
        present = tenses(text)[1]
    kept = []
    for hit in present:
        lower = hit.text.lower()
        before = text[: hit.start]
        if lower in _HEDGES or _BASE_AFTER.search(before) or _RESULT_OPENING.match(before):
            continue
        if lower in _PLAIN_PRESENT:
            kept.append(hit)
        elif lower not in _PRESENT_WORDS and (
            (_verb_form(lower) == "present" and not _maybe_plural(lower)) or _THIRD_BEFORE.search(before)
            or _verb_after_a_name(text, hit.start, hit.end)
        ):
            kept.append(hit)  # a form that may be a plural noun only after a subject ("it brings", not "bribes to")
    for match in _PLURAL_SUBJECT_VERB.finditer(text):  # "we also prepare": a base form after we/they is present
        word = match.group(1)
        if (word.lower() not in _MODALS and word.lower() not in _PRESENT_WORDS and word.lower() not in _HAVE
                and _base_verb(word.lower())):
            kept.append(Hit(match.start(1), match.end(1), word))
    for match in _PLURAL_NOUN_VERB.finditer(text):  # "the two satellites collide", "the states first form a"
        word, after = match.group(2), text[match.end(2) :]
        lower = word.lower()
        if (lower in _MODALS or lower in _PRESENT_WORDS or lower in _HAVE or not _base_verb(lower)
                or _CAUSATIVE_BEFORE.search(text[: match.start(1)]) or not _maybe_plural(match.group(1).lower())):
            continue
        # a base form that may be a noun (use, form) is a verb only with an object after it
        if "NOUN" not in parts_of_speech(lower) or _VERB_OBJECT_AFTER.match(after):
            kept.append(Hit(match.start(2), match.end(2), word))
    return sorted(kept, key=lambda h: h.start)


#: A plural noun (and an adverb) before a word: a base form there is a present ("satellites collide",
#: "the 13 states first form a government").
_PLURAL_NOUN_VERB = re.compile(
    r"\b([a-z]{3,}s)\s+(?:(?:also|still|now|then|first|often|usually|never|always|all|both|\w+ly)\s+)?"
    r"([a-z]+)\b(?!['’-])")
#: A verb that takes an object and a bare infinitive ("help countries move", "let the players leave"): the base
#: form after its object is no present.
_CAUSATIVE_BEFORE = re.compile(r"\b(?:help|helps|helped|helping|make|makes|made|making|let|lets|letting|have|has|"
                               r"had|see|sees|saw|seen|watch|watched|hear|heard|bid|to|will|would|can|could|may|"
                               r"might|must|should|not|did|do|does)\b(?:\W+\w+){0,3}\W+$", re.I)


#: What follows a third-person verb but rarely a plural noun ("signs the law", "pushes a man").
_OBJECT_AFTER = re.compile(r"\s+(?:the|a|an|his|her|its|their|this|these|those|\d|to|that|up|out|off|back)\b", re.I)


def tenses(text: str) -> tuple[list[Hit], list[Hit], list[Hit]]:
    """Finite simple-past, present and present-perfect verbs (rough: closed-class auxiliaries, simple
    pasts not after an auxiliary or determiner nor before "by", third-person presents that are not
    nouns, has/have before a participle)."""
    past: list[Hit] = []
    present: list[Hit] = []
    perfect: list[Hit] = []
    for match in _TOKEN.finditer(text):
        word = match.group(0)
        lower = word.lower()
        hit = Hit(match.start(), match.end(), word)
        if lower in _PAST_WORDS:
            past.append(hit)
        elif lower in _PRESENT_WORDS:
            present.append(hit)
        elif lower in _HAVE:
            following = _TOKEN.findall(text[match.end() :])[:3]
            has_participle = any(w.lower() == "been" or w.lower().endswith("ed") or _verb_form(w.lower()) == "past"
                                 or _participle_only(w.lower()) for w in following[:2])
            (perfect if has_participle else present).append(hit)
        elif lower in _MODALS:
            continue
        else:
            form = _verb_form(lower)
            if form == "present" or (form == "present-or-plural" and (
                    (_OBJECT_AFTER.match(text[match.end() :]) and not _AUXILIARY_BEFORE.search(text[: match.start()]))
                    or _HE_BEFORE.search(text[: match.start()])
                    or _verb_after_a_name(text, match.start(), match.end()))):
                present.append(hit)
            elif (
                form == "past"
                and not _AUXILIARY_BEFORE.search(text[: match.start()])
                and not re.match(r"\s+by\b", text[match.end() :])
            ):
                past.append(hit)
    return past, present, perfect


#: A past perfect: had (hadn't) and a participle, an adverb or two between ("had already been breached").
_HAD = re.compile(r"\b(had|hadn['’]t)\s+(?:(?:not|never|already|just|also|since|long|recently|previously|"
                  r"\w+ly)\s+){0,2}([a-z]+)\b", re.I)


def past_perfects(text: str) -> list[Hit]:
    """Past perfects (had been, had backed, hadn't gone): "had" where a participle follows; "had to" and
    possession ("had a home") are left out. The hit is the auxiliary."""
    kept = []
    for match in _HAD.finditer(text):
        word = match.group(2).lower()
        if word == "been" or _participle_only(word) or (_verb_form(word) == "past" and not _base_verb(word)):
            kept.append(Hit(match.start(1), match.end(1), match.group(1)))
    return kept
