"""The lean client that reads streamed answers from the upstream, against real servers."""

from __future__ import annotations

import asyncio
import shutil
import socket
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from redline.gateway.scripted_upstream import Script, ScriptedUpstream
from redline.gateway.streaming_client import StreamingClient, StreamingClientError, proxied
from tests.gateway.conftest import StartGateway
from tests.gateway.sse import content_of, stream_events

ASK = [{"role": "user", "content": "Explain RAII."}]
BODY = b'{"model": "split", "messages": [], "stream": true}'


def _client(url: str, read_timeout: float = 10.0) -> StreamingClient:
    return StreamingClient(url, {}, connect_timeout=5.0, read_timeout=read_timeout)


async def _read_twice(url: str) -> list[bytes]:
    client = _client(url)
    bodies = []
    for _ in range(2):
        response = await client.post("chat/completions", BODY)
        bodies.append(await response.read())
        response.close()
    await client.aclose()
    return bodies


def test_responses_read_to_their_end_leave_the_connection_for_the_next_request(
    upstream: ScriptedUpstream,
) -> None:
    bodies = asyncio.run(_read_twice(upstream.url))
    assert all(body.endswith(b"data: [DONE]\n\n") for body in bodies)
    assert b'"content": "Mem"' in bodies[0]
    first, second = upstream.observed.connections
    assert first == second  # one connection, kept alive


def test_gateway_streams_reuse_one_upstream_connection(
    upstream: ScriptedUpstream, start_gateway: StartGateway
) -> None:
    gateway = start_gateway(upstream)
    with gateway.client() as client:
        for _ in range(3):
            events, _ = stream_events(client, {"model": "split", "messages": ASK})
            assert events[-1] == "[DONE]" and content_of(events)
    assert len(set(upstream.observed.connections)) == 1


def test_a_silent_upstream_is_a_504_after_the_read_timeout(upstream: ScriptedUpstream) -> None:
    async def call() -> None:
        await _client(upstream.url, read_timeout=0.2).post("chat/completions", b'{"model": "slow"}')

    with pytest.raises(StreamingClientError) as raised:
        asyncio.run(call())
    assert raised.value.status == 504
    upstream.release()


def test_an_idle_connection_the_upstream_closed_is_replaced() -> None:
    """A server that answers once per connection, then closes it: the pooled connection is
    dead by the second request, which goes out again on a new one."""
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    answer = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
    served = []
    closed = threading.Event()

    def serve() -> None:
        for _ in range(2):
            connection, _ = listener.accept()
            with connection:
                connection.recv(65536)
                connection.sendall(answer)
                served.append(1)
            closed.set()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()

    async def call() -> list[bytes]:
        client = _client(f"http://127.0.0.1:{port}/v1")
        bodies = []
        for _ in range(2):
            response = await client.post("chat/completions", b"{}")
            bodies.append(await response.read())
            response.close()
            await asyncio.to_thread(closed.wait, 5)  # the server has closed its side
        await client.aclose()
        return bodies

    try:
        assert asyncio.run(call()) == [b"ok", b"ok"]
    finally:
        thread.join(5)
        listener.close()
    assert len(served) == 2


def test_proxy_settings_send_streams_through_httpx(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.invalid:3128")
    monkeypatch.setenv("NO_PROXY", "localhost")
    assert proxied("https://api.example.com/v1")
    assert not proxied("https://localhost/v1")
    assert not proxied("http://api.example.com/v1")


def test_an_unreachable_upstream_is_a_502() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    async def call() -> None:
        await _client(f"http://127.0.0.1:{port}/v1").post("chat/completions", b"{}")

    with pytest.raises(StreamingClientError, match="unreachable") as raised:
        asyncio.run(call())
    assert raised.value.status == 502


async def _sse_app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """A minimal ASGI app answering every request with one event and [DONE]."""
    assert scope["type"] == "http"
    headers = [(b"content-type", b"text/event-stream")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    body = b'data: {"choices": []}\n\ndata: [DONE]\n\n'
    await send({"type": "http.response.body", "body": body})


def test_https_upstreams_are_read_over_verified_tls(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed: no certificate can be made for the TLS test")
    key, certificate = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key),
         "-out", str(certificate), "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate))  # trust this certificate alone
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    config = uvicorn.Config(
        _sse_app,
        ssl_keyfile=str(key),
        ssl_certfile=str(certificate),
        lifespan="off",
        log_level="critical",
        log_config=None,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()

    async def call() -> bytes:
        client = _client(f"https://127.0.0.1:{port}/v1")
        response = await client.post("chat/completions", b"{}")
        body = await response.read()
        response.close()
        await client.aclose()
        return body

    try:
        assert asyncio.run(call()).endswith(b"data: [DONE]\n\n")
    finally:
        server.should_exit = True
        thread.join(10)
        listener.close()


@pytest.fixture
def upstream() -> Iterator[ScriptedUpstream]:
    with ScriptedUpstream(
        {"split": Script(("Mem", "ory")), "slow": Script(stall="before_headers")}
    ) as server:
        yield server
