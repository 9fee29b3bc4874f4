"""The client for the upstream OpenAI-compatible API, streaming with httpx.

Every way the upstream can fail becomes an `UpstreamError` carrying the HTTP status and the
OpenAI-style error body to give the client, so no failure turns into a hang or a bare 500:
unreachable -> 502, too slow -> 504, an error status -> that status and its error, a stream
cut short or malformed -> 502.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio
import httpx

from redline.gateway.config import UpstreamSettings
from redline.gateway.openai_format import SseDecoder, dumps, error_body, loads
from redline.gateway.streaming_client import StreamingClient, StreamingClientError, proxied

JSON_HEADERS = {"Content-Type": "application/json"}
DRAIN_SECONDS = 0.5
"""How long a finished stream may take to end its HTTP response before its connection is
dropped instead of going back to the pool."""


class UpstreamError(Exception):
    """The upstream failed; `status` and `body` are what the client receives."""

    def __init__(self, status: int, message: str, kind: str = "upstream_error") -> None:
        super().__init__(message)
        self.status = status
        self.kind = kind
        self.body = error_body(message, kind)

    @classmethod
    def from_response(cls, status: int, raw: bytes) -> UpstreamError:
        """Wrap an error response, keeping the upstream's own message when it sent one."""
        message = raw.decode("utf-8", "replace")[:500] or f"status {status}"
        try:
            sent = loads(raw)
            message = str(sent["error"].get("message") or message)
        except (ValueError, KeyError, TypeError, AttributeError):
            pass
        return cls(status, f"upstream returned {status}: {message}")


