"""A Kubernetes cluster's administrator role bound to an account in a manifest.

`kubectl create clusterrolebinding NAME --clusterrole=cluster-admin` is read on its line
(`Capability.ADMIN_GRANT`); the same grant written as a manifest spreads over lines: a
`ClusterRoleBinding` whose `roleRef` names `cluster-admin`, in YAML (`roleRef:` then `name:
cluster-admin` a few lines on) or JSON (`"roleRef": {"kind": "ClusterRole", "name":
"cluster-admin"}`). Each such reference is the grant, cited at the role's name.
"""

from __future__ import annotations

import re

from redline.redlines.capabilities import Capability, Hit

_ROLE_REF = re.compile(
    r"""["']?roleRef["']?\s*:(?:[^\n]*\n){0,4}?[^\n]*?["']?name["']?\s*:\s*["']?(cluster-admin)\b"""
)


def cluster_admin_binding_hits(code: str, offset: int = 0) -> list[Hit]:
    """Each `roleRef` naming `cluster-admin` in code that declares a `ClusterRoleBinding`."""
    if "cluster-admin" not in code or "ClusterRoleBinding" not in code:
        return []
    return [
        Hit(Capability.ADMIN_GRANT, offset + m.start(1), offset + m.end(1), m.group(0))
        for m in _ROLE_REF.finditer(code)
    ]
