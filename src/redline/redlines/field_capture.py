"""Every field of a page captured as it is typed: a listener on the whole document that reads
the value of whichever field the event came from.

A page's own form listens on its own inputs (`form.addEventListener('focusout', ...)`,
`textarea.addEventListener('input', ...)`). A listener on the document or the window for the
events each keystroke or edit raises in any field (`input`, `change`, `blur`, `focusout`,
`keyup`, `paste`), in the capture phase of every page, that takes the event's target and reads
its value sees everything typed into the page: the card number, the password, the message. The
handler may be written inline, named (`d.addEventListener('input', grab, true)` with
`function grab(e) { var t = e.target; ... t.value }`) or hand the target on
(`(e) => record(e.target)`, `record` reading `el.value`); the document may be held under
another name (`var d = document`, or a wrapping function's parameter: `(function(w, d){ ...
})(window, document)`). Each such listener is reported as the page's keystrokes
(PAGE_KEYS) and every field's values (FIELD_VALUES); OUT-KEYLOGGER decides whether they leave.
"""

from __future__ import annotations

import re

from redline.redlines.capabilities import Capability, Hit
from redline.redlines.named import grown

_QUICK = re.compile(r"addEventListener", re.I)
_LISTENER = re.compile(
    r"(?<![\w$.])([\w$]+)\s*\.addEventListener\s*\(\s*['\"`]"
    r"(?:input|change|blur|focusout|keyup|paste)['\"`]\s*,\s*([^\n]*)"
)
_WHOLE_PAGE = frozenset({"document", "window", "self", "globalThis"})
_ALIAS = re.compile(r"(?<![\w$.])([\w$]+)\s*=\s*(?:window\.)?document\s*(?=[,;)\n]|$)")
# the document handed to a wrapping function as an argument: `(function(w, d){ ... })(window,
# document)`, `((w, d) => { ... })(window, document)`
_WRAPPER = r"\(\s*(?:function\s*[\w$]*\s*)?\(\s*([\w$]+(?:\s*,\s*[\w$]+)*)\s*\)\s*(?:=>\s*)?\{"
"""A wrapping function's opening, its parameters in the group (`(function(w, d){`,
`((w, d) => {`)."""
_WRAPPER_PARAMETERS = re.compile(r"(?<![\w$.\])])" + _WRAPPER)
_WRAPPER_ARGUMENTS = re.compile(r"\}\s*\)\s*\(\s*([\w$.]+(?:\s*,\s*[\w$.]+)*)\s*\)")
_HANDLER_NAME = re.compile(r"\s*([\w$]+)\s*[,)]")
_TARGET = re.compile(r"\.(?:target|srcElement)\b")
_VALUE_READ = re.compile(r"\.value\b(?!\s*=[^=])")
_BODY_LINES = 15


def _body(code: str, start: int) -> str:
    """The text of a handler from `start`: its first lines (enough for a capture handler)."""
    end = start
    for _ in range(_BODY_LINES):
        newline = code.find("\n", end + 1)
        if newline < 0:
            return code[start:]
        end = newline
    return code[start:end]


def _named_body(code: str, name: str) -> str:
    """The body of the function called `name` in `code`, or nothing."""
    definition = re.search(
        rf"\bfunction\s+{re.escape(name)}\s*\(|(?<![\w$.]){re.escape(name)}\s*=\s*"
        r"(?:async\s+)?(?:function\b|\([^)\n]*\)\s*=>|[\w$]+\s*=>)",
        code,
    )
    return _body(code, definition.start()) if definition else ""


def _wrapped_documents(code: str) -> set[str]:
    """The parameters a wrapping function receives the document under: the parameter at the
    place of `document` in its call's arguments (`(function(w, d){ ... })(window, document)`),
    for each wrapper opened before the call (not a callback: its parenthesis follows no name)
    with as many parameters as the call has arguments."""
    if "document" not in code:
        return set()
    names: set[str] = set()
    definitions: list[re.Match[str]] | None = None  # read once, when a call hands the document
    for call in _WRAPPER_ARGUMENTS.finditer(code):
        arguments = [a.strip() for a in call.group(1).split(",")]
        if not any(a in ("document", "window.document") for a in arguments):
            continue
        if definitions is None:
            definitions = list(_WRAPPER_PARAMETERS.finditer(code))
        # (an opening ends with its brace, so one that ends before the call is whole there)
        for definition in (d for d in definitions if d.end() <= call.start()):
            parameters = [p.strip() for p in definition.group(1).split(",")]
            if len(parameters) == len(arguments):
                names.update(
                    p
                    for p, a in zip(parameters, arguments, strict=True)
                    if a in ("document", "window.document")
                )
    return names


def field_capture_hits(code: str, offset: int = 0) -> list[Hit]:
    """Each page-wide listener that reads the value of the field an event came from."""
    if _QUICK.search(code) is None or _VALUE_READ.search(code) is None:
        return []
    page = _WHOLE_PAGE | {match.group(1) for match in _ALIAS.finditer(code)}
    page |= _wrapped_documents(code)
    found: list[Hit] = []
    for match in _LISTENER.finditer(code):
        if match.group(1) not in page:
            continue
        handler = match.group(2)
        named = _HANDLER_NAME.match(handler)
        body = _named_body(code, named.group(1)) if named else _body(code, match.start(2))
        if _TARGET.search(body) is None:
            continue
        start, text = offset + match.start(), match.group(0)
        for capability in (Capability.PAGE_KEYS, Capability.FIELD_VALUES):
            found.append(Hit(capability, start, start + len(text), text))
    return found


_WORDS = ("addEventListener", ".target", ".srcElement", ".value", "document")
# a line that opens a wrapping function called at once (`(function(w, d){`, `;((w, d) => {`):
# while the block streams, the arguments it will be called with are not known yet, so its
# parameters are taken as names the page may be held under
_WRAPPER_OPENING = re.compile(r"^\s*[;!+~]?\s*" + _WRAPPER)
_PIECES = (("listener", _LISTENER), ("target", _TARGET), ("value", _VALUE_READ))


def field_capture_pieces(line: str, names: frozenset[str]) -> frozenset[str]:
    """`names` plus what `line` adds to a page-wide field capture as a block streams in: a name
    the document is held under (`=name`; a wrapping function's parameters, whose arguments come
    only when the block closes), a page-wide listener for field events, the event's target
    taken, a value read (a `bind` for the streaming monitor's name-following flows)."""
    wrapper = _WRAPPER_OPENING.match(line)  # anchored: fails at once on most lines
    if wrapper is None and not any(word in line for word in _WORDS):
        return names
    found = {f"={match.group(1)}" for match in _ALIAS.finditer(line)}
    if wrapper is not None:
        found |= {f"={name.strip()}" for name in wrapper.group(1).split(",")}
    page = _WHOLE_PAGE | {name[1:] for name in names | found if name.startswith("=")}
    if any(match.group(1) in page for match in _LISTENER.finditer(line)):
        found.add("listener")
    found |= {piece for piece, pattern in _PIECES[1:] if pattern.search(line)}
    return grown(names, found)


def field_captured_in_line(line: str, names: frozenset[str]) -> re.Match[str] | None:
    """A piece on `line` once a page-wide listener, a target taken and a value read have all
    been seen (the line that completes them, and each such line after)."""
    if not {"listener", "target", "value"} <= names:
        return None
    return next((m for _, pattern in _PIECES if (m := pattern.search(line)) is not None), None)
