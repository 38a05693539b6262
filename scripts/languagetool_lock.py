"""Write auditor/languagetool/languagetool-<version>.lock from a Maven resolution done once.

Run after ``mvn dependency:copy-dependencies`` (the old installer) filled the lib folder and
~/.m2: every jar of the lib folder is found in the local Maven repository, which gives its
group, artifact, version and classifier; its SHA-256 and size are taken from the jar itself.
Usage: python scripts/languagetool_lock.py [LIB_DIR] [M2_REPOSITORY]
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from auditor.languagetool import install, lockfile


def main() -> None:
    lib = Path(sys.argv[1]) if len(sys.argv) > 1 else install.lib_dir()
    m2 = Path(sys.argv[2]) if len(sys.argv) > 2 else Path.home() / ".m2" / "repository"
    by_name: dict[str, list[Path]] = {}
    for path in m2.rglob("*.jar"):
        by_name.setdefault(path.name, []).append(path)
    entries = []
    for jar in sorted(lib.glob("*.jar")):
        hits = by_name.get(jar.name, [])
        if len(hits) != 1:
            raise SystemExit(f"{jar.name}: {len(hits)} matches in {m2}")
        relative = hits[0].relative_to(m2).parts
        group, artifact, version = ".".join(relative[:-3]), relative[-3], relative[-2]
        stem = f"{artifact}-{version}"
        classifier = jar.name[len(stem) + 1 : -4] if jar.name != f"{stem}.jar" else ""
        data = jar.read_bytes()
        if data != hits[0].read_bytes():
            raise SystemExit(f"{jar.name}: differs from {hits[0]}")
        entries.append(
            lockfile.LockEntry(group, artifact, version, classifier, hashlib.sha256(data).hexdigest(), len(data))
        )
    path = lockfile.lock_path()
    path.write_text(lockfile.render(entries, install.LANGUAGETOOL_VERSION), encoding="utf-8")
    print(f"{path}: {len(entries)} jars, {sum(e.size for e in entries) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
