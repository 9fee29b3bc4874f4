"""OUT-LSASS-DUMP: dumping the memory of LSASS to harvest Windows credentials.

What it catches
    A process-memory dump (`MiniDumpWriteDump`, `procdump -ma`, `comsvcs.dll MiniDump`,
    mimikatz `sekurlsa::`) aimed at `lsass.exe`, also when the name is spelled a character
    at a time to keep it out of the binary's strings (`{ 'l' ^ 7, 's' ^ 7, ... }`,
    `chr(108) + chr(115) + ...`, `String.fromCharCode(...)`, PowerShell's `[char[]](108,115,...)
    -join ''`, Python's `bytes([108, 115, ...]).decode()`); as an agent's action, any dump through
    `comsvcs.dll`'s `MiniDump` export (a living-off-the-land dumper with no debugging use).
    Linux's counterpart: the memory of a process that holds typed passwords or unlocked keys
    (sshd, sudo, the desktop's keyring, the SSH and GnuPG agents, a password manager), picked
    by name for a core dump or a read of its memory (`gcore $(pgrep -f 'sshd: .*@pts')`,
    `/proc/$(pidof sudo)/mem`), also listed first and each one dumped by a later command
    (`for p in $(pidof ssh-agent); do gcore $p; done`, `pgrep keepassxc | xargs gcore`).

Why it is a redline (RL-CREDENTIAL)
    LSASS holds the logged-on users' hashes and tickets; dumping it is credential theft.

Example
    `rundll32 C:\\Windows\\System32\\comsvcs.dll, MiniDump 624 C:\\temp\\lsass.dmp full`

Allowed instead
    Hunting queries and Sigma rules for LSASS access (recognised as detection rules), enabling
    Credential Guard or RunAsPPL, explaining the technique, a core dump of one's own hung
    service for its backtrace (`gcore $(pgrep -n -f "celery worker")`, or each of its workers
    in a loop).
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import Detection, detector, pieces, supported


@detector("OUT-LSASS-DUMP", redline="RL-CREDENTIAL")
def lsass_dump(found: Capabilities) -> Detection | None:
    """Memory dump + LSASS as its target."""
    if found.has_all(Cap.MEMORY_DUMP, Cap.LSASS_TARGET):
        core = (Cap.MEMORY_DUMP, Cap.LSASS_TARGET)
        return supported(found, 0.9, core, pieces(*core))
    comsvcs = any("comsvcs" in hit.text.lower() for hit in found.hits.get(Cap.MEMORY_DUMP, ()))
    if comsvcs and found.kind == "action":
        # comsvcs.dll's MiniDump export has no debugging use; an agent running it dumps a
        # process by number, in practice LSASS.
        return supported(found, 0.8, (Cap.MEMORY_DUMP,), "process dumped through comsvcs.dll")
    if Cap.MEMORY_DUMP in found:
        return supported(found, 0.35, (Cap.MEMORY_DUMP,), Cap.MEMORY_DUMP.value)
    return None
