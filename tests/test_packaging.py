"""A plain wheel carries the rule packs, and rules_dir() finds them once installed."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from auditor.rules_engine.loader import NOT_PACK_DIRS, NOT_PACKS

ROOT = Path(__file__).resolve().parent.parent


def _source_copy(target: Path) -> Path:
    """The files a wheel is built from (a README placeholder where the checkout has none yet)."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("auditor", "rules"):
        shutil.copytree(ROOT / folder, target / folder, ignore=ignore)
    shutil.copy(ROOT / "pyproject.toml", target)
    readme = ROOT / "README.md"
    if readme.is_file():
        shutil.copy(readme, target)
    else:
        (target / "README.md").write_text("auditor\n", encoding="utf-8")
    return target


def test_wheel_includes_rules_and_finds_them(tmp_path: Path) -> None:
    source = _source_copy(tmp_path / "src")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(source),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
        ],
        check=True,
    )
    [wheel] = tmp_path.glob("auditor-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path / "site")
    shipped = {
        Path(n).relative_to("auditor/rules").as_posix() for n in names if n.startswith("auditor/rules/")
    }
    in_tree = {p.relative_to(ROOT / "rules").as_posix() for p in (ROOT / "rules").rglob("*.yaml")}
    assert in_tree and in_tree <= shipped
    probe = (
        "from auditor.resources import rules_dir; from auditor.rules_engine import load_packs;"
        "d = rules_dir(); print(d); print(len(load_packs(d)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path / "site")},
        capture_output=True,
        text=True,
        check=True,
    )
    location, count = result.stdout.split()
    assert Path(location).is_relative_to(tmp_path / "site")
    assert int(count) == len([p for p in in_tree if p not in NOT_PACKS and p.split("/")[0] not in NOT_PACK_DIRS])
