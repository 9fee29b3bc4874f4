"""Read a gateway's server-sent events with plain httpx, as a non-OpenAI client would."""

from __future__ import annotations

import json
from typing import Any

import httpx


def stream_events(client: httpx.Client, body: dict[str, Any]) -> tuple[list[Any], httpx.Response]:
    """POST a streamed chat request; every event's data (JSON objects, or the string [DONE])."""
    events: list[Any] = []
    with client.stream("POST", "/v1/chat/completions", json={**body, "stream": True}) as response:
        data: list[str] = []
        for line in response.iter_lines():
            if line.startswith("data: "):
                data.append(line[6:])
            elif not line and data:
                joined = "\n".join(data)
                events.append(joined if joined == "[DONE]" else json.loads(joined))
                data = []
    return events, response


def content_of(events: list[Any], field: str = "content") -> str:
    """The content (or another text `field` of the deltas) the events deliver, joined."""
    return "".join(
        choice["delta"].get(field) or ""
        for event in events
        if isinstance(event, dict)
        for choice in event.get("choices", [])
    )


def finish_reasons(events: list[Any]) -> list[str]:
    """Every finish_reason sent, in order."""
    return [
        choice["finish_reason"]
        for event in events
        if isinstance(event, dict)
        for choice in event.get("choices", [])
        if choice.get("finish_reason")
    ]
