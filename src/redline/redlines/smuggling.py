"""HTML smuggling: a program carried inside a page as data and saved by the page's own script.

A web proxy or a mail gateway inspects files fetched by address; a page that holds a program
as text (`atob(...)` of base64, char codes), turns it into bytes in the browser, wraps them in
a `Blob` and saves them under a program's name (`a.download = 'invoice.pdf.exe'`,
`navigator.msSaveOrOpenBlob(blob, 'update.iso')`) delivers the program without any download
the proxy can scan (ATT&CK T1027.006). The three pieces are spread over a script, so they are
read over the whole code (and, when streaming, line by line as they arrive); only all three
together are cited. An archive (`invoice.zip`, the program inside it) counts in place of a
program when the page also masked the bytes with a key as it decoded them (`charCodeAt(i) ^
k`): an export kept as base64 in its own page hides nothing.

Pages that export what they built themselves (a CSV report, a diagram as PNG, a generated
script) name no program; an installer linked by its address (`<a href="/setup.exe" download>`)
or fetched and then saved is an ordinary download the proxy sees; so a name is read only where
the script gives it to what it saves, not in a link's `download` attribute. An archive's save
run by a timer that calls the page's saving function by name (`setTimeout(build, 1200)`) comes
as the page opens too (read over the whole code, `_timer_saves`).
"""

from __future__ import annotations

import bisect
import re

from redline.redlines.capabilities import AnyGated, Capability, Gated, Hit

_PROGRAM_EXTENSION = r"\.(?:exe|scr|dll|msi|hta|iso|img|vhdx?|lnk|cpl|pif|jar|appx|msix)['\"`]"
"""A program's name ending a quoted file name."""
_ARCHIVE_EXTENSION = r"\.(?:zip|7z|rar|cab|ace|arj)['\"`]"
"""An archive's name ending a quoted file name."""
_SAVED_AS = (
    r"(?:\.download\s*=|\bmsSave(?:OrOpen)?Blob\s*\([^,\n]*,|\bnew\s+File\s*\([^,\n]*,"
    r"|\bsetAttribute\s*\(\s*['\"]download['\"]\s*,)\s*['\"`][^'\"`\n]*"
)
"""A file saved under a quoted name, up to the name's extension."""
_HELD_AS = r"\b(?:var|let|const)\s+\w+\s*=\s*['\"`][^'\"`\n]*"
"""A quoted file name kept in a variable first, up to its extension."""


def _file_named(how: str, extension: str) -> Gated:
    """A file name given `how` (saved as, or kept in a variable), up to `extension`."""
    return Gated(re.compile(how + extension, re.I))


