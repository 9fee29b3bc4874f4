"""`POST /v1/chat/completions`: judge the request, then stream the answer through the monitor.

The order is fixed: refuse early (a refusal is a normal completion citing the clause, with
`finish_reason: "content_filter"`), then forward to the upstream or to `redline-analyst`, then
release only what the output monitor releases. Every path ends in exactly one audit record.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import AsyncExitStack
from typing import Any

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.types import Receive, Scope, Send

from redline.audit import AuditDecision
from redline.gateway import analyst
from redline.gateway.answer import MonitoredAnswer
from redline.gateway.openai_format import (
    CONTENT_FILTER,
    DONE,
    ContentEvents,
    chunk,
    completion,
    delivered_verdict,
    error_body,
    new_request_id,
    plain_content,
    refusal_text,
    sse,
)
from redline.gateway.protocols import Message
from redline.gateway.state import Exchange, GatewayState, subject_text
from redline.gateway.upstream import UpstreamError
from redline.results import Verdict

log = logging.getLogger("redline.gateway")

SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


def error_response(status: int, message: str, kind: str, request_id: str = "") -> JSONResponse:
    """An OpenAI-style error response."""
    headers = {"x-request-id": request_id} if request_id else None
    return JSONResponse(error_body(message, kind), status_code=status, headers=headers)


def validate_chat(body: Any) -> tuple[str, list[Message], bool]:
    """The model, messages and stream flag of a chat request; ValueError says what is wrong."""
    if not isinstance(body, dict):
        raise ValueError("the request body must be a JSON object")
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise ValueError("'messages' must be a non-empty list")
    for number, message in enumerate(messages):
        if not isinstance(message, dict) or not isinstance(message.get("role"), str):
            raise ValueError(f"messages[{number}] must be an object with a 'role'")
    model = body.get("model")
    if not isinstance(model, str) or not model:
        raise ValueError("'model' must be a non-empty string")
    stream = body.get("stream", False)
    if not isinstance(stream, bool):
        raise ValueError("'stream' must be true or false")
    return model, messages, stream


async def chat_completions(state: GatewayState, request: Request, body: Any) -> Response:
    """Serve one chat completion request (the body already read and size-checked)."""
    request_id = new_request_id()
    client = request.client.host if request.client else ""
    try:
        model, messages, stream = validate_chat(body)
    except ValueError as problem:
        return error_response(400, str(problem), "invalid_request_error", request_id)
    user = body.get("user")
    exchange = Exchange(
        request_id,
        f"{client} user={user}" if isinstance(user, str) and user else client,
        model,
        request_text=subject_text(messages),
    )

    blocked = state.audit_blocks_serving()
    if blocked:
        state.record(exchange, AuditDecision.ERROR, status=503, error=blocked)
        state.metrics.requests.inc(model, "error")
        return error_response(503, f"not serving unaudited: {blocked}", "audit_unavailable")

    use_analyst = model == analyst.ANALYST_MODEL or state.upstream is None
    stack = AsyncExitStack()
    upstream_call: asyncio.Task[Any] | None = None
    if not use_analyst and state.config.upstream.overlap_guard:
        # Opt-in: the upstream starts on the request while the guard judges it; a refusal
        # cancels the call before any of its answer is read. One turn of the loop lets the
        # call send its request on a pooled connection; the upstream then works on it in its
        # own process while the guard judges here, on the loop, without a thread.
        upstream_call = asyncio.create_task(_call_upstream(state, body, stream, stack))
        await asyncio.sleep(0)
    prepared = await _judge_and_prepare(state, exchange, messages, stream)
    if isinstance(prepared, Response):
        if upstream_call is not None:
            upstream_call.cancel()
            await asyncio.gather(upstream_call, return_exceptions=True)
            await stack.aclose()
        return prepared
    verdict, answer = prepared

    if use_analyst:
        exchange.model = analyst.ANALYST_MODEL
        text = await anyio.to_thread.run_sync(analyst.answer, messages, state.config.analyst.root)
        if not stream:
            return _complete(
                state, exchange, verdict, answer, _analyst_completion(request_id, text)
            )
        return _stream(state, exchange, verdict, answer, _analyst_chunks(request_id, text), stack)

    try:
        if upstream_call is None:
            result = await _call_upstream(state, body, stream, stack)
        else:
            result = await upstream_call
    except UpstreamError as failure:
        await stack.aclose()
        state.metrics.upstream_errors.inc(str(failure.status))
        state.metrics.requests.inc(model, "error")
        state.record(
            exchange,
            AuditDecision.ERROR,
            verdict=verdict,
            status=failure.status,
            error=str(failure),
        )
        return JSONResponse(
            failure.body, status_code=failure.status, headers={"x-request-id": request_id}
        )
    if isinstance(result, dict):
        return _complete(state, exchange, verdict, answer, result)
    return _stream(state, exchange, verdict, answer, result, stack, _choices_asked(body))


async def _call_upstream(
    state: GatewayState, body: dict[str, Any], stream: bool, stack: AsyncExitStack
) -> dict[str, Any] | AsyncIterator[list[dict[str, Any]]]:
    """The upstream's whole completion, or its opened stream (kept open by `stack`)."""
    assert state.upstream is not None
    if not stream:
        return await state.upstream.complete(body)
    return await stack.enter_async_context(state.upstream.stream(body))


