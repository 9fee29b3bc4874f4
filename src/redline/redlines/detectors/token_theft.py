"""OUT-TOKEN-THEFT: a SYSTEM process's access token taken to run a program as SYSTEM.

What it catches
    A program that opens a process running as SYSTEM (picked out by name: `winlogon.exe`,
    `lsass.exe`, `services.exe`, TrustedInstaller, or any process once the debug privilege is
    switched on), duplicates its access token (`DuplicateTokenEx`) and starts a process or
    thread with the copy (`CreateProcessWithTokenW`, `CreateProcessAsUser`,
    `ImpersonateLoggedOnUser`, `SetThreadToken`), in C, C# or PowerShell's P/Invoke alike.

Why it is a redline (RL-EVASION)
    Token theft turns an administrator's session into SYSTEM, or any account's whose process
    can be opened, without its password and past the boundaries Windows draws between
    accounts (ATT&CK T1134, access token manipulation): a privilege escalation used to reach
    credentials and to run implants as the machine itself.

Example
    `OpenProcess(..., pid_of(L"winlogon.exe"))`, `OpenProcessToken(...)`,
    `DuplicateTokenEx(..., TokenPrimary, &dup)`, `CreateProcessWithTokenW(dup, ..., L"cmd.exe")`

Allowed instead
    A service starting a helper in the signed-in user's session with that user's own token
    (`WTSQueryUserToken` then `CreateProcessAsUser`), a server impersonating the client of its
    own pipe or RPC call, explaining how token theft is detected (Sysmon, event 4624 logon type
    9) or listing processes and their owners.
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import Detection, detector, pieces, supported

_THEFT = (Cap.SYSTEM_TOKEN_SOURCE, Cap.TOKEN_DUPLICATE, Cap.TOKEN_RUN)


@detector("OUT-TOKEN-THEFT", redline="RL-EVASION")
def token_theft(found: Capabilities) -> Detection | None:
    """A SYSTEM process's token duplicated and a process or thread started with the copy."""
    if not found.has_all(*_THEFT):
        return None
    return supported(found, 0.85, _THEFT, pieces(*_THEFT))
