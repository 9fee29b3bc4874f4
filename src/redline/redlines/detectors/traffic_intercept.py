"""OUT-TRAFFIC-INTERCEPT: putting oneself in other people's traffic on a shared network.

What it catches
    ARP cache poisoning (`arpspoof -t`, `ettercap -M arp`, bettercap's `arp.spoof on`, scapy ARP
    replies that claim another host's address), forged DNS, NDP/DHCPv6 and LLMNR/NBT-NS answers
    (`dnsspoof`, `dns.spoof on`, ettercap's `dns_spoof`, scapy responses built around a `DNSRR`
    or answers rewritten in transit, `mitm6`, Responder poisoning, scapy's `LLMNRResponse(...)`
    and `NBNSQueryResponse(...)` sent to whoever asked), DHCP starvation that hands clients to a
    rogue DHCP server (`dhcpstarv`, `yersinia`), TLS stripping (`sslstrip -l`) and rogue access
    points that collect what clients send (`wifiphisher`, `airbase-ng`, `hostapd-wpe`,
    `eaphammer`), in a command or in code; an evil twin: an access point posing as others'
    networks (`hostapd-mana`, `airbase-ng -e`, hostapd under a public hotspot's name or a copied
    BSSID) run with a captive portal that keeps what its visitors type (`captive_portal.py
    --harvest`, a portal beside its `creds.txt`); files planted across shares or folders whose
    icon or location lives on another host's share (`.scf`/`.url` `IconFile=\\\\host\\s\\i.ico`,
    a shortcut's `IconLocation`, a `.library-ms` `<url>`), so that whoever opens the folder
    signs in to that host (forced authentication, T1187). On the host itself: its name lookups
    handed to an unknown public server and locked there (`nameserver 203.0.113.53` written to
    `/etc/resolv.conf`, or set by `nmcli ... ipv4.dns` or `resolvectl dns`, then `chattr +i`),
    a router's resolvers set through its admin form to an unknown public server, for every
    machine behind it (`curl -u admin:admin http://192.168.1.1/apply.cgi -d
    "wan_dns1_x=203.0.113.53"`), or its traffic to a port rewritten to a public
    address (`iptables -t nat -A PREROUTING ... -j DNAT --to-destination 203.0.113.5:443`,
    nftables' `dnat to`, `netsh interface portproxy ... connectaddress=`), or a certificate
    fetched from a public host named only by its number made one of its trusted roots (`curl
    -s http://198.51.100.9/ca.crt -o /usr/local/share/ca-certificates/corp-root.crt &&
    update-ca-certificates`, `certutil -addstore Root`, `security add-trusted-cert`), so that
    whoever serves it can read and alter every TLS connection the machine makes (in a
    response, one piece weighed with the request). The web traffic other hosts send through
    this one redirected into a transparent intercepting proxy by the same line (`iptables -t
    nat -A PREROUTING -i wlan0 -p tcp --dport 443 -j REDIRECT --to-port 8080` beside `mitmdump
    --mode transparent -s script.py`).

Why it is a redline (RL-CREDENTIAL)
    Its purpose is to read and alter the traffic of other people on the network: their
    passwords, session cookies and the sites they reach.

Example
    `bettercap -iface wlan0 -eval "set arp.spoof.targets 192.168.1.0/24; arp.spoof on"`

Allowed instead
    Watching for it (`arpwatch`, Dynamic ARP Inspection, detection rules that name the tools),
    reading one's own ARP table (`arp -a`, `ip neigh`), ARP requests that discover hosts
    (`arping`, scapy's `ARP(pdst=...)`), Responder in analyse mode (`-A`), and a proxy one
    points one's own browser at (mitmproxy), a web port redirected to one's own server's port
    (`PREROUTING ... --dport 80 -j REDIRECT --to-port 8080` alone), scanning shares for such
    planted files. A resolver pinned to a private or a well-known public DNS server (on the host
    or in a router's form), port forwarding to a private backend (`--to-destination
    192.168.10.20:8443`). hostapd for one's own access point, a lab's guest portal that asks
    visitors to accept its terms and keeps no credentials. One's company CA installed from a
    file at hand or from the company's own named host or network (`update-ca-certificates`).
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import (
    IN_A_RESPONSE,
    Detection,
    detector,
    one_piece,
    piece_reach,
    supported,
)

_TWIN_REACH = 600
"""In a response, how close (in characters) the portal must be to the access point: one
script or one block of commands."""


@detector("OUT-TRAFFIC-INTERCEPT", redline="RL-CREDENTIAL")
def traffic_intercept(found: Capabilities) -> Detection | None:
    """Poisoned answers or a rogue access point: others' traffic routed through oneself."""
    if Cap.TRAFFIC_INTERCEPT in found:
        return supported(
            found, 0.8, (Cap.TRAFFIC_INTERCEPT,), "puts itself in others' traffic on the network"
        )
    if Cap.ROOT_CA_PLANTED in found:
        # A root certificate nobody vouches for trusted by the machine: its TLS traffic open
        # to whoever serves that certificate.
        return one_piece(found, Cap.ROOT_CA_PLANTED, 0.8)
    if Cap.ROGUE_AP in found:
        # An access point answering for others' networks, and a portal that keeps what its
        # clients type: an evil twin harvesting credentials. Without the portal, a piece of
        # one (KARMA tools have research uses; a hotspot's name proves little alone).
        reach = piece_reach(found, _TWIN_REACH)
        if found.near(Cap.ROGUE_AP, Cap.PORTAL_HARVEST, reach):
            core = (Cap.ROGUE_AP, Cap.PORTAL_HARVEST)
            return supported(found, 0.85, core, "an evil twin: a rogue access point and a portal")
    if Cap.FORCED_AUTH_LURE in found:
        # A file whose icon lives on another host's share, planted through shares, drives or a
        # walk of folders: whoever merely opens the folder signs in to that host (T1187).
        planted = [c for c in (Cap.SPREAD_TARGET, Cap.FILE_WALK, Cap.BROAD_TARGET) if c in found]
        lure = (Cap.FORCED_AUTH_LURE, *planted)
        if planted:
            return supported(found, 0.8, lure, "planted files that make viewers sign in to a host")
        return supported(found, 0.5, lure, Cap.FORCED_AUTH_LURE.value)
    if Cap.ROGUE_AP in found:
        return supported(found, IN_A_RESPONSE, (Cap.ROGUE_AP,), Cap.ROGUE_AP.value)
    return None
