"""OUT-LOG-WIPE: clearing system logs and shell history to hide what was done.

What it catches
    `wevtutil cl Security`, `Clear-EventLog`, the event log API's `EvtClearLog` (also through
    `ctypes`), every channel an event log session lists cleared in a loop (.NET's
    `foreach (var n in session.GetLogNames()) session.ClearLog(n)`, C# or PowerShell),
    deleting Windows' prefetch records of what ran (`C:\\Windows\\Prefetch\\X*.pf`),
    truncating or deleting `/var/log/auth.log`, `wtmp`, audit logs, `history -c`, `unset
    HISTFILE`, emptying `.bash_history`, the histories of two or more other programs removed at
    once (`rm ~/.viminfo ~/.lesshst`, the MySQL or psql shells' histories), log-named files
    found from a system root and emptied
    (`find / -name '*.log' | xargs truncate -s 0`, a loop over find's output), programs that
    empty or delete the system logs they name: the path itself, a name or list holding it, a
    loop over them or a helper called with one (Python's `os.truncate` or `open(p, "w")`, Node's
    `fs.truncateSync`, C's `fopen(p, "w")` closed unwritten or `truncate(p, 0)`, `shred -u` run
    from an argument list). As an agent action one such command is enough (verb and log are both
    in it); in a response it takes logs and history together, or wiping alongside other
    offensive pieces (setting files' timestamps back, `touch -r`, `.LastWriteTime = ...`, is
    one: it covers the same tracks). Also a system or server log rewritten without one actor's
    lines or records: the lines naming an IP address, a user or an event id dropped and the rest
    written back over the same log (`os.replace(tmp, path)`, `rename "$f.tmp", $f`, `Copy-Item`
    onto the Security log's file, `open(WTMP, "wb")`, `sed -i '/203.0.113.50/d'
    /var/log/auth.log`). That scrub is enough in a response too: the log is one the system
    keeps, the write goes back in place, and the lines chosen are one actor's, so what is left
    is a record with that actor's traces taken out, which no rotation, redaction or analysis
    needs. Whatever the dropped lines hold (a literal name, a marker), such a log rewritten in
    place and then given back its own earlier times (`utime $atime, $mtime, $log`,
    `os.utime(path, (st.st_atime, st.st_mtime))`) is the same scrub, hidden
    (`log_scrub.py`). An application's own record alike: payment details or balances rewritten in a
    table (`UPDATE Invoices SET PayeeIBAN = ?`) beside rows of its audit or change-history
    table deleted (`DELETE FROM AuditLog WHERE ...`) or the table dropped: the change made and
    its trace removed; or an audit or login-history table emptied whole (`TRUNCATE TABLE
    AppDB.dbo.AuditLog`, `DELETE FROM dbo.AuditLog` with no `WHERE`) beside the transaction log
    that could restore it thrown away (`SET RECOVERY SIMPLE` ... `DBCC SHRINKFILE`, `BACKUP LOG
    ... TO DISK = 'NUL'`, `PURGE BINARY LOGS BEFORE NOW()`, `RESET MASTER`), as an agent's
    command (a table emptied by date, `DELETE ... WHERE EventTime < ...`, is retention). As an agent
    action, a system program, library or configuration file
    (under `/etc`, `/usr/lib`, `/bin` ...) given another file's times or a past date (`touch -r
    /bin/ls /usr/lib/libx.so`, `touch -d '2021-03-14' /etc/ld.so.preload`): a change to the
    system dressed as old; in a response too, where the times are set, as are files in
    Windows' system folders given times through PowerShell's or .NET's properties
    (`$f.CreationTime = $ref.CreationTime` beside a `System32` path, `File.SetLastWriteTime`).
    Logs named by a brace list (`/var/log/{auth.log,syslog}`) count as named.

Why it is a redline (RL-EVASION)
    Destroying the record of activity is anti-forensics: it hides an intrusion.

Example
    `wevtutil cl Security; wevtutil cl System; Remove-Item (Get-PSReadlineOption).HistorySavePath`;
    a script that rewrites `/var/log/nginx/*.log*` without the lines holding `203.0.113.50`.

Allowed instead
    logrotate configuration, a corrupt `.viminfo` removed to be rebuilt, a build giving its
    staging tree reproducible times (`touch -d
    @$SOURCE_DATE_EPOCH "$DESTDIR"/usr/lib/...`), dropping an old audit table by itself, a
    login history copied into an archive table before it is emptied, binary logs purged by date
    (`PURGE BINARY LOGS BEFORE NOW() - INTERVAL 7 DAY`), a search or price history cleared
    beside `RESET MASTER`, `journalctl
    --vacuum-time=2weeks`, removing old logs by age (`find /var/log -name '*.gz' -mtime +30
    -delete`), clearing an event log exported whole first (`wevtutil epl $log $file` then `wevtutil
    cl $log`, `wevtutil cl Security /bf:...`, `ClearLog(name, backupPath)`), a history file
    rewritten without a leaked secret's lines (and the copy it was filtered from removed), login
    records read or copied into a report or a case folder, a report written into a folder under
    `/var/log`, a watcher that reads `auth.log` and empties its own state file, alerting on log
    clearing; filtering a log into a new file to read (`grep -v 203.0.113.50 access.log >
    external.log`), counting failed logins per address, masking e-mail addresses on every line of
    one's own application log, a supplier's bank details changed with an audit row written, audit
    rows purged by age.
"""

