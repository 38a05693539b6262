"""The learned quality estimate: detokeniser, shipped model (real predictions), scoring, CLI, train."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from auditor.bilingual.detok import detokenize
from auditor.bilingual.lexicon import lexicon_dir, read_lexicon_file
from auditor.cli import app
from auditor.models import Finding, Severity
from auditor.qe.data import default_root, load_split
from auditor.qe.fit import read_bundle
from auditor.qe.model import DEFAULT_BUNDLE, QEModel
from auditor.score.scoring import ScoringModel
from tests.conftest import skip_or_fail

runner = CliRunner()
FLUENT = "The government appointed a prefect in every county to represent it locally."
BROKEN = "The government appoints prefect to each county for be its the local representative of of."


def test_detokenize_keeps_each_tokens_characters():
    line = 'He said " we don \'t know " , and the parents \' house ( in Tskinvali \'s centre ) cost $ 5 .'
    tokens = line.split(" ")
    text, spans = detokenize(tokens)
    assert text == 'He said "we don\'t know", and the parents\' house (in Tskinvali\'s centre) cost $5.'
    assert [text[a:b] for a, b in spans] == tokens


def test_detokenize_unescapes_moses_entities():
    text, spans = detokenize(["&quot;", "Yes", "&quot;", "&amp;", "no"])
    assert text == '"Yes" & no'
    assert [text[a:b] for a, b in spans] == ['"', "Yes", '"', "&", "no"]


def test_shipped_model_gives_real_predictions():
    model = QEModel(DEFAULT_BUNDLE)
    fluent, broken = model.predict([FLUENT, BROKEN], None, None)
    assert fluent.mode == "target"
    assert 0.0 <= fluent.hter < broken.hter <= 1.0
    assert broken.quality < fluent.quality
    assert broken.reasons and all(r.feature for r in broken.reasons)
    assert broken.as_json()["summary"].startswith(broken.verdict)


def test_source_mode_uses_the_source():
    model = QEModel(DEFAULT_BUNDLE)
    source = "Guvernul numește un prefect în fiecare județ pentru a fi reprezentantul său local."
    good, bad = model.predict(
        ["The Government appoints a prefect to each county to be its local representative.",
         "The weather was cold and the football match was cancelled on Sunday."],
        [source, source],
        "ro",
    )
    assert good.mode == bad.mode == "source"
    assert good.hter < bad.hter


def test_a_source_language_the_model_never_saw_gets_the_target_only_estimate():
    model = QEModel(DEFAULT_BUNDLE)
    text = ["The Government appoints a prefect to each county to be its local representative."]
    (alone,) = model.predict(text, None, None)
    (german,) = model.predict(text, ["Die Regierung ernennt in jedem Kreis einen Präfekten."], "de")
    assert german.mode == "target" and german.hter == alone.hter
    assert "not de" in german.note and german.as_json()["note"] == german.note
    (unnamed,) = model.predict(text, ["Die Regierung ernennt in jedem Kreis einen Präfekten."], None)
    assert unnamed.mode == "target" and "unnamed" in unnamed.note
    assert "note" not in alone.as_json()


@given(
    st.lists(st.sampled_from([Severity.MINOR, Severity.MAJOR, Severity.CRITICAL]), max_size=5),
    st.sampled_from([Severity.MINOR, Severity.MAJOR, Severity.CRITICAL]),
    st.integers(min_value=0, max_value=300),
    st.floats(min_value=0, max_value=1),
    st.floats(min_value=0, max_value=1),
)
def test_a_finding_outweighs_any_quality_estimate(existing, extra, words, qe_repaired, qe_damaged):
    model = ScoringModel()
    repaired = [Finding("r", "fluency/grammar", s, 0, 1, "m") for s in existing]
    damaged = [*repaired, Finding("r", "fluency/grammar", extra, 0, 1, "m")]
    if model.score(repaired, words) > 0.001:
        assert model.score(damaged, words, qe=qe_damaged) < model.score(repaired, words, qe=qe_repaired)


def test_json_carries_the_qe_object_and_hints_when_asked(tmp_path: Path):
    path = tmp_path / "mt.txt"
    path.write_text(f"{FLUENT}\n{BROKEN}\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), "--lines", "--no-grammar", "--format", "json", "--no-cache",
                                 "--min-severity", "hint"])
    assert result.exit_code == 0, result.output
    sentences = json.loads(result.stdout)["documents"][0]["sentences"]
    assert any(f["rule"] == "qe-word" and f["severity"] == "hint" for f in sentences[1]["findings"])
    assert all({"hter", "quality", "summary", "features"} <= s["qe"].keys() for s in sentences)
    assert sentences[1]["qe"]["hter"] > sentences[0]["qe"]["hter"]
    assert len(sentences[1]["qe"]["features"]) <= 3
    off = runner.invoke(app, ["check", str(path), "--lines", "--no-grammar", "--format", "json", "--qe-model", "off"])
    assert all("qe" not in s for s in json.loads(off.stdout)["documents"][0]["sentences"])


def test_text_report_says_it_in_words(tmp_path: Path):
    path = tmp_path / "mt.txt"
    path.write_text(f"{BROKEN}\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), "--lines", "--no-grammar", "--no-cache"])
    assert "quality estimate:" in result.stdout


def test_bad_qe_model_file_is_one_line_and_exit_2(tmp_path: Path):
    bad = tmp_path / "model.json.gz"
    bad.write_text("not a model", encoding="utf-8")
    path = tmp_path / "mt.txt"
    path.write_text(f"{FLUENT}\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), "--no-grammar", "--qe-model", str(bad)])
    assert result.exit_code == 2
    assert "not a readable QE model" in result.output


def test_train_writes_a_model_that_check_uses(tmp_path: Path):
    rows = []
    for k in range(30):
        mt = f"The minister of the of finance said {k} times that the budget is the good."
        pe = f"The finance minister said {k} times that the budget is good."
        rows.append(f"Ministrul finanțelor a spus de {k} ori că bugetul este bun.\t{mt}\t{pe}")
    data = tmp_path / "edits.tsv"
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "newsroom.qe.json.gz"
    result = runner.invoke(app, ["train", str(data), "-o", str(out), "--source-lang", "ro"])
    assert result.exit_code == 0, result.output
    assert "before" in result.output and "after" in result.output and out.is_file()
    checked = runner.invoke(app, ["check", str(data), "--no-grammar", "--format", "json", "--qe-model", str(out),
                                  "--source-lang", "ro"])
    assert checked.exit_code == 0, checked.output
    assert {"ro", "et", "ru"} <= set(read_bundle(out)["modes"]["source"]["source_langs"])


def test_train_in_target_mode_drops_the_edit_rate_word_models(tmp_path: Path):
    mt, final = tmp_path / "mt.txt", tmp_path / "final.txt"
    mt.write_text("".join(f"The minister of the of finance said {k} times that the budget is the good.\n"
                          for k in range(30)), encoding="utf-8")
    final.write_text("".join(f"The finance minister said {k} times that the budget is good.\n" for k in range(30)),
                     encoding="utf-8")
    out = tmp_path / "newsroom.qe.json.gz"
    result = runner.invoke(app, ["train", str(mt), "--postedit", str(final), "--lines", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "wordlex" not in read_bundle(out)["modes"]["target"]
    checked = runner.invoke(app, ["check", str(mt), "--lines", "--no-grammar", "--format", "json", "--qe-model",
                                  str(out), "--min-severity", "hint"])
    assert checked.exit_code in (0, 1), checked.output
    sentences = json.loads(checked.stdout)["documents"][0]["sentences"]
    assert any(f["rule"] == "qe-word" for s in sentences for f in s["findings"])


def test_learned_lexicons_have_source_and_licence():
    for lang in ("ro", "et", "ru", "ne", "si"):
        path = lexicon_dir() / f"{lang}-en.mlqe.tsv"
        head = path.read_text(encoding="utf-8").splitlines()[:3]
        assert any("licence: CC0" in line for line in head) and any("source:" in line for line in head)
        assert len(read_lexicon_file(path)) > 1000
        assert path.stat().st_size < 1_500_000


def _mlqe_or_skip() -> Path:
    root = default_root()
    if not (root / "post-editing").is_dir():
        skip_or_fail(f"MLQE-PE data not found at {root}")
    return root


def test_detokenised_mlqe_matches_the_judged_text():
    _mlqe_or_skip()
    import csv

    segments = load_split("ro", "dev")[:300]
    path = default_root() / "direct-assessments" / "ro-en-dev" / "dev.roen.df.short.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))[:300]
    same = sum(s.mt == r["translation"].strip() for s, r in zip(segments, rows, strict=True))
    assert same >= 295


def test_an_estimate_below_the_floor_costs_nothing_and_above_it_costs_less_than_a_finding():
    from auditor.qe.model import SCORE_FLOORS, QEEstimate

    model = ScoringModel()
    for mode, floor in SCORE_FLOORS.items():
        below, at = QEEstimate(mode, floor - 0.01, 50.0, ()), QEEstimate(mode, floor, 50.0, ())
        assert below.counted == 0.0 and at.counted == floor
        assert below.verdict != "likely needs editing" and at.verdict == "likely needs editing"
        assert model.score([], 20, qe=below.counted) == model.score([], 20) == 100.0 > model.score([], 20, qe=at.counted)
    assert model.score([Finding("r", "fluency/grammar", Severity.MINOR, 0, 1, "m")], 20) < model.score([], 20, qe=1.0)
    assert model.score([], 20, qe=0.9) < model.score([], 20, qe=0.5) < 100.0


def test_predictions_from_several_threads_equal_one_thread():
    """Audit threads share one booster (``--jobs`` threads, the Dask worker plugin): same estimates and reasons."""
    from concurrent.futures import ThreadPoolExecutor

    model = QEModel(DEFAULT_BUNDLE)
    texts = [FLUENT, BROKEN, "The minister said talks would resume on Monday.", "It said the the plan ."] * 3
    alone = [model.predict([t], None, None)[0] for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda t: model.predict([t], None, None)[0], texts * 4))
    assert together == alone * 4


def _word_probability(text: str, word: str, lang: str | None = None) -> tuple[float, float]:
    """The shipped target-only word model's probability that ``word`` of ``text`` gets edited, and its threshold."""
    from auditor.qe import features as qf
    from auditor.qe.model import _wordlex

    loaded = QEModel(DEFAULT_BUNDLE).load()["modes"]["target"]
    table = qf.word_table(text)
    row = qf.target_features(text, table)
    x = [[row[n] for n in loaded["sentence_features"]]]
    hter, da = loaded["hter"].predict(x), loaded["da"].predict(x)
    (probability,), threshold = _wordlex(loaded).probabilities([text], [table], [row], hter, da, lang)
    (k,) = [k for k, w in enumerate(table) if w.text == word]
    return float(probability[k]), threshold


