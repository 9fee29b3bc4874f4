"""A system log rewritten without one actor's lines: that actor's entries removed in place.

Reading a server's logs and filtering them is everyday work: `grep -v healthcheck access.log >
filtered.log` makes a new file to read, a fail2ban-like watcher counts failed logins per address,
a GDPR job masks e-mail addresses on every line of its own application's log. Scrubbing is the
three pieces joined on a log the system keeps: lines or records are dropped because they match
one address, user or event id, and the result is written back over the same log. Followed line
by line (the `code.line_flow` scheme), so the streaming monitor reads it a line at a time:

* a name is bound to a system or server log (`/var/log/auth.log`, nginx's and Apache's logs,
  a brace list of them, `/var/log/{auth.log,syslog}`,
  `wtmp`/`utmp`/`lastlog`, the Security event log's file) by an assignment of such a path, a
  list or glob of them, or a name already bound (a path plus a suffix, `"$log.tmp"`, or what
  was read from it, is no longer the log), and by a loop over one;
* a drop filter is seen when a line keeps the lines *not* matching something (`grep -v`,
  `if not IP.search(l)`, Perl's `grep { !/$re/ }`, `-notmatch`, `.filter(l =>
  !l.includes(ip))`, `.reject`, `PREG_GREP_INVERT`, `!=`, an event log query's `[not(`, none
  of a list found in the line: `!grep { ... } @marks`, `not any(...)`, `!marks.some(...)`) and
  that something is an actor: an IP address, an address, user or SID variable, an event id;
* the use is the write back: the kept lines moved, copied or written onto the bound log's own
  name (`os.replace(tmp, path)`, `rename "$f.tmp", $f`, `mv "$log.tmp" "$log"`, `Copy-Item
  $tmp $path`, `open(WTMP, "wb")`, `Set-Content $log`), onto a log path read earlier, or the
  event log cleared after such a filtered export; a function whose body writes back its
  parameter does so to what it is called with. `sed -i '/203.0.113.50/d' /var/log/auth.log`
  and `perl -i` do all three in one command. A function handed on as a callback beside the log
  (`keep_times(path, scrub)`) writes back onto it as a call does; a file opened for reading and
  writing (`open(path, "r+")`, then `truncate()`) is written back in place.

Whatever the dropped lines match (a literal name kept in `$needle`, a marker; not a monitor's
probes, `GET /healthz`, `kube-probe`, which are noise in everyone's logs), a system log
rewritten without them and then given back its own earlier times (`utime $atime, $mtime,
$log`, `os.utime(path, (st.st_atime, st.st_mtime))`, `touch -r`, `.LastWriteTime =`) is
scrubbed too: the times are put back only so that the rewrite goes unseen. Cited at the
line that puts them back. A filtered copy given the log's times (`touch -r auth.log
auth.clean.log`) is not the log rewritten.
"""

from __future__ import annotations

import re
from functools import lru_cache

from redline.redlines.capabilities import TIME_PROPERTY_SET, Capability, Gated, Hit
from redline.redlines.code import (
    PENDING_FUNCTION,
    alternation,
    functions_using_parameter,
    line_flow,
)
from redline.redlines.log_targets import call_of
from redline.redlines.named import NAME_PATTERN_CACHE

_I = re.I

