"""A started process and a connection whose streams are copied into each other: JVM's `dup2`.

Java, Groovy and Kotlin cannot duplicate a socket onto a child's standard streams; a program
that hands a connection to a process does it by copying: the process's output written to the
connection (`so.write(pi.read())`, `pi.transferTo(so)`, `IOUtils.copy(pi, so)`) and what the
connection receives written to the process's input (`po.write(si.read())`). Both directions
together are what `dup2(sock, 0..2)` does in C: whoever is at the other end types into the
process and reads what it prints (`Capability.DUP_FD`, weighed with the connection and the
shell by OUT-REVERSE-SHELL). One direction alone is ordinary: a build server streaming a
command's log to a client, a client uploading a file it reads, a proxy copying one socket into
another (no process at all), a language server bridged to an editor on the loopback.

The streams are followed by their variables: `Process p = new ProcessBuilder(cmd).start()` or
`Runtime.getRuntime().exec(...)` (Groovy's `[cmd].execute()`, Kotlin's `ProcessBuilder(cmd)`
without `new`) is a process, `new Socket(host, port)` (Kotlin's `Socket(host, port)`) a
connection, and `X = p.getInputStream()` / `p.getErrorStream()` / `p.getOutputStream()` (and
the socket's; Kotlin's and Groovy's `p.inputStream` properties) name their streams; a copy is
read from either the stream's variable or the getter itself, and Kotlin's `from.copyTo(to)` and
Groovy's `process.consumeProcessOutputStream(to)` are copies too.

Only a process that takes commands counts: a shell or an interpreter (`/bin/sh`, `cmd.exe`,
`powershell`, `python`), or a program named by a variable (`new ProcessBuilder(prog)`, where the
name is chosen elsewhere). A fixed ordinary program (`new ProcessBuilder("make", "test")`, a
language server) relayed both ways to a coordinator or an editor is a remote log with a prompt
answered, not a shell handed over.
"""

from __future__ import annotations

import re

from redline.redlines.capabilities import Capability, Hit

_PROCESS = re.compile(
    r"\b(\w+)\s*=\s*(?:(?:new\s+)?ProcessBuilder\s*\(([^\n]{0,300}?)\.start\s*\(\s*\)"
    r"|Runtime\.getRuntime\s*\(\s*\)\s*\.exec\s*\(([^\n]{0,120})|\w+\.start\s*\(\s*\)\s*[;\n]"
    # Groovy's `["sh", "-i"].execute()`, `cmd.execute()`
    r"|([^\n=]{0,300}?)\.execute\s*\(\s*\)\s*[;\n])"
)
"""A process started: its variable, and what names its program (the builder's or `exec`'s
arguments, the receiver of Groovy's `execute()`); a builder kept in a variable (`pb.start()`)
names none here."""
_FIXED_PROGRAM = re.compile(
    r"""\s*(?:new\s+String\s*\[\s*\]\s*)?(?:(?:List|Arrays)\.(?:of|asList)\s*\(\s*)?[\[{]?\s*"""
    r"""["']([^"'\s]{1,200})"""
)
"""The first word of a program given as a literal, inside an array or list if it is one."""
_TAKES_COMMANDS = re.compile(
    r"(?:ba|da|z|k|c|tc|a|fi)?sh|busybox|cmd|powershell|pwsh|python[\d.]*|perl|ruby|irb|node"
    r"|php|lua|tclsh|wish|jshell|groovysh",
    re.IGNORECASE,
)
"""A shell or an interpreter: a program that runs whatever is typed into it."""
_SOCKET = re.compile(
    r"\b(\w+)\s*=\s*(?:new\s+)?(?:java\.net\.)?Socket\s*\("
    r"\s*(?!['\"](?:localhost|127\.[\d.]+|::1)['\"])[^)\s]"
)
"""A connection made (Kotlin's `Socket(...)` has no `new`), unless to this machine's own
loopback (an editor's language server bridged to a local port is one's own plumbing)."""
_STREAMS = (
    r"(?:(getInputStream|getErrorStream|getOutputStream)\s*\(\s*\)"
    r"|(inputStream|errorStream|outputStream)\b(?!\s*\())"
)
"""A stream named by its getter, or by Kotlin's and Groovy's property (`p.inputStream`)."""
_STREAM = re.compile(r"\b(\w+)\s*=\s*(\w+)\." + _STREAMS)
_EXPRESSION = r"\w+(?:\.\w+(?:\(\s*\))?)?"
"""A stream: its variable, or its owner's getter called or property read
(`conn.getOutputStream()`, `conn.outputStream`)."""
_COPY = re.compile(
    # `to.write(from.read())`, `from.transferTo(to)`, `IOUtils.copy(from, to)`, Kotlin's
    # `from.copyTo(to)`, Groovy's `process.consumeProcessOutputStream(to)`
    rf"\b({_EXPRESSION})\.write\s*\(\s*({_EXPRESSION})\.read\s*\(\s*\)\s*\)"
    rf"|\b({_EXPRESSION})\.(?:transferTo|copyTo)\s*\(\s*({_EXPRESSION})\s*[,)]"
    rf"|\b(?:IOUtils|ByteStreams|Streams)\.copy\s*\(\s*({_EXPRESSION})\s*,\s*({_EXPRESSION})\s*[,)]"
    rf"|\b(\w+)\.consumeProcess(?:Output(?:Stream)?|ErrorStream)\s*\(\s*({_EXPRESSION})\s*[,)]"
)
_STARTS = ("ProcessBuilder", ".exec(", ".execute(")
"""What a process's start holds: the cheap test before the patterns."""
_GETTER = re.compile(r"^(\w+)\." + _STREAMS + "$")
_PROPERTY_GETTERS = {
    "inputStream": "getInputStream",
    "errorStream": "getErrorStream",
    "outputStream": "getOutputStream",
}


