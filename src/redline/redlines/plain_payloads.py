"""An encoded PowerShell command whose decoded text only reads: automation, not evasion.

Tools that drive PowerShell from another shell sometimes encode the command they send, to get
past quoting (a CI agent, a scheduler, a monitoring probe): `powershell -NoProfile
-EncodedCommand RwBlAHQALQBTAGUA...` is then, decoded, `Get-Service W32Time | Select-Object
Status, StartType`. The gate decodes the argument and reads the script itself (`code.py`), so
nothing is hidden from it; what the encoding would hide from a person is only worth hiding when
the script does something. (Ansible's WinRM wrapper is no such case: its encoded bootstrap
builds a script block from its input and runs it, so it stays refused like any loader.)

A decoded script is *plain* (`PLAIN_ENCODED_COMMAND`) when it was read in full, nothing was
found in it, it reads something (`_READS`: not only `echo hi`), and every one of its statements
is made of an allow list of read-only, local pieces (`plain_script`); anything else, however it
is spelled, keeps the command refused:

- each command a statement starts (at the start, after `;`, `|`, a line break, `(`, `{`, `=`)
  is a reading cmdlet (`Get-`, `Test-`, `Select-`, `Where-`, `Sort-`, `Format-`, `Out-`,
  `Write-`, `Measure-`, `ConvertTo-`; a few of their aliases; `hostname`) that is not what an
  intruder looks up first on a machine it has landed on: the domain and its accounts
  (`Get-Domain*`, PowerView's `Get-Net*`, `Get-AD*`), local accounts and groups
  (`Get-LocalGroupMember`), credentials, the clipboard, or other machines
  (`Test-NetConnection`); or else a variable, a literal or a parenthesis;
- the rest are simple variables and their properties (`$PSVersionTable.PSVersion`, `$_.Name`),
  parameters and operators, literals (strings with no `$(...)` in them), bare words, pipes,
  `@(...)`/`@{...}`, indexes and casts to plain value types (`[int]`);
- no call operator `&`, no dot-sourcing (`. $env:TEMP\\x.ps1`), no method call
  (`$ExecutionContext.InvokeCommand.InvokeScript(...)`, `[Convert]::FromBase64String(...)`),
  no cast to any other type (`[scriptblock]`, `[char[]]`), no escape character outside a
  line continuation, no share or web address, no `$ExecutionContext`; `iex`, `Invoke-*`,
  `Start-*`, `New-Object`, `Add-Type`, `Import-Module` and a nested `powershell -enc` are no
  reading cmdlets, so a statement that starts them is not plain.

What an intruder looks up with native programs (`whoami /all`, `net group "domain admins"`,
`nltest`, `quser`, `cmdkey /list`, `klist`, WMI's account classes) is not plain either
(`_DISCOVERY`): discovery sent encoded is a foothold's first step hidden; a service's state sent
encoded is a quoting convenience.

The encoded-PowerShell detector (`detectors/encoded_powershell.py`) lets a command through
when its every encoded argument is plain and nothing else on the line keeps it company (a
hidden window, a download, a shell).
"""

from __future__ import annotations

import re

from redline.redlines.capabilities import ENCODED_COMMAND_SWITCH, Capability, Hit

_PARAMETER_BEFORE = re.compile(r"[-/](?:" + ENCODED_COMMAND_SWITCH + r")\s+$", re.I)
"""`-EncodedCommand` (or an abbreviation of it) just before the encoded word."""
_LOOKBACK = 24
"""How far before the encoded word the parameter is looked for."""

_DISCOVERY = re.compile(
    r"\bwhoami\b|\bnet(?:1|\.exe)?\s+(?:user|group|localgroup|accounts|view|share|session|use)\b"
    r"|\bnltest\b|\bdsquery\b|\bquser\b|\bquery\s+(?:user|session)\b|\bcmdkey\s+/list\b"
    r"|\bklist\b|\bsysteminfo\b|Win32_(?:UserAccount|Group|GroupUser|LoggedOnUser)\b",
    re.I,
)
"""What a foothold looks up first with native programs or WMI: its own identity and
privileges, accounts, groups, the domain, who is signed in, stored credentials and tickets."""

_LONGEST = 4000
"""A longer decoded script is not read as plain (automation's quoted commands are short)."""

_STRING = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"`]|`[\s\S])*\"")
"""A quoted string (single-quoted with `''` inside, double-quoted with backtick escapes)."""
_COMMENT = re.compile(r"#[^\n]*")
_CONTINUATION = re.compile(r"`\r?\n")
_ADDRESS = re.compile(r"\\\\\w|://")
"""A share or web address, anywhere in the script: not plain."""
_ELSEWHERE = re.compile(r"\$ExecutionContext\b|`", re.I)
"""The engine's own handle, or an escape character (after strings and line continuations are
taken out): not plain."""
_ASSIGNED = re.compile(r"[ \t]*=(?!=)")
"""An assignment (or a hash table's key) after a word."""

