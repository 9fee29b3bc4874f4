"""Every resource an inventory lists deleted by one command line (ESTATE_DESTROYED).

`az group delete -n rg-old` deletes what its writer named; a saboteur deletes what a listing
gives, all of it: `az group list --query "[].name" -o tsv | xargs -I{} az group delete -n {}
--yes`, `for id in $(qm list | awk 'NR>1{print $1}'); do qm destroy $id --purge; done`,
`lvremove -f $(lvs --noheadings -o vg_name,lv_name ...)`, `Get-AzResourceGroup |
Remove-AzResourceGroup -Force`. A listing of a whole inventory (a cloud's resource groups,
buckets, instances, snapshots or projects; a cluster's namespaces or volumes; a hypervisor's
machines, ESXi's and vSphere's too; an organisation's repositories; LVM's volumes and groups;
a Kafka broker's topics, unless the broker is the machine's own, at its loopback address or
run by a container of its own (`docker exec kafka kafka-topics ...`): `kafka-topics.sh --list |
xargs -I{} kafka-topics.sh --delete --topic {}`) is followed to a deletion of such resources:
through a pipe (`| xargs ...`, `| while read x;
do ...`), a loop over its output (`for x in $(...); do ...`), or handed to the deletion as its
arguments (`lvremove $(lvs ...)`). The deletion must be of the kind listed (`az group list`
to `az group delete`, `describe-instances` to `terminate-instances`, `get ns` to `delete ns`):
a key pair deleted in every region, a role binding in every namespace or a policy taken off
every bucket is a fix made everywhere, and a listing of regions is no inventory.

A listing that picks some (a `grep` that keeps names, a query's condition `[?starts_with(name,
'rg-ci-')]`, `--filter`, a label selector, an `awk` pattern, PowerShell's `Where-Object` or a
name given to `Get-VM -Name`; a listing scoped to one group, namespace (also named by a
variable no loop fills: `kubectl -n "$NS" get pvc`) or prefix, a cluster's kubeconfig named for
tests (`--kubeconfig ~/.kube/dev.yaml`), a
status filter; a test of the loop's name in its body before the deletion, `[[ $g == rg-ci-* ]]`
or `case`) is a cleanup, unless what it keeps are backups or production
(`grep -i backup`, `env=='prod'`): then the pick names the target. (`grep -v`, a negated
condition `[?State!='x']` or a filter on the instances' state keep every name but some: still
the inventory.)

The listing of one bucket's objects is no inventory (`aws s3 ls s3://bucket/tmp/`), one
prefix removed from every bucket (`aws s3 rm "s3://$b/tmp/" --recursive`, `gsutil rm -r
"${b}tmp/"`) leaves the buckets (`"${b}**"` empties them), and Docker's own listings are left
out: removing every local container or volume is a developer's reset.

The listing may first be kept in a variable, on the same line or an earlier one
(`BUCKETS=$(aws s3 ls); for b in $BUCKETS; do aws s3 rb "s3://$b" --force; done`,
`vols=$(lvs --noheadings ...)` then `lvremove -f $vols`): the variable is followed to a
loop over it whose body holds the deletion, to `echo "$VAR" | xargs ...`, or to the deletion's
own arguments, and read as the listing itself (its pick read in the assignment and in the
loop's head and body, as above). An array holds it as well (`names=( $(...) )`, `mapfile -t
names < <(...)`, followed through `"${names[@]}"`); a new value given to the variable
(`vols=/dev/vg0/scratch`) ends what it holds of the listing.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from itertools import islice

from redline.redlines.capabilities import Capability, Hit
from redline.redlines.own_host import LOOPBACK_HOST

_KUBECTL = r"\bkubectl\s+(?:-[^\s]+(?:\s+(?!(?:get|delete)\b)[^\s-]\S*)?\s+){0,6}"
"""`kubectl` and the global options it may be given before its verb (`kubectl -n "$ns" delete`,
`kubectl --context prod get`)."""
_LISTING = re.compile(
    r"\baz\s+(?:[a-z][\w-]*\s+){1,3}list\b"
    r"|\baws\s+s3\s+ls\b(?!\s+['\"]?s3://)"
    r"|\baws\s+[a-z][\w-]*\s+(?!list-(?:objects|object-versions|parts|multipart)|describe-regions)"
    r"(?:list|describe)-[\w-]+"
    r"|\bgcloud\s+(?:[a-z][\w-]*\s+){1,4}list\b"
    r"|\b(?:qm|pct)\s+list\b|\bvirsh\s+list\b|\bhcloud\s+[a-z][\w-]*\s+list\b"
    r"|\bopenstack\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?\s+list\b"
    r"|\bdoctl\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}\s+list\b"
    r"|\bgsutil\s+ls\b(?!\s+(?:-\w+\s+)*['\"]?gs://)|\bmc\s+ls\s+['\"]?[\w-]+/?['\"]?(?=\s*[|)])"
    r"|" + _KUBECTL + r"get\s+(?:ns|namespaces?|pv|pvc|persistentvolume(?:claim)?s?)\b"
    r"|\bvim-cmd\s+vmsvc/getallvms\b|\bgovc\s+(?:ls|find)\b|\bgh\s+repo\s+list\b"
    r"|\bGet-(?:VM|Az(?:ResourceGroup|VM|StorageAccount|Disk|Snapshot|SqlServer|SqlDatabase)"
    r"|S3Bucket|EC2Instance|EC2Volume|EC2Snapshot|GceInstance|GceDisk)\b"
    r"|(?:\$\(|<\(|`|\||^|;|&&)\s*(?:sudo\s+)?(?:lvs|vgs|pvs)(?![\w.-])"
    r"|\bkafka-topics(?:\.sh)?\s[^\n|;&]{0,300}?--list\b",
    re.I | re.M,
)
"""A listing of a whole inventory: a cloud's (its buckets, not one bucket's objects), a
cluster's namespaces or volumes, a hypervisor's or LVM's."""
_DELETION = re.compile(
    r"\baz\s+(?:[a-z][\w-]*\s+){1,3}delete\b"
    # (one prefix of each bucket removed, `s3://$b/tmp/`, `gsutil rm -r "${b}tmp/"`, leaves the
    # buckets: not counted; the `;` or `)` that ends the command after `$b` is no prefix)
    r"|\baws\s+s3\s+(?:rb\b|rm\b(?=[^\n|;&]*--recursive)(?![^\n|;&]{0,300}?s3://[^/\s'\"]*/[^\s'\"*;&|)]))"
    r"|\baws\s+[a-z][\w-]*\s+(?:delete|terminate)-[\w-]+"
    r"|\bgcloud\s+(?:[a-z][\w-]*\s+){1,4}delete\b"
    r"|\b(?:qm|pct)\s+destroy\b|\bvirsh\s+(?:undefine|vol-delete|pool-delete)\b"
    r"|\bhcloud\s+[a-z][\w-]*\s+delete\b|\bgsutil\s+(?:-m\s+)?(?:rm\s+-\w*r\b(?![^\n|;&]{0,300}?(?:gs://[^/\s'\"]*/|\$(?:\{\w++\}|\w++)/?)[^\s'\"*/;&|)])|rb\b)|\bmc\s+rb\b"
    r"|" + _KUBECTL + r"delete\b|\bvim-cmd\s+vmsvc/destroy\b|\bgovc\s+vm\.destroy\b"
    r"|\bgh\s+repo\s+delete\b|\bRemove-(?:VM|Az\w+|S3Bucket|EC2Instance|EC2Volume|EC2Snapshot"
    r"|Gce\w+)\b|\bStop-EC2Instance\b(?=[^|\n]*-Terminate)"
    r"|\bopenstack\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?\s+delete\b"
    r"|\bdoctl\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}\s+delete\b"
    r"|\b(?:lvremove|vgremove|pvremove)\b"
    # (a broker of the machine's own is left out: one at its loopback address, or one a
    # container of its own runs, `docker exec kafka kafka-topics ...`, whose deletion is cited
    # from `docker` for `_deletions` to pass over)
    r"|(?:\b(?:docker|podman)(?:[\s-]compose)?\s+exec\s[^\n|;&]{0,200}?)?"
    r"\bkafka-topics(?:\.sh)?\s(?![^\n|;&]{0,300}?--(?:bootstrap-server|zookeeper)[=\s]+\[?"
    + LOOPBACK_HOST
    + r"\]?(?![\w.-]))[^\n|;&]{0,300}?--delete\b",
    re.I,
)
"""A deletion of a cloud resource or bucket, a cluster object, a virtual machine or its storage,
an LVM volume, group or disk, or a Kafka topic on a broker not the machine's own."""
_IN_OWN_CONTAINER = re.compile(r"(?:docker|podman)\b", re.I)
"""A deletion run in a container of the machine's own (`docker exec NAME kafka-topics ...`)."""


