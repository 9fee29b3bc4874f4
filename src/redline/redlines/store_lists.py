"""Browser credential stores kept in a list of paths that the code then takes files by.

`clean_code` blanks string constants gathered in an assigned list: a detection script keeps the
paths a stealer reads as indicators that way (`SUSPECT = ["Login Data", "logins.json"]`). A
stealer keeps its targets the same way and goes through them, each path handed to a glob, an
open, a copy or an archive (`for pat in patterns: for p in glob.glob(os.path.join(home, pat))`):
then the list is what it reads, and the stores it names are read from the code as written. Skipped
at once unless one of a few literals of the stores occurs.
"""

from __future__ import annotations

import re
from functools import lru_cache

from redline.redlines.capabilities import PATTERNS, Capability, Hit
from redline.redlines.code import blanked_hits
from redline.redlines.named import NAME_PATTERN_CACHE

_MAY_STORE = ("login data", "logins.json", "key4.db", "cookies", "local state", "web data")
"""One of these occurs wherever a listed store is worth looking for."""
_STORES = PATTERNS[Capability.BROWSER_STORE]
_LIST_OPENED = re.compile(r"(?:^|[\s;])\$?([A-Za-z_]\w*)\s*(?::\s*[\w\[\], ]+)?=\s*@?[\[({]", re.M)
"""An assignment of a list (`patterns = [`, `$paths = @(`, `const targets = [`)."""


@lru_cache(maxsize=NAME_PATTERN_CACHE)
def _walked(name: str) -> re.Pattern[str]:
    """A loop over the list `name`, capturing the name each item takes."""
    listed = re.escape(name)
    return re.compile(
        rf"\bfor\s*\(?\s*(?:(?:const|let|var|my)\s+)?\$?(\w+)\s+(?:in|of)\s+\$?{listed}\b"
        rf"|\bforeach\s*\(\s*\$(\w+)\s+in\s+\${listed}\b|\b{listed}\.(?:forEach|map)\s*\(\s*\(?\s*(\w+)"
        rf"|\${listed}\s*\|\s*(?:ForEach-Object|%)\s*\{{"
    )


@lru_cache(maxsize=NAME_PATTERN_CACHE)
def _taken(item: str) -> re.Pattern[str]:
    """A file taken by the path `item` holds: globbed, opened, copied or archived, or the
    path joined to a folder (the home folder it is read from)."""
    return re.compile(
        r"\b(?:glob\w*|open|copy\w*|Copy-Item|Get-ChildItem|Compress-Archive|readFile\w*"
        r"|ReadAll\w*|write|add\w*|append|File\.Copy|(?:path\.)?join|Join-Path)\b[^\n]*?"
        + (rf"\$?\b{re.escape(item)}\b" if item else r"\$_\b"),
        re.I,
    )


def listed_store_hits(code: str, cleaned: str, offset: int) -> list[Hit]:
    """BROWSER_STORE hits in a list that `cleaned` blanked, when the code goes through the list
    taking the files it names."""
    lowered = code.lower()
    if not any(word in lowered for word in _MAY_STORE):
        return []
    return blanked_hits(
        Capability.BROWSER_STORE,
        _STORES,
        code,
        cleaned,
        offset,
        lambda start: _list_taken(code, start),
    )


def _list_taken(code: str, position: int) -> bool:
    """Whether the list holding `position` is gone through, each item taken as a file."""
    opened = [m for m in _LIST_OPENED.finditer(code, max(0, position - 2000), position)]
    if not opened:
        return False
    name = opened[-1].group(1)
    for loop in _walked(name).finditer(code, position):
        item = next((g for g in loop.groups() if g), "")
        body = code[loop.end() : loop.end() + 400]
        if _taken(item).search(body):
            return True
    return False
