"""One audit run from resolved settings: config + flags -> documents -> results -> reports.

Shared by ``auditor check`` and ``auditor baseline create``. Command-line
flags override the config file; the finding policy (disabled rules,
severity overrides, ignored phrases, inline suppressions, baseline) is applied
to every result before it is reported, scored for gates or counted.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields, replace
from enum import Enum
from pathlib import Path
from typing import Any

from auditor import output_guard
from auditor.bilingual.enrich import enrich_stream
from auditor.bilingual.metrics import CorpusAccumulator
from auditor.checks import CheckOptions, CheckSet
from auditor.config import Config
from auditor.dask_address import DEFAULT_BATCH, DaskSettings
from auditor.decisions import Decisions, load_decisions
from auditor.errors import AuditorError
from auditor.limits import cap_jobs
from auditor.models import Document, Severity
from auditor.readers import InputOptions, detect_format, open_documents
from auditor.report.model import DocumentResult
from auditor.report.visibility import DEFAULT_MIN_SEVERITY, at_least, listed_severity
from auditor.run.audit_cache import AuditCache
from auditor.run.output import OutputSet, staged_stdout
from auditor.run.pipeline import audit_stream
from auditor.score.baseline import Baseline
from auditor.score.finding_policy import FindingPolicy, apply_policy
from auditor.score.gates import Gates
from auditor.score.scoring import ScoringModel
from auditor.validation import english_variant, rule_ids, source_language

DEFAULT_LANG = "en-US"


class StreamFormat(str, Enum):
    """Report formats this module writes (text, json and html are written by the CLI)."""

    jsonl = "jsonl"
    sarif = "sarif"
    junit = "junit"
    github = "github"


@dataclass(frozen=True)
class RunSettings:
    """Everything an audit run needs, after config and flags are merged."""

    config: Config
    grammar: bool = True
    lines: bool = False
    use_baseline: bool = True
    inputs: InputOptions | None = None
    score_with_reference: bool = False
    languagetool_url: str | None = None
    use_cache: bool = True

    def input_options(self) -> InputOptions:
        """How to read the inputs (formats, source and reference files)."""
        if self.inputs is not None:
            return self.inputs
        return InputOptions(lang=self.lang, lines=self.lines, source_lang=self.config.source_lang)

    @property
    def lang(self) -> str:
        """Language variant of the copy."""
        return self.config.lang or DEFAULT_LANG

    @property
    def jobs(self) -> int:
        """Worker processes (1 = audit in this process)."""
        return self.config.jobs or 1

    def dask(self) -> DaskSettings | None:
        """The Dask cluster to audit on (``--dask`` / config ``dask``), or None for this machine."""
        if self.config.dask is None:
            return None
        return DaskSettings(
            address=self.config.dask,
            batch_size=self.config.dask_batch_size or DEFAULT_BATCH,
            cache_dir=self.config.dask_cache_dir,
            ship_languagetool=bool(self.config.dask_ship_languagetool),
        )

    @property
    def listed_severity(self) -> Severity:
        """The lowest severity the text, SARIF, JUnit and GitHub reports list."""
        return listed_severity(self.config.min_severity, self.config.fail_on)

    @property
    def gates(self) -> Gates:
        """The run's CI gates."""
        return Gates(fail_under=self.config.fail_under, fail_on=self.config.fail_on)

    def scoring(self) -> ScoringModel:
        """The scoring model, with configured weights and the quality-estimation model."""
        from auditor.qe.deferred import chosen_qe

        # QE word hints (a lead on ~1 word in 4 of real MT) only when hints are asked for; the model
        # is imported by the first estimate, after LanguageTool has the first document
        qe = chosen_qe(self.config.qe_model, word_hints=self.config.min_severity is Severity.HINT)
        return ScoringModel(weights=self.config.weights, qe=qe) if self.config.weights else ScoringModel(qe=qe)

    def validate(self) -> None:
        """Refuse a language or rule id that names nothing (a typo used to be accepted silently)."""
        where = str(self.config.path or "config")
        english_variant(self.lang, "--lang")
        if self.config.source_lang:
            source_language(self.config.source_lang, "--source-lang")
        rule_ids(self.config.disable, f"{where}: disable")
        rule_ids(self.config.severity, f"{where}: severity")

    def check_options(self) -> CheckOptions:
        """Options for ``build_checks``; a configured setting the checks do not know is an error."""
        self.validate()
        wanted: dict[str, Any] = {
            "lang": self.lang,
            "grammar": self.grammar,
            "source_lang": self.config.source_lang,
            "readability": self.config.readability,
            "packs": self.config.packs,
            "languagetool_url": self.languagetool_url,
            "cache": self.use_cache,
            "rule_paths": tuple(str(p) for p in self.config.rule_paths) or None,
        }
        known = {f.name for f in fields(CheckOptions)}
        unknown = [k for k, v in wanted.items() if v is not None and k not in known]
        if unknown:
            where = self.config.path or "config"
            raise AuditorError(f"{where}: {unknown[0]} is not supported by this auditor build")
        return CheckOptions(**{k: v for k, v in wanted.items() if k in known and v is not None})

    def decisions(self) -> Decisions | None:
        """The editor's decisions file (``--decisions`` / config ``decisions``), read and validated."""
        if self.config.decisions is None:
            return None
        return _loaded_decisions(self.config.decisions)

    def policy(self) -> FindingPolicy:
        """The finding policy from config (and the baseline, when one is used)."""
        baseline = None
        if self.use_baseline and self.config.baseline is not None:
            baseline = Baseline.load(self.config.baseline)
        from auditor.calibration import calibrated_policy_parts

        # the measured default tiers (rules/calibration.yaml) sit under the project's own settings
        disabled, severity = calibrated_policy_parts(frozenset(self.config.disable), dict(self.config.severity))
        return FindingPolicy(
            disabled=disabled,
            severity=severity,
            ignore_phrases=self.config.ignore_phrases,
            baseline=baseline,
            decisions=self.decisions(),
        )


