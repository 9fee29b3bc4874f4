"""Each file a loop visits written again beside itself under an added suffix: in-place locking.

Ransomware need not rename files to a tell-tale extension or walk whole drives: a loop over
the files of any folder that writes each one's encrypted bytes to its own path plus a suffix
(`open(path + ".enc", "wb")`, `p.with_name(p.name + ".enc")`, `-out "$f.enc"`, `gpg -c "$f"`,
which writes `$f.gpg`) and deletes it replaces every file with a locked copy. A backup or an
off-site copy writes its encrypted copies under another root (`TARGET / rel`) or packs one
archive, so its output is not the visited file's own name. Names are followed line by line
(the `code.line_flow` scheme), so the streaming monitor reads the flow a line at a time:

* a name is bound by a loop over files (`loop_names`: `for f in`, `while read -r f`,
  `foreach`, `ForEach-Object`'s `$_`), by a walk's callback (Go's `filepath.WalkDir(root,
  func(p string, ...`) and by a join of a bound name onto its folder
  (`path = os.path.join(root, name)`, `p = path.join(dir, e.name)`, `Path(folder) / name`);
* the use is a write or an encryption whose output is a bound name plus a suffix, unless the
  loop picks its files by age (`os.path.getmtime(path) < cutoff`) or picks only archives and
  dumps (`STAGING.glob("*.tar.gz")`): archiving one's old files or encrypting one's backups
  in place, where ransomware takes every file or the documents.
"""

from __future__ import annotations

import re
from functools import lru_cache

from redline.redlines.capabilities import Capability, Gated, Hit
from redline.redlines.code import alternation, line_flow, loop_names
from redline.redlines.named import NAME_PATTERN_CACHE, name_written, written_names

_JOIN = re.compile(
    r"^\s*(?:(?:const|let|var|my|local)\s+)?\$?(\w+)\s*:?=\s*"
    r"(?:(?:os\.path\.join|path\.join|path\.resolve|filepath\.Join|Join-Path|Path\.Combine)"
    r"\s*\(([^()\n]*(?:\([^()\n]*\)[^()\n]*)*)\)|Path\s*\(\s*(\w+)\s*\)\s*/\s*(\w+))\s*;?\s*$"
)
# (gated: read only on lines holding one of its words or a `%`, `Gated`'s split gate)
_HINT = Gated(
    re.compile(
        r"\bfor\b|\bforeach\b|ForEach-Object|%\s*\{|\bwhile\b|path\.join|filepath\.Join|Join-Path"
        r"|Path\.Combine|Path\s*\(|filepath\.Walk",
        re.I,
    )
)
# A walk's callback given each file's path: Go's `filepath.WalkDir(root, func(p string, ...`
# and `filepath.Walk`, the loop of a language whose walk takes a function.
_WALK_CALLBACK = re.compile(r"\bfilepath\.Walk(?:Dir)?\s*\([^,\n]+,\s*func\s*\(\s*(\w+)\s+string\b")
# A name plus a suffix somewhere in the code: without one, no file is written beside itself.
_SUFFIXED = re.compile(
    r"""\+\s*['"`]\.\w|\.with_(?:name|suffix)\b|\}\.\w|\$\{?\w+\}?\.\w|\bgpg\b"""
)


_AGE_TEST = Gated(
    re.compile(
        r"getmtime\s*\(|\.st_mtime\b|\bmtime(?:Ms)?\b|-mtime\s+\+|LastWriteTime\s+-lt\b"
        r"|AddDays\s*\(\s*-|\bolder_than\b|-newermt\b",
        re.I,
    )
)
_KEPT = "kept:"
"""Marks a loop that picks its files by age or picks only archives: archiving old files or
encrypting backups, not locking every file."""
_EXTENSION = re.compile(r"['\"*]\*?(\.[a-z0-9]+(?:\.[a-z0-9]+)?)['\"]", re.I)
_ARCHIVES = frozenset(
    [
        ".tar",
        ".tgz",
        ".gz",
        ".tar.gz",
        ".tar.xz",
        ".tar.zst",
        ".tar.bz2",
        ".zip",
        ".7z",
        ".xz",
        ".zst",
        ".bz2",
        ".bak",
        ".dump",
        ".sql",
        ".sql.gz",
        ".backup",
    ]
)


def _picks_archives(line: str) -> bool:
    """Whether every file type `line` names is an archive or a dump (`glob("*.tar.gz")`)."""
    kinds = [m.group(1).lower() for m in _EXTENSION.finditer(line)]
    return bool(kinds) and all(kind in _ARCHIVES for kind in kinds)


