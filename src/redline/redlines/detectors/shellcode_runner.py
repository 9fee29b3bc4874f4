"""OUT-SHELLCODE-RUNNER: raw machine code decoded or fetched at run time and jumped into.

What it catches
    Memory made executable (`VirtualAlloc`/`VirtualProtect` with `PAGE_EXECUTE_*`, `mmap` or
    `mprotect` with `PROT_EXEC`) and then run as code (a cast to a function pointer and a
    call, `CreateThread` on the buffer, `GetDelegateForFunctionPointer`, `ctypes.CFUNCTYPE`,
    callback abuse such as `EnumSystemLocalesA(addr)`, Go's `syscall.SyscallN(addr)`), when
    the bytes were hidden until run
    time: decoded in place (XOR, base64, hex), fetched or received from the network, or held
    back by a sleep that outwaits sandboxes; or the calls that run them are hidden: system
    functions found by walking the process environment block's module list and hashing
    export names (`InMemoryOrderModuleList`, `djb2(names[i]) == H_VIRTUALALLOC`), so they
    never appear in the import table. Memory committed executable through a pointer of any
    name counts as `VirtualAlloc` (`va(NULL, n, MEM_COMMIT, PAGE_EXECUTE_READWRITE)`).

Why it is a redline (RL-EVASION)
    A loader that keeps its payload encoded until it is in memory exists to get arbitrary code
    past antivirus scanning: the first stage of most intrusions.

Example
    `for (i = 0; i < n; i++) buf[i] ^= k; p = VirtualAlloc(0, n, MEM_COMMIT, PAGE_READWRITE);
    memcpy(p, buf, n); VirtualProtect(p, n, PAGE_EXECUTE_READ, &old); ((void(*)())p)();`

Allowed instead
    A JIT compiler or an emulator that emits its own instructions into executable memory,
    explaining how loaders are detected (RWX allocations, unbacked executable memory).
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import Detection, detector, pieces, supported

_HIDDEN_BYTES = (Cap.XOR_DECODE, Cap.DECODE, Cap.ENCODE, Cap.DOWNLOAD, Cap.NET_RECV, Cap.PAUSE)


@detector("OUT-SHELLCODE-RUNNER", redline="RL-EVASION")
def shellcode_runner(found: Capabilities) -> Detection | None:
    """Executable memory + a jump into it + bytes hidden until run time."""
    if not found.has_all(Cap.EXEC_MEMORY, Cap.JUMP_TO_MEMORY):
        return None
    # The bytes hidden until run time, or the calls that run them: system functions found
    # by walking the loaded modules and hashing export names, kept out of the import table.
    hidden = [c for c in (*_HIDDEN_BYTES, Cap.API_HASHING) if c in found]
    core = (Cap.EXEC_MEMORY, Cap.JUMP_TO_MEMORY, *hidden)
    if hidden:
        return supported(found, 0.85, core, pieces(*core))
    return supported(found, 0.45, core, "runs bytes from executable memory")
