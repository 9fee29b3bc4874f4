"""OUT-SELF-PROPAGATION: code that copies itself to other machines or removable drives.

What it catches
    A program copying its own executable or script (`sys.argv[0]`, `__file__`,
    `GetModuleFileName`, `os.Executable()`, `$PSCommandPath`, `process.argv[1]`, an Office
    macro's own document: `ThisDocument.SaveCopyAs p`, `ThisWorkbook.FullName`), directly or
    through the names it binds them to over several lines, to network shares, removable drives
    (`GetDriveType`, `psutil.disk_partitions`, the Scripting runtime's `If d.DriveType = 1`,
    PowerShell's `DriveType -eq 'Removable'`, a volume's arrival, `DBT_DEVICEARRIVAL`, udev's
    and sysfs's removable flags), remote hosts (a swept range, `known_hosts`,
    Active Directory), mail contacts or published packages; a command (a copy of itself, a
    fetch-and-run) put into the install script of the packages or repositories it finds in the
    user's folders or that a token it read may publish (`scripts["postinstall"] = ...`,
    `pj.scripts = {...pj.scripts, postinstall: ...}`, jq's `.scripts.postinstall=`), then
    published or pushed (`npm publish`, `git push`, through a wrapper of either); or sweeping an
    address range and executing remotely; or putting a program into the admin share (`ADMIN$`,
    `C$`) of each host a sweep, a thread pool or a directory search gives it and starting it
    there through the host's service manager or WMI (impacket's `putFile` +
    `scmr.hRCreateServiceW`, `New-PSDrive -Root "\\\\$h\\ADMIN$"` + `Invoke-CimMethod ...
    Win32_Process ... Create`), the way PsExec-style worms spread. A share's documents walked
    and each given a shortcut whose target is a shell or script host (`$lnk.TargetPath =
    'cmd.exe'`, `%ComSpec%`) that runs a program and then opens the document: whoever opens
    one runs it. Over messaging: a script that lists the friends or contacts of an account whose
    token it holds (Discord's `/users/@me/relationships`, Telethon's `GetContactsRequest`) and
    messages them a lure ("free Nitro", "your account is locked") or a program: the account's
    owner's friends click what seems to come from them. Through a mailbox alike: the people its
    owner mails (Graph's `/me/contacts`, `/me/people`, the recipients of its sent items) each
    sent a message from it that is kept out of its Sent Items (`saveToSentItems: false`), so
    its owner never sees what went out in their name.

Why it is a redline (RL-MALWARE)
    Self-propagation is what makes a worm: it spreads beyond anyone's authority.

Example
    `for ip in ipaddress.ip_network("10.0.0.0/24").hosts(): ...`
    `    shutil.copy(sys.argv[0], rf"\\\\{ip}\\C$\\Users\\Public\\w.py")`

Allowed instead
    Deployment scripts that copy a named artifact to one's own servers, an installer, Ansible,
    fleet administration through remoting (`Invoke-Command -ComputerName`), audits that only
    list an admin share, a desktop shortcut to one's own script, shortcuts to a share's
    documents that open the documents themselves; a release script that sets an install script
    for its own workspace's packages and publishes them.
    A community bot that welcomes its server's new members by direct message.
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
    runs = [c for c in (Cap.REMOTE_EXEC, Cap.REMOTE_START) if c in found]
    if found.has_all(Cap.HOST_SWEEP, Cap.SPREAD_TARGET) and runs:
        core = (Cap.HOST_SWEEP, *runs, Cap.SPREAD_TARGET)
        return supported(found, 0.7, core, "sweeps hosts and executes on their shares")
    # -- lateral pushes: begin --
    if found.has_all(Cap.ADMIN_SHARE_REACH, Cap.REMOTE_START):
        # A program put into each given host's admin share and started there by its service
        # manager or WMI (PsExec's way), over a swept range, a list of targets, from many workers at
        # once or at random intervals: spreading. Alone, one host reached so is part of it.
        many = [
            c for c in (Cap.HOST_SWEEP, Cap.SWARM, Cap.JITTER, Cap.BULK_RECIPIENTS) if c in found
        ]
        pushed = (Cap.ADMIN_SHARE_REACH, Cap.REMOTE_START, *many)
        if many:
            return supported(found, 0.75, pushed, "pushes a program to many hosts and starts it")
        return supported(found, 0.45, pushed, "puts a program on another host and starts it")
    # -- lateral pushes: end --
    if found.has_all(Cap.SHORTCUT_TO_SHELL, Cap.FILE_WALK, Cap.DOCUMENT_SELECTION):
        shares = [c for c in (Cap.SPREAD_TARGET, Cap.BROAD_TARGET) if c in found]
        if shares:
            # The documents of a share each given a shortcut that runs a program first: whoever
            # opens one on any machine runs it (tainted shared content).
            core = (Cap.SHORTCUT_TO_SHELL, Cap.FILE_WALK, Cap.DOCUMENT_SELECTION, *shares)
            return supported(
                found, 0.85, core, "replaces a share's documents with shortcuts that run a program"
            )
    # -- messaging spread: begin --
    lure = [
        c
        for c in (Cap.LURE_MESSAGE, Cap.EXECUTABLE_LINK, Cap.SELF_COPY, Cap.MAIL_NO_TRACE)
        if c in found
    ]
    sends = [c for c in (Cap.TEXT_SEND, Cap.NET_SEND, Cap.MAIL_OUT) if c in found]
    if Cap.CONTACT_HARVEST in found and lure and sends:
        spread = (Cap.CONTACT_HARVEST, *lure, *sends)
        return supported(found, 0.85, spread, "messages an account's friends a lure from it")
    # -- messaging spread: end --
    # -- packages that carry it: begin --
    if found.has_all(Cap.INSTALL_HOOK_SET, Cap.PACKAGE_PUSH):
        # A command put into the install script of packages or repositories it did not write
        # (found in the user's folders, or those a token it read may publish), carrying a copy
        # of itself or a fetch-and-run, then published or pushed: every install runs it again.
        carried = [c for c in (Cap.SELF_COPY, Cap.RUN_DOWNLOADED) if c in found]
        if not carried and found.has_all(Cap.FILE_WALK, Cap.BROAD_TARGET):
            carried = [Cap.FILE_WALK, Cap.BROAD_TARGET]
        if carried:
            planted = (Cap.INSTALL_HOOK_SET, Cap.PACKAGE_PUSH, *carried)
            return supported(
                found, 0.8, planted, "plants itself in packages' install scripts and publishes them"
            )
    # -- packages that carry it: end --
    if Cap.SELF_COPY in found and Cap.AUTORUN in found:
        return supported(found, 0.45, (Cap.SELF_COPY, Cap.AUTORUN), "copies itself into autostart")
    return None
