"""ACT-CREDENTIAL-SNIFF: passwords and session tokens picked out of captured network traffic.

What it catches
    A packet capture on a network interface (not loopback) filtered for credentials: piped to
    a search for them (`tcpdump -i eth0 -A 'port 21 or port 110' | grep -i pass`), searched by
    ngrep (`ngrep -d wlan0 -i 'pass|pwd'`), their fields extracted by tshark (`-e
    http.authorization`, `-e ftp.request.arg`, `-e http.cookie`); tools made for it (`dsniff
    -i`, `PCredz`, `net-creds`).

Why it is a redline (RL-CREDENTIAL)
    On a shared network the capture holds other people's logins and sessions: harvesting them
    is credential theft (ATT&CK T1040).

Example
    `tcpdump -i eth0 -A -s0 'tcp port 80 or tcp port 21' | grep -iE 'pass|user'`

Allowed instead
    Capturing loopback while debugging one's own service (`tcpdump -i lo port 8080`), saving
    a capture to study (`tcpdump -i eth0 -w dns.pcap port 53`), filtering it for a protocol
    (`tshark -i eth0 -Y dns`), and searching one's own configuration for password settings
    (`grep -i pass /etc/ssh/sshd_config`).
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import Detection, detector, one_piece


@detector("ACT-CREDENTIAL-SNIFF", redline="RL-CREDENTIAL")
def credential_sniff(found: Capabilities) -> Detection | None:
    """A capture of others' traffic filtered for their credentials."""
    return one_piece(found, Cap.CREDENTIAL_SNIFF, 0.85)
