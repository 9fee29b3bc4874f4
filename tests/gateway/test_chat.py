"""Chat completions through the gateway, with plain HTTP and with the official openai client."""

from __future__ import annotations

import json

import pytest

from redline.audit import AuditDecision
from redline.constitution import load_constitution
from redline.gateway.scripted_upstream import ScriptedUpstream
from redline.results import Decision, Verdict
from tests.agent_loop import agent_steps
from tests.gateway.conftest import REFUSED_TEXT, REVERSE_SHELL, SCRIPTS, StartGateway, openai_client
from tests.gateway.sse import content_of, finish_reasons, stream_events

ASK = [{"role": "user", "content": "How do I free memory in C?"}]
REFUSED = [{"role": "user", "content": REFUSED_TEXT}]


@pytest.mark.parametrize("model", ["split", "split-events"])
def test_stream_delivers_the_upstream_text_exactly(
    upstream: ScriptedUpstream, start_gateway: StartGateway, model: str
) -> None:
    gateway = start_gateway(upstream)
    with gateway.client() as client:
        events, response = stream_events(client, {"model": model, "messages": ASK})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    assert content_of(events) == "".join(SCRIPTS[model].chunks)
    assert finish_reasons(events) == ["stop"]
    assert events[-1] == "[DONE]"


def test_openai_client_streams_and_completes(
    upstream: ScriptedUpstream, start_gateway: StartGateway
) -> None:
    gateway = start_gateway(upstream)
    client = openai_client(gateway.url)
    stream = client.chat.completions.create(model="split", messages=ASK, stream=True)  # type: ignore[arg-type]
    pieces = [c.choices[0].delta.content or "" for c in stream if c.choices]
    assert "".join(pieces) == "".join(SCRIPTS["split"].chunks)
    whole = client.chat.completions.create(model="split", messages=ASK)  # type: ignore[arg-type]
    assert whole.choices[0].message.content == "".join(SCRIPTS["split"].chunks)
    assert whole.choices[0].finish_reason == "stop"
    assert whole.usage is not None and whole.usage.total_tokens == 2


AGENT_LOOP = agent_steps("How do I free memory in C?", 2, content_parts=True)[-1]


def test_an_agent_loop_with_tool_turns_and_content_parts_is_served(
    upstream: ScriptedUpstream, start_gateway: StartGateway
) -> None:
    gateway = start_gateway(upstream)
    stream = openai_client(gateway.url).chat.completions.create(
        model="split",
        messages=AGENT_LOOP,
        stream=True,  # type: ignore[arg-type]
    )
    pieces = [c.choices[0].delta.content or "" for c in stream if c.choices]
    assert "".join(pieces) == "".join(SCRIPTS["split"].chunks)
    (record,) = gateway.audit_records()
    assert record.decision is AuditDecision.ALLOW


def test_a_refused_ask_in_content_parts_is_refused(
    upstream: ScriptedUpstream, start_gateway: StartGateway
) -> None:
    gateway = start_gateway(upstream)
    parts = [{"role": "user", "content": [{"type": "text", "text": REFUSED_TEXT}]}]
    answer = openai_client(gateway.url).chat.completions.create(model="split", messages=parts)  # type: ignore[arg-type]
    assert answer.choices[0].finish_reason == "content_filter"
    assert upstream.observed.bodies == []  # never forwarded


@pytest.mark.parametrize("stream", [False, True])
def test_refused_request_gets_a_completion_citing_the_clause(
    upstream: ScriptedUpstream, start_gateway: StartGateway, stream: bool
) -> None:
    gateway = start_gateway(upstream)
    client = openai_client(gateway.url)
    if stream:
        chunks = list(client.chat.completions.create(model="echo", messages=REFUSED, stream=True))  # type: ignore[arg-type]
        content = "".join(c.choices[0].delta.content or "" for c in chunks)
        finish = chunks[-1].choices[0].finish_reason
        verdict = chunks[-1].model_extra["redline"]  # type: ignore[index]
    else:
        answer = client.chat.completions.create(model="echo", messages=REFUSED)  # type: ignore[arg-type]
        content = answer.choices[0].message.content or ""
        finish = answer.choices[0].finish_reason
        verdict = answer.model_extra["redline"]  # type: ignore[index]
    assert finish == "content_filter"
    title = load_constitution().redline("RL-MALWARE").title
    assert f"RL-MALWARE ({title})" in content
    assert verdict["decision"] == "refuse" and verdict["redlines"] == ["RL-MALWARE"]
    assert all(span["text"] in REFUSED_TEXT for span in verdict["evidence"])
    assert upstream.observed.bodies == []  # a refused request never reaches the model
    (record,) = gateway.audit_records()
    assert record.decision is AuditDecision.REFUSE and record.redlines == ("RL-MALWARE",)