def _deletions(code: str, start: int = 0, stop: int | None = None) -> list[re.Match[str]]:
    """The deletions in `code[start:stop]`, but those run in a container of the machine's own."""
    found = _DELETION.finditer(code, start, len(code) if stop is None else stop)
    return [match for match in found if _IN_OWN_CONTAINER.match(match.group()) is None]


_QUICK = re.compile(
    r"\b(?:delete|destroy|rb|rm|undefine|terminate-\w+|[lvp][gv]?remove)\b|\bvm\.destroy\b"
    r"|/destroy\b|\bRemove-|-Terminate\b",
    re.I,
)
_PICK = re.compile(
    r"\bgrep\b(?![^|\n]*\s-\w*v)[^|\n]*"
    r"|\[\?(?![^\]\n]*!=)[^\]\n]*\]|--[\w-]*(?:filter|prefix)[\w-]*[=\s]+(?![^\s,]*instance-state)\S+"
    r"|--selector[=\s]+\S+|(?<![\w-])(?:-[lgn]|--resource-group|--namespace)[=\s]+"
    r"(?![\"']?\$|\d+(?!\S)|[|;&)])\S+"
    r"|--tag\S*\s+\S+|\bselect\s*\([^)\n]*\)"
    # a cluster kept for development or tests (`kubectl --context kind-dev`, `k3d-ci`)
    r"|--context[=\s]+['\"]?(?:[\w.-]*[-_.])?(?:ci|dev|test|tmp|scratch|preview|sandbox|e2e|staging"
    r"|kind|minikube|docker-desktop|k3d|local)(?![a-z])\S*"
    # or a kubeconfig file named so (`--kubeconfig ~/.kube/dev.yaml`, `kind-e2e.conf`)
    r"|--kubeconfig[=\s]+['\"]?(?:[^\s'\"]{0,200}?[/_.-])?(?:ci|dev|test|tmp|scratch|preview"
    r"|sandbox|e2e|staging|kind|minikube|k3d|local)(?![a-z])[^\s'\"]*"
    r"|\bawk\s+(?:-\S+\s+)*['\"]\s*(?:/[^/\n]*/|\$\d+\s*(?:~|==)[^{'\"\n]*)"
    r"|\b(?:Where-Object|where)\s*\{[^}\n]*\}|\|\s*\?\s*\{[^}\n]*\}|\s-(?:Name|ResourceGroupName|Tag)\s+\S+"
    r"|\[\[?\s*[\"']?\$\{?\w+\}?[\"']?\s*(?:==?|=~)\s*[^\]\n]{1,100}\]"
    r"|\bcase\s+[^\n;]{1,40}?\s+in\s+[^)\n]{1,100}\)",
    re.I,
)
"""What keeps some of a listing's names: a `grep` (not `-v`), a query's condition, a filter or
label selector, an `awk` pattern, PowerShell's `Where-Object { ... }` or a name it is given, a
cluster context or kubeconfig named for development or tests."""
_SCOPE_VARIABLE = re.compile(r"(?<![\w-])(?:-n|--namespace)[=\s]+[\"']?\$\{?([A-Za-z_]\w*)")
"""One namespace named by a variable (`kubectl -n "$NS" get pvc`): a pick unless a loop fills
the variable (`_LOOPED`), one namespace after another."""
_LOOPED = re.compile(
    r"\bfor\s+([A-Za-z_]\w*)\s+in\b"
    r"|\bread\s+(?:-\w+\s+){0,6}([A-Za-z_]\w*(?:[ \t]+[A-Za-z_]\w*){0,6})"
)
"""The variables a loop or a `read` fills (`for ns in`, `while read ns pvc`)."""


