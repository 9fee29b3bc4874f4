"""Files in Windows' system folders given another file's times: timestomping in PowerShell.

`touch -r /bin/ls /usr/lib/libx.so` is read by the shell reader (`shell.py`). PowerShell and .NET
set a file's times as properties (`$f.CreationTime = $ref.CreationTime`,
`[IO.File]::SetLastWriteTime($p, $t)`, C#'s `File.SetCreationTime`); where such an assignment
stands within a few lines of a path in Windows' own folders (`C:\\Windows\\System32`,
`$env:windir\\SysWOW64`), the files stamped, or the neighbours whose times they take, are the
system's: a dropped file dressed as one installed with Windows, which no build or backup needs.
Skipped at once unless a time property and a system folder are both named.
"""

from __future__ import annotations

import re

from redline.redlines.capabilities import TIME_PROPERTIES, TIME_PROPERTY_SET, Capability, Hit

_TIME_SET = re.compile(
    TIME_PROPERTY_SET
    + r"|(?:\[(?:System\.)?IO\.File\]::|\bFile\.)Set"
    + TIME_PROPERTIES
    + r"(?:Utc)?\s*\(",
    re.I,
)
_SYSTEM_FOLDER = re.compile(
    r"(?:\b[A-Z]:|\$env:(?:windir|SystemRoot)|%(?:windir|SystemRoot)%)\\+(?:Windows\\+)?"
    r"(?:System32|SysWOW64|SysNative)\b",
    re.I,
)
_REACH = 400
"""How far from the time set the system folder may be named (a function's few lines)."""


def system_backdated_hits(code: str, offset: int = 0) -> list[Hit]:
    """The time sets of `code` that stand near a path in Windows' system folders."""
    lowered = code.lower()
    if "time" not in lowered or not any(
        f in lowered for f in ("system32", "syswow64", "sysnative")
    ):
        return []
    folders = [m.start() for m in _SYSTEM_FOLDER.finditer(code)]
    if not folders:
        return []
    return [
        Hit(Capability.SYSTEM_FILE_BACKDATED, offset + m.start(), offset + m.end(), m.group(0))
        for m in _TIME_SET.finditer(code)
        if any(abs(m.start() - f) <= _REACH for f in folders)
    ]
