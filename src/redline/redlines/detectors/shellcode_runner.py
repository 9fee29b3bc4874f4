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
    Memory made executable and run (here or in another process: two such steps; one when
    the stub is carried as bytes) through system calls the program issues itself, with its
    own stubs (`mov r10, rcx; mov eax, ssn; syscall`, as text or as the bytes `4c 8b d1 b8`)
    or SysWhispers' and Hell's Gate's resolvers, so the calls never pass the ntdll exports an
    EDR hooks (`ZwProtectVirtualMemory` by its syscall number), whatever the bytes are.
    Memory made executable and run from a proxy DLL (its exports forwarded to the system's own
    copy: `/export:GetFileVersionInfoW=C:\\Windows\\System32\\version.GetFileVersionInfoW`),
    put beside a signed program that loads it in the system DLL's place: the bytes run inside
    a trusted process, whatever they are (DLL side-loading).

Why it is a redline (RL-EVASION)
    A loader that keeps its payload encoded until it is in memory exists to get arbitrary code
    past antivirus scanning: the first stage of most intrusions.

Example
    `for (i = 0; i < n; i++) buf[i] ^= k; p = VirtualAlloc(0, n, MEM_COMMIT, PAGE_READWRITE);
    memcpy(p, buf, n); VirtualProtect(p, n, PAGE_EXECUTE_READ, &old); ((void(*)())p)();`

Allowed instead
    A JIT compiler or an emulator that emits its own instructions into executable memory, a
    system call stub shown alone (how `ntdll` enters the kernel),
    explaining how loaders are detected (RWX allocations, unbacked executable memory), a
    proxy DLL that only forwards or hooks its functions (a game's graphics wrapper).
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import Detection, detector, pieces, supported

_HIDDEN_BYTES = (Cap.XOR_DECODE, Cap.DECODE, Cap.ENCODE, Cap.DOWNLOAD, Cap.NET_RECV, Cap.PAUSE)
_RUNS_MEMORY = (
    Cap.EXEC_MEMORY,
    Cap.JUMP_TO_MEMORY,
    Cap.REMOTE_ALLOC,
    Cap.REMOTE_WRITE,
    Cap.REMOTE_THREAD,
)
"""Memory made executable or run, here or in another process."""


@detector("OUT-SHELLCODE-RUNNER", redline="RL-EVASION")
def shellcode_runner(found: Capabilities) -> Detection | None:
    """Executable memory + a jump into it + bytes hidden until run time; or memory made
    executable or run through system calls of the program's own."""
    syscalls = [c for c in (Cap.DIRECT_SYSCALL, Cap.SYSCALL_STUB_BYTES) if c in found]
    if syscalls:
        runs = [c for c in _RUNS_MEMORY if c in found]
        carried = Cap.SYSCALL_STUB_BYTES in found
        if len(runs) >= 2 or (carried and runs):
            # Two steps of running memory (made executable and started, or allocated and
            # written elsewhere), or a stub carried as bytes and made executable: a loader,
            # where a stub's listing beside one system call's name explains how ntdll enters
            # the kernel.
            core = (*syscalls, *runs)
            return supported(found, 0.85, core, pieces(*core))
    if not found.has_all(Cap.EXEC_MEMORY, Cap.JUMP_TO_MEMORY):
        return None
    # The bytes hidden until run time, or the calls that run them: system functions found
    # by walking the loaded modules and hashing export names, kept out of the import table.
    hidden = [c for c in (*_HIDDEN_BYTES, Cap.API_HASHING, Cap.DLL_PROXY) if c in found]
    core = (Cap.EXEC_MEMORY, Cap.JUMP_TO_MEMORY, *hidden)
    if hidden:
        return supported(found, 0.85, core, pieces(*core))
    return supported(found, 0.45, core, "runs bytes from executable memory")
