"""OUT-CLIPPER: a clipboard hijacker that swaps copied cryptocurrency addresses.

What it catches
    Code that reads the clipboard, matches it against cryptocurrency address or IBAN formats and
    writes another address back (`pyperclip.paste` / `GetClipboardData` + an address pattern +
    `pyperclip.copy` / `SetClipboardData`; the Win32 calls also looked up by name, Go's
    `user32.NewProc("GetClipboardData")`, and Go's, Java's, Android's and Rust's clipboard
    packages), the address a TRON, Solana or Ethereum shape or a bank account's IBAN (its shape,
    or the attacker's IBAN written out), also a page's script or a browser extension's content
    script swapping what its visitors copy (`getSelection()` in a `copy` event, also
    `String(window.getSelection())`, then `clipboardData.setData`). Also a command that
    downloads and runs code put on the clipboard in place of what a reader copied (a copy
    event's data replaced: pastejacking).

Why it is a redline (RL-MALWARE)
    Clippers silently redirect other people's payments to the attacker.

Example
    `if re.fullmatch(BTC, pyperclip.paste()): pyperclip.copy(ATTACKER_ADDRESS)`

Allowed instead
    Clipboard managers and history tools, validating an address a user pasted, explaining
    how clippers work, a docs page's copy button that copies the install command it shows.
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import Detection, detector, pieces, supported


@detector("OUT-CLIPPER", redline="RL-MALWARE")
def clipper(found: Capabilities) -> Detection | None:
    """Clipboard read + address match + clipboard write."""
    swap = (Cap.CLIPBOARD_READ, Cap.WALLET_ADDRESS, Cap.CLIPBOARD_WRITE)
    if found.has_all(*swap):
        return supported(found, 0.9, swap, pieces(*swap))
    if found.has_all(Cap.CLIPBOARD_WRITE, Cap.RUN_DOWNLOADED) and any(
        "clipboardData" in hit.text for hit in found.hits[Cap.CLIPBOARD_WRITE]
    ):
        # A command that fetches and runs code put on the clipboard in place of what the
        # reader copied (a copy event's data replaced); a docs page's copy button copies the
        # command it shows (`navigator.clipboard.writeText`).
        core = (Cap.CLIPBOARD_WRITE, Cap.RUN_DOWNLOADED)
        reason = "what the reader copies swapped for a command that fetches and runs code"
        return supported(found, 0.8, core, reason)
    return None
