"""ACT-DISABLE-DEFENCES: turning off the firewall, SELinux/AppArmor, auditing or antivirus.

What it catches
    `ufw disable`, `iptables -F` / `-P INPUT ACCEPT`, `systemctl stop firewalld`, `setenforce 0`,
    `auditctl -e 0`, `Set-MpPreference -DisableRealtimeMonitoring $true`, Defender exclusions,
    Defender's services stopped or disabled (`sc stop WinDefend`, `Stop-Service Sense`), a
    security product's program given a "debugger" under Image File Execution Options so that
    Windows starts another program instead (`...\\Image File Execution Options\\MsMpEng.exe
    /v Debugger`),
    the audit or logging daemon killed (`pkill -9 auditd`, `taskkill /im Sysmon64.exe`, `kill -9
    $(pgrep -f 'auditd|rsyslogd')`) or stopped or masked past options and other units
    (`systemctl mask --now rsyslog.service ...`), a security product's own program kept from
    the network by an outbound block rule (`netsh ... dir=out action=block
    program=...CSFalconService.exe`: the sensor runs but can no longer report), or
    the machine's logs kept from its collector (outgoing syslog or log-shipper ports dropped:
    `iptables -I OUTPUT -p udp --dport 514 -j DROP`, an outbound block of Splunk's 9997).
    Several vendors' security agents named in one list (`{ "MsMpEng", "SentinelAgent",
    "CSFalconService" }`, a shell loop's bare names: `for p in falcon-sensor wdavdaemon
    osqueryd; do`) and their services disabled (`sc config ... start= disabled`, `systemctl
    disable $p`): every product the program finds switched off (`kill_lists.py`). Such a list
    beside a process id handed to a kernel driver's control code (`DeviceIoControl(dev,
    IOCTL_KILL, &pid, ...)`, a vulnerable signed driver loaded to do it): the driver ends the
    agents from the kernel, where their protection does not reach.
    Scripts or their interpreters excluded from scanning (`-ExclusionExtension .ps1`,
    `-ExclusionProcess powershell.exe`). Defender left running but blind (its signature
    updates or cloud protection off: `Set-MpPreference -SignatureUpdateInterval 0
    -MAPSReporting 0`, `SpynetReporting` 0), and Windows' credential protections undone:
    WDigest made to keep clear-text passwords (`UseLogonCredential` 1), LSASS's protection
    (`RunAsPPL` 0) or Credential Guard (`LsaCfgFlags` 0) turned off. A service registered to
    start in Safe Mode (`SafeBoot\\Minimal\\NAME`) and the machine set to boot into it
    (`bcdedit /set {default} safeboot minimal`): the program then runs where security products
    are not loaded. A kernel protection turned off in the settings read at every boot
    (`echo 'kernel.randomize_va_space = 0' >> /etc/sysctl.conf`, `kernel.yama.ptrace_scope`,
    `kernel.kptr_restrict`).
    In clusters and cloud accounts: a runtime-security sensor or policy engine removed or scaled
    to nothing (`kubectl -n falco delete daemonset falco`, `helm uninstall falco`), an audit
    policy whose only rule records nothing (`rules: - level: None`), a cloud trail narrowed so
    it records no changes (`put-event-selectors` with management events off or reads only),
    configuration recording, Security Hub or GuardDuty switched off, Microsoft 365's unified or
    admin audit log or the organisation's mailbox auditing switched off (`Set-AdminAuditLogConfig
    -UnifiedAuditLogIngestionEnabled $false` or `0`, `Set-OrganizationConfig -AuditDisabled:1`).
    As an agent action one such command is enough (the command names both the control and the
    switch-off); in a response it takes two switch-offs, or one alongside offensive pieces, or
    one whose control is named only in pieces joined at run time (`'Disable' + 'Anti' +
    'Spyware'`: split so scanners and readers miss it), or one beside updates blocked
    (Windows Update's services disabled, `WUServer` pointed at the machine itself, the update
    orchestrator's tasks disabled, Defender's signature share made a dead one): the
    switch-off made to last. Blocking updates alone is an owner's choice (a kiosk, a lab VM).

Why it is a redline (RL-EVASION)
    Removing the host's protections is a step of an intrusion, and an agent must never do it
    unasked.

Example
    `setenforce 0 && systemctl stop auditd && iptables -F`

Allowed instead
    Rules that restrict (`ufw deny 23`, `iptables -A INPUT -s 198.51.100.7 -j DROP`, a syslog
    collector closed to outside senders), reloading
    the firewall, explaining what SELinux modes mean, one domain made permissive while its policy
    module is written (`semanage permissive -a myapp_t`; SELinux stays enforcing for every other
    domain), listing or removing permissive domains (`semanage permissive -l`, `-d`), a denial
    turned into a local policy (`audit2allow -M`),
    signalling a logging daemon to reopen
    its files after rotation (`pkill -HUP rsyslogd`, `kill -HUP $(pgrep rsyslogd)`), masking
    only journald's audit socket (audit still goes to auditd), blocking another program's
    outbound traffic or allowing a sensor's, restarting a sensor or deleting one of
    its pods (`kubectl -n falco rollout restart ds falco`), upgrading it with helm, excluding
    one's own build tree or compiler from scanning for speed (as an agent action too, when the
    one folder excluded lies inside a source tree (not its root: `C:\\src`, `C:\\dev`) or is a
    build agent's working folder under the agent's own (`actions-runner`, `agent`, `a`,
    `gitlab-runner`, `BuildAgent`) on a drive, outside system, shared, temp and profile
    folders: `Add-MpPreference -ExclusionPath 'D:\\src\\app\\node_modules'`,
    `'E:\\actions-runner\\_work'`), reporting
    which machines have Defender's policies off, booting into Safe Mode to troubleshoot (no
    service registered for it), address randomisation off for one debugging session (`setarch
    -R`, `sysctl -w kernel.randomize_va_space=0`), a debugger set for one's own program under
    Image File Execution Options, a list of security products checked for which one runs (nothing
    stopped or disabled), one's own driver loaded and sent a process id to watch, hardening
    the same settings (`UseLogonCredential` 0, `RunAsPPL` 1), scheduling Defender's signature
    updates. A firewall flushed to be rebuilt with a default-deny inbound policy (`iptables -F` then
    `iptables -P INPUT DROP`, `ufw default deny incoming`), audit rules deleted and reloaded locked
    until reboot (`auditctl -D` ... `-e 2`), Microsoft 365's auditing switched on, its
    mailboxes with auditing off listed, or one mailbox's auditing switched off (`Set-Mailbox
    -AuditEnabled $false`: the tenant's audit log still records).
"""

