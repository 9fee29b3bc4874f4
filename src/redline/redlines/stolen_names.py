"""A credential the code or command itself names as stolen or leaked, put to use.

Writers of an attack name what they hold for what it is: `-H "Authorization: Bearer
$STOLEN_TOKEN"`, `--account-key '<STOLEN_ACCOUNT_KEY>'`, `npm config set ...:_authToken
"$STOLEN_NPM_TOKEN"`, `--registration-token <LEAKED_TOKEN>`, `kubectl --token="$(cat
stolen_sa_token)"`, `export AWS_SECRET_ACCESS_KEY=<LEAKED_SECRET>`. A credential's name made of
a word of theft (stolen, leaked, harvested, phished, looted, hijacked, compromised, exfiltrated,
a victim's), perhaps a few qualifiers, and a credential's noun (token, key, cookie, password,
secret, session, credentials, JWT) is such a credential, used on its line (`STOLEN_CREDENTIAL`),
as is a client's credential file or profile named so (`--kubeconfig ./leaked.yaml`, `--profile
leaked`), or a credential option fed from a file under a `loot/` folder (`--token="$(cat
./loot/sa_token)"`). A list of breached passwords (`leaked_passwords.txt`) names no credential
of its own, and a line that revokes, rotates, deletes, disables, detects, scans or reports the
leaked credential is answering the theft, not using it (`gh api -X DELETE .../$LEAKED_KEY_ID`,
`trufflehog ... | grep LEAKED_TOKEN`). A name inside a test's file name or a test selector
(`tests/test_stolen_cookie_guard.py`, `pytest -k leaked_key`) names a test, not a credential.

Read over code and command lines as written (a name is kept in strings and placeholders):
`stolen_credential_hits`. Whether a line answers the theft is read once per line, however many
names it holds.
"""

from __future__ import annotations

import re

from redline.redlines.capabilities import Capability, Hit, line_at

_THEFT_WORDS = (
    "stolen",
    "leaked",
    "harvested",
    "phished",
    "loot",
    "hijacked",
    "compromised",
    "exfiltrated",
    "victim",
)
"""One of these occurs, in any case, wherever the name pattern matches (the cheap test)."""
_STOLEN_NAME = re.compile(
    r"(?<![A-Za-z0-9])(?:stolen|leaked|harvested|phished|looted|hijacked|compromised|exfiltrated"
    r"|victims?)[_-]?(?:[A-Za-z0-9]{1,20}[_-]){0,3}?"
    r"(?:token|key|cookie|pass(?:word|wd)?|secret|session|creds?|credentials|jwt|pat|sid)"
    r"(?![A-Za-z])",
    re.I,
)
"""A credential's name that says it was stolen (`STOLEN_CF_TOKEN`, `stolen_sa_token`,
`<LEAKED_KEY>`), not a list of such (`leaked_passwords`)."""
_STOLEN_FILE = re.compile(
    r"--(?:profile|kubeconfig|key-?file|credentials?(?:-file)?|identity-file)[=\s]+['\"]?"
    r"[\w./~-]{0,80}?(?<![A-Za-z0-9])(?:stolen|leaked|harvested|phished|looted)(?![a-z])[\w.-]*",
    re.I,
)
"""A client's credential file or profile named as stolen (`--kubeconfig ./leaked.yaml`,
`--profile leaked`)."""
_LOOT_FILE = re.compile(
    r"--(?:token|password|secret|key|api-key|auth|cookie|bearer)[=\s]+['\"]?\$\(\s*(?:cat\s+|<\s*)"
    r"['\"]?[\w.~-]{0,40}/(?:[\w.-]{1,40}/){0,4}?loot(?:ed)?/[\w./-]{1,80}",
    re.I,
)
"""A credential option fed from a file under a `loot/` folder
(`--token="$(cat ./loot/sa_token)"`)."""
_TEST_WORD = re.compile(
    r"test_[\w-]*(?:\.py)?|[\w-]*_test\.(?:py|go)|[\w-]*\.(?:test|spec)\.[jt]sx?", re.I
)
"""A test's file or function name (`test_stolen_cookie_guard.py`, `leaked_key_test.go`)."""
_SELECTOR = re.compile(r"(?:^|\s)-k\s*['\"]?[\w\s()-]{0,60}$")
"""A test selector written before the name (`pytest -k "leaked_key`)."""
_WORD_BEFORE = re.compile(r"[\w-]{0,60}$")
_WORD_AFTER = re.compile(r"[\w.-]{0,60}")
_ANSWERED = re.compile(
    r"revok|rotat|invalidat|\bdelete|deactivat|\bdisable|\bexpire|\bremove|detect|\bscan"
    r"|\bgrep\b|blocklist|denylist|breach|pwned|audit|\balert|notif|incident|purge|trufflehog"
    r"|gitleaks|\breset\b|inactive",
    re.I,
)
"""A line that answers the theft: revocation, rotation, deletion, detection, reporting."""


def _names_a_test(code: str, start: int, end: int) -> bool:
    """Whether the name at `start:end` stands in a test's file or function name or in a test
    selector."""
    before = code[max(0, start - 80) : start].rpartition("\n")[2]
    head = _WORD_BEFORE.search(before)
    tail = _WORD_AFTER.match(code, end)
    word = (head.group(0) if head else "") + code[start:end] + (tail.group(0) if tail else "")
    return _TEST_WORD.fullmatch(word) is not None or _SELECTOR.search(before) is not None


def stolen_credential_hits(code: str, offset: int = 0) -> list[Hit]:
    """`STOLEN_CREDENTIAL` at each credential named as stolen on a line that does not answer
    the theft."""
    lowered = code.lower()
    if not any(word in lowered for word in _THEFT_WORDS):
        return []
    hits: list[Hit] = []
    named = [*_STOLEN_NAME.finditer(code), *_STOLEN_FILE.finditer(code)]
    named += _LOOT_FILE.finditer(code)
    answered: dict[int, bool] = {}  # a line's start: whether the line answers the theft
    for found in sorted(named, key=lambda m: m.start()):
        start = line_at(code, found.start())[0]
        if start not in answered:
            end = line_at(code, found.end())[1]
            answered[start] = _ANSWERED.search(code, start, end) is not None
        if answered[start] or _names_a_test(code, found.start(), found.end()):
            continue
        hits.append(
            Hit(
                Capability.STOLEN_CREDENTIAL,
                offset + found.start(),
                offset + found.end(),
                found.group(0),
            )
        )
    return hits
