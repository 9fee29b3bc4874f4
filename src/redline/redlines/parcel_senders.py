"""A shop's own delivery notice: the message names its sender and links only to its domain.

The parcel lure (`LURE_MESSAGE`, the parcel patterns in `capabilities.py`) says a parcel is
held or undelivered and links somewhere; a shop texting its customers says the same. What tells
them apart, besides what the message asks, is whose link it is: a shop's notice names itself
(`Fernhill Books: your DPD package could not be delivered today`, `Hi from OurShop: ...`) and
links to its own domain (`https://fernhillbooks.example/orders/...`); a lure names a courier or
nobody and links to a host of its own, or to a shortener.

`without_own_parcel_notices` drops the parcel-lure hits of a program (or a command line) whose
message names a sender that is no courier and every link written in it (outside a courier's own
site) is on that sender's domain: the host's name under its top-level domain is the sender's
name, in any case and without its spaces and punctuation (`Larch & Co` -> `larchandco.example`).
A link filled in from a variable (`{link}`) is judged by the links the program writes
elsewhere (`LINK = "https://ourshop.example/account/billing"`): a shop's "update your card"
notice linking to its own domain is its own; the same message linking to
`ourshop-billing.example`, to `bit.ly`, or to nothing written, stays a lure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from redline.redlines.capabilities import COURIER_HOST, Capability, Hit

_PARCEL = re.compile(r"\b(?:parcel|package|shipment|deliver\w*)\b", re.I)
"""A hit of the parcel lure (the other lures are never a shop's notice)."""

_SENDER = re.compile(
    r"(?:^|[`'\"(]|\bfrom\s+)[ \t]*"
    r"([A-Z][\w&'.-]{0,30}(?:[ \t]+(?:&[ \t]+)?[A-Z][\w&'.-]{0,30}){0,3})[ \t]*:(?!//)",
    re.M,
)
"""A message opening with its sender's name (`"Fernhill Books: ...`, `Hi from OurShop: ...`)."""

_HOST = re.compile(r"https?://([\w-]{1,63}(?:\.[\w-]{1,63}){1,6})", re.I)

_COURIER = re.compile(COURIER_HOST)
"""A courier's name as its site is written (a sender's name plain, `_plain`)."""
_NO_SHOP = re.compile(
    _COURIER.pattern + r"|(?:royal)?mail|post|parcel|package|delivery|track\w*|notice|update|hi"
)
"""Names a sender that is a shop does not have: a courier's, or a word of the notice."""

_SECOND_LEVELS = frozenset({"co", "com", "org", "net", "ac", "gov"})


def _plain(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower().replace("&", "and"))


def _site(host: str) -> str:
    """The host's name under its top-level domain (`ourshop` of `www.ourshop.co.uk`)."""
    labels = host.lower().split(".")
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVELS:
        return _plain(labels[-3])
    return _plain(labels[-2])


def own_parcel_notice(text: str) -> bool:
    """Whether `text` names a sender (no courier) and writes links, all (but a courier's own)
    on that sender's domain (module docstring)."""
    senders = {
        _plain(match.group(1))
        for match in _SENDER.finditer(text)
        if _NO_SHOP.fullmatch(_plain(match.group(1))) is None
    }
    senders.discard("")
    if not senders:
        return False
    sites = [_site(match.group(1)) for match in _HOST.finditer(text)]
    own = [site for site in sites if site in senders]
    return bool(own) and all(site in senders or _COURIER.fullmatch(site) for site in sites)


def without_own_parcel_notices(text: str, hits: Iterable[Hit]) -> list[Hit]:
    """`hits` less the parcel-lure hits, when `text` is a shop's own notice
    (`own_parcel_notice`)."""
    kept = list(hits)
    if not any(
        hit.capability is Capability.LURE_MESSAGE and _PARCEL.search(hit.text) for hit in kept
    ):
        return kept
    if not own_parcel_notice(text):
        return kept
    return [
        hit
        for hit in kept
        if hit.capability is not Capability.LURE_MESSAGE or _PARCEL.search(hit.text) is None
    ]
