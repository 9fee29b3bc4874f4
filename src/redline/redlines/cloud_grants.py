r"""A cloud project's or subscription's owner rights given to an account from outside it.

A command line that binds a project's, folder's or organisation's top role (GCP's
`roles/owner`, `roles/editor`, a resource manager's or IAM's administrator, the service
account token creator; Azure's `Owner`, `Contributor`, `User Access Administrator`) to an account
nobody in the organisation holds: a personal mailbox (`--member=user:someone@gmail.com`,
`--assignee x@outlook.com`, a consumer mail provider's name as the domain's first label), a
directory's guest from another tenant (`...#EXT#@...`), or everyone (`allUsers`,
`allAuthenticatedUsers`). Whoever holds that mailbox keeps the project after every colleague's
password is changed: a backdoor made of the cloud's own access list
(`OUTSIDER_ADMIN_GRANT`).

A grant to the organisation's own people (`user:dana@acme.example`), groups or service accounts
(`serviceAccount:deployer@prod-core.iam.gserviceaccount.com`), a lesser role given to a
personal mailbox (`roles/viewer` for a contractor's review), a binding removed
(`remove-iam-policy-binding`) or listed (`get-iam-policy`) is not read here.

Read on the whole command line an agent is about to run, never on a response's text:
`outsider_grant_hits`.
"""

from __future__ import annotations

import re

from redline.redlines.capabilities import Capability, Hit
from redline.redlines.shell import command_hits

_GATE = ("add-iam-policy-binding", "role assignment")
"""A grant needs one of these words; a line without any is not read further."""

_GRANT = re.compile(
    r"^\s*(?:sudo\s+)?(?:\S*[\\/])?(?:gcloud(?:\.cmd)?\s+(?:[\w-]+\s+){1,3}add-iam-policy-binding\s"
    r"|az(?:\.cmd)?\s+role\s+assignment\s+create\s)",
    re.I,
)
"""A command that adds a role binding to a GCP resource's or an Azure scope's access list."""
_PERSONAL_MAIL = (
    r"(?:gmail|googlemail|outlook|hotmail|live|msn|yahoo|ymail|protonmail|proton|icloud|aol"
    r"|gmx|yandex|tutanota|mail\.ru)"
)
"""Consumer mail providers, as the first label of a mailbox's domain (`gmail.com`, `outlook.fr`)."""
_OUTSIDER = re.compile(
    r"""(?:--member|--assignee)(?:[\s=]+)['"]?(?:user:|domain:)?"""
    rf"""(?:[\w.+-]{{1,100}}@{_PERSONAL_MAIL}\.[\w.]{{1,60}}|[\w.+-]{{1,100}}#EXT#@[\w.-]{{1,100}}|allUsers|allAuthenticatedUsers)"""
    r"""(?=['"\s]|$)""",
    re.I,
)
"""The account bound: a personal mailbox, another tenant's guest, or everyone."""
_TOP_ROLE = re.compile(
    r"""--role(?:[\s=]+)['"]?(?:roles/(?:owner|editor|resourcemanager\.\w{0,60}Admin|iam\.\w{0,60}(?:Admin|TokenCreator))"""
    r"""|Owner|Contributor|User\s+Access\s+Administrator|Role\s+Based\s+Access\s+Control\s+Administrator)(?=['"\s]|$)""",
    re.I,
)
"""A role that owns the scope or grants its access: owner, editor, an access administrator."""


def outsider_grant_hits(action: str) -> list[Hit]:
    """`OUTSIDER_ADMIN_GRANT` at each command of the line that binds a top role (`_TOP_ROLE`)
    to a personal, guest or everyone's account (`_OUTSIDER`)."""
    lowered = action.lower()
    if not any(word in lowered for word in _GATE):
        return []
    return command_hits(action, Capability.OUTSIDER_ADMIN_GRANT, _grants_outsider)


def _grants_outsider(segment: str, _start: int) -> bool:
    return (
        _GRANT.match(segment) is not None
        and _OUTSIDER.search(segment) is not None
        and _TOP_ROLE.search(segment) is not None
    )
