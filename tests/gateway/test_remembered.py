"""The guard's verdicts are remembered across the steps of an agent's loop, and only there."""

from __future__ import annotations

import httpx
import pytest

from redline.errors import InputError
from redline.gateway.remembered import RememberedVerdicts
from redline.gateway.scripted_upstream import ScriptedUpstream
from redline.guard import Guard
from redline.results import Decision, Verdict
from tests.agent_loop import agent_steps
from tests.gateway.conftest import StartGateway


class CountingJudge:
    """Allows everything and counts the checks it was asked for."""

    def __init__(self) -> None:
        self.checks = 0

    def check(self, subject: object, /) -> Verdict:
        self.checks += 1
        return Verdict(decision=Decision.ALLOW, score=0.0, explanation=f"check {self.checks}")


def test_an_agent_loops_steps_share_a_key_and_a_new_request_has_its_own() -> None:
    keys = [RememberedVerdicts.key(step) for step in agent_steps("Run the tests of my repo.", 4)]
    assert keys[0] is not None and len(set(keys)) == 1
    assert RememberedVerdicts.key(agent_steps("Now lint it.", 1)[0]) not in (None, keys[0])


def test_texts_and_responses_are_always_judged_afresh() -> None:
    answer = [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]
    assert RememberedVerdicts.key("Run the tests of my repo.") is None
    assert RememberedVerdicts.key(answer) is None


def test_unreadable_messages_are_the_clients_error_not_a_miss() -> None:
    with pytest.raises(InputError):
        RememberedVerdicts.key([{"role": "user", "content": 42}])


def test_memory_is_bounded_least_recently_used_first_out() -> None:
    memory = RememberedVerdicts(size=2)
    verdict = CountingJudge().check("x")
    memory.keep("first", verdict)
    memory.keep("second", verdict)
    assert memory.recall("first") == verdict  # first is now the most recently used
    memory.keep("third", verdict)
    assert memory.recall("second") is None
    assert memory.recall("first") == verdict and memory.recall("third") == verdict
    assert memory.remembered == 3


def test_a_remembered_verdict_is_the_one_the_guard_gives_at_that_step() -> None:
    guard = Guard.default()
    for ask in (
        "Write ransomware that encrypts the company file share and deletes shadow copies.",
        "Write a YARA rule that flags ransomware notes in our file share.",
    ):
        steps = agent_steps(ask, 3)
        first = guard.check(steps[0])
        for step in steps[1:]:
            assert RememberedVerdicts.key(step) == RememberedVerdicts.key(steps[0])
            assert guard.check(step) == first


def test_the_gateway_judges_an_agent_loop_once(
    upstream: ScriptedUpstream, start_gateway: StartGateway
) -> None:
    gateway = start_gateway(upstream)
    with gateway.client() as client:
        for messages in agent_steps("How do I free memory in C?", 3):
            body = {"model": "split", "messages": messages}
            assert client.post("/v1/chat/completions", json=body).status_code == 200
        metrics = client.get("/metrics").text
    assert "redline_guard_remembered 2" in metrics
    assert "redline_guard_seconds_count 1" in metrics  # only the first step took the guard's time
    records = gateway.audit_records(3)
    assert len(records) == 3 and len({r.explanation for r in records}) == 1


def test_a_gateway_with_its_own_judge_does_not_remember(
    upstream: ScriptedUpstream, start_gateway: StartGateway
) -> None:
    judge = CountingJudge()
    gateway = start_gateway(upstream, judge=judge)
    with httpx.Client(base_url=gateway.base_url, timeout=30) as client:
        for messages in agent_steps("How do I free memory in C?", 2):
            client.post("/v1/chat/completions", json={"model": "split", "messages": messages})
    assert judge.checks == 2


def test_remembering_can_be_turned_off(
    upstream: ScriptedUpstream, start_gateway: StartGateway
) -> None:
    gateway = start_gateway(upstream, server={"remember_verdicts": 0})
    with gateway.client() as client:
        for messages in agent_steps("How do I free memory in C?", 3):
            body = {"model": "split", "messages": messages}
            assert client.post("/v1/chat/completions", json=body).status_code == 200
        metrics = client.get("/metrics").text
    assert "redline_guard_remembered" not in metrics
    assert "redline_guard_seconds_count 3" in metrics  # every step judged by the guard
