"""The guard's classifier as plain numpy weights: no scikit-learn or torch at run time.

One small network reads a chunk's sentence embedding (of its opening), its whole-text token
vectors (`wholetext.py`) and its intent features: a hidden ReLU layer
gives the harm logit (turned into a calibrated probability by Platt scaling fitted on a
held-apart split), and two linear heads say which redline a harmful request falls under and
which principle a benign one serves. The weights live in `guard/model/classifier.npz`, whose
sha256 `classifier.json` records and the loader checks.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from redline.guard.encoder import MODEL_DIR, verified
from redline.guard.techniques import PROTOTYPES_FILE, Prototypes, load_prototypes
from redline.guard.wholetext import TOKEN_VECTORS_FILE, TokenVectors, load_token_vectors

Array = npt.NDArray[np.float32]


def relu_network(x: Array, w1: Array, b1: Array, w2: Array, b2: Array) -> Array:
    """Logits of a one-hidden-layer ReLU network."""
    hidden: Array = np.maximum(x @ w1 + b1, 0.0)
    out: Array = hidden @ w2 + b2
    return out


@dataclass(frozen=True)
class Classifier:
    """Harm probability, redline and principle for feature rows."""

    w1: Array
    b1: Array
    w2: Array
    b2: Array
    platt: tuple[float, float]
    threshold: float
    redline_weights: Array
    redline_bias: Array
    redlines: tuple[str, ...]
    principle_weights: Array
    principle_bias: Array
    principles: tuple[str, ...]
    head_tokens: int
    prototypes: Prototypes | None = None
    lexical: bool = True
    token_vectors: TokenVectors | None = None

    def harm(self, features: Array) -> Array:
        """Calibrated probability that answering each row would cross a redline."""
        logits = relu_network(features, self.w1, self.b1, self.w2, self.b2)[:, 0]
        a, b = self.platt
        probability: Array = 1.0 / (1.0 + np.exp(-(a * logits + b)))
        return probability

    def redline_scores(self, features: Array) -> Array:
        """Softmax over `redlines` for each row."""
        return _softmax(features @ self.redline_weights + self.redline_bias)

    def principle_scores(self, features: Array) -> Array:
        """Softmax over `principles` for each row."""
        return _softmax(features @ self.principle_weights + self.principle_bias)

    def arrays(self) -> dict[str, Any]:
        """The weights as named arrays, for `numpy.savez`."""
        return {
            "w1": self.w1,
            "b1": self.b1,
            "w2": self.w2,
            "b2": self.b2,
            "redline_weights": self.redline_weights,
            "redline_bias": self.redline_bias,
            "principle_weights": self.principle_weights,
            "principle_bias": self.principle_bias,
        }

    def settings(self) -> dict[str, Any]:
        """Everything besides the arrays, for `classifier.json`."""
        return {
            "platt": list(self.platt),
            "threshold": self.threshold,
            "redlines": list(self.redlines),
            "principles": list(self.principles),
            "head_tokens": self.head_tokens,
            "lexical": self.lexical,
            "offensive_prototypes": self.prototypes.offensive if self.prototypes else 0,
            "sentence_ends": list(self.token_vectors.sentence_ends) if self.token_vectors else [],
        }


def _softmax(logits: Array) -> Array:
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    out: Array = exp / exp.sum(axis=1, keepdims=True)
    return out


def load_classifier(model_dir: Path = MODEL_DIR) -> Classifier:
    """Load the shipped classifier, checking the weights' hash."""
    settings: dict[str, Any] = json.loads((model_dir / "classifier.json").read_text())
    path = verified(model_dir / "classifier.npz", settings["sha256"])
    with np.load(path) as arrays:
        weights = {name: arrays[name].astype(np.float32) for name in arrays.files}
    prototypes = None
    if settings.get("prototypes_sha256"):
        source = verified(model_dir / PROTOTYPES_FILE, settings["prototypes_sha256"])
        prototypes = load_prototypes(source, int(settings["offensive_prototypes"]))
    token_vectors = None
    if settings.get("token_vectors_sha256"):
        source = verified(model_dir / TOKEN_VECTORS_FILE, settings["token_vectors_sha256"])
        token_vectors = load_token_vectors(source, settings["sentence_ends"])
    return Classifier(
        platt=(float(settings["platt"][0]), float(settings["platt"][1])),
        threshold=float(settings["threshold"]),
        redlines=tuple(settings["redlines"]),
        principles=tuple(settings["principles"]),
        head_tokens=int(settings["head_tokens"]),
        prototypes=prototypes,
        lexical=bool(settings.get("lexical", True)),
        token_vectors=token_vectors,
        **weights,
    )
