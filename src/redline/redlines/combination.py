"""How much a response's capabilities, taken together, look like offensive tooling (learned).

The hand-written detectors each know one artifact (a reverse shell, ransomware, a keylogger) and
ask for its pieces in a particular arrangement. An offensive response that is none of those
artifacts exactly, or that spells one of their pieces in a way no detector names, still tends to
carry several capabilities that defensive code rarely holds together. This module scores that
tendency: a logistic model over which telling capabilities a response holds and how often
(the log of its hit count; `counted`), fitted by `redline train` (`combination_training.py`) on
the fit halves of the team's development sets of responses.

Every weight is at least zero, so a capability can only ever count for an offensive reading,
never excuse one; only the signs of ordinary use that cancel pieces for the response judge too
(`ordinary.SIGNS_OF_ORDINARY_USE`: a verified password, a device grabbed for oneself) take
evidence away. A streamed response's score never falls (the monitor keeps its highest).

The threshold is fixed when fitting: the score that at most 1% of the fit halves' allowed
responses the detectors already allow reach (`combination.json` records it, with the data it was
fitted on).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from redline.redlines.capabilities import Capabilities, Capability
from redline.redlines.ordinary import telling_capabilities

COMBINED_CAPABILITIES = "OUT-COMBINED-CAPABILITIES"
"""The id of the detector that refuses on this weighing (`detectors/combined_capabilities.py`)."""

MODEL_PATH = Path(__file__).parent / "model" / "combination.json"
"""The shipped weights, threshold and record of their training data."""


_NOT_WEIGHED = frozenset({Capability.BACKGROUND})
"""Capabilities that count for nothing in the weighing, though some detectors read them: a
server started with `nohup` is out of its terminal, not out of sight, and answers start servers
in the background as often as droppers do."""


def counted(found: Capabilities) -> dict[Capability, int]:
    """The capabilities the weighing counts, with how many times each was found: the telling
    ones (`ordinary.telling_capabilities`, where a bare address in a private range is none),
    less running in the background (`_NOT_WEIGHED`)."""
    counts: dict[Capability, int] = {}
    for capability in telling_capabilities(found) - _NOT_WEIGHED:
        counts[capability] = len(found.hits[capability])
    return counts


@dataclass(frozen=True)
class CombinationModel:
    """A logistic weighing of capability presence and hit counts, with its threshold."""

    bias: float
    presence: Mapping[Capability, float]
    """Weight of holding a capability at all."""
    count: Mapping[Capability, float]
    """Weight of the log of how many times it is held (`math.log1p` of the hit count)."""
    threshold: float
    """The probability at or above which the response reads as offensive tooling."""

    def contributions(self, found: Capabilities) -> dict[Capability, float]:
        """What each capability counted adds to the log-odds (only positive ones are kept)."""
        added: dict[Capability, float] = {}
        for capability, times in counted(found).items():
            weight = self.presence.get(capability, 0.0) + self.count.get(
                capability, 0.0
            ) * math.log1p(times)
            if weight > 0.0:
                added[capability] = weight
        return added

    def weigh(self, found: Capabilities) -> tuple[float, dict[Capability, float]]:
        """The modelled probability that a response holding `found` is offensive tooling, with
        the `contributions` it sums (one pass over the capabilities for both)."""
        added = self.contributions(found)
        # summed exactly (`fsum`): the same pieces give the same score in whatever order the
        # set of capabilities yields them, and one more piece never lowers it by a rounding
        log_odds = self.bias + math.fsum(added.values())
        return 1.0 / (1.0 + math.exp(-log_odds)), added

    def probability(self, found: Capabilities) -> float:
        """The modelled probability that a response holding `found` is offensive tooling."""
        return self.weigh(found)[0]

    def to_json(self, record: Mapping[str, object]) -> str:
        """The model as `combination.json`, with `record` (its data sources and metrics)."""
        weights = {
            c.value: {"presence": round(self.presence.get(c, 0.0), 6), "count": round(w, 6)}
            for c in Capability
            if (w := self.count.get(c, 0.0)) > 0.0 or self.presence.get(c, 0.0) > 0.0
        }
        body = {
            "bias": round(self.bias, 6),
            "threshold": round(self.threshold, 6),
            "weights": weights,
            "record": dict(record),
        }
        return json.dumps(body, indent=1, sort_keys=True) + "\n"


def read_model(path: Path) -> CombinationModel:
    """Load a model written by `CombinationModel.to_json`; a capability the code no longer
    knows is an error naming the file and the key."""
    body = json.loads(path.read_text("utf-8"))
    presence: dict[Capability, float] = {}
    count: dict[Capability, float] = {}
    for name, weights in body["weights"].items():
        try:
            capability = Capability(name)
        except ValueError:
            raise ValueError(f"{path}: weights.{name}: not a known capability") from None
        presence[capability] = float(weights["presence"])
        count[capability] = float(weights["count"])
    return CombinationModel(float(body["bias"]), presence, count, float(body["threshold"]))


@cache
def combination_model() -> CombinationModel:
    """The shipped model, loaded once."""
    return read_model(MODEL_PATH)
