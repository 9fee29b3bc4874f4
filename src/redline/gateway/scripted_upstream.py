"""A scripted OpenAI-compatible server on loopback, for tests, benchmarks and demonstrations.

It is a real HTTP server (uvicorn) that streams real server-sent events, replaying a `Script`
chosen by the request's model name: the content pieces to send (split wherever the script
says, including mid-word and mid-code), an error status, a stall, or a connection cut short.
Models it does not know echo the last user message back in small pieces.

    with ScriptedUpstream({"poem": Script(("Ro", "ses are", " red"))}) as upstream:
        ...  # point the gateway at upstream.url

Run it alone with `python -m redline.gateway.scripted_upstream --port 8080`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import threading
import time
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, Literal, Self

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from redline.gateway.loopback import BackgroundService, LoopbackServer
from redline.gateway.openai_format import DONE, chunk, completion

Stall = Literal["never", "before_headers", "after_first"]


@dataclass(frozen=True)
class Script:
    """What the server answers for one model.

    `chunks` are the content deltas, sent one event each; `split_events` also cuts every
    event in two network writes; `burst` sends every content event in one write. `status`
    >= 400 answers with an OpenAI error instead. `stall` holds the answer until
    `ScriptedUpstream.release()` or the client leaves (`after_first` stalls after content
    event number `stall_after`). `cut_after` closes the connection abruptly after that many
    content events. `interval` paces events like a model generating tokens (seconds between
    them; benchmarks only).

    `tool_calls` are (function name, argument pieces) pairs, streamed after the content as an
    agent's model streams them (the call's id and name first, then its arguments piece by
    piece); `function_call` does the same in the legacy single-function form. `other_choices`
    are the content pieces of choices 1, 2, ... (for requests with `n` > 1), streamed
    interleaved with choice 0, one event per piece. `reasoning` pieces are streamed before the
    content as `reasoning_content` deltas, as reasoning models stream their thinking.
    """

    chunks: Sequence[str] = ("Hello", ", world.")
    status: int = 200
    error: str = "scripted failure"
    stall: Stall = "never"
    stall_after: int = 1
    cut_after: int | None = None
    split_events: bool = False
    burst: bool = False
    finish_reason: str = "stop"
    interval: float = 0.0
    tool_calls: Sequence[tuple[str, Sequence[str]]] = ()
    function_call: tuple[str, Sequence[str]] | None = None
    other_choices: Sequence[Sequence[str]] = ()
    reasoning: Sequence[str] = ()


ECHO = "echo"


@dataclass
class Observed:
    """What the server saw: request bodies (`received` is set at the first), authorization
    headers, the connection each came on (the client's address and port), departed clients."""

    bodies: list[dict[str, Any]] = field(default_factory=list)
    authorizations: list[str] = field(default_factory=list)
    connections: list[str] = field(default_factory=list)
    received: threading.Event = field(default_factory=threading.Event)
    disconnects: int = 0
    disconnected: threading.Event = field(default_factory=threading.Event)


class ScriptedUpstream(BackgroundService):
    """An OpenAI-compatible server on 127.0.0.1 replaying scripts; use it as a context manager."""

    def __init__(self, scripts: Mapping[str, Script] | None = None, port: int = 0) -> None:
        self.scripts = dict(scripts or {})
        self.observed = Observed()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._released: asyncio.Event | None = None
        self._loop_ready = threading.Event()
        self._server = LoopbackServer(self.app(), port)
        self.port = self._server.port
        self.url = f"{self._server.base_url}/v1"

    def app(self) -> Starlette:
        """The ASGI app (also usable on its own)."""

        async def started(app: Starlette) -> AsyncIterator[None]:
            self._loop = asyncio.get_running_loop()
            self._released = asyncio.Event()
            self._loop_ready.set()
            yield

        return Starlette(
            routes=[
                Route("/v1/models", self._models, methods=["GET"]),
                Route("/v1/chat/completions", self._chat, methods=["POST"]),
            ],
            lifespan=asynccontextmanager(started),
        )

    def start(self) -> Self:
        """Start serving on a background thread; connections queue until it accepts them."""
        self._server.start()
        if not self._loop_ready.wait(30):
            raise RuntimeError("the scripted upstream did not start")
        return self

    def stop(self) -> None:
        """Release stalled answers and stop serving."""
        self.release()
        self._server.stop()

    def release(self) -> None:
        """Let every stalled answer continue."""
        if self._loop is not None and self._released is not None:
            self._loop.call_soon_threadsafe(self._released.set)

    def serve_forever(self) -> None:
        """Serve on this thread until the server is stopped."""
        self._server.serve_forever()

    async def _models(self, request: Request) -> Response:
        names = [ECHO, *self.scripts]
        data = [
            {"id": name, "object": "model", "created": 0, "owned_by": "scripted"} for name in names
        ]
        return JSONResponse({"object": "list", "data": data})

    async def _chat(self, request: Request) -> Response:
        body = await request.json()
        self.observed.bodies.append(body)
        self.observed.authorizations.append(request.headers.get("authorization", ""))
        peer = request.client
        self.observed.connections.append(f"{peer.host}:{peer.port}" if peer else "")
        self.observed.received.set()
        model = str(body.get("model", ECHO))
        script = self.scripts.get(model) or _echo(body)
        if script.status >= 400:
            error = {"message": script.error, "type": "server_error", "param": None, "code": None}
            return JSONResponse({"error": error}, status_code=script.status)
        if script.stall == "before_headers":
            await self._wait_for_release()
        if not body.get("stream"):
            return JSONResponse(_completion(model, script))
        return StreamingResponse(self._events(model, script), media_type="text/event-stream")

    async def _events(self, model: str, script: Script) -> AsyncIterator[bytes]:
        identity = f"chatcmpl-scripted-{time.monotonic_ns()}"
        try:
            yield _event(identity, model, {"role": "assistant", "content": ""})
            for piece in script.reasoning:
                yield _event(identity, model, {"reasoning_content": piece})
            if script.burst:
                yield b"".join(_event(identity, model, {"content": p}) for p in script.chunks)
                yield _event(identity, model, {}, script.finish_reason)
                yield DONE
                return
            for number, piece in enumerate(script.chunks, start=1):
                event = _event(identity, model, {"content": piece})
                for other, pieces in enumerate(script.other_choices, start=1):
                    if number <= len(pieces):
                        event += _event(
                            identity, model, {"content": pieces[number - 1]}, None, other
                        )
                if script.split_events:
                    middle = len(event) // 2
                    yield event[:middle]
                    yield event[middle:]
                else:
                    yield event
                if script.cut_after is not None and number >= script.cut_after:
                    raise ConnectionAbortedError("scripted cut")
                if number == script.stall_after and script.stall == "after_first":
                    await self._wait_for_release()
                if script.interval:
                    await asyncio.sleep(script.interval)
            for other, pieces in enumerate(script.other_choices, start=1):
                for piece in pieces[len(script.chunks) :]:  # longer than choice 0
                    yield _event(identity, model, {"content": piece}, None, other)
            for delta in _call_deltas(script):
                yield _event(identity, model, delta)
            for other in range(1, len(script.other_choices) + 1):
                yield _event(identity, model, {}, _finish(script), other)
            yield _event(identity, model, {}, _finish(script))
            yield DONE
        except asyncio.CancelledError:
            self.observed.disconnects += 1
            self.observed.disconnected.set()
            raise

    async def _wait_for_release(self) -> None:
        assert self._released is not None
        await self._released.wait()


def _echo(body: dict[str, Any]) -> Script:
    messages = body.get("messages") or [{}]
    text = str(messages[-1].get("content", ""))
    reply = f"You said: {text}"
    return Script(tuple(reply[start : start + 5] for start in range(0, len(reply), 5)))


def _event(
    identity: str,
    model: str,
    delta: dict[str, Any],
    finish: str | None = None,
    index: int = 0,
) -> bytes:
    # ASCII-escaped JSON (unlike the gateway's `sse`), so the bytes `split_events` cuts stay as
    # they were.
    data = chunk(identity, model, delta, finish, index=index)
    return b"data: " + json.dumps(data).encode() + b"\n\n"


def _finish(script: Script) -> str:
    if script.tool_calls:
        return "tool_calls"
    return "function_call" if script.function_call else script.finish_reason


def _call_deltas(script: Script) -> list[dict[str, Any]]:
    """The deltas that stream the script's tool calls (or legacy function call)."""
    deltas: list[dict[str, Any]] = []
    for position, (name, pieces) in enumerate(script.tool_calls):
        opening = {"name": name, "arguments": ""}
        call = {"index": position, "id": f"call_{position}", "type": "function"}
        deltas.append({"tool_calls": [{**call, "function": opening}]})
        for piece in pieces:
            deltas.append({"tool_calls": [{"index": position, "function": {"arguments": piece}}]})
    if script.function_call is not None:
        name, pieces = script.function_call
        deltas.append({"function_call": {"name": name, "arguments": ""}})
        deltas.extend({"function_call": {"arguments": piece}} for piece in pieces)
    return deltas


def _completion(model: str, script: Script) -> dict[str, Any]:
    finish = _finish(script)
    identity = f"chatcmpl-scripted-{time.monotonic_ns()}"
    body = completion(identity, model, "".join(script.chunks), finish)
    message = body["choices"][0]["message"]
    if script.reasoning:
        message["reasoning_content"] = "".join(script.reasoning)
    if script.tool_calls:
        message["tool_calls"] = [
            {
                "id": f"call_{position}",
                "type": "function",
                "function": {"name": name, "arguments": "".join(pieces)},
            }
            for position, (name, pieces) in enumerate(script.tool_calls)
        ]
    if script.function_call is not None:
        name, pieces = script.function_call
        message["function_call"] = {"name": name, "arguments": "".join(pieces)}
    for index, pieces in enumerate(script.other_choices, start=1):
        body["choices"].append(
            {
                "index": index,
                "message": {"role": "assistant", "content": "".join(pieces)},
                "finish_reason": finish,
                "logprobs": None,
            }
        )
    body["usage"] = {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}
    return body


def main() -> None:
    """Serve the echo model plus `stream` (N pieces), `paced` (N pieces at a model's pace)
    and `idle` (one piece, then silence) until interrupted."""
    parser = argparse.ArgumentParser(description="A scripted OpenAI-compatible server.")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--pieces", type=int, default=100, help="Pieces in `stream` answers.")
    parser.add_argument("--interval", type=float, default=0.02, help="Seconds between `paced`.")
    arguments = parser.parse_args()
    # Lines of twelve pieces, about 60 characters, as prose from a model comes.
    pieces = tuple(
        f"tok{number % 10}" + ("\n" if number % 12 == 11 else " ")
        for number in range(arguments.pieces)
    )
    scripts = {
        "stream": Script(pieces),
        "paced": Script(pieces, interval=arguments.interval),
        "idle": Script(("waiting ", "never sent"), stall="after_first"),
    }
    upstream = ScriptedUpstream(scripts, port=arguments.port)
    print(f"scripted upstream at {upstream.url}", flush=True)
    upstream.serve_forever()


if __name__ == "__main__":
    main()