def test_shipped_bundle_has_the_edit_rate_word_models():
    spec = read_bundle(DEFAULT_BUNDLE)["modes"]["target"]["wordlex"]
    assert {"any", "named", "rates"} <= spec.keys()
    assert all({"model", "hter", "da"} <= spec[name].keys() for name in ("any", "named"))
    assert set(spec["langs"]) == {"ro", "et", "ru"} == set(spec["named"]["thresholds"])
    assert 0.05 < spec["any"]["threshold"] < 0.9
    tables = spec["rates"]["tables"]
    assert {"uni", "prev", "next"} == tables.keys() and all(len(t) > 5000 for t in tables.values())
    assert all(n >= spec["rates"]["min_count"] for t in tables.values() for _, n in t.values())
    assert DEFAULT_BUNDLE.stat().st_size < 3_000_000


def test_a_word_post_editors_change_again_and_again_gets_a_higher_probability():
    # MLQE-PE's post-editors turn the MT's "shall" into "will" (and British into US spelling)
    shall, _ = _word_probability("The committee shall meet again on Monday to discuss the budget.", "shall")
    will, _ = _word_probability("The committee will meet again on Monday to discuss the budget.", "will")
    assert shall > will + 0.1
    centre, _ = _word_probability("The new medical centre opened in the city last year.", "centre")
    center, _ = _word_probability("The new medical center opened in the city last year.", "center")
    assert centre > center


