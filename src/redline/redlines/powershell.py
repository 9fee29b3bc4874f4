"""PowerShell read through its aliases and its call operator.

Obfuscated PowerShell hides its commands behind aliases, its own (`sal g gci; g -Recurse`) and
the built-in ones (`ri` for Remove-Item, `sc` for Set-Content), and behind the call operator
applied to built strings (`&('vss'+'admin') ('dele'+'te') shadows`). This view writes the
commands out (`Get-ChildItem -Recurse`, `vssadmin delete shadows`), line for line, so that the
capability patterns read what the script runs. String pieces are joined first (see
`code._folded`).
"""

from __future__ import annotations

import bisect
import re

from redline.redlines.code import alternation

_MARKERS = re.compile(
    r"\$_\b|\|\s*[%?]\s*\{|\bsal\s+\w|\bSet-Alias\b|\bNew-Alias\b|-ea\s+0\b|-ErrorAction\b|\[IO\.|\[System\.",
    re.I,
)
_DEFINED = re.compile(
    r"\b(?:sal|Set-Alias|New-Alias)\s+(?:-Name\s+)?['\"]?([\w-]+)['\"]?\s+(?:-Value\s+)?['\"]?([\w-]+)",
    re.I,
)
BUILT_IN = {
    "ri": "Remove-Item",
    "gci": "Get-ChildItem",
    "sc": "Set-Content",
    "ac": "Add-Content",
    "erase": "Remove-Item",
    "gp": "Get-ItemProperty",
    "sp": "Set-ItemProperty",
    "saps": "Start-Process",
    "iwr": "Invoke-WebRequest",
    "irm": "Invoke-RestMethod",
}
"""Built-in aliases whose names no other shell uses for a command."""
_CALLED_LITERAL = re.compile(r"&\s*\(\s*(['\"])([\w.-]+)\1\s*\)")
_PARENTHESISED_WORD = re.compile(r"(?<=\s)\(\s*(['\"])([\w.-]+)\1\s*\)")


def looks_like_powershell(code: str) -> bool:
    """Whether `code` shows PowerShell's pipeline variable, script blocks or aliasing."""
    return _MARKERS.search(code) is not None


def defined_aliases(code: str) -> dict[str, str]:
    """The aliases `code` defines (`sal g gci` -> {"g": "gci"}), by lower-cased name."""
    return {d.group(1).lower(): d.group(2) for d in _DEFINED.finditer(code)}


_SCOPE = r"(?:\$(?:script|global|local|private|using):|\$)"
"""A variable's sigil with PowerShell's optional scope (`$script:m`)."""
_LITERAL_SET = re.compile(
    r"(?:^|[;{(])[ \t]*(?:\[[\w.]{1,40}\][ \t]*)?" + _SCOPE + r"(\w{1,40})[ \t]*=[ \t]*"
    r"(['\"])([\w. -]{1,60})\2[ \t]*(?=[;)}]|$)",
    re.M | re.I,
)
"""A variable set to a literal string, perhaps cast (`[string]$m = "Amsi"`) or scoped."""
_ASSIGNED_NAME = re.compile(
    _SCOPE + r"(\w{1,40})[ \t]*(?:[-+*/.%]?=(?!=)|\+\+|--)|(?:\+\+|--)\$(\w{1,40})", re.I
)
"""Any assignment: `=`, `+=`, PHP's and Perl's `.=`, `%=`, `++` and `--` either side."""
_DOUBLE_QUOTED = re.compile(r"\"[^\"\n]{0,300}\"")
_MOST_INTERPOLATED = 64
"""Variables written out at most (the first set), so that a response of thousands of them
costs no more than a script's handful."""


def _assignments(code: str) -> dict[str, tuple[list[int], list[str | None]]]:
    """Each variable's assignments in order: where each ends and the literal it sets (None
    for anything else: `.=`, `++`, an expression), for the first variables set to a literal."""
    literal = {match.end(1): match.group(3) for match in _LITERAL_SET.finditer(code)}
    found: dict[str, tuple[list[int], list[str | None]]] = {}
    for assigned in _ASSIGNED_NAME.finditer(code):
        group = 1 if assigned.group(1) is not None else 2
        key = assigned.group(group).lower()
        value = literal.get(assigned.end(group)) if group == 1 else None
        if key not in found:
            if value is None or len(found) >= _MOST_INTERPOLATED:
                continue  # read only from its first literal on
            found[key] = ([], [])
        ends, values = found[key]
        ends.append(assigned.end(group))
        values.append(value)
    return found


def interpolated(code: str) -> str:
    """`code` with each variable set to a literal string (`$a='Amsi'`, also cast or scoped,
    `[string]$script:a = "Amsi"`, after string pieces are joined) written out where it is used
    while that literal is its last assignment: inside double-quoted strings (`"$a.dll"`,
    `"$a$b"`, `"${a}"`) and bare (`$a+$b`, as the quoted literal), the same lines in the same
    order. A script that keeps a name in variables and builds it in a string at run time
    (`GetProcAddress($h, "$a$b")`) is read with the name it builds; a variable added to since
    (`$a .= 'x'`, `$a++`) is left as written."""
    if "$" not in code or "=" not in code:
        return code
    assigned = _assignments(code)
    if not any(value is not None for _, values in assigned.values() for value in values):
        return code
    names = "|".join(re.escape(name) for name in sorted(assigned, key=len, reverse=True))
    used = re.compile(
        _SCOPE + rf"(?:\{{({names})\}}|({names})\b)(?![ \t]*(?:[-+*/.%]?=(?!=)|\+\+|--))", re.I
    )

    def value_at(match: re.Match[str], at: int) -> str | None:
        ends, values = assigned[(match.group(1) or match.group(2)).lower()]
        last = bisect.bisect_right(ends, at) - 1
        return values[last] if last >= 0 else None

    def inside(match: re.Match[str]) -> str:
        def one(use: re.Match[str]) -> str:
            value = value_at(use, match.start() + use.start())
            return use.group(0) if value is None else value

        return used.sub(one, match.group(0))

    def bare(match: re.Match[str]) -> str:
        if match.group(0).startswith('"'):
            return inside(match)
        value = value_at(match, match.start())
        return match.group(0) if value is None else "'" + value + "'"

    either = re.compile(_DOUBLE_QUOTED.pattern + "|" + used.pattern, re.I)
    return either.sub(bare, code)


def resolved(code: str, known: dict[str, str] | None = None) -> str:
    """`code` with aliases (built-in, `known` from earlier text, and those `code` defines)
    written as the commands they stand for and called literals unwrapped (`&('vssadmin')` ->
    `vssadmin`), the same lines in the same order."""
    aliases = {**BUILT_IN, **(known or {}), **defined_aliases(code)}
    names = alternation(aliases)
    command = re.compile(rf"(^|[;|{{}}(&]|\bthen\b)(\s*)({names})(?=\s|$)", re.I | re.M)
    text = command.sub(lambda m: m.group(1) + m.group(2) + aliases[m.group(3).lower()], code)
    text = _CALLED_LITERAL.sub(lambda m: m.group(2), text)
    return _PARENTHESISED_WORD.sub(lambda m: m.group(2), text)
