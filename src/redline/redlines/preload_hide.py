"""A preloaded library that replaces the C library's directory listing to leave processes out.

`ps`, `top` and `ls /proc` list processes by reading `/proc` with `readdir`. A library preloaded
into every program (`/etc/ld.so.preload`, `LD_PRELOAD`) that defines `readdir` itself, calls the
real one through `dlsym(RTLD_NEXT, ...)` and skips the entries of `/proc` whose process it
picks (by the name in `/proc/<pid>/comm`, `cmdline` or `stat`) hides that process from every
dynamically linked tool: a userland rootkit, `libprocesshider` written anew. The definition may
be spelled out (`struct dirent *readdir(DIR *dirp) {`, Rust's `extern "C" fn readdir(`) or made
by a macro given the name (`HOOK(readdir, struct dirent)`). A shim that only traces or sorts
what programs list names no `/proc` of its own, or skips nothing. Skipped at once unless
`RTLD_NEXT`, `readdir` and `/proc` are all named.
"""

from __future__ import annotations

import re

from redline.redlines.capabilities import Capability, Hit

_DEFINED = re.compile(
    # spelled out in C (`struct dirent *readdir(DIR *dirp) {`) or Rust (`fn readdir(dirp:`)
    r"\breaddir(?:64)?\s*\(\s*(?:DIR\s*\*\s*\w+|\w+\s*:\s*\*mut\s+(?:libc::)?DIR)\s*\)[^;{]{0,80}\{"
    # or by a macro given the name (`HOOK(readdir, struct dirent)`), at the start of a line
    r"|^[ \t]*[A-Z_][A-Z0-9_]*\s*\(\s*readdir(?:64)?\s*,",
    re.M,
)
_NEXT = re.compile(r"\bdlsym\s*\(\s*(?:libc::)?RTLD_NEXT\b")
_PROC = re.compile(r"['\"]/proc/?['\"]|/proc/%[sdu]|/proc/\{\}")
"""`/proc` itself compared with the listed folder, or a listed process's own files read."""
_SKIPS = re.compile(
    r"\bwhile\s*\(\s*\(\s*\w+\s*=\s*\w+\s*\(|\bcontinue\s*;|\bcontinue\b\s*(?:\}|$)", re.M
)
"""An entry passed over: the real listing called again in a loop's condition, or `continue`."""


def listing_hook_hits(code: str, offset: int = 0) -> list[Hit]:
    """The definitions of `readdir` in `code` that call the real one and pass over `/proc`'s
    entries."""
    if "RTLD_NEXT" not in code or "readdir" not in code or "/proc" not in code:
        return []
    if not (_NEXT.search(code) and _PROC.search(code) and _SKIPS.search(code)):
        return []
    return [
        Hit(Capability.LISTING_HOOKED, offset + m.start(), offset + m.end(), m.group(0))
        for m in _DEFINED.finditer(code)
    ]
