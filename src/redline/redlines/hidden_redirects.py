"""A redirect to an address decoded into a name first (HIDDEN_REDIRECT).

`HIDDEN_REDIRECT` reads a redirect handed a decoding call (`wp_redirect(base64_decode(...))`).
Injected redirects more often decode the address into a name (`$d = base64_decode('aHR0...')`,
`const u = atob('aHR0...')`) and redirect to it lines later (`wp_redirect($d . '?src=' ...)`,
`header('Location: ' . $d)`, `location.href = u`). The names bound to a decoded value are
followed line by line (`line_flow`) to a redirect given one of them. Read over the whole code,
since the encoded address itself is read apart as a payload.
"""

from __future__ import annotations

import re
from functools import lru_cache

from redline.redlines.capabilities import DECODED, REDIRECT_CALL, Capability, Hit, lowered_once
from redline.redlines.named import NAME_PATTERN_CACHE, grown

_BOUND = re.compile(
    r"(?:\$|\b(?:var|let|const)\s+|^\s*)(\w+)\s*=\s*(?:(?:window\.)?" + DECODED + r"\s*)+['\"]",
    re.I | re.M,
)
"""A name given an address decoded from a literal written in the code (`$d =
base64_decode('aHR0...')`); a value decoded from the request (`base64_decode($_GET['r'])`) is
the visitor's own return address, not one hidden by the site's code."""
_MAY_DECODE = re.compile(DECODED, re.I)
_DECODERS = ("base64_decode", "str_rot13", "hex2bin", "gzinflate", "atob")


@lru_cache(maxsize=NAME_PATTERN_CACHE)
def _redirect(names: frozenset[str]) -> re.Pattern[str]:
    """A redirect handed one of `names`."""
    name = "|".join(sorted(map(re.escape, names)))
    return re.compile(REDIRECT_CALL + rf"\$?(?:{name})\b", re.I)


def _bind(line: str, names: frozenset[str]) -> frozenset[str]:
    if _MAY_DECODE.search(line) is None:
        return names
    found = {match.group(1) for match in _BOUND.finditer(line)}
    return grown(names, found)


def _find(line: str, names: frozenset[str]) -> re.Match[str] | None:
    if not names:
        return None
    return _redirect(names).search(line)


def hidden_redirect_hits(code: str, offset: int = 0) -> list[Hit]:
    """Each redirect to an address decoded into a name first."""
    lowered = lowered_once(code)
    if not any(word in lowered for word in _DECODERS):
        return []
    from redline.redlines.code import line_flow

    return line_flow(code, offset, Capability.HIDDEN_REDIRECT, _bind, _find)
