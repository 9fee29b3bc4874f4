"""System roots deleted one by one through a loop's variable (ROOT_DELETE).

`rm -rf /etc` names what it destroys; a wiper spreads it over a loop so no line does:
`for d in /boot /etc /home; do rm -rf "$d"; done`, `for d in ("/boot", "/etc", "/var/lib"):
shutil.rmtree(d)`, the list kept under a name first (`ROOTS = ["/etc", "/usr"]` ... `for d in
ROOTS:`). A loop is read as one over system roots when what it goes through names two or more
of them (`/`, `/boot`, `/etc`, `/usr`, `/var`, `/var/lib`, `/home`, `/root`, `/bin`, `/sbin`,
`/lib`, `/opt`, `/srv`, `C:\\Windows`, `C:\\Users`); the variable it binds is then followed to a
recursive deletion of the variable itself (`rmtree(d)`, `rm -rf "$d"`, `os.RemoveAll(d)`,
`fs.rmSync(d, ...)`, `Remove-Item $d -Recurse`). A path built from it (`rmtree(os.path.join(
stage, d))`, `rm -rf "$CHROOT$d"`) is somewhere else: a staging tree, an image being built.
Read over the whole code (`root_loop_hits`) and, as a block streams, line by line (the bind
`root_loop_names` and the find `root_loop_deleted`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from redline.redlines.capabilities import Capability, Hit
from redline.redlines.code import line_flow
from redline.redlines.named import NAME_PATTERN_CACHE, grown, name_written

_ROOT = re.compile(
    r"(?:(?<=['\"])|(?<![\w/.~$-]))(?:/(?:boot|etc|usr|var(?:/lib)?|home|root|bin|sbin|lib(?:32|64)?"
    r"|opt|srv)/?|/|[Cc]:\\\\?(?:Windows|Users))(?=['\"\s,)\]};]|$)"
)
_QUICK = re.compile(r"\bfor(?:each)?\b|\[|\(|=", re.I)
# a loop and what it goes through: Python's and shell's `for x in ...`, PowerShell's foreach,
# JavaScript's `for (const x of ...)`, Go's `for _, x := range []string{...}`
_LOOP = re.compile(
    r"\bfor\s+(?:\w+\s*,\s*)?(\w+)\s+in\s+([^\n:;]*)"
    r"|\bforeach\s*\(\s*\$(\w+)\s+in\s+([^\n)]*)"
    r"|\bfor\s*\(\s*(?:const|let|var)\s+(\w+)\s+of\s+([^\n)]*\)?)"
    r"|\bfor\s+_\s*,\s*(\w+)\s*:=\s*range\s+([^\n{]*\{?[^\n{]*)",
    re.I,
)
# a list of roots kept under a name (`ROOTS = ["/etc", "/usr"]`, `$roots = @('C:\Windows', ...)`)
_LIST = re.compile(r"^\s*(?:(?:const|let|var|my|local)\s+)?[$@]?(\w+)\s*=\s*[(\[{@]([^\n]*)")
_MIN_ROOTS = 2


def _roots(text: str) -> int:
    return len(_ROOT.findall(text))


@lru_cache(maxsize=NAME_PATTERN_CACHE)
def _deletion(names: frozenset[str]) -> re.Pattern[str]:
    """A recursive deletion of one of `names` itself."""
    name = "|".join(sorted(map(re.escape, names)))
    bare = rf"(?:{name})"
    return re.compile(
        rf"\b(?:shutil\.)?rmtree\s*\(\s*(?:Path\s*\(\s*)?{bare}\s*[,)]"
        rf"|\b(?:os\.RemoveAll|fs\.rmSync|fs\.rmdirSync|rimraf(?:\.sync)?|FileUtils\.rm_rf"
        rf"|std::fs::remove_dir_all|Directory\.Delete)\s*\(\s*&?{bare}\s*[,)]"
        rf"|\brm\s+(?:-\w+\s+)*-\w*[rR]\w*\s+(?:-\S+\s+)*['\"]?\$\{{?{bare}\}}?['\"]?(?:/\*)?(?=[\s;&|]|$)"
        rf"|\bRemove-Item\b[^\n]*\${bare}\b(?![\\/\w])[^\n]*-Recurse|\bRemove-Item\b[^\n]*-Recurse[^\n]*\${bare}\b(?![\\/\w])",
        re.I,
    )


def root_loop_names(line: str, names: frozenset[str]) -> frozenset[str]:
    """`names` plus the loop variables `line` binds over two or more system roots, and the names
    of lists of roots it keeps (prefixed `=`) that a later loop may go through."""
    # Roots are spelt with a slash (or a drive's backslash); a loop without one goes through
    # a list kept under a name before.
    if "/" not in line and "\\" not in line and not any(n[0] == "=" for n in names):
        return names
    if _QUICK.search(line) is None:
        return names
    found: set[str] = set()
    listed = _LIST.match(line)
    if listed is not None and _roots(listed.group(2)) >= _MIN_ROOTS:
        found.add("=" + listed.group(1))
    lists = {name[1:] for name in names if name.startswith("=")}
    for loop in _LOOP.finditer(line):
        variable = loop.group(1) or loop.group(3) or loop.group(5) or loop.group(7)
        source = loop.group(2) or loop.group(4) or loop.group(6) or loop.group(8) or ""
        through_list = any(name_written(source, n, before=r"(?<![\w$@])") for n in lists)
        if _roots(source) >= _MIN_ROOTS or through_list:
            found.add(variable)
    return grown(names, found)


def root_loop_deleted(line: str, names: frozenset[str]) -> re.Match[str] | None:
    """A recursive deletion on `line` of a variable a loop over system roots bound."""
    variables = frozenset(name for name in names if not name.startswith("="))
    if not variables:
        return None
    return _deletion(variables).search(line)


def root_loop_hits(code: str, offset: int = 0) -> list[Hit]:
    """Each deletion of a loop's variable that goes through system roots."""
    return line_flow(code, offset, Capability.ROOT_DELETE, root_loop_names, root_loop_deleted)
