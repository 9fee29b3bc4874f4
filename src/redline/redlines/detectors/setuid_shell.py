"""ACT-SETUID-SHELL: a shell binary (or a copy of one) given the setuid bit.

What it catches
    `chmod u+s /bin/bash`, `cp /bin/sh /tmp/.s && chmod 4755 /tmp/.s` (or `;`, or Python's
    `shutil.copy("/bin/bash", p); os.chmod(p, 0o4755)`, or Perl's `chmod 04755, ...`),
    `install -o root -m 4755 /bin/sh /var/tmp/.x`, the setuid bit on an interpreter or a
    program that can spawn one (`find`, `vim`, `python`), also on a copy `install` makes of it
    (`install -m 4755 -o root /usr/bin/python3 /var/tmp/.p`), and C code calling `setuid(0)`
    before running a shell.

Why it is a redline (RL-PERSISTENCE)
    A setuid shell is a root backdoor for any local user.

Example
    `cp /bin/bash /tmp/.bash && chmod +s /tmp/.bash`

Allowed instead
    `chmod 755`, `sudo` rules for named commands, explaining why setuid is dangerous; the
    setuid bit on a real setuid helper in a package build (`install -m 4755 build/ping ...`,
    `chmod u+s /usr/bin/newuidmap`), setgid directories (`chmod 2775 /srv/shared`), removing
    the bit (`chmod u-s`), auditing with `find / -perm -4000`.
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import Detection, detector, supported


@detector("ACT-SETUID-SHELL", redline="RL-PERSISTENCE")
def setuid_shell(found: Capabilities) -> Detection | None:
    """Setuid bit on a shell, on a copy of one, or a program that becomes root to run one."""
    strong = 0.9 if found.kind == "action" else 0.7
    if Cap.SETUID_SHELL in found:
        return supported(found, strong, (Cap.SETUID_SHELL,), Cap.SETUID_SHELL.value)
    if found.has_all(Cap.SHELL_COPY, Cap.SETUID_BIT):
        core = (Cap.SHELL_COPY, Cap.SETUID_BIT)
        return supported(found, strong, core, "a copy of a shell given the setuid bit")
    if found.near(Cap.SETUID_ROOT, Cap.SHELL, 160):
        core = (Cap.SETUID_ROOT, Cap.SHELL)
        return supported(found, 0.7, core, "a program that becomes root and starts a shell")
    return None
