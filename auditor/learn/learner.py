"""Learn rules from MT and its post-edits in three streamed passes.

Pass 1 aligns every pair, counts the edit types (for ``--report``) and counts how often each
candidate pattern (:mod:`auditor.learn.candidates`) was proposed, per fold, keeping only a hash
and one packed integer per pattern. Every pair falls in one of ``folds`` folds by a hash of its MT
text (so a repeated segment never sits on both sides). Pass 2 keeps the patterns with enough
support, with the fixes their edits proposed.

Pass 3 measures them. A match in the MT of a pair in fold *k* is
counted only when the candidate would have been learned without fold *k* (its support outside
fold *k* clears ``min_support``): precision is always measured on pairs held out from the
learning, and every pair serves as held-out data once. A match is correct when the editor
changed one of the flagged words or inserted words inside the flagged span. The same pass runs
the candidates over the post-edits: a rule that fires on post-edited text (text an editor left
as it was or wrote) fires on correct copy and is dropped.

Memory does not grow with the input: one pair at a time is held, and the pass-1 table (about 100
bytes a pattern) is pruned of patterns seen once whenever it passes ``table_limit`` entries.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from auditor.learn.candidates import Matcher, Pattern, proposals
from auditor.learn.edits import AlignedPair, align
from auditor.learn.pairs import Pair


@dataclass(frozen=True)
class LearnSettings:
    """Thresholds of ``auditor learn``."""

    min_support: int = 3
    min_precision: float = 0.7  # on the Wilson lower bound of the held-out precision
    min_fires: int = 3
    max_postedit_fires: int = 0
    folds: int = 5
    max_rules: int = 300
    table_limit: int = 500_000
    examples: int = 8
    style: bool = False  # also learn house-style variants (spelling, diacritics, number and date formats)


@dataclass
class Candidate:
    """What is known about one pattern: support per fold, templates proposed, measurements."""

    folds: list[int]
    templates: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # (template, op, kind)
    fires: int = 0
    hits: int = 0
    postedit_fires: int = 0
    postedit_unchanged: int = 0
    examples: list[tuple[str, str]] = field(default_factory=list)  # (MT, post-edit) where it was right

    @property
    def support(self) -> int:
        """Edits that proposed this pattern."""
        return sum(self.folds)

    @property
    def precision(self) -> float:
        """Share of held-out MT matches whose words the editor changed."""
        return self.hits / self.fires if self.fires else 0.0

    @property
    def precision_low(self) -> float:
        """The Wilson lower bound of :attr:`precision` (one-sided 95%): what a few lucky matches cannot fake."""
        return wilson_low(self.hits, self.fires)


@dataclass
class EditStats:
    """Edit counts over the whole input: what ``--report`` shows."""

    pairs: int = 0
    changed_pairs: int = 0
    skipped: int = 0
    mt_words: int = 0
    edits: Counter[tuple[str, str]] = field(default_factory=Counter)  # (op, kind)
    samples: dict[str, Counter[tuple[str, str]]] = field(default_factory=dict)  # kind -> (mt, pe)

    def add(self, pair: AlignedPair, limit: int = 5_000) -> None:
        """Count one aligned pair's edits."""
        self.pairs += 1
        self.mt_words += len(pair.mt_tokens)
        self.changed_pairs += bool(pair.edits)
        for edit in pair.edits:
            self.edits[edit.op, edit.kind] += 1
            samples = self.samples.setdefault(edit.kind, Counter())
            samples[pair.mt_text(edit), pair.pe_text(edit)] += 1
            if len(samples) > limit:  # keep memory flat: forget the edits seen once
                for key in [k for k, n in samples.items() if n == 1]:
                    del samples[key]


@dataclass
class LearnResult:
    """The selected candidates (best first), every measured candidate and the edit statistics."""

    rules: list[tuple[Pattern, Candidate]]
    measured: int
    proposed: int
    stats: EditStats


def wilson_low(hits: int, total: int, z: float = 1.645) -> float:
    """Lower end of the Wilson score interval of ``hits / total``."""
    if not total:
        return 0.0
    p = hits / total
    centre = p + z * z / (2 * total)
    margin = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total))
    return (centre - margin) / (1 + z * z / total)


