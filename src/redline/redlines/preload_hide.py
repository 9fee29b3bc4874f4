"""A preloaded library that replaces the C library's directory listing to leave processes out.

`ps`, `top` and `ls /proc` list processes by reading `/proc` with `readdir`. A library preloaded
into every program (`/etc/ld.so.preload`, `LD_PRELOAD`) that defines `readdir` itself, calls the
real one through `dlsym(RTLD_NEXT, ...)` and skips the entries of `/proc` whose process it
picks (by the name in `/proc/<pid>/comm`, `cmdline` or `stat`) hides that process from every
dynamically linked tool: a userland rootkit, `libprocesshider` written anew. The definition may
be spelled out (`struct dirent *readdir(DIR *dirp) {`, Rust's `extern "C" fn readdir(`) or made
by a macro given the name (`HOOK(readdir, struct dirent)`). A shim that only traces or sorts
what programs list names no `/proc` of its own, or skips nothing: the real call, the skip and
`/proc` (in the body or in a helper the body calls) are read in the definition's own body (for
a macro, in the macro's `#define`), not anywhere in the file. Skipped at once unless
`RTLD_NEXT`, `readdir` and `/proc` are all named.
"""

from __future__ import annotations

import re

from redline.redlines.capabilities import Capability, Hit, matching_close

_DEFINED = re.compile(
    # spelled out in C (`struct dirent *readdir(DIR *dirp) {`) or Rust (`fn readdir(dirp:`)
    r"\breaddir(?:64)?\s*\(\s*(?:DIR\s*\*\s*\w+|\w+\s*:\s*\*mut\s+(?:libc::)?DIR)\s*\)[^;{]{0,80}\{"
    # or by a macro given the name (`HOOK(readdir, struct dirent)`), at the start of a line
    r"|^[ \t]*([A-Z_][A-Z0-9_]*)\s*\(\s*readdir(?:64)?\s*,",
    re.M,
)
_NEXT = re.compile(r"\bdlsym\s*\(\s*(?:libc::)?RTLD_NEXT\b")
_PROC = re.compile(r"['\"]/proc/?['\"]|/proc/%[sdu]|/proc/\{\}")
"""`/proc` itself compared with the listed folder, or a listed process's own files read."""
_SKIPS = re.compile(
    r"\bwhile\s*\(\s*\(\s*\w+\s*=\s*\w+\s*\(|\bcontinue\s*;|\bcontinue\b\s*(?:\}|$)", re.M
)
"""An entry passed over: the real listing called again in a loop's condition, or `continue`."""


_BODY = 2000
"""How far a definition's body is read: to the brace that closes it, the next definition of
`readdir`, or this."""
_CALLED = re.compile(r"\b([A-Za-z_]\w*)\s*\(")
_NOT_HELPERS = frozenset(
    {"if", "for", "while", "switch", "return", "sizeof", "dlsym", "readdir", "readdir64"}
)
_HELPER = 1200
"""How far a helper called from the body is read for `/proc`."""


def _body(code: str, start: int, end: int) -> str:
    """The definition at `start` to the brace that closes its body, read no further than `end`."""
    opened = code.find("{", start, end)
    if opened < 0:
        return code[start:end]
    close = matching_close(code, opened, "{", "}", end)
    return code[start:end] if close is None else code[start : close + 1]


def _macro_body(code: str, name: str) -> str | None:
    """The definition of the macro `name` (`#define HOOK(fn, T) ... \\` on its continued lines),
    which holds the body of every function it defines, or None when it is not defined here."""
    definition = re.search(rf"^[ \t]*#[ \t]*define[ \t]+{name}\b", code, re.M)
    if definition is None:
        return None
    end = definition.start()
    limit = min(len(code), definition.start() + _BODY)
    while end < limit:
        line_end = code.find("\n", end, limit)
        if line_end < 0:
            return code[definition.start() : limit]
        if not code[end:line_end].rstrip().endswith("\\"):
            return code[definition.start() : line_end]
        end = line_end + 1
    return code[definition.start() : limit]


_DEFINITION_REST = re.compile(r"[^)]{0,200}\)[^;{}]{0,80}\{")
"""What follows a name and its `(` where a function is defined: its parameters, then its body's
`{`."""


def _reads_proc(code: str, body: str) -> bool:
    """Whether `body` names `/proc`, or calls a helper defined in `code` that does (the first
    place in `code` where a name it calls is followed by parameters and a `{`)."""
    if _PROC.search(body):
        return True
    called = {m.group(1) for m in _CALLED.finditer(body)} - _NOT_HELPERS
    for m in _CALLED.finditer(code):  # one pass: every name followed by `(`, in order
        if m.group(1) not in called:
            continue
        definition = _DEFINITION_REST.match(code, m.end())
        if definition is None:
            continue
        called.discard(m.group(1))  # its first definition is the one read
        if _PROC.search(code, definition.end(), definition.end() + _HELPER):
            return True
        if not called:
            break
    return False


def listing_hook_hits(code: str, offset: int = 0) -> list[Hit]:
    """The definitions of `readdir` in `code` that call the real one and, in their own body,
    pass over entries of `/proc` (named there or in a helper the body calls)."""
    if "RTLD_NEXT" not in code or "readdir" not in code or "/proc" not in code:
        return []
    found = list(_DEFINED.finditer(code))
    hits = []
    for index, m in enumerate(found):
        end = found[index + 1].start() if index + 1 < len(found) else len(code)
        bodies = [_body(code, m.start(), min(end, m.start() + _BODY))]
        if m.group(1) and (macro := _macro_body(code, m.group(1))) is not None:
            bodies.append(macro)  # the body written in the macro, or after its use
        if any(
            _NEXT.search(body) and _SKIPS.search(body) and _reads_proc(code, body)
            for body in bodies
        ):
            hits.append(
                Hit(Capability.LISTING_HOOKED, offset + m.start(), offset + m.end(), m.group(0))
            )
    return hits
