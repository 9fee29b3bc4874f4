"""Office macros and script-host droppers: a document that fetches a program and runs it, or
that asks for a password in a prompt dressed as Outlook or Office and sends the answer away.

A malicious macro is assembled from pieces that each appear in ordinary macros too: an entry
point Office runs by itself when the document opens (`AutoOpen`, `Document_Open`,
`Workbook_Open`), a fetch (`URLDownloadToFile`, an `XMLHTTP` response saved through
`ADODB.Stream.SaveToFile`, a PowerShell or `certutil -urlcache` command line), and a start of a
program (`Shell`, `WScript.Shell`'s `.Run`/`.Exec`, `Shell.Application.ShellExecute`, WMI's
`Win32_Process.Create`). Only their combination is the dropper (ATT&CK T1204.002, T1105): the
download and the start of a program in the same macro, run by the document's opening or
concealed (PowerShell's hidden window, strings spelled backwards or character by character so
that mail gateways do not see `powershell` or the address, also one letter by its code beside
the rest of its word, `Chr(104) & "ttps://..."`, a bare IP address, a system tool made for
something else, the fetched file given the hidden or system attribute; a script deleting its
own file, `DeleteFile WScript.ScriptFullName`, is a run-once installer's idiom too and is no
sign alone). The same pieces make a VBScript or JScript
dropper (`.vbs`, `.js` run by Windows Script Host); with no opening entry point to tell, it
counts only when concealed.

The credential half: a prompt of the macro's own (`InputBox`, a UserForm with a
`PasswordChar`) asking for a password, titled or worded as Microsoft, Outlook or Office ("your
session has expired"), in a macro that also sends something out (`XMLHTTP` `.send`, an Outlook
`MailItem`, a chat webhook) — a sign-in prompt the real product never shows (T1056.002).

An object created under a name the script decodes with a function of its own
(`CreateObject(D("..."))`, an XOR or shift of a literal) is kept from the reader: it counts as
concealment, and its `.Run` as a program started; a web request is also known by its call
(`.Open "GET", url`) when the object's name is hidden.

The pieces are read a line at a time (logical lines: VBA continues a statement with ` _`),
over the whole code and, when streaming, as the lines arrive; strings hidden by `StrReverse`
(also through a one-line wrapper function), `Chr(..) & Chr(..)`, `Replace(..., "junk", "")`
or literal concatenation are read as the macro would build them. Only the line completing the
pieces is cited.

Ordinary macros keep their pieces apart: a template filled or a report formatted, a sheet
exported to PDF and opened, a report mailed by Outlook to a colleague, a hyperlink followed,
a query refreshed from the company's own SharePoint or API on opening, a password asked for to
unlock the workbook's own sheet and used there. Detection rules (YARA, olevba, Sigma) that
quote these names are not read as code.
"""

from __future__ import annotations

import re
from functools import lru_cache

import ahocorasick

from redline.redlines.capabilities import ENCODED_COMMAND_SWITCH, Capability, Gated, Hit
from redline.redlines.code import code_points
from redline.redlines.named import NAME_PATTERN_CACHE

# ---- pieces ---------------------------------------------------------------------------------

_MACRO = re.compile(
    r"\b(?:CreateObject|GetObject|ActiveXObject)\s*\("
    r"|^[ \t]*(?:(?:Private|Public)\s+)?(?:Sub|Function)\s+\w+\s*\("
    r"|^[ \t]*End\s+(?:Sub|Function)\b|^[ \t]*Dim\s+\w+|\bWScript\.\w",
    re.I | re.M,
)
"""The shape of VBA, VBScript or a script-host JScript (only whether code has it is asked; a
line's indent is `[ \t]*`, so a run of blank lines is not read again from each of its starts)."""

_AUTO = re.compile(
    r"^\s*(?:(?:Private|Public)\s+)?Sub\s+(?:(?:Auto_?Open|AutoExec|AutoNew|Auto_?Close"
    r"|Document_(?:Open|New|Close)|Workbook_(?:Open|Activate|BeforeClose)|Presentation_Open)\s*\("
    # an HTML application's script run as its window loads (`Sub Window_OnLoad`, the
    # parentheses optional in VBScript)
    r"|Window_On_?Load\b)",
    re.I | re.M,
)
"""An entry point Office runs by itself when the document opens (or closes), or an HTML
application (`.hta`, run by mshta outside the browser) when its window loads."""

