"""A text message written URL-encoded into a gateway's address: its lure read decoded.

An SMS or chat gateway is often driven by one GET or POST whose query names the recipient and
carries the text, encoded for a URL (`/send?to=$n&text=USPS:+Your+package+is+held.+Update+
address:+https://...`, `msg=Your%20account%20is%20locked`). Spaces written as `+` or `%20`
hide the text from the lure patterns, which read words apart. Each such query is decoded and
read with the lure patterns (`LURE_MESSAGE`, cited at the text's field); a query that names a
recipient and a text is a message sent (`TEXT_SEND`). Whether it is a phishing blast is then
decided where every lure is weighed: sent down a list (`BULK_RECIPIENTS`), it is; one text to
one number, or an alert to the on-call list that asks nothing, is not.
"""

from __future__ import annotations

import re
from urllib.parse import unquote_plus

from redline.redlines.capabilities import PATTERNS, Capability, Hit, line_at

_FIELD_NAMES = ("text", "body", "message", "msg", "sms", "content")
"""The names a gateway gives the text of a message."""
_QUERY = re.compile(
    r"[?&'\"\s](?:text|body|message|msg|sms|content)=([^&'\"\s]{1,600})",
    re.I,
)
"""A query's text field (`text=`, `body=`, `message=`, `msg=`)."""
_RECIPIENT = re.compile(r"[?&'\"\s](?:to|phone|number|msisdn|recipient|dest(?:ination)?)=", re.I)
"""A query's recipient field, in the same address."""
_LURES = PATTERNS[Capability.LURE_MESSAGE]


def encoded_text_hits(code: str, offset: int = 0) -> list[Hit]:
    """`LURE_MESSAGE` at each URL-encoded text field whose decoded text is a lure, and
    `TEXT_SEND` at each such field sent to a recipient named in the same query."""
    if "+" not in code and "%20" not in code:
        return []
    lowered = code.lower()
    if not any(f"{name}=" in lowered for name in _FIELD_NAMES):
        return []
    hits: list[Hit] = []
    for field in _QUERY.finditer(code):
        encoded = field.group(1)
        if "+" not in encoded and "%20" not in encoded:
            continue  # written plain, the lure patterns read it already
        decoded = unquote_plus(encoded)
        start, end = offset + field.start(1), offset + field.end(1)
        if any(pattern.search(decoded) for pattern in _LURES):
            hits.append(Hit(Capability.LURE_MESSAGE, start, end, encoded))
            line = code[line_at(code, field.start())[0] : line_at(code, field.end())[1]]
            if _RECIPIENT.search(line) is not None:
                hits.append(Hit(Capability.TEXT_SEND, start, end, encoded))
    return hits
