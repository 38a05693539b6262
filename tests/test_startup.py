"""What importing auditor sets up for a cold run: one OpenBLAS thread unless the user chose otherwise."""

from __future__ import annotations

import os
import subprocess
import sys

PROBE = "import os, auditor; print(os.environ.get('OPENBLAS_NUM_THREADS'))"


def _probe(env: dict[str, str]) -> str:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=60)
    return out.stdout.strip()


def test_numpy_gets_one_blas_thread_by_default():
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    assert _probe(env) == "1"


def test_a_users_blas_setting_is_kept():
    assert _probe({**os.environ, "OPENBLAS_NUM_THREADS": "3"}) == "3"


def test_first_audited_keeps_every_result_in_order_and_audits_the_first_at_once():
    from auditor.commands.check import first_audited

    pulled = []

    def results():
        for n in range(3):
            pulled.append(n)
            yield n

    stream = first_audited(results())
    assert pulled == [0]  # the first document is audited before anything else happens
    assert list(stream) == [0, 1, 2]
    assert list(first_audited(iter([]))) == []