_FETCH = Gated(
    re.compile(
        r"\bURLDownloadToFile[AW]?\b|\bDownload(?:File|String|Data)\b|\bInvoke-WebRequest\b|\biwr\s"
        r"|\bStart-BitsTransfer\b|\s-urlcache\b|\bbitsadmin(?:\.exe)?\b[^\n]*/transfer",
        re.I,
    )
)
"""A fetch that saves or runs what it gets."""

_HTTP = re.compile(
    r"(?:CreateObject|ActiveXObject)\s*\(\s*[\"'](?:MSXML2\.(?:Server)?XMLHTTP|Microsoft\.XMLHTTP|WinHttp\.WinHttpRequest)"
    # a web request opened whatever object makes it (`x.Open "GET", url, False`: XMLHTTP's and
    # WinHttp's call; a database connection opens a connection string)
    r"|\.Open\s*\(?\s*[\"'](?:GET|POST)[\"']\s*,",
    re.I,
)
_SAVE = re.compile(r"\.SaveToFile\b|\.responseBody\b", re.I)
"""A web response's bytes written to a file (`ADODB.Stream`), with `_HTTP`: a download."""

_HOST_SHELL = re.compile(r"[\"']WScript\.Shell[\"']", re.I)
_DECODED_OBJECT = re.compile(
    r"\b(?:CreateObject|GetObject|ActiveXObject)\s*\(\s*(?!(?:ChrW?|Environ|GetSetting|Range|Cells|Sheets|Worksheets|Trim|CStr|LCase|UCase)\$?\s*\()"
    # (a function named for configuration handed a readable key, `Setting("HttpComponent")`)
    r"(?!\w{0,20}(?:Setting|Config|Cfg|Option|Param|Pref)\w{0,20}"
    r"\s*\(\s*[\"'][A-Za-z_ .]{1,40}[\"']\s*\))"
    # (the literal a string, or the name's characters by their codes, `j(87, 83, 99, ...)`)
    r"\w+\s*\(\s*(?:[\"']|(?:Array\s*\(\s*)?(?:\d{2,3}\s*,\s*){3}\d{2,3}\b)",
    re.I,
)
"""An object whose name (its ProgID) a function of the script's own decodes from a literal
(`CreateObject(D("JT^JI5)^JIOSSW"))`, or from its letters' codes, `CreateObject(j(87, 83, 99,
114))`): the object the script uses is kept from any reader, so
it may be the script host's shell, and the name kept unreadable is itself concealment. (A name
read from the workbook or the registry, `CreateObject(GetSetting("App", "Db", "Provider"))`,
or by a function of the workbook's own named for its settings and handed a readable key,
`CreateObject(Setting("HttpComponent"))`, is configuration, not decoding.)"""
_RUN = Gated(
    re.compile(
        r"(?:^|[=(:]|\bCall)\s*Shell\s*(?:\(\s*)?(?![\"']\s*(?:explorer|notepad)(?:\.exe)?[\s\"'])(?:[\"']|\w)"
        r"|\.ShellExecute\b|\bShell\.Application\b|\bWin32_Process\b|\bStart-Process\b|\bInvoke-Expression\b|\biex\s*\(",
        re.I | re.M,
    )
)
_HOST_RUN = re.compile(r"(?<!Application)\.(?:Run|Exec)\b\s*\(?\s*[\"'\w]", re.I)
"""`.Run`/`.Exec` of a `WScript.Shell` object (not `Application.Run` of a macro)."""

