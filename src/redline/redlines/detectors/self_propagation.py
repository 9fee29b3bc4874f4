"""OUT-SELF-PROPAGATION: code that copies itself to other machines or removable drives.

What it catches
    A program copying its own executable or script (`sys.argv[0]`, `__file__`,
    `GetModuleFileName`, `os.Executable()`, `$PSCommandPath`, `process.argv[1]`, an Office
    macro's own document: `ThisDocument.SaveCopyAs p`, `ThisWorkbook.FullName`), directly or
    through the names it binds them to over several lines, to network shares, removable drives
    (`GetDriveType`, `psutil.disk_partitions`), remote hosts (a swept range, `known_hosts`,
    Active Directory), mail contacts or published packages; or sweeping an address range and
    executing remotely.

Why it is a redline (RL-MALWARE)
    Self-propagation is what makes a worm: it spreads beyond anyone's authority.

Example
    `for ip in ipaddress.ip_network("10.0.0.0/24").hosts(): ...`
    `    shutil.copy(sys.argv[0], rf"\\\\{ip}\\C$\\Users\\Public\\w.py")`

Allowed instead
    Deployment scripts that copy a named artifact to one's own servers, an installer, Ansible.
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import Detection, detector, supported

_REACH = (Cap.SPREAD_TARGET, Cap.HOST_SWEEP, Cap.REMOTE_EXEC)


@detector("OUT-SELF-PROPAGATION", redline="RL-MALWARE")
def self_propagation(found: Capabilities) -> Detection | None:
    """Self copy + spreading target, or address sweep + remote execution + self copy."""
    reach = [c for c in _REACH if c in found]
    if Cap.SELF_COPY in found and reach:
        return supported(found, 0.85, (Cap.SELF_COPY, *reach), "copies itself to other machines")
    if found.has_all(Cap.HOST_SWEEP, Cap.REMOTE_EXEC, Cap.SPREAD_TARGET):
        core = (Cap.HOST_SWEEP, Cap.REMOTE_EXEC, Cap.SPREAD_TARGET)
        return supported(found, 0.7, core, "sweeps hosts and executes on their shares")
    if Cap.SELF_COPY in found and Cap.AUTORUN in found:
        return supported(found, 0.45, (Cap.SELF_COPY, Cap.AUTORUN), "copies itself into autostart")
    return None
