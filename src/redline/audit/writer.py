"""The audit writer: a background thread that batches records into the store.

The response path only appends to an in-memory queue (microseconds). The writer thread drains
it in batches, so a thousand concurrent requests cost a handful of transactions. A failed write
is never dropped: the batch stays pending and is retried, the failure is logged and reported by
`health()`, and the gateway refuses new requests until the store recovers (unless told to serve
unaudited). Only at shutdown, when the store is still failing, are the records still pending
written to the log as JSON lines, so that even then they are not lost silently.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from dataclasses import dataclass

from redline.audit.record import AuditRecord
from redline.audit.store import AuditStore

log = logging.getLogger("redline.audit")

BATCH = 512
RETRY_SECONDS = 1.0
LINGER_SECONDS = 0.05
"""How long the writer waits for more records before writing a small batch: one transaction
(and one wake-up of this thread, which competes with the server for the interpreter) per
batch rather than per request."""


@dataclass(frozen=True)
class AuditHealth:
    """Whether the audit log is keeping up: `ok`, records waiting, and the last error if any."""

    ok: bool
    location: str
    pending: int
    written: int
    failures: int
    error: str = ""


class AuditWriter:
    """Writes audit records to a store on its own thread; `submit` never waits on the store."""

    def __init__(self, store: AuditStore) -> None:
        self._store = store
        self._queue: deque[AuditRecord] = deque()
        self._wake = threading.Condition()
        self._stopping = False
        self._waiters = 0  # callers of flush/wait_written: write at once for them
        self._in_flight = 0
        self._written = 0
        self._failures = 0
        self._error = ""
        self._thread = threading.Thread(target=self._run, name="redline-audit", daemon=True)
        self._thread.start()

    @property
    def location(self) -> str:
        """Where the records go (a path or a URL without its password)."""
        return self._store.location

    def submit(self, record: AuditRecord) -> None:
        """Queue one record for writing; returns at once."""
        with self._wake:
            self._queue.append(record)
            if len(self._queue) == 1 or len(self._queue) >= BATCH:
                self._wake.notify_all()

    def health(self) -> AuditHealth:
        """The writer's state: healthy when the last write (or open) succeeded."""
        with self._wake:
            return AuditHealth(
                ok=not self._error,
                location=self.location,
                pending=len(self._queue) + self._in_flight,
                written=self._written,
                failures=self._failures,
                error=self._error,
            )

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every submitted record is written; False when the timeout passed first."""
        with self._wake:
            self._waiters += 1
            self._wake.notify_all()
            try:
                return self._wake.wait_for(
                    lambda: not self._queue and not self._in_flight, timeout=timeout
                )
            finally:
                self._waiters -= 1

    def wait_written(self, count: int, timeout: float = 10.0) -> bool:
        """Wait until at least `count` records have been written; False on timeout."""
        with self._wake:
            self._waiters += 1
            self._wake.notify_all()
            try:
                return self._wake.wait_for(lambda: self._written >= count, timeout=timeout)
            finally:
                self._waiters -= 1

    def close(self, timeout: float = 10.0) -> None:
        """Write what is pending, stop the thread and close the store."""
        self.flush(timeout)
        with self._wake:
            self._stopping = True
            self._wake.notify_all()
        self._thread.join(timeout)
        with self._wake:
            unwritten = list(self._queue)
            self._queue.clear()
        for record in unwritten:
            log.error("audit record not written to the store: %s", record.model_dump_json())
        self._store.close()

    def _run(self) -> None:
        while True:
            with self._wake:
                self._wake.wait_for(lambda: self._queue or self._stopping)
                self._wake.wait_for(self._batch_ready, timeout=LINGER_SECONDS)
                if self._stopping and (not self._queue or self._error):
                    return
                batch = [self._queue.popleft() for _ in range(min(BATCH, len(self._queue)))]
                self._in_flight = len(batch)
            try:
                self._write(batch)
            except Exception as error:  # any store failure: keep the batch and report
                self._fail(batch, error)
                with self._wake:
                    self._wake.wait(RETRY_SECONDS)
                continue
            with self._wake:
                self._in_flight = 0
                self._written += len(batch)
                if self._error:
                    log.warning("audit store %s recovered", self.location)
                self._error = ""
                self._wake.notify_all()

    def _batch_ready(self) -> bool:
        return len(self._queue) >= BATCH or self._stopping or self._waiters > 0

    def _write(self, batch: list[AuditRecord]) -> None:
        self._store.write(batch)

    def _fail(self, batch: list[AuditRecord], error: Exception) -> None:
        with self._wake:
            self._queue.extendleft(reversed(batch))
            self._in_flight = 0
            self._failures += 1
            first = not self._error
            self._error = f"{type(error).__name__}: {error}"
            self._wake.notify_all()
        if first:
            log.error(
                "audit store %s failed (%s); %d record(s) kept for retry",
                self.location,
                self._error,
                len(batch),
            )