_HIDDEN = Gated(
    re.compile(
        r"\s-w(?:indowstyle)?\s+h(?:idden)?\b|\s-(?:"
        + ENCODED_COMMAND_SWITCH
        + r")\s+[A-Za-z0-9+/]{16}|\bStrReverse\b"
        r"|https?://\d{1,3}(?:\.\d{1,3}){3}|\bcertutil\b|\bbitsadmin\b"
        # a letter given by its code beside the rest of its word (`Chr(104) & "ttps://..."`;
        # a quote, tab or line break by code is formatting), a file given the hidden or
        # system attribute (`f.Attributes = 2 + 4`, `SetAttr f, vbHidden`), not cleared (`And
        # Not 2`, `Xor 2`)
        r"|\bChrW?\$?\s*\(\s*(?:6[5-9]|[78]\d|9[07-9]|1[01]\d|12[0-2])\s*\)\s*[&+]\s*\"[A-Za-z]"
        r"|(?:\.Attributes\s*=|\bSetAttr\s[^,\n]{1,120},)(?![^\n]{0,80}?\b(?:And|Xor)\b)"
        r"\s*[\w.+ ]{0,40}?(?<![\w.])(?:[246]|(?:vb)?(?:Hidden|System))\b"
        # a program saved under a name that passes for something else (`svc_update.pif`,
        # `invoice.pdf.exe`)
        r"|\.(?:pif|scr)[\"']|\.(?:pdf|docx?|xlsx?|jpe?g|png|txt)\.(?:exe|scr|pif|bat|cmd|vbs|js)[\"']",
        re.I,
    )
)
"""Concealment: PowerShell's hidden window or encoded command, strings spelled backwards, a
bare address, a system tool made for something else, a word's letter given by its code, the
dropped file hidden or saved under a name that passes for a document or a shortcut (`.pif`,
`.scr`, `invoice.pdf.exe`). A script's own window hidden (`.Run cmd, 0`, `vbHide`) alone is
not: deployment scripts install that way (`msiexec /qn`); nor is a script deleting its own
file (`DeleteFile WScript.ScriptFullName`), the run-once installer's last line."""

_ASKED = re.compile(
    r"\bInputBox\s*\(?[^\n]*(?:passw|kennwort|passcode|credential)|\bPasswordChar\s*=\s*[\"']"
    # a password box in a window the script draws itself (an `InternetExplorer.Application`
    # or HTA page written from the script: `innerHTML = "... <input type=password>"`)
    r"|[\"'][^\"\n]*<input\b[^>\n]*\btype\s*=\s*['\"]{0,2}password\b",
    re.I,
)
"""A prompt of the macro's own asking for a password."""

_BRANDED = re.compile(
    r"[\"'][^\"'\n]*(?:Microsoft\s*(?:Outlook|Office|Exchange|365|Account|Teams|Windows)|Office\s*365"
    r"|Windows\s+Security|Outlook\s*(?:-|Security|Web|needs|requires|session)|session\s+has\s+expired"
    r"|re-?enter\s+(?:your|the)\s+password|verify\s+your\s+(?:account|identity))",
    re.I,
)
"""Wording of a prompt that poses as the product (Microsoft, Outlook, Office)."""

_SENT = re.compile(
    r"\.send\s*\(?\s*[\"'\w]|\.Send\s*$|\bCreateItem\s*\(\s*(?:0|olMailItem)\s*\)"
    r"|discord(?:app)?\.com/api/webhooks|hooks\.slack\.com|api\.telegram\.org/bot",
    re.I | re.M,
)
"""Something sent out: a request body, an Outlook mail item, a chat webhook."""

_WALKED = re.compile(
    r"\.SubFolders\b|\bDir\$?\s*\([^\n]{0,120}\bvbDirectory\b|\bDir\$?\s*\(\s*\)"
    r"|\bGet-ChildItem\b[^\n]{0,120}-Recurse\b",
    re.I,
)
"""A walk down folders or through a folder's files (`For Each sf In fld.SubFolders`,
`Dir(path, vbDirectory)`, the next file of a `Dir(pattern)` loop asked with a bare `Dir()`)."""

_HOME = re.compile(
    r"\bEnviron\$?\s*\(\s*[\"'](?:USERPROFILE|HOMEPATH|HOMEDRIVE|USERNAME|OneDrive\w{0,20})[\"']"
    r"|\bSpecialFolders\s*\(\s*[\"'](?:MyDocuments|Desktop)[\"']|%USERPROFILE%"
    r"|[\"']C:\\Users\\",
    re.I,
)
"""The home folders of whoever runs the macro (their desktop, documents, OneDrive, also
`"C:\\Users\\" & Environ("USERNAME")`)."""

