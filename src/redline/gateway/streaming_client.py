"""A lean HTTP/1.1 client for the upstream's streamed answers: asyncio plus httptools' parser.

Relaying a streamed answer is the gateway's hot path: every token crosses it. Read through
httpx, each network read passes several layers of Python (h11's parser among them), which cost
more per token than everything else the gateway does. This client hands the body bytes of each
read to the caller straight from httptools (the C parser uvicorn already uses), sends each
request in one write, and keeps connections alive in a small pool. It does only what a streamed
chat call needs: POST a JSON body over http or https, directly. Everything else (listing
models, whole completions, upstreams reached through a proxy) stays with httpx.

Failures are raised as `StreamingClientError` with the HTTP status the gateway's client should
see: 502 for an unreachable or misbehaving upstream, 504 when it is too slow.
"""

from __future__ import annotations

import asyncio
import ssl
import urllib.request
from collections import deque
from collections.abc import AsyncIterator, Mapping
from typing import cast
from urllib.parse import urlsplit

import httptools

MAX_IDLE = 256
"""Idle connections kept for reuse."""
CLOSE_SECONDS = 1.0
"""How long closing the pool waits for its connections to close."""
PAUSE_BYTES = 1 << 20
"""Unread body bytes at which reading from the upstream pauses (the client is slower)."""


class StreamingClientError(Exception):
    """The request failed; `status` is 502 (unreachable, broken) or 504 (too slow)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def proxied(url: str) -> bool:
    """True when the environment routes `url` through a proxy (then httpx serves it)."""
    parts = urlsplit(url)
    proxies = urllib.request.getproxies()
    if parts.scheme not in proxies and "all" not in proxies:
        return False
    return not urllib.request.proxy_bypass(parts.hostname or "")


class _Connection(asyncio.Protocol):
    """One connection and the response being read on it (httptools calls the on_* methods)."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.gone: asyncio.Future[None] | None = None  # done once the connection is closed
        self._parser = httptools.HttpResponseParser(self)
        self.status = 0
        self._framed = False  # Content-Length or chunked: the end is known without a close
        self.headers_done = False
        self.complete = False
        self.lost = False
        self.received = False  # any byte of the current response
        self._body: deque[bytes] = deque()
        self._buffered = 0
        self._paused = False
        self._waiter: asyncio.Future[None] | None = None
        self.error = ""

    # -- asyncio.Protocol --------------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's are not subclasses
        self.gone = asyncio.get_running_loop().create_future()

    def data_received(self, data: bytes) -> None:
        self.received = True
        try:
            self._parser.feed_data(data)
        except httptools.HttpParserError as error:
            self.error = f"malformed HTTP response ({error})"
            self.close()
        self._wake()

    def connection_lost(self, exc: Exception | None) -> None:
        self.lost = True
        if self.gone is not None and not self.gone.done():
            self.gone.set_result(None)
        if self.headers_done and not self._framed:
            self.complete = True  # a body delimited by the close itself
        self._wake()

    # -- httptools callbacks -----------------------------------------------------------------

    def on_header(self, name: bytes, value: bytes) -> None:
        lowered = name.lower()
        if lowered == b"content-length" or (
            lowered == b"transfer-encoding" and b"chunked" in value.lower()
        ):
            self._framed = True
        elif lowered == b"content-encoding" and value.strip().lower() != b"identity":
            self.error = f"the upstream compressed its answer ({value.decode('latin-1')})"
            self.close()

    def on_headers_complete(self) -> None:
        self.status = self._parser.get_status_code()
        self.headers_done = True

    def on_body(self, body: bytes) -> None:
        self._body.append(body)
        self._buffered += len(body)
        if self._buffered > PAUSE_BYTES and self.transport is not None and not self._paused:
            self._paused = True
            self.transport.pause_reading()

    def on_message_complete(self) -> None:
        self.complete = True

    # -- the client's side -------------------------------------------------------------------

    @property
    def reusable(self) -> bool:
        """True when the connection may carry another request."""
        return (
            not self.lost
            and not self.error
            and self.transport is not None
            and not self.transport.is_closing()
        )

    def start(self, request: bytes) -> None:
        """Send one request (in one write) and expect its response."""
        assert self.transport is not None
        self._parser = httptools.HttpResponseParser(self)
        self.status, self._framed, self.headers_done, self.complete = 0, False, False, False
        self.received, self.error = False, ""
        self._body.clear()
        self._buffered = 0
        self.transport.write(request)

    def take(self) -> bytes:
        """The body bytes received and not yet taken."""
        if not self._body:
            return b""
        data = self._body[0] if len(self._body) == 1 else b"".join(self._body)
        self._body.clear()
        self._buffered = 0
        if self._paused and self.transport is not None:
            self._paused = False
            self.transport.resume_reading()
        return data

    async def wait(self, timeout: float) -> None:
        """Wait until something happens on the connection, for `timeout` seconds at most."""
        if self._body or self.complete or self.lost or self.error:
            return
        waiter = self._waiter = asyncio.get_running_loop().create_future()
        try:
            async with asyncio.timeout(timeout):
                await waiter
        finally:
            self._waiter = None

    def close(self) -> None:
        """Drop the connection (the upstream sees the client leave)."""
        if self.transport is not None:
            self.transport.close()

    def _wake(self) -> None:
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_result(None)


