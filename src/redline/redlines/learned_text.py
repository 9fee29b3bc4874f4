"""How much a response's text or a command line reads like offensive tooling (learned from text).

The hand-written detectors read capabilities: what code does, in the spellings someone wrote a
reading for. A new writer's offensive code often does the same thing in words no reading names
yet, and the capabilities then fall short of any detector. This step reads the text itself: a
logistic model over hashed character n-grams (3 to 5 characters of the lowered text) and words
and word pairs, fitted by `redline train --part text` (`learned_text_training.py`) on the team's
development rows that may be studied and on the detectors' fixtures, one model for responses and
one for command lines.

It only ever adds a refusal the rules did not make, and only where a fitted threshold is crossed:
the threshold is set from leave-one-set-out probabilities so that a small share of the allowed
development rows the rules allow reach it (`RESPONSE_SHARE`, `COMMAND_SHARE` in the training
module). A response is read only when it holds a fenced code block: the model learnt code, and
prose (explanations, advice, often in other languages) is where it strays.

The verdict cites the redline of the rules' closest partial detection when there is one, and
otherwise the redline whose fixtures' capabilities are most like the ones found; its evidence is
the words that weighed most.
"""

from __future__ import annotations

import math
import re
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import numpy as np
import numpy.typing as npt

from redline.redlines.capabilities import Capabilities, Capability

LEARNED_RESPONSE = "OUT-LEARNED-TEXT"
"""The id a response refused by this step is noted under."""
LEARNED_ACTION = "ACT-LEARNED-TEXT"
"""The id a command line refused by this step is noted under."""
FALLBACK_REDLINE = "RL-MALWARE"
"""Cited when neither a partial detection nor any capability points to a redline."""

MODEL_PATH = Path(__file__).parent / "model" / "learned_text.npz"
"""The shipped weights, thresholds and record of their training data."""

TextKind = Literal["response", "command"]

CHAR_BITS = 20
"""Character n-grams hash into 2**20 buckets..."""
WORD_BITS = 18
"""...words and word pairs into 2**18 more."""
FEATURES = (1 << CHAR_BITS) + (1 << WORD_BITS)
CHAR_SIZES = (3, 4, 5)

_RUNS = re.compile(r"\s\s+")
_TOKEN = re.compile(r"[a-z_][a-z0-9_]*|[^\sa-z0-9_]")
_MIX = np.uint64(0x9E3779B97F4A7C15)
_PRIME = np.uint64(1_000_003)
_FENCE = "```"
_EVIDENCE_WORDS = 3


def _buckets(hashes: npt.NDArray[np.uint64], bits: int) -> npt.NDArray[np.int64]:
    return ((hashes * _MIX) >> np.uint64(64 - bits)).astype(np.int64)


def _word_hashes(tokens: list[str]) -> npt.NDArray[np.uint64]:
    return np.array([zlib.crc32(t.encode("utf-8")) for t in tokens], dtype=np.uint64)


