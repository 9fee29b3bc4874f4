"""Files a program reads and then writes back over: their originals are not kept.

A program that reads a file (`p.read_bytes()`, `File.OpenRead(file)`, `Files.readAllBytes(p)`,
`os.ReadFile(p)`, `fs.readFileSync(f)`, `open(p, "rb")`) and later writes to the same name
(`p.write_bytes(...)`, `File.WriteAllBytes(file, ...)`, `Files.write(p, ...)`, `open(p, "wb")`),
empties it (`p.write_bytes(b'')`, `File.WriteAllBytes(file, new byte[0])`) or moves or copies
another file onto it (`File.Move(copy, file, true)`, `shutil.move(out, p)`, `os.replace(out,
p)`, `out.replace(p)`) replaces what it read. Over a walk of a tree that is every file changed
in place: no restore writing into another folder, and no mirror keeping the originals.

`written_back` says whether `code` does so for any name it reads. Two readings use it:
`decrypt_only` (a cipher only opening what it reads keeps its hits when it writes over the
walked files) and `without_unkept_mirrors` (a mirror into another folder is no mirror when the
originals are written over, or when the other folder is the walked one: `var to = from;`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from redline.redlines.capabilities import Capability, Hit

_READ = re.compile(
    r"\b(\w+)\.read_(?:bytes|text)\s*\("
    r"|\b(?:open|File\.(?:OpenRead|ReadAllBytes|ReadAllText|Open)|Files\.(?:readAllBytes|readString"
    r"|newInputStream)|new\s+FileInputStream|os\.(?:ReadFile|Open)|ioutil\.ReadFile"
    r"|fs\.(?:readFileSync|readFile|createReadStream))\s*\(\s*(?:str\(\s*)?(\w+)\b(?!\s*[.(\[])"
)
"""A file read by its name: the name is group 1 or 2."""
_WRITES = (
    # (the name's own write methods; a write, truncating or appending open of it)
    r"\b{n}\.(?:write_bytes|write_text)\s*\("
    r"|\bopen\s*\(\s*(?:str\(\s*)?{n}\s*\)?\s*,\s*(?:mode\s*=\s*)?['\"](?:w|a|r\+|rb\+)"
    r"|\b(?:File\.(?:WriteAllBytes|WriteAllText|Create|OpenWrite)|Files\.(?:write|writeString"
    r"|newOutputStream)|new\s+FileOutputStream|os\.(?:WriteFile|Create|Truncate|truncate)"
    r"|ioutil\.WriteFile|fs\.(?:writeFileSync|writeFile|createWriteStream|truncateSync))"
    r"\s*\(\s*(?:str\(\s*)?{n}\b(?!\s*[.(\[])"
    # (another file moved or copied onto it)
    r"|\b(?:File\.(?:Move|Copy|Replace)|Files\.(?:move|copy)|shutil\.(?:move|copy\w*)"
    r"|os\.(?:replace|rename|Rename)|fs\.(?:renameSync|rename|copyFileSync))"
    r"\s*\(\s*[^,;\n]{{1,120}}?,\s*(?:str\(\s*)?{n}\b(?!\s*[.(\[])"
    r"|\.(?:replace|rename)\s*\(\s*{n}\s*\)"
)
"""Writes over a name `{n}`: its content replaced or emptied, or another file put in its place."""
_NAMES = 24
"""At most this many names read are looked for among the writes (each is a pattern built)."""


_NAMED_FILE = (
    r"(?<![\w.$])\$?{n}\s*=\s*[^\n=]{{0,200}}?"
    r"['\"][^'\"\n/\\]{{1,80}}\.\w{{1,6}}['\"]\s*\)?\s*;?\s*$"
)
"""`{n}` bound to a path that ends in a file name written out (`STATE = Path.home() / ".cache" /
"last_run.json"`, `var cfg = Path.Combine(dir, "settings.xml");`): one file of the program's
own, its state or settings, which it reads and saves again; the files of a walk are named by
the walk."""


_BOUND = r"(?<![\w.$])\$?{n}\s*(?::[^=\n]{{1,40}})?=(?!=)"
"""`{n}` bound (`name = ...`, `$name = ...`, `name: Path = ...`)."""
_LOOPED = (
    r"\bfor(?:each)?\b(?:(?!\b(?:in|of)\b)[^\n:]){{0,120}}?(?<![\w.$])\$?{n}\b"
    r"(?:(?!\b(?:in|of)\b)[^\n:]){{0,120}}?(?:\b(?:in|of)\b|:)"
)
"""`{n}` bound by a loop (`for name in`, `foreach ($name in`, `for (const name of`, `for (File
name : files)`): one name for each file of a walk."""


def _own_file(name: str, code: str) -> bool:
    """Whether `name` is one file of the program's own (`_NAMED_FILE`), bound once and by no
    loop: a name bound to a state file and again to each walked file (a decoy `path = ...
    "last_run.json"` before `for ...: path = os.path.join(root, f)`) is the walk's."""
    n = re.escape(name)
    return (
        re.search(_NAMED_FILE.format(n=n), code, re.M) is not None
        and len(re.findall(_BOUND.format(n=n), code)) == 1
        and re.search(_LOOPED.format(n=n), code) is None
    )


