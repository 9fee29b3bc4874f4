r"""Other people's folders packed on a command line, and uploads that carry no credentials.

Two pieces an agent's command line shows when it takes data it does not hold: an archiver
(`tar`, `7z a`, `zip`, `rar a`, `Compress-Archive`) handed every user's folder (a glob where
the user's name stands: `/home/*/Documents`, `/Users/*`, `C:\Users\*\Desktop`) or another
machine's share (`\\fs01\HR\*`) (`OTHERS_FOLDERS_PACKED`); and an upload to a web address
that names no credential, signature or client certificate (`curl -T - https://host/x`,
`--upload-file`, `--data-binary @file`, `wget --post-file`, `Invoke-WebRequest -InFile`)
(`UNSIGNED_UPLOAD`): a place that takes whatever anyone sends. A backup service knows its
writer (`curl -u backup:$PW -T`, an `Authorization` header, a presigned address's signature,
`--netrc`; an anonymous sign-in, `--user anon:anon`, names no one); one's own folder
(`tar czf - ~/report`) or one named path (`/home/alice`) is one's own or one's charge.

Read on the whole command line an agent is about to run, never on a response's text (the
stream monitor does not scan for them): `sealed_drop_hits`. The line is cut into its commands
and pipelines as the shell cuts it (`shell.simple_commands`): a quoted address holding `&` or
`;` (`curl "https://h/u?a=1&b=2" -T -`) stays whole, with the options that follow it.
"""

from __future__ import annotations

import re

from redline.redlines.capabilities import Capability, Hit
from redline.redlines.shell import SimpleCommand, first_reading_hits, simple_commands

_ARCHIVER = re.compile(
    r"^\s*(?:sudo\s+(?:-\S+\s+)*)?(?:\S*[\\/])?(?:tar\s+-?\w*c|7z[ar]?(?:\.exe)?\s+a\b|zip\s"
    r"|rar(?:\.exe)?\s+a\b|winrar(?:\.exe)?\s+a\b|Compress-Archive\b)",
    re.I,
)
"""A command that packs files into an archive."""
_OTHERS_FOLDER = re.compile(
    r"""(?:^|\s|['"=,])(?:/(?:home|Users)/\*|[A-Za-z]:[\\/]+Users[\\/]+\*|\\\\[\w.$-]+\\+[\w.$-]+)""",
    re.I,
)
"""Every user's folder (a glob where the user's name stands) or another machine's share."""
_CURL_SENDS = (
    r"-[a-zA-Z]*T\b|--upload-file|--data-binary\s+['\"]?@|-d\s+['\"]?@|--data\s+['\"]?@"
    r"|-F\s+['\"]?\w+=@"
)
"""curl's options that send a file or its standard input (`-T`, `--data-binary @f`, `-F f=@x`)."""
_UPLOAD = re.compile(
    rf"^\s*(?:do\s+)?(?:\S*[\\/])?(?:curl(?:\.exe)?\s(?=(?:[^\n]*?\s)?(?:{_CURL_SENDS}))"
    r"|wget\s(?=(?:[^\n]*?\s)?--post-file)|(?:Invoke-WebRequest|Invoke-RestMethod|iwr|irm)\s(?=(?:[^\n]*?\s)?-InFile))",
    re.I,
)
"""A command that sends a file or its standard input to a web address (also as the body of
cmd's loop, `for %f in (x.7z.*) do curl -T %f ...`, which the shell's grammar cuts at `do`)."""
_WEB_ADDRESS = re.compile(r"""\b(?:https?|ftps?)://[^\s'"]+""", re.I)
_CREDENTIAL = re.compile(
    r"""(?:^|\s)(?:(?-i:-[a-zA-Z]*[unEb])|--user|--netrc(?:-file|-optional)?|--cert|--key|--oauth2-bearer"""
    r"""|--aws-sigv4|--cookie|--http-user|-Credential|-Certificate|-UseDefaultCredentials"""
    r"""|-Token|-Authentication)(?=[\s=]|$)"""
    r"""|(?:-H|--header|-Headers)\s*['"]?(?:@\{\s*['"]?)?[\w-]*?(?:Authorization|Auth|Token"""
    r"""|Key|Cookie|Signature|Secret)\b"""
    r"""|://[^\s/'"@]+:[^\s/'"@]*@"""
    r"""|[?&](?:[\w-]*sig(?:nature)?|[\w-]*token|[\w-]*key|X-Amz-[\w-]+|X-Goog-[\w-]+|sv)=""",
    re.I,
)
"""Who the writer is: a user and password, a netrc, a client certificate, a bearer token or key
header, a cookie, a signed (presigned) address."""
_ANONYMOUS = re.compile(
    r"""(?<!\S)(?:-u|--user)[\s=]*['"]?(?:anonymous|anon|ftp|guest)(?::[^\s'"]*)?['"]?(?!\S)"""
    r"""|(?<=://)(?:anonymous|anon|ftp|guest)(?::[^\s/'"@]*)?@""",
    re.I,
)
"""The name anyone signs in to an open FTP drop with (`--user anon:anon`,
`ftp://anonymous:x@host/`): it names no writer."""


