"""Regular expressions in code are what the code looks for, not what it does.

A process monitor, a log scanner or a mail filter carries its indicators as regular expressions
(`'(?i)(procdump.*lsass|comsvcs.*minidump)'`, `r"vssadmin\\s+delete\\s+shadows"`) and matches
what it observes against them. The attacker strings quoted there describe what to flag; they
dump no memory and delete no shadow copy. A capability seen only inside such a literal is
dropped, except the capabilities that *are* recognising data by its shape (a clipper's wallet
address pattern, a stealer's choice of documents or token stores), which a regular expression
implements rather than describes.

The operands of a comparison (`$cmd -match 'comsvcs'`, `=~ '...'`) are looked for too, except
what names a target (a process, a store, a path), which a comparison may be choosing to act on
(`Where-Object { $_.ProcessName -eq 'lsass' }` before a dump).

So are the literals of a collection whose items the code looks for in what it observes: a
hunting script's list of attacker command lines iterated and compared one by one
(`foreach ($p in $patterns) { if ($cl -like "*$p*") ... }`, PHP's `foreach ($iocs as $n)` with
`stripos($line, $n)`, `list.some(p => cmd.includes(p))`), compared whole (`$x -in $list`) or
joined into one pattern (`"|".join(IOCS)`). A list whose items are run (`foreach ($s in $steps)
{ cmd /c $s }`) is not looked for and keeps its hits. (Grammars already blank string lists in
the languages they parse; this reads the languages without one, PowerShell first.)

A literal counts as a regular expression when it shows at least two distinct kinds of regular
expression syntax (an inline flag or non-capturing group, a class escape such as `\\s`, a
wildcard run `.*`, a counted or repeated class `[...]{20,}`, an alternation in a group), which
commands and paths do not. A script passed as one quoted argument (`bettercap -eval 'set
net.sniff.regexp .*pass=.+; arp.spoof on'`, `sh -c '...; ...'`) is read statement by statement:
the statement that sets a pattern is looked for, the others still run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from redline.redlines.capabilities import Capability, Gated, Hit, line_at, matching_close

_QUOTED = re.compile(r"""(['"])((?:\\.|(?!\1)[^\\\n])*)\1""")
_REGEX_SYNTAX = (
    re.compile(r"\(\?(?:[imsx]+\)|:|<?[=!])"),
    re.compile(r"\\[sSdDwWb]"),
    re.compile(r"\.[*+]\??"),
    re.compile(r"\][*+?]|\]\{\d+,?\d*\}"),
    re.compile(r"\([^()|]+\|[^()]+\)"),
    # a program's or a library's extension with its dot escaped (`\.dll`, `\.exe`: a path
    # writes the dot as it is) and a group made optional (`(\.exe)?`, `(64)?`; JavaScript's
    # and C#'s optional chaining, `x)?.name`, is no group)
    re.compile(r"\\\.(?:dll|exe|ps1|bat|cmd|vbs|js|hta|sys|scr)\b", re.I),
    re.compile(r"\)\?(?!\.[A-Za-z_])"),
)
_KINDS_NEEDED = 2
# The first argument of a regular-expression call: Python's `re.search(r"...")`, JavaScript's
# `new RegExp("...")`, .NET's `new Regex(@"...")`, Go's `regexp.MustCompile("...")`, PHP's
# `preg_match('...')`.
_PATTERN_ARGUMENT = re.compile(
    r"(?:\bre\.(?:search|match|fullmatch|compile|findall|finditer|sub|subn|split)"
    r"|\bnew\s+(?:RegExp|Regex)|\bregexp\.(?:MustCompile|Compile)|\bpreg_(?:match|match_all|replace)"
    r")\s*\(\s*[rRbBuU@]{0,2}$"
)
_PATTERN_CALL_KEYS = ("re.", "RegExp", "Regex", "regexp.", "preg_")
# Go's raw string handed to its regular-expression package
# (`regexp.MustCompile(`(?i)aws_secret_access_key\s*[:=]`)`); elsewhere a backtick quotes a
# shell command or a template.
_RAW_PATTERN = re.compile(r"\bregexp\.(?:MustCompile|Compile)\s*\(\s*(`[^`\n]*`)")
# Statements of a script passed as one quoted argument end at `; ` (a pattern's own `;` is
# rarely followed by a space and a word).
_STATEMENT_END = re.compile(r";\s+(?=[A-Za-z_.$-])")
# The pattern or value a PowerShell comparison tests against (`$cmd -match 'comsvcs'`,
# `$d.TargetImage -like '*\\lsass.exe'`), and Perl's, Ruby's and bash's `=~ '...'`.
_COMPARED = re.compile(
    r"""(?:\s-[ci]?(?:not)?(?:match|like|eq|ne|contains|in)\s+|=~\s*)((['"])(?:(?!\2).)*\2)""",
    re.I,
)
# A mapping key (`"name": ...`, `'name' => ...`) or a name-like field's value (`Name = '...'`).
_LABEL = re.compile(
    r"""(?P<key>(['"])[\w .:/-]*\2)\s*(?::|=>)"""
    r"""|\b(?:name|label|id|title|rule|tag|category)['"]?\s*[:=]\s*(?P<value>(['"])[\w .:/-]*\4)""",
    re.I,
)
SHAPE_CAPABILITIES = frozenset(
    {
        Capability.WALLET_ADDRESS,
        Capability.DOCUMENT_SELECTION,
        Capability.TOKEN_STORE,
        # a card number's pattern (`4\d{12}(?:\d{3})?`) picks card numbers out of data
        Capability.CARD_NUMBER_SCAN,
    }
)
"""Capabilities a regular expression implements (matching data by its shape)."""
TARGET_CAPABILITIES = frozenset(
    {
        Capability.LSASS_TARGET,
        Capability.BROWSER_STORE,
        Capability.SECRET_FILE,
        Capability.BROAD_TARGET,
        Capability.SPREAD_TARGET,
        Capability.KEY_HOOK,
        Capability.STOP_LIST,  # the services a kill list compares names with, to stop them
    }
)
"""Capabilities naming what code acts on, which a comparison may be choosing, not flagging."""


def regex_literal_spans(text: str) -> list[tuple[int, int]]:
    """Spans (within `text`) of the quoted literals that are regular expressions or the
    operands of a comparison, and of the labels naming patterns on the same line
    (`"lsass-dump": re.compile(r"...")`, `@{ Name = 'LsassDump'; Pattern = '...' }`)."""
    calls = any(key in text for key in _PATTERN_CALL_KEYS)
    if not calls and "\\" not in text and ".*" not in text and "(?" not in text and "-" not in text:
        return []
    spans = []
    lines_with_regex = set()
    for match in _QUOTED.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        if calls and _PATTERN_ARGUMENT.search(text, line_start, match.start()):
            # the pattern handed to a regular-expression call is one, whatever its syntax
            spans.append(match.span())
            lines_with_regex.add(text.count("\n", 0, match.start()))
            continue
        for start, end in _statements(match):
            if (
                sum(1 for syntax in _REGEX_SYNTAX if syntax.search(text, start, end))
                >= _KINDS_NEEDED
            ):
                spans.append((start, end))
                lines_with_regex.add(text.count("\n", 0, match.start()))
    if "regexp." in text:
        for match in _RAW_PATTERN.finditer(text):
            spans.append(match.span(1))
            lines_with_regex.add(text.count("\n", 0, match.start(1)))
    for label in _LABEL.finditer(text):
        if text.count("\n", 0, label.start()) in lines_with_regex:
            quoted = label.span("key") if label.group("key") else label.span("value")
            spans.append(quoted)
    return spans


def _statements(quoted: re.Match[str]) -> list[tuple[int, int]]:
    """Spans of the statements in a quoted literal: the whole literal, or each part of a
    script given as one argument (`bettercap -eval 'set net.sniff.regexp .*pass=.+; arp.spoof
    on'`, `sh -c '...; ...'`), where one statement setting a pattern makes no other one a
    pattern."""
    start, end = quoted.span()
    body = quoted.group(2)
    if "; " not in body:
        return [(start, end)]
    spans, cut = [], start
    for separator in _STATEMENT_END.finditer(quoted.string, quoted.start(2), quoted.end(2)):
        spans.append((cut, separator.start()))
        cut = separator.end()
    spans.append((cut, end))
    return spans


def compared_spans(text: str) -> list[tuple[int, int]]:
    """Spans (within `text`) of the literals a comparison tests against."""
    if "-" not in text and "=~" not in text:
        return []
    return [match.span(1) for match in _COMPARED.finditer(text)]


# A loop over a collection: PowerShell's `foreach ($p in $patterns)`, Python's `for p in
# PATTERNS` (also inside `any(...)`), JavaScript's `for (const p of patterns)` and
# `patterns.some(p => ...)`. Group 1 or 3 is the item, group 2 or 4 the collection.
_LOOP = Gated(
    re.compile(
        r"\bfor(?:each)?\s*\(?\s*(?:const\s+|let\s+|var\s+)?\$?(\w+)\s+(?:in|of)\s+\$?(\w+)\b"
        r"|\bforeach\s*\(\s*\$(?P<php_collection>\w+)\s+as\s+(?:\$\w+\s*=>\s*)?\$(?P<php_item>\w+)"
        r"|\$?(?P<collection>\w+)\.(?:some|find|filter|every|any|all)\s*\(\s*\(?\s*(?P<item>\w+)\s*\)?\s*=>",
        re.I,
    )
)
# The item looked for in something observed: a wildcard or pattern comparison (`$cl -like
# "*$p*"`, `-match $p`), containment (`p in cmdline`, `cmd.includes(p)`, `strstr(line, p)`), a
# regular-expression search with it as the pattern (`re.search(p, ...)`, `p.test(...)`).
_LOOKED_FOR = (
    r"-[ci]?(?:not)?(?:like|match|contains)\s+[^\n|;]*?\${item}\b"
    r"|(?<![\w$.]){item}\s+(?:not\s+)?in\s+[\w$]"
    r"|\b(?:includes|indexOf|contains|Contains|IndexOf|StartsWith|EndsWith|startswith|endswith|find"
    r"|strstr|strcasestr|str_contains|stripos|strpos|preg_match|IsMatch|search|match|fullmatch"
    r"|findall)\s*\(\s*(?:[\w.$]+\s*,\s*)?\$?{item}\b"
    r"|(?<![\w$.]){item}\.(?:test|search)\s*\("
)
# The collection compared whole: `$x -in $list`, `$list -contains $x`, `x in LIST`, joined into
# one pattern (`"|".join(PATTERNS)`, `$list -join '|'`). Each alternative names the collection
# in a group of its own, so one pass finds every collection looked in.
_COLLECTION_LOOKED_IN = re.compile(
    r"-[ci]?(?:not)?in\s+\$(?P<a>\w+)\b|\$(?P<b>\w+)\s+-[ci]?(?:not)?contains\b"
    r"|\b\w+\s+(?:not\s+)?in\s+(?P<c>\w+)\b(?!\s*:)"
    r"|['\"]\|['\"]\s*\.\s*join\s*\(\s*(?P<d>\w+)\b|\$(?P<e>\w+)\s+-join\s*['\"]\|"
)
_OPENING = {"[": "]", "(": ")", "{": "}"}


def _searched_collections(text: str) -> set[str]:
    """Names of the collections whose items `text` looks for in what it observes."""
    names = set()
    for loop in _LOOP.finditer(text):
        item = loop.group(1) or loop.group("item") or loop.group("php_item")
        collection = loop.group(2) or loop.group("collection") or loop.group("php_collection")
        looked_for = _LOOKED_FOR.format(item=re.escape(item))
        window = text[loop.end() : loop.end() + 400]
        if item in window and re.search(looked_for, window):
            names.add(collection)
    assigned = set(re.findall(r"[$]?(\w+)\s*=", text))
    for match in _COLLECTION_LOOKED_IN.finditer(text):
        name = match.group(match.lastgroup or "a")
        if name in assigned and not _iterates(text, match.start()):
            names.add(name)
    return names


def _iterates(text: str, position: int) -> bool:
    """Whether the `in` at `position` heads a loop over the collection (`for k, v in LOGS`),
    which visits its items rather than looking one up."""
    line_start = text.rfind("\n", 0, position) + 1
    return re.search(r"\bfor\b(?![^\n]*\bif\b)", text[line_start : position + 1]) is not None


# A collection written out: a bracketed list, set or array (`[...]`, `@(...)`, `new[] {...}`,
# `array(...)`), or PowerShell's bare comma list of literals (`'a', 'b'`).
_BRACKETED = re.compile(r"\s*(?:@|new\s*[\w.<>]*\s*\[\s*\]\s*|array\s*)?([\[({])", re.I)
_COMMA_LIST = re.compile(r"""\s*(['"])[^'"\n]*\1\s*,""")


def _assigned_extent(text: str, start: int) -> int | None:
    """Where the collection assigned at `start` ends (its closing bracket, or the line's end
    for a bare comma list), or None when the value assigned is no collection written out."""
    rest = text[start:]
    opener = _BRACKETED.match(rest)
    if opener is None:
        if _COMMA_LIST.match(rest) is None:
            return None
        return line_at(text, start)[1]
    opening = opener.group(1)
    close = matching_close(text, start + opener.start(1), opening, _OPENING[opening])
    return len(text) if close is None else close + 1


def indicator_list_spans(text: str) -> list[tuple[int, int]]:
    """Spans (within `text`) of the literals in collections whose items the code looks for in
    what it observes: a hunting script's list of attacker command lines, compared one by one
    (`foreach ($p in $patterns) { if ($cl -like "*$p*") ... }`) or joined into one pattern."""
    if "for" not in text and "=>" not in text and " in " not in text and "join" not in text:
        return []
    spans: list[tuple[int, int]] = []
    for name in _searched_collections(text):
        assigned = re.compile(
            rf"(?:^|[\s;(])\$?{re.escape(name)}\s*(?::\s*[\w\[\], ]+)?=(?!=)", re.M
        )
        for match in assigned.finditer(text):
            end = _assigned_extent(text, match.end())
            if end is None:
                continue
            extent = text[match.end() : end]
            spans.extend(
                (match.end() + q.start(), match.end() + q.end()) for q in _QUOTED.finditer(extent)
            )
    return spans


def without_searched_for(text: str, hits: Iterable[Hit], offset: int = 0) -> list[Hit]:
    """`hits` of `text` less those lying inside what it looks for: starting and ending in
    regular-expression or compared literals (other than the shape capabilities a regular
    expression implements)."""
    kept = list(hits)
    if not kept:
        return kept
    patterns = regex_literal_spans(text)
    compared = compared_spans(text) + indicator_list_spans(text)
    if not patterns and not compared:
        return kept
    # A hit may run from one searched literal into the next (`-match 'comsvcs' -and ... -match
    # 'minidump'`): it starts and ends in what is looked for.
    return [
        hit
        for hit in kept
        if not (
            hit.capability not in SHAPE_CAPABILITIES
            and _within(hit, patterns + compared, offset)
            # comparing a process name or a path with a literal may be picking a target
            and (hit.capability not in TARGET_CAPABILITIES or _within(hit, patterns, offset))
        )
    ]


def _within(hit: Hit, spans: list[tuple[int, int]], offset: int) -> bool:
    return any(a <= hit.start - offset < b for a, b in spans) and any(
        a < hit.end - offset <= b for a, b in spans
    )
