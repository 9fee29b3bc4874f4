"""The OpenAI wire format the gateway speaks: completions, stream chunks, errors, SSE framing.

Only shapes live here; no decisions. Redline adds one field, `redline`, holding the verdict
whenever it refused a request or halted an answer (OpenAI clients keep unknown fields).
"""

from __future__ import annotations

import time
import uuid
from typing import Any

import orjson

from redline.constitution import Constitution
from redline.results import Verdict

DONE = b"data: [DONE]\n\n"
CONTENT_FILTER = "content_filter"


def new_request_id() -> str:
    """A fresh completion id, also used as the audit log's request id."""
    return f"chatcmpl-rl-{uuid.uuid4().hex}"


def error_body(message: str, kind: str, code: str | None = None) -> dict[str, Any]:
    """An OpenAI-style error object: `{"error": {"message", "type", "param", "code"}}`."""
    return {"error": {"message": message, "type": kind, "param": None, "code": code}}


def completion(
    request_id: str,
    model: str,
    content: str,
    finish_reason: str,
    verdict: Verdict | None = None,
) -> dict[str, Any]:
    """A non-streamed chat completion with one choice."""
    body: dict[str, Any] = {
        "id": request_id,
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": finish_reason,
                "logprobs": None,
            }
        ],
    }
    if verdict is not None:
        body["redline"] = verdict_json(verdict)
    return body


def chunk(
    request_id: str,
    model: str,
    delta: dict[str, Any],
    finish_reason: str | None = None,
    verdict: Verdict | None = None,
    index: int = 0,
) -> dict[str, Any]:
    """One `chat.completion.chunk` with one choice."""
    body: dict[str, Any] = {
        "id": request_id,
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {"index": index, "delta": delta, "finish_reason": finish_reason, "logprobs": None}
        ],
    }
    if verdict is not None:
        body["redline"] = verdict_json(verdict)
    return body


WITHHELD = "evidence withheld: it quotes answer text that was not delivered"


def delivered_verdict(verdict: Verdict) -> Verdict:
    """A halted answer's verdict as the client may see it: without quotes of undelivered text.

    The evidence of a halt quotes text the monitor held back; sending it would deliver exactly
    what the halt stopped. The audit log keeps the full verdict.
    """
    if not verdict.evidence:
        return verdict
    return verdict.model_copy(update={"evidence": (), "notes": (*verdict.notes, WITHHELD)})


def verdict_json(verdict: Verdict) -> dict[str, Any]:
    """The verdict as the JSON object clients receive under `redline`."""
    return verdict.model_dump(mode="json")


def dumps(data: Any) -> bytes:
    """JSON as UTF-8 bytes, compact (orjson: the gateway encodes every chunk it relays)."""
    return orjson.dumps(data)


def loads(raw: str | bytes) -> Any:
    """Parse JSON text; ValueError when it is not JSON."""
    return orjson.loads(raw)


def sse(data: dict[str, Any]) -> bytes:
    """One server-sent event carrying a JSON object."""
    return b"data: " + orjson.dumps(data) + b"\n\n"


def plain_content(data: dict[str, Any]) -> str | None:
    """The text of a chunk that carries nothing but content for choice 0, else None.

    Such chunks may be merged: several of them in a row say exactly what one chunk holding
    their joined text says. Anything else (a role, a finish, logprobs, usage, tool calls, other
    choices) disqualifies the chunk.
    """
    choices = data.get("choices")
    if type(choices) is not list or len(choices) != 1 or data.get("usage") is not None:
        return None
    choice = choices[0]
    if type(choice) is not dict or not _PLAIN_CHOICE_KEYS.issuperset(choice):
        return None
    if choice.get("index") or choice.get("finish_reason") or choice.get("logprobs") is not None:
        return None
    delta = choice.get("delta")
    if type(delta) is not dict or len(delta) != 1:
        return None
    content = delta.get("content")
    return content if type(content) is str else None


_PLAIN_CHOICE_KEYS = frozenset({"index", "delta", "finish_reason", "logprobs"})
_MARK = "\x00redline-content\x00"
_MARK_JSON = orjson.dumps(_MARK)


class ContentEvents:
    """Encodes content-only events from a template of their envelope, built once per envelope.

    A stream's content chunks share everything but their text, so the envelope (id, model,
    created, the choice's other fields) is encoded once and only the text is encoded per event.
    """

    def __init__(self) -> None:
        self._key: tuple[Any, ...] | None = None
        self._head = b""
        self._tail = b""

    def encode(self, envelope: dict[str, Any], text: str) -> bytes:
        """The event for `envelope` (a chunk `plain_content` accepts) carrying `text`."""
        choice = envelope["choices"][0]
        key = (
            *(item for item in envelope.items() if item[0] != "choices"),
            *(item for item in choice.items() if item[0] != "delta"),
        )
        if key != self._key and not self._build(envelope, choice, key):
            return sse({**envelope, "choices": [{**choice, "delta": {"content": text}}]})
        return self._head + orjson.dumps(text) + self._tail

    def _build(
        self, envelope: dict[str, Any], choice: dict[str, Any], key: tuple[Any, ...]
    ) -> bool:
        template = sse({**envelope, "choices": [{**choice, "delta": {"content": _MARK}}]})
        parts = template.split(_MARK_JSON)
        if len(parts) != 2:
            self._key = None
            return False
        self._head, self._tail = parts
        self._key = key
        return True


def refusal_text(verdict: Verdict, constitution: Constitution) -> str:
    """The short answer a refused request gets, citing the redline (and its title)."""
    cited = []
    for redline_id in verdict.redlines:
        try:
            cited.append(f"{redline_id} ({constitution.redline(redline_id).title})")
        except KeyError:
            cited.append(redline_id)
    reason = verdict.explanation.strip()
    text = f"I can't help with that: it crosses Redline's {', '.join(cited)}."
    return f"{text} {reason}" if reason else text


class SseDecoder:
    """Splits a byte stream of server-sent events into the `data` of each complete event.

    Fed whatever each network read returns, it hands back every event completed by it, so a
    burst of events costs one pass (comments and other fields are skipped). The usual event,
    one `data: ...` line, is taken whole without splitting it into lines.
    """

    def __init__(self) -> None:
        self._partial = b""  # the start of an event not yet ended by a blank line

    def feed(self, received: bytes) -> list[str]:
        """The data of the events completed by `received`."""
        buffer = self._partial + received
        if b"\r" in buffer:
            # CRLF and lone CR end lines too; a CR at the very end may be half of a CRLF.
            held = buffer.endswith(b"\r")
            buffer = buffer[:-1] if held else buffer
            buffer = buffer.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
            blocks = buffer.split(b"\n\n")
            self._partial = blocks.pop() + (b"\r" if held else b"")
        else:
            blocks = buffer.split(b"\n\n")
            self._partial = blocks.pop()
        events: list[str] = []
        for block in blocks:
            if block.startswith(b"data: ") and b"\n" not in block:
                events.append(block[6:].decode("utf-8", "replace"))
                continue
            data = [
                line[5:].removeprefix(b" ").decode("utf-8", "replace")
                for line in block.split(b"\n")
                if line.startswith(b"data:")
            ]
            if data:
                events.append("\n".join(data))
        return events
