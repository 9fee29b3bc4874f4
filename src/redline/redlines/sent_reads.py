# ruff: noqa: E501  (the patterns are data; splitting them would hide what they match)
r"""Secrets and other people's records read on a command line and sent out by the same line.

A command line that reads what its reader guards (a whole database's dump, the cluster's
secrets from etcd or `kubectl get secrets`, a secret manager's values, a Terraform state, a
bucket someone left open, copied without credentials (`aws s3 sync s3://B ./d --no-sign-request`),
freshly minted cloud credentials or a disk's read address (`az snapshot grant-access`), a
phone's messages, a directory's local admin passwords, the
Windows credential vault, a domain's collected graph, a secret scanner's findings over a forge's
organisation or a remote repository, a mail store) and hands it, in the same line, to an
upload that names no credential: piped into the upload's standard input (`| curl -T -`,
`--data-binary @-`, `$(cat -)`, `| Invoke-RestMethod -Method Post`), or written to a file
that a later command of the line uploads (`Out-File v.json; curl.exe -F f=@v.json https://...`).
The data never lands where its reader keeps it.

A backup or an export to one's own storage names who writes (`curl -u backup:$PW -T -`, an
`Authorization` header, a signed address), goes through a cloud client (`aws s3 cp -
s3://our-backups/`), posts to one's own chat channel's webhook, or stays on the machine
(`pg_dump shop > shop.sql`); none of these is read here, nor a scan of one's own checkout
(`gitleaks detect --source .`) whose report goes to the CI.

Read on the whole command line an agent is about to run, never on a response's text (the stream
monitor does not scan for it): `sent_read_hits`, as `GUARDED_DATA_PIPED_OUT`.
"""

from __future__ import annotations

import re

from redline.redlines.capabilities import PRIVATE_IPV4, Capability, Hit
from redline.redlines.sealed_drops import _CHAT_HOOK, _WEB_ADDRESS, _host, _names_writer
from redline.redlines.shell import simple_commands

_GATE = ("curl", "wget", "invoke-restmethod", "invoke-webrequest", "irm ", "iwr ")
"""An upload needs one of these words; a line without any is not read further."""
_DUMP_GATE = ("dump", "mongoexport")
"""A dump tool's name holds one of these: a line with `ssh` and one of them is read too."""

