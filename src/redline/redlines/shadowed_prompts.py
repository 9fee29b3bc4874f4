"""A shell function standing in for `sudo`, `su` or `ssh` that keeps the password typed to it.

A function named like a command that asks for a password, defined in a shell's startup file,
runs instead of that command whenever the user types its name. A wrapper of one's own passes
its arguments on (`sudo() { command sudo -E "$@"; }`), logs the command line, sets a window
title. A password trap reads the password itself, silently as the real prompt does (`IFS= read
-rs p`, `read -s -p "[sudo] password for $USER: " pw`, or `stty -echo` before a `read`), and
keeps it in a file (`printf '%s\n' "$p" >> ~/.cache/.x`, `tee -a`) or sends it away (`curl`,
`nc`, `mail`), usually handing it on to the real command (`| command sudo -S "$@"`) so nothing
looks amiss (`SHADOWED_PROMPT_KEPT`, ATT&CK T1056.001). A password read silently and only handed
on to the real command (`printf '%s\n' "$pin" | command sudo -S "$@"`), kept in no file and
sent nowhere, is not read.

Each function's body is read up to its closing brace (at most `_BODY_REACH` characters, the
first `_FUNCTIONS` such functions).
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

from redline.redlines.capabilities import Capability, Hit, matching_close
from redline.redlines.code import alternation

_SHADOW = re.compile(
    r"^[ \t]*(?:function[ \t]+)?(?:sudo|su|doas|ssh|passwd|pkexec)"
    r"[ \t]*(?:\([ \t]*\)[ \t]*|[ \t]+)\{",
    re.M,
)
"""A shell function named like a command that asks for a password (`sudo() {`, `function su
{`)."""
_SILENT_READ = re.compile(
    r"\bread((?:[ \t]+-[A-Za-z]+(?:[ \t]+(?:'[^'\n]*'|\"[^\"\n]*\"|[\w.$]+))?){1,4})"
    r"[ \t]+([A-Za-z_]\w*)"
)
"""A `read` with its options (a prompt's quoted text after `-p`, a bare value: `-t 60`), and the
variable it fills."""
_NO_ECHO = re.compile(r"\bstty[ \t]+-echo\b")
"""The terminal's echo turned off before a plain `read`."""
_PLAIN_READ = re.compile(r"\bread(?:[ \t]+-[A-Za-z]+)*[ \t]+([A-Za-z_]\w*)")
_KEPT = re.compile(
    r"(?<![<>&\d])>>?[ \t]*(?!&|/dev/null\b|/dev/stderr\b|/dev/tty\b)['\"]?[^\s;&|'\"]"
    r"|\btee\b|\b(?:curl|wget|nc|ncat|socat|mail|sendmail)\b"
)
"""What keeps or sends a line's output: a redirection into a file (not the null device or
the terminal), `tee`, or a network or mail client."""
_COMMANDS = re.compile(r"&&|\|\||;")
"""Where one command of a line ends and the next begins."""
_STAGES = re.compile(r"\|")
"""Where one stage of a pipeline ends and the next begins."""
_REAL_COMMAND = re.compile(
    r"[ \t]*(?:(?:command|builtin|exec|env)[ \t]+)?(?:/usr)?(?:/s?bin/)?"
    r"(?:sudo|su|doas|ssh|passwd|pkexec)\b"
)
"""A pipe stage that runs the real command the function stands in for."""
_HASH = re.compile(r"[ \t]*(?:sha\d*sum|shasum|md5sum|b2sum|openssl[ \t]+(?:dgst|sha\d*|md5))\b")
"""A pipe stage that hashes what it is given."""
_BODY_REACH = 2000
"""How far a function's body is read (a password trap is a few lines)."""
_FUNCTIONS = 16
"""How many such functions are read (a startup file defines a few)."""


def _silent_variables(body: str) -> set[str]:
    """The variables a body fills from what is typed without echo."""
    names = {
        read.group(2)
        for read in _SILENT_READ.finditer(body)
        if any("s" in flag[1:] for flag in re.findall(r"-[A-Za-z]+", read.group(1)))
    }
    echo_off = _NO_ECHO.search(body)
    if echo_off is not None:
        names.update(read.group(1) for read in _PLAIN_READ.finditer(body, echo_off.end()))
    return names


@lru_cache(maxsize=64)
def _used(names: frozenset[str]) -> re.Pattern[str]:
    """A use of one of `names` (`$pw`, `${pw}`)."""
    return re.compile(r"\$\{?(?:" + alternation(names) + r")\b")


def _kept(body: str, names: set[str]) -> re.Match[str] | None:
    """The first keeper (`_KEPT`) of one of `names` in `body`: in the pipe stage that holds the
    password, or in a later stage before the real command (`echo "$pw" | tee -a f | command sudo
    -S`). What the real command prints (`| command sudo -S "$@" > out`) and a hash of the
    password (`$(printf '%s' "$pw" | sha1sum | cut -c1-5)`, a breach check's prefix) are not
    the password kept."""
    used = _used(frozenset(names))
    for line in body.split("\n"):
        if used.search(line) is None:
            continue
        for command in _COMMANDS.split(line):
            stages = _STAGES.split(command)
            for at, stage in enumerate(stages):
                if used.search(stage) is None or _REAL_COMMAND.match(stage) is not None:
                    continue
                kept = _KEPT.search(stage)
                for later in stages[at + 1 :]:
                    if kept is not None or _REAL_COMMAND.match(later) or _HASH.match(later):
                        break
                    kept = _KEPT.search(later)
                if kept is not None and not (at + 1 < len(stages) and _HASH.match(stages[at + 1])):
                    return kept
    return None


def shadowed_prompt_hits(code: str, offset: int = 0) -> list[Hit]:
    """`SHADOWED_PROMPT_KEPT` at each function standing in for a password-asking command that
    keeps or sends the password typed to it."""
    if "{" not in code or ("read" not in code and "stty" not in code):
        return []
    hits: list[Hit] = []
    for head in islice(_SHADOW.finditer(code), _FUNCTIONS):
        close = matching_close(code, head.end() - 1, "{", "}", head.end() + _BODY_REACH)
        body = code[head.end() : close if close is not None else head.end() + _BODY_REACH]
        names = _silent_variables(body)
        if names and _kept(body, names) is not None:
            start, end = head.span()
            hits.append(
                Hit(Capability.SHADOWED_PROMPT_KEPT, offset + start, offset + end, head.group(0))
            )
    return hits
