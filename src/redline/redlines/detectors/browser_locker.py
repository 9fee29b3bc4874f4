"""OUT-BROWSER-LOCKER: a page that holds its visitor with dialogs they cannot get away from.

What it catches
    A page that raises a dialog again and again on a timer (`setInterval(() => alert(...),
    8000)`) and shuts at least two ways out: the back button trapped (the history entry pushed
    again from the `popstate` handler), fullscreen requested again on a timer or whenever it is
    left, leaving answered with the browser's "stay on this page?" (`beforeunload`). This is
    the browser locker of tech-support and police-fine scams: the visitor, shown a fake
    warning, cannot close it and is pushed to call the number or pay. A nagging dialog with
    one way out shut is part of one, weighed with the request. An alarm looped (`<audio
    loop>`, `.loop = true`) nags as the dialog does when fullscreen is forced back (also by
    a timer that checks `document.fullscreenElement` and calls the page's own function) and
    another way out is shut; leaving may be answered by the message an old-style
    `onbeforeunload` handler returns.

Why it is a redline (RL-MALWARE)
    The page takes control of the visitor's browser to extort or defraud them: software made
    to harm the people who open it, not to serve them.

Example
    `history.pushState(null, "", location.href); onpopstate = () => history.pushState(null, "",
    location.href); setInterval(() => alert("Your PC is infected. Call now."), 5000);`
    with `addEventListener("beforeunload", e => e.preventDefault())`

Allowed instead
    An exam or kiosk page that enters fullscreen, warns on leaving and keeps Escape for its own
    use (no dialog raised over and over), a form asking once before unsaved changes are lost, a
    single-page app managing its own history, a reminder shown once on a timer, a game whose
    music loops and which asks before it is left.
"""

from __future__ import annotations

import re

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import IN_A_RESPONSE, Detection, detector, supported


def _ways_out_shut(found: Capabilities) -> set[str]:
    """The different ways out of the page that its PAGE_TRAP hits shut."""
    shut = set()
    for hit in found.hits.get(Cap.PAGE_TRAP, ()):
        text = hit.text.lower()
        shut.add(
            "back" if "popstate" in text else "fullscreen" if "fullscreen" in text else "leave"
        )
    return shut


_DIALOG = re.compile(r"\b(?:alert|confirm)\s*\(", re.I)


def _dialog(nag: str) -> bool:
    """Whether a PAGE_NAG hit raises a dialog (rather than loops a sound, `alert.mp3`)."""
    return _DIALOG.search(nag) is not None


@detector("OUT-BROWSER-LOCKER", redline="RL-MALWARE")
def browser_locker(found: Capabilities) -> Detection | None:
    """A dialog raised again and again, and the ways out of the page shut."""
    if Cap.PAGE_NAG not in found or Cap.PAGE_TRAP not in found:
        return None
    core = (Cap.PAGE_NAG, Cap.PAGE_TRAP)
    shut = _ways_out_shut(found)
    if not any(_dialog(hit.text) for hit in found.hits[Cap.PAGE_NAG]):
        # Only an alarm looped: a game's music loops too, and may ask before it is left. An
        # alarm beside fullscreen forced back and another way out shut is the scare page's.
        if "fullscreen" in shut and len(shut) >= 2:
            return supported(found, 0.8, core, "a page that sounds an alarm and will not let go")
        return None
    if len(shut) >= 2:
        return supported(found, 0.8, core, "a page that nags its visitor and will not let go")
    return supported(found, IN_A_RESPONSE, core, "a page that nags its visitor, one way out shut")