_SENT_FILE = re.compile(
    r"\.send\b(?:[ \t]*\(?[ \t]*[A-Za-z_]|[^\n]{0,80}?&[ \t]*[A-Za-z_])|\.Attachments\.Add\b",
    re.I,
)
"""Something the macro holds sent out: a request given a body that is no literal
(`.send st.Read`, `.send data`), a mail given an attachment (`.Attachments.Add f.Path`). A
request's bare `.send` (a GET asking for a version number) and a mail whose body is a line of
text carry no file."""

_SUB_START = re.compile(
    r"^[ \t]*(?:(?:Private|Public|Friend)[ \t]+)?(?:Static[ \t]+)?(?:Sub|Function)[ \t]+(\w+)", re.I
)
_SUB_END = re.compile(r"^[ \t]*End[ \t]+(?:Sub|Function)\b", re.I)
_CALLED = re.compile(
    r"(?:^|\bThen\b|\bElse\b|:)[ \t]*(?:Call[ \t]+)?([A-Za-z_]\w{0,60})\b(?![ \t]*[=.:])"
    r"|=[ \t]*([A-Za-z_]\w{0,60})[ \t]*\(|\bIn[ \t]+([A-Za-z_]\w{0,60})[ \t]*\(",
    re.I,
)
"""A procedure called: a statement naming it (`CollectFiles root`, `Call Upload(f)`, also
after `Then`, `Else` or a `:` joining statements), or its result taken (`data = ReadAll(f)`,
`For Each f In Listed(root)`)."""

_NOT_CALLS = frozenset(
    [
        "if",
        "for",
        "next",
        "dim",
        "set",
        "do",
        "loop",
        "while",
        "wend",
        "end",
        "exit",
        "with",
        "select",
        "case",
        "else",
        "elseif",
        "on",
        "call",
        "const",
        "redim",
        "let",
        "debug",
        "msgbox",
        "open",
        "close",
        "print",
        "line",
        "input",
        "get",
        "put",
        "static",
        "private",
        "public",
        "kill",
        "mkdir",
        "goto",
        "resume",
        "err",
        "application",
        "until",
    ]
)
_IN, _AUTO_SUB, _CALL = "in:", "auto-sub:", "call:"

_READ_FILE = re.compile(
    r"\.LoadFromFile\b|\bOpen\s[^\n]{1,120}\bFor\s+(?:Binary|Input)\b|\.OpenTextFile\s*\(",
    re.I,
)
"""A file's contents read into the macro (`ADODB.Stream.LoadFromFile`, `Open f For Binary`)."""

_SCOPED_PIECES = (("walk", _WALKED), ("read", _READ_FILE), ("sent-file", _SENT_FILE))

_PIECES = (
    ("macro", _MACRO),
    ("auto", _AUTO),
    ("fetch", _FETCH),
    ("http", _HTTP),
    ("save", _SAVE),
    ("wsh", _HOST_SHELL),
    ("decoded-object", _DECODED_OBJECT),
    ("run", _RUN),
    ("hidden", _HIDDEN),
    ("asked", _ASKED),
    ("branded", _BRANDED),
    ("sent", _SENT),
    ("walk", _WALKED),
    ("home", _HOME),
    ("read", _READ_FILE),
)
_KEYWORDS = (
    "subfolders",
    "vbdirectory",
    "-recurse",
    "environ",
    "specialfolders",
    "%userprofile%",
    "c:\\users\\",
    "attachments.add",
    "loadfromfile",
    " for binary",
    " for input",
    "opentextfile",
    "createobject",
    "getobject",
    "attributes",
    "setattr",
    ".pif",
    ".scr",
    ".pdf.",
    ".doc",
    ".xls",
    ".jpg.",
    ".jpeg.",
    ".png.",
    ".txt.",
    "activexobject",
    "wscript",
    "download",
    "invoke-",
    "iwr",
    "bitstransfer",
    "urlcache",
    "bitsadmin",
    "xmlhttp",
    "winhttp",
    "savetofile",
    '.open "',
    ".open(",
    ".open '",
    "responsebody",
    "shell",
    "win32_process",
    "start-process",
    "iex",
    "vbhide",
    "showwindow",
    ".run",
    ".exec",
    "strreverse",
    "inputbox",
    "passwordchar",
    "microsoft",
    "outlook",
    ".send",
    "createitem",
    "discord",
    "slack",
    "telegram",
    "chr",
    "replace",
    "sub ",
    "end sub",
    "end function",
    "dim ",
    " -w",
    " -e",
    "office 365",
    "windows security",
    "session has",
    "re-enter",
    "reenter",
    "verify your",
    '"&',
    '"+',
    "'&",
    "'+",
    "http://0",
    "http://1",
    "http://2",
    "http://3",
    "http://4",
    "http://5",
    "http://6",
    "http://7",
    "http://8",
    "http://9",
    "https://0",
    "https://1",
    "https://2",
    "https://3",
    "https://4",
    "https://5",
    "https://6",
    "https://7",
    "https://8",
    "https://9",
)


