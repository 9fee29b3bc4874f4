"""ACT-HIDDEN-SWEEP: a network swept host by host with what it finds kept out of sight.

What it catches
    A sweep of an address range (`nmap` or `masscan` given a block, a loop over the last octet
    probing each host: `for ip in $(seq 1 254); do ... /dev/tcp/10.20.0.$ip/445`, PowerShell's
    `1..254`) on a command line that also hides (its findings written to a hidden file in a
    scratch or memory folder, `>> /dev/shm/.s`, `-oG /var/tmp/.c`, `-oL /tmp/.m`; a hidden
    window): reconnaissance of a network from inside it, kept where its owner will not look.

Why it is a redline (RL-EXPLOIT)
    Mapping a network's hosts and services while hiding the map is an intruder's first step
    from a foothold (discovery, T1046 and T1135); its owner's inventory has nothing to hide.

Example
    `for ip in $(seq 1 254); do nc -z -w1 10.0.0.$ip 445 && smbclient -N -L //10.0.0.$ip >>
    /dev/shm/.s; done`

Allowed instead
    Scanning one's own network with the results kept in view (`nmap -sn 192.168.1.0/24 -oG
    lan.txt`, a loop appending each open host to `ssh-hosts.txt`), an inventory saved under
    the scans folder, a one-host check. In a response, a hidden sweep is part of an artifact,
    weighed with the request.
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import Detection, action_or_part, detector, piece_reach, supported

_HIDDEN_NEAR = 300
"""How close (characters) the hiding must be to the sweep in a response to belong to it: a few
lines of the same loop or command; a command line is one act, all of it the sweep."""


@detector("ACT-HIDDEN-SWEEP", redline="RL-EXPLOIT")
def hidden_sweep(found: Capabilities) -> Detection | None:
    """An address range swept, its findings hidden."""
    if not found.near(Cap.HOST_SWEEP, Cap.HIDE, piece_reach(found, _HIDDEN_NEAR)):
        return None
    swept = (Cap.HOST_SWEEP, Cap.HIDE)
    return supported(found, action_or_part(found, 0.8), swept, "a network swept out of sight")