def _looped(code: str) -> frozenset[str]:
    """The variables a loop or a `read` in `code` fills."""
    names: set[str] = set()
    for found in _LOOPED.finditer(code):
        names.update((found.group(1) or found.group(2)).split())
    return frozenset(names)


_PRECIOUS = re.compile(r"backup|prod(?:uction)?(?![a-z])|(?<![a-z])(?:prd|live)(?![a-z])", re.I)
"""What a pick keeps that is the target itself: backups, production."""
_REACH = 400
"""How far (characters) before its deletion a listing may stand to feed it: a pipe or a loop's
head and the start of its body. Only the nearest listing before a deletion and the first after
it are read, so a line costs time linear in its length."""
_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"")
_SEPARATOR = re.compile(r";|&&|\|\||\n")
_LOOP_OPENED = re.compile(r";?\s*\bdo\b")
_DONE = re.compile(r"\bdone\b")
_S3 = re.compile(r"aws\s+s3\s", re.I)
_SUBSTITUTION_OPENING = re.compile(r"\$\(|<\(|`")
"""How a listing's own match may open (`$(lvs`, `<(lvs`, a backquote)."""


class _Picks:
    """Where a line's picks stand (`_PICK`), and whether each keeps backups or production: read
    once per line, looked up for each listing's span."""

    def __init__(self, line: str, looped: frozenset[str]) -> None:
        scopes = (m for m in _SCOPE_VARIABLE.finditer(line) if m.group(1) not in looped)
        found = sorted([*_PICK.finditer(line), *scopes], key=lambda m: m.start())
        self.starts = [m.start() for m in found]
        self.precious = [_PRECIOUS.search(m.group(0)) is not None for m in found]

    def picked(self, start: int, end: int) -> bool:
        """Whether the listing at `start`..`end` keeps only some names, and none that are
        backups or production."""
        first = bisect.bisect_left(self.starts, start)
        last = bisect.bisect_left(self.starts, end)
        return first < last and not any(self.precious[first:last])


