"""A lure message kept in a list of templates: read from the code as written.

`clean_code` blanks string constants gathered in an assigned list (indicator lists, a filter's
bad words). A smishing sender keeps its lures the same way (`TEMPLATES = ["Your account is
locked. Verify now: {link}", ...]`) and picks one per number, so the lure patterns are also
read over the code as written, where `clean_code` blanked them. Skipped at once unless one of a
few literals occurs (the streaming monitor pays for every line).
"""

from __future__ import annotations

from redline.redlines.capabilities import PATTERNS, Capability, Hit
from redline.redlines.code import blanked_hits

_MAY_LURE = (
    "account", "nitro", "unusual", "suspicious", "parcel", "package", "shipment", "delivery",
    "vid", "photo", "pic", "clip",
)  # fmt: skip
"""One of these occurs wherever a lure pattern matches."""
_LURES = PATTERNS[Capability.LURE_MESSAGE]


def blanked_lure_hits(code: str, cleaned: str, offset: int) -> list[Hit]:
    """LURE_MESSAGE hits in string constants that `cleaned` blanked out of `code`."""
    lowered = code.lower()
    if not any(word in lowered for word in _MAY_LURE):
        return []
    return blanked_hits(Capability.LURE_MESSAGE, _LURES, code, cleaned, offset)
