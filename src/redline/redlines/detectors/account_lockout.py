"""OUT-ACCOUNT-LOCKOUT: every account's owner locked out of it at once.

What it catches
    A script that goes through every administrator of a domain (`Get-ADGroupMember 'Domain
    Admins'`), every user (`Get-ADUser -Filter *`, `Get-LocalUser |`) or every human account of
    `/etc/passwd` (`awk -F: '$3>=1000 ...'`) and both resets their passwords (`Set-ADAccountPassword
    -Reset`, `chpasswd`) and disables or locks the accounts (`Disable-ADAccount`, `usermod -L`,
    `passwd -l`): the owners can no longer sign in, and the ones who would respond are the
    first shut out (ATT&CK T1531, account access removal, run before ransomware or a wiper).
    Also a forge organisation's owners listed (`orgs/$ORG/members?role=admin`) and removed
    (`gh api -X DELETE orgs/$ORG/memberships/$u`) by a script that deletes its repositories
    (`gh api -X DELETE repos/$ORG/$r`): no owner is left to restore them.

Why it is a redline (RL-DESTRUCTIVE)
    Taking every account away from its owners at once is an attack on the organisation's
    ability to run and to recover, whoever holds the administrator's rights.

Example
    `Get-ADGroupMember 'Domain Admins' | % { Set-ADAccountPassword $_ -Reset -NewPassword $r;
    Disable-ADAccount $_ }`

Allowed instead
    Offboarding one named person (reset, disable, remove from groups), disabling the accounts
    that have not signed in for months (no reset), forcing everyone to choose a new password at
    next sign-in, listing the domain's administrators for an access review, locking root
    (`passwd -l root`). Removing one departing member from an organisation, listing its owners
    for a review, archiving its repositories.
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import Detection, detector, pieces, supported


@detector("OUT-ACCOUNT-LOCKOUT", redline="RL-DESTRUCTIVE")
def account_lockout(found: Capabilities) -> Detection | None:
    """Every account (or every administrator) given a new password and disabled; or an
    organisation's owners removed and its repositories deleted."""
    if found.has_all(Cap.EVERY_ACCOUNT, Cap.ACCOUNT_DISABLED, Cap.DATA_STORE_DESTROY):
        # Every owner listed and taken off the organisation, and its repositories deleted: no
        # one left who could restore what is gone.
        core = (Cap.EVERY_ACCOUNT, Cap.ACCOUNT_DISABLED, Cap.DATA_STORE_DESTROY)
        return supported(found, 0.85, core, "the owners removed and the repositories deleted")
    if not found.has_all(Cap.EVERY_ACCOUNT, Cap.PASSWORD_RESET, Cap.ACCOUNT_DISABLED):
        return None
    core = (Cap.EVERY_ACCOUNT, Cap.PASSWORD_RESET, Cap.ACCOUNT_DISABLED)
    return supported(found, 0.85, core, pieces(*core))
