"""A password sprayed across a directory's accounts, kept under the lockout.

Spraying tries one password on every account, few enough times that no account locks: the
program reads the domain's lockout threshold (`lockoutThreshold`, `(Get-ADDefaultDomainPassword
Policy).LockoutThreshold`) and each account's failed sign-ins (`badPwdCount`, `BadLogonCount`),
skips those near the threshold, and signs in as each account the loop goes through (also by a
name taken out of the loop's search result, `$sam = [string]$u.Properties.samaccountname[0]`;
`c.Bind(u + "@" + domain, spray)`, `Connection(server, user=f"{dom}\\\\{u}", password=pw)`,
`DirectoryEntry(path, $u, $pw)`, `ValidateCredentials(u, pw)`) (ATT&CK T1110.003). A lockout
report reads the same attributes and signs in once, as its operator; a migration check signs
each user in with their own stored password and reads no lockout. The attributes are read
before the loop, as a program reads its policy first, and the flow is followed line by line
(the monitor too).
"""

from __future__ import annotations

import re
from functools import lru_cache

from redline.redlines.capabilities import Capability, Hit
from redline.redlines.code import alternation, line_flow, loop_names
from redline.redlines.named import NAME_PATTERN_CACHE

_THRESHOLD = re.compile(r"\blockout_?Threshold\b", re.I)
_FAILED_COUNT = re.compile(r"\b(?:badPwdCount|BadLogonCount|badPasswordCount)\b", re.I)
_THRESHOLD_READ = "lockout:threshold"
_COUNT_READ = "lockout:count"
_BOTH_READ = frozenset({_THRESHOLD_READ, _COUNT_READ})
"""Marks among the names followed: the threshold and the accounts' failures were read."""


@lru_cache(maxsize=NAME_PATTERN_CACHE)
def _sign_in_as(names: frozenset[str]) -> re.Pattern[str]:
    """A sign-in whose account is one of `names` (in its first argument, or `user=`)."""
    name = r"(?<![\w.])\$?\{?(?:" + alternation(names) + r")\b"
    return re.compile(
        r"\.(?:Bind|bind|simple_bind_s|simple_bind|login|Login|ValidateCredentials)\s*\("
        r"\s*[^,\n()]*?" + name + r"[^,\n]*,"
        r"|\bConnection\s*\([^\n]*?\buser\s*=\s*[^,\n]*?" + name
        + r"|\bDirectoryEntry\s*\(\s*[^,\n]+,\s*[^,\n]*?" + name
    )  # fmt: skip


def spray_names(line: str, names: frozenset[str]) -> frozenset[str]:
    """`names` plus the marks of the lockout's reads on `line`, and, once both were read, the
    names a loop binds per iteration (`code.loop_names`)."""
    if ("ockout" in line or "OCKOUT" in line) and _THRESHOLD.search(line) is not None:
        names = names | {_THRESHOLD_READ}
    if ("ount" in line or "OUNT" in line) and _FAILED_COUNT.search(line) is not None:
        names = names | {_COUNT_READ}
    if not names >= _BOTH_READ:
        return names
    names = loop_names(line, names)
    return names | _derived(line, names)


_ASSIGNED = re.compile(r"^\s*(?:\[[\w.]+\]\s*)?\$?([A-Za-z_]\w*)\s*=(?!=)\s*(.{1,300})$")
"""An assignment on a line of its own: the name and what it is given."""


@lru_cache(maxsize=NAME_PATTERN_CACHE)
def _reads_any(names: frozenset[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w.])\$?(?:" + alternation(names) + r")\b")


def _derived(line: str, names: frozenset[str]) -> frozenset[str]:
    """The name `line` assigns from one of a loop's names (`$sam = [string]$u.Properties
    .samaccountname[0]`): the account's name taken out of the search result the loop goes
    through is the same account."""
    assigned = _ASSIGNED.match(line) if "=" in line else None
    plain = frozenset(n for n in names if n.isidentifier())
    if assigned is None or not plain or assigned.group(1) in names:
        return frozenset()
    if _reads_any(plain).search(assigned.group(2)) is None:
        return frozenset()
    return frozenset({assigned.group(1)})


def sprayed_in_line(line: str, names: frozenset[str]) -> re.Match[str] | None:
    """A sign-in on `line` as one of a loop's accounts, once the lockout's reads were seen."""
    if not names >= _BOTH_READ:
        return None
    plain = frozenset(n for n in names if n.isidentifier())
    if not plain:
        return None
    return _sign_in_as(plain).search(line)


def lockout_aware_spray_hits(code: str, offset: int = 0) -> list[Hit]:
    """Each sign-in as a loop's account after the lockout threshold and the accounts' failed
    sign-ins were read (attribute names as written: a search's list of them is kept in
    strings)."""
    if ("ockout" not in code and "OCKOUT" not in code) or _THRESHOLD.search(code) is None:
        return []
    if _FAILED_COUNT.search(code) is None:
        return []
    return line_flow(code, offset, Capability.LOCKOUT_AWARE_SPRAY, spray_names, sprayed_in_line)
