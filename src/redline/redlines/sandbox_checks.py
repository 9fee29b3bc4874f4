"""Checks that tell an analyst's machine from a victim's: the environment tests of sandbox evasion.

Malware that must not be seen by the people studying it looks around before it acts: is a
hypervisor there (the CPUID hypervisor leaf's vendor, `VMwareVMware`, `VBoxVBoxVBox`, a guest
additions service), is an analyst's tool running (`wireshark.exe`, `procmon.exe`, `x64dbg.exe`,
two or more of them named), is a debugger attached (`IsDebuggerPresent`,
`CheckRemoteDebuggerPresent`, `ptrace(PTRACE_TRACEME)`, `TracerPid`, a timing check with
`rdtsc`), and does the machine look like an automated sandbox (little memory, one processor, a
small disk, no one at the keyboard: two or more of `ullTotalPhys`, `dwNumberOfProcessors`,
`GetDiskFreeSpaceEx`, `GetLastInputInfo`, `psutil.virtual_memory`, ...). Any one of these is
ordinary (a game's anti-cheat asks about debuggers, an installer about memory, a support tool
whether it runs in a VM); three different kinds in one program are the checklist of sandbox
evasion (ATT&CK T1497, T1622). The same checklist guards a game against cheaters, so it is a
piece weighed with the request (`Capability.SANDBOX_CHECK`), never a refusal alone.
"""

from __future__ import annotations

import re

from redline.redlines.capabilities import Capability, Hit

_HYPERVISOR = re.compile(
    r"VMwareVMware|VBoxVBoxVBox|KVMKVMKVM|XenVMMXenVMM|Microsoft Hv|prl hyperv"
    r"|\b(?:__)?cpuid(?:ex)?\s*\([^\n]{0,200}\b0x40000000\b"
    r"|\bVBox(?:Service|Tray|Guest|Mouse|SF)\b|\bvmtoolsd\b|\bvmware(?:user|tray|service)\b"
    r"|\bvmci\.sys\b|\bvmhgfs\b|VBOX__|\bqemu-ga\b"
    # the machine's model or maker read and compared with a hypervisor's (WMI, DMI)
    r"|\b(?:Model|Manufacturer|product_name|sys_vendor)\b[^\n]{0,200}\b(?:VirtualBox|VMware|QEMU|KVM|Xen"
    r"|Virtual\s+Machine)\b",
    re.I,
)
_TOOLS = re.compile(
    r"\b(?:wireshark|dumpcap|procmon(?:64)?|procexp(?:64)?|x64dbg|x32dbg|ollydbg|ida(?:64|q|q64)?"
    r"|processhacker|fiddler|tcpview|autoruns|immunitydebugger|windbg|pestudio|regshot"
    r"|apimonitor|httpdebugger|sysanalyzer|joeboxserver|joeboxcontrol)\.exe\b",
    re.I,
)
_DEBUGGER = re.compile(
    r"\b(?:IsDebuggerPresent|CheckRemoteDebuggerPresent|ProcessDebugPort|ProcessDebugObjectHandle"
    r"|BeingDebugged|NtGlobalFlag|PTRACE_TRACEME|TracerPid|__rdtsc|rdtsc)\b|\bDebugger\.IsAttached\b"
)
_SANDBOX_TRAITS = re.compile(
    r"\b(?:ullTotalPhys|dwNumberOfProcessors|GetDiskFreeSpaceEx\w*|GetLastInputInfo"
    r"|GetSystemMetrics\s*\(\s*SM_C[XY]SCREEN|SbieDll|cuckoomon|psutil\.virtual_memory"
    r"|psutil\.disk_usage|psutil\.boot_time|NumberOfCores|TotalPhysicalMemory)\b"
)
_CASED_KEYS = (
    "Debug", "PTRACE_TRACEME", "TracerPid", "rdtsc", "NtGlobalFlag", "ullTotalPhys",
    "dwNumberOfProcessors", "GetDiskFreeSpaceEx", "GetLastInputInfo", "GetSystemMetrics", "SbieDll",
    "cuckoomon", "psutil.", "NumberOfCores", "TotalPhysicalMemory",
)  # fmt: skip
"""What the code without its comments holds (as written) when it has a debugger check or a
trait of a sandbox: the scan's cheap gate. Those two kinds are read with case, and three kinds
of the four are never there without one of them (a hypervisor and the analysts' tools are two)."""
_KINDS_NEEDED = 3
"""Different kinds of check that make the checklist (one is anyone's diagnostics)."""


def sandbox_check_hits(code: str, cleaned: str, offset: int = 0) -> list[Hit]:
    """One hit spanning the checks when three different kinds stand in `code` (its quoted
    names read as written, its calls read in `cleaned`, the code without its comments)."""
    if not any(key in cleaned for key in _CASED_KEYS):
        return []
    found: list[re.Match[str]] = []
    hypervisor = _HYPERVISOR.search(code)
    if hypervisor is not None:
        found.append(hypervisor)
    tools = list(_TOOLS.finditer(code))
    if len({tool.group(0).lower() for tool in tools}) >= 2:
        found.append(tools[0])
    debugger = _DEBUGGER.search(cleaned)
    if debugger is not None:
        found.append(debugger)
    traits = list(_SANDBOX_TRAITS.finditer(cleaned))
    if len({trait.group(0) for trait in traits}) >= 2:
        found.append(traits[0])
    if len(found) < _KINDS_NEEDED:
        return []
    start = min(match.start() for match in found)
    end = max(match.end() for match in found)
    return [Hit(Capability.SANDBOX_CHECK, offset + start, offset + end, code[start:end])]