async def _judge_and_prepare(
    state: GatewayState,
    exchange: Exchange,
    messages: list[Message],
    stream: bool,
) -> Response | tuple[Verdict | None, MonitoredAnswer]:
    """The request's verdict and a monitored answer, or the response that ends it here."""
    request_id, model = exchange.request_id, exchange.model
    judgement = await state.judge_request(messages, request_id)
    if judgement.invalid:
        state.metrics.requests.inc(model, "error")
        return error_response(400, judgement.invalid, "invalid_request_error", request_id)
    exchange.fail_open = judgement.fail_open
    if judgement.verdict is None and not judgement.fail_open:
        state.record(exchange, AuditDecision.ERROR, status=503, error=judgement.failure)
        state.metrics.requests.inc(model, "error")
        return error_response(
            503,
            f"Redline's guard failed, so the request was not served: {judgement.failure}",
            "guard_unavailable",
            request_id,
        )
    verdict = judgement.verdict
    if verdict is not None and verdict.refused:
        return _refuse(state, exchange, verdict, stream)
    try:
        answer = MonitoredAnswer(state.make_monitor, messages)
        answer.open(0)
    except Exception as error:
        failed = state.guard_failed(f"output monitor: {type(error).__name__}: {error}", request_id)
        if not failed.fail_open:
            state.record(exchange, AuditDecision.ERROR, status=503, error=failed.failure)
            state.metrics.requests.inc(model, "error")
            return error_response(503, failed.failure, "guard_unavailable", request_id)
        exchange.fail_open = True
        answer = MonitoredAnswer.unmonitored()
    return verdict, answer


def _refuse(state: GatewayState, exchange: Exchange, verdict: Verdict, stream: bool) -> Response:
    text = refusal_text(verdict, state.constitution)
    exchange.response_text = text
    state.record(exchange, AuditDecision.REFUSE, verdict=verdict)
    state.metrics.requests.inc(exchange.model, "refuse")
    for redline_id in verdict.redlines:
        state.metrics.refusals.inc(redline_id)
    state.metrics.latency.observe(time.perf_counter() - exchange.started, "chat")
    headers = {"x-request-id": exchange.request_id}
    if not stream:
        body = completion(exchange.request_id, exchange.model, text, CONTENT_FILTER, verdict)
        return JSONResponse(body, headers=headers)
    events = [
        sse(chunk(exchange.request_id, exchange.model, {"role": "assistant", "content": ""})),
        sse(chunk(exchange.request_id, exchange.model, {"content": text})),
        sse(chunk(exchange.request_id, exchange.model, {}, CONTENT_FILTER, verdict)),
        DONE,
    ]
    return StreamingResponse(
        iter(events), media_type="text/event-stream", headers={**SSE_HEADERS, **headers}
    )


