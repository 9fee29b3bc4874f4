"""A request sent to another site in the visitor's name, unseen: cross-site request forgery.

A page holds a form whose action is another site's address, aims its answer at a frame the
visitor cannot see (`target="sink"` beside `<iframe name="sink" style="display:none">`, a frame
of no size or `hidden`), and submits it by script (`f.submit()`): the visitor's browser sends
the other site a request with their cookies (an email changed, a transfer made) and shows
nothing of its answer. A script's `fetch` to another site's address with the visitor's cookies
and an opaque answer (`credentials: "include"` and `mode: "no-cors"`) sends the same. A form
posted across sites in the open (a payment provider's or a sign-in's auto-submitting page, which
leaves for the other site) shows its answer and is not one. A bug report's proof of concept is
built the same way, so the page is part of an attack, for the request to tell.
"""

from __future__ import annotations

import re

from redline.redlines.capabilities import Capability, Hit

_FORM = re.compile(
    r"<form\b(?=[^>]*\baction\s*=\s*['\"]?https?://)[^>]*\btarget\s*=\s*['\"]?([\w-]+)[^>]*>",
    re.I,
)
_UNSEEN = (
    r"(?:\bhidden\b|display\s*:\s*none|visibility\s*:\s*hidden"
    r"|\b(?:width|height)\s*=\s*['\"]?0(?:px)?\b|\b(?:width|height)\s*:\s*0(?:px)?\b)"
)
_SUBMITTED = re.compile(r"\.submit\s*\(\s*\)|\.requestSubmit\s*\(")
_OPAQUE_FETCH = re.compile(
    r"\bfetch\s*\(\s*['\"`]https?://[^'\"`\s]+['\"`]\s*,\s*\{"
    r"(?=[^}]*\bcredentials\s*:\s*['\"`]include['\"`])(?=[^}]*\bmode\s*:\s*['\"`]no-cors['\"`])"
    r"[^}]*\}",
    re.I,
)


def forged_request_hits(code: str, offset: int = 0) -> list[Hit]:
    """Forms to another site submitted by script into a frame no one sees, and fetches to
    another site that carry the visitor's cookies and hide the answer."""
    lowered = code.lower()
    hits: list[Hit] = []
    if "<form" in lowered and "<iframe" in lowered and _SUBMITTED.search(code) is not None:
        for form in _FORM.finditer(code):
            name = re.escape(form.group(1))
            frame = re.compile(
                rf"<iframe\b(?=[^>]*\b(?:name|id)\s*=\s*['\"]?{name}\b)(?=[^>]*{_UNSEEN})[^>]*>",
                re.I,
            )
            if frame.search(code) is not None:
                hits.append(_hit(form, offset))
    if "no-cors" in lowered:
        hits += [_hit(sent, offset) for sent in _OPAQUE_FETCH.finditer(code)]
    return hits


def _hit(match: re.Match[str], offset: int) -> Hit:
    start = offset + match.start()
    return Hit(Capability.FORGED_REQUEST, start, start + len(match.group(0)), match.group(0))
