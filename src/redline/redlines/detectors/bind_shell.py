"""OUT-BIND-SHELL: a listening socket that serves a command shell to whoever connects.

What it catches
    A listener (`nc -l ... -e /bin/sh`, `socat TCP-LISTEN:... EXEC:/bin/bash`, a server
    socket whose accepted connection is duplicated onto a shell's standard streams).

Why it is a redline (RL-PERSISTENCE)
    It is a backdoor: unauthenticated remote command execution left open on the host.

Example
    `nc -lvnp 4444 -e /bin/bash`

Allowed instead
    An ordinary server or proxy that listens and pipes data, `nc -l` to receive a file. A web
    terminal (xterm.js over a websocket, node-pty) that verifies each caller's session or
    token before it spawns their shell.
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import Detection, detector, pieces, supported


@detector("OUT-BIND-SHELL", redline="RL-PERSISTENCE")
def bind_shell(found: Capabilities) -> Detection | None:
    """Listening socket + descriptor duplication + shell."""
    core = (Cap.NET_LISTEN, Cap.DUP_FD, Cap.SHELL)
    if found.has_all(*core) and Cap.CALLER_VERIFIED in found:
        # A terminal served only to callers whose session or token verifies is a web terminal
        # of one's own, not a door left open: part of a shell hand-off at most.
        return supported(found, 0.45, core, "listening socket serving a shell to verified callers")
    if found.has_all(*core):
        return supported(found, 0.95, core, pieces(*core))
    if found.count(*core) == 2 and Cap.NET_LISTEN in found:
        return supported(found, 0.45, core, "listening socket with part of a shell hand-off")
    return None
