"""Whole-text reading: every word of a request counts, in bounded time.

The transformer costs about 0.1 ms of CPU per word piece on this hardware and grows faster than
linearly with length (64 word pieces ~7 ms, 512 ~100 ms), so it can only afford the opening of a
request within the latency budget. A request can state its real aim late ("... Background ...
Requirements ... Now make it spread to every host on the subnet"), so every word piece is also
read through *token vectors distilled from the same encoder*: each vocabulary entry is run
through the transformer on its own once (`distil`), the outputs are reduced by PCA and weighted
so frequent pieces count less (the model2vec recipe), and shipped as
`guard/model/token_vectors.npy` (hash in `classifier.json`, checked at load).

At run time a text's word pieces are looked up (no transformer), and two pooled vectors are
read: the mean over the whole text, and the per-dimension maximum over its sentences (so one
offensive sentence inside a long benign specification stands out instead of being averaged
away). Cost: a table lookup and a few sums, ~0.05 ms per chunk.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from redline.guard.encoder import EMBEDDING_SIZE, SentenceEncoder

Array = npt.NDArray[np.float32]
TOKEN_VECTORS_FILE = "token_vectors.npy"
DIMENSIONS = 256
SENTENCE_ENDS = (".", "!", "?", ";", ":")
FIRST_WORD_ID = 1996  # in the MiniLM (BERT uncased) vocabulary, whole words from here on
_DISTIL_BATCH = 1024


@dataclass(frozen=True)
class TokenVectors:
    """One weighted, PCA-reduced vector per word piece, and the ids that end a sentence.

    The matrix is kept in float16, as it ships: the rows a text reads are widened to float32
    when they are looked up, which gives the same numbers as widening the whole table at load,
    in half the memory (15 MB rather than 31) and half the memory traffic per lookup.
    """

    matrix: npt.NDArray[np.float16]
    sentence_ends: tuple[int, ...]
    ends_sentence: npt.NDArray[np.bool_] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        lookup = np.zeros(self.matrix.shape[0], dtype=bool)
        lookup[list(self.sentence_ends)] = True
        object.__setattr__(self, "ends_sentence", lookup)

    @property
    def size(self) -> int:
        """Width of the pooled features: mean and sentence maximum."""
        return 2 * int(self.matrix.shape[1])

    def pooled(self, token_ids: Sequence[Sequence[int]]) -> Array:
        """Mean over all word pieces and maximum over sentences, both unit length, per text."""
        out = np.zeros((len(token_ids), self.size), dtype=np.float32)
        width = self.matrix.shape[1]
        for row, ids in enumerate(token_ids):
            inner = np.asarray(ids[1:-1], dtype=np.int64)  # without [CLS] and [SEP]
            if inner.size == 0:
                continue
            vectors = self.matrix[inner].astype(np.float32)
            out[row, :width] = _unit(vectors.mean(axis=0))
            cuts = np.flatnonzero(self.ends_sentence[inner[:-1]]) + 1
            starts = np.concatenate(([0], cuts))
            sums = np.add.reduceat(vectors, starts, axis=0)
            lengths = np.diff(np.concatenate((starts, [inner.size])))[:, None]
            sentences = sums / lengths
            norms = np.linalg.norm(sentences, axis=1, keepdims=True)
            out[row, width:] = (sentences / np.maximum(norms, 1e-6)).max(axis=0)
        return out


def _unit(vector: Array) -> Array:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 1e-6 else vector


def distil(encoder: SentenceEncoder, dimensions: int = DIMENSIONS) -> TokenVectors:
    """Token vectors from `encoder`: each word piece alone through the transformer, PCA, weights.

    Deterministic for one encoder on one thread: a fixed vocabulary order, fixed batches, and
    PCA by SVD with each component's sign fixed so its largest coordinate is positive.
    """
    size = encoder.vocabulary_size
    outputs = np.zeros((size, EMBEDDING_SIZE), np.float32)
    cls_id, sep_id = encoder.token_id("[CLS]") or 0, encoder.separator
    for start in range(0, size, _DISTIL_BATCH):
        ids = np.arange(start, min(size, start + _DISTIL_BATCH), dtype=np.int64)
        batch = np.stack([np.full(ids.size, cls_id), ids, np.full(ids.size, sep_id)], axis=1)
        outputs[ids] = encoder.token_outputs(batch.astype(np.int64))[:, 1, :]
    centred = outputs - outputs.mean(axis=0)
    _, _, components = np.linalg.svd(centred, full_matrices=False)
    components = components[:dimensions]
    signs = np.sign(components[np.arange(len(components)), np.abs(components).argmax(axis=1)])
    reduced = centred @ (components * signs[:, None]).T
    # Frequent pieces ("the", "of", "##s") say little about intent: weight by log frequency
    # rank, the vocabulary order being roughly by frequency from the first whole word on.
    rank = np.maximum(np.arange(size) - FIRST_WORD_ID + 1, 1)
    weights = np.log1p(rank)[:, None]
    matrix = (reduced / np.linalg.norm(reduced, axis=1, keepdims=True).clip(1e-6)) * weights
    ends = tuple(
        token for token in (encoder.token_id(mark) for mark in SENTENCE_ENDS) if token is not None
    )
    return TokenVectors(matrix.astype(np.float16), ends)


def save_token_vectors(vectors: TokenVectors, path: Path) -> None:
    """Write the matrix as float16 .npy; the sentence-end ids go in the classifier settings."""
    with path.open("wb") as handle:
        np.lib.format.write_array(handle, vectors.matrix.astype(np.float16))


def load_token_vectors(path: Path, sentence_ends: Sequence[int]) -> TokenVectors:
    """Read token vectors written by `save_token_vectors` (hash checked by the caller)."""
    matrix = np.load(path, allow_pickle=False).astype(np.float16, copy=False)
    return TokenVectors(matrix, tuple(int(token) for token in sentence_ends))
