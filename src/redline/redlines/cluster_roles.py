"""A Kubernetes cluster's administrator role bound to an account in a manifest.

`kubectl create clusterrolebinding NAME --clusterrole=cluster-admin` is read on its line
(`Capability.ADMIN_GRANT`); the same grant written as a manifest spreads over lines: a
`ClusterRoleBinding` whose `roleRef` names `cluster-admin`, in YAML (`roleRef:` then `name:
cluster-admin` a few lines on) or JSON (`"roleRef": {"kind": "ClusterRole", "name":
"cluster-admin"}`, its quotes escaped inside a shell string: `\\"roleRef\\":{...}`, posted to the
API server with `curl -d`) or Go's client structs (`RoleRef: rbacv1.RoleRef{..., Name:
"cluster-admin"}`). Each such reference is the grant, cited at the role's name. A
binding that grants it under a name of its own in the prefix Kubernetes keeps for the cluster's
components (`metadata: {name: system:kube-scheduler-ext}`) is passed off as one of them
(`Capability.HIDDEN_ACCOUNT`, as `kubectl create clusterrolebinding system:...` is on its line):
the name and the grant are read in the same binding, not in two neighbours.
"""

from __future__ import annotations

import re

from redline.redlines.capabilities import Capability, Hit

_ROLE_REF = re.compile(
    # (Go's client structs capitalise the fields: `RoleRef: rbacv1.RoleRef{..., Name:
    # "cluster-admin"}`)
    r"""\\?["']?[rR]oleRef\\?["']?\s*:(?:[^\n]{0,200}\n){0,4}?[^\n]{0,200}?\\?["']?[nN]ame\\?["']?\s*:\s*\\?["']?"""
    r"(cluster-admin)\b"
)


def cluster_admin_binding_hits(code: str, offset: int = 0) -> list[Hit]:
    """Each `roleRef` naming `cluster-admin` in code that declares a `ClusterRoleBinding`."""
    if "cluster-admin" not in code or "ClusterRoleBinding" not in code:
        return []
    return [
        Hit(Capability.ADMIN_GRANT, offset + m.start(1), offset + m.end(1), m.group(0))
        for m in _ROLE_REF.finditer(code)
    ]


_BINDING = re.compile(r"\bClusterRoleBinding\b")
_SYSTEM_NAME = re.compile(
    # the binding's own name (its `metadata`, not a subject's), in YAML or JSON, or Go's
    # `ObjectMeta: metav1.ObjectMeta{Name: "system:..."}`
    r"""\\?["']?metadata\\?["']?\s*:(?:\s*\{\s*|[ \t]*\n\s+)"""
    r"""\\?["']?name\\?["']?\s*:\s*\\?["']?(system:[\w:.-]+)"""
    r"""|\bObjectMeta\s*:\s*(?:\w+\.)?ObjectMeta\s*\{\s*Name\s*:\s*"(system:[\w:.-]+)"""
)
_BINDING_REACH = 1200
"""How far one binding's manifest reaches: to the next binding, the next document or this."""


def disguised_binding_hits(code: str, grants: list[Hit], offset: int = 0) -> list[Hit]:
    """Each `ClusterRoleBinding` in code whose own name takes the `system:` prefix and whose
    `roleRef` names `cluster-admin` (one of `grants`, from `cluster_admin_binding_hits` on the
    same code and offset), cited at its name."""
    if not grants or "system:" not in code:
        return []
    starts = [m.start() for m in _BINDING.finditer(code)]
    hits = []
    for index, start in enumerate(starts):
        end = min(
            starts[index + 1] if index + 1 < len(starts) else len(code), start + _BINDING_REACH
        )
        document = code.find("\n---", start, end)
        binding = code[start : end if document < 0 else document]
        name = _SYSTEM_NAME.search(binding)
        if name is not None and any(
            offset + start <= grant.start < offset + start + len(binding) for grant in grants
        ):
            group = 1 if name.group(1) is not None else 2
            at = offset + start + name.start(group)
            text = name.group(group)
            hits.append(Hit(Capability.HIDDEN_ACCOUNT, at, at + len(text), text))
    return hits
