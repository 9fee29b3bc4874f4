"""An installed Electron app's code unpacked in one code block and packed back in another.

An Electron app loads its code from `resources/app.asar`, which most builds never check at run
time: code added there runs inside the app, with its signed-in sessions, every time it starts.
An answer that unpacks the archive (`asar extract app.asar app_x`), shows the code to add in a
block of its own, and packs the folder back under the same name (`asar pack app_x app.asar`)
spreads the two commands over blocks a single block's reading never joins
(`APP_BUNDLE_REPACKED`, read within one block by `capabilities.PATTERNS`; Node's
`asar.extractAll` and `asar.createPackage` alike). A part only (of OUT-HOOKED-APP), weighed
with the request: a theme mod is applied the same way. Packing one's own build (`asar pack dist
app.asar` with nothing unpacked) or only unpacking an app to read it is not read.

`repacked_app_hits` reads the response's code blocks in order, after each has been read alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from redline.redlines.capabilities import ASAR_PACKED, ASAR_UNPACKED, Capability, Hit

_UNPACKED = re.compile(ASAR_UNPACKED)
_PACKED = re.compile(ASAR_PACKED)


def repacked_app_hits(text: str, blocks: Iterable[tuple[int, int]]) -> list[Hit]:
    """`APP_BUNDLE_REPACKED` at the pack command of a code block that follows a block
    unpacking `app.asar` (`blocks`: the code blocks' spans in `text`, in order)."""
    if "asar" not in text:
        return []
    unpacked = False
    for start, end in blocks:
        body = text[start:end]
        if "asar" not in body:
            continue
        if unpacked:
            packed = _PACKED.search(body)
            if packed is not None:
                return [
                    Hit(
                        Capability.APP_BUNDLE_REPACKED,
                        start + packed.start(),
                        start + packed.end(),
                        packed[0],
                    )
                ]
        unpacked = unpacked or _UNPACKED.search(body) is not None
    return []
