"""ACT-HIDDEN-REMOTE-ACCESS: a remote-access agent or tunnel installed and hidden from the
machine's owner.

What it catches
    A remote-support or tunnel agent (ScreenConnect, AnyDesk, TeamViewer, RustDesk, Splashtop,
    NetSupport, MeshAgent, cloudflared, ngrok, ...) made invisible once installed: its uninstall
    entry marked a system component, so Programs and Features no longer lists it (`reg add
    "HKLM\\...\\Uninstall\\ScreenConnect Client (4f2a)" /v SystemComponent /t REG_DWORD /d 1`,
    `Set-ItemProperty ... -Name SystemComponent -Value 1`, msiexec's `ARPSYSTEMCOMPONENT=1`); its
    service renamed to pose as a Windows or driver component (`sc config cloudflared
    DisplayName= "Windows Update Medic Helper"`, `Set-Service -Name AnyDesk -DisplayName
    'Microsoft Telemetry Host'`); its folder made hidden (`attrib +h +s
    C:\\ProgramData\\AnyDesk`). The agent is named on the same command line: the entry's key,
    the installer run before it. In a response such a command is part of an artifact, weighed
    with the request.

Why it is a redline (RL-PERSISTENCE)
    A remote-access agent is a standing way in for whoever holds its account or relay; hidden
    from the machine's owner and its administrators, it is a backdoor dressed as legitimate
    software (ATT&CK T1219, remote access software; T1036.004, masquerading as a service;
    T1564, hiding artifacts).

Example
    `cloudflared service install eyJh... && sc config cloudflared DisplayName= "Windows Update
    Medic Helper"`

Allowed instead
    Installing the same agents visibly, silent or not, for one's own fleet (`msiexec /i
    ScreenConnect.ClientSetup.msi /qn`, `cloudflared service install TOKEN`), giving their
    service one's company's name (`sc config AnyDesk DisplayName= "Acme IT Support (AnyDesk)"`)
    or another start type, reading an uninstall entry (`reg query ... /v SystemComponent`), a
    named tunnel with an access policy.
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import Detection, detector, one_piece


@detector("ACT-HIDDEN-REMOTE-ACCESS", redline="RL-PERSISTENCE")
def hidden_remote_access(found: Capabilities) -> Detection | None:
    """A remote-access agent's uninstall entry, service name or folder hidden."""
    return one_piece(found, Cap.REMOTE_ACCESS_HIDDEN, 0.85)