_VERB = re.compile(
    r"\b(?:list|ls|get|describe|delete|terminate|rb|rm|destroy|undefine|vol-delete|pool-delete)\b-?",
    re.I,
)
_KUBE_KINDS = {
    "ns": "namespace",
    "namespaces": "namespace",
    "pv": "persistentvolume",
    "persistentvolumes": "persistentvolume",
    "pvc": "persistentvolumeclaim",
    "persistentvolumeclaims": "persistentvolumeclaim",
}
_KUBE_KIND = re.compile(_KUBECTL + r"(?:get|delete)\s+(?:-[^\s]+\s+)*['\"]?([a-z]+)", re.I)


def _noun(command: str) -> str | None:
    """What kind of resource a listing or deletion of `az`, `aws`, `gcloud`, `hcloud`,
    `openstack`, `doctl` or `kubectl` is about, in one spelling for both (`group list` and
    `group delete`: "az group"; `describe-instances` and `terminate-instances`: "aws ec2
    instance"; `get ns` and `delete namespace`: "kubectl namespace"); None for the others."""
    tool = command.split(None, 1)[0].lower()
    if tool == "kubectl":
        kind = _KUBE_KIND.search(command)
        if kind is None:
            return None
        name = kind.group(1).lower()
        return "kubectl " + _KUBE_KINDS.get(name, _singular(name))
    if tool not in {"az", "aws", "gcloud", "hcloud", "openstack", "doctl"}:
        return None
    if tool == "aws" and _S3.match(command):
        return "aws bucket"
    words = _VERB.sub(" ", command.lower()).split()
    if words[:2] == ["aws", "s3api"]:
        words = ["aws", *words[2:]]
    return " ".join([*words[:-1], _singular(words[-1])])


