"""Word pieces of plain text a word at a time, from a cache: the tokenizer's own ids, sooner.

The encoder's BERT tokenizer lowercases a text, splits it into words at whitespace and
punctuation (each punctuation mark a word of its own), and cuts each word into word pieces
without looking at its neighbours. For printable ASCII text (and typographic quotes and dashes)
that is all it does, so a text's ids are its words' ids one after the other. A text whose words
were all seen before needs no call into the tokenizer: their pieces come from a dictionary, in
about a third of the time of a whole-text call on requests of a few hundred words. A text's few
new words are tokenised on their own in one call; a text with many is tokenised whole and its
new words' pieces are remembered from that call. Any other text (non-ASCII letters, control
characters, the tokenizer's own special tokens written out) goes to the tokenizer whole.
"""

from __future__ import annotations

import re
from itertools import chain
from operator import itemgetter
from typing import TYPE_CHECKING, cast

from redline.guard.normalise import TYPOGRAPHIC_PUNCTUATION

if TYPE_CHECKING:
    from tokenizers import Tokenizer

NO_BREAK = "\u00a0"

# Printable ASCII, tabs, line breaks and typographic punctuation: the characters the fast path
# knows how to split.
_NOT_PLAIN = re.compile(f"[^\\x20-\\x7e\\t\\n\\r{TYPOGRAPHIC_PUNCTUATION}]")
# A BERT word: a run of letters and digits, or one punctuation mark (every other printable ASCII
# character is punctuation to BERT, and so is each typographic mark but the no-break space).
_WORD = re.compile(f"[a-z0-9]+|[!-/:-@\\[-`{{-~{TYPOGRAPHIC_PUNCTUATION.replace(NO_BREAK, '')}]")
_GROUP = re.Match.group
_START = re.Match.start
_PIECES = itemgetter(0)
_Pieces = tuple[list[int], list[int]]  # a word's piece ids and where each starts in it
MAX_CACHED_WORDS = 50_000  # distinct lowercased words remembered: about 15 MB when full
MAX_WORDS_APART = 32  # more new words than this in a text: it is tokenised whole instead
MAX_NEW_WORDS_PER_TEXT = 256  # more than this (random strings, blobs): not worth remembering


class WordPieces:
    """Ids and start offsets of texts, as `tokenizer.encode_batch` gives them. Thread-safe."""

    def __init__(self, tokenizer: Tokenizer, special_tokens: tuple[str, ...]) -> None:
        self._tokenizer = tokenizer
        self._special = tuple(token.lower() for token in special_tokens)
        self._first = tokenizer.token_to_id("[CLS]") or 0
        self._last = tokenizer.token_to_id("[SEP]") or 0
        self._words: dict[str, tuple[list[int], list[int]]] = {}

    def ids_and_starts(self, texts: list[str]) -> list[tuple[list[int], list[int]]]:
        """Each text's word-piece ids with [CLS] and [SEP], and the offset each piece starts at."""
        out: list[tuple[list[int], list[int]] | None] = [self._plain(text) for text in texts]
        others = [index for index, found in enumerate(out) if found is None]
        if others:
            encodings = self._tokenizer.encode_batch([texts[index] for index in others])
            for index, encoding in zip(others, encodings, strict=True):
                out[index] = (encoding.ids, [start for start, _ in encoding.offsets])
        return [found for found in out if found is not None]

    def _plain(self, text: str) -> tuple[list[int], list[int]] | None:
        if _NOT_PLAIN.search(text):
            return None
        lowered = text.lower()
        if "[" in text and any(token in lowered for token in self._special):
            return None  # written-out special tokens are matched before words are split
        found = list(_WORD.finditer(lowered))
        words = list(map(_GROUP, found))
        known = self._words
        # Looked up with map and joined with chain: loops run in C, not a Python loop per word.
        looked_up = list(map(known.get, words))
        if None in looked_up:
            # The words this lookup missed, not those missing now: another thread may have
            # remembered one of them since, and its entry here is still None.
            missed = [word for word, entry in zip(words, looked_up, strict=True) if entry is None]
            unknown = list(dict.fromkeys(missed))
            if len(unknown) > MAX_WORDS_APART:
                return self._whole(text, list(zip(map(_START, found), words, strict=True)))
            fresh = self._pieces(unknown)
            entries = [entry or fresh[word] for entry, word in zip(looked_up, words, strict=True)]
        else:
            entries = cast("list[_Pieces]", looked_up)
        ids = [self._first, *chain.from_iterable(map(_PIECES, entries)), self._last]
        starts = [
            at + offset
            for at, (_, offsets) in zip(map(_START, found), entries, strict=True)
            for offset in offsets
        ]
        return ids, [0, *starts, 0]

    def _pieces(self, words: list[str]) -> dict[str, tuple[list[int], list[int]]]:
        """The pieces of a few words not seen before, from one call, remembered if room."""
        # `encode_batch` lets go of the GIL while it works (`encode` does not): with several
        # guard workers, another one's Python runs meanwhile.
        (encoding,) = self._tokenizer.encode_batch(
            [words], is_pretokenized=True, add_special_tokens=False
        )
        fresh: dict[str, tuple[list[int], list[int]]] = {word: ([], []) for word in words}
        for piece, (start, _), of_word in zip(
            encoding.ids, encoding.offsets, encoding.word_ids, strict=True
        ):
            pieces, offsets = fresh[words[of_word or 0]]
            pieces.append(piece)
            offsets.append(start)
        if len(self._words) + len(fresh) <= MAX_CACHED_WORDS:
            self._words.update(fresh)
        return fresh

    def _whole(self, text: str, words: list[tuple[int, str]]) -> tuple[list[int], list[int]]:
        """A text with words not seen before: one tokenizer call, whose pieces are remembered.

        A text of mostly new words (random strings, encoded blobs) is not remembered: the
        cache would not pay for the time spent filling it.
        """
        (encoding,) = self._tokenizer.encode_batch([text])
        ids, starts = encoding.ids, [start for start, _ in encoding.offsets]
        first: dict[str, int] = {}
        for index, (_, word) in enumerate(words):
            if word not in self._words:
                first.setdefault(word, index)
        room = MAX_CACHED_WORDS - len(self._words)
        if len(first) > min(room, MAX_NEW_WORDS_PER_TEXT) or encoding.word_ids.count(None) != 2:
            return ids, starts
        fresh: dict[int, tuple[list[int], list[int]]] = {
            index: ([], []) for index in first.values()
        }
        for piece, start, of_word in zip(ids, starts, encoding.word_ids, strict=True):
            if of_word is not None and of_word in fresh:
                fresh[of_word][0].append(piece)
                fresh[of_word][1].append(start - words[of_word][0])
        self._words.update((word, fresh[index]) for word, index in first.items())
        return ids, starts