@pytest.mark.parametrize("holdback", [None, 0])
def test_halt_delivers_nothing_past_the_redline_and_closes_the_upstream(
    upstream: ScriptedUpstream, start_gateway: StartGateway, holdback: int | None
) -> None:
    gateway = start_gateway(upstream, output={"holdback_chars": holdback})
    with gateway.client() as client:
        events, _ = stream_events(client, {"model": "halting", "messages": ASK})
    delivered = content_of(events)
    assert "".join(SCRIPTS["halting"].chunks).startswith(delivered)
    assert "nc -e" not in delivered and "more" not in delivered
    if holdback == 0:
        assert delivered.startswith("Sure. Here it is:\n")  # prose before the code went out
    assert finish_reasons(events) == ["content_filter"]
    verdict = events[-2]["redline"]
    assert verdict["decision"] == "refuse" and verdict["kind"] == "response"
    assert verdict["redlines"] and verdict["explanation"]
    assert events[-1] == "[DONE]"
    assert "nc -e" not in json.dumps(events)  # not even quoted as evidence
    # The upstream was still streaming (stalled); the halt closed its connection.
    assert upstream.observed.disconnected.wait(10)
    (record,) = gateway.audit_records()
    assert record.decision is AuditDecision.HALT and record.stage == "response"
    assert record.redlines == tuple(verdict["redlines"])


def test_non_streamed_answer_is_cut_at_the_redline(
    upstream: ScriptedUpstream, start_gateway: StartGateway
) -> None:
    gateway = start_gateway(upstream, output={"holdback_chars": 0})
    answer = openai_client(gateway.url).chat.completions.create(model="halting-short", messages=ASK)  # type: ignore[arg-type]
    content = answer.choices[0].message.content or ""
    assert "All fine until\n".startswith(content) or content.startswith("All fine until\n")
    assert answer.choices[0].finish_reason == "content_filter"
    assert answer.model_extra["redline"]["decision"] == "refuse"  # type: ignore[index]
    assert REVERSE_SHELL not in answer.model_dump_json()


def test_models_lists_upstream_models_and_the_analyst(
    upstream: ScriptedUpstream, start_gateway: StartGateway
) -> None:
    gateway = start_gateway(upstream)
    names = [model.id for model in openai_client(gateway.url).models.list()]
    assert names[-1] == "redline-analyst"
    assert {"echo", "split", "halting"} <= set(names)


def test_every_decision_is_audited_with_hashes_by_default(
    upstream: ScriptedUpstream, start_gateway: StartGateway
) -> None:
    gateway = start_gateway(upstream)
    secret = "my private question about free()"
    with gateway.client() as client:
        allowed = client.post(
            "/v1/chat/completions",
            json={"model": "echo", "messages": [{"role": "user", "content": secret}]},
        )
        stream_events(client, {"model": "halting-short", "messages": ASK})
        client.post("/v1/chat/completions", json={"model": "echo", "messages": REFUSED})
    records = gateway.audit_records(3)
    assert sorted(r.decision.value for r in records) == ["allow", "halt", "refuse"]
    first = next(r for r in records if r.decision is AuditDecision.ALLOW)
    assert first.request_id == allowed.headers["x-request-id"]
    assert first.client == "127.0.0.1" and first.model == "echo"
    assert first.request_text is None and first.request_digest.startswith("sha256:")
    assert secret not in gateway.audit_path.read_bytes().decode("utf-8", "replace")
    assert all(r.latency_ms > 0 for r in records)


def test_audit_text_keeps_full_texts(
    upstream: ScriptedUpstream, start_gateway: StartGateway
) -> None:
    gateway = start_gateway(upstream, audit={"text": True})
    with gateway.client() as client:
        client.post(
            "/v1/chat/completions",
            json={"model": "echo", "messages": [{"role": "user", "content": "keep me"}]},
        )
    (record,) = gateway.audit_records()
    assert record.request_text is not None and "keep me" in record.request_text
    assert record.response_text == "You said: keep me"


