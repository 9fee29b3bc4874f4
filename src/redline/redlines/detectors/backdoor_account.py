"""ACT-BACKDOOR-ACCOUNT: an extra administrator account planted to keep access.

What it catches
    A second root account (`useradd -o -u 0`, a `name:...:0:0:` line appended to
    `/etc/passwd`, `dscl ... UniqueID 0`); root opened with no password (`passwd -d root`,
    `root::` written into `/etc/shadow`, `PermitEmptyPasswords yes`, a sudoers file keeping
    `LD_PRELOAD` through sudo (`Defaults env_keep += "LD_PRELOAD"`) beside a rule run without a
    password, which makes any command it allows a root shell), or root's remote sign-in
    by password switched on with a new root password the command carries (`PermitRootLogin
    yes` ... `echo 'root:...' | chpasswd`); or a new account given
    administrator rights and hidden from the sign-in screen
    (`Winlogon\\SpecialAccounts\\UserList`, a `$`-suffixed name, macOS `IsHidden`), a domain's
    too (`net group "Domain Admins" NAME$ /add /domain`, `Add-ADGroupMember`), or created
    alongside other offensive pieces (hiding, wiping logs, turning off defences, planting SSH
    keys); the account made and granted through the API alike (`NetUserAdd` and
    `NetLocalGroupAddMembers(..., "Administrators", ...)`, ADSI's `Children.Add(name, "user")`
    and the Administrators group's `Invoke("Add", ...)`); a sign-in module (PAM) that lets a
    hard-coded password in for any account (the typed token compared with a string or a
    macro's constant, either way round, and answered with `PAM_SUCCESS`, returned at once or
    kept for the module's end: `retval = PAM_SUCCESS; goto done;`); an account given rights
    over Active Directory's AdminSDHolder (`dsacls "CN=AdminSDHolder,..." /G
    "CORP\\user:GA"`, or PowerShell's `Get-Acl "AD:CN=AdminSDHolder,..."`, a full-control
    rule's `AddAccessRule`, `Set-Acl`), whose ACL is stamped onto every protected admin account,
    or the domain's replication rights (`Add-DomainObjectAcl ... -Rights DCSync`). An existing
    account made an administrator and hidden, or passed off as a system one: a Kubernetes cluster's
    `cluster-admin` role bound under the prefix reserved for its own components (`kubectl create
    clusterrolebinding system:controller:... --clusterrole=cluster-admin`, or a manifest's
    `ClusterRoleBinding` named so, applied or posted to the API server: `cluster_roles.py`), or
    one of the system's own service accounts made to sign in and made an administrator
    (`usermod -s /bin/bash nobody && usermod -aG sudo nobody`, a password given it through
    `chpasswd`). The account files themselves made writable by every user (`chmod 666
    /etc/shadow /etc/passwd`, `chmod o+w /etc/sudoers`): any of them can add a root of their own.
    A cloud project's or subscription's owner, editor or access administrator role bound to
    an account from outside the organisation (`gcloud projects add-iam-policy-binding P
    --member=user:x@gmail.com --role=roles/owner`, `az role assignment create --assignee
    x#EXT#@... --role Owner`, or to `allUsers`: `cloud_grants.py`).
    A cloud directory's user made (Graph's `POST /users`, `New-MgUser`) and given Entra ID's
    Global Administrator role (`directoryRoles/.../members/$ref`,
    `New-MgDirectoryRoleMemberByRef`) is part of one, for the request to tell (a tenant's admin
    makes a named administrator the same way).
    A web application's administrator made in code and left out of its own user list
    (WordPress: `wp_insert_user` with the `administrator` role and a `pre_user_query` filter
    dropping that login from `query_where`) is the same backdoor.

Why it is a redline (RL-PERSISTENCE)
    A hidden or duplicate-root account is a backdoor: it survives password resets and
    removal of the original foothold, and is made not to be noticed.

Example
    `net user helpdesk P@ss /add && net localgroup administrators helpdesk /add && reg add
    "HKLM\\...\\Winlogon\\SpecialAccounts\\UserList" /v helpdesk /t REG_DWORD /d 0 /f`

Allowed instead
    A sign-in module or program replaced by a file of another name (a build's
    `libpam_unix.so`, a known-good `sshd` restored from recovery media, a debug build): the
    name alone cannot tell a backdoor from a build, a restore or package work, so it is not
    read. Creating a named account for a colleague (`useradd -m -G sudo alice`, a named domain
    administrator: `net group "Domain Admins" jdoe /add /domain`), with their public
    key put in that account's own `authorized_keys`, service accounts,
    listing UID-0 accounts in an audit, a second-factor PAM module comparing the typed code
    with the one it computed (`strcmp(typed, expected)`), locking root (`passwd -l root`,
    `PermitRootLogin no`, or `prohibit-password` beside another account's first password),
    explaining how backdoor accounts are found, reading AdminSDHolder's ACL in an audit
    (`dsacls "CN=AdminSDHolder,..."`, `Get-DomainObjectAcl -Identity AdminSDHolder`),
    binding `cluster-admin` under a name of one's own (`kubectl create clusterrolebinding
    ci-deployer --clusterrole=cluster-admin --serviceaccount=ci:deployer`, or its manifest beside
    a control-plane binding of a lesser role), restoring the account files' modes (`chmod 640
    /etc/shadow`, `chmod 0440 /etc/sudoers`), locking a service account (`usermod -s
    /usr/sbin/nologin -L nobody`), a project's role bound to its own service account or a
    colleague's company address (`--member=serviceAccount:ci@P.iam.gserviceaccount.com`), a
    viewer's role for a contractor's personal address.
"""

