"""A device's controls written again and again on a timer: a value held against its operators.

When a plant's setpoint or alarm is changed from outside, its operators put it back from their
HMI. A program that writes the same controls inside a loop that pauses between its rounds
(`while True: c.write_register(11, 9999); time.sleep(2)`, `for _ in range(60): ...;
time.sleep(5)`, `while true; do mbpoll ...; sleep 1; done`, `setInterval(() =>
client.writeRegister(...), 500)`) puts its value back faster than they can: the device is kept,
not only changed (`DEVICE_HELD`, at each such write).

Read only where a write of someone else's device was already seen (`DEVICE_TAMPER`, read by
`device_writes.py`: a public address, every device of a list): one's own lab rig written on a
timer (a heartbeat register, a test sequence) stays a loop of one's own. A loop's body is the
indented block under a Python `while`/`for` header, the text between a shell loop's `do` and its
`done`, or the braces of a `while (...) {`, `for (...) {`, Go's `for {` and JavaScript's
`setInterval(` callback (whose interval is its pause); each is read at most `_BODY_REACH`
characters (the first `_LOOPS` loops), and the braces and `do`/`done` are counted, not
nested patterns.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import islice

from redline.redlines.capabilities import Capability, Hit, matching_close
from redline.redlines.device_writes import S7_MEMORY_WRITE

_WRITE = re.compile(
    r"\bwrite_(?:single_|multiple_)?(?:registers?|coils?)\s*\("
    r"|\bwrite(?:Single|Multiple)?(?:Registers?|Coils?)\s*\("
    r"|\bmodbus\s+write\b|\bmbpoll\b|\bsnmpset\b|\bmosquitto_pub\b|\.publish\s*\("
    r"|" + S7_MEMORY_WRITE + r"|\.write\s*\(\s*f?['\"][^'\"\n]{0,120}?\bpresentValue\b",
    re.I,
)
"""A control written: a Modbus register or coil (pymodbus, pyModbusTCP, modbus-serial's
`writeRegister`, modbus-cli, mbpoll), an S7 controller's memory (python-snap7's `db_write(`,
node-snap7's `DBWrite(`), a BACnet point's present value, an SNMP set, an MQTT publish."""
_PAUSE = re.compile(
    r"\b(?:u?sleep|Start-Sleep|Thread\.sleep|Task\.Delay|setTimeout|time\.Sleep)\b", re.I
)
"""A pause between rounds."""
_PYTHON_HEADER = re.compile(r"^([ \t]*)(?:async[ \t]+)?(?:while|for)\b[^\n]{0,300}:[ \t]*$", re.M)
"""A Python loop's header line (a comment after it is blanked by `code.clean_code`)."""
_SHELL_HEADER = re.compile(r"\b(?:while|until|for)\b[^\n]{0,200}?(?:;|\n)\s*do\b")
"""A shell loop's head, up to its `do`."""
_BRACE_HEADER = re.compile(
    r"\b(?:while|for)\s*\([^\n]{0,200}?\)\s*\{|\bfor\s*\{|\bloop\s*\{|\bsetInterval\s*\("
)
"""A braced loop's head, up to its opening brace (or `setInterval(`'s parenthesis)."""
_SHELL_WORD = re.compile(r"\b(?:do|done)\b")
_BODY_REACH = 4000
"""How far a loop's body is read (a loop that rewrites controls is a few lines)."""
_LOOPS = 64
"""How many loops are read, first found first (a program has a few; a crafted line has many)."""


def _indented_body(code: str, header: re.Match[str]) -> tuple[int, int]:
    """The span of the block indented under a Python loop header."""
    indent = len(header.group(1).expandtabs())
    start = header.end() + 1
    end = start
    limit = min(len(code), start + _BODY_REACH)
    while end < limit:
        line_end = code.find("\n", end)
        line_end = len(code) if line_end < 0 else line_end
        line = code[end:line_end]
        if line.strip() and len(line) - len(line.lstrip(" \t")) <= indent:
            break
        end = line_end + 1
    return start, min(end, len(code))


def _shell_body(code: str, start: int) -> tuple[int, int]:
    """The span from `start` up to the `done` that closes the `do` opened before it."""
    depth = 1
    limit = min(len(code), start + _BODY_REACH)
    for word in _SHELL_WORD.finditer(code, start, limit):
        depth += 1 if word.group(0) == "do" else -1
        if depth == 0:
            return start, word.start()
    return start, limit


def _braced_body(code: str, start: int, opening: str, closing: str) -> tuple[int, int]:
    """The span from `start` up to where the `opening` mark just before it closes."""
    limit = min(len(code), start + _BODY_REACH)
    close = matching_close(code, start - 1, opening, closing, limit)
    return start, limit if close is None else close


def _loop_bodies(code: str) -> Iterator[tuple[int, int, bool]]:
    """Each loop body's span, and whether its head already paces it (`setInterval`)."""
    for header in _PYTHON_HEADER.finditer(code):
        yield (*_indented_body(code, header), False)
    if "do" in code:
        for header in _SHELL_HEADER.finditer(code):
            yield (*_shell_body(code, header.end()), False)
    for header in _BRACE_HEADER.finditer(code):
        interval = header.group(0).endswith("(")
        opening, closing = ("(", ")") if interval else ("{", "}")
        yield (*_braced_body(code, header.end(), opening, closing), interval)


def held_write_hits(code: str, offset: int, found: Sequence[Hit]) -> list[Hit]:
    """`DEVICE_HELD` at each control write inside a loop that pauses between rounds, in code
    where someone else's device is written (`DEVICE_TAMPER` among `found`)."""
    if not any(hit.capability is Capability.DEVICE_TAMPER for hit in found):
        return []
    if _WRITE.search(code) is None:
        return []
    hits: dict[int, Hit] = {}
    for start, end, paced in islice(_loop_bodies(code), _LOOPS):
        if not paced and _PAUSE.search(code, start, end) is None:
            continue
        for write in _WRITE.finditer(code, start, end):
            hits.setdefault(
                write.start(),
                Hit(
                    Capability.DEVICE_HELD,
                    offset + write.start(),
                    offset + write.end(),
                    write.group(0),
                ),
            )
    return list(hits.values())
