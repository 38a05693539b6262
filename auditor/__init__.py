"""auditor: audit machine-translated news copy before it is published."""

import os as _os

__version__ = "0.1.0"

# NumPy's OpenBLAS starts a thread per core when imported (~0.1 s of CPU in a cold `auditor check` on two
# cores, competing with LanguageTool's JVM) for matrix work auditor never does: the QE trees are index
# walks. A value the user set is kept.
_os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
