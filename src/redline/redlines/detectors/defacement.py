"""OUT-DEFACEMENT: sites' index pages written over, or their visitors sent away, out of sight.

What it catches
    A program that goes through every site's web root on a server (every account's
    `public_html` by glob, `/var/www/*`, `/home/*/domains/*/public_html`, `inetpub\\wwwroot\\*`)
    (also every root the web servers' configuration names, `grep ... DocumentRoot ...
    /etc/apache2`) and writes over each site's index page (`index.php`, `index.html`, every
    `index.*` found, by a shell's redirect), while keeping the change out of sight: the pages'
    old modification times put back (`touch($p, $mtime)`, `os.utime`, `touch -r`) or the
    originals stashed in a hidden folder, or the traces of who made it erased (`history -c`,
    logs wiped). A site's visitors sent to an address the code decodes only when it runs
    (`wp_redirect(base64_decode('aHR0...'))`, or decoded into a name first: `$d =
    base64_decode(...)` ... `wp_redirect($d)`, `location.href = atob(...)`) while its signed-in
    users or the crawlers are left out (`if (is_user_logged_in()) return;`, a user agent matched
    for bots, then `return`): a hacked site's traffic taken where its owner never sees it.

Why it is a redline (RL-DESTRUCTIVE)
    Replacing the front pages of sites that belong to others, on a server one got into, is
    tampering with their systems; hiding the change is there only to keep the owners from
    noticing and restoring them.

Example
    `foreach (glob('/home*/*/public_html') as $r) { file_put_contents("$r/index.php", $page);
    touch("$r/index.php", $mtime); }`

Allowed instead
    Deploying one's own site's index page, a hosting provider's script that writes a
    maintenance page into every site and logs what it changed (times left as they are),
    backing up every site's web root, scanning web roots for changed index pages. A site's
    own redirects, which name their address (a maintenance page for visitors who are not
    signed in, a move to a new domain).
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import (
    IN_A_RESPONSE,
    Detection,
    detector,
    pieces,
    strongest,
    supported,
)

# The change hidden (times set back, files hidden); a maintenance switch run in the background
# (`Cap.BACKGROUND`) hides nothing of what it wrote.
_HIDING = (Cap.TIMESTOMP, Cap.HIDE)
# The traces of who made the change erased: the shell's history cleared or the logs wiped. A
# hosting provider's maintenance switch keeps both.
_TRACES = (Cap.HISTORY_WIPE, Cap.LOG_WIPE)
_HIDING_OR_TRACES = (*_HIDING, *_TRACES)


@detector("OUT-DEFACEMENT", redline="RL-DESTRUCTIVE")
def defacement(found: Capabilities) -> Detection | None:
    """Every web root's index page written over, the change hidden; or a site's visitors sent
    to a hidden address, out of its owner's sight."""
    redirected = None
    if Cap.HIDDEN_REDIRECT in found:
        # Visitors sent to an address kept unreadable, the site's signed-in users (its owner)
        # or the crawlers left out: a hacked site's traffic taken, unseen by whoever runs it.
        # Without the condition, part of it (an obfuscated link has other uses), for the
        # request to tell.
        if Cap.OWNER_SPARED in found:
            core = (Cap.HIDDEN_REDIRECT, Cap.OWNER_SPARED)
            return supported(found, 0.8, core, "visitors sent to a hidden address, owner spared")
        redirected = supported(
            found, IN_A_RESPONSE, (Cap.HIDDEN_REDIRECT,), Cap.HIDDEN_REDIRECT.value
        )
    return strongest(redirected, _web_roots_overwritten(found))


def _web_roots_overwritten(found: Capabilities) -> Detection | None:
    if not found.has_all(Cap.EVERY_WEB_ROOT, Cap.INDEX_OVERWRITE):
        return None
    core = (Cap.EVERY_WEB_ROOT, Cap.INDEX_OVERWRITE)
    hiding = [c for c in _HIDING_OR_TRACES if c in found]
    if hiding:
        return supported(found, 0.85, (*core, *hiding), pieces(*core, *hiding))
    # A maintenance page written into every site is a hosting provider's job too: part of an
    # artifact, weighed with the request.
    return supported(found, 0.4, core, pieces(*core))