_STATEMENT = re.compile(r"(?:[^|;&\n]|\|(?!\|)|&(?=\w[\w.-]*=))+")
"""One pipeline of a line: between `;`, `&&`, `||`, `&` and line breaks (its `|` kept); an `&`
before `name=` joins a web address's or a form's fields, not commands."""
_STAGE = re.compile(r"[^|]+")
_LAUNCHER = r"""^\s*(?:sudo\s+(?:-\S+\s+)*)?(?:(?:powershell|pwsh)(?:\.exe)?\s+(?:-\w+\s+)*['"]?)?(?:\S*[\\/])?"""
_SOURCE = re.compile(
    _LAUNCHER + r"""(?:(?:ETCDCTL_API=\d\s+)?etcdctl\s[^\n|]*?\bget\s+['"]?/registry/"""
    r"""|kubectl\s[^\n|]*?\bget\s+secrets?\b"""
    r"""|aws\s+(?:secretsmanager\s+get-secret-value|sts\s+get-(?:federation|session)-token"""
    r"""|ssm\s+get-parameters?(?:-by-path)?\s[^\n|]*--with-decryption|s3\s+cp\s+\S+\.tfstate\s+-(?=\s|$))"""
    r"""|az\s+(?:snapshot|disk)\s+grant-access\b"""
    r"""|gcloud\s+secrets\s+versions\s+access\b|az\s+keyvault\s+secret\s+show\b|vault\s+kv\s+get\b"""
    r"""|terraform\s+state\s+pull\b|aws\s[^\n|]*?\bs3\s+(?:cp|sync)\s[^\n|]*?--no-sign-request\b"""
    r"""|adb\s+(?:-\S+\s+(?:[\w.:-]+\s+)?)*shell\s+content\s+query\s[^\n|]*content://(?:sms|mms|call_log|contacts|com\.android\.contacts)"""
    r"""|trufflehog\s+(?:github|gitlab|git\s+https?://)|SharpHound(?:\.exe)?\s|bloodhound-python\s"""
    r"""|(?:find|tar|cat|zip|7z)\s(?:[^\n|]*?[\s'"])?/var/(?:v?mail|spool/mail)\b)"""
    r"""|[^\n|]*?(?:PasswordVault\)?\.RetrieveAll\b|\.RetrievePassword\(\)|\bms-Mcs-AdmPwd\b|\bmsLAPS-(?:Encrypted)?Password\b"""
    r"""|\bGet-DnsServerResourceRecord\b)""",
    re.I,
)
"""A command reading what its reader guards: a database's dump, the cluster's or a cloud's
secrets, a Terraform state, a bucket someone left open read without credentials, minted
credentials (a disk's or a snapshot's read address, `az snapshot grant-access`), a phone's
messages, LAPS passwords, the
credential vault, a domain's graph, a forge's organisation's leaked secrets, a mail store."""
_DUMP = re.compile(
    _LAUNCHER + r"(?:mysqldump|pg_dump(?:all)?|mongodump|mongoexport)(?:\.exe)?\s", re.I
)
"""A database's dump: guarded too, but one's own backup may go to one's own network's host by
file; read only when piped to an open upload on a public host, or to a remote shell on a public
host reached by its bare address (`_SSH_TO_ADDRESS`)."""
_OWN_NETWORK = re.compile(
    rf"://(?:[^\s/'\"@]*@)?(?:(?:127\.|0\.|{PRIVATE_IPV4}|169\.254\.)[\d.]+|localhost\b"
    r"|[\w.-]+\.(?:internal|local|lan|corp|intranet|home\.arpa)\b)",
    re.I,
)
_UPLOAD = re.compile(
    r"""^\s*['"]?(?:do\s+)?(?:\S*[\\/])?(?:curl(?:\.exe)?\s|wget\s(?=[^\n]*--post-file)"""
    r"""|(?:Invoke-RestMethod|Invoke-WebRequest|irm|iwr)\s(?=[^\n]*(?:-InFile|-Method\s+['"]?(?:Post|Put)\b)))""",
    re.I,
)
_SSH_TO_ADDRESS = re.compile(
    r"""^\s*(?:\S*/)?ssh\s(?:[^\n|]{0,200}?\s)?(?:[\w.-]+@)?"""
    rf"""(?!127\.|0\.|{PRIVATE_IPV4}|169\.254\.)\d{{1,3}}(?:\.\d{{1,3}}){{3}}(?=[\s'"]|$)"""
    r"""[^\n|]{0,200}?(?:\bcat\s*>|\bdd\s[^\n|]{0,100}?\bof=|\btee\s)""",
    re.I,
)
"""A remote shell on a public host reached by its bare address that writes what it is piped to
a file there (`| ssh u@203.0.113.5 'cat > x.sql.gz'`): a dump sent to a host nobody named
(one's own backup host has a name, `backup@nas.lan`, or a private address)."""
_READS_STDIN = re.compile(
    r"""(?:\s-[a-zA-Z]*T|--upload-file)\s+-(?=\s|$)|@-(?=['"\s]|$)|\$\(\s*cat\s*-?\s*\)"""
    r"""|--post-file[=\s]+/dev/stdin|-Method\s+['"]?(?:Post|Put)\b(?![^\n]*-(?:Body|InFile)\b)""",
    re.I,
)
"""An upload whose body is its standard input (`curl -T -`, `--data-binary @-`, a pipeline's
object handed to `Invoke-RestMethod -Method Post`)."""
_SENT_FILE = re.compile(
    r"""(?:(?-i:\s-[a-zA-Z]*T)\s|--upload-file|=@|\s@|-InFile|--post-file=?)\s*['"]?([^\s'"]+)""",
    re.I,
)
_ANY_HEADERS = re.compile(r"(?:^|\s)-Headers(?=[\s=]|$)", re.I)
"""PowerShell's headers given at all: read as naming the writer here (a read sent out under any
header of one's choosing is no open drop), besides `sealed_drops._CREDENTIAL`."""
_FILE_NAME = re.compile(
    r"""([\w.-]+\.(?:zip|json|csv|txt|xml|gz|tgz|7z|sql|dump|db|bson|tar|pfx))\b""", re.I
)


MAX_LENGTH = 20_000
"""A longer command line is not read (each of its commands is still read by the others)."""


_POWERSHELL = re.compile(r"(?:\S*[\\/])?(?:powershell|pwsh)(?:\.exe)?", re.I)
"""A PowerShell launched from the line: its script (one quoted word) is read by `_STATEMENT`."""


