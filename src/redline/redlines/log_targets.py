"""A file emptied or deleted because it is a system log: the truncation tied to the log's path.

Naming system logs and emptying some file are both ordinary: a fail2ban-like watcher reads
`/var/log/auth.log` and resets its own state file with `open(STATE, "w").close()`. Log wiping
is the two joined: the emptied or deleted file *is* the log. The tie is followed line by line
(the `code.line_flow` scheme, so the streaming monitor reads it a line at a time):

* a name is bound when its assigned value names a system log (`AUTH = "/var/log/auth.log"`,
  `const char *logs[] = { "/var/log/wtmp", ... }`, a list opened on the assignment's line and
  filled on the next ones) or a name already bound, and when a loop iterates over one
  (`for p in Path("/var/log").rglob("*")`, `for (const p of ['/var/log/syslog'])`,
  `for f in files` after `os.walk("/var/log")`);
* a function whose body empties or deletes its parameter (`def wipe(p): open(p, "w").close()`)
  empties what it is called with;
* the use is a truncation or deletion (`TRUNCATE`, `DELETE_FILE` patterns, or an `open` for
  writing, which empties the file) on a line that names a system log or a bound name, or a
  call of such a function with one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from redline.redlines.capabilities import PATTERNS, Capability, Gated, Hit
from redline.redlines.code import (
    PENDING_FUNCTION,
    alternation,
    functions_using_parameter,
    line_flow,
)
from redline.redlines.named import NAME_PATTERN_CACHE
from redline.redlines.own_use import prunes_by_age

_LOG_HINT = Gated(re.compile(r"/var/log|/var/adm/|wtmp|btmp|lastlog|winevt|\.evtx\b", re.I))
_LOG_LITERAL = PATTERNS[Capability.LOG_PATH]
# Opening a file for writing empties it, whatever is written after (a log rewritten is wiped).
_OPENED_FOR_WRITING = re.compile(r"\b(?:open|fopen)\s*\([^\n]*,\s*['\"]w[b+]*['\"]")
_EMPTYING = (
    *PATTERNS[Capability.TRUNCATE],
    *PATTERNS[Capability.DELETE_FILE],
    _OPENED_FOR_WRITING,
)
_ASSIGNMENT = re.compile(
    r"^\s*(?:(?:export|local|const|let|var|my|static|auto|char|std::string|string)\b[\s*&]*)*"
    r"\$?(\w+)\s*(?:\[[^\]\n]*\]\s*)?(?::\s*[\w\[\], ]+)?(?::=|=(?!=))(.*)$"
)
_LOOP = re.compile(
    r"\bfor\s*\(?\s*(?:(?:const|let|var|my|auto|char|std::string)\b[\s*&]*)?\$?([\w\s,$]+?)\s+(?:in|of)\b"
    r"|\bfor\s*\(\s*[\w:<>\s*&]+?\b(\w+)\s*:(?!:)"
    r"|\bforeach\s*\(\s*\$?(\w+)\s+in\b|\bforeach\s*\([^\n]*\bas\s+\$(\w+)"
)
_OPEN_LIST = "open:"
"""Marks a name whose assigned list or table is still open: `open:NAME`."""
_DEFINITION = re.compile(
    r"^\s*(?:async\s+)?(?:def|function)\s+(\w+)\s*\(\s*(?:self\s*,\s*)?\$?(\w+)"
    r"|^\s*(?:const|let|var)\s+(\w+)\s*=\s*(?:async\s*)?\(?\s*(\w+)\s*\)?\s*=>"
)


def _names_log(line: str, names: frozenset[str]) -> bool:
    if any(pattern.search(line) for pattern in _LOG_LITERAL):
        return True
    plain = [n for n in names if n.isidentifier()]
    return bool(plain) and _mentions(frozenset(plain)).search(line) is not None


@lru_cache(maxsize=NAME_PATTERN_CACHE)
def _mentions(names: frozenset[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w.])(?:{alternation(names)})\b")


# A file named inside a folder: the folder joined with a name (`out_dir / "summary.csv"`,
# `os.path.join(folder, name)`, `Path(folder, "x")`, `f"{folder}/x"`, `"$folder/x"`).
_INSIDE_FOLDER = r"""(?:\s*/\s*[\w'"]|\}?/[\w{$.-])"""
_JOINED = r"""(?:\bjoin|\bPath|\bresolve)\s*\(\s*"""


def _names_parameter(line: str, parameter: str) -> bool:
    """Whether `line` uses `parameter` itself as a path: a file named inside the folder it
    names (a report written into an output folder) is another file."""
    name = re.escape(parameter)
    mentions = re.finditer(rf"(?<![\w.])\$?\{{?{name}\b", line)
    return any(
        re.match(_INSIDE_FOLDER, line[m.end() :]) is None
        and not (
            re.search(rf"{_JOINED}$", line[: m.start()]) and re.match(r"\s*,", line[m.end() :])
        )
        for m in mentions
    )


def _empties(line: str) -> re.Match[str] | None:
    for pattern in _EMPTYING:
        match = pattern.search(line)
        if match is not None:
            return match
    return None


def log_names(line: str, names: frozenset[str]) -> frozenset[str]:
    """`names` plus what `line` binds to system logs (see the module's docstring), and the
    functions whose body empties or deletes their parameter (`empties:NAME`)."""
    names = functions_using_parameter(
        line,
        names,
        _DEFINITION.match(line),
        lambda parameter: _empties(line) is not None and _names_parameter(line, parameter),
        mark="empties:",
    )
    bound = [n for n in names if n.startswith(_OPEN_LIST)]
    opens = "=" in line and line.rstrip().endswith(("[", "{", "("))
    if (
        not bound
        and not opens
        and not _LOG_HINT.search(line)
        and not any(n.isidentifier() for n in names)
    ):
        return names
    added: set[str] = set()
    logs = _names_log(line, names)
    for marker in bound:
        if logs:
            added.add(marker[len(_OPEN_LIST) :])
        if re.match(r"\s*[\]})]", line):
            names = names - {marker}
    assignment = _ASSIGNMENT.match(line)
    if assignment is not None:
        value = assignment.group(2).strip()
        if logs:
            added.add(assignment.group(1))
        elif value.endswith(("[", "{", "(", "@(")):
            added.add(_OPEN_LIST + assignment.group(1))
    if logs:
        for loop in _LOOP.finditer(line):
            for group in loop.groups():
                if group:
                    added.update(w.strip().lstrip("$") for w in group.split(",") if w.strip())
    return names | added if added else names


def log_emptied_in_line(line: str, names: frozenset[str]) -> re.Match[str] | None:
    """A truncation or deletion on `line` of a system log or a name bound to one, or a call
    with one of a function that empties its parameter."""
    variables = frozenset(n for n in names if n.isidentifier())
    functions = frozenset(
        n.split(":", 1)[1]
        for n in names
        if n.startswith("empties:") and not n.startswith(PENDING_FUNCTION)
    )
    # Every system log's literal (`LOG_PATH`) holds a hint: with no hint and nothing bound,
    # nothing on the line can name a log (a function being read is no binding).
    if not variables and not functions and not _LOG_HINT.search(line):
        return None
    found: re.Match[str] | None = None
    emptied = _empties(line)
    if emptied is not None and _names_log(line, variables):
        found = emptied
    elif functions:
        call = call_of(functions).search(line)
        if call is not None and _names_log(call.group(1), variables):
            found = call
    if found is None or prunes_by_age(line):  # old logs removed by age: retention
        return None
    return found


@lru_cache(maxsize=NAME_PATTERN_CACHE)
def call_of(functions: frozenset[str]) -> re.Pattern[str]:
    """A call of one of `functions` (not a method of another object), its arguments in group 1."""
    return re.compile(rf"(?<![\w.])(?:{alternation(functions)})\s*\(([^\n]*)")


def log_emptied_hits(code: str, offset: int = 0) -> list[Hit]:
    """The truncations and deletions of `code` that empty or remove a system log."""
    if not _LOG_HINT.search(code):
        return []
    return line_flow(code, offset, Capability.LOG_EMPTIED, log_names, log_emptied_in_line)
