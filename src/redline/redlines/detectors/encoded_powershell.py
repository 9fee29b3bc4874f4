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
"""

from __future__ import annotations

import re

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import Detection, detector, supported

_COMPANY = (Cap.HIDE, Cap.DOWNLOAD, Cap.RUN_DOWNLOADED, Cap.SHELL, Cap.NET_CONNECT)


_BASE64_ARGUMENT = re.compile(
    r"\s[-/](?:e|en|enc|enco|encodedcommand|ec)\s+[A-Za-z0-9+/=]{16,}", re.I
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
    score = 0.9 if company else 0.7 if found.kind == "action" else 0.45
    return supported(found, score, (Cap.ENCODED_POWERSHELL, *company), "hidden encoded PowerShell")