def test_a_named_source_language_uses_the_named_word_model(tmp_path: Path):
    from auditor.models import Document
    from auditor.run.pipeline import segment_document

    text = "The committee shall meet again on Monday to discuss the budget of the centre."
    named, named_threshold = _word_probability(text, "shall", "ru")
    unnamed, any_threshold = _word_probability(text, "shall", None)
    other, other_threshold = _word_probability(text, "shall", "de")  # not a trained language: the any model
    spec = read_bundle(DEFAULT_BUNDLE)["modes"]["target"]["wordlex"]
    assert named_threshold == spec["named"]["thresholds"]["ru"] and any_threshold == spec["any"]["threshold"]
    assert named != unnamed and (other, other_threshold) == (unnamed, any_threshold)
    model = QEModel(DEFAULT_BUNDLE)
    for lang, threshold in (("ru", named_threshold), (None, any_threshold)):
        document = segment_document(Document(path="t", text=text + "\n", lines=True, source_lang=lang))
        estimates, hints = model.assess(document)
        assert estimates[0].mode == "target"
        flagged = {text[h.start : h.end] for h in hints}
        probability = named if lang else unnamed
        assert any("shall" in span for span in flagged) == (probability >= threshold)


def test_a_bundle_without_the_edit_rate_models_falls_back_to_its_word_classifier(tmp_path: Path):
    from auditor.models import Document
    from auditor.qe.fit import write_bundle
    from auditor.run.pipeline import segment_document

    bundle = read_bundle(DEFAULT_BUNDLE)
    del bundle["modes"]["target"]["wordlex"]
    old = tmp_path / "old.qe.json.gz"
    write_bundle(old, bundle)
    document = segment_document(Document(path="t", text=f"{BROKEN}\n", lines=True))
    estimates, hints = QEModel(old).assess(document)
    assert estimates[0].hter == QEModel(DEFAULT_BUNDLE).assess(document)[0][0].hter
    assert hints and all(h.rule == "qe-word" for h in hints)