def features(text: str) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    """The text's feature indices and values: 1 + log of each bucket's count, the row scaled to
    unit length. Lowered, with runs of white space read as one space."""
    lowered = _RUNS.sub(" ", text.lower())
    codes = np.frombuffer(lowered.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    parts: list[npt.NDArray[np.int64]] = []
    for size in CHAR_SIZES:
        if len(codes) < size:
            continue
        width = len(codes) - size + 1
        hashes = np.full(width, size, dtype=np.uint64)
        for offset in range(size):
            hashes = hashes * _PRIME + codes[offset : offset + width]
        parts.append(_buckets(hashes, CHAR_BITS))
    words = _word_hashes(_TOKEN.findall(lowered))
    if len(words):
        unigrams = words * _PRIME + np.uint64(1)
        pairs = (words[:-1] * _PRIME + words[1:]) * _PRIME + np.uint64(2)
        joined = np.concatenate([unigrams, pairs])
        parts.append(_buckets(joined, WORD_BITS) + (1 << CHAR_BITS))
    if not parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    indices, counts = np.unique(np.concatenate(parts), return_counts=True)
    values = 1.0 + np.log(counts.astype(np.float64))
    values /= math.sqrt(float(values @ values))
    return indices, values.astype(np.float32)


def word_bucket(word: str) -> int:
    """The feature index of one lowered word (a unigram), for naming the evidence."""
    hashed = _word_hashes([word]) * _PRIME + np.uint64(1)
    return int(_buckets(hashed, WORD_BITS)[0]) + (1 << CHAR_BITS)


@dataclass(frozen=True)
class TextModel:
    """One kind's logistic weighing of text features, with its threshold."""

    weights: npt.NDArray[np.float32]
    bias: float
    threshold: float

    def probability(self, text: str) -> float:
        """The modelled probability that `text` is offensive."""
        indices, values = features(text)
        log_odds = self.bias + float(self.weights[indices].astype(np.float64) @ values)
        return 1.0 / (1.0 + math.exp(-log_odds))

    def evidence(self, text: str) -> list[tuple[int, int]]:
        """Where the words that weigh most towards refusing first appear in `text`."""
        lowered = text.lower()
        if len(lowered) != len(text):  # a few letters lower to two; offsets would drift
            return []
        first: dict[str, tuple[int, int]] = {}
        for match in _TOKEN.finditer(lowered):
            if len(match.group()) >= 3:
                first.setdefault(match.group(), match.span())
        weighed = sorted(((float(self.weights[word_bucket(w)]), w) for w in first), reverse=True)[
            :_EVIDENCE_WORDS
        ]
        return [first[w] for weight, w in weighed if weight > 0.0]


@dataclass(frozen=True)
class LearnedText:
    """The shipped models, and what names a redline for their refusals."""

    response: TextModel
    command: TextModel
    capability_names: tuple[str, ...]
    redline_ids: tuple[str, ...]
    centroids: npt.NDArray[np.float32]
    """For each redline, the mean capability presence of its offensive fixtures, unit length."""
    record: str
    """JSON: data sources, sizes and leave-one-set-out figures of the fit."""

    def model(self, kind: TextKind) -> TextModel:
        """The model that reads `kind`."""
        return self.response if kind == "response" else self.command

    def redline_for(self, found: Capabilities) -> str:
        """The redline whose fixtures' capabilities are most like `found`'s."""
        present = np.array(
            [c is not None and c in found.hits for c in self._capabilities()], dtype=np.float32
        )
        if not present.any():
            return FALLBACK_REDLINE
        closeness = self.centroids @ present
        return self.redline_ids[int(np.argmax(closeness))]

    def _capabilities(self) -> list[Capability | None]:
        known = {c.value: c for c in Capability}
        return [known.get(name) for name in self.capability_names]


def reads(text: str, kind: TextKind) -> bool:
    """Whether the step reads `text` at all: command lines always, responses with fenced code."""
    return kind == "command" or _FENCE in text


def write_model(path: Path, learned: LearnedText) -> None:
    """Write `learned` as the `.npz` file `read_model` loads."""
    with path.open("wb") as out:
        np.savez_compressed(
            out,
            response_weights=learned.response.weights.astype(np.float16),
            command_weights=learned.command.weights.astype(np.float16),
            scalars=np.array(
                [
                    learned.response.bias,
                    learned.response.threshold,
                    learned.command.bias,
                    learned.command.threshold,
                ]
            ),
            capability_names=np.array(learned.capability_names),
            redline_ids=np.array(learned.redline_ids),
            centroids=learned.centroids.astype(np.float32),
            record=np.array(learned.record),
        )


def read_model(path: Path) -> LearnedText:
    """Load a model written by `write_model`; a file of the wrong shape is an error naming it."""
    with np.load(path, allow_pickle=False) as body:
        try:
            response_weights = body["response_weights"].astype(np.float32)
            command_weights = body["command_weights"].astype(np.float32)
            scalars = [float(x) for x in body["scalars"]]
            names = tuple(str(x) for x in body["capability_names"])
            redlines = tuple(str(x) for x in body["redline_ids"])
            centroids = body["centroids"].astype(np.float32)
            record = str(body["record"])
        except KeyError as missing:
            raise ValueError(f"{path}: {missing.args[0]}: missing from the model") from None
    for name, weights in (
        ("response_weights", response_weights),
        ("command_weights", command_weights),
    ):
        if weights.shape != (FEATURES,):
            raise ValueError(f"{path}: {name}: {weights.shape[0]} weights, expected {FEATURES}")
    if centroids.shape != (len(redlines), len(names)):
        raise ValueError(f"{path}: centroids: shape {centroids.shape} does not match the names")
    return LearnedText(
        TextModel(response_weights, scalars[0], scalars[1]),
        TextModel(command_weights, scalars[2], scalars[3]),
        names,
        redlines,
        centroids,
        record,
    )


@cache
def learned_text() -> LearnedText:
    """The shipped models, loaded once."""
    return read_model(MODEL_PATH)
