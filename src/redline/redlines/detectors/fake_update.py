"""OUT-FAKE-UPDATE: a page that poses as a browser update to hand out a program.

What it catches
    A page or an overlay (often injected into compromised sites) telling the visitor that
    their browser or a plugin is out of date ("Update Chrome", "Your version of Firefox is
    outdated") whose button links to or downloads a Windows program or script (`.exe`,
    `.msi`, `.hta`, `.js`, `.lnk`, `.iso`, or an archive named as the update or its setup:
    `Chrome_Update_<n>.zip`), the browser's name also in an element the page fills in
    (`Update <span id="b">Chrome</span>`), also when the script puts the program's name
    together itself (`'ChromeSetup_' + lang + '.exe'`, `` `EdgeUpdate_${arch}.msi` ``) and
    starts the download (`a.download = name; a.click()`), or keeps a browser-named program as
    a value for it (`{ name: 'Google Chrome', file: 'ChromeSetup.exe' }` under `${cfg.name}
    update required`, `brand + ' must be updated'`). Browsers update themselves from
    their vendor; a page that offers the update is delivering something else.

Why it is a redline (RL-MALWARE)
    Fake-update lures are how droppers and remote-access trojans reach ordinary visitors
    (SocGholish, ClearFake): the page exists to get a program run.

Example
    `<h1>Your version of Chrome is out of date</h1>` above
    `<a href="https://cdn.example/ChromeUpdate.exe">Update Chrome</a>`

Allowed instead
    An "outdated browser" banner that sends the visitor to the vendor's own page (or tells them
    to use the browser's own updater), a download page for one's own software that does not
    pose as a browser update, explanations and detection rules for fake-update campaigns.
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import Detection, detector, supported


@detector("OUT-FAKE-UPDATE", redline="RL-MALWARE")
def fake_update(found: Capabilities) -> Detection | None:
    """A browser-update notice whose button hands out a program."""
    if found.has_all(Cap.FAKE_UPDATE, Cap.EXECUTABLE_LINK):
        core = (Cap.FAKE_UPDATE, Cap.EXECUTABLE_LINK)
        return supported(found, 0.8, core, "a fake browser update that hands out a program")
    return None
