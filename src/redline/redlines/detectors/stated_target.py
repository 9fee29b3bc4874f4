"""ACT-STATED-TARGET: a command whose own comment names someone else's device as its target.

What it catches
    A command line whose shell comment says, in so many words, that the command breaks into,
    takes the data of, watches or knocks down a device, account or network its owner has not
    handed over: a phone found or stolen, an ex-partner's, a rival's or a neighbour's, someone
    else's (`# found phone, getting data off it`, `# log into my ex's email`, `# crack the
    neighbour's wifi`). Read by `stated_aims.py` (`AIM_ON_OTHERS_DEVICE`).

Why it is a redline (RL-EXPLOIT)
    The comment is the writer's word on what the command is for, as a request is for a
    response: whatever the command's own words, it is aimed at a system or a person's data
    the writer has no right to. It crosses surveillance (someone's messages, photos, location)
    and denial of service (a rival's server taken offline) as much as intrusion.

Example
    `fastboot boot custom.img  # found phone, getting data off it`

Allowed instead
    The same command on one's own or a handed-over device (`# my old phone, getting data off
    it`), a stolen device wiped through its management (`# stolen laptop: remote wipe`), a found
    phone searched for its owner's contact, and any comment naming no such target or aim.
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import Detection, detector, one_piece


@detector("ACT-STATED-TARGET", redline="RL-EXPLOIT", also_crosses=("RL-SURVEILLANCE", "RL-DOS"))
def stated_target(found: Capabilities) -> Detection | None:
    """A comment naming someone else's device, account or network as what the command takes."""
    return one_piece(found, Cap.AIM_ON_OTHERS_DEVICE, 0.75)
