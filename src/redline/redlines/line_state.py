"""Hits found line by line with what earlier lines bound: the shape the data-flow readers share.

A reader keeps some state across lines (the names a loop or an assignment bound) and, on each
line, looks for the use of that state that is the capability (a deletion of the loop's variable,
a tracer attached to the kept process id). The streaming monitor feeds the same two functions one
line at a time, so a finished response and a stream agree.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from redline.redlines.capabilities import Capability, Hit

Remember = Callable[[str, frozenset[str]], frozenset[str]]
"""The state after a line: the names earlier lines bound plus those this line binds."""

Find = Callable[[str, frozenset[str]], "re.Match[str] | None"]
"""The use of the state on a line that is the capability, if any."""


def hits_by_line(
    code: str, offset: int, capability: Capability, remember: Remember, find: Find
) -> list[Hit]:
    """Each match of `find` in `code`, line by line, with the state `remember` kept so far."""
    names: frozenset[str] = frozenset()
    found: list[Hit] = []
    position = 0
    for line in code.split("\n"):
        names = remember(line, names)
        match = find(line, names)
        if match is not None:
            start = offset + position + match.start()
            found.append(Hit(capability, start, start + len(match[0]), match[0]))
        position += len(line) + 1
    return found