def test_overlapped_guard_serves_allowed_requests(
    upstream: ScriptedUpstream, start_gateway: StartGateway
) -> None:
    gateway = start_gateway(upstream, upstream={"overlap_guard": True})
    with gateway.client() as client:
        events, _ = stream_events(client, {"model": "split", "messages": ASK})
        whole = client.post("/v1/chat/completions", json={"model": "split", "messages": ASK})
    assert content_of(events) == "".join(SCRIPTS["split"].chunks)
    assert whole.json()["choices"][0]["message"]["content"] == "".join(SCRIPTS["split"].chunks)


class RefuseOnceTheUpstreamHasTheCall:
    """A guard that refuses, but only after the overlapped upstream call has reached the
    upstream, so that the call is always under way when the refusal cancels it. Requests over
    `inline_guard_chars` are judged on a guard thread, leaving the loop free to send the call."""

    def __init__(self, upstream: ScriptedUpstream) -> None:
        self.upstream = upstream
        self.reached = False

    def check(self, subject: object, /) -> Verdict:
        self.reached = self.upstream.observed.received.wait(10)
        return Verdict(
            decision=Decision.REFUSE,
            score=0.99,
            redlines=("RL-MALWARE",),
            explanation="Refused under RL-MALWARE: asks for ransomware.",
        )


def test_overlapped_guard_cancels_the_upstream_call_of_a_refused_request(
    upstream: ScriptedUpstream, start_gateway: StartGateway
) -> None:
    judge = RefuseOnceTheUpstreamHasTheCall(upstream)
    gateway = start_gateway(
        upstream, judge=judge, upstream={"overlap_guard": True}, server={"inline_guard_chars": 0}
    )
    with gateway.client() as client:
        events, _ = stream_events(client, {"model": "stalled", "messages": REFUSED})
    assert judge.reached, "the overlapped call never reached the upstream"
    assert finish_reasons(events) == ["content_filter"]
    assert "first" not in content_of(events)  # nothing of the upstream's answer
    assert upstream.observed.disconnected.wait(10)  # the call under way was cancelled


def test_content_events_arriving_in_one_read_are_sent_as_one_event_after_the_first_words(
    upstream: ScriptedUpstream, start_gateway: StartGateway
) -> None:
    gateway = start_gateway(upstream, output={"holdback_chars": 0})
    with gateway.client() as client:
        events, response = stream_events(client, {"model": "burst", "messages": ASK})
    assert response.status_code == 200
    texts = [
        choice["delta"]["content"]
        for event in events
        if isinstance(event, dict)
        for choice in event["choices"]
        if choice["delta"].get("content")
    ]
    assert "".join(texts) == "".join(SCRIPTS["burst"].chunks)
    # The first words go out at once, alone; the rest of the read is merged, not one event per
    # chunk.
    assert texts[0] == SCRIPTS["burst"].chunks[0]
    assert len(texts) < len(SCRIPTS["burst"].chunks)
    assert finish_reasons(events) == ["stop"] and events[-1] == "[DONE]"
    client_pieces = [
        c.choices[0].delta.content or ""
        for c in openai_client(gateway.url).chat.completions.create(
            model="burst",
            messages=ASK,  # type: ignore[arg-type]
            stream=True,
        )
        if c.choices
    ]
    assert "".join(client_pieces) == "".join(SCRIPTS["burst"].chunks)


class UpstreamWatchingJudge:
    """Allows everything; once `watching`, notes whether the upstream had the request while
    it judged."""

    def __init__(self, upstream: ScriptedUpstream) -> None:
        self.upstream = upstream
        self.watching = False
        self.seen_by_upstream: list[bool] = []

    def check(self, subject: object, /) -> Verdict:
        if self.watching:
            self.seen_by_upstream.append(self.upstream.observed.received.wait(10))
        return Verdict(decision=Decision.ALLOW, score=0.0, explanation="allowed")


def test_overlapped_guard_judges_while_the_upstream_works(
    upstream: ScriptedUpstream, start_gateway: StartGateway
) -> None:
    judge = UpstreamWatchingJudge(upstream)
    gateway = start_gateway(upstream, judge=judge, upstream={"overlap_guard": True})
    with gateway.client() as client:
        stream_events(client, {"model": "split", "messages": ASK})  # a pooled connection
        upstream.observed.received.clear()
        judge.watching = True
        events, _ = stream_events(client, {"model": "split", "messages": ASK})
    assert content_of(events) == "".join(SCRIPTS["split"].chunks)
    assert judge.seen_by_upstream == [True]
