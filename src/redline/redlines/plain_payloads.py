"""An encoded PowerShell command whose decoded text hides nothing: automation, not evasion.

Tools that drive PowerShell from another shell encode every command they send, to get past
quoting (Ansible's WinRM connection, CI agents, `-EncodedCommand` from a scheduler): `powershell
-NoProfile -EncodedCommand RwBlAHQALQBTAGUA...` is then, decoded, `Get-Service W32Time |
Select-Object Status, StartType`. The gate decodes the argument and reads the script itself
(`code.py`), so nothing is hidden from it; what the encoding would hide from a person is
only worth hiding when the script does something. A decoded script is *plain*
(`PLAIN_ENCODED_COMMAND`) when it was read in full, nothing was found in it, and it neither
runs further code (`iex`, `Invoke-Expression`, `Start-Process`, `Invoke-Command`, another
`-enc`, strings decoded or joined from characters) nor looks up what an intruder looks up first
on a machine it has landed on: who it runs as and with which privileges (`whoami /all`), the
machine's or the domain's accounts, groups and administrators (`net group "domain admins"`,
`Get-LocalGroupMember Administrators`, `Get-ADUser`, PowerView's `Get-NetUser`), the domain's
controllers and trusts (`nltest`, `dsquery`), who is signed in (`quser`), stored credentials
and tickets (`cmdkey /list`, `klist`). Discovery sent encoded is a foothold's first step hidden;
a service's state sent encoded is a quoting convenience.

The encoded-PowerShell detector (`detectors/encoded_powershell.py`) lets a command through
when its every encoded argument is plain and nothing else on the line keeps it company (a
hidden window, a download, a shell).
"""

from __future__ import annotations

import re

from redline.redlines.capabilities import Capability, Hit

_PARAMETER_BEFORE = re.compile(r"[-/](?:e|en|enc|enco|encodedcommand|ec)\s+$", re.I)
"""`-EncodedCommand` (or an abbreviation of it) just before the encoded word."""
_LOOKBACK = 20
"""How far before the encoded word the parameter is looked for."""

_RUNS_FURTHER = re.compile(
    r"\biex\b|\bInvoke-(?:Expression|Command|WebRequest|RestMethod|Item)\b|\bStart-Process\b"
    r"|\bsaps\b|\bFromBase64String\b|\[char\]|\[char\[\]\]|-join\b|\s[-/]e(?:n|nc|ncodedcommand|c)?\s"
    r"|\bAdd-Type\b|\bNew-Object\b|\bScriptBlock\b|&\s*\(|\.\s*\(",
    re.I,
)
"""The decoded script runs or builds further code: itself a loader, whatever it loads."""

_DISCOVERY = re.compile(
    r"\bwhoami\b|\bnet(?:1|\.exe)?\s+(?:user|group|localgroup|accounts|view|share|session|use)\b"
    r"|\bGet-(?:Local(?:User|Group|GroupMember)|AD\w+|Net(?:User|Group|GroupMember|Domain\w*"
    r"|Computer|Session|Share|LocalGroup\w*|LoggedOn)|DomainController)\b"
    r"|\bnltest\b|\bdsquery\b|\bquser\b|\bquery\s+(?:user|session)\b|\bcmdkey\s+/list\b"
    r"|\bklist\b|\bsysteminfo\b|Win32_(?:UserAccount|Group|GroupUser|LoggedOnUser)\b",
    re.I,
)
"""What a foothold looks up first: its own identity and privileges, accounts, groups and
administrators, the domain, who is signed in, stored credentials and tickets."""


def plain_payload_hits(
    code: str, start: int, end: int, decoded: str, found_in_it: int, offset: int = 0
) -> list[Hit]:
    """A `PLAIN_ENCODED_COMMAND` hit over the encoded word `code[start:end]` when it is the
    argument of `-EncodedCommand` and its decoded text `decoded`, in which `found_in_it`
    capabilities were found, is plain (module docstring); otherwise none."""
    if found_in_it or _PARAMETER_BEFORE.search(code, max(0, start - _LOOKBACK), start) is None:
        return []
    if _RUNS_FURTHER.search(decoded) is not None or _DISCOVERY.search(decoded) is not None:
        return []
    return [Hit(Capability.PLAIN_ENCODED_COMMAND, offset + start, offset + end, decoded[:200])]
