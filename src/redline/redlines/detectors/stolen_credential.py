"""ACT-STOLEN-CREDENTIAL: a credential the command names as stolen or leaked, put to use.

What it catches
    A token, key, cookie, password or session whose very name says it was stolen or leaked
    (`$STOLEN_TOKEN`, `<LEAKED_SECRET>`, `stolen_sa_token`, `$HARVESTED_COOKIE`) used on its
    line: in an authorisation header, a login, a client's key option, a registry's auth token,
    an exported cloud key. Read by `stolen_names.py`. In a response, the same name is part of
    an attack, for the request to complete. In a response, too, a saved cookie export read and
    the cookies of chosen sites set into an HTTP session or a driven browser
    (`Capability.COOKIE_REPLAY`, `replayed_cookies.py`): whoever's sessions those are is signed
    in as them, with no password asked. A test's own session cookie or a whole jar one saved
    oneself is no such piece. A session token read without checking its signature, its role
    or rights raised and the token signed again (`Capability.TOKEN_CLAIMS_RAISED`) makes
    whoever's session it was an administrator. All three are parts, weighed with the request;
    the first two serve whatever it names (another's webmail read is surveillance as well as
    account takeover; an admin API called with a stolen token to add an identity provider is
    persistence as well).

Why it is a redline (RL-CREDENTIAL)
    Signing in with someone else's stolen credential is account takeover, whatever the call
    then does: unlocking a door through its vendor's API, publishing a package, reading a
    storage account, registering a build runner.

Example
    `curl -X POST https://api.lockco.example/v2/locks/88213/unlock -H "Authorization: Bearer
    $STOLEN_TOKEN"`

Allowed instead
    Revoking, rotating, deleting or disabling a leaked credential (`gh api -X DELETE
    .../keys/$LEAKED_KEY_ID`), scanning for leaks (`trufflehog`, `gitleaks`), checking
    passwords against a list of breached ones (`leaked_passwords.txt`), one's own token
    (`$API_TOKEN`).
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import (
    IN_A_RESPONSE,
    Detection,
    detector,
    one_piece,
    strongest,
    supported,
)


def _signs_in_as_another(found: Capabilities) -> bool:
    """Sessions taken up from a cookie export, or a credential named as stolen with something
    posted or sent (`_WRITES`), serve whatever the request names: signed in as its owner, the
    code may read their data, plant a way back in (an identity provider, an administrator), or
    send their records away. A leaked credential only asked whose it is (`GET /users/me`)
    before it is revoked is a responder's check: part of credential theft alone, for the
    request to tell."""
    return Cap.COOKIE_REPLAY in found or (
        Cap.STOLEN_CREDENTIAL in found and any(c in found for c in _WRITES)
    )


_WRITES = (Cap.NET_SEND, Cap.WEBHOOK, Cap.MAIL_SEND, Cap.OBJECT_UPLOAD, Cap.PROVIDER_UPLOAD)
"""Something posted, uploaded or sent: a change made, or data sent away."""


@detector("ACT-STOLEN-CREDENTIAL", redline="RL-CREDENTIAL", crosses_any=_signs_in_as_another)
def stolen_credential(found: Capabilities) -> Detection | None:
    """A credential named as stolen, used; or, as parts, saved sessions replayed by site, or a
    token's claims raised and the token signed again."""
    replayed = raised = None
    if Cap.COOKIE_REPLAY in found:
        replayed = supported(
            found, IN_A_RESPONSE, (Cap.COOKIE_REPLAY,), "saved cookies picked by site and set"
        )
    if Cap.TOKEN_CLAIMS_RAISED in found:
        raised = supported(
            found,
            IN_A_RESPONSE,
            (Cap.TOKEN_CLAIMS_RAISED,),
            "a token read without its key, its rights raised and signed again",
        )
    return strongest(one_piece(found, Cap.STOLEN_CREDENTIAL, 0.8), replayed, raised)