class StreamedResponse:
    """A response whose headers have arrived; read its body with `pieces()`, then `close()`."""

    def __init__(self, client: StreamingClient, connection: _Connection) -> None:
        self._client = client
        self._connection = connection
        self.status = connection.status
        self._closed = False

    async def pieces(self) -> AsyncIterator[bytes]:
        """The body as it arrives: all the bytes of each network read at once."""
        connection = self._connection
        while True:
            data = connection.take()
            if data:
                yield data
                continue
            if connection.error:
                raise StreamingClientError(502, connection.error)
            if connection.complete:
                return
            if connection.lost:
                raise StreamingClientError(502, "failed mid-response: the connection closed")
            await self._client.wait(connection)

    async def read(self) -> bytes:
        """The whole (remaining) body."""
        return b"".join([piece async for piece in self.pieces()])

    async def finish(self, seconds: float) -> None:
        """Read to the end of the response for `seconds` at most, so the connection is kept."""
        try:
            async with asyncio.timeout(seconds):
                async for _ in self.pieces():
                    pass
        except (TimeoutError, StreamingClientError):
            pass

    def close(self) -> None:
        """Give the connection back when the response was read to its end, else drop it."""
        if not self._closed:
            self._closed = True
            self._client.release(self._connection)


class StreamingClient:
    """POSTs JSON to one base URL and streams the responses, over pooled connections."""

    def __init__(
        self,
        base_url: str,
        headers: Mapping[str, str],
        *,
        connect_timeout: float,
        read_timeout: float,
    ) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"not an http(s) URL: {base_url}")
        self._host = parts.hostname
        self._port = parts.port or (443 if parts.scheme == "https" else 80)
        self._ssl = ssl.create_default_context() if parts.scheme == "https" else None
        self._path = parts.path.rstrip("/")
        authority = parts.netloc.rpartition("@")[2]  # without any user:password@
        lines = [
            f"Host: {authority}",
            "Content-Type: application/json",
            "Accept: text/event-stream, application/json",
            "Accept-Encoding: identity",
            "User-Agent: redline-gateway",
            *(f"{name}: {value}" for name, value in headers.items()),
        ]
        self._headers = "".join(line + "\r\n" for line in lines).encode("latin-1")
        self._connect_timeout = connect_timeout
        self._read_timeout = read_timeout
        self._idle: list[_Connection] = []

    async def post(self, path: str, body: bytes) -> StreamedResponse:
        """Send `body` to `path` (relative to the base URL); returns once headers arrived."""
        request = (
            f"POST {self._path}/{path} HTTP/1.1\r\n".encode("latin-1")
            + self._headers
            + f"Content-Length: {len(body)}\r\n\r\n".encode("latin-1")
            + body
        )
        while self._idle:
            connection = self._idle.pop()
            if not connection.reusable:
                continue
            response = await self._send(connection, request)
            if response is not None:
                return response
            # The upstream had closed this idle connection before reading the request: it
            # never saw it, so it is sent again on a new connection.
        response = await self._send(await self._connect(), request)
        if response is None:
            raise StreamingClientError(502, "the upstream closed the connection at once")
        return response

    async def wait(self, connection: _Connection) -> None:
        """Wait for the upstream, raising a 504 after the read timeout."""
        try:
            await connection.wait(self._read_timeout)
        except TimeoutError:
            connection.close()
            raise StreamingClientError(
                504, f"no answer for {self._read_timeout:g} s (read timeout)"
            ) from None

    def release(self, connection: _Connection) -> None:
        """Pool a connection whose response was read to its end; close any other."""
        if connection.complete and connection.reusable and len(self._idle) < MAX_IDLE:
            self._idle.append(connection)
        else:
            connection.close()

    async def aclose(self) -> None:
        """Close every idle connection, and wait (a second at most) until they are closed: a
        TLS connection says goodbye before its socket is released."""
        closing = [connection.gone for connection in self._idle if connection.gone is not None]
        for connection in self._idle:
            connection.close()
        self._idle.clear()
        if closing:
            await asyncio.wait(closing, timeout=CLOSE_SECONDS)

    async def _connect(self) -> _Connection:
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(self._connect_timeout):
                _, connection = await loop.create_connection(
                    _Connection,
                    self._host,
                    self._port,
                    ssl=self._ssl,
                    server_hostname=self._host if self._ssl else None,
                )
        except TimeoutError:
            raise StreamingClientError(504, "connecting timed out") from None
        except OSError as error:
            raise StreamingClientError(502, f"unreachable: {error}") from None
        return connection

    async def _send(self, connection: _Connection, request: bytes) -> StreamedResponse | None:
        """The response, or None when the connection closed before any of it arrived."""
        connection.start(request)
        try:
            while not connection.headers_done:
                if connection.error:
                    raise StreamingClientError(502, connection.error)
                if connection.lost:
                    if connection.received:
                        raise StreamingClientError(502, "the upstream closed the connection")
                    return None
                await self.wait(connection)
        except BaseException:
            connection.close()
            raise
        return StreamedResponse(self, connection)
