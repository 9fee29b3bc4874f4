"""Functions that start themselves again when their request ends: JavaScript's endless loop.

Event-driven code has no `while (true)`: a function loops forever by handing itself to its own
request's completion (`fetch(u).finally(hit)`, `res.on('end', hammer)`, `req.on('error', () =>
setImmediate(hammer))`, `setTimeout(poll, 5000)`). When nothing in its body ever returns, the
function runs for as long as the program does, so each hand-over is cited as an endless loop;
a loop whose whole body starts such a function (`for (let i = 0; i < CONNS; i++) hammer();`)
runs that many of them at once, cited as many workers.

A function with a `return` in its body can stop (a crawler's `if (!queue.length) return;`, a
load test's `if (Date.now() > end) return;`), so it is left alone: a worker pool over a queue is
not a swarm of endless loops. Whether the loop pauses (`setTimeout(poll, 5000)`) is for the
detectors, which read pauses on their own.
"""

from __future__ import annotations

import re

from redline.redlines.capabilities import Capability, Hit
from redline.redlines.code import braced_body

DEFINITION = re.compile(
    r"\b(?:async\s+)?function\s*\*?\s*(\w+)\s*\([^)\n]*\)\s*\{"
    r"|\b(?:const|let|var)\s+(\w+)\s*=\s*(?:async\s+)?(?:function\b[^{\n]*|\([^)\n]*\)\s*=>\s*)\{"
)
"""A named JavaScript function's definition, up to its body's opening brace (the name in group
1 or 2)."""
_LONGEST_BODY = 4000
"""A body is read this far at most (a function that long is not a request loop)."""


def _handed_over(name: str) -> re.Pattern[str]:
    """The function `name` handed to a completion, an event or the scheduler."""
    called = rf"(?:{name}|\(\s*\)\s*=>\s*\{{?\s*{name}\s*\(\s*\)\s*;?\s*\}}?)"
    return re.compile(
        rf"\.(?:finally|then|catch|on|once|addEventListener)\s*\((?:\s*['\"]\w+['\"]\s*,)?\s*{called}\s*\)"
        rf"|\b(?:setImmediate|setTimeout|process\.nextTick|queueMicrotask|requestAnimationFrame)"
        rf"\s*\(\s*{called}\s*[,)]"
    )


_RETURN = re.compile(r"\breturn\b")


def _launches(name: str) -> re.Pattern[str]:
    """A loop whose whole body starts the function `name`."""
    return re.compile(
        rf"\bfor\s*\((?:[^()\n]|\([^()\n]*\))*\)\s*\{{?\s*(?:await\s+)?{name}\s*\(\s*\)\s*;?(?:\s*\}})?"
    )


def rescheduling_hits(code: str, offset: int = 0) -> list[Hit]:
    """Endless loops spelled as a function handing itself to its own completion, and loops that
    start several of them at once."""
    if "function" not in code and "=>" not in code:
        return []
    hits: list[Hit] = []
    for definition in DEFINITION.finditer(code):
        name = definition.group(1) or definition.group(2)
        body = braced_body(code, definition.end() - 1, _LONGEST_BODY)
        if body is None or _RETURN.search(body):
            continue
        start = definition.end()
        again = [
            Hit(Capability.ENDLESS_LOOP, offset + start + m.start(), offset + start + m.end(), m[0])
            for m in _handed_over(re.escape(name)).finditer(body)
        ]
        if not again:
            continue
        hits += again
        hits += [
            Hit(Capability.SWARM, offset + m.start(), offset + m.end(), m[0])
            for m in _launches(re.escape(name)).finditer(code)
        ]
    return hits


# -- the streaming form: the same reading a line at a time (see `code.line_flow`) -------------

_READING = "def:"  # the function whose body is being read
_RETURNS = "ret:"  # ... which has a `return`, so it can stop
_AGAIN = "again:"  # a function seen handing itself over with no `return` before


def rescheduling_names(line: str, names: frozenset[str]) -> frozenset[str]:
    """`names` plus what `line` tells about the function being read: its name when it starts,
    whether it returns, and whether it hands itself over (a `bind` for `line_flow`)."""
    definition = DEFINITION.search(line)
    if definition is not None:
        name = definition.group(1) or definition.group(2)
        names = frozenset(n for n in names if not n.startswith(_READING)) | {_READING + name}
    reading = next((n[len(_READING) :] for n in names if n.startswith(_READING)), None)
    if reading is None:
        return names
    if _RETURN.search(line[definition.end() :] if definition is not None else line):
        return names | {_RETURNS + reading}
    if _RETURNS + reading not in names and _handed_over(re.escape(reading)).search(line):
        return names | {_AGAIN + reading}
    return names


def rescheduled_in_line(line: str, names: frozenset[str]) -> re.Match[str] | None:
    """The hand-over on `line` of the function being read, when it has no `return` so far."""
    for name in names:
        if name.startswith(_AGAIN) and _READING + name[len(_AGAIN) :] in names:
            return _handed_over(re.escape(name[len(_AGAIN) :])).search(line)
    return None


def launched_in_line(line: str, names: frozenset[str]) -> re.Match[str] | None:
    """A loop on `line` whose body starts a function that hands itself over."""
    if "for" not in line:
        return None
    for name in names:
        if name.startswith(_AGAIN) and _RETURNS + name[len(_AGAIN) :] not in names:
            launched = _launches(re.escape(name[len(_AGAIN) :])).search(line)
            if launched is not None:
                return launched
    return None
