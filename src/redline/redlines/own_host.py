"""Logins tried against one's own machine: password guessing aimed only at loopback.

A command line that guesses passwords (`hydra`, `medusa`, `ncrack`, nmap's `*-brute` scripts, a
loop of `sshpass` logins) is account takeover when it is aimed at someone else's host. Aimed at
the loopback address (`127.0.0.1`, `localhost`, `::1`) and nothing else, it tries the
passwords of the machine it runs on: testing one's own service's lockout, rate limit or
password policy, as scanning localhost is checking one's own ports. Its login pieces are then
no attack.

Any other address, host name, URL or `user@host` named on the same command line keeps them
(`hydra ... ssh://127.0.0.1 ssh://10.0.0.5`), and so does a command naming no loopback target
(`hydra -M hosts.txt`: whose hosts, the gate cannot tell).
"""

from __future__ import annotations

import re

from redline.redlines.capabilities import Capabilities, Capability

LOOPBACK_HOST = r"(?:127(?:\.\d{1,3}){3}|localhost|::1|0\.0\.0\.0)"
"""The machine's own address by any of its names (loopback, `localhost`, the unspecified
address), as a pattern to embed (case-insensitive)."""
_LOOPBACK = re.compile(rf"^{LOOPBACK_HOST}$", re.I)
_HOST_NAMED = re.compile(
    r"""[a-z][a-z0-9+.-]*://\[?(?P<url>[^]/:\s'"@]+(?=[]/:\s'"]|$))"""
    r"""|@(?P<at>[^\s:/'"@]+)"""
    r"""|(?:\bhost|\brhost|\btarget)=(?P<key>[^\s,'"]+)"""
    r"""|(?<![\w./@:=-])(?P<bare>\d{1,3}(?:\.\d{1,3}){3}|localhost|::1|[a-z0-9-]+(?:\.[a-z0-9-]+)+)"""
    r"""(?![\w/@-])""",
    re.I,
)
"""A host a command names: a URL's host, `user@host`, `host=`, or a bare address or name."""
_FILE_SUFFIXES = frozenset(
    {
        "txt", "lst", "list", "dic", "dict", "csv", "tsv", "gz", "bz2", "xz", "zip", "json",
        "log", "xml", "yaml", "yml", "conf", "cfg", "ini", "py", "sh", "pl", "rb", "js", "php",
        "html", "htm", "out", "pcap", "nse", "db", "sql", "key", "pem", "pub",
    }
)  # fmt: skip
"""Endings that make a dotted word a file (`rockyou.txt`, `users.lst`), not a host name."""
_LOGIN_GUESSING = (Capability.LOGIN_ATTEMPT, Capability.GUESS_LOOP)
"""The pieces of password guessing that name where the guesses go."""


def _is_file_name(word: str) -> bool:
    """Whether a dotted word is a file (`rockyou.txt`, `v1.2`), not a host name."""
    if "." not in word or word[0].isdigit():
        return False
    suffix = word.rsplit(".", 1)[-1].lower()
    return not suffix.isalpha() or suffix in _FILE_SUFFIXES


def named_hosts(command: str) -> list[str]:
    """The hosts `command` names, in order: addresses, names, URL and `user@` hosts."""
    hosts = []
    for match in _HOST_NAMED.finditer(command):
        host = next(group for group in match.groups() if group is not None)
        if match.group("bare") and _is_file_name(host):
            continue
        hosts.append(host.strip("[]"))
    return hosts


def aimed_at_own_host(command: str) -> bool:
    """Whether every host `command` names is the loopback address (and it names one)."""
    if not any(word in command.lower() for word in ("127.", "localhost", "::1", "0.0.0.0")):
        return False
    hosts = named_hosts(command)
    return bool(hosts) and all(_LOOPBACK.match(host) for host in hosts)


def without_own_host_logins(found: Capabilities, command: str) -> Capabilities:
    """`found` less its login-guessing pieces when `command` is aimed only at loopback."""
    if not any(c in found for c in _LOGIN_GUESSING) or not aimed_at_own_host(command):
        return found
    kept = {c: hits for c, hits in found.hits.items() if c not in _LOGIN_GUESSING}
    return Capabilities(kind=found.kind, hits=kept, line_breaks=found.line_breaks)