def _singular(noun: str) -> str:
    """`noun` without its plural's ending (`instances`, `policies`, `addresses`)."""
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    if noun.endswith(("sses", "xes")):
        return noun[:-2]
    return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun


def _same_kind(listing: str, deletion: str, tail: str) -> bool:
    """Whether a listing and a deletion are about one kind of resource (`az group list` and
    `az group delete`, not `aws s3api list-buckets` and `delete-public-access-block`); a
    deletion of `all` of a cluster's kinds, or a tool whose nouns are not read, matches."""
    listed = _noun(listing)
    deleted = _noun(tail if deletion.lower().startswith("kubectl") else deletion)
    if listed is None or deleted is None or deleted == "kubectl all":
        return True
    return listed == deleted


def _flows_into(between: str) -> bool:
    """Whether what a listing prints reaches a deletion after it through `between`: a pipe
    with no other command in the way, or a loop over it whose body holds the deletion. A
    quote still open before the deletion opens the script a command of the pipe is handed
    (`| xargs -n2 sh -c 'kubectl patch ...; kubectl delete ...'`): the script's own commands
    are its steps, not others in the pipe's way."""
    bare = _QUOTED.sub(" ", between)
    opened = [at for quote in "'\"" if (at := bare.find(quote)) >= 0]
    if opened:
        bare = bare[: min(opened)]
    loop = _LOOP_OPENED.search(bare)
    if loop is not None:
        return _SEPARATOR.search(bare, 0, loop.start()) is None and "done" not in bare[loop.end() :]
    return "|" in bare and _SEPARATOR.search(bare) is None


def _handed_to(arguments: str) -> bool:
    """Whether a listing after a deletion is among its arguments (`lvremove $(lvs ...)`)."""
    bare = _QUOTED.sub("''", arguments)
    return ("$(" in bare or "`" in bare) and _SEPARATOR.search(bare) is None and "|" not in bare


def listed_estate_hits(code: str, offset: int = 0) -> list[Hit]:
    """Each deletion on a line that a listing of a whole inventory feeds, cited from the
    listing to the deletion."""
    if _QUICK.search(code) is None:
        return []
    hits: list[Hit] = []
    looped: frozenset[str] | None = None
    for line_start, line in _lines(code):
        if _QUICK.search(line) is None:
            continue
        listings = list(_LISTING.finditer(line))
        if not listings:
            continue
        ends = [listing.end() for listing in listings]
        looped = _looped(code) if looped is None else looped
        picks = _Picks(line, looped)
        for deletion in _deletions(line):
            # the nearest listing before the deletion, within reach, and the first after it
            before = bisect.bisect_right(ends, deletion.start()) - 1
            nearest = [listings[before]] if before >= 0 else []
            if nearest and deletion.start() - nearest[0].end() > _REACH:
                nearest = []
            if (
                before + 1 < len(listings)
                and listings[before + 1].start() - deletion.end() <= _REACH
            ):
                nearest.append(listings[before + 1])
            for listing in nearest:
                if listing.end() <= deletion.start():
                    start, end = listing.start(), deletion.end()
                    fed = _flows_into(line[listing.end() : deletion.start()])
                    picked = picks.picked(listing.start(), deletion.start())
                elif listing.start() >= deletion.end():
                    start, end = deletion.start(), listing.end()
                    fed = _handed_to(line[deletion.end() : listing.end()])
                    reach = listing.end() + _REACH
                    rest = _SEPARATOR.search(line, listing.end(), reach)
                    picked = picks.picked(listing.start(), rest.start() if rest else reach)
                else:
                    continue
                if (
                    fed
                    and not picked
                    and _same_kind(
                        listing.group(0),
                        deletion.group(0),
                        line[deletion.start() : deletion.end() + 200],
                    )
                ):
                    at = offset + line_start
                    hits.append(
                        Hit(Capability.ESTATE_DESTROYED, at + start, at + end, line[start:end])
                    )
                    break
    return hits