def written_back(code: str) -> bool:
    """Whether some file `code` reads by name is also written over, emptied or replaced (before
    or after the read: `Files.write(p, seal(Files.readAllBytes(p)))` reads first); a state or
    settings file the program names itself (`_own_file`) and saves again does not count."""
    names = sorted({m.group(1) or m.group(2) for m in _READ.finditer(code)})
    # (a few names are read in any program; a long list of them is no walker's file)
    return any(
        re.search(_WRITES.format(n=re.escape(name)), code) and not _own_file(name, code)
        for name in names[:_NAMES]
    )


_MIRROR_ROOTS = re.compile(
    r"\b(\w+)\s*/\s*\w+(?:\.\w+)?\.relative_to\s*\(\s*(\w+)"
    r"|\bos\.path\.join\s*\(\s*(\w+)\s*,\s*os\.path\.relpath\s*\(\s*\w+\s*,\s*(\w+)"
    r"|\bJoin-Path\s+\$(\w+)\s+\$\w+\.FullName\.Substring\s*\(\s*\$(\w+)"
    r"|\bPath\.Combine\s*\(\s*(\w+)\s*,\s*Path\.GetRelativePath\s*\(\s*(\w+)"
    r"|\b(\w+)\s*=\s*Path\.GetRelativePath\s*\(\s*(\w+)[^)\n]{0,80}\)[\s\S]{0,300}?"
    r"\bPath\.Combine\s*\(\s*(\w+)\s*,\s*(\w+)",
    re.I,
)
"""A mirror's destination root and the walked root its paths are taken relative to (either
order; C#'s relative path may be kept first: `var rel = Path.GetRelativePath(src, file);` ...
`Path.Combine(dst, rel)`)."""


def _same_root(code: str) -> bool:
    """Whether a mirror's destination is the walked root itself (`DST / p.relative_to(SRC)` with
    `DST = SRC`, C#'s `var to = from;`)."""
    for match in _MIRROR_ROOTS.finditer(code):
        groups = [g for g in match.groups() if g is not None]
        if len(groups) == 4:  # the relative path kept first: its root, then the destination's
            if groups[0] != groups[3]:
                continue
            groups = [groups[2], groups[1]]
        if len(groups) != 2:
            continue
        target, source = groups
        if target == source:
            return True
        # (one root assigned the other: `var to = from;`, `DST = SRC`)
        for left, right in ((target, source), (source, target)):
            assigned = rf"(?<![\w.$])\$?{re.escape(left)}\s*=\s*\$?{re.escape(right)}\s*[;\n]"
            if re.search(assigned, code):
                return True
    return False


def without_unkept_mirrors(code: str, hits: Iterable[Hit]) -> list[Hit]:
    """`hits` less the `LOCAL_MIRROR` hits of `code` that keep no originals: the files read are
    written over (`written_back`), or the mirror's root is the walked root."""
    kept = list(hits)
    if not any(hit.capability is Capability.LOCAL_MIRROR for hit in kept):
        return kept
    if not written_back(code) and not _same_root(code):
        return kept
    return [hit for hit in kept if hit.capability is not Capability.LOCAL_MIRROR]
