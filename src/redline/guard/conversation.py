"""Conversation handling: which parts of a message list are judged, and in what context.

The last user turn is the request being judged. When it leans on earlier turns ("now point it
at that site", "and then delete the originals", a short "do it for real"), it is also judged
joined with the user turns before it, so a request split across turns, or a target named three
turns ago, is read whole. A last turn that stands on its own is judged on its own, so an early
question does not taint an unrelated later one. Assistant turns are context the user did not
write and are never judged as the user's request.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from redline.errors import InputError

ROLES = frozenset({"system", "user", "assistant", "tool", "developer"})
CONTEXT_TURNS = 4  # earlier user turns read with a continuing last turn
SHORT_TURN_WORDS = 12

_CONTINUES = re.compile(
    r"\b(?:it|them|those|these|that|this one|the same|same thing|above|earlier|previous"
    r"|mentioned|now|then|also|next|again|instead|for real|as well|continue|go on"
    r"|the (?:site|host|server|machine|target|one|code|script|tool|payload|address))\b"
    r"|^\s*(?:\.\.\.|and\b|but\b|ok\b|okay\b|great\b|perfect\b|thanks\b|cool\b|so\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Turn:
    """One message of a conversation."""

    index: int
    role: str
    content: str


@dataclass(frozen=True)
class View:
    """One text that is judged: a turn, turns joined in context, or a decoded payload.

    `parts` maps the view back to messages: (message index, offset of that message's text
    inside `text`), so evidence found in a view can be quoted from the message itself.
    """

    text: str
    parts: tuple[tuple[int, int], ...]
    origin: str


def parse_messages(messages: Sequence[Mapping[str, Any]]) -> list[Turn]:
    """Validate OpenAI-style messages into turns; an `InputError` names what is wrong.

    Content comes as the OpenAI API sends it: a string; a list of content parts, whose text
    parts are read joined (images, audio and files carry no text to judge); or null, for an
    assistant turn that only calls tools. An assistant turn's tool-call arguments are part of
    what it wrote, read as code blocks after its text, so that a model's call to run a
    command is judged like the command.
    """
    turns: list[Turn] = []
    for index, message in enumerate(messages):
        if not isinstance(message, Mapping):
            raise InputError(f"message {index} is not an object with role and content")
        role = message.get("role")
        if role not in ROLES:
            raise InputError(f"message {index} has role {role!r}; expected one of {sorted(ROLES)}")
        text = _content_text(message.get("content"), index)
        if role == "assistant":
            text += "".join(f"\n```\n{arguments}\n```" for arguments in _call_arguments(message))
        turns.append(Turn(index, str(role), text))
    return turns


def _content_text(content: object, index: int) -> str:
    if isinstance(content, str):
        return content
    if content is None:
        return ""
    if isinstance(content, list):
        texts = []
        for part in content:
            if not isinstance(part, Mapping):
                raise InputError(f"message {index} has a content part that is not an object")
            for key in ("text", "refusal"):  # a text part, or an assistant's refusal part
                if isinstance(part.get(key), str):
                    texts.append(part[key])
        return "\n".join(texts)
    raise InputError(f"message {index} has no text content (a string, a list of parts or null)")


def _call_arguments(message: Mapping[str, Any]) -> list[str]:
    """The arguments of an assistant turn's tool calls (and legacy function call), in order."""
    calls = message.get("tool_calls")
    functions = (
        [call.get("function") for call in calls if isinstance(call, Mapping)]
        if isinstance(calls, list)
        else []
    )
    functions.append(message.get("function_call"))
    return [
        function["arguments"]
        for function in functions
        if isinstance(function, Mapping)
        and isinstance(function.get("arguments"), str)
        and function["arguments"]
    ]


def ends_with_response(turns: Sequence[Turn]) -> bool:
    """True when a conversation ends with the assistant: its response is what is judged (in the
    context of any request before it), not a request."""
    return bool(turns) and turns[-1].role == "assistant"


def check_judgeable(messages: Sequence[Mapping[str, Any]]) -> None:
    """Raise an `InputError` when the guard could not judge these messages: a conversation
    that does not end with a response needs a user turn to judge."""
    turns = parse_messages(messages)
    if not ends_with_response(turns):
        request_views(turns)


def continues_earlier_turns(text: str) -> bool:
    """True when a turn leans on what came before (a reference back, or a short fragment)."""
    return bool(_CONTINUES.search(text)) or len(text.split()) <= SHORT_TURN_WORDS


def _joined(turns: Sequence[Turn]) -> View:
    pieces: list[str] = []
    parts: list[tuple[int, int]] = []
    offset = 0
    for turn in turns:
        parts.append((turn.index, offset))
        pieces.append(turn.content)
        offset += len(turn.content) + 1
    return View("\n".join(pieces), tuple(parts), "conversation")


def request_views(turns: Sequence[Turn]) -> tuple[int, list[View]]:
    """The index of the judged user turn and the one view to judge it by.

    The view is the turn on its own, or, when it continues earlier turns, the turn joined with
    up to `CONTEXT_TURNS` of them: a fragment ("... and on a workstation I administer") or a
    reference back ("point it at that site") means nothing on its own, and the classifier never
    learnt to read one alone.
    """
    users = [turn for turn in turns if turn.role == "user"]
    if not users:
        raise InputError("the conversation has no user message to judge")
    last = users[-1]
    earlier = users[-1 - CONTEXT_TURNS : -1]
    if earlier and continues_earlier_turns(last.content):
        return last.index, [_joined([*earlier, last])]
    return last.index, [View(last.content, ((last.index, 0),), "request")]


def judged_request_digest(messages: Sequence[Mapping[str, Any]]) -> str | None:
    """A digest of everything the guard reads to judge these messages as a request, or None
    when it judges them otherwise (a conversation ending with the assistant's response).

    The guard judges a request by its views alone (`request_views`: the last user turn, and the
    user turns it continues, with their message indices), so two message lists with the same
    digest get the same verdict: an agent's loop, which re-sends its conversation with more tool
    results at every step, keeps the digest of its last user turn.
    """
    turns = parse_messages(messages)
    if ends_with_response(turns):
        return None
    _, views = request_views(turns)
    digest = hashlib.blake2b(digest_size=20)
    for view in views:
        digest.update(repr((view.text, view.parts, view.origin)).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()
