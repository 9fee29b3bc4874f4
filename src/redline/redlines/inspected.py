"""Autostart places and hidden paths that a shell command only looks at or takes away.

An incident responder's script names the places persistence hides in to read them (`crontab
-l`, `ls -la /etc/cron.*`, `grep -r var/tmp /etc/systemd /etc/cron*`, `lsattr -R /var/tmp`)
and removes what an intruder left there (`crontab -r`, `chattr -i /var/tmp/.cache/*`, `rm -rf
/var/tmp/.cache`). None of those commands makes an autostart entry or hides a file: the entry
is listed, searched or deleted, the hidden folder unlocked and removed. An autostart place or
a hidden path named only in such a command is dropped from what the script does.

A command that writes where it names (`cat payload > /etc/cron.d/job`, `crontab -l | ... |
crontab -`, `cat x >> ~/.bashrc`) keeps its hits: a redirection ahead of the place, or a
`crontab` given anything but a listing or a removal, installs the entry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from redline.redlines.capabilities import Capability, Hit, line_at
from redline.redlines.shell import SimpleCommand, simple_commands

_LOOKED_AT = frozenset({Capability.AUTORUN, Capability.HIDE})
"""The capabilities a reading or removing command only names."""
_READERS = frozenset(
    {
        "ls",
        "cat",
        "less",
        "more",
        "head",
        "tail",
        "grep",
        "egrep",
        "fgrep",
        "rg",
        "lsattr",
        "stat",
        "file",
        "strings",
        "sha256sum",
        "sha1sum",
        "md5sum",
        "rm",
        "unlink",
        "shred",
    }
)
"""Commands that read, list, fingerprint or delete the files they are given."""
_PREFIXES = frozenset({"sudo", "command", "nice", "time"})
_SHELLS = frozenset({"bash", "sh", "zsh", "dash", "ksh"})
_DEEPEST = 3
"""How deep scripts handed to shells are read (`bash -c 'sh -c "..."'`)."""
_WRITES = re.compile(r"(?<![\d&>])>{1,2}(?!&)(?!\s*/dev/null\b)|\btee\b")
"""A redirection of the output (not of errors, nor to the null device): the command writes
where it names."""
_KEYS = ("cron", "/tmp/.", "/shm/.", "bin/.", "chattr", ".bashrc", ".profile", "rc.")


def _command(words: list[str]) -> tuple[str, list[str]]:
    while words and (words[0] in _PREFIXES or "=" in words[0].split("/")[0]):
        words = words[1:]
    if not words:
        return "", []
    return words[0].rsplit("/", 1)[-1], words[1:]


def _only_looks(segment: str, words: list[str], at: int) -> bool:
    """Whether the simple command `segment` (its `words` as the shell reads them) only reads,
    lists or removes what it names at `at` (its output sent elsewhere, as a hash saved to a
    case file, still reads it)."""
    if _WRITES.search(segment, 0, at):
        return False
    name, arguments = _command(words)
    if name in _READERS:
        return True
    options = [a for a in arguments if a.startswith("-")]
    if name == "crontab":
        # listed or removed (`crontab -l`, `crontab -r`, `crontab -u deploy -l`), not installed
        # (`crontab -u deploy FILE` installs FILE as deploy's crontab)
        return any(o in ("-l", "-r", "-ir") for o in options) and all(
            o in ("-l", "-r", "-u", "-ir") for o in options
        )
    if name == "chattr":
        # the immutable bit taken off (`chattr -i`) unlocks a file, it does not hide one
        # (`chattr -R +i DIR` locks it: an option ahead of the mode is not an unlocking)
        unlocks = any(
            a.startswith("-") and a not in ("-R", "-V", "-f") and ("i" in a or "a" in a)
            for a in arguments
        )
        return unlocks and not any(a.startswith(("+", "=")) for a in arguments)
    return False


@lru_cache(maxsize=256)
def _commands(line: str) -> tuple[SimpleCommand, ...]:
    """The simple commands of one line, kept for the lines last asked: a streamed script is
    read again as it grows, its earlier lines unchanged."""
    return tuple(simple_commands(line))


def _command_around(
    line: str, start: int, end: int, depth: int = 0
) -> tuple[str, list[str], int] | None:
    """The innermost simple command of `line` that the span `start`-`end` stands in, as the
    shell cuts the line (a `;` or ` #` inside quotes cuts nothing; a comment is no command):
    its text, its words and where the span starts in it; in a script handed to a shell
    (`bash -c '...; crontab -l; ...'`), the command of that script. None when the span stands
    in no command, or in a script spelled otherwise than the shell reads it."""
    around = [c for c in _commands(line) if c.start <= start and end <= c.end]
    if not around:
        return None
    command = min(around, key=lambda c: c.end - c.start)
    words = [word.value for word in command.words]
    for index in range(len(words) - 2):
        # a shell started with a script, by the command or among its arguments (`sudo -u x
        # bash -c '...'`, `xargs sh -c '...'`)
        if words[index].rsplit("/", 1)[-1] not in _SHELLS or words[index + 1] != "-c":
            continue
        script = command.words[index + 2]
        if not script.start < start or not end < script.end or depth >= _DEEPEST:
            continue
        raw = line[script.start : script.end]
        if raw[:1] not in ("'", '"') or script.value != raw[1:-1]:
            return None
        inner = script.start + 1
        return _command_around(raw[1:-1], start - inner, end - inner, depth + 1)
    return line[command.start : command.end], words, start - command.start


def without_inspected(code: str, hits: Iterable[Hit], offset: int = 0) -> list[Hit]:
    """`hits` less the autostart places and hidden paths of shell `code` that stand only in a
    command reading, listing or removing them (see the module's docstring)."""
    kept = list(hits)
    if not any(hit.capability in _LOOKED_AT for hit in kept):
        return kept
    if not any(key in code for key in _KEYS):
        return kept
    dropped: set[tuple[int, int, Capability]] = set()
    for hit in kept:
        if hit.capability not in _LOOKED_AT:
            continue
        at = hit.start - offset
        if not 0 <= at < len(code):
            continue
        line_start, line_end = line_at(code, at)
        if hit.end - offset > line_end:
            continue
        line = code[line_start:line_end]
        found = _command_around(line, at - line_start, hit.end - offset - line_start)
        if found is not None and _only_looks(*found):
            dropped.add((hit.start, hit.end, hit.capability))
    return [hit for hit in kept if (hit.start, hit.end, hit.capability) not in dropped]
