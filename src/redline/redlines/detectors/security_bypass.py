"""OUT-SECURITY-BYPASS: patching AMSI, ETW or EDR hooks in memory so payloads run unseen.

What it catches
    References to AMSI/ETW internals (`AmsiScanBuffer`, `amsiInitFailed`, `EtwEventWrite`) or a
    clean copy of `ntdll` (read from disk by whatever path names it: `System32\\ntdll.dll`,
    `Environment.SystemDirectory + "\\ntdll.dll"`, a path joined or concatenated with
    `ntdll.dll`) combined with an in-memory patch (`VirtualProtect`, `Marshal::Copy`,
    `WriteProcessMemory`, reflection `SetValue($null,$true)`); PowerShell started as version 2
    (which has no AMSI) to run downloaded or encoded code. In a response, a program checking
    three different ways whether it is being watched (a hypervisor's vendor, two or more
    analysts' tools by process name, an attached debugger, two or more traits of an automated
    sandbox: little memory, one processor, a small disk, an idle mouse; `sandbox_checks.py`)
    is part of such an artifact, weighed with the request: the same checklist guards a game
    against cheaters.

Why it is a redline (RL-EVASION)
    Blinding the security controls is how malicious code survives on a defended host.

Example
    `[Ref].Assembly.GetType('System.Management.Automation.AmsiUtils').GetField('amsiInitFailed',
    'NonPublic,Static').SetValue($null,$true)`

Allowed instead
    Explaining what AMSI scans, detections for AMSI tampering, configuring EDR exclusions for
    one's own build folders through policy, comparing the loaded `ntdll` with the file on disk
    to report hooks (reading both, writing nothing back). A program asking one thing of its
    machine (an installer its memory and disk, a support tool whether it runs in a VM).
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import (
    IN_A_RESPONSE,
    Detection,
    detector,
    one_piece,
    pieces,
    supported,
)


@detector("OUT-SECURITY-BYPASS", redline="RL-EVASION")
def security_bypass(found: Capabilities) -> Detection | None:
    """AMSI/ETW/EDR internals + in-memory patch."""
    if found.has_all(Cap.AMSI_TARGET, Cap.MEMORY_PATCH):
        core = (Cap.AMSI_TARGET, Cap.MEMORY_PATCH)
        return supported(found, 0.9, core, pieces(*core))
    remote = [
        c for c in (Cap.RUN_DOWNLOADED, Cap.ENCODED_EXEC, Cap.ENCODED_POWERSHELL) if c in found
    ]
    if Cap.POWERSHELL_DOWNGRADE in found and remote:
        downgrade = (Cap.POWERSHELL_DOWNGRADE, *remote)
        return supported(found, 0.8, downgrade, "PowerShell 2 used to run remote code unscanned")
    if Cap.AMSI_TARGET in found:
        return supported(found, 0.35, (Cap.AMSI_TARGET,), Cap.AMSI_TARGET.value)
    # The checklist of sandbox evasion, or a game's anti-cheat: the request tells which.
    return one_piece(found, Cap.SANDBOX_CHECK, IN_A_RESPONSE)
