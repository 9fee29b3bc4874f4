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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from redline.redlines.capabilities import Capabilities, Capability
from redline.redlines.code import action_capabilities, response_capabilities
from redline.redlines.combination import COMBINED_CAPABILITIES, CombinationModel, counted
from redline.redlines.command_combination import (
    COMMAND_COMBINED_CAPABILITIES,
    LEAST_CAPABILITIES,
    command_counted,
)
from redline.redlines.grammars import CodeLanguage
from redline.redlines.own_host import without_own_host_logins
from redline.redlines.registry import REFUSE_AT, detectors

REPOSITORY = Path(__file__).resolve().parents[3]
DEV_SETS = ("3", "4", "5", "6", "7")
"""The development sets the shipped response model is fitted on (their fit halves),
`bench/data/redlines_dev_<N>.jsonl`."""

ALL_DEV_SETS = ("3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13")
"""Every development set whose fit half is open: 8-13 (written by people who had not seen the
detectors) since their fit halves were opened; their check halves stay unread, for measuring.
The command model is fitted on these; a response model fitted on them
refused three defensive fixtures and failed its acceptance in context, so responses stay on
sets 3-7."""

FITTED_HALVES: tuple[str, ...] = ("fit",)
"""The halves of each development set fitted on (`half_of`); the rest is left for measuring."""

ALLOWED_SHARE = 0.01
"""The threshold lets at most this share of the fit halves' allowed responses through the model
that the other detectors already allow."""

COMMAND_ALLOWED_SHARE = 0.0
"""The same share for commands: none above the highest-scoring allowed command the other action
detectors allow. Chosen leave-one-set-out on the fit halves of sets 3-13: at 1% (and 0.5%,
0.25%) a set left out of the fit saw 1.3 (0.7, 0.4) points more of its allowed commands
stopped, over the 0.3 point the team allows; at 0 it saw 0.07 point more."""

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
    """One development row: its capabilities, its label, whether other detectors stop it."""

    found: Capabilities
    offensive: bool
    stopped_by_detectors: bool


def _capabilities(text: str, kind: str) -> Capabilities:
    """What the response judge (`kind` "response") or the action gate ("command") reads."""
    if kind == "command":
        command = text.strip()
        return without_own_host_logins(action_capabilities(command, CodeLanguage.BASH), command)
    return response_capabilities(text)[0]


def fit_examples(
    paths: Sequence[Path], halves: Sequence[str] = FITTED_HALVES, kind: str = "response"
) -> list[Example]:
    """The rows of `kind` ("response" or "command") of `paths` in `halves`, read as the judge
    reads them, each with whether the detectors other than the two weighings stop it."""
    learned = {COMBINED_CAPABILITIES, COMMAND_COMBINED_CAPABILITIES}
    others = [d for d in detectors() if d.id not in learned]
    examples = []
    for path in paths:
        if not path.exists():
            raise FileNotFoundError(f"{path}: development set not found (train from a checkout)")
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            row = json.loads(line)
            if not isinstance(row, dict) or not {"id", "kind", "label", "text"} <= row.keys():
                raise ValueError(f"{path}:{number}: a row needs id, kind, label and text")
            if row["kind"] != kind or half_of(row["id"]) not in halves:
                continue
            found = _capabilities(row["text"], kind)
            stopped = any(
                (detection := d(found)) is not None and detection.score >= REFUSE_AT for d in others
            )
            examples.append(Example(found, row["label"] == "stop", stopped))
    return examples


Reading = Callable[[Capabilities], dict[Capability, int]]


def _features(found: Capabilities, order: Sequence[Capability], reading: Reading) -> np.ndarray:
    row = np.zeros(2 * len(order))
    times = reading(found)
    for index, capability in enumerate(order):
        if capability in times:
            row[index] = 1.0
            row[len(order) + index] = math.log1p(times[capability])
    return row


def fit(
    examples: Sequence[Example],
    reading: Reading = counted,
    share: float = ALLOWED_SHARE,
    least: int = 1,
) -> CombinationModel:
    """Non-negative logistic regression over presence and log counts of what `reading` counts,
    and its threshold: the quantile `1 - share` of the scores of allowed examples the other
    detectors allow, among those holding at least `least` weighed capabilities (fewer never
    reach the threshold)."""
    order = list(Capability)
    features = np.array([_features(e.found, order, reading) for e in examples])
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
    if least > 1:
        enough = np.array([len(reading(e.found)) >= least for e in examples])
        probability = np.where(enough, probability, 0.0)
    left_to_the_model = np.array([not e.offensive and not e.stopped_by_detectors for e in examples])
    threshold = float(np.quantile(probability[left_to_the_model], 1.0 - share))
    presence = {c: float(w) for c, w in zip(order, weights[: len(order)], strict=True) if w > 0}
    count = {c: float(w) for c, w in zip(order, weights[len(order) :], strict=True) if w > 0}
    return CombinationModel(bias, presence, count, threshold, reading)


def train_combination(
    out: Path,
    progress: Callable[[str], object] = print,
    sets: Sequence[str] = DEV_SETS,
) -> dict[str, object]:
    """Fit the response model on the fit halves of `sets` and write it to `out`; its record."""
    return _train(out, progress, sets, "response", counted, ALLOWED_SHARE, 1)


def train_command_combination(
    out: Path, progress: Callable[[str], object] = print
) -> dict[str, object]:
    """Fit the command model on the fit halves of every open set and write it to `out`; its
    record."""
    return _train(
        out,
        progress,
        ALL_DEV_SETS,
        "command",
        command_counted,
        COMMAND_ALLOWED_SHARE,
        LEAST_CAPABILITIES,
    )


def _train(
    out: Path,
    progress: Callable[[str], object],
    sets: Sequence[str],
    kind: str,
    reading: Reading,
    share: float,
    least: int,
) -> dict[str, object]:
    paths = [dev_set_path(n) for n in sets]
    progress(
        f"reading the {kind} rows of the {' and '.join(FITTED_HALVES)} halves of"
        f" {len(paths)} development sets"
    )
    examples = fit_examples(paths, kind=kind)
    model = fit(examples, reading, share, least)
    stopped = [
        e.stopped_by_detectors
        or (len(reading(e.found)) >= least and model.probability(e.found) >= model.threshold)
        for e in examples
    ]
    offensive = [s for s, e in zip(stopped, examples, strict=True) if e.offensive]
    allowed = [s for s, e in zip(stopped, examples, strict=True) if not e.offensive]
    plural = f"{kind}s"
    rule = f"quantile {1.0 - share} of allowed {plural} the detectors allow"
    if least > 1:
        rule += f", among those with at least {least} weighed capabilities"
    record: dict[str, object] = {
        "data": {
            p.relative_to(REPOSITORY).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in paths
        },
        "half": "+".join(FITTED_HALVES),
        plural: {"offensive": len(offensive), "allowed": len(allowed)},
        "threshold_rule": rule,
        "fit_half_with_detectors": {
            "stopped": round(sum(offensive) / max(1, len(offensive)), 4),
            "wrongly_stopped": round(sum(allowed) / max(1, len(allowed)), 4),
        },
    }
    out.write_text(model.to_json(record), "utf-8")
    return record
