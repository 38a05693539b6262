"""Where the DEMETR dev split lives, for every benchmark.

``$AUDITOR_DEMETR_DIR`` if set, else ``shared/eval/demetr-dev`` beside the checkout
(CI and developer layouts), else beside one of its parent folders.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RELATIVE = Path("shared") / "eval" / "demetr-dev"


def demetr_dir() -> Path:
    """The DEMETR dev directory (it may not exist; callers say so clearly)."""
    configured = os.environ.get("AUDITOR_DEMETR_DIR") or os.environ.get("AUDITOR_DEMETR")
    if configured:
        return Path(configured)
    candidates = [parent / RELATIVE for parent in ROOT.parents]
    return next((c for c in candidates if c.is_dir()), ROOT.parent / RELATIVE)