def fold_of(mt: str, folds: int) -> int:
    """The fold of a pair, from its whitespace-normalised MT text."""
    digest = hashlib.blake2b(" ".join(mt.split()).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % folds


def _usable(pair: Pair) -> bool:
    """Empty segments and untranslated copies of the source teach nothing about the engine."""
    if not pair.mt.strip() or not pair.pe.strip():
        return False
    return pair.source is None or " ".join(pair.source.split()) != " ".join(pair.mt.split())


def learn(pairs: Iterable[Pair], settings: LearnSettings = LearnSettings()) -> LearnResult:
    """Run the passes over ``pairs`` (iterated three times) and select the rules."""
    counts, stats, proposed = _count(pairs, settings)
    eligible = _collect(pairs, counts, settings)
    del counts
    _measure(pairs, eligible, settings)
    rules = _select(eligible, settings)
    return LearnResult(rules, len(eligible), proposed, stats)


#: Bits per fold in the packed support counts of pass 1.
_FOLD_BITS = 24
_FOLD_MASK = (1 << _FOLD_BITS) - 1


def _unpack(value: int, folds: int) -> list[int]:
    return [(value >> (_FOLD_BITS * k)) & _FOLD_MASK for k in range(folds)]


def _proposals(aligned: AlignedPair, settings: LearnSettings) -> dict[Pattern, list[tuple[str, str, str]]]:
    """The patterns a pair's edits propose, each with the (template, op, kind) of every proposing edit."""
    found: dict[Pattern, list[tuple[str, str, str]]] = {}
    for edit in aligned.edits:
        for proposal in proposals(aligned, edit, settings.style):
            found.setdefault(proposal.pattern, []).append((proposal.template, proposal.op, proposal.kind))
    return found


def _count(pairs: Iterable[Pair], settings: LearnSettings) -> tuple[dict[int, int], EditStats, int]:
    """Pass 1: edit statistics, and per pattern (by hash) the pairs proposing it in each fold, packed in an int.

    Patterns seen once are forgotten whenever the table passes ``table_limit`` entries, so memory
    stays bounded however long the input is.
    """
    counts: dict[int, int] = {}
    stats = EditStats()
    proposed = 0
    for pair in pairs:
        if not _usable(pair):
            stats.skipped += 1
            continue
        aligned = align(pair.mt, pair.pe)
        stats.add(aligned)
        step = 1 << (_FOLD_BITS * fold_of(pair.mt, settings.folds))
        for pattern in _proposals(aligned, settings):  # support counts pairs, not repeats inside one
            key = hash(pattern)
            old = counts.get(key)
            proposed += old is None
            counts[key] = (old or 0) + step
        if len(counts) > settings.table_limit:
            for key in [k for k, v in counts.items() if v & (v - 1) == 0 and (v.bit_length() - 1) % _FOLD_BITS == 0]:
                del counts[key]
    return counts, stats, proposed


def _collect(pairs: Iterable[Pair], counts: dict[int, int], settings: LearnSettings) -> dict[Pattern, Candidate]:
    """Pass 2: the patterns with enough support, with the fixes their edits proposed."""
    eligible: dict[Pattern, Candidate] = {}
    for pair in pairs:
        if not _usable(pair):
            continue
        for pattern, templates in _proposals(align(pair.mt, pair.pe), settings).items():
            candidate = eligible.get(pattern)
            if candidate is None:
                folds = _unpack(counts.get(hash(pattern), 0), settings.folds)
                if sum(folds) < settings.min_support:
                    continue
                candidate = eligible[pattern] = Candidate(folds)
            candidate.templates.update(templates)
    return eligible


def _measure(pairs: Iterable[Pair], candidates: dict[Pattern, Candidate], settings: LearnSettings) -> None:
    matcher = Matcher(candidates)
    for pair in pairs:
        if not _usable(pair):
            continue
        aligned = align(pair.mt, pair.pe)
        fold = fold_of(pair.mt, settings.folds)
        changed = aligned.changed_mt(settings.style)
        inserted = aligned.insertion_points(settings.style)
        for pattern, first, last in matcher.matches(aligned.mt_tokens):
            candidate = candidates[pattern]
            if candidate.support - candidate.folds[fold] < settings.min_support:
                continue  # not learnable without this pair's fold: no held-out measurement here
            candidate.fires += 1
            if any(changed[first:last]) or any(first < p < last for p in inserted):
                candidate.hits += 1
                if len(candidate.examples) < settings.examples and all(
                    mt != pair.mt for mt, _ in candidate.examples
                ):
                    candidate.examples.append((pair.mt, pair.pe))
        edited_pe = _edited_postedit(aligned)
        for pattern, first, last in matcher.matches(aligned.pe_tokens):
            candidate = candidates[pattern]
            candidate.postedit_fires += 1
            candidate.postedit_unchanged += not any(edited_pe[first:last])


def _edited_postedit(pair: AlignedPair) -> list[bool]:
    """For every post-edit token: whether the editor wrote it (it is not the MT's)."""
    edited = [False] * len(pair.pe_tokens)
    for edit in pair.edits:
        for i in range(edit.pe_start, edit.pe_end):
            edited[i] = True
    return edited


def passes(candidate: Candidate, settings: LearnSettings) -> bool:
    """Whether a measured candidate clears every threshold."""
    return (
        candidate.support >= settings.min_support
        and candidate.fires >= settings.min_fires
        and candidate.precision_low >= settings.min_precision
        and candidate.postedit_unchanged == 0
        and candidate.postedit_fires <= settings.max_postedit_fires
        and bool(candidate.examples)
    )


def _core(pattern: Pattern) -> tuple[tuple[str, str], ...]:
    """The flagged items of a pattern, without capture names: what two variants share."""
    return tuple((kind, value) for kind, value, context, _ in pattern if not context)


def _select(
    candidates: dict[Pattern, Candidate],
    settings: LearnSettings,
    keep: Callable[[Candidate, LearnSettings], bool] = passes,
) -> list[tuple[Pattern, Candidate]]:
    """The candidates ``keep`` passes, best precision bound first, one per flagged core (the first wins)."""
    passing = [(p, c) for p, c in candidates.items() if keep(c, settings)]
    passing.sort(key=lambda pc: (-pc[1].precision_low, -pc[1].hits, len(pc[0]), pc[0]))
    chosen: list[tuple[Pattern, Candidate]] = []
    cores: set[tuple[tuple[str, str], ...]] = set()
    for pattern, candidate in passing:
        core = _core(pattern)
        if core in cores:
            continue
        cores.add(core)
        chosen.append((pattern, candidate))
        if len(chosen) >= settings.max_rules:
            break
    return chosen
