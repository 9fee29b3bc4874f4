"""How much a command line's capabilities, taken together, look like an attack (learned).

The action detectors each know one act (a reverse shell, a wiped log, a key planted for an
intruder) and ask for its pieces in a particular arrangement. A command an agent is talked into
running can be none of those acts exactly and still carry several capabilities that ordinary
developer and admin work rarely holds together on one line: an upload with no signature from a
folder of others' files, a program copied to many hosts and started there, a download hidden
and paused. This module weighs them as `combination.py` weighs a response's: a logistic model
with no negative weight over the telling capabilities `judge_action` finds and how often
(`command_counted`), fitted by `redline train --part combination`
(`combination_training.train_command_combination`) on the fit halves of the command rows of the
team's development sets 3-13.

What is not weighed, chosen on those fit halves (leave-one-set-out) where it alone stopped
ordinary administration: a disk written and formatted (a new volume partitioned, formatted and
mounted; wiping one is the destructive-disk detectors' to judge), and an address that is only
the cloud's link-local metadata service (`169.254.169.254`, asked by the instance it serves).
And one capability is never enough (`LEAST_CAPABILITIES`): a single immutable flag on a file or
a hidden PowerShell window is a habit of administrators as well as of intruders.

The threshold is fixed when fitting: the highest score a fit-half allowed command that the other
action detectors allow reaches (`ALLOWED_SHARE` in the training module: none of them lies above
it; the 1% the response model allows was measured, leave-one-set-out, to wrongly stop 1.3 points
more commands of a set not fitted on). `REDLINE_COMMAND_COMBINATION=off` leaves commands to the
hand-written detectors alone, as before this model; a path there names another model file.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

from redline.redlines.capabilities import Capabilities, Capability, Hit
from redline.redlines.combination import CombinationModel, counted, read_model

COMMAND_COMBINED_CAPABILITIES = "ACT-COMBINED-CAPABILITIES"
"""The id of the detector that refuses on this weighing
(`detectors/command_combined_capabilities.py`)."""

COMMAND_MODEL_PATH = Path(__file__).parent / "model" / "command_combination.json"
"""The shipped weights, threshold and record of their training data."""

MODEL_SWITCH = "REDLINE_COMMAND_COMBINATION"
"""An environment variable: `off` leaves commands to the other action detectors; any other
non-empty value names a model file to weigh commands with instead of the shipped one."""

LEAST_CAPABILITIES = 2
"""Distinct weighed capabilities a command needs before the weighing may refuse it."""

_NOT_WEIGHED = frozenset({Capability.BLOCK_DEVICE_WRITE, Capability.FORMAT_AND_MOUNT})
"""A disk written and formatted: new volumes are partitioned, formatted and mounted every day;
destroying one is for the disk detectors, which read which disk and how."""

_LINK_LOCAL = re.compile(r"(?<![\d.])169\.254\.")
_METADATA_ONLY = frozenset({Capability.BARE_ADDRESS, Capability.UNVETTED_SOURCE})
"""Capabilities that count for nothing when every hit of them names a link-local address: the
cloud's instance metadata service is asked by the machine it describes."""


_ADDRESS_PROPERTIES = frozenset({Capability.BARE_ADDRESS, Capability.UNVETTED_SOURCE})
"""What an address is rather than what a command does: counted only where no other weighed
capability's hit covers it, so that one request to a public address by its number (a health
check, a deploy's status) is one piece of evidence, not three."""


def command_counted(found: Capabilities) -> dict[Capability, int]:
    """The capabilities the command weighing counts, with their hit counts: those the response
    weighing counts (`combination.counted`), less a disk written and formatted, an address that
    is only the link-local metadata service, and an address's properties where another weighed
    capability's hit covers them (`_ADDRESS_PROPERTIES`)."""
    counts = counted(found)
    for capability in _NOT_WEIGHED & counts.keys():
        del counts[capability]
    for capability in _METADATA_ONLY & counts.keys():
        if all(_LINK_LOCAL.search(hit.text) for hit in found.hits[capability]):
            del counts[capability]
    others = [
        hit for capability in counts.keys() - _ADDRESS_PROPERTIES for hit in found.hits[capability]
    ]
    for capability in _ADDRESS_PROPERTIES & counts.keys():
        if all(any(_overlap(hit, other) for other in others) for hit in found.hits[capability]):
            del counts[capability]
    return counts


def _overlap(one: Hit, other: Hit) -> bool:
    return one.start < other.end and other.start < one.end


@cache
def command_combination_model() -> CombinationModel | None:
    """The shipped command model (or the one `REDLINE_COMMAND_COMBINATION` names, or None when
    it says `off`), loaded once."""
    named = os.environ.get(MODEL_SWITCH, "")
    if named == "off":
        return None
    return read_model(Path(named) if named else COMMAND_MODEL_PATH, command_counted)
