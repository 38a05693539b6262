"""Word-level edits from MT to its post-edit, classified in the spirit of ERRANT.

Both sides are cut with the rule engine's tokenizer (so an edit's tokens are exactly what a
learned rule will later match), aligned on lower-cased tokens, and every difference becomes an
:class:`Edit` with an operation and a kind:

- operation: ``substitution``, ``insertion``, ``deletion`` or ``word-order`` (the same words in
  another order, within one block or moved elsewhere in the sentence);
- kind: ``punctuation`` (only punctuation on both sides), ``casing`` (same word, other capitals),
  ``variant`` (house style rather than an error: British and American spellings *favour* →
  *favor*, diacritics *Timişoara* → *Timisoara*, number and date formats *150.000* → *150,000*,
  *29 June* → *June 29*),
  ``spelling`` (one word for one similar-looking word of another lemma: *Gouvernment* →
  *Government*), ``grammar`` (another form of the same lemma, or only function words changed:
  articles, prepositions, auxiliaries, pronouns), ``word-order``, and ``word-choice`` (the rest:
  content words replaced, added or dropped).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from auditor.language.inflect import getAllLemmas
from auditor.language.lexicon import FUNCTION_WORDS
from auditor.rules_engine.tokens import Token, tokenize

OPERATIONS = ("substitution", "insertion", "deletion", "word-order")
KINDS = ("word-choice", "grammar", "spelling", "punctuation", "casing", "variant", "word-order")

#: Closed-class words whose replacement, insertion or deletion is a grammar edit.
_GRAMMAR_WORDS = FUNCTION_WORDS | frozenset(
    {"is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "do", "does", "did",
     "it", "he", "she", "they", "we", "i", "you", "him", "her", "them", "us", "his", "hers", "its",
     "their", "theirs", "our", "my", "your", "there", "to", "of", "'s", "s", "some", "any", "no"}
)
#: Below this string similarity two different words are a word choice, not a misspelling.
SPELLING_SIMILARITY = 0.75


#: British → American spelling patterns (applied to both words before comparing them).
_VARIANTS = (("isation", "ization"), ("ise", "ize"), ("yse", "yze"), ("our", "or"), ("tre", "ter"),
             ("ence", "ense"), ("ogue", "og"), ("mme", "m"), ("ll", "l"), ("ae", "e"), ("oe", "e"))
_MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                     "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
                     "sep", "sept", "oct", "nov", "dec"})
_FOLD = str.maketrans({"ş": "s", "ș": "s", "ţ": "t", "ț": "t", "ı": "i", "ø": "o", "æ": "ae", "ß": "ss"})


def _american(word: str) -> str:
    for british, american in _VARIANTS:
        word = word.replace(british, american)
    return word


def _folded(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower().translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def is_variant(left: Sequence[str], right: Sequence[str]) -> bool:
    """Whether two token lists differ only in house style: spelling variant, diacritics, number or date format."""
    if not left or not right:
        return False
    if len(left) == 1 and len(right) == 1:
        x, y = left[0].lower(), right[0].lower()
        if x.isalpha() and y.isalpha() and (_american(x) == _american(y) or _folded(x) == _folded(y)):
            return True
    digits = re.sub(r"\D", "", "".join(left))
    if digits and digits == re.sub(r"\D", "", "".join(right)):
        words = {t.lower() for t in (*left, *right) if not t.isdigit() and any(c.isalpha() for c in t)}
        return words <= _MONTHS and sorted(t.lower() for t in left if t.isalpha()) == sorted(
            t.lower() for t in right if t.isalpha()
        )
    return False


@dataclass(frozen=True)
class Edit:
    """One difference: MT tokens ``[mt_start, mt_end)`` became post-edit tokens ``[pe_start, pe_end)``."""

    op: str
    kind: str
    mt_start: int
    mt_end: int
    pe_start: int
    pe_end: int


@dataclass(frozen=True)
class AlignedPair:
    """An MT segment, its post-edit, their tokens and the edits between them."""

    mt: str
    pe: str
    mt_tokens: tuple[Token, ...]
    pe_tokens: tuple[Token, ...]
    edits: tuple[Edit, ...]

    def mt_text(self, edit: Edit) -> str:
        """The MT characters an edit covers (empty for an insertion)."""
        return _slice(self.mt, self.mt_tokens, edit.mt_start, edit.mt_end)

    def pe_text(self, edit: Edit) -> str:
        """The post-edit characters an edit covers (empty for a deletion)."""
        return _slice(self.pe, self.pe_tokens, edit.pe_start, edit.pe_end)

    def changed_mt(self, style: bool = True) -> list[bool]:
        """For every MT token: whether an edit changed, moved or deleted it (house-style ones only with ``style``)."""
        changed = [False] * len(self.mt_tokens)
        for edit in self.edits:
            if style or edit.kind != "variant":
                for i in range(edit.mt_start, edit.mt_end):
                    changed[i] = True
        return changed

    def insertion_points(self, style: bool = True) -> frozenset[int]:
        """MT token indices before which the post-editor inserted words (house-style ones only with ``style``)."""
        return frozenset(
            e.mt_start for e in self.edits if e.mt_start == e.mt_end and (style or e.kind != "variant")
        )


def _slice(text: str, tokens: Sequence[Token], first: int, last: int) -> str:
    if last <= first:
        return ""
    return text[tokens[first].start : tokens[last - 1].end]


@lru_cache(maxsize=65536)
def lemmas(word: str) -> frozenset[str]:
    """Every lemma lemminflect knows for ``word`` (lower-case), or the word itself."""
    found = getAllLemmas(word.lower())
    return frozenset(lemma.lower() for forms in found.values() for lemma in forms) or frozenset({word.lower()})


def is_punctuation(token: Token) -> bool:
    """Whether a token has no letter or digit."""
    return not any(c.isalnum() for c in token.text)


def align(mt: str, pe: str) -> AlignedPair:
    """Tokenise both segments and extract the classified edits from MT to post-edit."""
    a, b = tokenize(mt), tokenize(pe)
    matcher = difflib.SequenceMatcher(a=[t.norm for t in a], b=[t.norm for t in b], autojunk=False)
    edits: list[Edit] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            edits.extend(
                Edit("substitution", "casing", i1 + k, i1 + k + 1, j1 + k, j1 + k + 1)
                for k in range(i2 - i1)
                if a[i1 + k].text != b[j1 + k].text
            )
        elif op == "delete":
            edits.append(Edit("deletion", _kind(a[i1:i2], ()), i1, i2, j1, j1))
        elif op == "insert":
            edits.append(Edit("insertion", _kind((), b[j1:j2]), i1, i1, j1, j2))
        else:
            edits.extend(_replace(a, b, i1, i2, j1, j2))
    mt_words = {t.norm for t in a}
    edits = [  # a month inserted that the MT has elsewhere: the date was reordered (29 June -> June 29)
        Edit(e.op, "variant", e.mt_start, e.mt_end, e.pe_start, e.pe_end)
        if e.op == "insertion" and {t.norm for t in b[e.pe_start : e.pe_end]} <= _MONTHS & mt_words
        else e
        for e in edits
    ]
    return AlignedPair(mt, pe, tuple(a), tuple(b), tuple(_moves(edits, a, b)))


def _replace(a: Sequence[Token], b: Sequence[Token], i1: int, i2: int, j1: int, j2: int) -> list[Edit]:
    """A replaced block: one word order edit, 1:1 substitutions, or one multi-word substitution."""
    left, right = a[i1:i2], b[j1:j2]
    if is_variant([t.text for t in left], [t.text for t in right]):
        return [Edit("substitution", "variant", i1, i2, j1, j2)]
    if len(left) > 1 and sorted(t.norm for t in left) == sorted(t.norm for t in right):
        return [Edit("word-order", "word-order", i1, i2, j1, j2)]
    if len(left) == len(right):
        return [
            Edit("substitution", _kind((a[i1 + k],), (b[j1 + k],)), i1 + k, i1 + k + 1, j1 + k, j1 + k + 1)
            for k in range(len(left))
        ]
    return [Edit("substitution", _kind(left, right), i1, i2, j1, j2)]


def _kind(left: Sequence[Token], right: Sequence[Token]) -> str:
    """The ERRANT-like type of an edit from its two sides."""
    both = [*left, *right]
    if all(is_punctuation(t) for t in both):
        return "punctuation"
    if len(left) == 1 and len(right) == 1:
        x, y = left[0].norm, right[0].norm
        if x == y:
            return "casing"
        if is_variant([x], [y]):
            return "variant"
        if x.isalpha() and y.isalpha():
            if lemmas(x) & lemmas(y):
                return "grammar"
            if min(len(x), len(y)) >= 3 and difflib.SequenceMatcher(a=x, b=y).ratio() >= SPELLING_SIMILARITY:
                return "spelling"
    words = [t.norm for t in both if not is_punctuation(t)]
    if words and all(w in _GRAMMAR_WORDS for w in words):
        return "grammar"
    return "word-choice"


def _moves(edits: list[Edit], a: Sequence[Token], b: Sequence[Token]) -> list[Edit]:
    """A deletion and an insertion of the same words in one sentence are one moved phrase.

    When the two are close (a swap of neighbours, *violation serious* → *serious violation*) they
    become one word-order edit over the words between them, which a rule can flag and fix.
    """
    result: list[Edit | None] = list(edits)
    for d_index, deletion in enumerate(edits):
        if deletion.op != "deletion" or all(is_punctuation(t) for t in a[deletion.mt_start : deletion.mt_end]):
            continue
        words = [t.norm for t in a[deletion.mt_start : deletion.mt_end]]
        for i_index, insertion in enumerate(result):
            if insertion is None or insertion.op != "insertion":
                continue
            if [t.norm for t in b[insertion.pe_start : insertion.pe_end]] != words:
                continue
            kind = "variant" if set(words) <= _MONTHS else "word-order"  # 29 June -> June 29: date style
            first, last = min(deletion.mt_start, insertion.mt_start), max(deletion.mt_end, insertion.mt_end)
            if kind == "word-order" and last - first <= 4:
                pe_first = min(deletion.pe_start, insertion.pe_start)
                pe_last = max(deletion.pe_end, insertion.pe_end)
                result[d_index] = Edit("word-order", kind, first, last, pe_first, pe_last)
                result[i_index] = None
            else:
                result[d_index] = Edit("word-order", kind, deletion.mt_start, deletion.mt_end,
                                       deletion.pe_start, deletion.pe_end)
                result[i_index] = Edit("word-order", kind, insertion.mt_start, insertion.mt_end,
                                       insertion.pe_start, insertion.pe_end)
            break
    return sorted((e for e in result if e is not None), key=lambda e: (e.mt_start, e.mt_end))
