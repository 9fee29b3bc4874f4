"""Fitting the learned text model (`learned_text.py`) from the repository's own responses.

The rows are the responses the team may study: both halves of development sets 3 to 7 and the
fit halves of the later sets (`bench/data/redlines_dev_<N>.jsonl`; the check halves are left for
measuring, `bench/bench_redlines_dev.py`), and the detectors' response fixtures
(`tests/redlines/fixtures/<DETECTOR-ID>/offensive-*.md`, `defensive-*.md`).

The model is an L2-regularised logistic regression with balanced classes (scikit-learn's
liblinear, seeded, so the same rows give the same weights). Its threshold comes from
leave-one-set-out probabilities: each development set is scored by a model fitted without it
(the fixtures always stay in), and the threshold is the score that only `RESPONSE_SHARE` of the
allowed development responses with fenced code that the rules already allow reach. A new
writer's set strays further than one set of the same writers, so the share is small.

Fitting needs scikit-learn (`pip install 'redline[train]'`); judging needs only numpy.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from redline.redlines.combination_training import (
    REPOSITORY,
    dev_set_path,
    development_responses,
    half_of,
)
from redline.redlines.judge import judge_response
from redline.redlines.learned_text import FEATURES, TextModel, features, reads, write_model

DEV_SETS = tuple(str(n) for n in range(3, 16))
"""The development sets read (`bench/data/redlines_dev_<N>.jsonl`)."""
STUDIED_WHOLE = frozenset({"3", "4", "5", "6", "7"})
"""Sets whose check halves have been studied too; of the others only the fit halves are read."""
FIXTURES = REPOSITORY / "tests" / "redlines" / "fixtures"

RESPONSE_SHARE = 0.005
"""At most this share of the allowed development responses the rules allow (and that hold
fenced code) reach the threshold, scored leave-one-set-out."""
_DECAY = 1e-4
"""L2 penalty per row of the mean loss (scikit-learn's C is 1 / (decay x rows))."""


@dataclass(frozen=True)
class Row:
    """One response to learn from."""

    group: str
    """The development set it belongs to, or "fixtures"."""
    offensive: bool
    text: str
    request: str


def studied_rows() -> list[Row]:
    """Every response the model learns from, development rows first."""
    rows: list[Row] = []
    for number in DEV_SETS:
        for row in development_responses(dev_set_path(number)):
            if number not in STUDIED_WHOLE and half_of(row["id"]) != "fit":
                continue
            rows.append(Row(number, row["label"] == "stop", row["text"], row.get("request") or ""))
    for path in _response_fixtures():
        offensive = path.name.startswith("offensive")
        rows.append(Row("fixtures", offensive, path.read_text("utf-8"), ""))
    return rows


def _response_fixtures() -> list[Path]:
    return [
        path
        for path in sorted(FIXTURES.glob("*/*.md"))
        if path.name.startswith(("offensive", "defensive"))
    ]


def rules_refuse(row: Row) -> bool:
    """Whether the rules refuse the response judged alone (where this step takes no part)."""
    return judge_response(row.text, row.request or None).refused


def matrix(texts: Sequence[str]) -> Any:
    """The rows' features as a sparse matrix (scipy CSR)."""
    from scipy.sparse import csr_matrix

    indices, values, starts = [], [], [0]
    for text in texts:
        index, value = features(text)
        indices.append(index)
        values.append(value)
        starts.append(starts[-1] + len(index))
    return csr_matrix(
        (np.concatenate(values), np.concatenate(indices), np.array(starts)),
        shape=(len(texts), FEATURES),
    )


def fit(features_: Any, labels: npt.NDArray[np.bool_]) -> tuple[npt.NDArray[np.float32], float]:
    """Weights and bias of a balanced, L2-regularised logistic regression."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(
        C=1.0 / (_DECAY * len(labels)),
        class_weight="balanced",
        solver="liblinear",
        random_state=0,
        max_iter=1000,
    ).fit(features_, labels)
    return model.coef_[0].astype(np.float32), float(model.intercept_[0])


def _probabilities(features_: Any, weights: npt.NDArray[np.float32], bias: float) -> Any:
    return 1.0 / (1.0 + np.exp(-(features_ @ weights.astype(np.float64) + bias)))


def leave_one_set_out(
    rows: Sequence[Row], features_: Any, labels: npt.NDArray[np.bool_]
) -> npt.NDArray[np.float64]:
    """Each development row's probability under a model fitted without its set (NaN for
    fixtures, which are always fitted on)."""
    groups = np.array([row.group for row in rows])
    scored = np.full(len(rows), np.nan)
    for number in DEV_SETS:
        held = groups == number
        if not held.any():
            continue
        weights, bias = fit(features_[~held], labels[~held])
        scored[held] = _probabilities(features_[held], weights, bias)
    return scored


def _fitted(
    rows: Sequence[Row], refused: Sequence[bool], progress: Callable[[str], object]
) -> tuple[TextModel, dict[str, object]]:
    """The model, its threshold and the record's leave-one-set-out figures. Those figures judge
    each response alone with the step as if it refused by itself (rules or model): an upper bound
    of what it adds, since in use it only completes a request the guard would refuse."""
    by_rules = np.array(refused)
    labels = np.array([row.offensive for row in rows])
    features_ = matrix([row.text for row in rows])
    progress(f"{len(rows)} responses: scoring each development set left out")
    scored = leave_one_set_out(rows, features_, labels)
    development = ~np.isnan(scored)
    readable = np.array([reads(row.text) for row in rows])
    left = development & ~labels & ~by_rules & readable
    threshold = float(np.quantile(scored[left], 1.0 - RESPONSE_SHARE))
    weights, bias = fit(features_, labels)
    added = development & readable & (scored >= threshold)
    offensive, allowed = development & labels, development & ~labels
    figures = {
        "rows": {"offensive": int(labels.sum()), "allowed": int((~labels).sum())},
        "threshold": round(threshold, 6),
        "left_out_sets": {
            "rules_stopped": round(float(by_rules[offensive].mean()), 4),
            "with_model_stopped": round(float((by_rules | added)[offensive].mean()), 4),
            "rules_wrongly_stopped": round(float(by_rules[allowed].mean()), 4),
            "with_model_wrongly_stopped": round(float((by_rules | added)[allowed].mean()), 4),
        },
    }
    return TextModel(weights, bias, threshold), figures


def _data_record() -> dict[str, str]:
    record = {
        p.relative_to(REPOSITORY).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in map(dev_set_path, DEV_SETS)
    }
    fixtures = hashlib.sha256()
    for path in _response_fixtures():
        fixtures.update(path.relative_to(FIXTURES).as_posix().encode("utf-8") + b"\0")
        fixtures.update(path.read_bytes() + b"\0")
    record[FIXTURES.relative_to(REPOSITORY).as_posix()] = fixtures.hexdigest()
    return record


def train_learned_text(out: Path, progress: Callable[[str], object] = print) -> dict[str, object]:
    """Fit the model on the studied responses and write it to `out`; its record."""
    for needed in ("scipy", "sklearn"):  # fail before the long judging, not after it
        if importlib.util.find_spec(needed) is None:
            raise ImportError(f"{needed} is not installed", name=needed)
    rows = studied_rows()
    progress(f"judging {len(rows)} responses by the rules alone")
    refused = [rules_refuse(row) for row in rows]
    model, figures = _fitted(rows, refused, progress)
    record: dict[str, object] = {
        "data": _data_record(),
        "halves": "sets 3-7 whole, fit halves of sets 8 and later, response fixtures",
        "share": RESPONSE_SHARE,
        **figures,
    }
    write_model(out, replace(model, record=json.dumps(record, indent=1, sort_keys=True)))
    return record
