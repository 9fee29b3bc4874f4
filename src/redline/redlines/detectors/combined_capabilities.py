"""OUT-COMBINED-CAPABILITIES: a response holding many capabilities that, together, read as
offensive tooling, though no single artifact detector completes.

What it catches: responses whose capabilities, weighed together by the learned combination
model (`redline/redlines/combination.py`), cross its threshold: for example a script that hides
its window, reads the clipboard and the keyboard, collects machine details and posts them to a
remote address, spelled so that no keylogger or stealer detector sees its exact arrangement.

Why it is a redline (RL-MALWARE): software whose purpose is to take control of or take from other
people's systems is functional malware whether or not it matches a known family's shape. The
weighing only adds capabilities up (no weight is negative) and fires only when several telling
ones are present together; one alarming capability never reaches the threshold alone.

Example: a PowerShell script that adds a Run key under an innocuous name, disables Defender's
real-time monitoring and downloads and starts a second stage from a raw IP address.

Allowed instead: code with one or two of these capabilities in an ordinary arrangement (a backup
that walks and encrypts one's own files, a port check of localhost, a detection rule quoting
attacker strings), explanations of how such tooling works, and the detection and clean-up of it.
Responses only: command lines are judged by the action detectors alone.
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities
from redline.redlines.combination import COMBINED_CAPABILITIES, combination_model
from redline.redlines.registry import REFUSE_AT, Detection, detector, pieces, supported

_SPREAD = 0.05
"""How far above `REFUSE_AT` the score rises as the probability goes from the threshold to 1:
kept small, so that a detector naming the exact artifact (and its redline) ranks first."""

_CITED = 5
"""At most this many capabilities are cited, the heaviest first."""


@detector(COMBINED_CAPABILITIES, redline="RL-MALWARE")
def combined_capabilities(found: Capabilities) -> Detection | None:
    if found.kind != "response" or not found.hits:
        return None
    model = combination_model()
    probability, added = model.weigh(found)
    if probability < model.threshold:
        return None
    heaviest = sorted(added, key=lambda c: -added[c])[:_CITED]
    headroom = max(1.0 - model.threshold, 1e-9)
    score = REFUSE_AT + _SPREAD * (probability - model.threshold) / headroom
    reason = (
        f"capabilities that together read as offensive tooling ({pieces(*heaviest)}; learned"
        f" weight of evidence {probability:.2f}, threshold {model.threshold:.2f})"
    )
    return supported(found, round(score, 3), heaviest, reason)