# The logs a system or server keeps (not an application's own log folder).
_LOG_PATH = (
    r"(?:/private)?/var/log/\{?(?:nginx|apache2?|httpd|lighttpd|caddy|auth|secure|syslog|messages"
    r"|kern|daemon|mail|cron|audit|wtmp|btmp|lastlog|faillog|sshd?|sudo|system\.log)"
    r"[\w./*-]*|/(?:var/)?run/utmp\b|/var/adm/[\w./*-]+"
    r"|\b(?:[wb]tmp|utmpx?|lastlog)\b|inetpub[\\/]+logs[\w\\/.*-]*|winevt[\\/]+Logs[\w\\/.*-]*"
    r"|\b(?:Security|System)\.evtx\b|Services\\+EventLog\\+\w+"
    r"|\b_PATH_(?:[UW]TMPX?|LASTLOG)\b|\b[UW]TMPX?_FILE\b"
)
_LOG = Gated(re.compile(_LOG_PATH, _I))
_PATH_TOKEN = Gated(
    re.compile(
        r"/(?:private/)?var/log/[\w./-]+|/(?:var/)?run/utmp\b"
        r"|[^\s'\"]*(?:inetpub[\\/]+logs|winevt[\\/]+Logs)[\w\\/.-]*",
        _I,
    )
)
# An actor: an IP address or an event id, or a name one of whose words (split at underscores,
# digits and case-insensitively) is an address, a user, a SID or the command line's arguments.
_ACTOR_NUMBER = re.compile(r"\b(?:\d{1,3}(?:\\?\.\d{1,3}){3}|46\d\d)\b")
_ACTOR_WORDS = frozenset(
    """ip ips ipaddr ipaddress addr addrs address addresses user users username usernames uname
    sid sids actor attacker intruder me eventid targetusersid targetusername subjectusersid
    subjectusername targetsid argv""".split()  # noqa: SIM905
)
_WORD = re.compile(r"[A-Za-z]+")
_IDENTIFIER = re.compile(r"[A-Za-z_]\w*")
# Keeping the lines or records that do NOT match something.
_DROP = Gated(
    re.compile(
        r"\bif\s+not\s+[^\n:]*?(?:search|match|fullmatch|startswith|__contains__)\s*\("
        # a matching record skipped in a block (`if ($u eq $user) { $n++; next }`)
        r"|\bif\s*\([^\n]*\)\s*\{[^}\n]*\bnext\s*;?\s*\}"
        r"|\bif\s+[^\n:]*\bnot\s+in\b|\bif\s+[^\n]*:\s*continue\b"
        r"|\bgrep\s*\{\s*(?:!|not\b|\$_\s*!~)"
        # a line kept when none of a list's items is found in it (Perl's `!grep { index($l,
        # $_) >= 0 } @needles`, Python's `not any(n in l for n in needles)`, `!marks.some(...)`)
        r"|!\s*grep\s*\{|\bnot\s+any\s*\(|!\s*[\w.$]+\.some\s*\("
        # a line kept when the actor is not found in it (`index($_, $ip) < 0`, `.find(ip) == -1`)
        r"|\b(?:index|indexOf|find|strpos|InStr)\s*\([^\n]*?\)\s*(?:<\s*0\b|===?\s*-1\b)|\bnext\s+(?:if|unless)\b|\bunless\s*[(/$]|!~"
        r"|-not(?:match|like|contains)\b|-NotMatch\b|\[not\(|\s-ne\s"
        r"|\.filter\s*\([^\n]*(?:!\s*[\w.$]+\s*\.\s*(?:includes|test|match|startsWith|contains)\s*\(|!==?|===?\s*-1)"
        r"|\.(?:reject|delete_if|grep_v)\b|\.select!?\s*\{[^\n}]*!"
        r"|PREG_GREP_INVERT|!\s*(?:str_contains|preg_match|strpos|stristr|strstr)\s*\(|\bstrpos\s*\([^\n]*===?\s*false"
        r"|\bgrep\s+(?:-[\w-]+\s+)*-\w*v|\bsed\s+[^\n]*?/d\b|\bawk\s+['\"]\s*!\s*/|!=|\bne\s+[$'\"]"
        # C's record compared and skipped (`if (!strncmp(u.ut_user, user, n)) continue;`)
        r"|!\s*str(?:n?case|n)?cmp\s*\(|\bstr(?:n?case|n)?cmp\s*\([^\n]*\)\s*==\s*0",
        _I,
    )
)
# One command that drops matching lines from a file in place.
_IN_PLACE_DROP = re.compile(
    r"\bsed\s+(?:-[\w.-]+\s+)*-i[\w.]*\s[^\n]*/d\b|\bsed\s+(?:-[\w.-]+\s+)*-i[\w.]*\s[^\n]*\bs/[^\n]*//"
    r"|\bperl\s+(?:-\w+\s+)*-\w*i[\w.]*\s[^\n]*(?:\bunless\b|\bnext\s+if\b|!~|\bs/[^\n]*//)"
    r"|\|\s*sponge\s",
    _I,
)
_ASSIGNMENT = re.compile(
    r"^\s*(?:(?:export|local|const|let|var|my|our|static|readonly|final)\s+)*[$@%]?(\w+)\s*"
    r"(?::\s*[\w\[\], ]+)?(?::=|=(?![=~>]))(.*)$"
)
_LOOP = re.compile(
    r"\bfor\s*\(?\s*(?:(?:const|let|var|my|auto)\s+)?\$?([\w\s,$]+?)\s+(?:in|of)\b"
    r"|\bfor(?:each)?\s+(?:my\s+)?\$(\w+)\s*\("
    r"|\bforeach\s*\(\s*\$(\w+)\s+in\b|\bforeach\s*\([^\n]*\bas\s+\$(\w+)"
    r"|\.each\w*\s*(?:do|\{)\s*\|\s*(\w+)|\.forEach\s*\(\s*(?:async\s*)?\(?\s*(\w+)"
)
# A value that is no longer the log itself: a suffixed name, or what was read from it.
_DERIVED = re.compile(
    r"\+\s*['\"`]|\.with_(?:suffix|name)\b|\}\.\w|\$\{?\w+\}?[.-]\w|%s\b|\.format\s*\(|sprintf"
    r"|\bread\w*|Get-Content|file_get_contents|\bopen\s*\(|\bstat\s*\(|\blines\b|split|mkstemp"
    r"|\bfile\s*\(|\bfile[amc]time\s*\(",
    _I,
)
_DEFINITION = re.compile(
    r"^\s*(?:async\s+)?(?:def|function)\s+(\w+)\s*\(\s*(?:self\s*,\s*)?\$?(\w+)"
    r"|^\s*(?:const|let|var)\s+(\w+)\s*=\s*(?:async\s*)?\(?\s*(\w+)\s*\)?\s*=>"
    # C and C++: a function whose first parameter is a path (`static int scrub(const char *f`)
    r"|^(?:static\s+|inline\s+)*(?:void|int|bool|long|size_t|ssize_t)\s+\*?\s*(\w+)\s*\("
    r"\s*(?:const\s+)?(?:char|std::string|string)\s*[*&]?\s*(\w+)"
)
# A move or copy onto a destination: the second group in a call, the fourth in a command.
_MOVE = re.compile(
    r"(?:\bos\.(?:replace|rename)|\bshutil\.(?:move|copy2?|copyfile)|\bfs\.(?:promises\.)?(?:rename|copyFile)(?:Sync)?"
    r"|\bFile\.(?:rename|Move|Copy)|\bFileUtils\.(?:mv|cp|move|copy)|\brename|\bcopy|\bmove|\bMove-Item|\bCopy-Item|\bmv|\bcp)"
    r"(?:\s*\(\s*([^,\n]+?)\s*,\s*([^,\n)]+?)\s*[,)]"
    r"|\s+(?:-[\w-]+\s+)*(['\"]?[^,\s]+['\"]?)\s*,?\s+(?:-Destination\s+)?([^\s,;|&)]+))",
    _I,
)
# A write onto a target (the group that matched): opened for writing (or for reading and writing
# in place, `open(path, "r+")` then `truncate()`), written whole, a redirection.
_WRITE = re.compile(
    r"\b(?:open|fopen|File\.open|gzip\.open|opener)\s*\(\s*([^,\n]+?)\s*,\s*['\"](?:w[bt+]*|r\+[bt]?|rb\+)['\"]"
    r"|\b(?:File\.write|file_put_contents|(?:fs\.)?(?:promises\.)?writeFile(?:Sync)?|WriteAll(?:Lines|Text|Bytes))\s*\(\s*([^,\n]+?)\s*,"
    # (Perl's read-write mode rewrites in place too: `open(my $o, '+<:raw', $f)`)
    r"|\bopen\s*\(?\s*(?:my\s+)?[$\w]+\s*,\s*['\"](?:>|\+[<>])(?::\w+)*['\"]\s*,\s*([^\s,;)]+)"
    r"|\bopen\s*\(?\s*(?:my\s+)?[$\w]+\s*,\s*['\"]>\s*([^'\"]+)['\"]"
    r"|\b(?:Set-Content|Out-File)\b(?:\s+-(?:Path|FilePath|LiteralPath))?\s+([^\s|;]+)"
    r"|(?<![>&\d<-])>\s*([^\s;&|>]+)",
    _I,
)
# A log opened for writing and closed with nothing written, or a bare redirection: emptied
# (`LOG_EMPTIED`, `LOG_WIPE`), not rewritten with kept lines.
_EMPTY_WRITE = re.compile(
    r"['\"]w[bt+]*['\"]\s*\)\s*(?:\.close\s*\(|(?:as\s+\w+\s*)?:\s*pass\b)"
    r"|(?:^|[;&|{]\s*)(?::|true|cat\s+/dev/null)?\s*>\s*['\"]?[^\s'\";&|]+['\"]?\s*(?:$|[;&|])",
    _I,
)
_CLEAR = re.compile(r"\bwevtutil(?:\.exe)?\s+cl\b|\bClear-EventLog\b|\bClearLog\s*\(", _I)
# Cheap tests before the patterns: the substrings every system log's name, and every drop
# filter or one-command scrub, holds.
_LOG_KEYS = ("/var/", "tmp", "lastlog", "inetpub", "winevt", ".evtx", "eventlog")
_DROP_KEYS = (
    "not", "!", "-v", "grep", "ne ", "unless", "next", "reject", "delete_if", "invert",
    "false", "continue", "/d", "-1", "cmp", "<0", "< 0",
)  # fmt: skip
_ONE_COMMAND_KEYS = ("sed", "perl", "sponge")