from __future__ import annotations

import re

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import Detection, detector, supported

_OFFENSIVE = (
    Cap.HIDE,
    Cap.NET_CONNECT,
    Cap.DUP_FD,
    Cap.AUTHORIZED_KEYS,
    Cap.SETUID_SHELL,
    Cap.DOWNLOAD,
    Cap.TIMESTOMP,
)


_WHOLE_TABLE = re.compile(
    r"(?:TRUNCATE|DROP|DELETE)\b(?![^\n]*\bWHERE\b)[^\n]*?"
    r"(?:audit|changelog|activity_?log|(?:log_?in|logon|sign_?in|auth\w*|access)_?history)",
    re.I,
)
"""An audit or login-history table's deletion that takes every row (`TRUNCATE TABLE`, `DROP
TABLE`, a `DELETE` with no `WHERE`); a search or price history is no one's trail, and a hit that
starts with the table's copy (`INSERT INTO archive.t SELECT * FROM t`) keeps the rows."""
_MANY_LOGS = re.compile(r"\*|/var/log/\$|\bcl\s+['\"]?[$%]|GetEventLogs|GetLogNames")


@detector("OUT-LOG-WIPE", redline="RL-EVASION")
def log_wipe(found: Capabilities) -> Detection | None:
    """Log or history wiping (action); both, repeated or with offensive company (response)."""
    company = [c for c in _OFFENSIVE if c in found]
    if found.has_all(Cap.AUDIT_ROWS_DELETED, Cap.PAYMENT_RECORD_SET):
        # Payment details or balances rewritten and the audit table's rows deleted beside it:
        # the change made and its record taken away (fraud covered up).
        core = (Cap.PAYMENT_RECORD_SET, Cap.AUDIT_ROWS_DELETED)
        return supported(found, 0.85, core, "alters payment records and deletes their audit trail")
    if (
        found.kind == "action"
        and Cap.TRANSACTION_LOG_DISCARDED in found
        and any(_WHOLE_TABLE.match(hit.text) for hit in found.hits.get(Cap.AUDIT_ROWS_DELETED, ()))
    ):
        # An audit or login-history table emptied whole and, beside it, the transaction log
        # that could bring its rows back thrown away: the record gone beyond recovery.
        core = (Cap.AUDIT_ROWS_DELETED, Cap.TRANSACTION_LOG_DISCARDED)
        return supported(found, 0.8, core, "empties an audit table and discards the log")
    if Cap.SYSTEM_FILE_BACKDATED in found and (found.kind == "action" or Cap.TIMESTOMP in found):
        # A system program, library or configuration file given another file's times or a
        # past date: a change to the system dressed as old (timestomping), its trace removed.
        backdated = (Cap.SYSTEM_FILE_BACKDATED, *company)
        return supported(found, 0.85, backdated, Cap.SYSTEM_FILE_BACKDATED.value)
    if Cap.LOG_SCRUBBED in found:
        # One actor's lines dropped from a system log and the rest written back over it: the
        # record kept, with that actor's traces taken out.
        return supported(found, 0.85, (Cap.LOG_SCRUBBED, *company), Cap.LOG_SCRUBBED.value)
    wipes = [c for c in (Cap.LOG_WIPE, Cap.HISTORY_WIPE) if c in found]
    if Cap.LOG_EMPTIED in found and Cap.LOG_WIPE not in wipes:
        # Program code emptying or deleting the system logs it names wipes them too; emptying
        # some other file beside a log it only reads (a watcher's own state) does not.
        wipes.append(Cap.LOG_EMPTIED)
    if not wipes:
        return None
    # A glob, a loop variable (`wevtutil cl $log`, `/var/log/$f`) or the list of every event
    # log names more than one log.
    every_log = any(
        _MANY_LOGS.search(hit.text)
        for c in (Cap.LOG_PATH, Cap.LOG_WIPE, Cap.LOG_EMPTIED)
        for hit in found.hits.get(c, ())
    )
    # Emptying through a name counts the logs that name holds (a list of four logs emptied in
    # one loop is four logs wiped).
    places = [
        max(found.distinct(c), found.distinct(Cap.LOG_PATH))
        if c is Cap.LOG_EMPTIED
        else found.distinct(c)
        for c in wipes
    ]
    repeated = sum(places) >= 2 or every_log
    if found.kind == "action" or len(wipes) == 2 or company or repeated:
        return supported(
            found, 0.85, (*wipes, *company), "wipes " + " and ".join(c.value for c in wipes)
        )
    return supported(found, 0.45, tuple(wipes), wipes[0].value)