def test_the_word_models_read_the_sentence_embedding():
    """The shipped sentence regressors of the word models read the translation's e5 embedding: the same
    words and fluency with another sentence embedding give other word probabilities."""
    import numpy as np

    from auditor.qe import features as qf
    from auditor.qe import wordlex
    from auditor.qe.model import _wordlex

    loaded = QEModel(DEFAULT_BUNDLE).load()["modes"]["target"]
    model = _wordlex(loaded)
    assert model.embedding and read_bundle(DEFAULT_BUNDLE)["modes"]["target"]["wordlex"]["sentence_embedding"]
    text = "The committee shall meet again on Monday to discuss the budget."
    vectors = qf.e5_embeddings([text, "Who would have known if he hadn't said it himself."])
    assert vectors.shape == (2, qf.E5_DIMENSIONS) and np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    assert qf.E5_EMBEDDING_MEMO[text] is not None  # embedded once per text
    table = qf.word_table(text)
    row = qf.target_features(text, table)
    x = wordlex.sentence_inputs([table], [row], model.rates, vectors[:1])
    assert x.shape == (1, len(wordlex.SENTENCE_FEATURES) + qf.E5_DIMENSIONS)
    other = wordlex.sentence_inputs([table], [row], model.rates, vectors[1:])
    hter = model.boosters["any"]["hter"]
    assert hter.predict(x)[0] != hter.predict(other)[0]