def _complete(
    state: GatewayState,
    exchange: Exchange,
    request_verdict: Verdict | None,
    answer: MonitoredAnswer,
    body: dict[str, Any],
) -> Response:
    """Monitor a whole (non-streamed) completion and send what may be sent."""
    raw_choices = body.get("choices")
    for choice in raw_choices if isinstance(raw_choices, list) else ():
        if isinstance(choice, dict):
            answer.filter_choice(choice)
    if answer.halt is not None:
        body["redline"] = delivered_verdict(answer.halt).model_dump(mode="json")
    exchange.response_text = answer.text(0)
    _finish_audit(state, exchange, request_verdict, answer)
    return JSONResponse(body, headers={"x-request-id": exchange.request_id})


def _stream(
    state: GatewayState,
    exchange: Exchange,
    request_verdict: Verdict | None,
    answer: MonitoredAnswer,
    batches: AsyncIterator[list[dict[str, Any]]],
    stack: AsyncExitStack,
    choices: int = 1,
) -> StreamingResponse:
    """Relay an answer as server-sent events, releasing only what the monitor releases.

    `choices` is how many the request asked for (`n`): once every one has halted, the
    upstream request is cancelled and the stream ends.
    """

    recorded = False

    def conclude(failure: str = "", status: int = 502) -> None:
        # Audited before the last event is sent, so a client that has read [DONE] can count
        # on its record being queued.
        nonlocal recorded
        recorded = True
        exchange.response_text = answer.text(0)
        if not failure:
            _finish_audit(state, exchange, request_verdict, answer)
            return
        state.metrics.requests.inc(exchange.model, "error")
        state.record(
            exchange,
            AuditDecision.ERROR,
            verdict=request_verdict,
            stage="response",
            status=status,
            error=failure,
        )

    async def abandon() -> None:
        """Whatever happened to the response, audit it and close the upstream connection."""
        if not recorded:
            conclude("client disconnected", 499)
        await stack.aclose()

    async def events() -> AsyncIterator[bytes]:
        state.active_streams += 1
        last: dict[str, Any] = {"id": exchange.request_id, "model": exchange.model}
        first_token = True
        content_sent = False
        content_events = ContentEvents()
        try:
            async for batch in batches:
                # The text released by a run of content-only chunks within one read is sent
                # as one event (`envelope` is the run's first chunk): one encoding, one write.
                out = bytearray()
                pending = ""
                envelope: dict[str, Any] | None = None
                for upstream_chunk in batch:
                    last = upstream_chunk
                    sent: dict[str, Any] | None = None
                    text = plain_content(upstream_chunk)
                    if text is not None:
                        envelope = envelope or upstream_chunk
                        pending += answer.feed_text(text)
                    else:
                        sent = answer.filter_chunk(upstream_chunk)
                    halts = answer.new_halts()
                    # Pending text goes out before a chunk of another kind, a halt, or as
                    # the first words of the answer.
                    if pending and envelope is not None and (text is None or halts or first_token):
                        out += content_events.encode(envelope, pending)
                        pending, envelope, content_sent = "", None, True
                    if text is None:
                        envelope = None
                        if sent is not None:
                            content_sent = content_sent or _has_content(sent)
                            out += sse(sent)
                    for index, verdict in halts:
                        out += sse(answer.halt_chunk(last, index, verdict))
                    if first_token and content_sent:
                        # The first words go out at once, not after the rest of the read: an
                        # upstream that sends its whole answer in one read would otherwise hold
                        # them back for the time it takes to judge every chunk of it.
                        first_token = False
                        state.metrics.first_token.observe(time.perf_counter() - exchange.started)
                        yield bytes(out)
                        out = bytearray()
                    if answer.settled(choices):
                        break
                if pending and envelope is not None:
                    out += content_events.encode(envelope, pending)
                if out:
                    yield bytes(out)
                if answer.settled(choices):
                    break
            closing = bytearray()  # the last events, sent in one write with [DONE]
            if not answer.settled(choices):
                for tail in answer.finish_all(last):
                    closing += sse(tail)
                for index, verdict in answer.new_halts():
                    closing += sse(answer.halt_chunk(last, index, verdict))
            if answer.settled(choices):
                await stack.aclose()  # every choice halted: cancel the upstream request at once
            conclude()
            yield bytes(closing) + DONE
        except UpstreamError as failure:
            state.metrics.upstream_errors.inc(str(failure.status))
            conclude(str(failure), failure.status)
            yield sse(failure.body) + DONE
        except Exception as failure:  # the monitor itself failed mid-answer: fail closed
            problem = f"output monitor failed: {type(failure).__name__}: {failure}"
            state.guard_failed(problem, exchange.request_id)
            log.exception("output monitor failed mid-answer")
            conclude(problem)
            yield sse(error_body(problem, "guard_unavailable")) + DONE
        finally:
            state.active_streams -= 1
            # Recorded first, then the upstream connection closed: a departed client cancels
            # the upstream request here.
            await abandon()

    return _EventStream(
        events(),
        abandon,
        media_type="text/event-stream",
        headers={**SSE_HEADERS, "x-request-id": exchange.request_id},
    )


