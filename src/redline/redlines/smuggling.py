"""HTML smuggling: a program carried inside a page as data and saved by the page's own script.

A web proxy or a mail gateway inspects files fetched by address; a page that holds a program
as text (`atob(...)` of base64, char codes), turns it into bytes in the browser, wraps them in
a `Blob` and saves them under a program's name (`a.download = 'invoice.pdf.exe'`,
`navigator.msSaveOrOpenBlob(blob, 'update.iso')`) delivers the program without any download
the proxy can scan (ATT&CK T1027.006). The three pieces are spread over a script, so they are
read over the whole code (and, when streaming, line by line as they arrive); only all three
together are cited.

Pages that export what they built themselves (a CSV report, a diagram as PNG, a generated
script) name no program; an installer linked by its address (`<a href="/setup.exe" download>`)
or fetched and then saved is an ordinary download the proxy sees; so a name is read only where
the script gives it to what it saves, not in a link's `download` attribute.
"""

from __future__ import annotations

import re

from redline.redlines.capabilities import Capability, Hit

_DECODED = re.compile(
    r"\batob\s*\(|\bBuffer\.from\s*\([^\n]*['\"]base64['\"]|\bcharCodeAt\s*\(|\bfromCharCode\s*\("
    r"|\bUint8Array\.from\s*\(|base64ToArrayBuffer|\bhex2bytes\b"
)
_BLOB = re.compile(
    r"\bnew\s+(?:window\.)?Blob\s*\(|\bURL\.createObjectURL\s*\(|\bmsSave(?:OrOpen)?Blob\s*\("
)
_PROGRAM_NAME = re.compile(
    r"(?:\.download\s*=|\bmsSave(?:OrOpen)?Blob\s*\([^,\n]*,|\bnew\s+File\s*\([^,\n]*,"
    r"|\bsetAttribute\s*\(\s*['\"]download['\"]\s*,)\s*['\"`][^'\"`\n]*"
    r"\.(?:exe|scr|dll|msi|hta|iso|img|vhdx?|lnk|cpl|pif|jar|appx|msix)['\"`]",
    re.I,
)
_PIECES = (("decoded", _DECODED), ("blob", _BLOB), ("program", _PROGRAM_NAME))


def smuggling_hits(code: str, offset: int = 0) -> list[Hit]:
    """Each program name a page saves from bytes it decoded itself into a blob."""
    if _PROGRAM_NAME.search(code) is None:
        return []
    if _DECODED.search(code) is None or _BLOB.search(code) is None:
        return []
    return [
        Hit(Capability.SMUGGLED_PROGRAM, offset + m.start(), offset + m.end(), m[0])
        for m in _PROGRAM_NAME.finditer(code)
    ]


def smuggling_pieces(line: str, names: frozenset[str]) -> frozenset[str]:
    """`names` plus the pieces of a smuggled program `line` holds (a `bind` for `line_flow`)."""
    found = {piece for piece, pattern in _PIECES if piece not in names and pattern.search(line)}
    return names | found if found else names


def smuggled_in_line(line: str, names: frozenset[str]) -> re.Match[str] | None:
    """A piece on `line` once all three pieces have been seen (the line that completes them)."""
    if len(names) < len(_PIECES):
        return None
    return next((m for _, pattern in _PIECES if (m := pattern.search(line)) is not None), None)
