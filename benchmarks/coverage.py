"""Dictionary coverage as an omission or addition signal, measured before any rule is built on it.

For every DEMETR dev item (zh, ja, hi, de, pl sources) the installed dictionaries
(:func:`auditor.bilingual.lexicon.lexicon_for`) are asked two things of the MT and of its perturbation:

* omission: source content words the dictionary knows none of whose translations (English lemmas) the
  target has — "salient" when rare enough in the source language (wordfreq Zipf ≤ ``zmax``; for
  Japanese and Chinese, by part of speech: nouns, verbs, adjectives, adverbs) and with few senses;
* addition: target adjectives and adverbs (lemminflect) that no source word's translations offer and
  whose own reverse translations (English → source) are all absent from the source.

A signal "catches" an item when it counts more on the perturbation than on its MT (as
``benchmarks.meaning`` counts a rule); its false alarms are the human translations (``base_id35_reference``)
where it counts anything. A grid of thresholds shows the trade-off; a scored rule must keep the human
figure ≤ 2.5 of 500 (5 per 1,000).

    python -m benchmarks.coverage [--data DIR] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from functools import cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # script or module
from benchmarks.demetr_data import demetr_dir

LANGS = {"chinese_simple": "zh", "japanese": "ja", "hindi": "hi", "german": "de", "polish": "pl"}
REMOVALS = ("major_id5_pp_removed", "critical_id21_adj_adv_removed", "critical_id22_verb_removed",
            "critical_id23_noun_removed", "critical_id24_subj_removed")
WORD = re.compile(r"[^\W\d_]{2,}")
_SCRIPT = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@cache
def _tagger() -> object:
    import fugashi

    return fugashi.Tagger()


def source_words(source: str, lang: str) -> list[tuple[str, str]]:
    """(word, part of speech) of a source: jieba (zh), UniDic lemmas (ja), letters elsewhere."""
    if lang == "zh":
        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
        return [(w.word, w.flag) for w in jieba.posseg.cut(source) if _SCRIPT.search(w.word)]
    if lang == "ja":
        words = []
        for w in _tagger()(source):
            if _SCRIPT.search(w.surface):
                lemma = (getattr(w.feature, "orthBase", None) or w.surface)
                words.append((lemma, w.feature.pos1 or ""))
        return words
    return [(w, "") for w in WORD.findall(source)]


@cache
def _pos(word: str) -> frozenset[str]:
    from auditor.language.inflect import getAllLemmas

    return frozenset(getAllLemmas(word.lower()).keys())


def analyse(source: str, target: str, lang: str) -> tuple[list[tuple[str, float, str, int]], list[tuple[str, float, int]]]:
    """(uncovered source words: word, Zipf, POS, senses), (unexplained target words: word, Zipf, sources)."""
    from auditor.bilingual.lexicon import _ENGLISH_STOP, english_keys, lexicon_for, translation_keys
    from auditor.language.lexicon import zipf_in

    lexicon = lexicon_for(lang)
    targets = WORD.findall(target)
    keys = [english_keys(w) for w in targets]
    present = frozenset().union(*keys) if keys else frozenset()
    uncovered, offered = [], set()
    for word, pos in source_words(source, lang):
        options = lexicon.translations(word)
        if not options:
            continue
        offered |= translation_keys(options)
        if not translation_keys(options) & present:
            z = 0.0 if lang == "ja" else zipf_in(word.lower(), lang)
            uncovered.append((word, z, pos, len(options)))
    added, folded = [], source.lower()
    for word, forms in zip(targets, keys, strict=True):
        if word.lower() in _ENGLISH_STOP or forms & offered:
            continue
        reverse = {s for form in forms for s in lexicon.sources(form)}
        shortest = 1 if lang in ("zh", "ja") else 3
        if reverse and not any(s in folded for s in reverse if len(s) >= shortest):
            added.append((word, zipf_in(word.lower(), "en"), len(reverse)))
    return uncovered, added


def salient(item: tuple[str, float, str, int], lang: str, zmax: float, senses: int) -> bool:
    """An uncovered source word that counts: a content word, rare enough, with few senses."""
    word, z, pos, n = item
    if lang == "ja" and not pos.startswith(("名詞", "動詞", "形容詞", "副詞")):
        return False
    if lang == "zh" and pos[:1] not in ("n", "v", "a", "d"):
        return False
    return (lang == "ja" or z <= zmax) and n <= senses and len(word) >= (2 if lang in ("zh", "ja") else 4)


def modifier(item: tuple[str, float, int], zmin: float, reverse: int) -> bool:
    """An unexplained target word that counts: a common adjective or adverb with enough reverse translations."""
    word, z, n = item
    pos = _pos(word)
    return z >= zmin and n >= reverse and bool(pos & {"ADJ", "ADV"}) and not pos & {"NOUN", "VERB"}


def main(argv: list[str] | None = None) -> int:
    """Run the grid and print it (and write it as JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=demetr_dir())
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    from auditor.bilingual.dictionaries import dictionary

    missing = [lang for lang in LANGS.values() if dictionary(lang) is None]
    if missing:
        print(f"no dictionary for {', '.join(missing)}: run `auditor dictionaries fetch`", file=sys.stderr)
        return 1
    rows: dict[str, list] = {}
    for stem in ("base_id35_reference", "critical_id6_addition", *REMOVALS):
        items = [i for i in json.loads((args.data / f"{stem}.json").read_text(encoding="utf-8"))
                 if i.get("pert_check", True) and i["lang_tag"] in LANGS]
        rows[stem] = []
        for item in items:
            lang = LANGS[item["lang_tag"]]
            src, mt, pert = (" ".join(item[k].split()) for k in ("src_sent", "mt_sent", "pert_sent"))
            rows[stem].append((lang, analyse(src, mt, lang), analyse(src, pert, lang)))
    result: dict[str, list] = {"addition": [], "omission": []}
    human = rows["base_id35_reference"]
    for max_uncovered in (99, 2, 1, 0):
        for zmin, reverse in ((3, 1), (4, 3), (4, 5), (4.5, 8)):
            def count(a: tuple, zmin: float = zmin, reverse: int = reverse, cap: int = max_uncovered) -> int:
                return 0 if len(a[0]) > cap else sum(modifier(w, zmin, reverse) for w in a[1])
            fired = sum(count(p) > 0 for _, _, p in human)
            hit = sum(count(p) > count(m) for _, m, p in rows["critical_id6_addition"])
            line = {"max_uncovered_source": max_uncovered, "min_zipf": zmin, "min_reverse": reverse,
                    "addition_caught": round(hit / len(rows["critical_id6_addition"]), 3),
                    "human_with_finding": fired, "human": len(human)}
            result["addition"].append(line)
            print("addition", line)
    for zmax in (6.0, 5.0, 4.0):
        for senses in (50, 4):
            for least in (1, 2, 3):
                def uncovered(lang: str, a: tuple, zmax: float = zmax, senses: int = senses, least: int = least) -> int:
                    n = sum(salient(w, lang, zmax, senses) for w in a[0])
                    return n if n >= least else 0
                fired = sum(uncovered(lang, p) > 0 for lang, _, p in human)
                caught = {stem: round(sum(uncovered(lang, p) > uncovered(lang, m) for lang, m, p in rows[stem])
                                      / len(rows[stem]), 3) for stem in REMOVALS}
                line = {"max_zipf": zmax, "max_senses": senses, "min_words": least, "caught": caught,
                        "human_with_finding": fired, "human": len(human)}
                result["omission"].append(line)
                print("omission", line)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