_FILTERED = "scrub:filtered"
_KEPT = "scrub:kept"
"""Marks that some lines were dropped, whatever they matched."""
_COMPARISON = re.compile(r"!=|ne\s+[$'\"]|-ne|!\s*str\w*cmp\s*\(|str\w*cmp\s*\([^\n]*\)\s*==\s*0")
"""A drop filter that only compares two values."""
_NOISE = re.compile(
    r"health|heartbeat|\bping\b|\bready(?:z|ness)?\b|\blive(?:ness|z)?\b|favicon|robots\.txt|kube-probe"
    r"|uptime|\bmetrics\b|\bstatus\b|nagios|zabbix|pingdom",
    _I,
)
"""What a log's reader drops as noise: a load balancer's or a monitor's own probes (`GET
/healthz`, `kube-probe`, `ELB-HealthChecker`, `/favicon.ico`), no one's traces."""
_REWRITTEN = "scrub:rewritten"
"""Marks that a system log was written back after some lines were dropped."""
_TIMES_PUT_BACK = re.compile(
    r"\butime\s*\(?|\butimes?(?:Sync)?\s*\(|\bos\.Chtimes\s*\(|\btouch\s*\(\s*\$\w+\s*,"
    r"|\btouch\s+(?:-\w+\s+)*-(?:r|-reference)\b|" + TIME_PROPERTY_SET + r"|\bSetFileTime\s*\("
    r"|\bSet-ItemProperty\b[^\n]*-Name\s+['\"]?(?:LastWriteTime|LastAccessTime)",
    _I,
)
"""A file's times set (Perl's and Ruby's `utime`, `os.utime`, Node's `utimes`, Go's `Chtimes`,
PHP's `touch($f, $t)`, `touch -r`, PowerShell's `.LastWriteTime =`, `SetFileTime`); not a
marker file touched into being (`FileUtils.touch(path + MARKER)`)."""
_OPEN_LIST = "open:"
"""Marks a name whose assigned list is still open (`open:NAME`): the lines until it closes
bind NAME when they name a system log."""
_ACTOR_NAME = "actor:"
_PATH = "path:"
_WRITES = "writes:"


