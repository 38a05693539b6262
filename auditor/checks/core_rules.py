"""Catalogue entries for the rules of the core checks (punctuation, quotes, readability), and the
registration of every check class that describes its rules in a ``rules`` mapping.

Kept beside the checks so that ``auditor rules list`` can describe them; the
examples are real inputs that the tests run through the checks.
"""

from __future__ import annotations

from auditor.checks.articles import ArticleCheck
from auditor.checks.attribution import AttributionCheck
from auditor.checks.consistency import ConsistencyCheck
from auditor.checks.fragment import MissingVerbCheck
from auditor.checks.limits import LimitsCheck
from auditor.checks.meaning_gender import MeaningGenderCheck
from auditor.checks.meaning_modality import MeaningModalityCheck
from auditor.checks.meaning_polarity import MeaningPolarityCheck
from auditor.checks.meaning_sentence_type import MeaningSentenceTypeCheck
from auditor.checks.meaning_tense import MeaningTenseCheck
from auditor.checks.pronoun_case import PronounCaseCheck
from auditor.checks.real_words import RealWordCheck
from auditor.checks.repetition import RepetitionCheck
from auditor.checks.source_copy import SourceCopyCheck
from auditor.checks.source_length import SourceLengthCheck
from auditor.checks.source_marks import SourceMarksCheck
from auditor.checks.source_numbers import SourceNumbersCheck
from auditor.checks.source_tokens import SourceTokensCheck
from auditor.checks.spelling import SpellingCheck
from auditor.checks.tokenised import TokenisedCheck
from auditor.checks.untranslated import UntranslatedCheck
from auditor.checks.word_order import WordOrderCheck
from auditor.checks.word_swap import WordSwapCheck
from auditor.rule_catalogue import RuleInfo, register, register_check_rules

_P, _Q, _R = "check:punctuation", "check:quotes", "check:readability"

register(
    RuleInfo(
        "space-before-punctuation",
        "A space before a full stop, comma, colon or question mark.",
        "fluency/punctuation",
        "minor",
        _P,
        ("He spoke in Ankara .",),
        ("He spoke in Ankara.",),
        safe=True,
    ),
    RuleInfo(
        "doubled-word",
        "The same word twice (or more) in a row.",
        "fluency/grammar",
        "minor",
        _P,
        ("They sent food food to the town.",),
        ("They had had enough.",),
        safe=True,
    ),
    RuleInfo(
        "doubled-space",
        "Several spaces between two words.",
        "fluency/punctuation",
        "minor",
        _P,
        ("The convoy  arrived.",),
        ("The convoy arrived.",),
        safe=True,
    ),
    RuleInfo(
        "garbled-dateline",
        "A dateline separated from the story by conversion debris such as >>.",
        "fluency/punctuation",
        "major",
        _P,
        ("DAMASCUS >> One Syrian was killed.",),
        ("DAMASCUS — One Syrian was killed.",),
        safe=True,
    ),
    RuleInfo(
        "no-words",
        "A segment with no words at all (an empty or lost translation).",
        "accuracy/omission",
        "critical",
        _P,
        (".",),
        ("One Syrian was killed.",),
    ),
    RuleInfo(
        "sentence-lowercase-start",
        "A sentence that starts with a lower-case letter.",
        "fluency/spelling",
        "minor",
        _P,
        ("the convoy arrived at noon.",),
        ("The convoy arrived at noon.",),
        safe=True,
    ),
    RuleInfo(
        "missing-final-punctuation",
        "A sentence of several words without a final full stop.",
        "fluency/punctuation",
        "minor",
        _P,
        ("The convoy arrived at noon",),
        ("The convoy arrived at noon.",),
    ),
    RuleInfo(
        "misplaced-closing-quote",
        "A closing quotation mark typed as an opening one and glued to the next word.",
        "fluency/punctuation",
        "major",
        _Q,
        ("“What are your issues here? “A soldier tells him.",),
        ("“What are your issues here?” A soldier tells him.",),
        safe=True,
    ),
    RuleInfo(
        "reversed-quote",
        "A quotation mark that points the wrong way.",
        "fluency/punctuation",
        "major",
        _Q,
        ("He said ”no“ twice.",),
        ("He said “no” twice.",),
        safe=True,
    ),
    RuleInfo(
        "unclosed-quote",
        "A quotation opened in a paragraph and never closed (outside the wire "
        "convention of a quotation running on into the next paragraph).",
        "fluency/punctuation",
        "major",
        _Q,
        ("“It is unacceptable, Peskov said.",),
        ("“It is unacceptable,” Peskov said.",),
    ),
    RuleInfo(
        "unmatched-closing-quote",
        "A closing quotation mark with no opening one.",
        "fluency/punctuation",
        "major",
        _Q,
        ("It is unacceptable,” Peskov said.",),
        ("“It is unacceptable,” Peskov said.",),
    ),
    RuleInfo(
        "missing-space-after-quote",
        "No space between a closing quotation mark and the next word.",
        "fluency/punctuation",
        "minor",
        _Q,
        ("“It is over,”he said.",),
        ("“It is over,” he said.",),
        safe=True,
    ),
    RuleInfo(
        "nested-double-quote",
        "Double quotation marks inside a double quotation (use single ones).",
        "fluency/punctuation",
        "minor",
        _Q,
        ("“He called it “an altercation” today,” she said.",),
        ("“He called it ‘an altercation’ today,” she said.",),
    ),
    RuleInfo(
        "mixed-quote-style",
        "Straight and curly quotation marks mixed in one story.",
        "style/house",
        "minor",
        _Q,
        ('“Yes,” he said. "No," she said.',),
        ("“Yes,” he said. “No,” she said.",),
        safe=True,
    ),
    RuleInfo(
        "unbalanced-straight-quote",
        "An odd number of straight quotation marks in a paragraph.",
        "fluency/punctuation",
        "major",
        _Q,
        ('"It is over, he said.',),
        ('"It is over," he said.',),
    ),
    RuleInfo(
        "long-sentence",
        "A sentence longer than wire copy allows (40 words by default).",
        "readability",
        "minor",
        _R,
        (),
        ("The convoy arrived at noon.",),
    ),
    RuleInfo(
        "hard-sentence",
        "A sentence whose Flesch-Kincaid grade is beyond the configured limit.",
        "readability",
        "minor",
        _R,
        (),
        ("The convoy arrived at noon.",),
    ),
)

register_check_rules(AttributionCheck, RepetitionCheck, UntranslatedCheck, ConsistencyCheck, LimitsCheck)
register_check_rules(
    TokenisedCheck, WordOrderCheck, WordSwapCheck, PronounCaseCheck, MissingVerbCheck, ArticleCheck, SpellingCheck,
    RealWordCheck,
)
register_check_rules(  # source-aware: their examples are "SOURCE ||| TARGET" pairs
    SourceCopyCheck, SourceNumbersCheck, SourceTokensCheck, SourceLengthCheck, SourceMarksCheck
)
register_check_rules(  # meaning checks against the source: "SOURCE ||| TARGET" examples too
    MeaningPolarityCheck, MeaningSentenceTypeCheck, MeaningTenseCheck, MeaningModalityCheck, MeaningGenderCheck
)
