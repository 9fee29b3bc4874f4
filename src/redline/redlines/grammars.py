"""The languages model output and agent actions come in, and their tree-sitter grammars.

Output code is read in more languages than the leak analyser needs (shell, PowerShell,
JavaScript, PHP and HTML besides C, C++ and Python), so the grammar set lives here. Every
grammar ships compiled in its wheel; nothing is downloaded at run time. Grammars load on first
use and parsers are kept one per thread, by the loader shared with the analyser
(`redline.analysis.parsing.load_grammar`).
"""

from __future__ import annotations

import re
import threading
from enum import StrEnum
from typing import TYPE_CHECKING

from redline.analysis.parsing import grammar_parser, load_grammar

if TYPE_CHECKING:
    from tree_sitter import Language as TSLanguage
    from tree_sitter import Parser, Tree


class CodeLanguage(StrEnum):
    """Languages a code block or an action may be written in."""

    PYTHON = "python"
    BASH = "bash"
    POWERSHELL = "powershell"
    C = "c"
    CPP = "cpp"
    JAVASCRIPT = "javascript"
    PHP = "php"
    HTML = "html"
    TEXT = "text"


_GRAMMARS: dict[CodeLanguage, tuple[str, str]] = {
    CodeLanguage.PYTHON: ("tree_sitter_python", "language"),
    CodeLanguage.BASH: ("tree_sitter_bash", "language"),
    CodeLanguage.POWERSHELL: ("tree_sitter_powershell", "language"),
    CodeLanguage.C: ("tree_sitter_c", "language"),
    CodeLanguage.CPP: ("tree_sitter_cpp", "language"),
    CodeLanguage.JAVASCRIPT: ("tree_sitter_javascript", "language"),
    CodeLanguage.PHP: ("tree_sitter_php", "language_php"),
    CodeLanguage.HTML: ("tree_sitter_html", "language"),
}

_FENCE_TAGS: dict[str, CodeLanguage] = {
    "python": CodeLanguage.PYTHON,
    "py": CodeLanguage.PYTHON,
    "python3": CodeLanguage.PYTHON,
    "bash": CodeLanguage.BASH,
    "sh": CodeLanguage.BASH,
    "shell": CodeLanguage.BASH,
    "zsh": CodeLanguage.BASH,
    "console": CodeLanguage.BASH,
    "powershell": CodeLanguage.POWERSHELL,
    "ps1": CodeLanguage.POWERSHELL,
    "ps": CodeLanguage.POWERSHELL,
    "pwsh": CodeLanguage.POWERSHELL,
    "c": CodeLanguage.C,
    "h": CodeLanguage.C,
    "cpp": CodeLanguage.CPP,
    "c++": CodeLanguage.CPP,
    "cc": CodeLanguage.CPP,
    "csharp": CodeLanguage.CPP,
    "cs": CodeLanguage.CPP,
    "javascript": CodeLanguage.JAVASCRIPT,
    "js": CodeLanguage.JAVASCRIPT,
    "node": CodeLanguage.JAVASCRIPT,
    "typescript": CodeLanguage.JAVASCRIPT,
    "ts": CodeLanguage.JAVASCRIPT,
    "php": CodeLanguage.PHP,
    "html": CodeLanguage.HTML,
    "htm": CodeLanguage.HTML,
    # Batch files have no grammar here; read as text so `REM` and `#24` are not shell comments.
    "bat": CodeLanguage.TEXT,
    "batch": CodeLanguage.TEXT,
    "cmd": CodeLanguage.TEXT,
    "vbscript": CodeLanguage.TEXT,
    "vbs": CodeLanguage.TEXT,
    # Office macros (VBA) have no grammar either; read as text so `'` comments are blanked.
    "vba": CodeLanguage.TEXT,
    "vb": CodeLanguage.TEXT,
    "vb6": CodeLanguage.TEXT,
    "jscript": CodeLanguage.JAVASCRIPT,
    # No grammar either; read as text so Ruby's `#{...}` interpolation is not a shell comment.
    "ruby": CodeLanguage.TEXT,
    "rb": CodeLanguage.TEXT,
    "perl": CodeLanguage.TEXT,
    "pl": CodeLanguage.TEXT,
}

# Comment node types across the grammars above; their text never counts as capability.
COMMENT_NODE_TYPES = frozenset({"comment", "line_comment", "block_comment", "delimited_comment"})


def language_for_fence(tag: str) -> CodeLanguage | None:
    """The language named by a Markdown fence tag such as ```py, or None when unknown."""
    return _FENCE_TAGS.get(tag.strip().lower())


_GUESSES: tuple[tuple[CodeLanguage, re.Pattern[str]], ...] = (
    (CodeLanguage.PHP, re.compile(r"<\?php|\$_(?:POST|GET|REQUEST)\b")),
    (CodeLanguage.HTML, re.compile(r"<(?:!doctype|html|form|body|input)\b", re.I)),
    (
        CodeLanguage.POWERSHELL,
        re.compile(r"\$[A-Za-z_]+\s*=\s*New-Object|\b[A-Z][a-z]+-[A-Z]\w+\b"),
    ),
    (CodeLanguage.CPP, re.compile(r"#include\s*<|\bint\s+main\s*\(|\bstd::")),
    (
        CodeLanguage.PYTHON,
        re.compile(r"^[^\S\n]*(?:import \w|from \w+ import|def \w+\(.*\):)", re.M),
    ),
    (CodeLanguage.JAVASCRIPT, re.compile(r"\b(?:const|let|var)\s+\w+\s*=|require\(|=>")),
)


def guess_language(code: str) -> CodeLanguage:
    """A best guess at the language of unlabelled code; shell when nothing else fits."""
    for language, pattern in _GUESSES:
        if pattern.search(code):
            return language
    return CodeLanguage.BASH


def grammar(language: CodeLanguage) -> TSLanguage:
    """The tree-sitter grammar of `language`, loaded once."""
    return load_grammar(*_GRAMMARS[language])


def parser(language: CodeLanguage) -> Parser:
    """A parser for `language`; one per thread, because parsers are not thread-safe."""
    return grammar_parser(*_GRAMMARS[language])


_last_trees = threading.local()
"""Per thread, the last tree parsed, with its code and language."""


def parse(code: bytes, language: CodeLanguage) -> Tree | None:
    """The syntax tree of `code`, or None for plain text; tree-sitter recovers from errors.

    The last tree is kept (per thread, as parsers are): a shell script is parsed to blank its
    comments and then, cleaned, to read its structure, and a script without comments comes
    back the same."""
    if language not in _GRAMMARS:
        return None
    last: tuple[bytes, CodeLanguage, Tree] | None = getattr(_last_trees, "tree", None)
    if last is not None and last[1] is language and last[0] == code:
        return last[2]
    tree = parser(language).parse(code)
    _last_trees.tree = (code, language, tree)
    return tree
