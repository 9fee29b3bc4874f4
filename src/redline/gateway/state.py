"""What one running gateway holds: its configuration, parts, upstream client, audit and metrics.

`GatewayState` also owns the two policies every endpoint shares: how a guard failure is handled
(fail-closed unless fail-open was chosen, and then logged at every use) and how a decision is
audited (always, with full texts only when asked).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from redline.audit import AuditDecision, AuditRecord, AuditWriter, text_digest
from redline.constitution import Constitution
from redline.errors import InputError
from redline.gateway.config import GatewayConfig
from redline.gateway.metrics import GatewayMetrics
from redline.gateway.parts import UnavailableJudge
from redline.gateway.protocols import ActionJudge, Message, MonitorFactory, RequestJudge, Subject
from redline.gateway.remembered import RememberedVerdicts
from redline.gateway.upstream import Upstream
from redline.results import Verdict

log = logging.getLogger("redline.gateway")

GUARD_THREADS = 2


class LoopTurns:
    """Lets one caller at a time through per turn of the event loop, in arrival order.

    Work that runs on the loop without awaiting (a guard check) would otherwise run for every
    ready request in a row, and nothing else (no network, no timers) in the meantime.
    """

    def __init__(self) -> None:
        self._taken = False
        self._waiting: deque[asyncio.Future[None]] = deque()

    async def take(self) -> None:
        """Wait for this turn of the loop to be free, and take it."""
        loop = asyncio.get_running_loop()
        if self._taken or self._waiting:
            turn = loop.create_future()
            self._waiting.append(turn)
            try:
                await turn
            except asyncio.CancelledError:
                if turn.done() and not turn.cancelled():
                    self._pass()  # given the turn but gone: hand it on
                raise
        self._taken = True
        loop.call_soon(self._pass)  # the next caller goes at the next turn

    def _pass(self) -> None:
        self._taken = False
        while self._waiting:
            turn = self._waiting.popleft()
            if not turn.done():
                turn.set_result(None)
                return


@dataclass(frozen=True)
class Judgement:
    """The outcome of judging a request: a verdict, or the failure that prevented one."""

    verdict: Verdict | None
    failure: str = ""
    fail_open: bool = False
    seconds: float = 0.0
    invalid: str = ""  # the request itself is malformed (a client error, never fail-open)


@dataclass
class Exchange:
    """One request as it goes through the gateway, gathered for its audit record."""

    request_id: str
    client: str
    model: str
    endpoint: str = "chat"
    started: float = field(default_factory=time.perf_counter)
    request_text: str = ""
    response_text: str = ""
    fail_open: bool = False


class GatewayState:
    """The running gateway's dependencies and shared policies."""

    def __init__(
        self,
        config: GatewayConfig,
        judge: RequestJudge,
        make_monitor: MonitorFactory,
        audit: AuditWriter,
        constitution: Constitution,
        upstream: Upstream | None,
        action_judge: ActionJudge,
        remembered: RememberedVerdicts | None = None,
    ) -> None:
        self.config = config
        self.judge = judge
        self.remembered = remembered
        self.action_judge = action_judge
        self.make_monitor = make_monitor
        self.audit = audit
        self.constitution = constitution
        self.upstream = upstream
        self.metrics = GatewayMetrics()
        # Long requests are judged here, off the event loop; started now, so the first long
        # request does not pay for starting a thread.
        self._guard_threads = ThreadPoolExecutor(GUARD_THREADS, thread_name_prefix="redline-guard")
        self._guard_threads.submit(lambda: None)
        self._loop_turns = LoopTurns()
        self.active_streams = 0
        self.metrics.gauge(
            "redline_active_streams", "Answers being streamed now.", lambda: self.active_streams
        )
        self.metrics.gauge(
            "redline_audit_pending", "Audit records not yet written.", self._audit_pending
        )
        self.metrics.gauge(
            "redline_audit_healthy", "1 when the audit store accepts writes.", self._audit_ok
        )

    def _audit_pending(self) -> float:
        return float(self.audit.health().pending)

    def _audit_ok(self) -> float:
        return 1.0 if self.audit.health().ok else 0.0

    @property
    def guard_available(self) -> bool:
        """False when the intent guard could not be loaded."""
        return not isinstance(self.judge, UnavailableJudge)

    def audit_blocks_serving(self) -> str:
        """Why requests must be refused for lack of an audit log, or "" when they need not be."""
        health = self.audit.health()
        if health.ok or not self.config.audit.require:
            return ""
        return f"the audit log at {health.location} is failing ({health.error})"

    async def judge_request(self, subject: Subject, request_id: str = "") -> Judgement:
        """Judge a request (see `run_check` for where); a guard failure is fail-closed unless
        configured otherwise."""
        started = time.perf_counter()
        try:
            verdict = await self.check_request(subject)
        except InputError as error:  # what was sent cannot be judged: the client's to mend
            return Judgement(None, invalid=str(error), seconds=time.perf_counter() - started)
        except Exception as error:
            seconds = time.perf_counter() - started
            return self.guard_failed(f"{type(error).__name__}: {error}", request_id, seconds)
        return Judgement(verdict, seconds=time.perf_counter() - started)

    async def check_request(self, subject: Subject) -> Verdict:
        """The guard's verdict on a request: from memory for an agent loop's later steps
        (`RememberedVerdicts`), else judged by `run_check` and remembered."""
        memory = self.remembered
        key = memory.key(subject) if memory is not None else None
        if memory is None or key is None:
            return await self._judged(subject)
        recalled = memory.recall(key)
        if recalled is not None:
            return recalled
        verdict = await self._judged(subject)
        memory.keep(key, verdict)
        return verdict

    async def _judged(self, subject: Subject) -> Verdict:
        return await self.run_check(lambda: self.judge.check(subject), subject_size(subject))

    async def run_check(self, check: Callable[[], Verdict], size: int) -> Verdict:
        """Run one guard check (of `size` characters) where it costs the other requests least.

        A short check runs on the event loop: it takes a few milliseconds, and on a thread it
        would cost more, not less (handing it over and back takes a while once the loop is
        busy, and a thread running the guard's Python holds the interpreter lock, so the loop
        waits for it at every turn). Checks on the loop take turns, one per turn of the loop,
        so that a burst of requests cannot run a thousand checks in a row while the network
        waits (1,000 requests at once saw a third of their upstream connections time out when
        it did). A long check goes to a guard thread, so
        that no single check stops the answers being relayed for tens of milliseconds.
        """
        if size <= self.config.server.inline_guard_chars:
            await self._loop_turns.take()
            return self._timed(check)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._guard_threads, self._timed, check)

    def _timed(self, check: Callable[[], Verdict]) -> Verdict:
        """Run a check, adding its own time (not its wait for a turn) to the guard metric."""
        started = time.perf_counter()
        try:
            return check()
        finally:
            self.metrics.guard_latency.observe(time.perf_counter() - started)

    def close(self) -> None:
        """Stop the guard threads (a check under way finishes first)."""
        self._guard_threads.shutdown(wait=True, cancel_futures=True)

    def guard_failed(self, failure: str, request_id: str = "", seconds: float = 0.0) -> Judgement:
        """Record a guard or monitor failure; fail-open only when configured, and say so."""
        fail_open = self.config.server.fail_open
        mode = "open" if fail_open else "closed"
        self.metrics.guard_failures.inc(mode)
        if fail_open:
            log.warning("%s: guard failed (%s): FAIL-OPEN, serving unchecked", request_id, failure)
        else:
            log.error("%s: guard failed (%s): fail-closed, refusing to serve", request_id, failure)
        return Judgement(None, failure=failure, fail_open=fail_open, seconds=seconds)

    def record(
        self,
        exchange: Exchange,
        decision: AuditDecision,
        *,
        verdict: Verdict | None = None,
        stage: str = "request",
        status: int = 200,
        error: str = "",
    ) -> None:
        """Audit one decision (never blocks: the writer thread does the writing)."""
        keep_text = self.config.audit.text
        fields: dict[str, Any] = {
            "request_id": exchange.request_id,
            "client": exchange.client,
            "endpoint": exchange.endpoint,
            "model": exchange.model,
            "decision": decision,
            "stage": stage,
            "latency_ms": round((time.perf_counter() - exchange.started) * 1000.0, 3),
            "status": status,
            "fail_open": exchange.fail_open,
            "error": error,
            "request_digest": text_digest(exchange.request_text),
            "response_digest": text_digest(exchange.response_text)
            if exchange.response_text
            else "",
            "request_text": exchange.request_text if keep_text else None,
            "response_text": exchange.response_text if keep_text else None,
        }
        if verdict is not None:
            record = AuditRecord.from_verdict(verdict, **fields)
        else:
            record = AuditRecord(**fields)
        self.audit.submit(record)


def subject_text(messages: Sequence[Message]) -> str:
    """A conversation as the text recorded (or hashed) in the audit log."""
    return json.dumps(list(messages), ensure_ascii=False, sort_keys=True, default=str)


def subject_size(subject: Subject) -> int:
    """How many characters of text a request gives the guard to read."""
    if isinstance(subject, str):
        return len(subject)
    size = 0
    for message in subject:
        content = message.get("content")
        if isinstance(content, str):
            size += len(content)
        elif isinstance(content, list):  # content parts: count their texts
            size += sum(
                len(str(part.get("text", ""))) for part in content if isinstance(part, dict)
            )
    return size