_TOKEN = re.compile(
    r"(?P<space>[ \t\r]+)"
    r"|(?P<start>[;|\n{(=]|@[({])"
    r"|(?P<close>[)},!]|\d?>>?)"
    r"|(?P<literal>''|\"\")"
    r"|(?P<variable>\$(?:[A-Za-z_]\w*(?::\w+)?|[_?$^]))"
    r"|(?P<bracket>\[(?:int|int32|int64|long|string|bool|datetime|double|decimal|version"
    r"|timespan|math)\]|\[-?\d{1,9}\])"
    r"|(?P<word>[^\s;|{}()&,'\"`\[\]$=<>@#!]+)",
    re.I,
)
"""One piece of a decoded script with its strings blanked; what matches none is not plain."""

_READING_COMMAND = re.compile(
    r"(?!Get-(?:Domain|Net|AD|Local(?:User|Group)|Credential|Clipboard)"
    r"|Test-(?:Net|Connection|WSMan|ComputerSecureChannel))"
    r"(?:Get|Test|Select|Where|Sort|Format|Out|Write|Measure|ConvertTo)-\w+|ConvertFrom-(?:Json|Csv)"
    r"|select|where|sort|measure|ft|fl|fw|gsv|gps|gci|gc|gi|gp|dir|ls|cat|type|echo|write"
    r"|hostname|\?",
    re.I,
)
"""A command a plain statement may start (module docstring), matched in full."""


_READS = re.compile(
    r"\$\w|\b(?:Get|Test|Select|Where|Sort|Measure|ConvertTo|ConvertFrom)-\w"
    r"|(?<![\w-])(?:hostname|gsv|gps|gci|gc|gi|gp|dir|ls|cat|type)\b",
    re.I,
)
"""Something the script reads: a cmdlet that looks something up, `hostname`, a variable. A
script that only prints its own words (`echo hi`) queries nothing: it is how one tests that an
encoded command runs at all, not what automation sends."""


def plain_script(script: str) -> bool:
    """Whether the decoded PowerShell `script` only reads, by the allow list of the module
    docstring."""
    if len(script) > _LONGEST or _DISCOVERY.search(script) or _ADDRESS.search(script):
        return False
    blanked: list[str] = []
    cursor = 0
    for match in _STRING.finditer(script):
        if "$(" in match.group(0):  # a subexpression run inside the string
            return False
        blanked.append(script[cursor : match.start()])
        blanked.append("''")
        cursor = match.end()
    blanked.append(script[cursor:])
    text = _COMMENT.sub("", _CONTINUATION.sub(" ", "".join(blanked)))
    if _ELSEWHERE.search(text) is not None or _READS.search(text) is None:
        return False
    return _pieces_read(text)


def _pieces_read(text: str) -> bool:
    """Whether `text` (a script with its strings and comments blanked) is made only of the
    allowed pieces, each statement starting with a reading command or a value."""
    at_start = True
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            return False  # `&`, `<`, a cast to another type, an unclosed quote
        kind, piece = match.lastgroup, match.group(0)
        position = match.end()
        if kind == "space":
            continue
        if kind == "word":
            if text.startswith("(", position) and ("." in piece or ":" in piece):
                return False  # a method call: `.InvokeScript(`, `::FromBase64String(`
            if piece.endswith((".", ":")):
                return False  # dot-sourcing, or a member named by a string
            value = piece[0] in "-+0123456789" or _ASSIGNED.match(text, position) is not None
            if at_start and not value and _READING_COMMAND.fullmatch(piece) is None:
                return False
        if piece != "!":  # a negation keeps what follows at the start of its statement
            at_start = kind == "start"
    return True


def plain_payload_hits(
    code: str, start: int, end: int, decoded: str, found_in_it: int, offset: int = 0
) -> list[Hit]:
    """A `PLAIN_ENCODED_COMMAND` hit over the encoded word `code[start:end]` when it is the
    argument of `-EncodedCommand` and its decoded text `decoded`, in which `found_in_it`
    capabilities were found, is plain (module docstring); otherwise none."""
    if found_in_it or _PARAMETER_BEFORE.search(code, max(0, start - _LOOKBACK), start) is None:
        return []
    if not plain_script(decoded):
        return []
    return [Hit(Capability.PLAIN_ENCODED_COMMAND, offset + start, offset + end, decoded[:200])]