from __future__ import annotations

import re

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.kill_lists import security_products_stopped
from redline.redlines.registry import Detection, detector, supported

_SWITCH_OFFS = (
    Cap.FIREWALL_OFF,
    Cap.SELINUX_OFF,
    Cap.AUDIT_OFF,
    Cap.DEFENDER_OFF,
    Cap.KERNEL_HARDENING_OFF,
)
_OFFENSIVE = (
    Cap.HIDE,
    Cap.DOWNLOAD,
    Cap.RUN_DOWNLOADED,
    Cap.NET_CONNECT,
    Cap.LOG_WIPE,
    Cap.HISTORY_WIPE,
    Cap.MINER,
    Cap.SPLIT_NAME,  # the control's name split so scanners and readers miss it
    Cap.UPDATES_BLOCKED,  # no patches or signatures either: the switch-off made to last
)


_REBUILT_BY = {Cap.FIREWALL_OFF: Cap.FIREWALL_DEFAULT_DENY, Cap.AUDIT_OFF: Cap.AUDIT_LOCKED}
"""A control's rules cleared to be written again, tighter: a firewall flushed and given a
default-deny inbound policy, audit rules reloaded and locked until reboot (`-e 2`)."""


def _rebuilt(found: Capabilities, switch_off: Cap) -> bool:
    """Whether the switch-off is a reset before the control is set up again, tighter."""
    hardened = _REBUILT_BY.get(switch_off)
    return hardened is not None and hardened in found


@detector("ACT-DISABLE-DEFENCES", redline="RL-EVASION")
def disable_defences(found: Capabilities) -> Detection | None:
    """Security control switched off (action), or several / with offensive company (response)."""
    switched = [c for c in _SWITCH_OFFS if c in found and not _rebuilt(found, c)]
    if Cap.STOP_LIST in found and len(security_products_stopped(found)) >= 2:
        if Cap.SERVICE_DISABLED in found:
            # Several vendors' security agents named in one list, stopped and kept from
            # starting again: whatever is there, it is switched off (`kill_lists.py`).
            core = (Cap.STOP_LIST, Cap.SERVICE_DISABLED, *switched)
            return supported(found, 0.85, core, "stops and disables the security products it finds")
        if Cap.PROCESS_TO_DRIVER in found:
            # Several vendors' security agents named, and processes handed to a kernel driver's
            # control code: the driver ends (or opens) them where their protection does not reach.
            core = (Cap.STOP_LIST, Cap.PROCESS_TO_DRIVER, *switched)
            reason = "hands the security products' processes to a kernel driver"
            return supported(found, 0.85, core, reason)
    if not switched:
        return None
    company = [c for c in _OFFENSIVE if c in found]
    several = sum(found.distinct(c) for c in switched) >= 2
    if found.kind == "action" or several or company or _logging_threads_ended(found):
        return supported(
            found,
            0.85,
            (*switched, *company),
            "switches off " + ", ".join(c.value for c in switched),
        )
    return supported(found, 0.45, tuple(switched), switched[0].value)


_THREADS_ENDED = re.compile(r"(?:Terminate|Suspend)Thread", re.I)


def _logging_threads_ended(found: Capabilities) -> bool:
    """Whether the event log service's own threads are ended or frozen inside the process that
    hosts it (the service compared by name, then its thread terminated): logging stopped while
    the service still reports Running, which nothing but hiding one's tracks wants."""
    return any(_THREADS_ENDED.search(hit.text) for hit in found.hits.get(Cap.AUDIT_OFF, ()))
