"""Load the guard and output monitor; a guard that fails to load gets a stand-in that refuses.

A damaged model never means "serve without checking": the stand-in raises
`PartUnavailableError`, which the gateway treats like any guard failure (fail-closed by default).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path

from redline.gateway.protocols import (
    ActionJudge,
    Message,
    MonitorFactory,
    OutputMonitor,
    Subject,
)
from redline.results import Verdict

log = logging.getLogger("redline.gateway")


class PartUnavailableError(RuntimeError):
    """A part the gateway depends on could not be loaded."""


class UnavailableJudge:
    """Stands in for the intent guard when it cannot be loaded; every check fails."""

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def check(self, subject: Subject, /) -> Verdict:
        """Always raises: nothing can be judged."""
        raise PartUnavailableError(self.reason)

    def check_action(self, command: str, /, kind: str = "shell") -> Verdict:
        """Always raises: nothing can be judged."""
        raise PartUnavailableError(self.reason)


NUMERIC_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def limit_numeric_threads() -> None:
    """One thread per matrix product in this process, unless the environment says otherwise.

    A server's parallelism comes from its many requests; a BLAS thread pool spinning on each
    small product of the guard only takes the cores the other requests need (on a busy machine
    it made a check about twice as slow). Effective only before numpy is first imported, so
    `redline serve` calls it first thing.
    """
    for variable in NUMERIC_THREAD_VARIABLES:
        os.environ.setdefault(variable, "1")


def load_request_judge() -> object:
    """The shared intent guard (`Guard.default()`), or a stand-in that fails every check."""
    from redline.guard import Guard

    try:
        return Guard.default()
    except Exception as error:  # a damaged model file: serve nothing unchecked, say why
        reason = f"the intent guard failed to load ({type(error).__name__}: {error})"
        log.error("%s: every request will be treated as a guard failure", reason)
        return UnavailableJudge(reason)


def load_monitor_factory(
    holdback_chars: int | None = None,
    constitution: Path | None = None,
    *,
    prose_holdback_chars: int | None = None,
    max_holdback_chars: int | None = None,
) -> MonitorFactory:
    """Makes a `StreamMonitor` per answer; a holdback left as None keeps the monitor's default."""
    from redline.constitution import load_constitution
    from redline.redlines.stream import (
        DEFAULT_HOLDBACK_CHARS,
        DEFAULT_PROSE_HOLDBACK_CHARS,
        StreamMonitor,
    )

    holdback = DEFAULT_HOLDBACK_CHARS if holdback_chars is None else holdback_chars
    prose = DEFAULT_PROSE_HOLDBACK_CHARS if prose_holdback_chars is None else prose_holdback_chars
    chosen = load_constitution(constitution)

    def monitor(request: Sequence[Message] | str | None) -> OutputMonitor:
        return StreamMonitor(
            request,
            holdback_chars=holdback,
            constitution=chosen,
            prose_holdback_chars=prose,
            max_holdback_chars=max_holdback_chars,
        )

    return monitor


class ActionGate:
    """The output redlines' agent action gate (`judge_action`) as an `ActionJudge`."""

    def __init__(self, constitution: Path | None = None) -> None:
        from redline.constitution import load_constitution

        self._constitution = load_constitution(constitution)

    def check_action(self, command: str, /, kind: str = "shell") -> Verdict:
        """The verdict on a shell command line or a Python program."""
        from redline.redlines import judge_action

        return judge_action(command, "python" if kind == "python" else "shell", self._constitution)


def load_action_judge(judge: object, constitution: Path | None = None) -> ActionJudge:
    """The guard itself when it judges commands, else the output redlines' action gate."""
    if isinstance(judge, ActionJudge) and not isinstance(judge, UnavailableJudge):
        return judge
    try:
        import redline.redlines  # noqa: F401
    except ImportError as error:
        return UnavailableJudge(f"no action gate is available ({error})")
    return ActionGate(constitution)
