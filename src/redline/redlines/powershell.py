"""PowerShell read through its aliases and its call operator.

Obfuscated PowerShell hides its commands behind aliases, its own (`sal g gci; g -Recurse`) and
the built-in ones (`ri` for Remove-Item, `sc` for Set-Content), and behind the call operator
applied to built strings (`&('vss'+'admin') ('dele'+'te') shadows`). This view writes the
commands out (`Get-ChildItem -Recurse`, `vssadmin delete shadows`), line for line, so that the
capability patterns read what the script runs. String pieces are joined first (see
`code._folded`).
"""

from __future__ import annotations

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