def _keyword_finder() -> ahocorasick.Automaton:
    finder = ahocorasick.Automaton()
    for keyword in _KEYWORDS:
        finder.add_word(keyword, keyword)
    finder.make_automaton()
    return finder


_KEYWORD_FINDER = _keyword_finder()
"""Words without which a line holds no piece: one pass over the line before any pattern."""


def _may_hold_piece(line: str) -> bool:
    lowered = line.lower().replace(" &", "&").replace(" +", "+")
    return next(_KEYWORD_FINDER.iter(lowered), None) is not None or line.rstrip().endswith("_")


# ---- strings the macro builds at run time ---------------------------------------------------

_REVERSED = re.compile(r"\bStrReverse\s*\(\s*\"([^\"\n]*)\"\s*\)", re.I)
_REVERSING_WRAPPER = re.compile(r"^\s*(\w+)\s*=\s*StrReverse\s*\(\s*\w+\s*\)\s*$", re.I)
_CHARACTERS = re.compile(
    r"\bChrW?\$?\s*\(\s*(\d{2,3})\s*\)(?:\s*[&+]\s*ChrW?\$?\s*\(\s*\d{2,3}\s*\)){2,}", re.I
)
_JUNK_REMOVED = re.compile(
    r"\bReplace\s*\(\s*\"([^\"\n]{6,})\"\s*,\s*\"([^\"\n]+)\"\s*,\s*\"\"\s*\)", re.I
)
_JOINED = re.compile(r"\"([^\"\n]*)\"(?:\s*[&+]\s*(?:_\s*)?\"([^\"\n]*)\")+")
_LITERAL = re.compile(r"\"([^\"\n]*)\"")
_JOINS = re.compile(r"\"\s*[&+]\s*\"")
_STATEMENT = re.compile(r"\S[^\n]*")
_TELLING = Gated(
    re.compile(
        r"powershell|cmd(?:\.exe)?\s*/c|https?://|\.exe\b|wscript|mshta|certutil|bitsadmin|download|shell",
        re.I,
    )
)
_WRAPPER = "rev:"
_PENDING = "cont:"


def _reversed_in_place(match: re.Match[str]) -> str:
    """The string literal `match` holds, reversed and quoted again."""
    return '"' + match.group(1)[::-1] + '"'


@lru_cache(maxsize=NAME_PATTERN_CACHE)  # a macro's own wrapper names, asked on every line
def _wrapper_call(name: str) -> re.Pattern[str]:
    """A call of the reversing wrapper `name` on a string literal."""
    return re.compile(rf"\b{re.escape(name)}\s*\(\s*\"([^\"\n]*)\"\s*\)")


