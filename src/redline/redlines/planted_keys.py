"""A key file's path kept under a name, then appended to (AUTHORIZED_KEYS).

`AUTHORIZED_KEYS` reads an append to `authorized_keys` written on one line (`>> ~/.ssh/
authorized_keys`, `open(".../authorized_keys", "a")`). A script that builds the path first
(`f = os.path.join(d, "authorized_keys")`, `KEYS="$h/.ssh/authorized_keys"`, `$f = Join-Path
$d 'authorized_keys'`) appends to the name lines later (`open(f, "a").write(KEY)`, `>> "$KEYS"`,
`Add-Content -Path $f`, `fs.appendFileSync(f, key)`). The names bound to such a path are
followed line by line (`line_flow`) to an append through them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from redline.redlines.capabilities import Capability, Hit, lowered_once
from redline.redlines.named import NAME_PATTERN_CACHE, grown

_BOUND = re.compile(
    r"(?<![\w$.])(?:(?:my|local|const|let|var)\s+)?\$?(\w+)\s*:?=\s*[^\n=;&|]*authorized_keys\b",
    re.I,
)


@lru_cache(maxsize=NAME_PATTERN_CACHE)
def _append(names: frozenset[str]) -> re.Pattern[str]:
    """An append to the file one of `names` holds."""
    name = "|".join(sorted(map(re.escape, names)))
    return re.compile(
        rf"\bopen\s*\(\s*(?:{name})\s*,\s*['\"]a\+?b?['\"]"
        rf"|(?:>>|\btee\s+(?:-\w+\s+)*-a\s+)\s*['\"]?\$\{{?(?:{name})\b"
        rf"|\bAdd-Content\s+(?:-(?:Path|LiteralPath)\s+)?\$(?:{name})\b"
        rf"|\b(?:appendFileSync|appendFile|AppendAllText|AppendAllLines)\s*\(\s*\$?(?:{name})\b",
        re.I,
    )


def _bind(line: str, names: frozenset[str]) -> frozenset[str]:
    if "authorized_keys" not in line.lower():
        return names
    found = {match.group(1) for match in _BOUND.finditer(line)}
    return grown(names, found)


def _find(line: str, names: frozenset[str]) -> re.Match[str] | None:
    if not names:
        return None
    return _append(names).search(line)


def planted_key_hits(code: str, offset: int = 0) -> list[Hit]:
    """Each append to an `authorized_keys` file reached through the name its path was kept
    under."""
    if "authorized_keys" not in lowered_once(code):
        return []
    from redline.redlines.code import line_flow

    return line_flow(code, offset, Capability.AUTHORIZED_KEYS, _bind, _find)
