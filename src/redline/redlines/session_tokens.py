"""A game client's signed-in session token read by code running inside the client.

A mod or plugin runs in the game's own process, where the client keeps the player's session:
`Minecraft.getInstance().getUser()` (Forge, NeoForge), `MinecraftClient.getInstance()
.getSession()` (Fabric), `mc.getSession()` (older mappings). Its access token signs the player in
anywhere until they sign out everywhere, so reading it (`getAccessToken()`, `getToken()`,
`getSessionID()`, which carries it) is reading an application's token store
(`Capability.TOKEN_STORE`); the name, the UUID or the profile are not. The client's own
session service joins servers with it without the mod ever holding it.
"""

from __future__ import annotations

import re

from redline.redlines.capabilities import Capability, Hit, line_at

_READS = ("getAccessToken()", "getSessionID()", ".getToken()")
"""Literals one of which any token read below holds: the cheap test before the patterns."""
_SESSION = re.compile(
    r"\b(?:Minecraft\.get(?:Instance|Minecraft)\(\)|MinecraftClient\.getInstance\(\)|mc|client)"
    r"\s*\.\s*(?:getUser|getSession)\s*\(\)"
)
_GAME = re.compile(r"\bMinecraft(?:Client)?\b")
"""The game's client named somewhere in the code: `mc` and `client` are its usual names, and
also the names of any API client's session (`client.getSession()`), which is no game's."""
_OWN_SERVICE = re.compile(r"\bjoin(?:Minecraft)?Server\s*\(")
"""The session service's join, on the line of the read: the token goes where it was issued."""
_TOKEN_READ = re.compile(r"\.\s*(?:getAccessToken|getSessionID|getToken)\s*\(\s*\)")


def session_token_hits(code: str, offset: int = 0) -> list[Hit]:
    """Each read of the session's token in code that takes hold of the game client's session."""
    if (
        not any(literal in code for literal in _READS)
        or _GAME.search(code) is None
        or _SESSION.search(code) is None
    ):
        return []
    hits = []
    for match in _TOKEN_READ.finditer(code):
        line_start, line_end = line_at(code, match.start())[0], line_at(code, match.end())[1]
        if _OWN_SERVICE.search(code[line_start:line_end]):
            continue  # handed to the session service, which signs the player in to a server
        hits.append(
            Hit(
                Capability.TOKEN_STORE, offset + match.start(), offset + match.end(), match.group(0)
            )
        )
    return hits
