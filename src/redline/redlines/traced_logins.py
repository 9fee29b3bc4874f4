"""A sign-in process traced through the name its process id was kept under (LOGIN_TRACE).

`strace -p $(pgrep -o sshd) -e trace=write` names the traced process on its own line (the
capability's own pattern); a script keeps the id first (`PID=$(pgrep -o -x sshd)`, `pid =
subprocess.check_output(["pidof", "sudo"])`, `pid = sshd_pid()` of a function that runs
`pgrep`) and traces it later (`strace -f -p "$PID" -e
trace=write -s 128`, or an argument list: `["strace", "-e", "trace=read", "-p", pid]`). The
names bound to the id of sshd, sudo, su, login, passwd or a display manager's password helper
are followed to a tracer attached by that name that prints the process's reads or writes:
every password typed to the sign-in passes through them. Read over the whole code
(`traced_login_hits`) and, as a block streams, line by line (the bind `login_pid_names` and
the find `traced_login_in_line`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from redline.redlines.capabilities import SIGN_IN_PROCESSES, Capability, Hit
from redline.redlines.code import line_flow
from redline.redlines.named import NAME_PATTERN_CACHE, grown

_SIGN_IN = r"\b" + SIGN_IN_PROCESSES + r"\b"
_BOUND = re.compile(
    r"(?<![\w$])\$?(\w+)\s*=\s*[^\n=]{0,40}?\b(?:pgrep|pidof)\b[^\n]*?" + _SIGN_IN, re.I
)


_SIGN_IN_PID = re.compile(r"\b(?:pgrep|pidof)\b[^\n]*?" + _SIGN_IN, re.I)


@lru_cache(maxsize=NAME_PATTERN_CACHE)
def _tracer(names: frozenset[str]) -> re.Pattern[str]:
    """A tracer of reads or writes attached to the process one of `names` holds."""
    name = "|".join(sorted(map(re.escape, names)))
    return re.compile(
        r"\b(?:strace|ltrace)\b(?=[^\n|]*[\s'\"]-e['\"]?(?:\s*,\s*['\"])?\s*(?:trace=)?[\w,%]*"
        r"\b(?:read|write)\b)[^\n|]*[\s'\"]-p['\"]?\s*(?:,\s*)?['\"]?"
        # the name maybe escaped inside a quoted `sh -c "..."` (`-p \$pid`)
        rf"(?:\\?\$\{{?(?:{name})\b|(?:str\s*\(\s*)?(?:{name})\b)",
        re.I,
    )


_DEFINES = ("def ", "function ", "func ", "sub ")
_FUNCTION = re.compile(r"^\s*(?:def|function|func|sub)\s+(\w+)\s*\(?")
_CALLED = re.compile(r"(?<![\w$])\$?(\w+)\s*=\s*(?:await\s+)?(\w+)\s*\(")


def login_pid_names(line: str, names: frozenset[str]) -> frozenset[str]:
    """`names` plus the names `line` binds to a sign-in process's id: assigned from `pgrep` or
    `pidof` of one, or from a call of a function (`NAME()` in `names`) that runs them; the
    function being defined is kept as `^NAME`."""
    function = _FUNCTION.match(line) if line.lstrip().startswith(_DEFINES) else None
    if function is not None:
        current = {n for n in names if n.startswith("^")}
        return (names - current) | {"^" + function.group(1)}
    found: set[str] = set()
    if "pgrep" in line or "pidof" in line:
        found = {match.group(1) for match in _BOUND.finditer(line)}
        if _SIGN_IN_PID.search(line):
            found |= {n[1:] + "()" for n in names if n.startswith("^")}
    if "(" in line and any(n.endswith("()") for n in names):
        found |= {m.group(1) for m in _CALLED.finditer(line) if m.group(2) + "()" in names}
    return grown(names, found)


def traced_login_in_line(line: str, names: frozenset[str]) -> re.Match[str] | None:
    """A tracer on `line` attached, by one of `names`, to a sign-in process's reads or writes."""
    if "trace" not in line:
        return None
    variables = frozenset(n for n in names if n[0] != "^" and not n.endswith("()"))
    if not variables:
        return None
    return _tracer(variables).search(line)


def traced_login_hits(code: str, offset: int = 0) -> list[Hit]:
    """Each tracer of a sign-in process attached through the name its id was kept under."""
    if "pgrep" not in code and "pidof" not in code:
        return []
    return line_flow(code, offset, Capability.LOGIN_TRACE, login_pid_names, traced_login_in_line)
