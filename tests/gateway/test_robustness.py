"""Failures on every side end in a clear OpenAI-style error, never a hang or a leak."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import threading
from collections.abc import Sequence
from typing import Any

import httpx
import openai
import pytest

from redline.audit import AuditDecision, AuditRecord, AuditWriter, open_store
from redline.gateway.scripted_upstream import ScriptedUpstream
from tests.gateway.conftest import StartGateway, openai_client
from tests.gateway.doubles import BrokenJudge
from tests.gateway.sse import stream_events

ASK = [{"role": "user", "content": "Explain RAII."}]


def _unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_upstream_down_is_a_502(start_gateway: StartGateway) -> None:
    gateway = start_gateway(upstream={"url": f"http://127.0.0.1:{_unused_port()}/v1"})
    client = openai_client(gateway.url)
    with pytest.raises(openai.APIStatusError) as raised:
        client.chat.completions.create(model="any", messages=ASK, stream=True)  # type: ignore[arg-type]
    assert raised.value.status_code == 502
    assert "unreachable" in raised.value.message
    (record,) = gateway.audit_records()
    assert record.decision is AuditDecision.ERROR and record.status == 502


@pytest.mark.parametrize(("model", "status", "message"), [
    ("broken", 500, "the model crashed"),
    ("limited", 429, "rate limit reached"),
])  # fmt: skip
@pytest.mark.parametrize("stream", [False, True])
def test_upstream_error_status_reaches_the_client(
    upstream: ScriptedUpstream,
    start_gateway: StartGateway,
    model: str,
    status: int,
    message: str,
    stream: bool,
) -> None:
    gateway = start_gateway(upstream)
    with gateway.client() as client:
        body = {"model": model, "messages": ASK, "stream": stream}
        response = client.post("/v1/chat/completions", json=body)
    assert response.status_code == status
    assert message in response.json()["error"]["message"]


def test_slow_upstream_times_out_with_a_504(
    upstream: ScriptedUpstream, start_gateway: StartGateway
) -> None:
    gateway = start_gateway(upstream, upstream={"read_timeout": 0.3})
    with gateway.client() as client:
        response = client.post(
            "/v1/chat/completions", json={"model": "slow", "messages": ASK, "stream": True}
        )
    assert response.status_code == 504
    assert response.json()["error"]["type"] == "upstream_timeout"


def test_upstream_stalling_mid_stream_ends_with_an_error_event(
    upstream: ScriptedUpstream, start_gateway: StartGateway
) -> None:
    gateway = start_gateway(upstream, upstream={"read_timeout": 0.3})
    with gateway.client() as client:
        events, _ = stream_events(client, {"model": "stalled", "messages": ASK})
    assert events[-2]["error"]["type"] == "upstream_timeout"
    assert events[-1] == "[DONE]"


def test_upstream_closing_mid_stream_raises_in_the_openai_client(
    upstream: ScriptedUpstream, start_gateway: StartGateway
) -> None:
    gateway = start_gateway(upstream)
    client = openai_client(gateway.url)
    received = []
    with pytest.raises(openai.APIError, match=r"failed mid-response|closed the stream"):
        for chunk in client.chat.completions.create(model="cut", messages=ASK, stream=True):  # type: ignore[arg-type]
            received.append(chunk)
    records = gateway.audit_records()
    assert records[0].decision is AuditDecision.ERROR and records[0].stage == "response"


def test_client_disconnect_cancels_the_upstream_request(
    upstream: ScriptedUpstream, start_gateway: StartGateway
) -> None:
    gateway = start_gateway(upstream)
    body = {"model": "stalled", "messages": ASK, "stream": True}
    with (
        gateway.client() as client,
        client.stream("POST", "/v1/chat/completions", json=body) as response,
    ):
        for line in response.iter_lines():
            if line.startswith("data:"):
                break  # the answer has begun; hang up while the upstream is stalled
    assert upstream.observed.disconnected.wait(10)
    (record,) = gateway.audit_records()
    assert record.error == "client disconnected" and record.status == 499


def test_body_over_the_limit_is_a_413(start_gateway: StartGateway) -> None:
    gateway = start_gateway(server={"max_body_bytes": 2000})
    big = [{"role": "user", "content": "x" * 5000}]
    with gateway.client() as client:
        response = client.post("/v1/chat/completions", json={"model": "m", "messages": big})
        chunked = client.post(
            "/v1/chat/completions",
            content=iter([b'{"model": "m", "messages": [', b" " * 3000, b"]}"]),
        )
    assert response.status_code == 413
    assert response.json()["error"]["type"] == "invalid_request_error"
    assert chunked.status_code == 413  # no Content-Length: counted as it arrives


@pytest.mark.parametrize(("body", "problem"), [
    (b"{not json", "not valid JSON"),
    (b'{"model": "m"}', "'messages' must be a non-empty list"),
    (b'{"messages": [{"role": "user", "content": "hi"}]}', "'model'"),
    (b'{"model": "m", "messages": ["hi"]}', "messages[0]"),
])  # fmt: skip
def test_malformed_requests_are_400(start_gateway: StartGateway, body: bytes, problem: str) -> None:
    gateway = start_gateway()
    with gateway.client() as client:
        response = client.post("/v1/chat/completions", content=body)
    assert response.status_code == 400
    assert problem in response.json()["error"]["message"]


def test_concurrent_streams_are_independent(
    upstream: ScriptedUpstream, start_gateway: StartGateway
) -> None:
    gateway = start_gateway(upstream)

    async def one(client: httpx.AsyncClient, number: int) -> tuple[int, str]:
        model = "halting-short" if number % 5 == 0 else "echo"
        text = f"question number {number} " * 3
        body = {"model": model, "messages": [{"role": "user", "content": text}], "stream": True}
        received = []
        async with client.stream("POST", "/v1/chat/completions", json=body) as response:
            async for line in response.aiter_lines():
                if line.startswith("data: {"):
                    event = json.loads(line.removeprefix("data: "))
                    for choice in event.get("choices", ()):
                        received.append(choice["delta"].get("content") or "")
                        received.append(choice.get("finish_reason") or "")
        # Prose is released as it comes, in many events: the answer is their content joined.
        return number, "".join(received)

    async def many() -> list[tuple[int, str]]:
        async with httpx.AsyncClient(base_url=gateway.base_url, timeout=30) as client:
            return await asyncio.gather(*(one(client, n) for n in range(30)))

    for number, raw in asyncio.run(many()):
        if number % 5 == 0:
            assert "content_filter" in raw and "nc -e" not in raw
        else:
            assert "content_filter" not in raw
            assert f"number {number} " in raw  # its own text only
            assert "number" not in raw.replace(f"number {number}", "")
    assert len(gateway.audit_records(30)) == 30


def test_guard_failure_is_fail_closed_by_default(
    upstream: ScriptedUpstream, start_gateway: StartGateway
) -> None:
    gateway = start_gateway(upstream, judge=BrokenJudge())
    with gateway.client() as client:
        response = client.post("/v1/chat/completions", json={"model": "echo", "messages": ASK})
    assert response.status_code == 503
    assert response.json()["error"]["type"] == "guard_unavailable"
    assert "model file missing" in response.json()["error"]["message"]
    assert upstream.observed.bodies == []
    (record,) = gateway.audit_records()
    assert record.decision is AuditDecision.ERROR and not record.fail_open


def test_fail_open_serves_and_logs_every_use(
    upstream: ScriptedUpstream, start_gateway: StartGateway, caplog: pytest.LogCaptureFixture
) -> None:
    gateway = start_gateway(upstream, judge=BrokenJudge(), server={"fail_open": True})
    with caplog.at_level(logging.WARNING, logger="redline.gateway"), gateway.client() as client:
        for _ in range(2):
            response = client.post("/v1/chat/completions", json={"model": "echo", "messages": ASK})
            assert response.status_code == 200
    served = [m for m in caplog.messages if "FAIL-OPEN, serving unchecked" in m]
    assert len(served) == 2 and "chatcmpl-rl-" in served[0]
    records = gateway.audit_records(2)
    assert len(records) == 2 and all(r.fail_open for r in records)


@pytest.mark.parametrize("content", [{"text": "hi"}, 42, [7]])
def test_messages_the_guard_cannot_read_are_a_400_even_when_fail_open(
    upstream: ScriptedUpstream, start_gateway: StartGateway, content: object
) -> None:
    gateway = start_gateway(upstream, server={"fail_open": True})
    messages = [{"role": "user", "content": content}]
    with gateway.client() as client:
        chat = client.post("/v1/chat/completions", json={"model": "echo", "messages": messages})
        check = client.post("/v1/guard/check", json={"messages": messages})
    assert chat.status_code == 400 and "message 0" in chat.json()["error"]["message"]
    assert check.status_code == 400 and "message 0" in check.json()["error"]["message"]
    assert upstream.observed.bodies == []  # never served unchecked


class FlakyStore:
    """A real SQLite store that fails every write while `failing` is set."""

    def __init__(self, path: Any) -> None:
        self.inner = open_store(path)
        self.location = self.inner.location
        self.failing = threading.Event()

    def write(self, records: Sequence[AuditRecord]) -> None:
        if self.failing.is_set():
            raise OSError("disk full")
        self.inner.write(records)

    def read(self, query: Any) -> Any:
        return self.inner.read(query)

    def count(self) -> int:
        return self.inner.count()

    def close(self) -> None:
        self.inner.close()


def test_failing_audit_store_stops_serving_and_loses_nothing(
    upstream: ScriptedUpstream, start_gateway: StartGateway, tmp_path: Any
) -> None:
    store = FlakyStore(tmp_path / "flaky.db")
    writer = AuditWriter(store)
    gateway = start_gateway(upstream, audit_writer=writer)
    body = {"model": "echo", "messages": ASK}
    with gateway.client() as client:
        store.failing.set()
        assert client.post("/v1/chat/completions", json=body).status_code == 200
        assert not writer.flush(0.5)  # the record is pending, not dropped
        health = client.get("/healthz")
        assert health.status_code == 503
        assert "disk full" in health.json()["audit"]["error"]
        refused = client.post("/v1/chat/completions", json=body)
        assert refused.status_code == 503
        assert refused.json()["error"]["type"] == "audit_unavailable"
        store.failing.clear()
        assert writer.flush(10)
        assert client.get("/healthz").status_code == 200
        assert client.post("/v1/chat/completions", json=body).status_code == 200
    assert writer.flush(10)
    assert store.count() == 3  # served, refused-unaudited, served again


class ThreadRecordingJudge:
    """Allows everything, noting the thread each request was judged on."""

    def __init__(self) -> None:
        self.threads: list[str] = []

    def check(self, subject: Any, /) -> Any:
        from redline.results import Decision, Verdict

        self.threads.append(threading.current_thread().name)
        return Verdict(decision=Decision.ALLOW, score=0.0, explanation="allowed")


def test_short_requests_are_judged_on_the_event_loop_and_long_ones_on_a_guard_thread(
    upstream: ScriptedUpstream, start_gateway: StartGateway
) -> None:
    judge = ThreadRecordingJudge()
    gateway = start_gateway(upstream, judge=judge, server={"inline_guard_chars": 100})
    with gateway.client() as client:
        for text in ("short question", "a long question " * 20):
            body = {"model": "echo", "messages": [{"role": "user", "content": text}]}
            assert client.post("/v1/chat/completions", json=body).status_code == 200
        assert client.post("/v1/guard/check", json={"text": "x" * 200}).status_code == 200
    on_loop, long_request, long_check = judge.threads
    assert on_loop == "loopback"  # the server's own thread, running its event loop
    assert long_request.startswith("redline-guard") and long_check.startswith("redline-guard")
