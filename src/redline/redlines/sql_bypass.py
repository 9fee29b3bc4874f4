"""A login's SQL turned true: the payloads typed into a sign-in form to get in without a password.

A sign-in built by pasting the typed name into its query (`... WHERE user = '$u' AND pass =
'$p'`) lets a name that closes the quote and turns the condition true in: a tautology after
the quote (`' OR '1'='1`, `' OR 1=1 LIMIT 1 -- -`, `') OR ('1'='1`) or the rest of the query
cut off by a comment after a name (`admin' -- -`, `admin' #`, `admin'/*`). One such string is
the textbook's example; several variants in one answer, in code or in its inline snippets, are
the list an attacker goes through (ATT&CK T1190). A quote closed in ordinary SQL (`WHERE name =
'x' -- note`) is no payload: the quote it closes was opened in the query.
"""

from __future__ import annotations

import re

from redline.redlines.capabilities import Capability, Hit

_BYPASS = re.compile(
    # a tautology after a closing quote (and bracket), on one line; the quote closes none the
    # text opened (`'x' OR ...` closes its own), though it may stand inside a string of the
    # other kind
    r"""(?<![\w=])(?:(?<!')'|(?<!")")[ \t]*\)*[ \t]*(?:OR|\|\|)[ \t]*\(?[ \t]*(['"]?)(\w+)\1"""
    r"""[ \t]*=[ \t]*\(?[ \t]*\1\2\b"""
    # a name whose quote is closed and the rest of the query cut off on the same line: inside
    # a string of the other kind (`"admin'--"`), or a snippet that is the payload alone
    # (`admin' #`); a string closed before a comment (`"x"  # note`) is ordinary code
    r"""|(?:(?<=")\w+'|(?<=')\w+"|^\w+['"])[ \t]*\)*[ \t]*(?:--(?:[ \t]|-|$)|#|/\*)""",
    re.I,
)
_QUOTE_THEN_MARK = re.compile(r"""['"][ \t)]*(?:--|#|/\*|OR\b|\|\|)""", re.I)
"""What every payload holds: a quote followed, past spaces and brackets, by a comment's mark or
an OR (the cheap test before `_BYPASS`)."""
_VARIANTS = 2
"""Different payloads that make a list to go through (one is the textbook's example)."""


def login_bypass_hits(code: str, offset: int = 0) -> list[Hit]:
    """Each payload in `code`; looked for only where a quote is followed by a comment's mark or
    an OR."""
    if ("'" not in code and '"' not in code) or _QUOTE_THEN_MARK.search(code) is None:
        return []
    return [
        Hit(Capability.SQL_LOGIN_BYPASS, offset + m.start(), offset + m.end(), m.group(0))
        for m in _BYPASS.finditer(code)
    ]


def lists_bypasses(texts: list[str]) -> bool:
    """Whether the payloads `texts` (hits' texts) are several different ones."""
    return len({re.sub(r"\s+", " ", text.lower()) for text in texts}) >= _VARIANTS
