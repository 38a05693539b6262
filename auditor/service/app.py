"""The ASGI application of ``auditor serve`` (Starlette): routes, limits, queue, timeouts, auth.

* ``POST /v1/check``: ``{"text", "source"?, "reference"?, "path"?, "options"?}`` → the
  ``auditor-report/1`` JSON of ``auditor check --format json``.
* ``POST /v1/fix``: the same body (plus ``only_safe``) → the fixed text and its edits.
* ``GET /healthz``: ``{"status": "ok", ...}`` once the engine is warm.
* ``GET /openapi.json``: the OpenAPI document.

Bodies over ``max_bytes`` get 413; when ``workers`` audits run and ``queue`` more wait, the
next request gets 429 with ``Retry-After``; an audit over ``timeout`` seconds gets 504 (its
worker finishes in the background and keeps its slot until then, so the queue stays honest).
With a token, every ``/v1`` request needs ``Authorization: Bearer <token>``.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import math
import time
from collections import deque
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from auditor import __version__
from auditor.errors import AuditorError
from auditor.service.engine import AuditEngine, AuditRequest
from auditor.service.openapi import openapi_document


@dataclass(frozen=True)
class Limits:
    """What one service accepts: body size, concurrent audits, waiting room, time per audit."""

    max_bytes: int = 1_000_000
    workers: int = 4
    queue: int = 32
    timeout: float = 30.0


class TooLarge(Exception):
    """The request body is over the limit."""


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


class Scheduler:
    """Runs audits in a fixed pool of threads and refuses work beyond the waiting room."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.pool = ThreadPoolExecutor(max_workers=limits.workers, thread_name_prefix="serve")
        self.active = 0  # admitted and not yet finished (running or waiting); event-loop thread only
        self.recent: deque[float] = deque(maxlen=50)

    def full(self) -> bool:
        """True when a new audit would exceed ``workers + queue``."""
        return self.active >= self.limits.workers + self.limits.queue

    def retry_after(self) -> int:
        """Seconds a refused client should wait: the backlog at the recent median audit time."""
        median = sorted(self.recent)[len(self.recent) // 2] if self.recent else 1.0
        return max(1, math.ceil(median * self.active / self.limits.workers))

    async def run(self, work: Callable[[], Any]) -> Any:
        """Run ``work`` in the pool; :class:`TimeoutError` after ``timeout`` seconds."""
        loop = asyncio.get_running_loop()
        self.active += 1
        started = time.perf_counter()

        def finished(_: object) -> None:
            def release() -> None:
                self.active -= 1
                self.recent.append(time.perf_counter() - started)

            loop.call_soon_threadsafe(release)

        future = self.pool.submit(work)
        future.add_done_callback(finished)
        return await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(future)), self.limits.timeout)

    def close(self) -> None:
        """Wait for running audits, then stop the threads."""
        self.pool.shutdown(wait=True, cancel_futures=True)


async def read_body(request: Request, limit: int) -> bytes:
    """The body, refusing one over ``limit`` bytes by its header or while it streams in."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise TooLarge
    chunks = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def create_app(engine: AuditEngine, limits: Limits | None = None, token: str | None = None) -> Starlette:
    """The service for ``engine`` (already warm); closing the app closes the scheduler, not the engine."""
    limits = limits or Limits()
    scheduler = Scheduler(limits)

    def authorised(request: Request) -> bool:
        if not token:
            return True
        given = request.headers.get("authorization", "")
        return given.startswith("Bearer ") and hmac.compare_digest(given[7:].encode(), token.encode())

    async def handle(request: Request, work: Callable[[AuditRequest, dict[str, Any]], dict[str, Any]]) -> Response:
        if not authorised(request):
            return _error(401, "missing or wrong bearer token", {"WWW-Authenticate": "Bearer"})
        if scheduler.full():
            return _error(429, "busy: too many audits waiting", {"Retry-After": str(scheduler.retry_after())})
        try:
            body = json.loads(await read_body(request, limits.max_bytes))
            audit = AuditRequest.from_json(body, engine.config)
        except TooLarge:
            return _error(413, f"request body over {limits.max_bytes} bytes")
        except (ValueError, UnicodeDecodeError) as error:
            return _error(400, f"invalid JSON: {error}")
        except AuditorError as error:
            return _error(400, str(error))
        try:
            result = await scheduler.run(lambda: work(audit, body))
        except asyncio.TimeoutError:  # TimeoutError itself from Python 3.11
            return _error(504, f"the audit took longer than {limits.timeout:g} s")
        except AuditorError as error:
            return _error(422, str(error))
        return JSONResponse(result)

    async def check(request: Request) -> Response:
        return await handle(request, lambda audit, _: engine.report(audit))

    async def fix(request: Request) -> Response:
        def work(audit: AuditRequest, body: dict[str, Any]) -> dict[str, Any]:
            return engine.fix(audit, only_safe=body.get("only_safe", True) is not False)

        return await handle(request, work)

    async def healthz(request: Request) -> Response:
        return JSONResponse(
            {
                "status": "ok",
                "version": __version__,
                "grammar": engine.grammar,
                "active": scheduler.active,
                "workers": limits.workers,
                "queue": limits.queue,
            }
        )

    async def openapi(request: Request) -> Response:
        return JSONResponse(openapi_document(limits))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        await asyncio.get_running_loop().run_in_executor(None, scheduler.close)

    app = Starlette(
        routes=[
            Route("/v1/check", check, methods=["POST"]),
            Route("/v1/fix", fix, methods=["POST"]),
            Route("/healthz", healthz, methods=["GET"]),
            Route("/openapi.json", openapi, methods=["GET"]),
        ],
        lifespan=lifespan,
    )
    app.state.scheduler = scheduler
    return app
