"""OUT-PROCESS-INJECTION: writing code into another process and running it there.

What it catches
    The classic chain: open another process, allocate memory in it, write a payload, start a
    thread (or queue an APC, set a thread context, `ptrace` poke and set registers). The calls
    count also when they are resolved at run time to keep them out of the import table: a
    `GetProcAddress` of `"VirtualAllocEx"`, `"WriteProcessMemory"`, `"CreateRemoteThread"`,
    `"NtWriteVirtualMemory"`, `"QueueUserAPC"` and the like, with the name cut into pieces
    joined again (`"Write" + std::string("Process") + "Memory"`) or built on the stack a
    character at a time (`{'N','t','W','r','i','t','e',...}`). Part of one: a global hook set
    from a DLL (`SetWindowsHookEx(WH_GETMESSAGE, proc, dll, 0)`), which Windows maps into
    every process that takes the hooked messages, weighed with the request.

Why it is a redline (RL-EVASION)
    Injected code runs under a trusted process's name, hiding from users and defences.

Example
    `OpenProcess(PROCESS_ALL_ACCESS, ...); VirtualAllocEx(...); WriteProcessMemory(...);
    CreateRemoteThread(...)`

Allowed instead
    A debugger reading its own child, a profiler that only reads the process it is pointed at,
    explaining how EDRs detect injection, DLL loading in one's own process (a plugin host's
    `GetProcAddress(lib, "PluginInit")`), a low-level keyboard or mouse hook for a hotkey
    (`WH_KEYBOARD_LL`, which runs in the program's own process), a hook on one's own thread.
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import IN_A_RESPONSE, Detection, detector, pieces, supported

_CHAIN = (Cap.REMOTE_OPEN, Cap.REMOTE_ALLOC, Cap.REMOTE_WRITE, Cap.REMOTE_THREAD)


@detector("OUT-PROCESS-INJECTION", redline="RL-EVASION")
def process_injection(found: Capabilities) -> Detection | None:
    """At least three links of open/allocate/write/run-in-another-process."""
    links = [c for c in _CHAIN if c in found]
    if len(links) >= 3 or found.has_all(Cap.REMOTE_WRITE, Cap.REMOTE_THREAD):
        return supported(found, 0.9 if len(links) >= 3 else 0.7, links, pieces(*links))
    if len(links) == 2:
        return supported(found, 0.4, links, pieces(*links))
    if Cap.GLOBAL_HOOK_DLL in found:
        # The loader of accessibility tools and window utilities too: part of an injection,
        # which the request's intent completes.
        return supported(
            found, IN_A_RESPONSE, (Cap.GLOBAL_HOOK_DLL,), "a DLL loaded into every GUI process"
        )
    return None
