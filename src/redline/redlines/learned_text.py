"""How much a response's text reads like offensive tooling (learned from the text itself).

The hand-written detectors read capabilities: what code does, in the spellings someone wrote a
reading for. A new writer's offensive code often does the same thing in words no reading names
yet, and the capabilities then fall short of any detector. This step reads the text itself: a
logistic model over hashed character n-grams (3 to 5 characters of the lowered text) and words
and word pairs, fitted by `redline train --part text` (`learned_text_training.py`) on the team's
development responses that may be studied and on the detectors' response fixtures. (A model of
command lines was fitted the same way and left out: on the studied sets it added too little to
rules already fitted on them; the action gate is the rules alone.)

Its reading is one piece of evidence, never a refusal alone: a response the rules allow whose
text crosses the model's threshold holds part of an artifact, which the request's intent
completes (`Guard.check` on a conversation ending with the assistant refuses it when the guard
would refuse the request, citing the redline the request asks to cross and quoting the words
that weighed most). Judged alone or streamed, the rules decide. The threshold is set from
leave-one-set-out probabilities so that a small share of the allowed development responses the
rules allow reach it (`RESPONSE_SHARE` in the training module). A response is read only when it
holds a fenced code block: the model learnt code, and prose (explanations, advice, often in
other languages) is where it strays.
"""

from __future__ import annotations

import math
import re
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

LEARNED_TEXT = "OUT-LEARNED-TEXT"
"""The id a refusal this step took part in is noted under."""

MODEL_PATH = Path(__file__).parent / "model" / "learned_text.npz"
"""The shipped weights, threshold and record of their training data."""

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


def _word_buckets(words: list[str]) -> npt.NDArray[np.int64]:
    return _buckets(_word_hashes(words) * _PRIME + np.uint64(1), WORD_BITS) + (1 << CHAR_BITS)


def word_bucket(word: str) -> int:
    """The feature index of one lowered word (a unigram), for naming the evidence."""
    return int(_word_buckets([word])[0])


@dataclass(frozen=True)
class TextModel:
    """A logistic weighing of text features, with its threshold."""

    weights: npt.NDArray[np.float32]
    bias: float
    threshold: float
    record: str = "{}"
    """JSON: data sources, sizes and leave-one-set-out figures of the fit."""

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
        words = list(first)
        weights = self.weights[_word_buckets(words)] if words else np.zeros(0)
        weighed = sorted(zip(weights.tolist(), words, strict=True), reverse=True)
        return [first[w] for weight, w in weighed[:_EVIDENCE_WORDS] if weight > 0.0]


@dataclass(frozen=True)
class LearnedReading:
    """A response whose text crossed the model's threshold."""

    probability: float
    threshold: float
    evidence: tuple[tuple[int, int], ...]
    """Where the words that weighed most appear in the response."""

    @property
    def reason(self) -> str:
        """What the step found, for a verdict's explanation."""
        return (
            f"{LEARNED_TEXT} reads its text as offensive tooling (probability"
            f" {self.probability:.2f}, threshold {self.threshold:.2f})"
        )


def reads(response: str) -> bool:
    """Whether the step reads a response at all: only one holding fenced code."""
    return _FENCE in response


def read_learned(response: str) -> LearnedReading | None:
    """The step's reading of `response` when the shipped model's probability reaches its
    threshold; None otherwise (and for a response without fenced code)."""
    if not reads(response):
        return None
    model = text_model()
    probability = model.probability(response)
    if probability < model.threshold:
        return None
    return LearnedReading(probability, model.threshold, tuple(model.evidence(response)))


def write_model(path: Path, model: TextModel) -> None:
    """Write `model` as the `.npz` file `read_model` loads."""
    with path.open("wb") as out:
        np.savez_compressed(
            out,
            weights=model.weights.astype(np.float16),
            scalars=np.array([model.bias, model.threshold]),
            record=np.array(model.record),
        )


def read_model(path: Path) -> TextModel:
    """Load a model written by `write_model`; a file of the wrong shape is an error naming it."""
    with np.load(path, allow_pickle=False) as body:
        try:
            weights = body["weights"].astype(np.float32)
            bias, threshold = (float(x) for x in body["scalars"])
            record = str(body["record"])
        except KeyError as missing:
            raise ValueError(f"{path}: {missing.args[0]}: missing from the model") from None
    if weights.shape != (FEATURES,):
        raise ValueError(f"{path}: weights: {weights.shape[0]} of them, expected {FEATURES}")
    return TextModel(weights, bias, threshold, record)


@cache
def text_model() -> TextModel:
    """The shipped model, loaded once."""
    return read_model(MODEL_PATH)