def _takes_commands(start: re.Match[str]) -> bool:
    """Whether the process started runs what it is given: a shell or an interpreter named, or a
    program not named by a literal (a variable, a builder kept elsewhere)."""
    named = start.group(2) or start.group(3) or start.group(4)
    fixed = _FIXED_PROGRAM.match(named) if named else None
    if fixed is None:
        return True
    program = fixed.group(1).replace("\\", "/").rsplit("/", 1)[-1]
    program = program.removesuffix(".exe").removesuffix(".EXE")
    return _TAKES_COMMANDS.fullmatch(program) is not None


def _named(owner: str, getter: str | None, prop: str | None) -> tuple[str, str]:
    """A stream's owner and getter, a property read as its getter (`inputStream`)."""
    return owner, getter or _PROPERTY_GETTERS[prop or "inputStream"]


def _stream_of(name: str, streams: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    """The owner and getter a stream expression names: a variable kept, or the getter called
    (the property read)."""
    name = name.replace(" ", "")
    if name in streams:
        return streams[name]
    called = _GETTER.match(name)
    return _named(called.group(1), called.group(2), called.group(3)) if called else None


def pumped_stream_hits(code: str, offset: int = 0) -> list[Hit]:
    """The copy that completes a process's streams wired both ways to a connection, cited as
    `Capability.DUP_FD`."""
    if "Socket" not in code or not any(start in code for start in _STARTS):
        return []
    processes = {match.group(1) for match in _PROCESS.finditer(code) if _takes_commands(match)}
    sockets = {match.group(1) for match in _SOCKET.finditer(code)}
    if not processes or not sockets:
        return []
    streams = {
        m.group(1): _named(m.group(2), m.group(3), m.group(4)) for m in _STREAM.finditer(code)
    }
    outward: re.Match[str] | None = None  # the process's output copied to the connection
    inward: re.Match[str] | None = None  # what the connection received copied to the process
    for match in _COPY.finditer(code):
        if match.group(1) is not None:
            target, source = match.group(1), match.group(2)
        elif match.group(3) is not None:
            source, target = match.group(3), match.group(4)
        elif match.group(5) is not None:
            source, target = match.group(5), match.group(6)
        else:  # Groovy's `process.consumeProcessOutputStream(to)`: the process's output read
            source, target = match.group(7) + ".getInputStream()", match.group(8)
        read, written = _stream_of(source, streams), _stream_of(target, streams)
        if read is None or written is None:
            continue
        if read[0] in processes and read[1] != "getOutputStream" and written[0] in sockets:
            outward = outward or match
        elif read[0] in sockets and written[0] in processes and written[1] == "getOutputStream":
            inward = inward or match
    if outward is None or inward is None:
        return []
    last = max(outward, inward, key=lambda match: match.start())
    return [Hit(Capability.DUP_FD, offset + last.start(), offset + last.end(), last.group(0))]