_BOUND = re.compile(
    r"(?:(?<![\w$])([A-Za-z_]\w*)=(?:\(\s*)?[\"']?(?:\$\(|`)"
    r"|\b(?:mapfile|readarray)\s+(?:-[A-Za-z]+\s+)*([A-Za-z_]\w*)\s*<\s*<\()\s*(?:sudo\s+)?$"
)
"""The opening of a variable's assignment from a command's output, just before a listing
(`BUCKETS=$(`, a backquoted command, an array's `names=($(` or `names=( $(`, bash's
`mapfile -t names < <(`)."""
_MAY_BIND = re.compile(r"=(?:\(\s*)?[\"']?(?:\$\(|`)|<\s*<\(")
"""The cheap test: some variable is assigned a command's output."""
_BOUND_REACH = 2000
"""How far (characters) after the assignment a variable's listing is followed to its use."""


def _blank_quotes(text: str) -> str:
    """`text` with each quoted string's inside blanked, keeping every character's place."""
    return _QUOTED.sub(lambda m: m.group(0)[0] + " " * (len(m.group(0)) - 2) + m.group(0)[-1], text)


def _bound_listings(code: str, bare: str) -> list[tuple[str, re.Match[str], int]]:
    """Each listing kept in a variable: (the variable's name, the listing, where the
    assignment's statement ends, at most `_REACH` after the listing)."""
    bound = []
    for listing in _LISTING.finditer(code):
        # (the listing's own match may start with the substitution's opening: `$(lvs`, `<(lvs`)
        lead = _SUBSTITUTION_OPENING.match(listing.group(0))
        opening = _BOUND.search(
            code,
            _line_start(code, listing.start(), _NAME_BACK),
            listing.start() + (lead.end() if lead else 0),
        )
        if opening is None:
            continue
        reach = min(len(code), listing.end() + _REACH)
        end = _SEPARATOR.search(bare, listing.end(), reach)
        name = opening.group(1) or opening.group(2)
        bound.append((name, listing, end.start() if end else reach))
    return bound


_NAME_BACK = 120
"""How far (characters) before a listing its variable's name and `=$(` are looked for."""
_USES = 8
"""How many uses of a listing's variable are followed (a script uses its list once or twice)."""


def _line_start(code: str, at: int, back: int) -> int:
    """Where the line holding `at` starts, looked for at most `back` characters before it."""
    return max(code.rfind("\n", max(0, at - back), at) + 1, at - back, 0)


def _picked(code: str, start: int, end: int) -> bool:
    """Whether a pick (`_PICK`) that keeps no backups or production stands in `code[start:
    end]`; a pick of backups or production names the target, and keeps nothing out."""
    picks = [m.group(0) for m in _PICK.finditer(code, start, end)]
    return bool(picks) and not any(_PRECIOUS.search(pick) for pick in picks)


@lru_cache(maxsize=64)
def _uses(name: str) -> re.Pattern[str]:
    """Where a deletion is fed by the variable `name`: a loop over it whose body the deletion
    is in (`for b in $NAME; do`, `"${NAME[@]}"`), a pipe from it (`echo "$NAME" | xargs`),
    or the deletion's own argument (`lvremove -f $NAME`)."""
    value = rf"\$\{{?{re.escape(name)}\b"
    return re.compile(
        rf"\bfor\s+\w+\s+in\s+[^\n;]{{0,200}}?{value}[^\n;]{{0,200}}?(?:;|\n)\s*do\b"
        rf"|\b(?:echo|printf(?:\s+['\"][^'\"\n]*['\"])?)\s+(?:-\w+\s+)?['\"]?{value}[^|\n;&]{{0,100}}\|"
        rf"|{value}"
    )


