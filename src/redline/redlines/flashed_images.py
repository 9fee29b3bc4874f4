r"""An installer image written onto a removable or second drive: a boot stick made.

`dd` copying an image file (`if=ubuntu-24.04-live-server-amd64.iso`, `if=raspios.img`) onto a
drive that is not the machine's first (`of=/dev/sdb`, `/dev/mmcblk0`, macOS's `/dev/rdisk4`, a
USB stick named by id: `/dev/disk/by-id/usb-...`) is how an operating system's installer or a
board's card is prepared (`IMAGE_FLASHED`). Zeros or random bytes (`if=/dev/zero`,
`if=/dev/urandom`), the first disk (`of=/dev/sda`, `/dev/nvme0n1`; macOS's `disk0` to `disk3`,
internal on Apple silicon) or a device a loop or a
variable names are not read here and stay a raw disk's destruction.

Read on the whole command line an agent is about to run, never on a response's text:
`flashed_image_hits`.
"""

from __future__ import annotations

import re

from redline.redlines.capabilities import Capability, Hit
from redline.redlines.shell import command_hits

_FLASH = re.compile(
    r"^\s*(?:sudo\s+(?:-\S+\s+)*)?(?:\S*/)?dd\s"
    r"(?=(?:[^\n]*\s)?if=['\"]?(?!/dev/)[^\s'\"]+\.(?:iso|img)(?:['\"]|\s|$))"
    r"(?=(?:[^\n]*\s)?of=['\"]?/dev/(?:sd[b-z]|mmcblk\d|r?disk(?:[4-9]|[1-9]\d)|disk/by-id/usb-[\w.:-]+)(?:['\"]|\s|$))",
)
"""`dd` from an image file (`.iso`, `.img`) onto a second, removable or card drive, whole."""


def flashed_image_hits(action: str) -> list[Hit]:
    """`IMAGE_FLASHED` at each `dd` of the line that writes an installer image onto a drive."""
    if "dd" not in action or "of=/dev/" not in action:
        return []
    return command_hits(
        action, Capability.IMAGE_FLASHED, lambda segment, _: _FLASH.match(segment) is not None
    )
