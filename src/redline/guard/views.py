"""From a judged text to the rows the classifier reads: disguises undone, long texts cut.

A text is judged whole. Short texts are one chunk. A long text is cut into overlapping chunks;
every chunk is scanned for offensive cues (cheap), and the first chunk plus the most suspicious
ones are embedded (costly), so a request hidden deep inside a megabyte of benign text is still
read, in bounded time. Each chunk of each view becomes one feature row: the sentence embedding
followed by the intent features.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from redline.guard.encoder import SentenceEncoder
from redline.guard.features import (
    intent_features,
    lexical_features,
    suspicion,
    suspicious_positions,
)
from redline.guard.techniques import Prototypes
from redline.guard.wholetext import TokenVectors

CHUNK_CHARS = 2000
CHUNK_OVERLAP = 200
MAX_CHUNKS = 4


@dataclass(frozen=True)
class Chunk:
    """A stretch of a view's text, `start` characters in."""

    start: int
    text: str


def chunks(text: str) -> list[Chunk]:
    """The chunks of `text` to embed: all of a short text, the telling parts of a long one."""
    if len(text) <= CHUNK_CHARS:
        return [Chunk(0, text)]
    pieces: list[Chunk] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + CHUNK_CHARS)
        if end < len(text):
            space = text.rfind(" ", start + CHUNK_CHARS // 2, end)
            end = space if space > 0 else end
        pieces.append(Chunk(start, text[start:end]))
        if end >= len(text):
            break
        start = max(end - CHUNK_OVERLAP, start + 1)
    ranked = sorted(range(1, len(pieces)), key=lambda i: (-suspicion(pieces[i].text), i))
    keep = sorted([0, *ranked[: MAX_CHUNKS - 1]])
    return [pieces[i] for i in keep]


_SENTENCE = re.compile(r"[^.!?;\n]+(?:[.!?;\n]+|$)")
CHARS_PER_TOKEN = 4  # about, for English; only used to tell a short text from a long one


def telling_start(text: str, head_tokens: int) -> int:
    """Where the transformer should start reading `text`: its most telling sentence.

    The transformer reads only `head_tokens` word pieces. A text that fits is read from its
    start. In a longer one, the sentence with the most offensive cues (the first such on a tie,
    the opening when none has more than it) starts the window, so an aim stated late ("...
    Finally, make it spread to every host") is what the transformer reads.
    """
    if len(text) <= head_tokens * CHARS_PER_TOKEN:
        return 0
    starts = [match.start() for match in _SENTENCE.finditer(text)]
    counts = [0] * len(starts)
    for position in suspicious_positions(text):
        counts[bisect_right(starts, position) - 1] += 1
    best = max(range(len(starts)), key=lambda i: (counts[i], -i), default=0)
    return starts[best] if starts else 0


def heads(texts: Sequence[str], head_tokens: int) -> list[str]:
    """The part of each text the transformer reads from (see `telling_start`)."""
    return [text[telling_start(text, head_tokens) :] for text in texts]


def feature_rows(
    encoder: SentenceEncoder,
    texts: Sequence[str],
    prototypes: Prototypes | None = None,
    lexical: bool = True,
    token_vectors: TokenVectors | None = None,
) -> npt.NDArray[np.float32]:
    """One row per text: sentence embedding, intent features, ATT&CK likeness, the whole text
    through token vectors, hashed words. Each text is tokenised once for both readings."""
    tokenized = encoder.tokenize_with_offsets(texts)
    token_ids = [ids for ids, _ in tokenized]
    embeddings = encoder.encode_ids(
        [
            encoder.from_offset(ids, offsets, telling_start(text, encoder.max_tokens))
            for (ids, offsets), text in zip(tokenized, texts, strict=True)
        ]
    )
    whole = token_vectors.pooled(token_ids) if token_vectors is not None else None
    return with_word_features(embeddings, texts, prototypes, lexical, whole)


def with_word_features(
    embeddings: npt.NDArray[np.float32],
    texts: Sequence[str],
    prototypes: Prototypes | None = None,
    lexical: bool = True,
    whole: npt.NDArray[np.float32] | None = None,
) -> npt.NDArray[np.float32]:
    """Append the intent, ATT&CK-likeness, whole-text and (if `lexical`) hashed-word features."""
    if not texts:
        return embeddings
    intents = np.stack([intent_features(text) for text in texts])
    parts = [embeddings, intents]
    if prototypes is not None:
        parts.append(prototypes.similarity_features(embeddings, intents))
    if whole is not None:
        parts.append(whole)
    if lexical:
        parts.append(np.stack([lexical_features(text) for text in texts]))
    return np.concatenate(parts, axis=1).astype(np.float32)
