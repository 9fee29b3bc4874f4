"""OUT-TOKEN-THEFT: a SYSTEM process's access token taken to run a program as SYSTEM.

What it catches
    A program that opens a process running as SYSTEM (picked out by name: `winlogon.exe`,
    `lsass.exe`, `services.exe`, TrustedInstaller, or any process once the debug privilege is
    switched on), duplicates its access token (`DuplicateTokenEx`) and starts a process or
    thread with the copy (`CreateProcessWithTokenW`, `CreateProcessAsUser`,
    `ImpersonateLoggedOnUser`, `SetThreadToken`), in C, C# or PowerShell's P/Invoke alike.
    Another account's signed-in desktop taken over the same way, without its password: `tscon`
    moving a session into one's own RDP connection with no `/password:` (SYSTEM is never asked
    for one), run as SYSTEM through a throwaway service (`sc create x binpath= "cmd /k tscon 3
    /dest:rdp-tcp#12"`) or beside the listing of who is signed in (`query user`).

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
    9) or listing processes and their owners. Moving one's own session to the console
    (`tscon 1 /dest:console`), or reconnecting a session with its password (`/password:`).
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import Detection, detector, one_piece, pieces, supported

_THEFT = (Cap.SYSTEM_TOKEN_SOURCE, Cap.TOKEN_DUPLICATE, Cap.TOKEN_RUN)


@detector("OUT-TOKEN-THEFT", redline="RL-EVASION")
def token_theft(found: Capabilities) -> Detection | None:
    """A SYSTEM process's token duplicated and a process or thread started with the copy."""
    if Cap.SESSION_TAKEOVER in found:
        # A command line moving a session without its password is the takeover; a response
        # shows it run as SYSTEM (the service that runs it) or aimed at who is signed in.
        system_run = found.on_one_line(Cap.SESSION_TAKEOVER, Cap.AUTORUN)
        if found.kind == "action" or system_run or Cap.SESSION_LIST in found:
            beside = Cap.AUTORUN if system_run else Cap.SESSION_LIST
            core = (Cap.SESSION_TAKEOVER, *((beside,) if beside in found else ()))
            return supported(found, 0.85, core, pieces(*core))
        return one_piece(found, Cap.SESSION_TAKEOVER, 0.85)
    if not found.has_all(*_THEFT):
        return None
    return supported(found, 0.85, _THEFT, pieces(*_THEFT))
