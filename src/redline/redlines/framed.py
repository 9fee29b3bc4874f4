"""Another site's page laid, invisible, over a page's own button: clickjacking.

A page frames another site's page (`<iframe src="https://...">`) and makes the frame all but
transparent (`opacity: 0.0001`, in the frame's own style or a rule for its id, class or for
`iframe`): the visitor sees the page's own button and clicks, through it, the framed site's
(an OAuth consent's Allow, a settings page's Delete). Read over a page's whole code, since the
rule and the frame stand apart. A transparent file input over a styled button is the page's own
control, and a frame shown as it is hides nothing.
"""

from __future__ import annotations

import re

from redline.redlines.capabilities import Capability, Hit

_FRAME = re.compile(r"<iframe\b[^>]*\bsrc\s*=\s*['\"]?(?:https?:)?//[^>]*>", re.I)
_ID = re.compile(r"\bid\s*=\s*['\"]?([\w-]+)", re.I)
_CLASS = re.compile(r"\bclass\s*=\s*['\"]?([\w -]+)", re.I)
_INVISIBLE = r"opacity\s*:\s*(?:0(?:\.0\d*)?|\.0\d*)\s*(?:!important\s*)?(?:[;\"'}]|$)"
_INLINE_INVISIBLE = re.compile(r"\bstyle\s*=\s*['\"][^'\"]*" + _INVISIBLE, re.I)


def _rule_invisible(code: str, selector: str) -> bool:
    """Whether a style rule for `selector` makes what it styles all but transparent."""
    rule = re.compile(
        rf"(?:^|[\s,}}]){selector}(?![\w-])[^{{}}\n]*\{{[^}}]*?" + _INVISIBLE, re.I | re.M
    )
    return rule.search(code) is not None


def framed_page_hits(code: str, offset: int = 0) -> list[Hit]:
    """The frames of another site's page that `code` makes all but transparent."""
    lowered = code.lower()
    if "<iframe" not in lowered or "opacity" not in lowered:
        return []
    hits: list[Hit] = []
    for frame in _FRAME.finditer(code):
        tag = frame.group(0)
        selectors = ["iframe"]
        if (found := _ID.search(tag)) is not None:
            selectors.append("#" + re.escape(found.group(1)))
        if (found := _CLASS.search(tag)) is not None:
            selectors += ["\\." + re.escape(name) for name in found.group(1).split()]
        if _INLINE_INVISIBLE.search(tag) or any(_rule_invisible(code, s) for s in selectors):
            start = offset + frame.start()
            hits.append(Hit(Capability.FRAMED_PAGE, start, start + len(tag), tag))
    return hits
