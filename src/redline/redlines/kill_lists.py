"""What a kill list names: the kinds of services and programs a `STOP_LIST` hit stops.

Ransomware stops the databases and mail servers that hold files open, the backup agents that
could restore them and the security products that would see it, from one list of their names
(`'sql','MSExchange','veeam','backup'`), and keeps them from starting again. One kind named is an
administrator's work (a patch window stops a database and its agent; moving off one backup
product stops its services); several kinds, among them backups or security, or several security
products, are a kill list.
"""

from __future__ import annotations

import re

from redline.redlines.capabilities import (
    PATTERNS,
    STOPPED_KINDS,
    STOPPED_SECURITY,
    Capabilities,
    Capability,
    Gated,
    Hit,
)
from redline.redlines.code import blanked_hits

_KINDS = tuple((kind, re.compile("|".join(words), re.I)) for kind, words in STOPPED_KINDS.items())
_SECURITY = re.compile("|".join(STOPPED_SECURITY), re.I)
_DISABLES = tuple(Gated(pattern) for pattern in PATTERNS[Capability.SERVICE_DISABLED])
"""`Capability.SERVICE_DISABLED`'s own patterns, each tried only where its literals are."""
_STOP_LISTS = tuple(Gated(pattern) for pattern in PATTERNS[Capability.STOP_LIST])
"""`Capability.STOP_LIST`'s own patterns, gated the same way."""
_NAME = re.compile(r"['\"]([^'\"\n]*)['\"]")
_LOOP_WORDS = re.compile(r"for\s+\w+\s+in\s+([^;]*)", re.I)
"""The bare names a shell loop goes through (`for p in falcon-sensor wdavdaemon; do`)."""


def stopped_kinds(found: Capabilities) -> set[str]:
    """The kinds of service a kill list names: backups, databases, mail, office documents."""
    kinds: set[str] = set()
    for hit in found.hits.get(Capability.STOP_LIST, ()):
        kinds.update(kind for kind, pattern in _KINDS if pattern.search(hit.text))
    return kinds


def security_products_stopped(found: Capabilities) -> set[str]:
    """The different security products a kill list names (`MsMpEng`, `SentinelAgent`,
    `CSFalconService`), each by the vendor word in its name."""
    products: set[str] = set()
    for hit in found.hits.get(Capability.STOP_LIST, ()):
        loop = _LOOP_WORDS.match(hit.text)
        names = loop.group(1).split() if loop is not None else _NAME.findall(hit.text)
        for name in names:
            products.update(m.group(0).lower() for m in _SECURITY.finditer(name))
    return products


def kill_list_hits(code: str, cleaned: str, offset: int) -> list[Hit]:
    """A kill list that `clean_code` blanked as a list of indicator constants (the names are
    only compared with the running processes' and services'), read from the code as written
    when the code also disables services: what it matches, it stops."""
    if not any(p.search(cleaned) for p in _DISABLES):  # as wide as the capability (`mask`)
        return []
    return blanked_hits(Capability.STOP_LIST, _STOP_LISTS, code, cleaned, offset)