def _loaded_decisions(path: Path) -> Decisions:
    """A decisions file, read once per run however often the run asks (keyed by path, size and mtime)."""
    try:
        stat = path.stat()
        key = (str(path), stat.st_size, stat.st_mtime_ns)
    except OSError:
        return load_decisions(path)  # says why it cannot be read
    cached = _DECISIONS.get(key)
    if cached is None:
        cached = _DECISIONS[key] = load_decisions(path)
    return cached


_DECISIONS: dict[tuple[str, int, int], Decisions] = {}


def guard_reads(files: list[str], settings: RunSettings) -> None:
    """Register every file the run will read with the output guard, before anything is written."""
    for file in files:
        output_guard.protect(file, "input")
    options = settings.input_options()
    for path, role in ((options.source_file, "source"), (options.reference_file, "reference")):
        if path:
            output_guard.protect(path, role)
    if settings.config.path is not None:
        output_guard.protect(settings.config.path, "config")
    if settings.use_baseline and settings.config.baseline is not None:
        output_guard.protect(settings.config.baseline, "baseline")
    if settings.config.decisions is not None:
        output_guard.protect(settings.config.decisions, "decisions")


def audit_results(
    files: list[str], settings: RunSettings, corpus: CorpusAccumulator | None = None
) -> Iterator[DocumentResult]:
    """Audit every document and apply the finding policy, in input order.

    With ``corpus``, results also get their source/reference fields and metrics, and the
    corpus metrics are accumulated there. Checks (and the run's LanguageTool server) are
    released when the stream ends or is abandoned.
    """
    options = settings.check_options()
    scoring = settings.scoring()
    policy = settings.policy()
    documents = open_documents(files, settings.input_options())
    dask = settings.dask()
    jobs = settings.jobs
    if dask is None and jobs > 1:
        cap = cap_jobs(jobs)
        if cap.message:
            print(f"auditor: note: {cap.message}", file=sys.stderr)
        jobs = cap.jobs
    if dask is not None:
        from auditor.dask_backend import audit_on_dask  # Dask is an optional extra, imported only here

        results = audit_on_dask(documents, options, scoring, policy, dask)
    elif jobs > 1:
        results = _audit_in_workers(documents, options, scoring, policy, jobs)
    else:
        results = _audit_here(documents, options, scoring, policy)
    if corpus is None:
        return results
    return enrich_stream(results, corpus, settings.score_with_reference)


def _audit_here(
    documents: Iterable[Document], options: CheckOptions, scoring: ScoringModel, policy: FindingPolicy
) -> Iterator[DocumentResult]:
    checks = CheckSet.from_options(options)
    cache = AuditCache(options.own_settings()) if options.cache else None
    try:
        for result in audit_stream(documents, checks, scoring, cache=cache):
            yield apply_policy(result, policy, scoring)
    finally:
        checks.close()
        if cache is not None:
            cache.close()


def _audit_in_workers(
    documents: Iterable[Document], options: CheckOptions, scoring: ScoringModel, policy: FindingPolicy, jobs: int
) -> Iterator[DocumentResult]:
    """Worker processes share one LanguageTool server, started here unless a URL was given."""
    session = None
    if options.grammar and not options.languagetool_url:
        from auditor.languagetool.session import ServerSession

        session = ServerSession(os.environ.get("LANGUAGETOOL_URL") or None)
        options = replace(options, languagetool_url=session.url)
    try:
        from auditor.run.parallel import audit_parallel  # process pools: imported only for --jobs > 1

        yield from audit_parallel(documents, options, scoring, policy, jobs=jobs)
    finally:
        if session is not None:
            session.close()


def write_stream_report(
    results: Iterable[DocumentResult],
    output_format: StreamFormat,
    output: Path | None,
    gates: Gates,
    floor: Severity = DEFAULT_MIN_SEVERITY,
    signature: dict[str, Any] | None = None,
) -> None:
    """Write a jsonl, sarif, junit or github report to ``output`` (committed only on success) or stdout.

    SARIF, JUnit and GitHub list findings at ``floor`` or above; JSONL, like JSON, carries every one.
    SARIF carries the settings ``signature`` in its run properties.
    """
    if output_format is not StreamFormat.jsonl:
        results = at_least(results, floor)
    if output is not None and output.is_dir():
        raise AuditorError(f"{output}: is a directory; give a file name for {output_format.value} output")
    if output is None:
        with staged_stdout() as out:
            _write(results, output_format, out, gates, signature)
        return
    with OutputSet() as outputs, outputs.open(output) as out:
        _write(results, output_format, out, gates, signature)


def _write(
    results: Iterable[DocumentResult],
    output_format: StreamFormat,
    out: Any,
    gates: Gates,
    signature: dict[str, Any] | None = None,
) -> None:
    # each writer is imported when its format is asked for (JUnit's XML escaping alone: ~10 ms of a cold run)
    if output_format is StreamFormat.jsonl:
        from auditor.report.jsonl import write_jsonl

        write_jsonl(results, out)
    elif output_format is StreamFormat.sarif:
        from auditor.report.sarif import write_sarif

        write_sarif(results, out, signature)
    elif output_format is StreamFormat.junit:
        from auditor.report.junit import write_junit

        write_junit(results, out, gates)
    else:
        from auditor.report.github import write_github

        write_github(results, out)


def count_inputs(files: list[str]) -> int | None:
    """How many documents a run will have, when that is known without reading feeds."""
    return None if any(detect_format(f) != "text" for f in files) else len(files)
