"""The learned weighing of a command line's capabilities (`command_combination.py`) and its
detector, `ACT-COMBINED-CAPABILITIES`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from redline.redlines import detectors, judge_action
from redline.redlines.capabilities import Capabilities, Capability, Hit
from redline.redlines.combination import COMBINED_CAPABILITIES
from redline.redlines.combination_training import train_command_combination
from redline.redlines.command_combination import (
    COMMAND_COMBINED_CAPABILITIES,
    COMMAND_MODEL_PATH,
    LEAST_CAPABILITIES,
    MODEL_SWITCH,
    command_combination_model,
    command_counted,
)
from redline.redlines.ordinary import SIGNS_OF_ORDINARY_USE
from redline.redlines.registry import Detector
from tests.redlines.conftest import FIXTURES, fired

STREAMED = (
    FIXTURES
    / COMMAND_COMBINED_CAPABILITIES
    / "offensive-others-gcloud-folders-streamed-to-bare-address.sh"
).read_text("utf-8")


def _found(*capabilities: Capability, kind: str = "action") -> Capabilities:
    found = Capabilities(kind=kind)  # type: ignore[arg-type]
    for number, capability in enumerate(capabilities):
        found.add(Hit(capability, number * 10, number * 10 + 5, "piece"))
    return found


def _detector() -> Detector:
    return next(d for d in detectors() if d.id == COMMAND_COMBINED_CAPABILITIES)


def test_shipped_weights_only_add_evidence() -> None:
    body = json.loads(COMMAND_MODEL_PATH.read_text("utf-8"))
    assert body["weights"]
    for weights in body["weights"].values():
        assert weights["presence"] >= 0.0
        assert weights["count"] >= 0.0
    model = command_combination_model()
    assert model is not None
    assert 0.5 < model.threshold < 1.0


def test_more_evidence_never_lowers_the_probability() -> None:
    model = command_combination_model()
    assert model is not None
    found = Capabilities(kind="action")
    previous = model.probability(found)
    for capability in sorted(set(Capability) - SIGNS_OF_ORDINARY_USE):
        found.add(Hit(capability, 0, 1, "x"))
        now = model.probability(found)
        assert now >= previous, capability
        previous = now
    assert previous > model.threshold


def test_one_capability_alone_never_refuses() -> None:
    detector = _detector()
    for capability in Capability:
        assert detector(_found(capability)) is None, capability
    assert LEAST_CAPABILITIES == 2


def test_responses_are_left_to_the_response_weighing() -> None:
    detector = _detector()
    assert detector(_found(*Capability, kind="response")) is None
    assert detector(_found(*Capability)) is not None


def test_a_disk_formatted_and_the_metadata_service_are_not_weighed() -> None:
    found = _found(Capability.BLOCK_DEVICE_WRITE, Capability.FORMAT_AND_MOUNT)
    assert command_counted(found) == {}
    metadata = Capabilities(kind="action")
    metadata.add(Hit(Capability.BARE_ADDRESS, 0, 22, "http://169.254.169.254"))
    metadata.add(Hit(Capability.UNVETTED_SOURCE, 0, 22, "http://169.254.169.254"))
    assert command_counted(metadata) == {}
    metadata.add(Hit(Capability.BARE_ADDRESS, 30, 48, "http://203.0.113.9"))
    assert command_counted(metadata) == {Capability.BARE_ADDRESS: 2}


def test_the_streamed_credentials_are_refused_citing_their_pieces() -> None:
    verdict = judge_action(STREAMED.strip())
    assert verdict.refused
    assert fired(verdict) == {COMMAND_COMBINED_CAPABILITIES}
    assert verdict.redlines == ("RL-EXPLOIT",)
    assert "learned weight of evidence" in verdict.explanation
    assert verdict.evidence
    assert COMBINED_CAPABILITIES not in fired(verdict)


def test_switched_off_the_gate_is_the_hand_written_detectors_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(MODEL_SWITCH, "off")
    command_combination_model.cache_clear()
    try:
        assert not judge_action(STREAMED.strip()).refused
    finally:
        monkeypatch.delenv(MODEL_SWITCH)
        command_combination_model.cache_clear()
    assert judge_action(STREAMED.strip()).refused


def test_training_from_the_repository_reproduces_the_shipped_file(tmp_path: Path) -> None:
    target = tmp_path / "command_combination.json"
    train_command_combination(target, progress=lambda _: None)
    assert target.read_text("utf-8") == COMMAND_MODEL_PATH.read_text("utf-8")