_DECODED = Gated(
    re.compile(
        r"\batob\s*\(|\bBuffer\.from\s*\([^\n]*['\"]base64['\"]|\bcharCodeAt\s*\(|\bfromCharCode\s*\("
        r"|\bUint8Array\.from\s*\(|base64ToArrayBuffer|\bhex2bytes\b"
    )
)
_BLOB = Gated(
    re.compile(
        r"\bnew\s+(?:window\.)?Blob\s*\(|\bURL\.createObjectURL\s*\(|\bmsSave(?:OrOpen)?Blob\s*\("
    )
)
_PROGRAM_NAME = _file_named(_SAVED_AS, _PROGRAM_EXTENSION)
# an archive saved the same way (`a.download = 'invoice.zip'`), counted only when the bytes
# were also masked with a key as they were decoded (`bin.charCodeAt(i) ^ k`, `b[i] ^= key[...]`):
# a page that keeps its own export as base64 has nothing to hide from a scanner
_ARCHIVE_NAME = _file_named(_SAVED_AS, _ARCHIVE_EXTENSION)
_MASKED = Gated(re.compile(r"(?:\bcharCodeAt\s*\([^)\n]*\)|\[\s*\w+\s*\])\s*\^=?\s*[\w$]"))
# the name kept in a variable first (`var fn = 'Invoice_0925.zip'`), and the save that takes
# its name from a variable (`a.download = fn`, `msSaveOrOpenBlob(blob, fn)`)
_PROGRAM_HELD = _file_named(_HELD_AS, _PROGRAM_EXTENSION)
_ARCHIVE_HELD = _file_named(_HELD_AS, _ARCHIVE_EXTENSION)
_SAVED_BY_NAME = Gated(
    re.compile(
        r"\.download\s*=\s*[A-Za-z_$][\w$]*\s*(?:;|$)|\bmsSave(?:OrOpen)?Blob\s*\([^,\n]*,\s*[A-Za-z_$][\w$]*\s*\)",
        re.M,
    )
)
# the save run as the page opens, with no click of the reader's: a function handed to the page's
# load (`window.onload = go`, `addEventListener('DOMContentLoaded', deliver)`, `<body
# onload="drop()">`); a load handler written inline is the page setting itself up
_ON_OPEN = Gated(
    re.compile(
        r"\bwindow\.onload\s*=\s*[A-Za-z_$][\w$]*\s*(?:;|$)"
        r"|\b(?:window|document)\.addEventListener\s*\(\s*['\"](?:load|DOMContentLoaded)['\"]\s*,\s*[A-Za-z_$][\w$]*\s*\)"
        r"|<body\b[^>\n]*\bonload\s*=\s*['\"]\s*[A-Za-z_$][\w$]*\s*\(\s*\)"
        # the page's own link clicked by a timer (`setTimeout(() => a.click(), 800)`): the save
        # comes by itself once the page has shown, where an export waits for its reader's click
        r"|\bsetTimeout\s*\(\s*(?:\(\s*\)\s*=>\s*\{?|function\s*\(\s*\)\s*\{)\s*[A-Za-z_$][\w$.]*\.click\s*\(\s*\)",
        re.M,
    )
)
_PIECES = (
    ("decoded", _DECODED),
    ("blob", _BLOB),
    ("program", _PROGRAM_NAME),
    ("archive", _ARCHIVE_NAME),
    ("masked", _MASKED),
    ("program held", _PROGRAM_HELD),
    ("archive held", _ARCHIVE_HELD),
    ("saved by name", _SAVED_BY_NAME),
    ("on open", _ON_OPEN),
)
_NAMED = (
    frozenset({"program"}),
    frozenset({"program held", "saved by name"}),
)
_ARCHIVED = (
    frozenset({"archive"}),
    frozenset({"archive held", "saved by name"}),
)
_COMPLETE = tuple(
    frozenset({"decoded", "blob"}) | named
    for named in (
        *_NAMED,
        # an archive counts when its bytes were masked as they were decoded, or when the page
        # saves it as it opens: an export is saved when its reader asks for it
        *(archived | {"masked"} for archived in _ARCHIVED),
        *(archived | {"on open"} for archived in _ARCHIVED),
    )
)
_NAME_PIECES = {
    "program": _PROGRAM_NAME,
    "archive": _ARCHIVE_NAME,
    "program held": _PROGRAM_HELD,
    "archive held": _ARCHIVE_HELD,
}


def smuggling_hits(code: str, offset: int = 0) -> list[Hit]:
    """Each program name (or archive's, masked or saved as the page opens) a page saves from
    bytes it decoded itself into a blob."""
    if _BLOB.search(code) is None or _DECODED.search(code) is None:
        return []
    pieces = smuggling_pieces(code, frozenset({"decoded", "blob"}))  # both found above
    if "on open" not in pieces and _timer_saves(code):
        pieces |= {"on open"}
    complete = [whole for whole in _COMPLETE if whole <= pieces]
    if not complete:
        return []
    names = [_NAME_PIECES[piece] for whole in complete for piece in whole if piece in _NAME_PIECES]
    return [
        Hit(Capability.SMUGGLED_PROGRAM, offset + m.start(), offset + m.end(), m[0])
        for name in dict.fromkeys(names)
        for m in name.finditer(code)
    ]


_TIMER = re.compile(r"\bsetTimeout\s*\(\s*([A-Za-z_$][\w$]*)\s*,\s*\d+\s*\)")
"""A function of the page's handed to a timer by name (`setTimeout(build, 1200)`)."""
_SAVES = re.compile(r"\.click\s*\(\s*\)|\bmsSave(?:OrOpen)?Blob\s*\(")
"""The save itself: the page's own link clicked by script, or the blob saved."""
_FUNCTION_REACH = 1500
"""How far (characters) a function's body is read: a page's builder or handler is short."""
_ENCLOSING = 8
"""How many functions opened before a timer are tried as the one it sits in."""
_READER_EVENT = re.compile(
    r"(?:\baddEventListener\s*\(\s*['\"](?!(?:load|DOMContentLoaded)['\"])[\w:-]{1,40}['\"]\s*,"
    r"|\.on(?!load\b)[a-z]{2,30}\s*=)\s*"
    # a handler written in place, up to its body's brace, or one handed over by name
    r"(?:(?:async\s+)?(?:function\b[^{\n]{0,100}|(?:\([^)\n]{0,100}\)|[A-Za-z_$][\w$]*)\s*=>\s*)\{"
    r"|([A-Za-z_$][\w$]*)\s*(?:[,;)]|$))",
    re.M,
)
"""A handler given to an event of the reader's (a click, a key, a change; not the page's load):
written in place up to its body's opening brace, or named (group 1)."""


