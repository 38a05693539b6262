"""The warm audit engine behind ``auditor serve``: checks built once, LanguageTool kept running.

One :class:`AuditEngine` lives as long as the service. Its check sets (one per distinct set of
request options, a few kept) are built on first use with their dictionaries loaded, and every
grammar check talks to one LanguageTool server the engine holds for its whole life (the
persistent one of ``auditor languagetool start`` if it runs, else one of its own). Requests run
in worker threads; the checks are thread-safe (``audit_stream`` shares them the same way).
"""

from __future__ import annotations

import copy
import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Any

from auditor.bilingual.enrich import enrich
from auditor.bilingual.metrics import CorpusAccumulator
from auditor.checks import CheckOptions, CheckSet
from auditor.config import Config
from auditor.errors import AuditorError
from auditor.fixes import apply_edits, choose_fixes
from auditor.models import Document
from auditor.report.json_report import document_dict, header
from auditor.run.audit_cache import AuditCache
from auditor.run.pipeline import audit_document, segment_document
from auditor.score.finding_policy import FindingPolicy, apply_policy
from auditor.score.scoring import ScoringModel

DEFAULT_LANG = "en-US"
#: Distinct option sets whose checks stay built (each holds its own dictionaries' views).
MAX_CHECK_SETS = 4
#: Request option names and the type each must have.
OPTION_TYPES: dict[str, type | tuple[type, ...]] = {
    "lang": str,
    "source_lang": str,
    "packs": list,
    "grammar": bool,
    "lines": bool,
}


@dataclass(frozen=True)
class AuditRequest:
    """One story to audit, as a request body gives it."""

    text: str
    path: str = "request"
    source: str | None = None
    reference: str | None = None
    lang: str = DEFAULT_LANG
    source_lang: str | None = None
    packs: tuple[str, ...] = ()
    grammar: bool = True
    lines: bool = False

    @classmethod
    def from_json(cls, body: Any, defaults: Config) -> AuditRequest:
        """Validate a decoded JSON body; a bad field is an :class:`AuditorError` naming it."""
        if not isinstance(body, dict):
            raise AuditorError("the request body must be a JSON object")
        unknown = sorted(set(body) - {"text", "path", "source", "reference", "options", "only_safe"})
        if unknown:
            raise AuditorError(f"unknown field {unknown[0]!r} (known: text, path, source, reference, options)")
        text = body.get("text")
        if not isinstance(text, str):
            raise AuditorError("'text' is required and must be a string")
        for name in ("path", "source", "reference"):
            if body.get(name) is not None and not isinstance(body[name], str):
                raise AuditorError(f"{name!r} must be a string")
        options = body.get("options") or {}
        if not isinstance(options, dict):
            raise AuditorError("'options' must be an object")
        for name, value in options.items():
            expected = OPTION_TYPES.get(name)
            if expected is None:
                raise AuditorError(f"unknown option {name!r} (known: {', '.join(OPTION_TYPES)})")
            if value is not None and not isinstance(value, expected):
                raise AuditorError(f"option {name!r} has the wrong type")
        packs = options.get("packs") or list(defaults.packs or ())
        if not all(isinstance(p, str) for p in packs):
            raise AuditorError("option 'packs' must be a list of strings")
        source_lang = options.get("source_lang") or defaults.source_lang
        return cls(
            text=text,
            path=body.get("path") or "request",
            source=body.get("source"),
            reference=body.get("reference"),
            lang=options.get("lang") or defaults.lang or DEFAULT_LANG,
            source_lang=source_lang,
            packs=tuple(packs),
            grammar=options.get("grammar", True) is not False,
            lines=bool(options.get("lines", False)),
        )

    def document(self) -> Document:
        """The segmented document to audit."""
        document = Document(
            path=self.path,
            text=self.text,
            lang=self.lang,
            lines=self.lines,
            source=self.source,
            reference=self.reference,
            source_lang=self.source_lang,
        )
        return segment_document(document)