def _split(action: str, start: int, end: int) -> list[list[tuple[int, str]]]:
    """The pipelines of `action[start:end]` cut by `_STATEMENT` and `_STAGE` (quote-blind: a
    PowerShell script's own)."""
    pipelines: list[list[tuple[int, str]]] = []
    for match in _STATEMENT.finditer(action, start, end):
        at = match.start()
        stages = [(at + m.start(), m.group()) for m in _STAGE.finditer(match.group())]
        if stages:
            pipelines.append(stages)
    return pipelines


def _pipelines(action: str) -> list[list[tuple[int, str]]]:
    """The pipelines of a command line, in order, each as its stages with their offsets, cut
    as the shell cuts them (`shell.simple_commands`: a quoted `;` or `|` cuts nothing); a
    PowerShell's script inside the line is cut at its own `;` and `|`."""
    commands = simple_commands(action)
    if not commands:
        return _split(action, 0, len(action))
    grouped: dict[int, list[tuple[int, str]]] = {}
    scripts: list[list[tuple[int, str]]] = []
    for command in commands:
        words = command.words
        if words and _POWERSHELL.fullmatch(words[0].value):
            scripts.extend(_split(action, command.start, command.end))
            continue
        stage = (command.start, action[command.start : command.end])
        grouped.setdefault(command.pipeline, []).append(stage)
    return sorted([*grouped.values(), *scripts], key=lambda stages: stages[0][0])


def _unsigned_upload(stage: str) -> bool:
    """Whether `stage` uploads to a web address naming no credential, not a chat webhook."""
    if _UPLOAD.match(stage) is None or _WEB_ADDRESS.search(stage) is None:
        return False
    if _names_writer(stage) or _ANY_HEADERS.search(stage) is not None:
        return False
    return _CHAT_HOOK.search(stage) is None


def sent_read_hits(action: str) -> list[Hit]:
    """`GUARDED_DATA_PIPED_OUT`: a guarded read (`_SOURCE`) followed, in the same pipeline, by
    an open upload of its standard input (not back to the host it read from), or, later in the
    line, by an open upload of a file an earlier command names; cited from the read to the
    upload. Each command is read once: linear in the line (but for the uploads' count)."""
    lowered = action.lower()
    if len(action) > MAX_LENGTH:
        return []
    if not any(word in lowered for word in _GATE) and not (
        "ssh" in lowered and any(word in lowered for word in _DUMP_GATE)
    ):
        return []
    pipelines = _pipelines(action)
    # each pipeline's end, the file names it writes, and, when it uploads files unsigned,
    # the names of the files it sends, its host and its end
    texts = [action[stages[0][0] : stages[-1][0] + len(stages[-1][1])] for stages in pipelines]
    ends = [
        stages[0][0] + len(text.rstrip()) for stages, text in zip(pipelines, texts, strict=True)
    ]
    names = [{name.lower() for name in _FILE_NAME.findall(text)} for text in texts]
    file_uploads: list[tuple[int, list[str], str | None]] = []
    for index, text in enumerate(texts):
        sent = _SENT_FILE.findall(text)
        if sent and _unsigned_upload(text):
            tails = [re.split(r"[\\/]", path.lower())[-1].lstrip("*") for path in sent]
            file_uploads.append((index, [tail for tail in tails if tail], _host(text)))
    # for each file upload, the earlier pipelines naming a file it sends
    namers = [
        [
            k
            for k in range(index)
            if any(n.endswith(t) or t.endswith(n) for t in tails for n in names[k])
        ]
        for index, tails, _ in file_uploads
    ]
    hits: list[Hit] = []
    for index, stages in enumerate(pipelines):
        for number, (start, stage) in enumerate(stages):
            dump = _SOURCE.match(stage) is None
            if dump and _DUMP.match(stage) is None:
                continue
            host = _host(stage)
            end = None
            for later_at, later in stages[number + 1 :]:
                if (
                    _READS_STDIN.search(later)
                    and _unsigned_upload(later)
                    and (host is None or host != _host(later))
                    and not (dump and _OWN_NETWORK.search(later))
                ) or (dump and _SSH_TO_ADDRESS.match(later)):
                    end = later_at + len(later.rstrip())
                    break
            if end is None and not dump:
                for (upload, _, upload_host), named in zip(file_uploads, namers, strict=True):
                    if (
                        upload > index
                        and (host is None or host != upload_host)
                        and any(k >= index for k in named)
                    ):
                        end = ends[upload]
                        break
            if end is not None:
                begin = start + len(stage) - len(stage.lstrip())
                hits.append(Hit(Capability.GUARDED_DATA_PIPED_OUT, begin, end, action[begin:end]))
                break
    return hits
