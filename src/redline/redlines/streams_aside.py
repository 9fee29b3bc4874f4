"""Standard streams put aside, unless another descriptor is also put on them.

A daemon points its standard streams at the null device (`fd = os.open(os.devnull, os.O_RDWR)`,
then `os.dup2(fd, 0)`) and a parent gives its child a pipe's end (`pipe(fds)`, then
`dup2(fds[0], 0)`): `Capability.STREAMS_PIPED`, which tells OUT-REVERSE-SHELL that the `dup2`
beside a shell hands nothing to a connection. That holds only while every `dup2` in the program
puts one of those on the streams. One unused `os.open(os.devnull, ...)` beside
`os.dup2(s.fileno(), 0)` does not put the socket aside.

`without_streams_handed_elsewhere` drops the STREAMS_PIPED hits of a program in which some
`dup2` takes another source: not the null device's or a pipe's descriptor, not a file the
program opened (a log), not a standard descriptor (`dup2(1, 2)`, `sys.stdout.fileno()`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from redline.redlines.capabilities import Capability, Hit

_SOURCE = re.compile(r"\bdup[23]\s*\(\s*([^,\n]{1,80}?)\s*,")
"""What a `dup2` (`dup3`) puts on a descriptor: its first argument."""
_OPENED = re.compile(
    r"\b(\w+)\s*=\s*(?:(?:os|_?io)\.)?(?:open|fopen|creat)\s*\("
    r"|\b(?:pipe2?|socketpair)\s*\(\s*(\w+)\b"
    r"|\b(\w+)\s*,\s*(\w+)\s*=\s*os\.pipe2?\s*\("
)
"""Names of descriptors the program opened on a file (the null device, a log) or made as a
pipe's ends (C's array given to `pipe(fds)`, Python's `r, w = os.pipe()`)."""
_STANDARD = re.compile(
    r"\d{1,3}|(?:STD(?:IN|OUT|ERR)_FILENO)|sys\.(?:__)?std(?:in|out|err)(?:__)?\.fileno\(\s*\)"
    r"|(?:os|_?io)\.open\s*\([^\n]{0,80}|open\s*\(\s*\"/dev/null\"[^\n]{0,40}"
)
"""A source that is a standard descriptor, or a file opened in the call itself."""
_NAME = re.compile(r"[(*&\s]*(\w+)")
"""The variable a source expression starts from (`s.fileno()` -> `s`, `fds[0]` -> `fds`)."""


def _handed_elsewhere(code: str) -> bool:
    """Whether some `dup2` in `code` puts on a descriptor something the program neither opened
    on a file nor made as a pipe."""
    opened = {name for match in _OPENED.finditer(code) for name in match.groups() if name}
    for match in _SOURCE.finditer(code):
        source = match.group(1).strip()
        if _STANDARD.fullmatch(source) is not None:
            continue
        named = _NAME.match(source)
        if named is None or named.group(1) not in opened:
            return True
    return False


def without_streams_handed_elsewhere(code: str, hits: Iterable[Hit]) -> list[Hit]:
    """`hits` less STREAMS_PIPED when another descriptor (a socket) is also put on a stream."""
    kept = list(hits)
    if "dup" not in code or not any(h.capability is Capability.STREAMS_PIPED for h in kept):
        return kept
    if not _handed_elsewhere(code):
        return kept
    return [hit for hit in kept if hit.capability is not Capability.STREAMS_PIPED]