class AuditEngine:
    """Audits single stories with warm checks; shared by every request of a service."""

    def __init__(self, config: Config | None = None, *, grammar: bool = True, languagetool_url: str | None = None,
                 use_cache: bool = True) -> None:
        self.config = config or Config()
        self.grammar = grammar
        self.use_cache = use_cache
        from auditor.run.check_run import RunSettings

        # the same scoring as `auditor check` with this config: weights and the quality-estimation model
        self.scoring: ScoringModel = RunSettings(config=self.config, grammar=grammar).scoring()
        if self.scoring.qe is not None:
            self.scoring.qe.check()  # loaded now (an unreadable model stops the service), not by a request
        self.policy = FindingPolicy(
            disabled=self.config.disable,
            severity=dict(self.config.severity),
            ignore_phrases=self.config.ignore_phrases,
        )
        self._sets: OrderedDict[tuple[Any, ...], tuple[CheckSet, AuditCache | None]] = OrderedDict()
        self._lock = threading.Lock()
        #: settings signatures by request settings: computing one reads every rule file and the QE model's header
        self._signatures: dict[tuple[Any, ...], dict[str, Any]] = {}
        self.session = None
        if grammar:
            from auditor.languagetool.session import ServerSession

            self.session = ServerSession(languagetool_url, lazy=False)

    @property
    def languagetool_url(self) -> str | None:
        """The LanguageTool server every grammar check of this engine uses."""
        return self.session.url if self.session is not None else None

    def options(self, request: AuditRequest) -> CheckOptions:
        """The check options of ``request`` (grammar only when the engine has LanguageTool)."""
        return CheckOptions(
            lang=request.lang,
            grammar=self.grammar and request.grammar,
            source_lang=request.source_lang,
            readability=self.config.readability,
            packs=request.packs,
            languagetool_url=self.languagetool_url,
            cache=self.use_cache,
        )

    def checks(self, options: CheckOptions) -> tuple[CheckSet, AuditCache | None]:
        """The built checks for ``options`` (built now, dictionaries loaded, on first use)."""
        key = (options.lang, options.grammar, options.source_lang, tuple(sorted(options.packs)))
        with self._lock:
            found = self._sets.get(key)
            if found is not None:
                self._sets.move_to_end(key)
                return found
            check_set = CheckSet.from_options(options)
            list(check_set)  # build the own checks now: their dictionaries load once, here
            cache = AuditCache(options.own_settings()) if options.cache else None
            self._sets[key] = (check_set, cache)
            if len(self._sets) > MAX_CHECK_SETS:
                _, (old, old_cache) = self._sets.popitem(last=False)
                old.close()
                if old_cache is not None:
                    old_cache.close()
            return check_set, cache

    def audit(self, request: AuditRequest) -> tuple[Any, dict[str, Any]]:
        """Audit one story: its result and the corpus metrics (when it has a reference)."""
        from auditor.checks.grammar import SUPPORTED_LANGS

        if request.grammar and self.grammar and request.lang not in SUPPORTED_LANGS:
            raise AuditorError(f"lang {request.lang}: LanguageTool grammar supports {', '.join(SUPPORTED_LANGS)}")
        check_set, cache = self.checks(self.options(request))
        result = audit_document(request.document(), check_set, self.scoring, cache)
        result = apply_policy(result, self.policy, self.scoring)
        corpus = CorpusAccumulator()
        result = enrich(result, corpus)
        return result, corpus.result()

    def report(self, request: AuditRequest) -> dict[str, Any]:
        """The ``auditor-report/1`` JSON that ``auditor check --format json`` writes for this story."""
        result, metrics = self.audit(request)
        data = {**header(self.signature(request)), "documents": [document_dict(result)]}
        if metrics:
            data["metrics"] = metrics
        return data

    def signature(self, request: AuditRequest) -> dict[str, Any]:
        """The settings signature of ``request``, as ``auditor check`` writes it for the same settings."""
        from dataclasses import replace as with_values

        from auditor.report.signature import settings_signature
        from auditor.run.check_run import RunSettings

        key = (request.lang, request.source_lang, tuple(request.packs), request.grammar, request.lines)
        found = self._signatures.get(key)
        if found is not None:  # the rules and model this engine loaded once, so their signature too
            return copy.deepcopy(found)
        config = with_values(
            self.config, lang=request.lang, source_lang=request.source_lang, packs=tuple(request.packs) or None
        )
        settings = RunSettings(
            config=config, grammar=self.grammar and request.grammar, lines=request.lines, use_cache=self.use_cache
        )
        signature = settings_signature(settings)
        with self._lock:
            if len(self._signatures) >= 64:
                self._signatures.clear()
            self._signatures[key] = signature
        return copy.deepcopy(signature)

    def fix(self, request: AuditRequest, *, only_safe: bool = True) -> dict[str, Any]:
        """The story with its unambiguous fixes made, and the edits (as ``auditor fix`` makes them)."""
        result, _ = self.audit(replace(request, reference=None))
        edits = choose_fixes(result.findings, only_safe=only_safe)
        return {
            **header(),
            "text": apply_edits(request.text, edits),
            "edits": [{"start": e.start, "end": e.end, "replacement": e.replacement, "rule": e.rule} for e in edits],
            "findings": len(result.findings),
        }

    def warm(self) -> None:
        """Build the default checks and send one story through them (dictionaries and server warm)."""
        from auditor.language.ngrams import hold_whole

        hold_whole()
        lang = self.config.lang or DEFAULT_LANG
        self.audit(AuditRequest(text="The editors checks the story before it is published.", lang=lang))

    def close(self) -> None:
        """Release every check set, cache and the LanguageTool server this engine started."""
        with self._lock:
            for check_set, cache in self._sets.values():
                check_set.close()
                if cache is not None:
                    cache.close()
            self._sets.clear()
        if self.session is not None:
            self.session.close()