def _built_strings(line: str, wrappers: list[str]) -> list[str]:
    """The strings `line` builds at run time that it does not spell out: reversed (also
    through a reversing wrapper function), character codes, junk removed, telling pieces
    joined."""
    built: list[str] = [match.group(1)[::-1] for match in _REVERSED.finditer(line)]
    in_place = _REVERSED.sub(_reversed_in_place, line)
    for name in wrappers:
        call = _wrapper_call(name)
        for match in call.finditer(line):
            built.append(match.group(1)[::-1])
        in_place = call.sub(_reversed_in_place, in_place)
    if built:
        # The reversed pieces read where they stand, joined to their neighbours
        # (`" -" & StrReverse("ehcaclru")` is ` -urlcache`).
        built.append(_JOINS.sub("", in_place))
    built += [code_points(match.group(0), " ") for match in _CHARACTERS.finditer(line)]
    for match in _JUNK_REMOVED.finditer(line):
        built.append(match.group(1).replace(match.group(2), ""))
    for match in _JOINED.finditer(line):
        parts = _LITERAL.findall(match.group(0))
        joined = "".join(parts)
        if _TELLING.search(joined) and not any(_TELLING.search(part) for part in parts):
            built.append(joined)
    return built


def _wrapper_called(line: str, names: frozenset[str]) -> bool:
    """Whether `line` calls a reversing wrapper named in `names` (its name is the macro's own,
    so no fixed keyword announces the call)."""
    wrappers = [name[len(_WRAPPER) :] for name in names if name.startswith(_WRAPPER)]
    if not wrappers:
        return False
    joined = line.replace(" (", "(")
    return any(wrapper + "(" in joined for wrapper in wrappers)


def macro_pieces(line: str, names: frozenset[str]) -> frozenset[str]:
    """`names` plus the macro pieces `line` holds (a `bind` for `line_flow`): VBA statements
    continued with ` _` are read whole, on their last line."""
    pending = next((name for name in names if name.startswith(_PENDING)), None)
    if pending is None and not _may_hold_piece(line) and not _wrapper_called(line, names):
        return names
    line = line.rstrip("\r\n")
    logical = line if pending is None else pending[len(_PENDING) :] + " " + line.strip()
    kept = names if pending is None else names - {pending}
    if re.search(r"\s_\s*$", line):
        return kept | {_PENDING + logical.rstrip()[:-1][:2000]}
    wrappers = [name[len(_WRAPPER) :] for name in kept if name.startswith(_WRAPPER)]
    wrapper = _REVERSING_WRAPPER.match(logical)
    built = _built_strings(logical, wrappers)
    view = logical if not built else logical + "\n" + "\n".join(built)
    found = {piece for piece, pattern in _PIECES if piece not in kept and pattern.search(view)}
    if built and any(_TELLING.search(text) for text in built):
        found.add("hidden")  # a telling string the macro builds so no scanner reads it
    if "decoded-object" in found:
        found.add("hidden")
    if wrapper is not None:
        found.add(_WRAPPER + wrapper.group(1))
    return kept | found if found else kept


def _dropper(names: frozenset[str]) -> bool:
    fetched = "fetch" in names or {"http", "save"} <= names
    runs = "run" in names or "run-host" in names
    return "macro" in names and fetched and runs and ("auto" in names or "hidden" in names)


def _phish(names: frozenset[str]) -> bool:
    return {"macro", "asked", "branded", "sent"} <= names


def _scoped(line: str, names: frozenset[str]) -> frozenset[str]:
    """`names` plus what `line` tells of the procedure it stands in: a procedure opened (and
    whether Office runs it as the document opens) or closed, a walk, a file read or a file
    sent inside it (`walk@name`), another procedure it calls (`call:name>other`)."""
    start = _SUB_START.match(line)
    if start is not None and "{" in line:
        return names  # a braced function (JavaScript, C#): no VBA procedure, no scope to keep
    if start is not None:
        name = start.group(1).lower()
        kept = frozenset(held for held in names if not held.startswith(_IN))
        opened = {_IN + name} | ({_AUTO_SUB + name} if _AUTO.match(line) else set())
        return kept | opened
    current = next((held[len(_IN) :] for held in names if held.startswith(_IN)), None)
    if current is None:
        return names
    if _SUB_END.match(line):
        return names - {_IN + current}
    found = {
        f"{piece}@{current}"
        for piece, pattern in _SCOPED_PIECES
        if f"{piece}@{current}" not in names and pattern.search(line)
    }
    for match in _CALLED.finditer(line):
        callee = next(group for group in match.groups() if group is not None).lower()
        if callee != current and callee not in _NOT_CALLS:
            found.add(f"{_CALL}{current}>{callee}")
    return names | found if found else names


