"""The message lists a coding agent sends: its request, then tool calls and their results."""

from __future__ import annotations

from typing import Any


def agent_steps(ask: str, steps: int, *, content_parts: bool = False) -> list[list[dict[str, Any]]]:
    """The message lists an agent sends at each step of its loop on one request: the system
    prompt and `ask` (as OpenAI content parts when `content_parts`), then at each later step
    one more assistant turn that only calls a shell tool, and the tool's result."""
    content: Any = [{"type": "text", "text": ask}] if content_parts else ask
    messages: list[dict[str, Any]] = [
        {"role": "system", "content": "You are a coding agent."},
        {"role": "user", "content": content},
    ]
    sent = [list(messages)]
    for step in range(1, steps):
        arguments = f'{{"cmd": "ls src/part{step}"}}'
        call = {"id": f"c{step}", "type": "function",
                "function": {"name": "shell", "arguments": arguments}}  # fmt: skip
        messages.append({"role": "assistant", "content": None, "tool_calls": [call]})
        messages.append({"role": "tool", "tool_call_id": f"c{step}", "content": f"file{step}.py"})
        sent.append(list(messages))
    return sent
