"""A SOCKS proxy served down a connection the program dialed out (PIVOT_BUILT).

A reverse SOCKS pivot connects out from inside a network (through the egress rules that let
HTTPS out), makes the *server* side of a stream multiplexer over that connection (`sess, _ :=
yamux.Server(conn, nil)` where `conn, err := tls.Dial(...)`), and serves each stream the far
end opens as a SOCKS request into the network (`go socks.ServeConn(stream)`): whoever holds the
other end reaches every internal host as if from inside. A multiplexer's server side over a
connection it accepted is an ordinary server; one over a dialed connection that serves a web
app of its own (a development tunnel) serves no proxy. The connection may be a websocket
(`ws, _, err := dialer.Dial(url, hdr)`), handed to the multiplexer in an adapter of its own
(`yamux.Server(&wsConn{Conn: ws}, nil)`), or first kept in a name of its own (`nc :=
websocket.NetConn(ctx, ws, websocket.MessageBinary)`, then `yamux.Server(nc, nil)`). Read over
the whole code (`proxy_into_network_hits`) and, as a block streams, line by line (the bind
`mux_proxy_names` and the find `mux_proxy_served`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from redline.redlines.capabilities import Capability, Hit, lowered_once
from redline.redlines.code import alternation, line_flow
from redline.redlines.named import NAME_PATTERN_CACHE

_DIALED = re.compile(
    r"\b(\w+)\s*(?:,\s*\w+\s*){0,2}:?=\s*"
    r"(?:(?:tls|net|quic)\.Dial(?:Timeout|Context|Addr)?|websocket\.(?:DefaultDialer\.)?Dial(?:Context)?"
    r"|\w+\.Dial(?:Context)?)\s*\("
)
"""A connection dialed out and the name it is kept in: `net.Dial`, `tls.Dial`, a websocket
(`ws, _, err := websocket.DefaultDialer.Dial(url, hdr)`, a `websocket.Dialer`'s `d.Dial(`)."""
_SOCKS = re.compile(r"\bsocks\w*\.ServeConn\s*\(|\bsocks5?\.New(?:Server)?\s*\(", re.I)
_MUXED = "=mux"
"""Marks that the server side of a multiplexer was made over a dialed connection."""
_SERVES_SOCKS = "=socks"
"""Marks that the code serves SOCKS requests."""


_WRAPPED = r"(?:&?[\w.]+\{\s*(?:\w+\s*:\s*)?|[\w.]+\(\s*(?:\w+\s*,\s*)?)"
"""An adapter a connection is handed to (`&wsConn{Conn: ws}`, `websocket.NetConn(ctx, ws, ...)`)."""


@lru_cache(maxsize=NAME_PATTERN_CACHE)
def _wrapped_into(names: frozenset[str]) -> re.Pattern[str]:
    """A dialed connection wrapped in an adapter kept in a name of its own (`nc :=
    websocket.NetConn(ctx, ws, websocket.MessageBinary)`): the name the adapter is kept in."""
    return re.compile(rf"\b(\w+)\s*(?:,\s*\w+\s*)?:?=\s*{_WRAPPED}(?:{alternation(names)})\b")


@lru_cache(maxsize=NAME_PATTERN_CACHE)
def _mux_over(names: frozenset[str]) -> re.Pattern[str]:
    # the connection as it is, or wrapped for the multiplexer first (`&wsConn{Conn: ws}`,
    # `websocket.NetConn(ctx, ws, websocket.MessageBinary)`)
    return re.compile(
        rf"\b(?:yamux|smux|muxado)\.Server\s*\(\s*{_WRAPPED}?(?:{alternation(names)})\b"
    )


def mux_proxy_names(line: str, names: frozenset[str]) -> frozenset[str]:
    """`names` plus the connections `line` dials or wraps in an adapter, and the marks of a
    multiplexer's server side made over one of them and of SOCKS being served."""
    dialed = frozenset(n for n in names if not n.startswith("="))
    wraps = bool(dialed) and "=" in line
    if (
        not wraps
        and "Dial" not in line
        and "Server" not in line
        and "socks" not in lowered_once(line)
    ):
        return names  # `_SOCKS` is case-blind (`SOCKS5.New(...)`), and so is this test
    found = set(names)
    found.update(m.group(1) for m in _DIALED.finditer(line))
    if wraps:
        found.update(m.group(1) for m in _wrapped_into(dialed).finditer(line))
    dialed = frozenset(n for n in found if not n.startswith("="))
    if dialed and "Server" in line and _mux_over(dialed).search(line) is not None:
        found.add(_MUXED)
    if _SOCKS.search(line) is not None:
        found.add(_SERVES_SOCKS)
    return names if found == names else frozenset(found)


def mux_proxy_served(line: str, names: frozenset[str]) -> re.Match[str] | None:
    """Where `line` completes a SOCKS proxy served over a dialed connection's multiplexer: the
    multiplexer made, or SOCKS served, once the other is there."""
    if _MUXED not in names or _SERVES_SOCKS not in names:
        return None
    dialed = frozenset(n for n in names if not n.startswith("="))
    if dialed and "Server" in line:
        made = _mux_over(dialed).search(line)
        if made is not None:
            return made
    return _SOCKS.search(line)


def proxy_into_network_hits(code: str, offset: int = 0) -> list[Hit]:
    """Each place a program completes a SOCKS proxy served over a connection it dialed out."""
    if "Dial" not in code or "Server" not in code or "socks" not in lowered_once(code):
        return []
    return line_flow(code, offset, Capability.PIVOT_BUILT, mux_proxy_names, mux_proxy_served)
