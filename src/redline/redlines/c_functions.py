"""C helper functions in a data flow: a helper that fills its caller's buffer, one that runs it.

C code moves data through arguments. A helper that reads a connection or an HTTP response into
one of its parameters (`static void http(..., char *out, DWORD outsz) { ...
InternetReadFile(r, out + total, ...) }`) fills whatever buffer its caller passes in that place
(`http("GET", path, NULL, task, sizeof task)` fills `task`); a helper handed that buffer
(`run(task, result, sizeof result)`) has it under its parameter's name (`cmd`), where it may be
formatted into a command line and run. `helper_names` reads both, so that the line-by-line flow
(`flows.py`) starts with those names bound. Only functions defined in the code itself are
read; their bodies are found by matching braces, which fragments survive.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from redline.redlines.code import braced_body
from redline.redlines.named import names_written

_DEFINITION = re.compile(
    r"^[ \t]*(?:(?:static|inline|extern|const|unsigned|signed|struct|enum|WINAPI|__stdcall)\s+)*"
    r"[A-Za-z_]\w*(?:\s*\*+\s*|\s+)(?:(?:WINAPI|__stdcall|CALLBACK)\s+)?\**\s*([A-Za-z_]\w*)"
    r"\s*\(([^()]*)\)\s*\{",
    re.M,
)
_NOT_FUNCTIONS = frozenset(
    ("if", "while", "for", "switch", "return", "else", "sizeof", "do", "catch")
)
_LONGEST_BODY = 8000
"""A body is read this far at most."""

Bind = Callable[[str, frozenset[str]], frozenset[str]]


def _parameters(declared: str) -> list[str]:
    """The names of `declared`'s parameters, in order (`const char *verb` -> `verb`)."""
    names = []
    for parameter in declared.split(","):
        words = re.findall(r"[A-Za-z_]\w*", parameter.split("[")[0])
        names.append(words[-1] if words else "")
    return names


def _body(code: str, opening: int) -> str:
    """A function's body (to the read limit when its braces do not close)."""
    body = braced_body(code, opening, _LONGEST_BODY)
    return body if body is not None else code[opening + 1 : opening + _LONGEST_BODY]


def _arguments(text: str) -> list[str]:
    """A call's arguments from `text` (which starts after its parenthesis), split at the
    commas outside brackets."""
    arguments, depth, current = [], 0, ""
    for character in text:
        if character in "([{":
            depth += 1
        elif character in ")]}":
            if depth == 0:
                break
            depth -= 1
        elif character == "," and depth == 0:
            arguments.append(current)
            current = ""
            continue
        current += character
    return [*arguments, current]


def _named(argument: str) -> str | None:
    """The variable an argument passes (`task`, `&buf`, `(LPVOID)out`), if it is one."""
    bare = re.fullmatch(r"\s*(?:\([^()]*\)\s*)?&?\s*([A-Za-z_]\w*)\s*", argument)
    return bare.group(1) if bare else None


def helper_names(code: str, bind: Bind) -> frozenset[str]:
    """Names bound through C helpers: buffers that helpers fill from the source (by the
    caller's name), and the parameters of helpers called with a bound name."""
    functions = [
        (m.group(1), _parameters(m.group(2)), _body(code, m.end() - 1))
        for m in _DEFINITION.finditer(code)
        if m.group(1) not in _NOT_FUNCTIONS
    ]
    if not functions:
        return frozenset()
    filled: dict[str, list[int]] = {}
    for name, parameters, body in functions:
        names: frozenset[str] = frozenset()
        for line in body.split("\n"):
            names = bind(line, names)
        positions = [i for i, p in enumerate(parameters) if p and p in names]
        if positions:
            filled[name] = positions
    bound: set[str] = set()
    for name, positions in filled.items():
        for call in names_written(code, name, before=r"(?<![\w.>])", after=r"\s*\("):
            arguments = _arguments(code[call.end() :])
            for position in positions:
                if position < len(arguments) and (passed := _named(arguments[position])):
                    bound.add(passed)
    if not bound:
        return frozenset()
    names = frozenset(bound)
    for line in code.split("\n"):
        names = bind(line, names)
    for name, parameters, _ in functions:
        for call in names_written(code, name, before=r"(?<![\w.>])", after=r"\s*\("):
            arguments = _arguments(code[call.end() :])
            for parameter, argument in zip(parameters, arguments, strict=False):
                passed = _named(argument)
                if parameter and passed in names:
                    bound.add(parameter)
    return frozenset(bound)