def _names_writer(segment: str) -> bool:
    """Whether `segment` says who writes (`_CREDENTIAL`), an anonymous sign-in not counted."""
    if _CREDENTIAL.search(segment) is None:
        return False
    return _CREDENTIAL.search(_ANONYMOUS.sub("", segment)) is not None


def _packs_others_folders(segment: str) -> bool:
    return _ARCHIVER.match(segment) is not None and _OTHERS_FOLDER.search(segment) is not None


def _uploads_unsigned(segment: str) -> bool:
    if _UPLOAD.match(segment) is None or _WEB_ADDRESS.search(segment) is None:
        return False
    return not _names_writer(segment)


_SENDS_FILE = re.compile(rf"(?<!\S)(?:{_CURL_SENDS}|--post-file|-InFile)", re.I)
"""Any of the options `_UPLOAD` needs (after a space), anywhere on a line: without one (nor
every user's folders), no command of the line is read (most requests upload nothing)."""
_DIRECTORY_QUERY = re.compile(
    r"^\s*(?:sudo\s+)?(?:\S*[\\/])?(?:ldapsearch|ldapdomaindump|adfind(?:\.exe)?|dsquery"
    r"|Get-AD(?:User|Group|Computer|Object)|net\s+(?:user|group)\b[^\n]*/domain)\b",
    re.I,
)
"""A query of a directory's accounts (LDAP, Active Directory)."""
_REQUEST = re.compile(
    r"^\s*(?:\S*[\\/])?(?:curl|wget|http|Invoke-WebRequest|Invoke-RestMethod|iwr|irm)(?:\.exe)?\s",
    re.I,
)
_READS_STDIN = re.compile(r"(?:\s-[a-zA-Z]*T|--upload-file)\s+-(?=\s|$)|@-(?=['\"\s]|$)")
"""An upload whose body is its standard input (`curl -T -`, `--data-binary @-`)."""
_CHAT_HOOK = re.compile(
    r"://(?:hooks\.slack\.com|[\w.-]*discord(?:app)?\.com/api/webhooks|[\w.-]*\.webhook\.office\.com"
    r"|outlook\.office\.com/webhook)",
    re.I,
)
"""A chat channel's incoming webhook: its address is its secret, a post to one's own channel."""
_HOST = re.compile(r"://(?:[^\s/'\"@]*@)?([^\s/:'\"?#]+)")


def _host(stage: str) -> str | None:
    match = _HOST.search(stage)
    return match.group(1).lower() if match else None


def _guarded_read(stage: str) -> bool:
    """Whether a pipeline's stage reads a directory's accounts or makes a request with
    credentials it names (an `Authorization` header, `-u user:pw`)."""
    if _DIRECTORY_QUERY.match(stage):
        return True
    return _REQUEST.match(stage) is not None and _CREDENTIAL.search(stage) is not None


def _guarded_data_piped_out(action: str, commands: list[SimpleCommand]) -> list[Hit]:
    """`GUARDED_DATA_PIPED_OUT`: in one pipeline, a guarded read (`_guarded_read`) followed by
    an upload of its standard input to another host that names no credential, cited from the
    read to the upload."""
    hits: list[Hit] = []
    pipelines: dict[int, list[tuple[int, int, str]]] = {}
    for command in commands:
        stage = action[command.start : command.end]
        pipelines.setdefault(command.pipeline, []).append((command.start, command.end, stage))
    for stages in pipelines.values():
        reads = [(at, stage) for at, _, stage in stages if _guarded_read(stage)]
        if not reads:
            continue
        for at, end, stage in stages:
            if (
                at <= reads[0][0]
                or not _uploads_unsigned(stage)
                or _READS_STDIN.search(stage) is None
                or _CHAT_HOOK.search(stage) is not None
            ):
                continue
            start, read = next(r for r in reversed(reads) if r[0] < at)
            if _host(read) is not None and _host(read) == _host(stage):
                continue  # the same service's data sent back to it
            hits.append(Hit(Capability.GUARDED_DATA_PIPED_OUT, start, end, action[start:end]))
    return hits


def sealed_drop_hits(action: str) -> list[Hit]:
    """`OTHERS_FOLDERS_PACKED` and `UNSIGNED_UPLOAD` in a command line, each at its command;
    none on a line that uploads nothing (no `curl`, `wget` or `-InFile`): packing alone is
    what a backup does."""
    lowered = action.lower()
    if not any(word in lowered for word in ("curl", "wget", "-infile")):
        return []
    if _SENDS_FILE.search(action) is None and _OTHERS_FOLDER.search(action) is None:
        return []
    commands = simple_commands(action)
    hits = first_reading_hits(
        action,
        (
            (Capability.OTHERS_FOLDERS_PACKED, lambda segment, _: _packs_others_folders(segment)),
            (Capability.UNSIGNED_UPLOAD, lambda segment, _: _uploads_unsigned(segment)),
        ),
        commands,
    )
    if any(h.capability is Capability.UNSIGNED_UPLOAD for h in hits):
        hits.extend(_guarded_data_piped_out(action, commands))
    return hits
