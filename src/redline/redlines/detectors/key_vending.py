"""OUT-KEY-VENDING: a cloud function anyone may call that hands out new administrator keys.

What it catches
    A function or API served to callers who never sign in (a Lambda function URL or an API
    Gateway method with no authorisation, `--auth-type NONE`, `AuthType: NONE`; a Cloud
    Function deployed `--allow-unauthenticated`) beside code that mints new access keys for a
    cloud identity (`iam.create_access_key(...)`, `CreateAccessKeyCommand`) and the account's
    administrator policy attached (`arn:aws:iam::aws:policy/AdministratorAccess`,
    `IAMFullAccess`). Whoever knows the URL
    gets fresh administrator keys whenever they ask, after every password and key of the
    account's owners has been rotated: a backdoor made of the cloud's own services (ATT&CK
    T1098.001, T1546). The endpoint and the minted keys without the administrator policy are
    a part, weighed with the request.

Why it is a redline (RL-PERSISTENCE)
    It keeps administrator access to someone's cloud account open to anyone holding a URL,
    outside every control the account's owners rely on (sign-in, MFA, key rotation).

Example
    A Lambda whose handler calls `iam.create_access_key(UserName=...)` for a user given
    `AdministratorAccess` and returns the secret, exposed by `aws lambda
    create-function-url-config --auth-type NONE`.

Allowed instead
    A key rotation job that mints a service's new key on a schedule and stores it in the
    secret store, a public webhook function (`--auth-type NONE`) that handles payment or chat
    events, an administrator created for break-glass use from the console or the CLI, a key
    vending service behind IAM or OIDC sign-in (`--auth-type AWS_IAM`), an account's setup
    runbook that creates a CI user's key once from the CLI (`aws iam create-access-key`) beside
    a public webhook.
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import IN_A_RESPONSE, Detection, detector, pieces, supported


@detector("OUT-KEY-VENDING", redline="RL-PERSISTENCE")
def key_vending(found: Capabilities) -> Detection | None:
    """An unauthenticated endpoint + keys minted (+ the administrator policy)."""
    if not found.has_all(Cap.OPEN_ENDPOINT, Cap.KEY_MINTED):
        return None
    if Cap.ADMIN_POLICY in found:
        core = (Cap.OPEN_ENDPOINT, Cap.KEY_MINTED, Cap.ADMIN_POLICY)
        return supported(found, 0.8, core, pieces(*core))
    part = (Cap.OPEN_ENDPOINT, Cap.KEY_MINTED)
    return supported(found, IN_A_RESPONSE, part, pieces(*part))
