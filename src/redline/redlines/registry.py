"""The detector registry: each detector is declared once, by a decorator, with a stable id.

A detector is a function from the `Capabilities` of an artifact to a `Detection` (a score and
the hits that support it) or None. Its module docstring is its documentation: what it catches,
why it is a redline, an example, and what is allowed instead. Adding a detector means adding
one module under `detectors/` and its fixtures under `tests/redlines/fixtures/<ID>/`.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from redline.redlines.capabilities import Capabilities, Capability, Hit

REFUSE_AT = 0.6
"""Score at or above which a detection refuses; detectors place complete artifacts above it."""


@dataclass(frozen=True)
class Detection:
    """A detector's finding: how strongly the capabilities form its artifact, and why."""

    score: float
    hits: tuple[Hit, ...]
    reason: str


DetectorFunction = Callable[[Capabilities], Detection | None]


@dataclass(frozen=True)
class Detector:
    """A registered detector: stable id, the redline it enforces, its function and documentation."""

    id: str
    redline: str
    function: DetectorFunction
    doc: str
    also_crosses: frozenset[str] = frozenset()
    """Redlines besides its own that its artifact crosses, for a request asking to cross them
    (a keylogger is stalkerware as much as malware)."""
    crosses_any: Callable[[Capabilities], bool] | None = None
    """Whether, in the capabilities found, its artifact is part of whichever attack a request
    asks for, whatever redline that crosses (a prose plan's instructed steps name no artifact
    of their own: they act on what the request named)."""

    def __call__(self, found: Capabilities) -> Detection | None:
        return self.function(found)

    def crosses(self, redline_id: str, found: Capabilities) -> bool:
        """Whether its artifact, with the capabilities `found`, crosses `redline_id`: its own
        redline, one it also crosses, or any one when `crosses_any` says so."""
        return (
            redline_id == self.redline
            or redline_id in self.also_crosses
            or (self.crosses_any is not None and self.crosses_any(found))
        )


_REGISTRY: dict[str, Detector] = {}


def detector(
    detector_id: str,
    *,
    redline: str,
    also_crosses: Iterable[str] = (),
    crosses_any: Callable[[Capabilities], bool] | None = None,
) -> Callable[[DetectorFunction], DetectorFunction]:
    """Register the decorated function as detector `detector_id` enforcing `redline` (and
    crossing `also_crosses` too, or any redline a request asks for when `crosses_any` holds of
    the capabilities found)."""

    def register(function: DetectorFunction) -> DetectorFunction:
        if detector_id in _REGISTRY:
            raise ValueError(f"detector {detector_id} is declared twice")
        module = sys.modules[function.__module__]
        _REGISTRY[detector_id] = Detector(
            detector_id,
            redline,
            function,
            (module.__doc__ or "").strip(),
            frozenset(also_crosses),
            crosses_any,
        )
        return function

    return register


@cache
def detectors() -> tuple[Detector, ...]:
    """Every detector, in id order; imports the `detectors` package on first use."""
    # By module name: the package `redline.redlines` names its function `detectors`.
    package = importlib.import_module("redline.redlines.detectors")
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
    return tuple(_REGISTRY[key] for key in sorted(_REGISTRY))


def supported(
    found: Capabilities, score: float, capabilities: Iterable[Capability], reason: str
) -> Detection:
    """A detection citing the first hit of each of `capabilities` that was seen."""
    hits = tuple(hit for c in capabilities if (hit := found.first(c)) is not None)
    return Detection(score, hits, reason)


IN_A_RESPONSE = 0.45
"""The score of a piece that is the whole act on a command line but, in a response, only part
of an artifact, weighed with the request (`Guard.check` on a conversation)."""


def strongest(*detections: Detection | None) -> Detection | None:
    """The highest-scoring of `detections` (the first of equals), None if there is none: where
    a detector's part-score reading must not hide a full one it also reads."""
    return max((d for d in detections if d is not None), key=lambda d: d.score, default=None)


def action_or_part(found: Capabilities, action_score: float) -> float:
    """`action_score` for a command line, `IN_A_RESPONSE` for a response."""
    return action_score if found.kind == "action" else IN_A_RESPONSE


ANYWHERE_IN_A_COMMAND = 10_000
"""How far apart a command line's pieces may stand: a command is one act, wherever they are."""


def piece_reach(found: Capabilities, in_a_response: int) -> int:
    """How far apart (in characters) two pieces may stand to belong together: anywhere in a
    command line, `in_a_response` in a response, where unrelated code may stand between."""
    return ANYWHERE_IN_A_COMMAND if found.kind == "action" else in_a_response


def one_piece(found: Capabilities, capability: Capability, action_score: float) -> Detection | None:
    """A detection for a capability that is an act on its own (`action_or_part`), citing its
    first hit, or None when it was not found."""
    if capability not in found:
        return None
    return supported(found, action_or_part(found, action_score), (capability,), capability.value)


REQUEST_SENT = (Capability.PACKET_SEND, Capability.NET_SEND, Capability.DOWNLOAD)
"""A request sent by a program (`requests.get(url)`, `fetch`, a socket's write): what carries a
payload built in the code to a server."""


def pieces(*capabilities: Capability) -> str:
    """A readable list of capabilities, for a detection's reason."""
    return " + ".join(c.value for c in capabilities)
