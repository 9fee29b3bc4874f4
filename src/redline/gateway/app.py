"""The ASGI application: routes, request size limit, start-up and shut-down.

`create_app(config)` builds everything from configuration; tests and embedders may pass their
own judge, monitor factory or audit writer (anything that satisfies the protocols).
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from redline.audit import AuditDecision, AuditWriter, open_store
from redline.constitution import load_constitution
from redline.errors import InputError
from redline.gateway import analyst
from redline.gateway.chat import chat_completions, error_response
from redline.gateway.config import GatewayConfig
from redline.gateway.openai_format import loads, new_request_id
from redline.gateway.parts import (
    UnavailableJudge,
    load_action_judge,
    load_monitor_factory,
    load_request_judge,
)
from redline.gateway.protocols import MonitorFactory, RequestJudge
from redline.gateway.remembered import RememberedVerdicts
from redline.gateway.state import Exchange, GatewayState, subject_text
from redline.gateway.upstream import Upstream, UpstreamError

log = logging.getLogger("redline.gateway")


class BodyTooLargeError(Exception):
    """The request body is over the configured limit."""


async def read_json(request: Request, limit: int) -> Any:
    """The request's JSON body, refusing (BodyTooLargeError) anything over `limit` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise BodyTooLargeError
    received = bytearray()
    async for piece in request.stream():
        received += piece
        if len(received) > limit:
            raise BodyTooLargeError
    return loads(bytes(received))


def create_app(
    config: GatewayConfig,
    *,
    judge: RequestJudge | None = None,
    make_monitor: MonitorFactory | None = None,
    audit: AuditWriter | None = None,
) -> Starlette:
    """The gateway as an ASGI app; missing parts are loaded from Redline itself."""
    constitution = load_constitution(config.output.constitution)
    # The guard's own verdicts are a function of what it reads, so they can be remembered.
    remember_verdicts = judge is None and config.server.remember_verdicts > 0
    if judge is None:
        loaded = load_request_judge()
        assert isinstance(loaded, RequestJudge)
        judge = loaded
    if make_monitor is None:
        make_monitor = load_monitor_factory(
            config.output.holdback_chars,
            config.output.constitution,
            prose_holdback_chars=config.output.prose_holdback_chars,
            max_holdback_chars=config.output.max_holdback_chars,
        )
    if audit is None:
        audit = AuditWriter(open_store(config.audit.db))
    upstream = Upstream(config.upstream) if config.upstream.url else None
    action_judge = load_action_judge(judge, config.output.constitution)
    remembered = None
    if remember_verdicts and not isinstance(judge, UnavailableJudge):
        remembered = RememberedVerdicts(config.server.remember_verdicts)
    state = GatewayState(
        config, judge, make_monitor, audit, constitution, upstream, action_judge, remembered
    )
    if remembered is not None:
        state.metrics.gauge(
            "redline_guard_remembered",
            "Requests answered from the guard's remembered verdicts (an agent loop's steps).",
            lambda: remembered.remembered,
        )
    if config.server.fail_open:
        log.warning("FAIL-OPEN is on: requests are served unchecked whenever the guard fails")

    async def body_or_error(request: Request) -> Any:
        try:
            return await read_json(request, config.server.max_body_bytes)
        except BodyTooLargeError:
            return error_response(
                413,
                f"request body over {config.server.max_body_bytes} bytes",
                "invalid_request_error",
            )
        except (ValueError, UnicodeDecodeError):
            return error_response(
                400, "the request body is not valid JSON", "invalid_request_error"
            )

    async def chat(request: Request) -> Response:
        body = await body_or_error(request)
        if isinstance(body, Response):
            return body
        return await chat_completions(state, request, body)

    async def models(request: Request) -> Response:
        listed: list[dict[str, Any]] = []
        if upstream is not None:
            try:
                listed = await upstream.models()
            except UpstreamError as failure:
                log.warning("could not list the upstream's models: %s", failure)
        listed.append(
            {"id": analyst.ANALYST_MODEL, "object": "model", "created": 0, "owned_by": "redline"}
        )
        return JSONResponse({"object": "list", "data": listed})

    async def guard_check(request: Request) -> Response:
        return await _guard_check(state, request, await body_or_error(request))

    async def healthz(request: Request) -> Response:
        health = audit.health()
        problems = []
        if not health.ok:
            problems.append(f"audit store failing: {health.error}")
        if not state.guard_available:
            problems.append("intent guard unavailable")
        body = {
            "status": "failing" if problems else "ok",
            "problems": problems,
            "audit": {
                "ok": health.ok,
                "location": health.location,
                "pending": health.pending,
                "written": health.written,
                "failures": health.failures,
                "error": health.error,
                "require": config.audit.require,
            },
            "guard": "ok" if state.guard_available else "unavailable",
            "fail_open": config.server.fail_open,
            "upstream": upstream.url if upstream is not None else None,
        }
        serving = not problems or (config.server.fail_open and health.ok)
        return JSONResponse(body, status_code=200 if serving else 503)

    async def metrics(request: Request) -> Response:
        return PlainTextResponse(
            state.metrics.render(), media_type="text/plain; version=0.0.4; charset=utf-8"
        )

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            if upstream is not None:
                await upstream.aclose()
            state.close()
            audit.close()

    app = Starlette(
        routes=[
            Route("/v1/chat/completions", chat, methods=["POST"]),
            Route("/v1/models", models, methods=["GET"]),
            Route("/v1/guard/check", guard_check, methods=["POST"]),
            Route("/healthz", healthz, methods=["GET"]),
            Route("/metrics", metrics, methods=["GET"]),
        ],
        lifespan=lifespan,
    )
    app.state.gateway = state
    return app


