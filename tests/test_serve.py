"""`auditor serve` on 127.0.0.1: the report equals the CLI's, fixes, limits (413, 429, 504),
bad requests, the token, OpenAPI, and a SIGTERM that lets the in-flight audit finish.

Bounded: one warm engine in this process (without LanguageTool) behind real uvicorn servers
on loopback, and one `auditor serve` subprocess for the signal test."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")
uvicorn = pytest.importorskip("uvicorn")

from typer.testing import CliRunner  # noqa: E402

from auditor.cli import app as cli_app  # noqa: E402
from auditor.languagetool.server import free_port  # noqa: E402
from auditor.service.app import Limits, create_app  # noqa: E402
from auditor.service.engine import AuditEngine  # noqa: E402

try:  # tests/ is a rootdir folder, not a package, unless someone adds tests/__init__.py
    from languagetool_support import lt_server
except ImportError:  # pragma: no cover
    from tests.languagetool_support import lt_server  # noqa: F401

ROOT = Path(__file__).resolve().parents[1]
STORY = "He go to the the market on Monday. The minister said that the plan was was good.\n"
#: A long story (no cache): its audit takes long enough to be caught in flight.
LONG = " ".join(f"Story number {n} says the ministers has met in the capital on Monday." for n in range(400))


def call(url: str, body: Any = None, *, raw: bytes | None = None, token: str | None = None,
         timeout: float = 120) -> tuple[int, dict[str, str], Any]:
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    request = urllib.request.Request(url, data=data, method="POST" if data is not None else "GET")
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.loads(error.read() or b"{}")


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AuditEngine]:
    with pytest.MonkeyPatch.context() as patch:  # its result cache is built (and kept) in a private folder
        patch.setenv("AUDITOR_CACHE_DIR", str(tmp_path_factory.mktemp("serve-cache")))
        engine = AuditEngine(grammar=False)
        engine.warm()
    yield engine
    engine.close()


class Served:
    """A uvicorn server for one app in a thread of this process, on a free loopback port."""

    def __init__(self, app: Any) -> None:
        self.port = free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="error"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        assert self.server.started
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=60)


def test_check_returns_the_cli_json_report_and_fix_makes_safe_fixes(engine, tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    cli = CliRunner().invoke(cli_app, ["check", str(story), "--format", "json", "--no-grammar", "--quiet"])
    assert cli.exit_code == 0, cli.output
    with Served(create_app(engine, Limits(workers=2))) as url:
        status, _, health = call(f"{url}/healthz")
        assert status == 200 and health["status"] == "ok"
        status, _, report = call(f"{url}/v1/check", {"text": STORY, "path": str(story)})
        assert status == 200
        assert report == json.loads(cli.output)
        assert "doubled-word" in json.dumps(report)
        status, _, fixed = call(f"{url}/v1/fix", {"text": STORY})
        assert status == 200 and "the the" not in fixed["text"] and "was was" not in fixed["text"]
        assert {e["rule"] for e in fixed["edits"]} == {"doubled-word"}
        status, _, spec = call(f"{url}/openapi.json")
        assert status == 200 and spec["openapi"].startswith("3.") and {"/v1/check", "/v1/fix"} <= set(spec["paths"])


def test_grammar_comes_from_the_one_languagetool_server_the_engine_holds(lt_server) -> None:
    engine = AuditEngine(languagetool_url=lt_server.url)
    try:
        with Served(create_app(engine)) as url:
            status, _, report = call(f"{url}/v1/check", {"text": "He go to the market yesterday."})
            assert status == 200 and "languagetool/HE_VERB_AGR" in json.dumps(report)
            status, _, report = call(f"{url}/v1/check", {"text": "Il pleut.", "options": {"lang": "fr"}})
            assert status == 422 and "LanguageTool grammar supports" in report["error"]
    finally:
        engine.close()


def test_bad_requests_are_400_with_a_reason_and_big_ones_413(engine) -> None:
    with Served(create_app(engine, Limits(max_bytes=2_000))) as url:
        assert call(f"{url}/v1/check", raw=b"{not json")[0] == 400
        status, _, body = call(f"{url}/v1/check", {"text": "x", "options": {"colour": True}})
        assert status == 400 and "unknown option 'colour'" in body["error"]
        status, _, body = call(f"{url}/v1/check", {"source": "x"})
        assert status == 400 and "'text' is required" in body["error"]
        status, _, body = call(f"{url}/v1/check", {"text": "a" * 3_000})
        assert status == 413 and "2000 bytes" in body["error"]


def test_token_is_required_when_set(engine) -> None:
    with Served(create_app(engine, token="s3cret")) as url:
        assert call(f"{url}/v1/check", {"text": STORY})[0] == 401
        assert call(f"{url}/v1/check", {"text": STORY}, token="wrong")[0] == 401
        assert call(f"{url}/v1/check", {"text": STORY}, token="s3cret")[0] == 200


def test_beyond_loopback_without_token_is_refused() -> None:
    result = CliRunner().invoke(cli_app, ["serve", "--host", "0.0.0.0", "--no-grammar"], env={"AUDITOR_SERVE_TOKEN": ""})
    assert result.exit_code == 2 and "beyond loopback" in result.output


def _wait_active(url: str, count: int) -> None:
    deadline = time.monotonic() + 30
    while call(f"{url}/healthz")[2]["active"] < count:
        assert time.monotonic() < deadline
        time.sleep(0.01)


def test_full_queue_is_429_with_retry_after_and_slow_audit_504(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path))
    engine = AuditEngine(grammar=False, use_cache=False)  # every audit of LONG is real work
    try:
        with Served(create_app(engine, Limits(workers=1, queue=0, timeout=0.05))) as url:
            done: list[int] = []
            first = threading.Thread(target=lambda: done.append(call(f"{url}/v1/check", {"text": LONG})[0]))
            first.start()
            _wait_active(url, 1)
            status, headers, body = call(f"{url}/v1/check", {"text": STORY})
            assert status == 429 and int(headers["retry-after"]) >= 1 and "busy" in body["error"]
            first.join(timeout=120)
            assert done == [504]  # over 0.05 s
    finally:
        engine.close()


def test_sigterm_finishes_the_audit_in_flight(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "AUDITOR_CACHE_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "auditor", "serve", "--no-grammar", "--no-cache", "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None, process.communicate()[1]
            try:
                if call(f"{url}/healthz", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline
            time.sleep(0.2)
        answers: list[tuple[int, Any]] = []

        def audit() -> None:
            status, _, body = call(f"{url}/v1/check", {"text": LONG})
            answers.append((status, body))

        worker = threading.Thread(target=audit)
        worker.start()
        _wait_active(url, 1)
        process.send_signal(signal.SIGTERM)
        worker.join(timeout=120)
        assert answers and answers[0][0] == 200 and answers[0][1]["schema"] == "auditor-report/1"
        _, stderr = process.communicate(timeout=60)
        assert process.returncode == 0, stderr
        assert "auditor serve: stopped" in stderr
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
