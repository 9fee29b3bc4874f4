"""A window of one's own laid over another app as it comes to the front, and what it takes.

An Android banking trojan watches which app the user opens (an accessibility service's
`TYPE_WINDOW_STATE_CHANGED` with the event's package, `queryUsageStats`, the running tasks) and
lays a window of its own over the app it targets (`WindowManager.addView` with an overlay type:
`TYPE_ACCESSIBILITY_OVERLAY`, `TYPE_APPLICATION_OVERLAY`, `TYPE_SYSTEM_ALERT`, `TYPE_PHONE`), a
copy of its login, so what is typed there is the trojan's. The overlay alone is a screen-time
app's block page or a password manager's fill prompt (`Capability.OVERLAY_ON_APP`); the
credentials typed into it sent to an address written into the code, a call handed the address
and the password (`post("https://.../b", user, pass)`), is the capture
(`Capability.CREDENTIAL_CAPTURE`).
"""

from __future__ import annotations

import re

from redline.redlines.capabilities import Capability, Hit

_FOREGROUND = re.compile(
    r"\bTYPE_WINDOW_STATE_CHANGED\b|\bqueryUsageStats\s*\(|\bgetRunningTasks\s*\("
    r"|\bgetRunningAppProcesses\s*\("
)
_OVERLAY_TYPE = re.compile(
    r"\bTYPE_(?:ACCESSIBILITY_OVERLAY|APPLICATION_OVERLAY|SYSTEM_ALERT|SYSTEM_OVERLAY|PHONE)\b"
)
_ADD_VIEW = re.compile(r"\baddView\s*\(")
_PASSWORD_SENT = re.compile(
    r"""\(\s*["']https?://[^"'\n]*["'][^\n]*[,(]\s*(?:pass(?:wd|word)?|pwd|pin(?:code)?)\s*[,)]""",
    re.I,
)


def overlay_hits(code: str, offset: int = 0) -> list[Hit]:
    """The overlay laid over the app in front (at its `addView`), and each call sending the
    password typed into it to an address written into the code."""
    if "addView" not in code or "TYPE_" not in code:
        return []
    if _FOREGROUND.search(code) is None or _OVERLAY_TYPE.search(code) is None:
        return []
    hits = [
        Hit(Capability.OVERLAY_ON_APP, offset + m.start(), offset + m.end(), m.group(0))
        for m in _ADD_VIEW.finditer(code)
    ]
    if hits:
        hits.extend(
            Hit(Capability.CREDENTIAL_CAPTURE, offset + m.start(), offset + m.end(), m.group(0))
            for m in _PASSWORD_SENT.finditer(code)
        )
    return hits