async def _guard_check(state: GatewayState, request: Request, body: Any) -> Response:
    """`POST /v1/guard/check`: judge a text, a message list or a command; no generation."""
    if isinstance(body, Response):
        return body
    exchange = Exchange(
        new_request_id().replace("chatcmpl", "check"),
        request.client.host if request.client else "",
        "",
        endpoint="guard",
    )
    started = time.perf_counter()
    judge = state.judge
    try:
        if not isinstance(body, dict):
            raise ValueError("the body must be a JSON object")
        if isinstance(body.get("command"), str):
            kind = body.get("kind", "shell")
            if kind not in ("shell", "python"):
                raise ValueError("'kind' must be 'shell' or 'python'")
            command = body["command"]
            exchange.request_text = command
            stage = "action"
            verdict = await state.run_check(
                lambda: state.action_judge.check_action(command, kind=kind), len(command)
            )
        elif isinstance(body.get("messages"), list):
            messages = body["messages"]
            exchange.request_text = subject_text(messages)
            stage = "conversation"
            verdict = await state.check_request(messages)
        elif isinstance(body.get("text"), str):
            text = body["text"]
            exchange.request_text = text
            stage = "request"
            verdict = await state.run_check(lambda: judge.check(text), len(text))
        else:
            raise ValueError("give one of 'text', 'messages' or 'command' (with 'kind')")
    except (ValueError, InputError) as problem:
        return error_response(400, str(problem), "invalid_request_error")
    except Exception as failure:
        message = f"{type(failure).__name__}: {failure}"
        state.metrics.guard_failures.inc("closed")
        state.record(exchange, AuditDecision.ERROR, status=503, error=message)
        return error_response(503, f"Redline's guard failed: {message}", "guard_unavailable")
    state.metrics.guard_checks.inc(verdict.decision.value)
    state.metrics.latency.observe(time.perf_counter() - started, "guard")
    decision = AuditDecision.REFUSE if verdict.refused else AuditDecision.ALLOW
    state.record(exchange, decision, verdict=verdict, stage=stage)
    return JSONResponse(verdict.model_dump(mode="json"))
