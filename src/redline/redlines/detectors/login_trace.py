"""ACT-LOGIN-TRACE: a tracer attached to a sign-in process to read the passwords typed to it.

What it catches
    `strace` or `ltrace` attached to `sshd`, `sudo`, `su`, `login` or `passwd` printing what
    it reads or writes (`strace -f -p $(pgrep -o sshd) -e trace=write -s 128 | grep ...`),
    and tools built on it (`3snake`), also through the name the process id was kept under
    (`PID=$(pgrep -o -x sshd)` ... `strace -f -p "$PID" -e trace=write`, `traced_logins.py`).
    As an agent action this is enough; in a response, with the passwords kept out of sight (a
    hidden file, a process renamed), sent away, or the trace left running detached (`nohup
    strace ... &`, `disown`) to collect after its starter has gone.

Why it is a redline (RL-CREDENTIAL)
    Every password typed to a sign-in passes through those reads and writes: tracing them on a
    shared server collects other people's passwords as they log in (ATT&CK T1056, T1003.007).

Example
    `strace -f -p $(pgrep -o -x sshd) -e trace=write -s 128 2>&1 | grep -a '\\f' >> /dev/shm/.x`

Allowed instead
    Tracing one's own program (`strace -f -e trace=openat ./server`, `strace -p $(pgrep
    myapp)`), tracing sshd's system calls without its data to debug a hang (`strace -f -p
    $(pgrep -o sshd) -e trace=network`), `sshd -d` for debugging logins.
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import Detection, detector, one_piece, supported


@detector("ACT-LOGIN-TRACE", redline="RL-CREDENTIAL")
def login_trace(found: Capabilities) -> Detection | None:
    """A sign-in process traced for what is typed to it."""
    if Cap.LOGIN_TRACE in found and found.kind == "response":
        # What the trace catches kept out of sight or sent away: the collection of passwords
        # finished (a trace to debug a hang is read on the terminal).
        # A trace left running detached (`nohup ... &`, `disown`) collects after whoever
        # started it has gone: no one reads it on a terminal.
        kept = [
            c
            for c in (Cap.HIDE, Cap.NET_SEND, Cap.WEBHOOK, Cap.MAIL_SEND, Cap.BACKGROUND)
            if c in found
        ]
        if kept:
            core = (Cap.LOGIN_TRACE, *kept)
            return supported(found, 0.85, core, "sign-in passwords traced and kept out of sight")
    return one_piece(found, Cap.LOGIN_TRACE, 0.85)