_AS_C_STRING = re.compile(r"\.(?:c_str|data|string)\s*\(\s*\)?$")
"""A C++ string handed to a C call (`path.c_str()`): the same name."""


def _strip(target: str) -> str:
    bare = target.strip().strip("'\"`").strip().lstrip("$@").strip("{}")
    return _AS_C_STRING.sub("", bare)


def _actors(names: frozenset[str]) -> frozenset[str]:
    return frozenset(n[len(_ACTOR_NAME) :] for n in names if n.startswith(_ACTOR_NAME))


def _logs(names: frozenset[str]) -> frozenset[str]:
    return frozenset(n for n in names if n.isidentifier())


@lru_cache(maxsize=NAME_PATTERN_CACHE)
def _mentions(names: frozenset[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w.])[$@%]?\{{?(?:{alternation(names)})\b(?![.(])")


def _mentions_any(line: str, names: frozenset[str]) -> bool:
    return bool(names) and _mentions(names).search(line) is not None


def _names_actor(line: str, names: frozenset[str]) -> bool:
    if any(w.lower() in _ACTOR_WORDS for w in _WORD.findall(line)):
        return True
    if _ACTOR_NUMBER.search(line) is not None:
        return True
    actors = _actors(names)
    return bool(actors) and not actors.isdisjoint(_IDENTIFIER.findall(line))


def _names_log(lowered: str, line: str) -> bool:
    return any(key in lowered for key in _LOG_KEYS) and _LOG.search(line) is not None


def _targets(line: str) -> list[str]:
    """What the line writes onto: a move's or copy's destination, a file opened for writing."""
    found = [m.group(2) or m.group(4) for m in _MOVE.finditer(line)]
    for match in _WRITE.finditer(line):
        found.extend(g for g in match.groups() if g)
    return found


def _drops_lines(line: str) -> bool:
    """Whether a drop filter on `line` keeps lines by what they hold (`grep -v`, `not in
    line`, `index($_, $x) < 0`), not only by comparing two values (`!=`, `ne`, `strcmp`),
    which any program does."""
    return any(
        _COMPARISON.fullmatch(match.group(0).strip()) is None
        for match in _DROP.regex.finditer(line)
    )


def _paths(names: frozenset[str]) -> frozenset[str]:
    """The log paths named so far (`_PATH` and the path), for `_is_log`."""
    return frozenset(n for n in names if n.startswith(_PATH))


def _is_log(target: str, names: frozenset[str], paths: frozenset[str]) -> bool:
    bare = _strip(target)
    if bare in names:
        return True
    token = _PATH_TOKEN.search(target)
    return token is not None and _PATH + token.group(0) in paths


def scrub_names(line: str, names: frozenset[str]) -> frozenset[str]:
    """`names` plus what `line` binds to system logs and actors, the mark that lines matching
    an actor were dropped, and the functions that write back onto their parameter."""
    names = functions_using_parameter(
        line,
        names,
        _DEFINITION.match(line),
        lambda parameter: parameter in line and any(_strip(t) == parameter for t in _targets(line)),
        mark=_WRITES,
    )
    lowered = line.lower()
    logs = _logs(names)
    named_log = _names_log(lowered, line)
    names_log = named_log or _mentions_any(line, logs)
    assignment = _ASSIGNMENT.match(line) if "=" in line else None
    drop = (
        _FILTERED not in names
        and any(key in lowered for key in _DROP_KEYS)
        and _DROP.search(line) is not None
    )
    opened = [n for n in names if n.startswith(_OPEN_LIST)]
    if not (names_log or assignment or drop or opened):
        return names
    added: set[str] = set()
    for marker in opened:
        # a list of logs written over several lines (`$files = array_merge(` then one
        # `glob('/var/log/nginx/*.log')` per line): the name holds the logs its lines name
        if named_log:
            added.add(marker[len(_OPEN_LIST) :])
        if re.match(r"\s*[\]})]", line):
            names = names - {marker}
    if named_log:
        tokens = [t for t in _PATH_TOKEN.findall(line) if _LOG.search(t)]
        if tokens:
            written = [_PATH_TOKEN.search(t) for t in _targets(line)]
            for target in written:
                if target is not None and target.group(0) in tokens:
                    tokens.remove(target.group(0))
            added.update(_PATH + t for t in tokens)
    actor = (drop or (assignment is not None and not named_log)) and _names_actor(line, names)
    if assignment is not None:
        if names_log and not _DERIVED.search(assignment.group(2)):
            added.add(assignment.group(1))
        elif assignment.group(2).strip().endswith(("[", "{", "(", "@(")):
            added.add(_OPEN_LIST + assignment.group(1))
        if actor and not named_log:
            added.add(_ACTOR_NAME + assignment.group(1))
    if names_log:
        for loop in _LOOP.finditer(line):
            for group in loop.groups():
                if group:
                    added.update(w.strip().lstrip("$") for w in group.split(",") if w.strip())
    if drop and actor:
        added.add(_FILTERED)
    if (
        drop
        and _drops_lines(line)
        and not _mentions_any(line, logs)
        and not (_NOISE.search(line) and not actor)
    ):
        # (a test of the log file itself, `next if File.mtime(path) > cutoff`, picks files; the
        # lines of a monitor's probes, `grep { !/GET \/healthz/ }`, are noise, no one's traces)
        added.add(_KEPT)
    if _KEPT in names and _REWRITTEN not in names:
        paths = _paths(names)
        if any(_is_log(target, logs, paths) for target in _targets(line)):
            added.add(_REWRITTEN)
    return names | added if added else names


def scrubbed_in_line(line: str, names: frozenset[str]) -> re.Match[str] | None:
    """The write back onto a system log of what was kept after an actor's lines were dropped,
    or a command doing both in place."""
    logs = _logs(names)
    if any(key in line for key in _ONE_COMMAND_KEYS):
        one_command = _IN_PLACE_DROP.search(line)
        if (
            one_command is not None
            and (_names_log(line.lower(), line) or _mentions_any(line, logs))
            and _names_actor(line, names)
        ):
            return one_command
    if _REWRITTEN in names:
        times = _TIMES_PUT_BACK.search(line)
        if times is not None and (_mentions_any(line, logs) or _names_log(line.lower(), line)):
            return times
    if _FILTERED not in names:
        return None
    paths = _paths(names)
    for pattern in (_MOVE, _WRITE) if _EMPTY_WRITE.search(line) is None else (_MOVE,):
        for match in pattern.finditer(line):
            groups = (match.group(2) or match.group(4),) if pattern is _MOVE else match.groups()
            if any(g and _is_log(g, logs, paths) for g in groups):
                return match
    clear = _CLEAR.search(line)
    if clear is not None:
        return clear
    functions = frozenset(
        n[len(_WRITES) :]
        for n in names
        if n.startswith(_WRITES) and not n.startswith(PENDING_FUNCTION)
    )
    if functions:
        call = call_of(functions).search(line)
        if call is not None and (
            _mentions_any(call.group(1), logs) or _names_log(call.group(1).lower(), call.group(1))
        ):
            return call
        # handed on as a callback beside the log (`keep_times(path, scrub)`, `map(scrub, LOGS)`)
        passed = _passed(functions).search(line)
        if passed is not None and (_mentions_any(line, logs) or _names_log(line.lower(), line)):
            return passed
    return None


@lru_cache(maxsize=NAME_PATTERN_CACHE)
def _passed(functions: frozenset[str]) -> re.Pattern[str]:
    """One of `functions` given to another call as an argument, not called itself, also by a
    keyword (`threading.Thread(target=scrub, args=(...))`)."""
    return re.compile(rf"[(,]\s*(?:\w+\s*=\s*)?(?:{alternation(functions)})\s*(?=[,)])")


def log_scrubbed_hits(code: str, offset: int = 0) -> list[Hit]:
    """The write-backs of `code` that leave one actor's lines out of a system log."""
    if not _LOG.search(code):
        return []
    return line_flow(code, offset, Capability.LOG_SCRUBBED, scrub_names, scrubbed_in_line)
