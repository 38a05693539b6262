"""Project configuration: ``[tool.auditor]`` in ``pyproject.toml`` or a top-level ``auditor.toml``.

The file is found by walking up from the working directory (in each directory
``auditor.toml`` wins over ``pyproject.toml``; a ``pyproject.toml`` without a
``[tool.auditor]`` table is skipped) or named with ``--config``. Every key is
declared once in :data:`SCHEMA` with its parser; an unknown key or a bad value
is an :class:`AuditorError` naming the file and the key, so the CLI exits 2.

To add a setting: add a field to :class:`Config` and one :class:`Setting` row.
"""

from __future__ import annotations

import difflib
import math
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.errors import AuditorError
from auditor.models import Severity

if TYPE_CHECKING:
    from auditor.checks.readability import ReadabilityLimits

def _readability_limits(parsed: dict[str, Any]) -> ReadabilityLimits:
    from auditor.checks.readability import ReadabilityLimits  # textstat loads in 0.3 s: only when configured

    return ReadabilityLimits(**parsed)


if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

CONFIG_FILE = "auditor.toml"
PYPROJECT = "pyproject.toml"


class ConfigValueError(ValueError):
    """A value that does not fit its key; the message says what was expected."""


@dataclass(frozen=True)
class Config:
    """Settings from a config file; ``None``/empty means "not set, use the default"."""

    lang: str | None = None
    source_lang: str | None = None
    packs: tuple[str, ...] | None = None
    disable: frozenset[str] = frozenset()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    weights: Mapping[Severity, float] | None = None
    fail_under: float | None = None
    fail_on: Severity | None = None
    #: Lowest severity listed by the text, SARIF, JUnit and GitHub reports (default minor: no hints).
    min_severity: Severity | None = None
    readability: ReadabilityLimits | None = None
    ignore_phrases: tuple[str, ...] = ()
    baseline: Path | None = None
    rule_paths: tuple[Path, ...] = ()
    jobs: int | None = None
    dask: str | None = None
    dask_batch_size: int | None = None
    dask_cache_dir: Path | None = None
    dask_ship_languagetool: bool | None = None
    #: Maven repository (a newsroom's mirror) that `auditor languagetool fetch` downloads from.
    maven_repo: str | None = None
    #: QE model bundle (``auditor train`` writes one), or "off" for findings-only scores.
    qe_model: Path | str | None = None
    #: An editor's decisions file (``auditor-decisions/1``): false alarms silenced, names added.
    decisions: Path | None = None
    path: Path | None = None

    def merged(self, **overrides: Any) -> Config:
        """This config with every override that is not ``None`` applied (command-line flags win)."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


# --- value parsers: (value, base directory) -> parsed value, or ConfigValueError ------------------

Parser = Callable[[Any, Path], Any]

_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")


def _type_name(value: Any) -> str:
    return {str: "a string", bool: "a boolean", int: "an integer", float: "a number",
            list: "an array", dict: "a table"}.get(type(value), type(value).__name__)


def _lang(value: Any, _: Path) -> str:
    if not isinstance(value, str) or not _LANG.match(value):
        raise ConfigValueError(f"expected a language code such as en-US or nl, got {value!r}")
    return value


def _severity(value: Any, _: Path) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        raise ConfigValueError(f"expected one of hint, minor, major, critical, got {value!r}") from None


def _strings(value: Any, _: Path) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ConfigValueError(f"expected an array of strings, got {_type_name(value)}")
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise ConfigValueError(f"expected non-empty strings, got {item!r}")
    return tuple(value)


def _rule_set(value: Any, base: Path) -> frozenset[str]:
    return frozenset(_strings(value, base))


def _number(low: float, high: float) -> Parser:
    def parse(value: Any, _: Path) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
            raise ConfigValueError(f"expected a number, got {_type_name(value)}")
        if not low <= value <= high:
            raise ConfigValueError(f"expected a number from {low:g} to {high:g}, got {value!r}")
        return float(value)

    return parse


def _integer(low: int, high: int) -> Parser:
    def parse(value: Any, _: Path) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigValueError(f"expected an integer, got {_type_name(value)}")
        if not low <= value <= high:
            raise ConfigValueError(f"expected an integer from {low} to {high}, got {value!r}")
        return value

    return parse


def _path(value: Any, base: Path) -> Path:
    if not isinstance(value, str) or not value.strip():
        raise ConfigValueError(f"expected a file path, got {value!r}")
    return base / value


def _boolean(value: Any, _: Path) -> bool:
    if not isinstance(value, bool):
        raise ConfigValueError(f"expected true or false, got {_type_name(value)}")
    return value


def _dask_address(value: Any, _: Path) -> str:
    from auditor.dask_address import parse_address  # no Dask import: the address is only checked here

    if not isinstance(value, str):
        raise ConfigValueError(f"expected a scheduler address or local:N, got {_type_name(value)}")
    try:
        return parse_address(value)
    except ValueError as error:
        raise ConfigValueError(str(error)) from None


def _paths(value: Any, base: Path) -> tuple[Path, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigValueError(f"expected a directory or an array of directories, got {value!r}")
    return tuple(base / v for v in value)


def _url(value: Any, _: Path) -> str:
    if not isinstance(value, str) or not re.match(r"^(https?|file)://\S+$", value):
        raise ConfigValueError(f"expected an http(s):// or file:// URL, got {value!r}")
    return value
def _qe_model(value: Any, base: Path) -> Path | str:
    if value in ("off", False):
        return "off"
    return _path(value, base)


def _severity_map(value: Any, base: Path) -> dict[str, Severity]:
    if not isinstance(value, dict):
        raise ConfigValueError(f"expected a table of rule = severity, got {_type_name(value)}")
    parsed = {}
    for rule, level in value.items():
        try:
            parsed[rule] = _severity(level, base)
        except ConfigValueError as error:
            raise ConfigValueError(f"{rule}: {error}") from None
    return parsed


def _table(keys: Mapping[str, tuple[str, Parser]], build: Callable[[dict[str, Any]], Any]) -> Parser:
    """A sub-table whose keys are all known; ``build`` turns the parsed fields into the value."""

    def parse(value: Any, base: Path) -> Any:
        if not isinstance(value, dict):
            raise ConfigValueError(f"expected a table, got {_type_name(value)}")
        parsed: dict[str, Any] = {}
        for key, item in value.items():
            if key not in keys:
                raise ConfigValueError(f"unknown key {key!r}{_did_you_mean(key, keys)}")
            name, parser = keys[key]
            try:
                parsed[name] = parser(item, base)
            except ConfigValueError as error:
                raise ConfigValueError(f"{key}: {error}") from None
        return build(parsed)

    return parse


def _weights(parsed: dict[str, float]) -> dict[Severity, float]:
    from auditor.score.scoring import DEFAULT_WEIGHTS

    weights = dict(DEFAULT_WEIGHTS)
    weights.update({Severity(k): v for k, v in parsed.items()})
    return weights


_WEIGHT = _number(0, 1000)
_READABILITY_KEYS = {
    "max-words": ("max_words", _integer(1, 10_000)),
    "max-grade": ("max_grade", _number(0, 100)),
    "min-words-for-grade": ("min_words_for_grade", _integer(1, 10_000)),
}


@dataclass(frozen=True)
class Setting:
    """One config key: its TOML name, the :class:`Config` field it fills and how to parse it."""

    key: str
    field: str
    parse: Parser
    help: str


SCHEMA: tuple[Setting, ...] = (
    Setting("lang", "lang", _lang, "Language variant of the copy, e.g. en-US or en-GB."),
    Setting("source-lang", "source_lang", _lang, "Language the copy was translated from, e.g. nl."),
    Setting("packs", "packs", _strings, "Rule packs to enable (names of rule packs)."),
    Setting("disable", "disable", _rule_set, "Rule ids never to report, e.g. [\"doubled-space\"]."),
    Setting("severity", "severity", _severity_map, "Per-rule severity overrides: rule = \"minor\"."),
    Setting(
        "weights", "weights",
        _table({s.value: (s.value, _WEIGHT) for s in Severity}, _weights),
        "Scoring penalty per severity: hint, minor, major, critical.",
    ),
    Setting("fail-under", "fail_under", _number(0, 100), "Exit 1 if any document scores below this."),
    Setting("fail-on", "fail_on", _severity, "Exit 1 if any finding is at least this severe."),
    Setting("min-severity", "min_severity", _severity,
            "Lowest severity the text, SARIF, JUnit and GitHub reports list (default minor; hint lists hints)."),
    Setting(
        "readability", "readability",
        _table(_READABILITY_KEYS, _readability_limits),
        "Readability limits: max-words, max-grade, min-words-for-grade.",
    ),
    Setting("ignore-phrases", "ignore_phrases", _strings,
            "Phrases never flagged (a finding inside one is dropped), case-insensitive."),
    Setting("baseline", "baseline", _path, "Baseline file (relative to the config file)."),
    Setting("rule-paths", "rule_paths", _paths,
            "Directories of your own rule packs, loaded beside the built-in ones (relative to the config file)."),
    Setting("jobs", "jobs", _integer(1, 256), "Worker processes for check."),
    Setting("dask", "dask", _dask_address, "Audit on a Dask cluster: tcp://scheduler:8786, or local:N."),
    Setting("dask-batch-size", "dask_batch_size", _integer(1, 10_000), "Documents per Dask task (default 16)."),
    Setting("dask-cache-dir", "dask_cache_dir", _path,
            "Result caches of every Dask worker in this (shared) directory; default: each worker's own."),
    Setting("dask-ship-languagetool", "dask_ship_languagetool", _boolean,
            "Carry this machine's LanguageTool jars to every Dask worker (workers without their own)."),
    Setting("maven-repo", "maven_repo", _url, "Maven repository (mirror) for `auditor languagetool fetch`."),
    Setting("qe-model", "qe_model", _qe_model,
            "Quality-estimation model file from `auditor train` (default: the shipped one; \"off\": none)."),
    Setting("decisions", "decisions", _path,
            "An editor's decisions file from the HTML report: its false alarms are not reported again and "
            "its added names are known (relative to the config file)."),
)

_BY_KEY = {s.key: s for s in SCHEMA}
assert {s.field for s in SCHEMA} <= {f.name for f in fields(Config)}


def _did_you_mean(key: str, known: Mapping[str, Any]) -> str:
    close = difflib.get_close_matches(key, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def parse_table(table: Mapping[str, Any], source: Path, where: str) -> Config:
    """Validate a config table; ``where`` names it in errors (``[tool.auditor]`` or the file)."""
    values: dict[str, Any] = {"path": source}
    for key, value in table.items():
        setting = _BY_KEY.get(key)
        if setting is None:
            known = ", ".join(sorted(_BY_KEY))
            raise AuditorError(
                f"{source}: unknown key {key!r} in {where}{_did_you_mean(key, _BY_KEY)}; known keys: {known}"
            )
        try:
            values[setting.field] = setting.parse(value, source.parent)
        except ConfigValueError as error:
            raise AuditorError(f"{source}: {where} {key}: {error}") from None
    return Config(**values)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise AuditorError(f"{path}: config file not found") from None
    except IsADirectoryError:
        raise AuditorError(f"{path}: is a directory, expected a TOML config file") from None
    except tomllib.TOMLDecodeError as error:
        raise AuditorError(f"{path}: invalid TOML: {error}") from None
    except UnicodeDecodeError:
        raise AuditorError(f"{path}: not valid UTF-8") from None
    except OSError as error:
        raise AuditorError(f"{path}: cannot read ({error.strerror})") from None


def _auditor_table(data: dict[str, Any]) -> Any:
    tool = data.get("tool")
    return tool.get("auditor") if isinstance(tool, dict) else None


def load_file(path: Path) -> Config:
    """Load one config file: ``pyproject.toml`` (its ``[tool.auditor]``) or any other TOML file."""
    data = _read_toml(path)
    if path.name == PYPROJECT:
        table = _auditor_table(data)
        if table is None:
            raise AuditorError(f"{path}: has no [tool.auditor] table")
        if not isinstance(table, dict):
            raise AuditorError(f"{path}: tool.auditor must be a table")
        return parse_table(table, path, "[tool.auditor]")
    return parse_table(data, path, "config")


def find_config(start: Path) -> Path | None:
    """The nearest ``auditor.toml`` or ``pyproject.toml`` with ``[tool.auditor]`` at or above ``start``."""
    for directory in (start, *start.parents):
        candidate = directory / CONFIG_FILE
        if candidate.is_file():
            return candidate
        pyproject = directory / PYPROJECT
        if pyproject.is_file():
            try:
                with pyproject.open("rb") as handle:
                    if _auditor_table(tomllib.load(handle)) is not None:
                        return pyproject
            except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
                continue  # someone else's broken pyproject is not our config
    return None


def load_config(explicit: Path | None = None, start: Path | None = None) -> Config:
    """The config named with ``--config``, else the one found upward from ``start`` (cwd), else defaults."""
    if explicit is not None:
        return load_file(explicit)
    found = find_config((start or Path.cwd()).resolve())
    return load_file(found) if found else Config()
