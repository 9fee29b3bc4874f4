"""Fitting the learned text models (`learned_text.py`) from the repository's own rows.

The rows are those the team may study: both halves of development sets 3 to 7 and the fit
halves of the later sets (`bench/data/redlines_dev_<N>.jsonl`; the check halves are left for
measuring, `bench/bench_redlines_dev.py`), and the detectors' fixtures
(`tests/redlines/fixtures/<DETECTOR-ID>/offensive-*.md|.sh`, `defensive-*`). Responses train the
response model, command lines the command model.

Each model is an L2-regularised logistic regression with balanced classes (scikit-learn's
liblinear, seeded, so the same rows give the same weights). Its threshold comes from
leave-one-set-out probabilities: each development set is scored by a model fitted without it
(the fixtures always stay in), and the threshold is the score that only `RESPONSE_SHARE` (or
`COMMAND_SHARE`) of the allowed development rows the rules already allow reach. A new writer's
set strays further than one set of the same writers, so the shares are small.

Fitting needs scikit-learn (`pip install 'redline[train]'`); judging needs only numpy.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from redline.redlines.capabilities import Capability
from redline.redlines.code import action_capabilities, response_capabilities
from redline.redlines.combination_training import REPOSITORY, dev_set_path, half_of
from redline.redlines.grammars import CodeLanguage
from redline.redlines.judge import judge_action, judge_response
from redline.redlines.learned_text import (
    FEATURES,
    LearnedText,
    TextKind,
    TextModel,
    features,
    reads,
    write_model,
)
from redline.redlines.registry import detectors

DEV_SETS = tuple(str(n) for n in range(3, 16))
"""The development sets read (`bench/data/redlines_dev_<N>.jsonl`)."""
STUDIED_WHOLE = frozenset({"3", "4", "5", "6", "7"})
"""Sets whose check halves have been studied too; of the others only the fit halves are read."""
FIXTURES = REPOSITORY / "tests" / "redlines" / "fixtures"

RESPONSE_SHARE = 0.005
"""At most this share of the allowed development responses the rules allow (and that hold
fenced code) reach the response threshold, scored leave-one-set-out."""
COMMAND_SHARE = 0.001
"""The same for command lines, where the rules stop fewer allowed rows and a false stop blocks
an agent's work outright."""
_DECAY = 1e-4
"""L2 penalty per row of the mean loss (scikit-learn's C is 1 / (decay x rows))."""


@dataclass(frozen=True)
class Row:
    """One text to learn from."""

    group: str
    """The development set it belongs to, or "fixtures"."""
    kind: TextKind
    offensive: bool
    text: str
    request: str
    redline: str | None = None
    """For an offensive fixture, the redline of its detector."""


def studied_rows() -> list[Row]:
    """Every row the models learn from, development rows first."""
    rows: list[Row] = []
    for number in DEV_SETS:
        path = dev_set_path(number)
        if not path.exists():
            raise FileNotFoundError(f"{path}: development set not found (train from a checkout)")
        for line_number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            row = json.loads(line)
            if not isinstance(row, dict) or not {"id", "kind", "label", "text"} <= row.keys():
                raise ValueError(f"{path}:{line_number}: a row needs id, kind, label and text")
            if number not in STUDIED_WHOLE and half_of(row["id"]) != "fit":
                continue
            kind: TextKind = "command" if row["kind"] == "command" else "response"
            text = row["text"].strip() if kind == "command" else row["text"]
            rows.append(Row(number, kind, row["label"] == "stop", text, row.get("request") or ""))
    redline_of = {d.id: d.redline for d in detectors()}
    for path in sorted(FIXTURES.glob("*/*")):
        offensive = path.name.startswith("offensive")
        if path.suffix not in (".md", ".sh") or not path.name.startswith(
            ("offensive", "defensive")
        ):
            continue
        kind = "response" if path.suffix == ".md" else "command"
        text = path.read_text("utf-8")
        rows.append(
            Row(
                "fixtures",
                kind,
                offensive,
                text if kind == "response" else text.strip(),
                "",
                redline_of.get(path.parent.name) if offensive else None,
            )
        )
    return rows


