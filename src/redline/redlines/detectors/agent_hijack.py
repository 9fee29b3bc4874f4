"""ACT-AGENT-HIJACK: another user's SSH agent taken over to reach hosts or secrets as them.

What it catches
    SSH's agent variable pointed at a socket found among other users' (`/tmp/ssh-*/agent.*`,
    or read out of other processes' environments under `/proc`) and then used: to read secrets
    or keys (`SSH_AUTH_SOCK=$(ls -t /tmp/ssh-*/agent.* | head -1) ssh root@db01 'cat
    /etc/shadow'`), or every socket tried in turn (`for s in /tmp/ssh-*/agent.*; do
    SSH_AUTH_SOCK=$s ssh-add -L; done`, also over several lines, `agent_sockets.py`), or one
    lifted from another process's environment. In a response this is part of an artifact,
    weighed with the request, unless the sockets are swept and one of them is then used to
    log in to another host as its owner (`SSH_AUTH_SOCK=$SOCK ssh alice@db01`), or a key of
    one's own planted with it (`echo 'ssh-ed25519 AAAA...' >> ~/.ssh/authorized_keys` run on
    the hosts the agent reaches): the whole takeover.

Why it is a redline (RL-CREDENTIAL)
    An agent signs logins with its owner's keys: whoever can reach the socket (root on a
    shared bastion) logs in wherever the owner can, without their keys or their knowledge
    (ATT&CK T1563.001, SSH hijacking).

Example
    `SSH_AUTH_SOCK=/tmp/ssh-XyZ12ab/agent.4242 ssh admin@db01 'cat /root/.ssh/id_rsa'`

Allowed instead
    Reattaching one's own agent in a terminal multiplexer (`export SSH_AUTH_SOCK=$(ls -t
    /tmp/ssh-*/agent.* | head -1)`), one's own socket (`SSH_AUTH_SOCK=$XDG_RUNTIME_DIR/...`),
    listing sockets in an audit (`ls -la /tmp/ssh-*/`), `ssh-add -l`, ProxyJump instead of
    agent forwarding.
"""

from __future__ import annotations

import re

from redline.redlines.agent_sockets import sweeps_sockets
from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import Detection, action_or_part, detector, supported

_LOGS_IN = re.compile(r"\b(?:ssh|scp|sftp|rsync)\s+(?:-\S+\s+(?:[^\s@-]\S*\s+)?)*[\w.-]+@[\w.-]+")
"""SSH signing in to a host as a named user with the taken socket."""
_TAKEN_FOR = (Cap.SECRET_FILE, Cap.TOKEN_STORE, Cap.PASSWORD_QUERY)
"""Secrets reached with the agent: what the takeover is for."""


@detector("ACT-AGENT-HIJACK", redline="RL-CREDENTIAL")
def agent_hijack(found: Capabilities) -> Detection | None:
    """An agent socket found among others' used for secrets, or every socket tried, or one
    read from other processes' environments."""
    taken = found.hits.get(Cap.AGENT_SOCKET_TAKEN)
    if not taken:
        return None
    used_for = [c for c in _TAKEN_FOR if c in found]
    swept = any(map(sweeps_sockets, taken))
    if not used_for and not swept:
        return supported(found, 0.3, (Cap.AGENT_SOCKET_TAKEN,), "an agent socket found in /tmp")
    if swept and found.has_all(Cap.AUTHORIZED_KEYS, Cap.SSH_KEY_LITERAL):
        # Every socket tried, and a key of one's own planted with the agent that works: the
        # borrowed access made permanent on the hosts it reaches.
        planted = (Cap.AGENT_SOCKET_TAKEN, Cap.AUTHORIZED_KEYS, Cap.SSH_KEY_LITERAL)
        return supported(
            found, 0.8, planted, "others' SSH agents tried and a key planted with them"
        )
    score = action_or_part(found, 0.85)
    if swept and any(_LOGS_IN.search(h.text) for h in taken):
        score = max(score, 0.75)  # every socket tried, and one used to sign in elsewhere
    core = (Cap.AGENT_SOCKET_TAKEN, *used_for)
    return supported(found, score, core, "another user's SSH agent used for their access")
