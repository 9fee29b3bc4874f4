"""Pass an answer through the output monitor, chunk by chunk, releasing only what it releases.

Everything a model writes that a client may act on is monitored: each choice's `content`, its
other texts (`reasoning_content` or `reasoning` from reasoning models, `refusal`), and
the arguments of each of its tool calls (`tool_calls[i].function.arguments`, and the legacy
`function_call.arguments`), which an agent runs as they are: arguments carry commands and
programs, so they are fed to the monitor as code (behind a code fence the client never sees).
Each of these texts has its own monitor, and `MonitoredAnswer` rewrites every upstream chunk so
that each text carries exactly what its monitor released.

Halts are per choice. When a monitor halts, its choice stops: nothing more of it is sent, its
held-back text is never delivered, and the caller sends that choice's `content_filter` finish
with the verdict (`new_halts()`); the answer's other choices go on. With one choice, as usual,
the first halt ends the answer.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from redline.gateway.openai_format import CONTENT_FILTER, chunk, delivered_verdict
from redline.gateway.protocols import Message, MonitorDecision, MonitorFactory, OutputMonitor
from redline.results import Decision, Verdict

UNCHECKED = Verdict(
    decision=Decision.ALLOW,
    score=0.0,
    explanation="Not checked: the output monitor was unavailable and the gateway runs fail-open.",
    kind="response",
    notes=("fail-open",),
)

CODE_PREAMBLE = "```\n"
"""Fed to a tool call's monitor before its arguments, so that they are judged and held back as
code; the monitor releases a prefix of what it is fed, so the preamble is cut from the front of
what it releases and never reaches the client."""

CONTENT = "content"
TOOL = "tool"
FUNCTION = "function"
TEXT_FIELDS = ("reasoning_content", "reasoning", "refusal")
"""Other texts a model writes beside its content (a reasoning model's thinking, a refusal):
each is monitored like content, through its own monitor, and carries only what it releases."""
TEXTS = (CONTENT, *TEXT_FIELDS)
_MONITORED_KEYS = frozenset({*TEXTS, "tool_calls", "function_call"})


@dataclass(frozen=True)
class Released:
    """A monitor decision that releases text as it is."""

    halted: bool
    release: str
    verdict: Verdict


class PassThrough:
    """Releases everything at once; used only when fail-open was chosen and the monitor failed."""

    def feed(self, chunk: str, /) -> Released:
        """Release the chunk."""
        return Released(False, chunk, UNCHECKED)

    def finish(self) -> Released:
        """Nothing was held back."""
        return Released(False, "", UNCHECKED)


class _Channel:
    """One monitored text of one choice: its content, or the arguments of one tool call."""

    def __init__(self, monitor: OutputMonitor, index: int, kind: str, position: int) -> None:
        self.monitor = monitor
        self.index = index
        self.kind = kind
        self.position = position
        self.finished = False
        self._hidden = 0  # characters of the preamble still to cut from what is released
        self.opening: MonitorDecision | None = None
        if kind in (TOOL, FUNCTION):  # arguments are read as code
            self._hidden = len(CODE_PREAMBLE)
            self.opening = monitor.feed(CODE_PREAMBLE)

    def visible(self, release: str) -> str:
        """What the client may see of a release: without the preamble."""
        if self._hidden and release:
            cut = min(self._hidden, len(release))
            self._hidden -= cut
            return release[cut:]
        return release


class MonitoredAnswer:
    """The monitored state of one answer: monitors per choice and text, releases, halts."""

    def __init__(self, make_monitor: MonitorFactory, request: Sequence[Message] | str) -> None:
        self._make_monitor = make_monitor
        self._request = request
        self._channels: dict[tuple[int, str, int], _Channel] = {}
        self._finished_choices: set[int] = set()
        self._halts: dict[int, Verdict] = {}
        self._unsent_halts: list[int] = []
        self.released: dict[int, list[str]] = {}
        self.halt: Verdict | None = None  # the first halt of any choice
        self.last_verdict: Verdict | None = None

    @classmethod
    def unmonitored(cls) -> MonitoredAnswer:
        """An answer released as it comes, for fail-open serving when the monitor is missing."""
        return cls(lambda request: PassThrough(), "")

    def open(self, index: int) -> None:
        """Make the monitor for one choice now, so that a missing monitor shows before serving."""
        self._channel(index, CONTENT, 0)

    def text(self, index: int = 0) -> str:
        """The content released so far for one choice."""
        return "".join(self.released.get(index, ()))

    def halted(self, index: int) -> bool:
        """True once choice `index` crossed a redline."""
        return index in self._halts

    def settled(self, choices: int) -> bool:
        """True when every one of `choices` choices has halted: nothing more may be sent."""
        if len(self._halts) < choices or not self._halts:
            return False  # the usual answer: nothing halted (checked at every chunk)
        return all(index in self._halts for index in range(choices))

    def new_halts(self) -> list[tuple[int, Verdict]]:
        """Halts not yet announced to the client, each as (choice index, verdict)."""
        if not self._unsent_halts:
            return []
        halts = [(index, self._halts[index]) for index in self._unsent_halts]
        self._unsent_halts.clear()
        return halts

    def halt_chunk(self, envelope: dict[str, Any], index: int, verdict: Verdict) -> dict[str, Any]:
        """The chunk that ends choice `index` at a halt: `content_filter` and the verdict."""
        return chunk(
            str(envelope.get("id")),
            str(envelope.get("model")),
            {},
            CONTENT_FILTER,
            delivered_verdict(verdict),
            index=index,
        )

    # -- streamed answers --------------------------------------------------------------------

    def feed_text(self, text: str, index: int = 0) -> str:
        """Feed one piece of a choice's streamed content; returns the content released by it."""
        if not text or index in self._halts:
            return ""
        return self._feed(self._channel(index, CONTENT, 0), text)

    def filter_chunk(self, upstream: dict[str, Any]) -> dict[str, Any] | None:
        """The chunk to send for an upstream chunk, or None when there is nothing to send.

        A choice that halts in this chunk keeps only what was released before its halt, and
        loses its finish: its `content_filter` finish comes from `new_halts()`.
        """
        choices = upstream.get("choices")
        if not isinstance(choices, list) or not choices:
            return upstream  # usage-only and other choice-less chunks pass unchanged
        sent = []
        for choice in choices:
            if not isinstance(choice, dict):
                continue
            index = int(choice.get("index") or 0)
            if index in self._halts:
                continue  # a halted choice sends nothing more
            raw_delta = choice.get("delta")
            delta: dict[str, Any] = raw_delta if isinstance(raw_delta, dict) else {}
            rewritten_delta = self._filter_delta(index, delta)
            if index not in self._halts and choice.get("finish_reason"):
                self._add_tails(rewritten_delta, self._finish_choice(index))
            rewritten = copy.copy(choice)
            rewritten["delta"] = rewritten_delta
            if index in self._halts:
                rewritten["finish_reason"] = None
                if not rewritten_delta:
                    continue
            elif not rewritten_delta and not rewritten.get("finish_reason"):
                continue
            sent.append(rewritten)
        if not sent:
            return None
        return {**upstream, "choices": sent}

    def finish_all(self, envelope: dict[str, Any]) -> list[dict[str, Any]]:
        """The stream ended: finish every choice still open; the chunks carrying their tails."""
        tails = []
        indices = sorted({key[0] for key in self._channels})
        for index in indices:
            if index in self._halts or index in self._finished_choices:
                continue
            delta: dict[str, Any] = {}
            self._add_tails(delta, self._finish_choice(index))
            if delta:
                tails.append(
                    chunk(str(envelope.get("id")), str(envelope.get("model")), delta, index=index)
                )
        return tails

    # -- whole answers -----------------------------------------------------------------------

    def filter_text(self, text: str, index: int = 0, kind: str = CONTENT) -> str:
        """Monitor a whole text of a choice at once (its content unless `kind` names another);
        returns what may be sent (all of it unless halted)."""
        channel = self._channel(index, kind, 0)
        released = self._feed(channel, text) if text else ""
        if index not in self._halts:
            released += self._finish(channel)
        return released

    def filter_choice(self, choice: dict[str, Any]) -> None:
        """Monitor one choice of a whole completion, in place.

        A halted choice keeps the content released before its halt, loses its tool calls, and
        ends with `content_filter` and its verdict under `redline`.
        """
        index = int(choice.get("index") or 0)
        message = choice.get("message")
        if not isinstance(message, dict):
            return
        for field in TEXT_FIELDS:  # written before the content
            text = message.get(field)
            if isinstance(text, str) and text:
                message[field] = self.filter_text(text, index, field)
        if isinstance(message.get("content"), str):
            message["content"] = self.filter_text(message["content"], index)
        calls = message.get("tool_calls")
        for position, call in enumerate(calls if isinstance(calls, list) else ()):
            if index in self._halts:
                break
            function = call.get("function") if isinstance(call, dict) else None
            if isinstance(function, dict) and isinstance(function.get("arguments"), str):
                self._whole(self._channel(index, TOOL, position), function)
        function = message.get("function_call")
        arguments = function.get("arguments") if isinstance(function, dict) else None
        if index not in self._halts and isinstance(function, dict) and isinstance(arguments, str):
            self._whole(self._channel(index, FUNCTION, 0), function)
        if index in self._halts:
            message.pop("tool_calls", None)
            message.pop("function_call", None)
            choice["finish_reason"] = CONTENT_FILTER
            choice["redline"] = delivered_verdict(self._halts[index]).model_dump(mode="json")
            self._unsent_halts.clear()  # announced in the choice itself

    # -- internals ---------------------------------------------------------------------------

    def _filter_delta(self, index: int, delta: dict[str, Any]) -> dict[str, Any]:
        """A delta carrying only what the monitors of choice `index` release from it."""
        rewritten = {key: value for key, value in delta.items() if key not in _MONITORED_KEYS}
        for field in TEXTS:
            text = delta.get(field)
            if isinstance(text, str) and text:
                if index not in self._halts:
                    released = self._feed(self._channel(index, field, 0), text)
                    if released:
                        rewritten[field] = released
            elif field in delta:
                rewritten[field] = text  # an opening "" (or null) passes as it came
        calls = delta.get("tool_calls")
        if isinstance(calls, list) and index not in self._halts:
            kept = []
            for call in calls:
                if not isinstance(call, dict):
                    continue
                position = int(call.get("index") or 0)
                kept_call = self._filter_call(self._channel(index, TOOL, position), call)
                if kept_call is not None:
                    kept.append(kept_call)
                if index in self._halts:
                    break
            if kept:
                rewritten["tool_calls"] = kept
        function = delta.get("function_call")
        if isinstance(function, dict) and index not in self._halts:
            kept_function = self._filter_function(self._channel(index, FUNCTION, 0), function)
            if kept_function:
                rewritten["function_call"] = kept_function
        return rewritten

    def _filter_call(self, channel: _Channel, call: dict[str, Any]) -> dict[str, Any] | None:
        function = call.get("function")
        kept_function = (
            self._filter_function(channel, function) if isinstance(function, dict) else {}
        )
        kept = {key: value for key, value in call.items() if key not in ("function", "index")}
        if not kept and not kept_function:
            return None
        kept = {"index": call.get("index", channel.position), **kept}
        if kept_function or isinstance(function, dict):
            kept["function"] = kept_function
        return kept

    def _filter_function(self, channel: _Channel, function: dict[str, Any]) -> dict[str, Any]:
        kept = {key: value for key, value in function.items() if key != "arguments"}
        arguments = function.get("arguments")
        if isinstance(arguments, str) and arguments:
            released = self._feed(channel, arguments)
            if released or kept:
                kept["arguments"] = released
        elif "arguments" in function and kept:
            kept["arguments"] = arguments
        return kept

    def _whole(self, channel: _Channel, function: dict[str, Any]) -> None:
        released = self._feed(channel, function["arguments"])
        if channel.index not in self._halts:
            released += self._finish(channel)
        function["arguments"] = released

    def _finish_choice(self, index: int) -> list[tuple[_Channel, str]]:
        """Finish every monitor of a choice; what each released, in the order they began."""
        self._finished_choices.add(index)
        tails = []
        for key, channel in list(self._channels.items()):
            if key[0] != index or channel.finished:
                continue
            if index in self._halts:
                break
            tails.append((channel, self._finish(channel)))
        return tails

    @staticmethod
    def _add_tails(delta: dict[str, Any], tails: list[tuple[_Channel, str]]) -> None:
        for channel, text in tails:
            if not text:
                continue
            if channel.kind in TEXTS:
                delta[channel.kind] = (delta.get(channel.kind) or "") + text
            elif channel.kind == FUNCTION:
                function = delta.setdefault("function_call", {})
                function["arguments"] = function.get("arguments", "") + text
            else:
                calls = delta.setdefault("tool_calls", [])
                call = next((c for c in calls if c.get("index") == channel.position), None)
                if call is None:
                    call = {"index": channel.position, "function": {}}
                    calls.append(call)
                function = call.setdefault("function", {})
                function["arguments"] = function.get("arguments", "") + text

    def _channel(self, index: int, kind: str, position: int) -> _Channel:
        key = (index, kind, position)
        channel = self._channels.get(key)
        if channel is None:
            channel = self._channels[key] = _Channel(
                self._make_monitor(self._request), index, kind, position
            )
            if channel.opening is not None:
                self._apply(channel, channel.opening)
        return channel

    def _feed(self, channel: _Channel, text: str) -> str:
        return self._apply(channel, channel.monitor.feed(text))

    def _finish(self, channel: _Channel) -> str:
        channel.finished = True
        return self._apply(channel, channel.monitor.finish())

    def _apply(self, channel: _Channel, decision: MonitorDecision) -> str:
        index = channel.index
        if index in self._halts:
            return ""
        self.last_verdict = decision.verdict
        release = channel.visible(decision.release)
        if release and channel.kind == CONTENT:
            self.released.setdefault(index, []).append(release)
        if decision.halted:
            self._halts[index] = decision.verdict
            self._unsent_halts.append(index)
            if self.halt is None:
                self.halt = decision.verdict
        return release
