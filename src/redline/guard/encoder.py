"""Sentence embeddings from the shipped int8 all-MiniLM-L6-v2 encoder (onnxruntime + tokenizers).

The encoder and tokenizer ship inside the package (`guard/model/`), exported once by
`tools/export_encoder.py`; their sha256 are recorded in `encoder.json` and checked at load, so a
corrupted or swapped model is an error rather than silently different verdicts. Nothing is
downloaded.
"""

from __future__ import annotations

import hashlib
import json
from bisect import bisect_left
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from redline.errors import RedlineError
from redline.guard.wordpieces import WordPieces

MODEL_DIR = Path(str(resources.files("redline.guard") / "model"))
EMBEDDING_SIZE = 384
BATCH_SIZE = 32
TOKENIZED_CHARS = 8000  # views are cut into chunks of at most 2000 characters


class ModelIntegrityError(RedlineError):
    """A shipped model file is missing or does not match its recorded hash."""


def sha256_of(path: Path) -> str:
    """The hex sha256 of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verified(path: Path, expected: str) -> Path:
    """Return `path` if its sha256 is `expected`, else raise `ModelIntegrityError`."""
    if not path.is_file():
        raise ModelIntegrityError(f"{path}: model file missing")
    actual = sha256_of(path)
    if actual != expected:
        raise ModelIntegrityError(f"{path}: sha256 {actual} does not match recorded {expected}")
    return path


class SentenceEncoder:
    """Mean-pooled, L2-normalised MiniLM sentence embeddings.

    Thread-safe: the tokenizer's settings never change after construction and an onnxruntime
    session may be run from several threads at once.
    """

    def __init__(
        self, model_dir: Path = MODEL_DIR, threads: int = 1, max_tokens: int | None = None
    ) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        manifest: dict[str, Any] = json.loads((model_dir / "encoder.json").read_text())
        self.max_tokens = min(int(manifest["max_tokens"]), max_tokens or 1 << 30)
        encoder_path = verified(model_dir / "encoder.onnx", manifest["encoder_sha256"])
        tokenizer_path = verified(model_dir / "tokenizer.json", manifest["tokenizer_sha256"])
        # Tokenised whole (no truncation) once: the head goes to the transformer, every token
        # to the whole-text reading (`wholetext.py`).
        self._tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self._tokenizer.no_truncation()
        self._tokenizer.no_padding()
        self.separator: int = self._tokenizer.token_to_id("[SEP]") or 0
        special = [token.content for token in self._tokenizer.get_added_tokens_decoder().values()]
        self._word_pieces = WordPieces(self._tokenizer, tuple(special))
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self._session = onnxruntime.InferenceSession(
            str(encoder_path), options, providers=["CPUExecutionProvider"]
        )

    def tokenize(self, texts: Sequence[str]) -> list[list[int]]:
        """Word-piece ids of each text, with [CLS] and [SEP], at most `TOKENIZED_CHARS` read."""
        return [ids for ids, _ in self.tokenize_with_offsets(texts)]

    def tokenize_with_offsets(self, texts: Sequence[str]) -> list[tuple[list[int], list[int]]]:
        """Word-piece ids of each text and the character offset each piece starts at."""
        return self._word_pieces.ids_and_starts([text[:TOKENIZED_CHARS] for text in texts])

    @staticmethod
    def from_offset(ids: list[int], offsets: list[int], start: int) -> list[int]:
        """The ids of the text from character `start` on, as `tokenize` would give them.

        `start` must begin a word (as a sentence does); [CLS] and [SEP] are kept.
        """
        if start == 0:
            return ids
        first = bisect_left(offsets, start, 1, max(1, len(ids) - 1))
        return [ids[0], *ids[first:]]

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """Embed each text (truncated to `max_tokens` word pieces) as a unit vector."""
        return self.encode_ids(self.tokenize(texts))

    def encode_ids(self, token_ids: Sequence[Sequence[int]]) -> npt.NDArray[np.float32]:
        """Embed tokenised texts (as `tokenize` returns them), each cut to `max_tokens`."""
        heads = [self._head(ids) for ids in token_ids]
        out = np.zeros((len(heads), EMBEDDING_SIZE), dtype=np.float32)
        # Similar lengths in one batch keep padding (wasted work) small.
        order = sorted(range(len(heads)), key=lambda i: len(heads[i]))
        for start in range(0, len(order), BATCH_SIZE):
            chunk = order[start : start + BATCH_SIZE]
            out[chunk] = self._encode_batch([heads[i] for i in chunk])
        return out

    def _head(self, ids: Sequence[int]) -> Sequence[int]:
        if len(ids) <= self.max_tokens:
            return ids
        return [*ids[: self.max_tokens - 1], self.separator]

    def _encode_batch(self, heads: list[Sequence[int]]) -> npt.NDArray[np.float32]:
        width = max(len(head) for head in heads)
        ids = np.zeros((len(heads), width), dtype=np.int64)
        mask = np.zeros((len(heads), width), dtype=np.int64)
        for row, head in enumerate(heads):
            ids[row, : len(head)] = head
            mask[row, : len(head)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        tokens: npt.NDArray[np.float32] = self._session.run(None, feeds)[0]
        if all(len(head) == width for head in heads):
            # Nothing padded (always so for one text): every weight would be 1, and x * 1 == x,
            # so the plain sum over the same array is the same to the bit, without the copies.
            pooled = tokens.sum(axis=1) / np.float32(width)
        else:
            weights = mask[..., None].astype(np.float32)
            pooled = (tokens * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1.0)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        unit: npt.NDArray[np.float32] = (pooled / np.maximum(norms, 1e-12)).astype(np.float32)
        return unit

    def token_outputs(self, token_ids: npt.NDArray[np.int64]) -> npt.NDArray[np.float32]:
        """The transformer's output for each position of a batch of equal-length id rows."""
        feeds = {
            "input_ids": token_ids,
            "attention_mask": np.ones_like(token_ids),
            "token_type_ids": np.zeros_like(token_ids),
        }
        outputs: npt.NDArray[np.float32] = self._session.run(None, feeds)[0]
        return outputs

    @property
    def vocabulary_size(self) -> int:
        """How many word pieces the tokenizer knows."""
        return int(self._tokenizer.get_vocab_size())

    def token_id(self, token: str) -> int | None:
        """The id of one word piece, or None."""
        found = self._tokenizer.token_to_id(token)
        return None if found is None else int(found)