def _timer_saves(code: str) -> bool:
    """Whether a timer runs, by name, a function of the page that saves (`setTimeout(build,
    1200)` beside `function build() { ... a.click(); }`): the save comes by itself once the page
    has shown, as a load handler's would, where an export waits for its reader's click (a
    timer that refreshes a status, which saves nothing, is no such piece; nor is a timer set
    inside a click's handler, or inside a function handed to one, which waits for that click).
    Read over the whole code, where the function and the timer lie apart; not while streaming,
    line by line. Each definition and handler is found once and each body read at most once,
    so many timers cost in proportion to the code."""
    if "setTimeout" not in code:
        return False
    timers: dict[str, list[int]] = {}
    for timer in _TIMER.finditer(code):
        timers.setdefault(timer[1], []).append(timer.start())
    if not timers:
        return False
    from redline.redlines.rescheduling import DEFINITION  # (it imports code, which imports us)

    defined: dict[str, int] = {}
    functions: list[tuple[int, str]] = []  # (body's opening brace, name), in order
    for definition in DEFINITION.finditer(code):
        name = definition.group(1) or definition.group(2)
        defined.setdefault(name, definition.end() - 1)
        functions.append((definition.end() - 1, name))
    handed: set[str] = set()
    for handler in _READER_EVENT.finditer(code):
        if handler.group(1) is not None:
            handed.add(handler.group(1))
        else:
            functions.append((handler.end() - 1, ""))  # "": a handler written in place
    functions.sort()
    bodies = _Bodies(code)
    for name, places in timers.items():
        body = bodies.at(defined[name]) if name in defined else None
        if body is None or not _SAVES.search(code, body[0], body[1]):
            continue
        if any(not _waits_for_reader(place, functions, handed, bodies) for place in places):
            return True
    return False


def _waits_for_reader(
    place: int, functions: list[tuple[int, str]], handed: set[str], bodies: _Bodies
) -> bool:
    """Whether the timer at `place` sits in a handler of the reader's event: one written in
    place, or a function handed to that event by name (one of the `_ENCLOSING` functions
    opened last before it, within `_FUNCTION_REACH`)."""
    last = bisect.bisect_left(functions, (place, ""))
    for opening, name in reversed(functions[max(0, last - _ENCLOSING) : last]):
        if place - opening > _FUNCTION_REACH:
            break
        body = bodies.at(opening)
        if body is not None and body[0] <= place < body[1] and (not name or name in handed):
            return True
    return False


class _Bodies:
    """The spans of the braced bodies of `code`, each read once (`code.braced_body`) when first
    asked for."""

    def __init__(self, code: str) -> None:
        self._code = code
        self._spans: dict[int, tuple[int, int] | None] = {}

    def at(self, opening: int) -> tuple[int, int] | None:
        """The span inside the brace at `opening` and its match, or None when it does not close
        within `_FUNCTION_REACH` characters."""
        if opening not in self._spans:
            from redline.redlines.code import braced_body  # (code imports this module)

            body = braced_body(self._code, opening, _FUNCTION_REACH)
            self._spans[opening] = None if body is None else (opening + 1, opening + 1 + len(body))
        return self._spans[opening]


_ANY_PIECE = AnyGated(pattern for _, pattern in _PIECES)
"""Whether a line could hold any piece: most lines hold none, decided in one lookup."""


def smuggling_pieces(line: str, names: frozenset[str]) -> frozenset[str]:
    """`names` plus the pieces of a smuggled program `line` holds (a `bind` for `line_flow`)."""
    if not _ANY_PIECE.may_match(line):
        return names
    found = {piece for piece, pattern in _PIECES if piece not in names and pattern.search(line)}
    return names | found if found else names


def smuggled_in_line(line: str, names: frozenset[str]) -> re.Match[str] | None:
    """A piece on `line` once a whole set of pieces has been seen (the line that completes
    them): decoded, blob and a program's name, or decoded, blob, an archive's name and its
    masking or its save as the page opens."""
    if len(names) < 3 or not any(whole <= names for whole in _COMPLETE):
        return None
    return next((m for _, pattern in _PIECES if (m := pattern.search(line)) is not None), None)