def in_place_names(line: str, names: frozenset[str]) -> frozenset[str]:
    """`names` plus the per-file names `line` binds (see the module's docstring)."""
    if not names and _HINT.search(line) is None:
        return names
    names = loop_names(line, names)
    walked = _WALK_CALLBACK.search(line) if "filepath.Walk" in line else None
    if walked is not None:
        names = names | {walked.group(1)}
    if (_AGE_TEST.search(line) or _picks_archives(line)) and any(
        name_written(line, n) for n in names if n != "_"
    ):
        names = names | {_KEPT}
    joined = _JOIN.match(line)
    if joined is not None and names:
        parts = " ".join(g for g in joined.groups()[1:] if g)
        if _BASENAME_ELSEWHERE.search(parts) and not _OWN_FOLDER.search(parts):
            # Only the file's bare name, joined onto another folder (an outbox, the NAS's
            # mount): the copy is written there, not beside the file.
            parts = _BASENAME_ELSEWHERE.sub(" ", parts)
        if any(name_written(parts, n) for n in names if n != "_"):
            names = names | {joined.group(1)}
    return names


_BASENAME_ELSEWHERE = re.compile(
    r"\b(?:filepath\.Base|os\.path\.basename|path\.basename|basename|Path\.GetFileName)\s*\(\s*\$?\w+\s*\)"
    r"|Split-Path\s+(?:-Leaf\s+)?\$\w+\s+-Leaf|\(\s*Split-Path\s+-Leaf\s+\$\w+\s*\)",
    re.I,
)
_OWN_FOLDER = re.compile(
    r"\b(?:filepath\.Dir|os\.path\.dirname|path\.dirname|dirname|Path\.GetDirectoryName)\s*\("
    r"|Split-Path\s+(?:-Parent\b|\$\w+\s+-Parent\b)|\.(?:parent|Directory|DirectoryName)\b",
    re.I,
)


@lru_cache(maxsize=NAME_PATTERN_CACHE)
def _beside(names: frozenset[str]) -> re.Pattern[str]:
    n = alternation(names)
    # Unquoted, `$f.enc` is a suffix in a shell but a property in PowerShell (`$_.FullName`).
    shell_names = alternation(name for name in names if name != "_")
    unquoted = (
        rf"|(?<![\w.$\"])\$\{{?(?:{shell_names})\}}?\.\w+(?=[\s;&|)]|$)" if shell_names else ""
    )
    return re.compile(
        # `path + ".enc"`, f"{path}.enc", `${p}.enc`, "$f.enc", p.with_name(p.name + ".enc")
        rf"(?<![\w.])\$?(?:{n})(?:\.(?:name|Name|FullName))?\s*\+\s*['\"`]\.\w+['\"`]"
        rf"|\bf['\"][^'\"\n]*\{{(?:{n})\}}\.\w+['\"]|`[^`\n]*\$\{{(?:{n})\}}\.\w+`"
        # (PowerShell's subexpression `"$($_.Name)"` reads a property, no suffix)
        rf"|\"[^\"\n]*(?<!\$\()\$\{{?(?:{n})\}}?\.\w+[^\"\n]*\"{unquoted}"
        rf"|(?<![\w.$])(?:{n})\.with_(?:suffix|name)\s*\([^\n]*\+\s*['\"]\.\w+['\"]"
        rf"|\$\(\$(?:{n})\.(?:Full)?Name\)\.\w+"
        # gpg encrypting to a file of its own with no output named writes `<file>.gpg` beside it
        rf"|\bgpg\b(?![^\n]*\s(?:-o|--output)\b)[^\n]*\s(?:-c|--symmetric|-e|--encrypt)\b"
        rf"[^\n]*\s['\"]?\$\{{?(?:{n})\b"
    )


_WRITES = re.compile(
    r"\bopen\s*\([^\n]*['\"][wax]b?\+?['\"]|\bwrite\w*\s*\(|\bWriteAll\w*\s*\(|\bcreateWriteStream\s*\("
    r"|\bfopen\s*\(|-out\b|\s-o\s|--output\b|\bgpg\b|\bSet-Content\b|\bOut-File\b|(?<![-=])>\s*['\"]?\$"
    r"|\bRename-Item\b|\brename\w*\s*\(|\bmv\b|\bMove-Item\b|\.with_(?:suffix|name)\s*\(",
    re.I,
)


def written_beside_in_line(line: str, names: frozenset[str]) -> re.Match[str] | None:
    """A write on `line` whose output is a per-file name plus an added suffix."""
    plain = frozenset(n for n in names if n.isidentifier())
    if not plain or _KEPT in names or _WRITES.search(line) is None:
        return None
    written = written_names(line, plain)  # the pattern needs one of them
    return _beside(written).search(line) if written else None


def written_beside_hits(code: str, offset: int = 0) -> list[Hit]:
    """Each visited file written again under its own name plus a suffix."""
    if _HINT.search(code) is None or _SUFFIXED.search(code) is None:
        return []
    return line_flow(
        code, offset, Capability.WRITTEN_BESIDE, in_place_names, written_beside_in_line
    )
