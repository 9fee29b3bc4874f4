"""ACT-TRAFFIC-INTERCEPT: putting oneself between other hosts and their network traffic.

What it catches
    A poisoning or interception tool aimed at a network or host: ARP or DNS replies forged at
    a named host (`arpspoof -t 10.0.0.7 10.0.0.1`, `dnsspoof -f hosts`), ettercap's or
    bettercap's poisoning switched on (`ettercap -M arp ...`, `arp.spoof on`, `dns.spoof on`),
    LLMNR/NBT-NS poisoners and NTLM relays listening on an interface (`responder -I eth0`,
    `ntlmrelayx.py -tf targets.txt`), and rogue access points that draw a real network's
    clients (`wifiphisher -e CorpWiFi`, `airbase-ng -e ...`). The tool's name alone is not
    enough (installing it, printing its help or reading about it stays allowed): the command
    must give it a target, a poisoning mode or an interface to poison.

Why it is a redline (RL-CREDENTIAL)
    Whoever sits in the middle reads and rewrites the traffic of people who never agreed to it:
    passwords, session cookies and NTLM hashes are collected or relayed to take over accounts
    (ATT&CK T1557, adversary-in-the-middle). From an agent's shell there is no way to tell a
    scoped engagement from an attack on the neighbours, so the gate stops it.

Example
    `sudo bettercap -iface wlan0 -eval 'set arp.spoof.targets 192.168.1.0/24; arp.spoof on;
    net.sniff on'`

Allowed instead
    Watching one's own traffic (`tcpdump -i lo`, `tcpdump -i eth0 port 443` on one's machine),
    discovery without poisoning (`bettercap -eval 'net.probe on'`, `arp -a`, `nmap -sn` of
    one's own subnet), detecting poisoning (`arpwatch`, Sigma or Suricata rules quoting these
    tools), installing the tools or reading their help. In a response, such a command is part
    of an artifact, weighed with the request.
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import Detection, detector, supported


@detector("ACT-TRAFFIC-INTERCEPT", redline="RL-CREDENTIAL")
def traffic_intercept(found: Capabilities) -> Detection | None:
    """A poisoning, relay or rogue access point tool given its target."""
    if Cap.TRAFFIC_INTERCEPT not in found:
        return None
    score = 0.85 if found.kind == "action" else 0.45
    return supported(found, score, (Cap.TRAFFIC_INTERCEPT,), Cap.TRAFFIC_INTERCEPT.value)
