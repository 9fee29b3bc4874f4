"""A buffer read whole and emptied straight after: a batch taken from it to be sent on.

Code that gathers something as it happens (keys, clipboard changes, metrics lines) and ships
it in batches reads the whole buffer and empties it in the same breath, so nothing is sent
twice: `data = "".join(buffer)` then `buffer.clear()`, `batch = buf[:]` then `buf = []`,
`keys.splice(0)`, `sb.ToString()` then `sb.Clear()`, `strings.Join(keys, "")` then
`keys = keys[:0]`, `$text = $log -join ""` then `$log.Clear()`, Rust's `mem::take(&mut buf)`
or `buf.drain(..)`. The capability is the batch taken (`Capability.BUFFER_DRAINED`), an
ordinary piece of any flusher; a detector weighs it with where the batch goes (a chat webhook
or mail is the shipping half of a keylogger).
"""

from __future__ import annotations

import bisect
import re

from redline.redlines.capabilities import Capability, Hit

_SPACE = r"[^\S\n]"
"""A space within the line: a read is written on one line."""
_READ_WHOLE = re.compile(
    # `"".join(buf)`, `b"\n".join(buf)`, `buf[:]`, `buf.copy()`, `list(buf)`, `buf.getvalue()`,
    # `buf.join("")`, `[...buf]`, `buf.slice()`, `sb.ToString()`, `String.Join("", keys)`,
    # `strings.Join(keys, "")`, `$log -join ""`, `buf.String()`
    rf"""[bu]?(?:'[^'\n]*'|"[^"\n]*")\.join\({_SPACE}*(\w+){_SPACE}*\)"""
    rf"|\b(\w+)(?:\[:\]|\.copy\(\)|\.getvalue\(\)|\.join\(|\.slice\({_SPACE}*\)|\.(?:ToString|toString|String)\(\))"
    rf"|\b(?:list|bytes|tuple)\({_SPACE}*(\w+){_SPACE}*\)|\[\.\.\.(\w+)\]"
    rf"|\b(?:String|string)\.(?:Join|join)\({_SPACE}*[^,\n]+,{_SPACE}*(\w+){_SPACE}*\)"
    rf"|\bstrings\.Join\({_SPACE}*(\w+){_SPACE}*,"
    rf"|\$(\w+){_SPACE}+-join\b|-join{_SPACE}*\$(\w+)"
    # read and emptied at once: `const batch = keys.splice(0)`; Rust's
    # `std::mem::take(&mut buf)`, `mem::replace(&mut buf, String::new())`, `buf.drain(..)`
    rf"|\b(?P<spliced>\w+)\.splice\({_SPACE}*0{_SPACE}*(?:\)|,{_SPACE}*(?P=spliced)\.length{_SPACE}*\))"
    rf"|\bmem::(?:take|replace)\({_SPACE}*&mut{_SPACE}*\*?{_SPACE}*(\w+)|\b(\w+)\.drain\({_SPACE}*\.\.{_SPACE}*\)"
)
_AT_ONCE = (".splice(", "mem::", ".drain(")
"""What a read that also empties its buffer holds."""
_EMPTIED = re.compile(
    # `buf.clear()`, `sb.Clear()`, `keys.length = 0`, `sb.setLength(0)`, `buf[:] = []`,
    # `buf = []` (or `""`, `''`, PowerShell's `@()`), `del buf[:]`, Go's `keys = keys[:0]`
    r"\b(\w+)\s*(?:\.(?:clear|Clear|Reset|truncate)\(\s*0?\s*\)|\.length\s*=\s*0\b"
    r"|\.setLength\(\s*0\s*\)|\[:\]\s*=\s*\[\]|\s*=\s*(?:\[\]|\"\"|''|@\(\))\s*(?:;|$))"
    r"|\bdel\s+(\w+)\[:\]|\b(\w+)\s*=\s*\3\[:0\]",
    re.M,
)
_REACH = 6
"""Lines after the whole buffer is read within which it is emptied: the same few lines."""


def _may_empty(code: str) -> bool:
    """Whether `code` holds a literal that any emptying below holds: the cheap test before the
    patterns (the stream monitor asks it of every line)."""
    return (
        "lear()" in code
        or "= []" in code
        or '= ""' in code
        or "= ''" in code
        or "[:]" in code
        or "ength = 0" in code
        or "etLength(0)" in code
        or "Reset()" in code
        or "splice(0" in code
        or "truncate(0)" in code
        or "= @()" in code
        or "[:0]" in code
        or "mem::take(" in code
        or "mem::replace(" in code
        or ".drain(" in code
    )


def drained_buffer_hits(code: str, offset: int = 0) -> list[Hit]:
    """Each read of a whole buffer that the next few lines empty (or a `splice(0)` or a
    `mem::take` that does both), cited at the read."""
    if not _may_empty(code):
        return []
    emptied: dict[str, list[int]] = {}
    for match in _EMPTIED.finditer(code):
        name = next(group for group in match.groups() if group)
        emptied.setdefault(name, []).append(match.start())
    if not emptied and not any(read in code for read in _AT_ONCE):
        return []
    from redline.redlines.code import line_starts  # (code.py imports this module)

    starts = [*line_starts(code), len(code) + 1]  # where each line starts; one past the end last
    hits: list[Hit] = []
    cited = -1  # the line of the last read cited: one read is cited a line
    for match in _READ_WHOLE.finditer(code):
        number = bisect.bisect_right(starts, match.start()) - 1
        if number == cited:
            continue
        name = next(group for group in match.groups() if group)
        window_end = starts[min(number + _REACH + 1, len(starts) - 1)]
        at_once = any(read in match.group(0) for read in _AT_ONCE)
        if at_once or any(match.end() <= at < window_end for at in emptied.get(name, ())):
            hits.append(
                Hit(
                    Capability.BUFFER_DRAINED,
                    offset + match.start(),
                    offset + match.end(),
                    match.group(0),
                )
            )
            cited = number
    return hits
