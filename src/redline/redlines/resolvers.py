"""Data put into DNS names through a helper that resolves its parameter.

A DNS tunnel rarely calls the resolver with the data in one line: it wraps the lookup in a
small function (`def q(name): return res.resolve(name, "TXT")`) and calls that with labels it
builds (`q(f"{chunk}.{n}.{sid}.{ZONE}")`). The call to such a helper with an interpolated label
is a DNS lookup carrying data in its name (`DNS_DATA_LABEL`), exactly as the direct spelling
`res.resolve(f"{chunk}.{ZONE}")` is. Names are followed line by line (see `code.line_flow`), so
the streaming monitor reads the same flow a line at a time.
"""

from __future__ import annotations

import re
from functools import lru_cache

from redline.redlines.capabilities import Capability, Hit
from redline.redlines.code import (
    PENDING_FUNCTION,
    alternation,
    functions_using_parameter,
    line_flow,
)
from redline.redlines.named import NAME_PATTERN_CACHE, name_written

_DEFINITION = re.compile(
    r"^\s*(?:async\s+)?(?:def|function|func)\s+(\w+)\s*\(\s*(?:self\s*,\s*)?\$?(\w+)"
    r"|^\s*(?:const|let|var)\s+(\w+)\s*=\s*(?:async\s*)?\(?\s*(\w+)\s*\)?\s*=>"
)
_LOOKUP = (
    r"(?:\bresolve\w*|\bquery|\bgethostbyname\w*|\bgetaddrinfo|\bLookup\w*|\blookup"
    r"|\bResolve-DnsName|\bGetHost\w*)\s*\(\s*\$?"
)
_ANY_LOOKUP = re.compile(_LOOKUP, re.I)


def resolver_names(line: str, names: frozenset[str]) -> frozenset[str]:
    """`names` plus what `line` tells: the function it starts (`def:NAME:PARAM`), and NAME
    once that function's body looks its parameter up in DNS."""
    return functions_using_parameter(
        line,
        names,
        _DEFINITION.match(line),
        lambda parameter: name_written(line, parameter, before=_LOOKUP, flags=re.I) is not None,
    )


@lru_cache(maxsize=NAME_PATTERN_CACHE)
def _labelled_call(functions: frozenset[str]) -> re.Pattern[str]:
    alternatives = alternation(functions)
    return re.compile(
        rf"(?<![\w.])(?:{alternatives})\s*\(\s*(?:f|`)?['\"`][^'\"`\n]*"
        r"(?:\{[^}\n]+\}|\$\{?\w+\}?|%s)\.[^'\"`\n]*"
        rf"|(?<![\w.])(?:{alternatives})\s*\(\s*[\w.]+(?:\[[^\]\n]*\])?\s*\+\s*['\"`]\."
    )


def labelled_lookup(line: str, names: frozenset[str]) -> re.Match[str] | None:
    """A call on `line` to a known DNS helper with data interpolated into the name."""
    functions = frozenset(n for n in names if not n.startswith(PENDING_FUNCTION))
    if not functions:
        return None
    return _labelled_call(functions).search(line)


def resolver_hits(code: str, offset: int = 0) -> list[Hit]:
    """Calls to helpers that resolve their parameter, made with data in the name."""
    if not _ANY_LOOKUP.search(code):
        return []
    return line_flow(code, offset, Capability.DNS_DATA_LABEL, resolver_names, labelled_lookup)
