"""The README's module table names every module and package of auditor/, and only ones that exist."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _table() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("| module | job |")
    return readme[start : readme.index("\n\n", start)]


def test_module_table_matches_the_tree() -> None:
    named = set(re.findall(r"`(auditor/[\w/.]+?)/?`", _table()))
    tree = {
        f"auditor/{p.name}" for p in (ROOT / "auditor").iterdir()
        if (p.suffix == ".py" and p.name != "__init__.py") or (p.is_dir() and (p / "__init__.py").is_file())
    }
    assert not tree - named, f"not in the README's module table: {sorted(tree - named)}"
    assert all((ROOT / path).exists() for path in named), sorted(p for p in named if not (ROOT / p).exists())
