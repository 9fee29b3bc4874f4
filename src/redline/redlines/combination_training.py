"""Fitting the combination model (`combination.py`) from the team's development sets.

The data are the responses of `bench/data/redlines_dev_<N>.jsonl` (hand-written for the output
redlines, labelled `stop` or `allow`), and only their fit halves: each row's half is fixed by a
hash of its id (`half_of`), and the check halves are left for measuring
(`bench/bench_redlines_dev.py`). The fit is plain batch gradient descent from zero weights, so it
is deterministic: the same rows give the same file.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from redline.redlines.capabilities import Capabilities, Capability
from redline.redlines.code import response_capabilities
from redline.redlines.combination import COMBINED_CAPABILITIES, CombinationModel, counted
from redline.redlines.registry import REFUSE_AT, detectors

REPOSITORY = Path(__file__).resolve().parents[3]
DEV_SETS = ("3", "4", "5", "6", "7")
"""The development sets fitted on (their fit halves), `bench/data/redlines_dev_<N>.jsonl`."""

FITTED_HALVES: tuple[str, ...] = ("fit",)
"""The halves of each development set fitted on (`half_of`); the rest is left for measuring."""

ALLOWED_SHARE = 0.01
"""The threshold lets at most this share of the fit halves' allowed responses through the model
that the other detectors already allow."""

_STEPS = 4000
_RATE = 0.2
_DECAY = 1e-3


def half_of(row_id: str) -> str:
    """The half a development row belongs to, fixed by its id: "fit" or "check"."""
    return "fit" if hashlib.sha256(row_id.encode("utf-8")).digest()[0] % 2 == 0 else "check"


def dev_set_path(number: str) -> Path:
    """Where development set `number` lives in the repository."""
    return REPOSITORY / "bench" / "data" / f"redlines_dev_{number}.jsonl"


@dataclass(frozen=True)
class Example:
    """One development response: its capabilities, its label, whether other detectors stop it."""

    found: Capabilities
    offensive: bool
    stopped_by_detectors: bool


def development_responses(path: Path) -> Iterator[dict[str, Any]]:
    """The response rows of development set `path`; a missing file or a row without id, kind,
    label and text is an error naming the file (and line)."""
    if not path.exists():
        raise FileNotFoundError(f"{path}: development set not found (train from a checkout)")
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        if not isinstance(row, dict) or not {"id", "kind", "label", "text"} <= row.keys():
            raise ValueError(f"{path}:{number}: a row needs id, kind, label and text")
        if row["kind"] == "response":
            yield row


def fit_examples(paths: Sequence[Path], halves: Sequence[str] = FITTED_HALVES) -> list[Example]:
    """The responses of `paths` in `halves`, read through the capability finder."""
    others = [d for d in detectors() if d.id != COMBINED_CAPABILITIES]
    examples = []
    for path in paths:
        for row in development_responses(path):
            if half_of(row["id"]) not in halves:
                continue
            found, _ = response_capabilities(row["text"])
            stopped = any(
                (detection := d(found)) is not None and detection.score >= REFUSE_AT for d in others
            )
            examples.append(Example(found, row["label"] == "stop", stopped))
    return examples


def _features(found: Capabilities, order: Sequence[Capability]) -> np.ndarray:
    row = np.zeros(2 * len(order))
    times = counted(found)
    for index, capability in enumerate(order):
        if capability in times:
            row[index] = 1.0
            row[len(order) + index] = math.log1p(times[capability])
    return row


def fit(examples: Sequence[Example]) -> CombinationModel:
    """Non-negative logistic regression over presence and log counts, and its threshold."""
    order = list(Capability)
    features = np.array([_features(e.found, order) for e in examples])
    labels = np.array([e.offensive for e in examples], dtype=float)
    weights = np.zeros(features.shape[1])
    bias = 0.0
    for _ in range(_STEPS):
        predicted = 1.0 / (1.0 + np.exp(-(features @ weights + bias)))
        error = predicted - labels
        weights -= _RATE * (features.T @ error / len(examples) + _DECAY * weights)
        bias -= _RATE * float(error.mean())
        weights = np.maximum(weights, 0.0)
    probability = 1.0 / (1.0 + np.exp(-(features @ weights + bias)))
    left_to_the_model = np.array([not e.offensive and not e.stopped_by_detectors for e in examples])
    threshold = float(np.quantile(probability[left_to_the_model], 1.0 - ALLOWED_SHARE))
    presence = {c: float(w) for c, w in zip(order, weights[: len(order)], strict=True) if w > 0}
    count = {c: float(w) for c, w in zip(order, weights[len(order) :], strict=True) if w > 0}
    return CombinationModel(bias, presence, count, threshold)


def train_combination(out: Path, progress: Callable[[str], object] = print) -> dict[str, object]:
    """Fit the model on the development sets' fit halves and write it to `out`; its record."""
    paths = [dev_set_path(n) for n in DEV_SETS]
    progress(f"reading the {' and '.join(FITTED_HALVES)} halves of {len(paths)} development sets")
    examples = fit_examples(paths)
    model = fit(examples)
    stopped = [
        e.stopped_by_detectors or model.probability(e.found) >= model.threshold for e in examples
    ]
    offensive = [s for s, e in zip(stopped, examples, strict=True) if e.offensive]
    allowed = [s for s, e in zip(stopped, examples, strict=True) if not e.offensive]
    record: dict[str, object] = {
        "data": {
            p.relative_to(REPOSITORY).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in paths
        },
        "half": "+".join(FITTED_HALVES),
        "responses": {"offensive": len(offensive), "allowed": len(allowed)},
        "threshold_rule": f"quantile {1.0 - ALLOWED_SHARE} of allowed responses the detectors"
        " allow",
        "fit_half_with_detectors": {
            "stopped": round(sum(offensive) / max(1, len(offensive)), 4),
            "wrongly_stopped": round(sum(allowed) / max(1, len(allowed)), 4),
        },
    }
    out.write_text(model.to_json(record), "utf-8")
    return record
