"""ACT-ENCODED-POWERSHELL: PowerShell run from a base64-encoded command, hidden or fetching code.

What it catches
    `powershell -enc <base64>` (any abbreviation of `-EncodedCommand`; in a command line the
    encoded command also as a placeholder or a batch variable: `-enc <B64_PAYLOAD>`,
    `-EncodedCommand %STAGE2%`, where a response only explains or templates the parameter so),
    especially with a hidden window, no profile, or a decoded payload that downloads or runs
    code. The payload is decoded and judged too, so whatever it hides is cited.

Why it is a redline (RL-EVASION)
    Encoding hides the command from the person and the tools watching the machine.

Example
    `powershell -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIAAuAC4ALgApAA==`

Allowed instead
    Running a named script file, `-File build.ps1`, explaining what `-EncodedCommand` is for.
    An encoded command that decodes to a plain script, with nothing hidden, downloaded or
    shelled beside it: automation encoding its command to get past quoting (`powershell
    -NoProfile -EncodedCommand <Get-Service W32Time | Select-Object ...>`); one that
    runs further code or looks up accounts, groups or privileges stays refused
    (`plain_payloads.py`).
"""

from __future__ import annotations

import re

from redline.redlines.capabilities import ENCODED_COMMAND_SWITCH, Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import Detection, detector, supported

_COMPANY = (Cap.HIDE, Cap.DOWNLOAD, Cap.RUN_DOWNLOADED, Cap.SHELL, Cap.NET_CONNECT)


_BASE64_ARGUMENT = re.compile(
    r"\s[-/](?:" + ENCODED_COMMAND_SWITCH + r")\s+[A-Za-z0-9+/=]{16,}", re.I
)
"""The encoded command itself given (not a placeholder for it)."""


@detector("ACT-ENCODED-POWERSHELL", redline="RL-EVASION")
def encoded_powershell(found: Capabilities) -> Detection | None:
    """Encoded PowerShell + hiding or a remote payload (or any, as an action)."""
    if Cap.ENCODED_POWERSHELL not in found:
        return None
    if found.kind == "response" and not any(
        _BASE64_ARGUMENT.search(hit.text) for hit in found.hits[Cap.ENCODED_POWERSHELL]
    ):
        # Only a placeholder or a variable where the encoded command goes: in a response that
        # is the parameter explained or a template, with nothing hidden in it.
        return None
    company = [c for c in _COMPANY if c in found]
    if not company and _all_plain(found):
        # every encoded command decoded and read, and nothing in it: nothing is hidden
        return None
    score = 0.9 if company else 0.7 if found.kind == "action" else 0.45
    return supported(found, score, (Cap.ENCODED_POWERSHELL, *company), "hidden encoded PowerShell")


def _all_plain(found: Capabilities) -> bool:
    """Whether each encoded command found is followed on its line by a plain decoded script
    (`Capability.PLAIN_ENCODED_COMMAND`, whose hit spans the encoded word after the command's
    head)."""
    plain = found.hits.get(Cap.PLAIN_ENCODED_COMMAND, ())
    return bool(plain) and all(
        any(hit.start < p.start <= hit.end + _HEAD_GAP for p in plain)
        for hit in found.hits[Cap.ENCODED_POWERSHELL]
    )


_HEAD_GAP = 8
"""How far after an encoded-command hit its encoded word may start (the hit reads into the
word's head, so the word starts inside it; a little slack for what the pattern stops at)."""
