"""PowerShell read through its aliases and its call operator.

Obfuscated PowerShell hides its commands behind aliases, its own (`sal g gci; g -Recurse`) and
the built-in ones (`ri` for Remove-Item, `sc` for Set-Content), and behind the call operator
applied to built strings (`&('vss'+'admin') ('dele'+'te') shadows`). This view writes the
commands out (`Get-ChildItem -Recurse`, `vssadmin delete shadows`), line for line, so that the
capability patterns read what the script runs. String pieces are joined first (see
`code._folded`).
"""

from __future__ import annotations

import itertools
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


_LITERAL_SET = re.compile(
    r"(?:^|[;{(])[ \t]*\$(\w{1,40})[ \t]*=[ \t]*(['\"])([\w. -]{1,60})\2[ \t]*(?=[;)}]|$)", re.M
)
_ASSIGNED_NAME = re.compile(r"\$(\w{1,40})[ \t]*[-+*/]?=(?!=)")
_DOUBLE_QUOTED = re.compile(r"\"[^\"\n]{0,300}\"")
_MOST_INTERPOLATED = 64
"""Variables written out at most (the first set), so that a response of thousands of them
costs no more than a script's handful."""


def interpolated(code: str) -> str:
    """`code` with each variable set once to a literal string (`$a='Amsi'`, after string pieces
    are joined) written out where it is used: inside double-quoted strings (`"$a.dll"`,
    `"$a$b"`, `"${a}"`) and bare (`$a+$b`, as the quoted literal), the same lines in the same
    order. A script that keeps a name in variables and builds it in a string at run time
    (`GetProcAddress($h, "$a$b")`) is read with the name it builds."""
    if "$" not in code or "=" not in code:
        return code
    counts: dict[str, int] = {}
    for assigned in _ASSIGNED_NAME.finditer(code):
        key = assigned.group(1).lower()
        counts[key] = counts.get(key, 0) + 1
    values = dict(
        itertools.islice(
            (
                (match.group(1).lower(), match.group(3))
                for match in _LITERAL_SET.finditer(code)
                if counts.get(match.group(1).lower()) == 1
            ),
            _MOST_INTERPOLATED,
        )
    )
    if not values:
        return code
    names = "|".join(re.escape(name) for name in sorted(values, key=len, reverse=True))
    used = re.compile(rf"\$(?:\{{({names})\}}|({names})\b)(?![ \t]*[-+*/]?=(?!=))", re.I)

    def inside(match: re.Match[str]) -> str:
        return used.sub(lambda m: values[(m.group(1) or m.group(2)).lower()], match.group(0))

    text = _DOUBLE_QUOTED.sub(inside, code)
    return used.sub(lambda m: "'" + values[(m.group(1) or m.group(2)).lower()] + "'", text)


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