class _EventStream(StreamingResponse):
    """A streamed response that runs `abandon` even when its body never started.

    A client that leaves before the first byte makes Starlette give up without iterating the
    body, whose own clean-up would then never run: no audit record, an upstream left open.
    """

    def __init__(
        self,
        content: AsyncIterator[bytes],
        abandon: Callable[[], Awaitable[None]],
        media_type: str,
        headers: dict[str, str],
    ) -> None:
        super().__init__(content, media_type=media_type, headers=headers)
        self._abandon = abandon

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            await self._abandon()

    async def stream_response(self, send: Send) -> None:
        """Send the headers with the first event, not before: the client is woken once, when
        there is something to read, rather than once for headers and again for the event."""
        start = {"type": "http.response.start", "status": self.status_code}
        started = False
        async for piece in self.body_iterator:
            if not started:
                started = True
                await send({**start, "headers": self.raw_headers})
            await send({"type": "http.response.body", "body": piece, "more_body": True})
        if not started:
            await send({**start, "headers": self.raw_headers})
        await send({"type": "http.response.body", "body": b"", "more_body": False})


def _finish_audit(
    state: GatewayState,
    exchange: Exchange,
    request_verdict: Verdict | None,
    answer: MonitoredAnswer,
) -> None:
    state.metrics.latency.observe(time.perf_counter() - exchange.started, "chat")
    if answer.halt is not None:
        state.metrics.requests.inc(exchange.model, "halt")
        for redline_id in answer.halt.redlines:
            state.metrics.halts.inc(redline_id)
        state.record(exchange, AuditDecision.HALT, verdict=answer.halt, stage="response")
        return
    state.metrics.requests.inc(exchange.model, "allow")
    state.record(
        exchange,
        AuditDecision.ALLOW,
        verdict=answer.last_verdict or request_verdict,
        stage="response" if answer.last_verdict else "request",
    )


def _choices_asked(body: dict[str, Any]) -> int:
    """How many choices the request asked for (`n`, 1 unless a positive integer)."""
    asked = body.get("n")
    return asked if type(asked) is int and asked > 0 else 1


def _has_content(sent: dict[str, Any]) -> bool:
    choices = sent.get("choices") or []
    return any(isinstance(c, dict) and (c.get("delta") or {}).get("content") for c in choices)


def _analyst_completion(request_id: str, text: str) -> dict[str, Any]:
    return completion(request_id, analyst.ANALYST_MODEL, text, "stop")


async def _analyst_chunks(request_id: str, text: str) -> AsyncIterator[list[dict[str, Any]]]:
    model = analyst.ANALYST_MODEL
    yield [chunk(request_id, model, {"role": "assistant", "content": ""})]
    for piece in _pieces(text):
        yield [chunk(request_id, model, {"content": piece})]
    yield [chunk(request_id, model, {}, "stop")]


def _pieces(text: str, size: int = 64) -> Sequence[str]:
    return [text[start : start + size] for start in range(0, len(text), size)]
