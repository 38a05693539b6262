"""``auditor rules list`` and ``auditor rules show RULE``: what every rule checks, and examples."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from auditor.calibration import default_tier, shipped_calibration
from auditor.checks import CheckOptions
from auditor.errors import AuditorError
from auditor.rule_catalogue import RuleInfo, all_rules, find_rule

if TYPE_CHECKING:
    from auditor.rules_engine.examples import ExampleResult
    from auditor.rules_engine.model import Example

_LANG = re.compile(r"^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})?$")


def validate_rule_options(options: CheckOptions) -> None:
    """Reject unknown ``--pack`` ids and malformed ``--source-lang`` codes with one clear line."""
    named = [name for name in options.packs if name != "all"]
    if named:  # loading the packs costs a second: only when a pack is named
        from auditor.rules_engine import installed_packs

        packs = {p.id for p in installed_packs()}
    for name in named:
        if name not in packs:
            raise AuditorError(f"--pack {name}: no such rule pack (known: {', '.join(sorted(packs))}, all)")
    lang = options.source_lang
    if lang is not None and not _LANG.match(lang.lower()):
        raise AuditorError(f"--source-lang {lang}: give a two-letter language code such as nl, de or fr")


def _list(
    pack: Annotated[
        Optional[str],
        typer.Option("--pack", help="Only rules of this pack (or 'check' for built-in checks)."),
    ] = None,
) -> None:
    """List every rule: id, where it comes from, when it is on, category, severity, description."""
    try:
        rules = all_rules()
    except AuditorError as error:
        typer.echo(f"auditor: error: {error}", err=True)
        raise typer.Exit(2) from None
    if pack:
        rules = [r for r in rules if r.source.split(":", 1)[-1] == pack or r.source.split(":")[0] == pack]
        if not rules:
            typer.echo(f"auditor: error: --pack {pack}: no rules found", err=True)
            raise typer.Exit(2)
    from auditor.rules_engine import installed_packs

    descriptions = {f"pack:{p.id}": p.description for p in installed_packs()}
    current = None
    for rule in rules:
        if rule.source != current:
            current = rule.source
            typer.echo(f"\n{rule.source}  [{rule.enabled}]")
            if rule.source in descriptions:
                typer.echo(
                    textwrap.fill(descriptions[rule.source], 100, initial_indent="  ", subsequent_indent="  ")
                )
        typer.echo(f"  {rule.id:<34} {rule.category:<24} {_tier(rule):<8} {rule.description}")
    typer.echo(f"\n{len(rules)} rules")


def _show(rule_id: Annotated[str, typer.Argument(help="Rule id, as shown by 'auditor rules list'.")]) -> None:
    """Explain one rule: description, category, severity, pack, when it is on, examples."""
    try:
        rule = find_rule(rule_id)
    except AuditorError as error:
        typer.echo(f"auditor: error: {error}", err=True)
        raise typer.Exit(2) from None
    if rule is None:
        typer.echo(f"auditor: error: no rule '{rule_id}' (see 'auditor rules list')", err=True)
        raise typer.Exit(2)
    typer.echo(describe(rule))


def _tier(rule: RuleInfo) -> str:
    """The severity a run gives ``rule`` by default: its measured tier (hint, off) or its own."""
    return default_tier(rule.id) or rule.severity


def describe(rule: RuleInfo) -> str:
    """A readable description of ``rule`` for the terminal."""
    lines = [
        rule.id,
        textwrap.fill(rule.description, 88, initial_indent="  ", subsequent_indent="  "),
        f"  category:  {rule.category}",
        f"  severity:  {_tier(rule)}" + (f" (declared {rule.severity})" if _tier(rule) != rule.severity else ""),
        f"  from:      {rule.source}",
        f"  enabled:   {rule.enabled}",
        f"  safe fix:  {'yes' if rule.safe else 'no'}",
    ]
    calibration = shipped_calibration().get(rule.id)
    if calibration is not None:
        figures = ", ".join(f"{k} {v}" for k, v in calibration.measured.items())
        lines.append(
            textwrap.fill(
                f"measured:  {calibration.why} ({figures}); see rules/calibration.yaml",
                100,
                initial_indent="  ",
                subsequent_indent="             ",
            )
        )
    if rule.message:
        lines.append(
            textwrap.fill(
                f"message:   {rule.message}", 100, initial_indent="  ", subsequent_indent="             "
            )
        )
    if rule.example_lang:
        lines.append(f"  examples:  SOURCE ||| TARGET, source in {rule.example_lang}")
    if rule.bad:
        lines.append("  flagged:")
        lines += [f"    - {text}" for text in rule.bad]
    if rule.good:
        lines.append("  not flagged:")
        lines += [f"    - {text}" for text in rule.good]
    return "\n".join(lines)


def _test(
    paths: Annotated[
        Optional[list[Path]],
        typer.Argument(help="Pack files to check (default: every installed pack)."),
    ] = None,
) -> None:
    """Validate rule packs and run every rule's examples: for editors writing or changing rules."""
    from auditor.resources import rules_dir
    from auditor.rules_engine import installed_packs, load_pack
    from auditor.rules_engine.examples import run_example
    from auditor.rules_engine.loader import load_shared_sets

    try:
        shared = load_shared_sets(rules_dir())
        packs = [load_pack(p, shared) for p in paths] if paths else list(installed_packs())
    except AuditorError as error:
        typer.echo(f"auditor: error: {error}", err=True)
        raise typer.Exit(2) from None
    failures = total = 0
    for pack in packs:
        for rule in pack.rules:
            for kind, examples in (("bad", rule.bad), ("good", rule.good)):
                for example in examples:
                    total += 1
                    problem = _example_problem(kind, example, run_example(rule, pack, example))
                    if problem:
                        failures += 1
                        typer.echo(
                            f"{pack.path}: rule '{rule.id}': {kind} example {example.text!r}: {problem}"
                        )
    typer.echo(f"{len(packs)} packs, {total} examples, {failures} failing")
    if failures:
        raise typer.Exit(1)


def _example_problem(kind: str, example: Example, result: ExampleResult) -> str | None:
    """Why an example does not behave as its rule says, or None."""
    if kind == "good":
        return "flagged, but it is a good example" if result.flagged else None
    if not result.flagged:
        return "not flagged"
    if example.fix is not None and result.fixed != example.fix:
        return f"first suggestion gives {result.fixed!r}, expected {example.fix!r}"
    return None


def register_rules_commands(rules_app: typer.Typer) -> None:
    """Attach ``list``, ``show`` and ``test`` to the CLI's ``rules`` sub-app."""
    rules_app.command("list")(_list)
    rules_app.command("show")(_show)
    rules_app.command("test")(_test)
