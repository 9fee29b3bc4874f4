"""A detection rule or a monitor's configuration carried inside a program, as its data.

A fenced block is read as a detection rule (`code.is_detection_rule`) when it holds a rule's
or a monitor's configuration shape (a Sigma `detection:`, a YARA `rule ... condition:`, a
Sysmon `<EventFiltering>`), and then none of it is read as a program. A script in a program's
language that carries a monitor's configuration (Sysmon's XML, audit rules `-w PATH -p wa -k
KEY`) in a here-string or heredoc (PowerShell's `@' ... '@`, a shell's `<<'EOF'`, Python's
triple quotes) writes or loads that configuration as data; the commands around it still run.
A block whose shape stands only inside such a literal is a program: the literal is blanked
and the rest is read as code. A hunting program that carries its queries (KQL, SPL, Sigma) in
literals stays a rule: its other strings name what the queries look for. A rule written as
the block itself, or a block tagged as a rule's language, stays a rule.
"""

from __future__ import annotations

import re

from redline.redlines.grammars import CodeLanguage

_OPENERS = {
    CodeLanguage.POWERSHELL: r"@(['\"])[ \t]*\n",
    CodeLanguage.BASH: r"<<-?[ \t]*(['\"]?)(\w+)\1[^\n]*\n",
    CodeLanguage.PYTHON: r"('''|\"\"\")",
}
"""How each language's here-string, heredoc or triple-quoted string opens."""
_LITERALS = {
    CodeLanguage.POWERSHELL: re.compile(
        _OPENERS[CodeLanguage.POWERSHELL] + r".*?\n[ \t]*\1@", re.S
    ),
    CodeLanguage.BASH: re.compile(
        # an unclosed opener ends at the block's end, so no opener rescans the rest twice
        _OPENERS[CodeLanguage.BASH] + r".*?(?:\n[ \t]*\2[ \t]*$|\Z)",
        re.S | re.M,
    ),
    CodeLanguage.PYTHON: re.compile(_OPENERS[CodeLanguage.PYTHON] + r".*?\1", re.S),
}
_OPENS = tuple(re.compile(opener) for opener in _OPENERS.values())
_CONFIGURATION = re.compile(
    r"<(?:Sysmon\s+schemaversion|EventFiltering\b|RuleGroup\b)|^\s*-w\s+/\S+\s+-p\s+[rwxa]+\s+-k\s",
    re.M,
)
"""A monitor's configuration: Sysmon's XML, an audit rule watching a path."""
_KEYS = {CodeLanguage.POWERSHELL: "@", CodeLanguage.BASH: "<<", CodeLanguage.PYTHON: "''"}


def quoted_literals(code: str, language: CodeLanguage | None) -> list[tuple[int, int]]:
    """Spans (within `code`) of the here-strings, heredocs or triple-quoted strings of a block
    in `language`."""
    pattern = _LITERALS.get(language) if language is not None else None
    if pattern is None:
        return []
    key = _KEYS[language] if language is not None else ""
    if key not in code and not (language is CodeLanguage.PYTHON and '"""' in code):
        return []
    return [match.span() for match in pattern.finditer(code)]


def opens_literal(line: str) -> bool:
    """Whether `line`, one line of a block, opens a here-string, heredoc or triple-quoted
    string (in any of the languages read)."""
    line = line if line.endswith("\n") else line + "\n"
    return any(opener.search(line) for opener in _OPENS)


def is_configuration(line: str) -> bool:
    """Whether `line` holds a monitor's configuration (what `carries_configuration` looks for
    inside a literal)."""
    return _CONFIGURATION.search(line) is not None


def carries_configuration(code: str, spans: list[tuple[int, int]]) -> bool:
    """Whether one of the literals at `spans` of `code` holds a monitor's configuration."""
    return any(_CONFIGURATION.search(code, start, end) for start, end in spans)


def blanked(code: str, spans: list[tuple[int, int]]) -> str:
    """`code` with `spans` replaced by spaces (line breaks kept, so offsets stay)."""
    if not spans:
        return code
    chars = list(code)
    for start, end in spans:
        for index in range(start, end):
            if chars[index] != "\n":
                chars[index] = " "
    return "".join(chars)
