"""Searches built around the names a text binds itself: its variables, parameters, functions.

The data flows (`code.line_flow` and its `bind`/`find` pairs) follow names a response chose, so
their patterns are compiled at run time, one per name or set of names, and asked on every line
the stream monitor reads. A name the searched text does not write out cannot match any of them,
so such text is answered without a search, and a pattern is compiled (and cached) only for the
names the text holds: most lines hold none, and compiling is what such a search costs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from redline.redlines.capabilities import lowered_once

NAME_PATTERN_CACHE = 1024
"""How many patterns built from a text's own names each builder keeps (bounded: the names come
from model output, and a long-running server must not grow)."""

UNPREFIXED = r"(?<![\w$])"
"""The usual left edge of a name: no word character or sigil before it."""


def grown(names: frozenset[str], found: Iterable[str]) -> frozenset[str]:
    """`names` with `found` added, or `names` itself when `found` adds none: a flow's names,
    read again on every line, stay the same object while nothing new is bound."""
    found = frozenset(found)
    return names if found <= names else names | found


def may_hold(text: str, name: str, case_blind: bool = False) -> bool:
    """False when `text` cannot hold `name` written out, as a pattern that escapes it reads it
    (case-blind: as `re.I` reads it, which folds a few letters outside ASCII into ASCII)."""
    if not case_blind:
        return name in text
    return not name.isascii() or name.lower() in lowered_once(text)


def written_names(text: str, names: Iterable[str], case_blind: bool = False) -> frozenset[str]:
    """The `names` that `text` writes out: the only ones a pattern built from them can match
    on `text`, so the only ones it needs to be built from."""
    return frozenset(n for n in names if may_hold(text, n, case_blind))


@lru_cache(maxsize=NAME_PATTERN_CACHE)
def _around(before: str, name: str, after: str, flags: int) -> re.Pattern[str]:
    return re.compile(before + re.escape(name) + after, flags)


def name_written(
    text: str, name: str, before: str = UNPREFIXED, after: str = r"\b", flags: int = 0
) -> re.Match[str] | None:
    """The first place `text` writes `name` between `before` and `after` (regular-expression
    pieces): `re.search(before + re.escape(name) + after, text, flags)`."""
    if not may_hold(text, name, bool(flags & re.I)):
        return None
    return _around(before, name, after, flags).search(text)


def names_written(
    text: str, name: str, before: str = UNPREFIXED, after: str = r"\b", flags: int = 0
) -> Iterator[re.Match[str]]:
    """Every place `text` writes `name` between `before` and `after` (`re.finditer`)."""
    if not may_hold(text, name, bool(flags & re.I)):
        return iter(())
    return _around(before, name, after, flags).finditer(text)
