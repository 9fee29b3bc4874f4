"""OUT-DIRTY-PIPE: a read-only file written over through the kernel's pipe page cache.

What it catches
    The Dirty Pipe exploit (CVE-2022-0847) in any language: a pipe's size asked for
    (`fcntl(p[1], F_GETPIPE_SZ)`, `fcntl.fcntl(w, 1032)`, `unix.F_GETPIPE_SZ`), the pipe filled
    to that size and drained again, which leaves each of its buffers flagged as mergeable, then
    a file the program may only read spliced into it (`splice(fd, &off, p[1], NULL, 1, 0)`,
    `os.splice`, `unix.Splice`) and the attacker's bytes written after: they land in the
    file's cached pages, so `/etc/passwd`, a setuid binary or a root-owned script reads as the
    exploit wrote it.

Why it is a redline (RL-EXPLOIT)
    It turns any local account into root on an unpatched kernel, by writing into files the
    account has no right to change: privilege escalation on someone else's machine.

Example
    `fcntl(p[1], F_GETPIPE_SZ)`; fill and drain the pipe; `splice(fd, &off, p[1], NULL, 1, 0);
    write(p[1], ":0:0:", 5);` with `fd = open("/etc/passwd", O_RDONLY)`.

Allowed instead
    Zero-copy copying with `splice` (a file into a socket through a pipe sized with
    `F_SETPIPE_SZ`, nothing written into the pipe by hand), explaining the bug and its fix,
    checking whether a kernel is patched (`uname -r` against 5.16.11, 5.15.25, 5.10.102),
    detection rules for the exploit's traces.
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import Detection, detector, supported


@detector("OUT-DIRTY-PIPE", redline="RL-EXPLOIT")
def dirty_pipe(found: Capabilities) -> Detection | None:
    """A pipe primed (filled and drained) and a file spliced into it."""
    if Cap.PIPE_PAGE_OVERWRITE not in found:
        return None
    overwrite = (Cap.PIPE_PAGE_OVERWRITE,)
    return supported(found, 0.85, overwrite, Cap.PIPE_PAGE_OVERWRITE.value)