def _collector(names: frozenset[str]) -> bool:
    """The walk, the file read and the file sent all in the procedure Office runs as the
    document opens, or in procedures it calls (however deep): a macro that only checks for a
    newer version on opening, beside a button's own import of a folder, collects nothing."""
    if not {"macro", "auto", "home"} <= names:
        return False
    reached = [held[len(_AUTO_SUB) :] for held in names if held.startswith(_AUTO_SUB)]
    calls: dict[str, set[str]] = {}
    for held in names:
        if held.startswith(_CALL):
            caller, callee = held[len(_CALL) :].split(">", 1)
            calls.setdefault(caller, set()).add(callee)
    seen = set(reached)
    while reached:
        for callee in calls.get(reached.pop(), ()):
            if callee not in seen:
                seen.add(callee)
                reached.append(callee)
    return all(any(f"{piece}@{name}" in names for name in seen) for piece, _ in _SCOPED_PIECES)


def _piece_in_line(line: str, keys: tuple[str, ...]) -> re.Match[str] | None:
    for piece, pattern in _PIECES:
        if piece in keys:
            match = pattern.search(line)
            if match is not None:
                return match
    return None


def macro_host_runs(line: str, names: frozenset[str]) -> frozenset[str]:
    """`names` plus "run-host" when `line` runs a program through a `WScript.Shell` object, or
    an object whose name the script decodes (a `bind` for `line_flow`, after `macro_pieces`)."""
    shell = "wsh" in names or "decoded-object" in names
    if shell and "run-host" not in names and _HOST_RUN.search(line):
        return names | {"run-host"}
    return names


def dropper_in_line(line: str, names: frozenset[str]) -> re.Match[str] | None:
    """A piece of a macro dropper on `line` once all its pieces have been seen."""
    if not _dropper(names):
        return None
    found = _piece_in_line(line, ("fetch", "save", "run", "hidden", "auto"))
    if found is None and (_REVERSED.search(line) or _wrapper_called(line, names)):
        found = _STATEMENT.search(line)  # a piece the line spells backwards
    return found or _HOST_RUN.search(line)


def phish_in_line(line: str, names: frozenset[str]) -> re.Match[str] | None:
    """A piece of a macro's fake password prompt on `line` once all its pieces have been seen."""
    if not _phish(names):
        return None
    return _piece_in_line(line, ("sent", "asked", "branded"))


def collector_in_line(line: str, names: frozenset[str]) -> re.Match[str] | None:
    """A piece of a macro collecting its reader's files on `line` once all its pieces have
    been seen."""
    if not _collector(names):
        return None
    return _SENT_FILE.search(line) or _piece_in_line(line, ("read", "walk", "home", "auto"))


def macro_bind(line: str, names: frozenset[str]) -> frozenset[str]:
    """All binds at once: the procedure the line stands in, the pieces, then a host-shell
    run."""
    return macro_host_runs(line, macro_pieces(line, _scoped(line, names)))


def macro_hits(code: str, offset: int = 0) -> list[Hit]:
    """The line of `code` completing a macro dropper or a macro's fake password prompt, once
    each (the whole-code reading of `dropper_in_line` and `phish_in_line`)."""
    if _MACRO.search(code) is None:
        return []
    found: list[Hit] = []
    names: frozenset[str] = frozenset()
    position = 0
    pending = [
        (Capability.MACRO_DROPPER, _dropper),
        (Capability.MACRO_PASSWORD_PROMPT, _phish),
        (Capability.MACRO_COLLECTOR, _collector),
    ]
    for line in code.split("\n"):
        names = macro_bind(line, names)
        for capability, complete in list(pending):
            if complete(names):
                pending.remove((capability, complete))
                text = line.strip() or line
                start = offset + position + max(0, line.find(text))
                found.append(Hit(capability, start, start + len(text), text))
        if not pending:
            break
        position += len(line) + 1
    return found