@lru_cache(maxsize=64)
def _assigned(name: str) -> re.Pattern[str]:
    """Where the variable `name` is given a value (`NAME=`, not `NAME+=`)."""
    return re.compile(rf"(?<![\w$]){re.escape(name)}=")


@lru_cache(maxsize=64)
def _expanded(name: str) -> re.Pattern[str]:
    """Where the variable `name`'s value is used (`$NAME`, `${NAME}`)."""
    return re.compile(rf"\$\{{?{re.escape(name)}\b")


def _until_reassigned(code: str, bare: str, name: str, start: int, reach: int) -> int:
    """Where the variable `name` is first given a new value between `start` and `reach`
    (`vols=/dev/vg0/scratch`): what it held of the listing ends there. A value made from its
    own (`B=$(echo "$B" | grep -v keep)`) still holds the listing."""
    own = _expanded(name)
    for given in islice(_assigned(name).finditer(bare, start, reach), _USES):
        end = _SEPARATOR.search(bare, given.end(), given.end() + _REACH)
        if own.search(code, given.end(), end.start() if end else given.end() + _REACH) is None:
            return given.start()
    return reach


def bound_listing_hits(code: str, offset: int = 0) -> list[Hit]:
    """Each deletion fed by a variable that holds a listing of a whole inventory, cited from
    the listing to the deletion (module docstring)."""
    if _MAY_BIND.search(code) is None or _QUICK.search(code) is None:
        return []
    hits: list[Hit] = []
    bare = _blank_quotes(code)
    for name, listing, statement_end in _bound_listings(code, bare):
        reach = min(len(code), statement_end + _BOUND_REACH)
        reach = _until_reassigned(code, bare, name, statement_end, reach)
        uses = islice(_uses(name).finditer(code, statement_end, reach), _USES)
        fed = ((use, d) for use in uses if (d := _fed_deletion(code, bare, use)) is not None)
        use, deletion = next(fed, (None, None))
        if use is None or deletion is None:
            continue
        # a pick in the listing's own statement, or in the loop's head and body before the
        # deletion (`[[ $g == rg-ci-* ]]`, `case`)
        if _picked(code, listing.start(), statement_end) or _picked(
            code, use.start(), deletion.start()
        ):
            continue
        tail = code[deletion.start() : deletion.end() + 200]
        if _same_kind(listing.group(0), deletion.group(0), tail):
            start, end = listing.start(), deletion.end()
            hits.append(
                Hit(Capability.ESTATE_DESTROYED, offset + start, offset + end, code[start:end])
            )
    return hits


def _fed_deletion(code: str, bare: str, use: re.Match[str]) -> re.Match[str] | None:
    """The deletion a use of a listing's variable feeds: the first in a loop's body (before its
    `done`), after a pipe (no other command between), or the command the value is an argument
    of."""
    text = use.group(0)
    if text.startswith("for"):
        done = _DONE.search(bare, use.end(), use.end() + _REACH)
        stop = done.start() if done else min(len(code), use.end() + _REACH)
        return next(iter(_deletions(code, use.end(), stop)), None)
    if text.endswith("|"):
        after = _SEPARATOR.search(bare, use.end(), use.end() + _REACH)
        stop = after.start() if after else use.end() + _REACH
        return next(iter(_deletions(code, use.end(), stop)), None)
    # an argument: the deletion is the command it stands in
    line_start = _line_start(code, use.start(), _REACH)
    before = [m.end() for m in _SEPARATOR.finditer(bare, line_start, use.start())]
    command_start = max([line_start, *before])
    for deletion in _deletions(code, command_start, use.start()):
        if "|" not in bare[deletion.end() : use.start()]:
            return deletion
    return None


_CONTINUED = re.compile(r"^(?![ \t]*\|)[^\n]*(?:\||\\)[ \t]*$")
"""A line whose command goes on on the next: it ends with a pipe or a backslash. A line that
also starts with a pipe is a markdown table's row (`| `kubectl get ns` | list them |`), each row
a command of its own."""


