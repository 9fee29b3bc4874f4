"""The guard's verdicts on requests, remembered for the steps of an agent's loop.

An agent sends its whole conversation at every step of its loop: the user's request, then the
model's tool calls and their results, growing step by step. The intent guard judges a request by
its last user turn (in the context of the user turns it continues), which stays the same while
the tool results pile up, so every step after the first would be judged again to the same
verdict. `RememberedVerdicts` keeps the verdict per digest of what the guard reads
(`judged_request_digest`), so that the gateway answers a step from memory: the same verdict,
clause and evidence, without the guard's few milliseconds or a wait for its turn. What the model
then writes is still monitored at every step; only the unchanged request is not judged twice.

The memory is bounded (least recently used first out) and keyed by a digest, never the text.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from redline.gateway.protocols import Subject
from redline.guard.conversation import judged_request_digest
from redline.results import Verdict


class RememberedVerdicts:
    """The guard's verdicts on the message lists it has judged as requests, by digest."""

    def __init__(self, size: int = 4096) -> None:
        self._size = size
        self._verdicts: OrderedDict[str, Verdict] = OrderedDict()
        self._lock = threading.Lock()
        self.remembered = 0  # checks answered from memory

    @staticmethod
    def key(subject: Subject) -> str | None:
        """What a verdict on `subject` is remembered by, or None when it is always judged afresh
        (a text, or a conversation ending with the model's response).

        Raises `InputError` when the messages cannot be read, as the guard would.
        """
        return None if isinstance(subject, str) else judged_request_digest(subject)

    def recall(self, key: str) -> Verdict | None:
        """The verdict remembered under `key` (counted as answered from memory), if any."""
        with self._lock:
            verdict = self._verdicts.get(key)
            if verdict is not None:
                self._verdicts.move_to_end(key)
                self.remembered += 1
            return verdict

    def keep(self, key: str, verdict: Verdict) -> None:
        """Remember `verdict` under `key`, forgetting the least recently used beyond the size."""
        with self._lock:
            self._verdicts[key] = verdict
            self._verdicts.move_to_end(key)
            while len(self._verdicts) > self._size:
                self._verdicts.popitem(last=False)
