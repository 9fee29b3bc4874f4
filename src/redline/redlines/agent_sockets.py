"""Other users' SSH agent sockets handed to SSH through a name (AGENT_SOCKET_TAKEN).

`SSH_AUTH_SOCK=/tmp/ssh-XyZ/agent.42 ssh db01` names the socket on the line that uses it (a
capability pattern). A script spreads it over lines: every socket in the shared temporary
folder gone through by a loop (`for sock in /tmp/ssh-*/agent.*; do` ... `SSH_AUTH_SOCK="$sock"
ssh-add -l`), or one kept under a name first (`SOCK=/tmp/ssh-AbC/agent.31337` ...
`SSH_AUTH_SOCK=$SOCK ssh root@db01`), in shell or Python (`for s in glob.glob("/tmp/ssh-*/
agent.*")` ... `env={"SSH_AUTH_SOCK": s}`). The use is cited from the loop's `for` when a loop
bound the name (a sweep of every socket), else from the use to the end of its line (what the
socket was used for: `ssh alice@db01 ...`). A socket tested to be one's own (`[ -O "$s" ]`)
is one's own agent reattached, not taken.
"""

from __future__ import annotations

import re
from functools import lru_cache

from redline.redlines.capabilities import Capability, Hit
from redline.redlines.code import alternation
from redline.redlines.named import NAME_PATTERN_CACHE

_SOCKETS = re.compile(r"/tmp/ssh-|/proc/[^\s)]*environ")
_LOOP = re.compile(r"\bfor\s+(?:\w+\s*,\s*)?\$?(\w+)\s+in\s+[^\n]*?(?:/tmp/ssh-|/proc/)")
_KEPT = re.compile(
    r"^\s*(?:export\s+|local\s+|readonly\s+)?\$?(?!SSH_AUTH_SOCK\b)(\w+)\s*=\s*[^\n]*?(?:/tmp/ssh-|/proc/[^\s)]*environ)"
)

_OWNED = re.compile(r"\s-O\s+['\"]?\$\{?(\w+)")
"""A shell test that the file is the user's own."""


@lru_cache(maxsize=NAME_PATTERN_CACHE)
def _use(names: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(
        r"""\bSSH_AUTH_SOCK['"]?\]?\s*[=:]\s*['"]?\$?\{?("""
        + alternation(names)
        + r""")\b(?!\s*\()"""
    )


def sweeps_sockets(hit: Hit) -> bool:
    """Whether an AGENT_SOCKET_TAKEN hit takes others' sockets wholesale: cited from the `for` of
    a loop over them (here, and in the capability pattern of a loop on one line), or read from
    other processes' environments (`/proc`)."""
    return hit.text.lower().startswith("for") or "/proc/" in hit.text


def agent_socket_hits(code: str, offset: int = 0) -> list[Hit]:
    """Each use as SSH's agent socket of a name a loop over others' sockets, or an assignment of
    one, bound."""
    if "SSH_AUTH_SOCK" not in code or _SOCKETS.search(code) is None:
        return []
    loops: dict[str, int] = {}
    kept: set[str] = set()
    hits: list[Hit] = []
    position = 0
    for line in code.split("\n"):
        for loop in _LOOP.finditer(line):
            loops[loop.group(1)] = position + loop.start()
            kept.discard(loop.group(1))
        assigned = _KEPT.match(line)
        if assigned is not None:
            kept.add(assigned.group(1))
            loops.pop(assigned.group(1), None)
        for owned in _OWNED.finditer(line):
            # `[ -O "$s" ] && export SSH_AUTH_SOCK="$s"`: only the sockets one owns (one's own
            # agent reattached in a terminal multiplexer)
            loops.pop(owned.group(1), None)
            kept.discard(owned.group(1))
        names = tuple(sorted({*loops, *kept})) if "SSH_AUTH_SOCK" in line else ()
        if names:
            for use in _use(names).finditer(line):
                start = loops.get(use.group(1), position + use.start())
                end = position + len(line)
                hits.append(
                    Hit(
                        Capability.AGENT_SOCKET_TAKEN, offset + start, offset + end, code[start:end]
                    )
                )
        position += len(line) + 1
    return hits