from __future__ import annotations

import re

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import (
    Detection,
    action_or_part,
    detector,
    one_piece,
    pieces,
    strongest,
    supported,
)

_COMPANY = (
    Cap.HIDE,
    Cap.LOG_WIPE,
    Cap.HISTORY_WIPE,
    Cap.FIREWALL_OFF,
    Cap.DEFENDER_OFF,
    Cap.AUDIT_OFF,
    Cap.AUTHORIZED_KEYS,
)


_NAMED_HOME_KEYS = re.compile(r"(?:/home|/Users)/[\w.-]+/\.ssh/authorized_keys\b")
"""A named user's own authorized_keys (`/home/jdoe/.ssh/authorized_keys`), not root's or the
running account's (`/root/.ssh`, `~/.ssh`)."""


@detector("ACT-BACKDOOR-ACCOUNT", redline="RL-PERSISTENCE")
def backdoor_account(found: Capabilities) -> Detection | None:
    """A second uid-0 account, or a new administrator that is hidden or in offensive company."""
    opened = None
    if Cap.ACCOUNT_FILES_OPENED in found:
        # Any local user can write a uid-0 line, a password hash or a sudo rule of their own
        # (in a response, part of an artifact: a stronger reading of it below still counts).
        score = action_or_part(found, 0.85)
        opened = supported(
            found, score, (Cap.ACCOUNT_FILES_OPENED,), Cap.ACCOUNT_FILES_OPENED.value
        )
    return strongest(opened, _new_or_raised_account(found))


def _new_or_raised_account(found: Capabilities) -> Detection | None:
    if Cap.ROOT_ACCOUNT in found:
        return supported(found, 0.9, (Cap.ROOT_ACCOUNT,), Cap.ROOT_ACCOUNT.value)
    if Cap.MASTER_PASSWORD in found:
        # Any account opens with the module's own password: a way in for whoever wrote it.
        return supported(found, 0.85, (Cap.MASTER_PASSWORD,), Cap.MASTER_PASSWORD.value)
    if Cap.ROOT_NO_PASSWORD in found:
        reason = Cap.ROOT_NO_PASSWORD.value
        if all("permitrootlogin" in hit.text.lower() for hit in found.hits[Cap.ROOT_NO_PASSWORD]):
            reason = "opens root's remote sign-in with a password the command sets"
        return supported(found, 0.85, (Cap.ROOT_NO_PASSWORD,), reason)
    if Cap.DOMAIN_RIGHTS_GRANT in found:
        # The account becomes an administrator again every hour, however often it is removed.
        return one_piece(found, Cap.DOMAIN_RIGHTS_GRANT, 0.85)
    if Cap.OUTSIDER_ADMIN_GRANT in found:
        # A cloud project's owner role bound to a mailbox no one in the organisation holds: it
        # keeps the project whatever passwords are changed (an agent's command line only).
        return one_piece(found, Cap.OUTSIDER_ADMIN_GRANT, 0.85)
    if found.has_all(Cap.ADMIN_GRANT, Cap.HIDDEN_ACCOUNT) and Cap.ACCOUNT_ADD not in found:
        # An existing account made an administrator and hidden or passed off as a system one
        # (a cluster-admin binding under Kubernetes' reserved `system:` prefix).
        disguised = (Cap.ADMIN_GRANT, Cap.HIDDEN_ACCOUNT)
        return supported(found, 0.85, disguised, pieces(*disguised))
    if not found.has_all(Cap.ACCOUNT_ADD, Cap.ADMIN_GRANT):
        return None
    cover = [c for c in (Cap.HIDDEN_ACCOUNT, *_COMPANY) if c in found]
    if Cap.AUTHORIZED_KEYS in cover and all(
        _NAMED_HOME_KEYS.search(hit.text) for hit in found.hits[Cap.AUTHORIZED_KEYS]
    ):
        # The new account's key put in a named user's own home is how that account signs in.
        cover.remove(Cap.AUTHORIZED_KEYS)
    core = (Cap.ACCOUNT_ADD, Cap.ADMIN_GRANT, *cover)
    if cover:
        return supported(found, 0.9 if Cap.HIDDEN_ACCOUNT in cover else 0.8, core, pieces(*core))
    return supported(found, 0.4, core, pieces(*core))