def _lines(code: str) -> list[tuple[int, str]]:
    """Each line of `code` with where it starts; a line ending with a pipe or a backslash is
    read with the next as one (`kubectl get pvc -A -o name |` then `xargs ...`; a table's row
    is not), a space standing for the line break so that every character keeps its place."""
    found: list[tuple[int, str]] = []
    start, held = 0, ""
    for line in code.split("\n"):
        held = f"{held} {line}" if held else line
        if _CONTINUED.search(line) is None:
            found.append((start, held))
            start += len(held) + 1
            held = ""
    if held:
        found.append((start, held))
    return found


_REPOSITORIES_LISTED = re.compile(r"\b(?:listForOrg|listForAuthenticatedUser|get_repos)\b")
"""An SDK's listing of an organisation's or a user's every repository (Octokit's
`repos.listForOrg`, PyGithub's `get_repos()`)."""
_LOOP_HEAD = re.compile(
    r"\bfor\s*(?:await\s*)?\(?\s*(?:const|let|var)?\s*([A-Za-z_]\w*)\s+(?:of|in)\b"
)
"""A loop's head and the variable it fills (`for r in org.get_repos():`, `for (const r of
list) {`)."""
_REPOSITORY_REACH = 2000
"""How far (characters) after a listing its loop, and after a loop's head its deletion, may
stand."""
_REPOSITORY_LOOPS = 4
"""How many listings, and loops after each, are read (a program has a few)."""


@lru_cache(maxsize=64)
def _repository_deleted(name: str) -> re.Pattern[str]:
    """The loop variable `name`'s repository deleted (`name.delete()`, `repos.delete({ ...,
    repo: name.name })`, `request("DELETE /repos/{owner}/{repo}", { repo: name.name })`), or
    what ends the loop's reading first: a pick (`if`, a filter) or a new value given to `name`
    (`repo = org.get_repo("old")`)."""
    value = re.escape(name)
    return re.compile(
        rf"\b{value}\.delete\s*\(\s*\)"
        rf"|(?:\brepos\.delete\s*\(|\bDELETE\s+/repos/)[^\n]{{0,200}}?\brepo\s*:\s*{value}\."
        r"(?:name|full_name)\b"
        rf"|(?P<stop>\b(?:if|filter|where|unless)\b|\?\s|\b{value}\s*=(?!=))"
    )


def repository_sweep_hits(code: str, offset: int = 0) -> list[Hit]:
    """`ESTATE_DESTROYED` where every repository an SDK lists is deleted in the program's own
    loop: the deletion's receiver, or its `repo:`, is the variable of a loop over the listing
    (`for r in org.get_repos(): r.delete()`; Octokit's `repos.listForOrg`, then for each `r`
    `repos.delete({ ..., repo: r.name })`), with no pick (an `if`, a filter) and no new value
    given to the variable between the loop's head and the deletion. One repository deleted by
    its name after an inventory printed (`org.get_repo("demo").delete()`) is not."""
    if "delete" not in code and "DELETE" not in code:
        return []
    hits: list[Hit] = []
    for listing in islice(_REPOSITORIES_LISTED.finditer(code), _REPOSITORY_LOOPS):
        # the loop's head holds the listing (`for r in org.get_repos():`) or follows it
        start = _line_start(code, listing.start(), 200)
        heads = _LOOP_HEAD.finditer(code, start, listing.end() + _REPOSITORY_REACH)
        for head in islice(heads, _REPOSITORY_LOOPS):
            pattern = _repository_deleted(head.group(1))
            for found in pattern.finditer(code, head.end(), head.end() + _REPOSITORY_REACH):
                if found.group("stop") is None:
                    hit_start, hit_end = min(listing.start(), head.start()), found.end()
                    text = code[hit_start:hit_end]
                    hits.append(
                        Hit(Capability.ESTATE_DESTROYED, offset + hit_start, offset + hit_end, text)
                    )
                break
            if hits:
                return hits
    return hits
