"""The guard's verdicts on requests, remembered for the steps of an agent's loop.

An agent sends its whole conversation at every step of its loop: the user's request, then the
model's tool calls and their results, growing step by step. The intent guard judges a request by
its last user turn (in the context of the user turns it continues), which stays the same while
the tool results pile up, so every step after the first would be judged again to the same
verdict. `RememberedVerdicts` keeps the verdict per digest of what the guard reads
(`judged_request_digest`) and answers a step from memory: the same verdict, clause and
evidence, without the guard's few milliseconds. What the model then writes is still monitored
at every step; only the unchanged request is not judged twice.

The memory is bounded (least recently used first out) and keyed by a digest, never the text.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from redline.gateway.protocols import RequestJudge, Subject
from redline.guard.conversation import judged_request_digest
from redline.results import Verdict


class RememberedVerdicts:
    """A request judge that remembers the guard's verdicts on message lists it has judged."""

    def __init__(self, judge: RequestJudge, size: int = 4096) -> None:
        self._judge = judge
        self._size = size
        self._verdicts: OrderedDict[str, Verdict] = OrderedDict()
        self._lock = threading.Lock()
        self.remembered = 0  # checks answered from memory

    def check(self, subject: Subject, /) -> Verdict:
        """The guard's verdict, from memory when this request was judged before."""
        key = None if isinstance(subject, str) else judged_request_digest(subject)
        if key is None:
            return self._judge.check(subject)
        with self._lock:
            verdict = self._verdicts.get(key)
            if verdict is not None:
                self._verdicts.move_to_end(key)
                self.remembered += 1
                return verdict
        verdict = self._judge.check(subject)
        with self._lock:
            self._verdicts[key] = verdict
            while len(self._verdicts) > self._size:
                self._verdicts.popitem(last=False)
        return verdict