class Upstream:
    """One pooled HTTP client for the upstream API at `settings.url` (ending in /v1)."""

    def __init__(self, settings: UpstreamSettings) -> None:
        assert settings.url is not None
        self.url = settings.url
        headers = {}
        key = settings.api_key()
        if key:
            headers["Authorization"] = f"Bearer {key}"
        self._client = httpx.AsyncClient(
            base_url=self.url + "/",
            headers=headers,
            timeout=httpx.Timeout(
                settings.read_timeout, connect=settings.connect_timeout, pool=None
            ),
            limits=httpx.Limits(max_connections=None, max_keepalive_connections=256),
        )
        # Streamed answers, the hot path, go through the lean client unless a proxy is set.
        self._lean = (
            None
            if proxied(self.url)
            else StreamingClient(
                self.url,
                headers,
                connect_timeout=settings.connect_timeout,
                read_timeout=settings.read_timeout,
            )
        )

    async def models(self) -> list[dict[str, Any]]:
        """The upstream's model list (`GET /models`)."""
        async with self._errors():
            response = await self._client.get("models")
        if response.status_code >= 400:
            raise UpstreamError.from_response(response.status_code, response.content)
        data = self._json(response.content).get("data", [])
        return [item for item in data if isinstance(item, dict)]

    async def complete(self, body: dict[str, Any]) -> dict[str, Any]:
        """A non-streamed chat completion."""
        async with self._errors():
            response = await self._client.post("chat/completions", json=body)
        if response.status_code >= 400:
            raise UpstreamError.from_response(response.status_code, response.content)
        return self._json(response.content)

    @asynccontextmanager
    async def stream(
        self, body: dict[str, Any]
    ) -> AsyncIterator[AsyncIterator[list[dict[str, Any]]]]:
        """Open a streamed chat completion; yields an iterator over batches of its chunks.

        A batch holds the chunks that arrived in one network read, so that a burst is relayed
        with one write.
        The status is checked before anything is yielded, so a refused or failed upstream call
        becomes a plain HTTP error for the client. Leaving the block closes the connection,
        which is how a halted stream or a departed client cancels the upstream request.
        """
        opened = self._open_lean(body) if self._lean is not None else self._open_httpx(body)
        async with opened as (status, raw):
            if status >= 400:
                async with self._errors():
                    sent = b"".join([piece async for piece in raw])
                raise UpstreamError.from_response(status, sent)
            reading = _Reading(raw)
            try:
                yield self._batches(reading)
            finally:
                if reading.done:
                    await reading.drain()

    @asynccontextmanager
    async def _open_lean(
        self, body: dict[str, Any]
    ) -> AsyncIterator[tuple[int, AsyncIterator[bytes]]]:
        assert self._lean is not None
        async with self._errors():
            response = await self._lean.post("chat/completions", dumps(body))
        try:
            yield response.status, response.pieces()
        finally:
            response.close()

    @asynccontextmanager
    async def _open_httpx(
        self, body: dict[str, Any]
    ) -> AsyncIterator[tuple[int, AsyncIterator[bytes]]]:
        async with self._errors():
            request = self._client.build_request(
                "POST", "chat/completions", content=dumps(body), headers=JSON_HEADERS
            )
            response = await self._client.send(request, stream=True)
        try:
            yield response.status_code, response.aiter_bytes()
        finally:
            await response.aclose()

    async def _batches(self, reading: _Reading) -> AsyncIterator[list[dict[str, Any]]]:
        decoder = SseDecoder()
        finished = False
        async with self._errors():
            async for received in reading.pieces():
                batch: list[dict[str, Any]] = []
                for data in decoder.feed(received):
                    if data == "[DONE]" or data.strip() == "[DONE]":
                        reading.done = True
                        if batch:
                            yield batch
                        return
                    parsed = self._json(data)
                    if "error" in parsed:
                        raise UpstreamError(502, f"upstream error: {parsed['error']}")
                    finished = finished or _finishes(parsed)
                    batch.append(parsed)
                if batch:
                    yield batch
        if not finished:
            raise UpstreamError(502, "upstream closed the stream before it finished")

    def _json(self, raw: str | bytes) -> dict[str, Any]:
        try:
            parsed = loads(raw)
        except ValueError:
            raise UpstreamError(502, "upstream sent something that is not JSON") from None
        if not isinstance(parsed, dict):
            raise UpstreamError(502, "upstream sent JSON that is not an object")
        return parsed

    @asynccontextmanager
    async def _errors(self) -> AsyncIterator[None]:
        try:
            yield
        except StreamingClientError as error:
            if error.status == 504:
                raise UpstreamError(
                    504, f"upstream {self.url} timed out ({error})", "upstream_timeout"
                ) from None
            raise UpstreamError(502, f"upstream {self.url} {error}") from None
        except httpx.TimeoutException as error:
            raise UpstreamError(
                504, f"upstream {self.url} timed out ({type(error).__name__})", "upstream_timeout"
            ) from None
        except httpx.ConnectError as error:
            raise UpstreamError(502, f"upstream {self.url} unreachable: {error}") from None
        except httpx.HTTPError as error:
            raise UpstreamError(
                502, f"upstream {self.url} failed mid-response: {type(error).__name__}: {error}"
            ) from None

    async def aclose(self) -> None:
        """Close every pooled connection."""
        await self._client.aclose()
        if self._lean is not None:
            await self._lean.aclose()


def _finishes(chunk: dict[str, Any]) -> bool:
    choices = chunk.get("choices") or []
    return any(isinstance(choice, dict) and choice.get("finish_reason") for choice in choices)


class _Reading:
    """One streamed response being read: its raw bytes, and whether `[DONE]` was seen.

    A stream read to its `[DONE]` is drained to the end of its HTTP response before closing,
    so that its connection goes back to the pool: a new connection per request would cost
    the upstream and the gateway a TCP handshake each time. A stream left early (a halt, a
    departed client) is closed without draining, which cancels the upstream request.
    """

    def __init__(self, raw: AsyncIterator[bytes]) -> None:
        self._raw = raw
        self.done = False

    async def pieces(self) -> AsyncIterator[bytes]:
        """The bytes received, then a blank line, which ends an event left unterminated."""
        async for piece in self._raw:
            yield piece
        yield b"\n\n"

    async def drain(self) -> None:
        """Read what follows `[DONE]` (the end of the response), for a short while at most."""
        with anyio.move_on_after(DRAIN_SECONDS):
            try:
                async for _ in self._raw:
                    pass
            except (httpx.HTTPError, StreamingClientError):
                pass