def rules_refuse(row: Row) -> bool:
    """Whether the rules alone (no learned step) refuse the row."""
    if row.kind == "command":
        return judge_action(row.text, learned=False).refused
    return judge_response(row.text, row.request or None, learned=False).refused


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


def _centroids(rows: Sequence[Row]) -> tuple[tuple[str, ...], npt.NDArray[np.float32]]:
    order = list(Capability)
    by_redline: dict[str, list[npt.NDArray[np.float32]]] = {}
    for row in rows:
        if row.redline is None:
            continue
        if row.kind == "command":
            found = action_capabilities(row.text, CodeLanguage.BASH)
        else:
            found = response_capabilities(row.text)[0]
        present = np.array([c in found.hits for c in order], dtype=np.float32)
        by_redline.setdefault(row.redline, []).append(present)
    redlines = tuple(sorted(by_redline))
    centroids = np.array([np.mean(by_redline[r], axis=0) for r in redlines], dtype=np.float32)
    lengths = np.linalg.norm(centroids, axis=1, keepdims=True)
    return redlines, centroids / np.maximum(lengths, 1e-9)


def _fitted(
    kind: TextKind,
    rows: Sequence[Row],
    refused: Sequence[bool],
    share: float,
    progress: Callable[[str], object],
) -> tuple[TextModel, dict[str, object]]:
    chosen = [i for i, row in enumerate(rows) if row.kind == kind]
    picked = [rows[i] for i in chosen]
    by_rules = np.array([refused[i] for i in chosen])
    labels = np.array([row.offensive for row in picked])
    features_ = matrix([row.text for row in picked])
    progress(f"{kind}s: {len(picked)} rows, scoring each development set left out")
    scored = leave_one_set_out(picked, features_, labels)
    development = ~np.isnan(scored)
    readable = np.array([reads(row.text, kind) for row in picked])
    left = development & ~labels & ~by_rules & readable
    threshold = float(np.quantile(scored[left], 1.0 - share))
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
    for path in sorted(FIXTURES.glob("*/*")):
        if path.suffix in (".md", ".sh"):
            fixtures.update(path.relative_to(FIXTURES).as_posix().encode("utf-8") + b"\0")
            fixtures.update(path.read_bytes() + b"\0")
    record[FIXTURES.relative_to(REPOSITORY).as_posix()] = fixtures.hexdigest()
    return record


def train_learned_text(out: Path, progress: Callable[[str], object] = print) -> dict[str, object]:
    """Fit both models on the studied rows and write them to `out`; their record."""
    for needed in ("scipy", "sklearn"):  # fail before the long judging, not after it
        if importlib.util.find_spec(needed) is None:
            raise ImportError(f"{needed} is not installed", name=needed)
    rows = studied_rows()
    progress(f"judging {len(rows)} rows by the rules alone")
    refused = [rules_refuse(row) for row in rows]
    response, response_figures = _fitted("response", rows, refused, RESPONSE_SHARE, progress)
    command, command_figures = _fitted("command", rows, refused, COMMAND_SHARE, progress)
    redlines, centroids = _centroids(rows)
    record: dict[str, object] = {
        "data": _data_record(),
        "halves": "sets 3-7 whole, fit halves of sets 8 and later, fixtures",
        "shares": {"response": RESPONSE_SHARE, "command": COMMAND_SHARE},
        "response": response_figures,
        "command": command_figures,
    }
    learned = LearnedText(
        response,
        command,
        tuple(c.value for c in Capability),
        redlines,
        centroids,
        json.dumps(record, indent=1, sort_keys=True),
    )
    write_model(out, learned)
    return record
