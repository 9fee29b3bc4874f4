r"""A program staged in a scratch, public or hidden place and started on many hosts at once.

A command line that starts a program on every host of a list or of the domain (`psexec \\*`,
`psexec @hosts.txt`, `wmic /node:@hosts.txt`, a loop over a hosts file: `for /f %i in
(hosts.txt) do ...`, `for h in $(cat hosts.txt); do ...`) through the hosts' remote execution
(PsExec and its kin, WMI's `process call create`, impacket's `smbexec`, `wmiexec`, `psexec.py`),
where the program lies in a place a package is never kept: a scratch or public folder
(`C:\Windows\Temp\x.exe`, `C:\Users\Public\`, `C:\ProgramData\`, `C:\PerfLogs\`) or a hidden
share (`\\10.0.0.5\share$\upd.exe`). That is how an intruder spreads a payload over a network
(`PROGRAM_PUSHED_TO_MANY`).

A fleet's software is pushed from a named package share or a deployment folder (`psexec
@servers.txt -c -f D:\Deploy\agent-7.2-setup.exe`); an inventory over the list (`wmic
/node:@servers.txt os get caption`), a command run on one host (`psexec \\WS-0142 gpupdate
/force`), or a staged tool run on a single host is not read here.

Read on the whole command line an agent is about to run, never on a response's text:
`pushed_program_hits`.
"""

from __future__ import annotations

import re

from redline.redlines.capabilities import Capability, Hit

_GATE = ("psexec", "paexec", "wmic", "smbexec", "wmiexec", "atexec", "dcomexec")
"""A remote start needs one of these words; a line without any is not read further."""

_MANY_HOSTS = re.compile(
    r"""\\\\\*(?=[\s'"]|$)|(?:/node:|(?<=\s))@['"]?[\w.\\/:-]{1,200}\.(?:txt|csv|lst)\b"""
    r"""|\bfor\s+/f\b[^\n]{0,100}?\bin\s+\(\s*['"]?[\w.\\/:-]{1,200}\.(?:txt|csv|lst)['"]?\s*\)"""
    r"""|\bfor\s+\w+\s+in\s+\$\(\s*cat\s+['"]?[\w./-]{1,200}['"]?\s*\)"""
    r"""|\bwhile\s+read\b[^\n]{0,300}?<\s*['"]?[\w./-]{1,200}\.(?:txt|csv|lst)\b""",
    re.I,
)
r"""Every host of a list file or of the domain: PsExec's `\\*` and `@file`, WMI's `/node:@file`,
a loop over a file of hosts."""
_STAGED = (
    r"""(?:(?:[A-Za-z]:|%SystemRoot%|%windir%)?\\+(?:Windows\\+Temp|Users\\+Public|ProgramData|PerfLogs|Temp)\\+"""
    r"""|\\\\[\w.-]{1,100}\\+[\w.-]{0,100}\$\\+)[^\s'"]{0,200}?\.(?:exe|dll|ps1|bat|cmd|vbs|hta|scr)\b"""
)
r"""A program in a scratch or public folder, or on a hidden share (`\\host\share$\x.exe`)."""
_STARTED = re.compile(
    rf"""\b(?:psexec(?:64)?|paexec)(?:\.exe)?\s[^\n]{{0,300}}?(?:\s-c\s+(?:-\w+\s+){{0,4}})?['"]?{_STAGED}"""
    rf"""|\bwmic(?:\.exe)?\s[^\n]{{0,300}}?\bprocess\s+call\s+create\s+[^\n]{{0,200}}?{_STAGED}"""
    rf"""|\b(?:impacket-)?(?:smbexec|wmiexec|psexec|atexec|dcomexec)(?:\.py)?\s[^\n]{{0,300}}?{_STAGED}""",
    re.I,
)
"""A staged program started through a host's remote execution."""


def pushed_program_hits(action: str) -> list[Hit]:
    """`PROGRAM_PUSHED_TO_MANY` at the first remote start of a staged program (`_STARTED`) on a
    line that addresses every host of a list or of the domain (`_MANY_HOSTS`)."""
    lowered = action.lower()
    if not any(word in lowered for word in _GATE) or _MANY_HOSTS.search(action) is None:
        return []
    started = _STARTED.search(action)
    if started is None:
        return []
    return [Hit(Capability.PROGRAM_PUSHED_TO_MANY, started.start(), started.end(), started.group())]
