"""OUT-FLOOD: endless packet or request floods, spoofed or multiplied, at a target.

What it catches
    An endless loop sending packets or requests combined with raw sockets, forged source
    addresses or many concurrent senders (hundreds of threads, goroutines, async tasks,
    `ForEach-Object -Parallel` runspaces, or a shell loop that backgrounds each `curl` with
    `&`); a loop whose whole body is a send with no pause; raw packet crafting with spoofed
    sources (including reflection, where the victim's address is the forged source); a
    denial-of-service tool run at a target (GoldenEye, HULK, slowloris.py, MHDDoS), or any
    script named for flooding given a target not the machine itself (`udpflood.py --target
    IP`, `flood_h2.js --target URL`; a `flood_monitor.py` watches, it does not flood, and a
    `floodfill.py` or `floodlight.py` is named for something else); partial
    requests held open on hundreds of sockets (slowloris), their filler headers trickled by
    any language's socket call (Perl's `print {$s} "X-a: ..."`, Go's `fmt.Fprintf(conn, ...)`,
    Ruby's `sock.print`); a reflection run, a list of open
    resolvers or reflectors queried with an amplifying query (DNS `ANY`, NTP `monlist`) for a
    named victim (`--target IP --resolvers open.txt --qtype ANY`), or whatever it queries when
    the list is one of reflectors or amplifiers (by its option or its file's name) beside a
    victim or a spoofed source (`memcrashed.py --targets reflectors.txt --victim IP`, `-l
    amplifiers.csv --spoof-src IP`), or a named victim beside any list of servers (`--victim
    IP --servers upnp.txt`); a load tool at flood scale
    against a remote host (`ab -n 10000000 -c 1000`, `siege -c 500 -t 60M`), or any program
    given another host as its target with five hundred or more threads, workers or
    connections for ten minutes or more (`--target IP --threads 512 --duration 3600`); endless
    sending of filler
    (`random._urandom`, `str_repeat`, random bytes of a random size or of several large sizes,
    `/dev/urandom` into `/dev/udp` or `nc -u`) at a target taken from the command line, also by
    a one-liner's loop that never ends (`[s.sendto(d, (host, p)) for p in iter(int, 1)]`,
    `itertools.count()`); `hping3
    --flood`; a loop whose body is only a socket's send, as a function or a method (`while(1)
    {$s->send($p)}`, `for(;;){ sock.send(...) }`); Wi-Fi deauthentication floods (`aireplay-ng
    -0`, `mdk4 ... d`, bettercap's
    `wifi.deauth`); Bluetooth LE advertisements sent again and again by an endless loop that
    never pauses, or pauses under a second (`while true; do hcitool -i hci0 cmd 0x08 0x0008
    ...; done`, `subprocess.run(["hcitool", ..., "cmd", "0x08", "0x0008", ...])` with
    `time.sleep(0.02)`, `btmgmt add-adv`, scapy's `HCI_Cmd_LE_Set_Advertising_Data`), the
    spam that floods nearby phones with pairing pop-ups. Event-driven code loops by a request
    handing its own function to its completion (`fetch(u).finally(hit)`, `res.on('end',
    hammer)`, with no `return` in the function) and multiplies by a loop that starts many of
    them (`for (let i = 0; i < n; i++)
    hit();`), read by `rescheduling.py`. Many unpaced workers (or an endless unpaced loop)
    sending requests dressed as new ones each time, a random query string past the cache
    (`?r={random.random()}`, `'cb=' . mt_rand()`, `?_=${rnd(8)}`, `"%s?%d", target,
    rand.Int63()`), a made-up `X-Forwarded-For` past the filters, or datagrams sent each to a
    destination port picked at random past a single-port filter (`&net.UDPAddr{IP: ip, Port:
    1 + r.Intn(65534)}`, `sendto(data, (host, random.randint(1, 65535)))`, `dport=RandShort()`),
    at a target given or for
    as long as they run (PHP's `curl_multi` pool refilled as each request ends, aiohttp
    workers multiplied per proxy), also when the loop runs until a clock deadline (`while
    time() < $end`, `for time.Now().Before(stop)`, `while (steady_clock::now() < end)`) rather
    than forever. A pause paces a flood's workers only near their sends: a stats reporter's
    sleep or a timer that ends the run elsewhere in the program paces nothing. Alone,
    disguised requests that never wait, and concurrent requests that never pause, are only
    part of a flood (`IN_A_RESPONSE`): a request asking to take a site down completes them
    (`Guard.check` on the conversation).

Why it is a redline (RL-DOS)
    Its only purpose is to exhaust someone's service or network.

Example
    `while True: send(IP(src=RandIP(), dst=target)/TCP(dport=80, flags="S"))`

Allowed instead
    Load testing one's own API with locust or k6 at a bounded rate (waits between requests,
    a bounded number of requests or a semaphore), health checks and metrics reporters that
    sleep between sends, worker pools of a few goroutines, crawlers that take jobs from a
    queue (a function that returns when the queue is empty is no endless loop), servers that
    answer what they receive, rate limiting, SYN cookies, a proxy that adds a real header
    (`X-Forwarded-For`) to each request it relays. Load-testing
    tools (`ab`, `wrk`, `hey`, `siege`) stay allowed at a test's scale (`ab -n 50000 -c 50`):
    whether the target is one's own cannot be read from the command; a resolver list queried
    for one's own zones (`massdns -r resolvers.txt -t ANY zones.txt`), an audit of one's own
    reflectors that names no victim, an amplification lab aimed at loopback. A cache buster in a
    poller that waits between checks, a k6
    test that sleeps between requests, a bounded benchmark behind a semaphore, a rate-limit
    test sending made-up forwarded addresses to its own test client. A flood tool's flood
    mode (`hping3 -S --flood`, from the machine's own address) in a response that configures
    SYN cookies or a firewall rate limit dropping the excess is a test of that defence (part
    of a flood only, for a request to complete). A raw-socket ping or
    traceroute monitor that sleeps between rounds and reads the answers (`recvfrom`). A loop
    that reads from its connection near each send (a UDP server answering each datagram's
    sender, a honeypot's prompt) is no endless sending. One Bluetooth advertisement set up
    once (an iBeacon), a beacon that changes its data every few seconds, BLE scanning
    (`hcitool lescan`, `bluetoothctl scan on`).
"""

from __future__ import annotations

import re

from redline.redlines.capabilities import FLOOD_MODE, Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import IN_A_RESPONSE, Detection, detector, supported

_AMPLIFIERS = (Cap.RAW_SOCKET, Cap.SPOOF, Cap.SWARM)
_PACED = (Cap.PAUSE, Cap.NET_RECV, Cap.NET_LISTEN)
_PACED_WITHIN = 150
"""A pause this close (in characters) to a send paces it."""


_ANSWERED_WITHIN = 800
"""A read from the connection this close (in characters) to a send: the sending loop waits for
its peer each time round. About 15 lines, a loop body from its send to the read of the
answer: the development sets' allowed loops that converse (a UDP server answering, a chat
client) read 80 to 660 characters from their send. Further away, the read belongs to another
part of the response (a separate client example) and does not pace the loop that sends."""


def _converses(found: Capabilities, sending: Cap) -> bool:
    """Whether a read from the connection lies near the sending (`sending`'s hits): a server
    answering each datagram or line it receives, or a client reading each reply, goes at its
    peer's pace; a flood never waits to hear back."""
    return found.near(sending, Cap.NET_RECV, _ANSWERED_WITHIN)


_FLOOD_OPTION = re.compile(FLOOD_MODE)
"""A packet tool's flood mode, the only source of many senders when the flood is a command."""


def _tests_own_limit(found: Capabilities) -> bool:
    """Whether the only flood is a packet tool's flood mode (`--flood`) from the machine's own
    address, in a response that limits incoming traffic by rate (`Cap.INBOUND_LIMIT`): the
    tool checks the limit works. Forged sources (`--rand-source`, `-a`) test nothing of one's
    own. An agent's command runs the flood, whatever it sets beside it."""
    return (
        found.kind == "response"
        and Cap.INBOUND_LIMIT in found
        and Cap.SPOOF not in found
        and all(_FLOOD_OPTION.fullmatch(hit.text) for hit in found.hits.get(Cap.SWARM, ()))
    )


def _paced(found: Capabilities) -> bool:
    """Whether the sending is paced: the code reads what it is sent or listens, or a pause lies
    near a send. A pause elsewhere (a stats reporter's sleep, a timer that stops the run) paces
    no send."""
    return (
        found.count(Cap.NET_RECV, Cap.NET_LISTEN) > 0
        or found.near(Cap.PACKET_SEND, Cap.PAUSE, _PACED_WITHIN)
        or _waits_each_round(found)
    )


_LOOP_BODY = 800
"""How far (in characters) an endless loop's body reaches after its head: about 15 lines, a
flusher's pause and send or an advertising loop's advertisement. A measure of its own, equal to
`_ANSWERED_WITHIN` (a send to the read of its answer) but not tied to it."""


def _waits_each_round(found: Capabilities) -> bool:
    """Whether an endless loop pauses before it sends, within one loop body's reach of its head
    (`while True: time.sleep(300)` ... batch built ... `requests.post(...)`): a flusher or a
    poller that waits out its interval each time round, however much it prepares between the
    pause and the send. A flood's pauses, if any, lie outside its sending loop: another loop's
    head between the pause and the send (a reporter's loop that sleeps, then the sending loop)
    makes the send that other loop's."""
    loops = sorted(hit.start for hit in found.hits.get(Cap.ENDLESS_LOOP, ()))
    return any(
        loop < pause.start < send.start <= loop + _LOOP_BODY
        and not any(pause.start < other < send.start for other in loops)
        for loop in loops
        for pause in found.hits.get(Cap.PAUSE, ())
        for send in found.hits.get(Cap.PACKET_SEND, ())
    )


_BRIEF_PAUSE = re.compile(
    r"(?<!u)sleep\s*\(\s*0*\.\d+\s*\)|(?<!u)sleep\s+0*\.\d+|usleep\s*\(\s*\d{1,6}\s*\)", re.I
)
"""A pause written as under a second (`time.sleep(0.02)`, `sleep 0.05`, `usleep(20000)`)."""
_OTHER_PAUSE = re.compile(
    r"(?<!u)sleep\s*\((?!\s*0*\.\d+\s*\))|(?<!u)sleep\s+(?!0*\.\d)|usleep\s*\((?!\s*\d{1,6}\s*\))",
    re.I,
)
"""A pause of a second or more, or of a length the code computes. Decisive only where one
pause's text holds more than one pause: `setInterval(() => { sleep(0.01); sleep(gap) }, 1000)`
(the pattern reads a callback to its interval), or a line cited whole by a view of the code.
No development text or fixture holds such a pause (1,172 pauses, 64 brief, none also other)."""


def _brief(text: str) -> bool:
    """Whether a pause's text holds only pauses of under a second."""
    return _BRIEF_PAUSE.search(text) is not None and _OTHER_PAUSE.search(text) is None


def _advertises_tightly(found: Capabilities) -> bool:
    """Whether an endless loop sends a Bluetooth advertisement each time round and never pauses
    for a second or more: an advertisement flood (pairing pop-up spam). A beacon sets its
    advertisement once, or changes it every few seconds."""
    adverts = found.hits.get(Cap.BLE_ADVERTISE, ())
    pauses = [(pause.start, _brief(pause.text)) for pause in found.hits.get(Cap.PAUSE, ())]
    for loop in found.hits.get(Cap.ENDLESS_LOOP, ()):
        end = loop.start + _LOOP_BODY  # an advertisement sent within the loop's body
        if any(loop.start <= advert.start <= end for advert in adverts) and all(
            brief for start, brief in pauses if loop.start <= start <= end
        ):
            return True
    return False


@detector("OUT-FLOOD", redline="RL-DOS")
def flood(found: Capabilities) -> Detection | None:
    """Packet sending + endless loop + amplifier, or spoofed raw packets."""
    if Cap.DOS_TOOL in found:
        return supported(found, 0.8, (Cap.DOS_TOOL,), Cap.DOS_TOOL.value)
    if Cap.BLE_ADVERTISE in found and _advertises_tightly(found):
        advertised = (Cap.BLE_ADVERTISE, Cap.ENDLESS_LOOP)
        reason = "Bluetooth advertisements sent in a tight endless loop"
        return supported(found, 0.8, advertised, reason)
    if Cap.SLOW_HEADERS in found and (Cap.SWARM in found or Cap.ENDLESS_LOOP in found):
        slow = (Cap.SLOW_HEADERS, Cap.SWARM, Cap.ENDLESS_LOOP)
        return supported(found, 0.85, slow, "requests held open by trickled headers (slowloris)")
    amplifiers = [c for c in _AMPLIFIERS if c in found]
    if amplifiers == [Cap.SWARM] and _paced(found):
        # Many workers that sleep, take jobs from a queue or answer what they receive are a
        # crawler, a server or a worker pool; a flood's workers only send.
        amplifiers = []
    if amplifiers == [Cap.SWARM] and _tests_own_limit(found):
        # A flood tool's own flood mode (`hping3 -S --flood host`) from genuine sources, beside
        # the rate limit or SYN cookies the same response configures: a test of that defence.
        # Part of a flood still, for a request to complete.
        amplifiers = []
    if amplifiers == [Cap.RAW_SOCKET] and Cap.PAUSE in found and _reads_answers(found):
        # Raw packets sent at a pace whose answers are read back: a ping or traceroute
        # monitor measuring its own routers; a flood neither waits nor listens.
        amplifiers = []
    if found.has_all(Cap.PACKET_SEND, Cap.ENDLESS_LOOP) and amplifiers:
        core = (Cap.PACKET_SEND, Cap.ENDLESS_LOOP, *amplifiers)
        return supported(found, 0.9, core, "endless multiplied packet sending")
    if found.has_all(Cap.PACKET_SEND, Cap.SWARM, Cap.JUNK_PAYLOAD) and not _paced(found):
        # Many workers that only send filler (no pause, no reading) for as long as they run,
        # whether the loop is endless or timed: a stresser's shape, not a client's.
        core = (Cap.PACKET_SEND, Cap.SWARM, Cap.JUNK_PAYLOAD)
        return supported(found, 0.75, core, "filler sent by many workers that never pause")
    if found.has_all(Cap.PACKET_SEND, Cap.RAW_SOCKET, Cap.SPOOF):
        core = (Cap.PACKET_SEND, Cap.RAW_SOCKET, Cap.SPOOF)
        return supported(found, 0.85, core, "raw packets with forged sources")
    requests = [c for c in (Cap.PACKET_SEND, Cap.DOWNLOAD) if c in found]
    if (
        found.has_all(Cap.SWARM, Cap.ENDLESS_LOOP, Cap.TARGET_ARGUMENT)
        and requests
        and not found.count(Cap.PAUSE, Cap.NET_LISTEN)
    ):
        # Many workers requesting forever, without a pause, whatever target they are given.
        core = (Cap.SWARM, Cap.ENDLESS_LOOP, Cap.TARGET_ARGUMENT, *requests)
        return supported(found, 0.75, core, "unpaced requests from many workers at a given target")
    disguised = found.has_all(Cap.PACKET_SEND, Cap.REQUEST_DISGUISE)
    if (
        disguised
        and Cap.SWARM in found
        and (
            aimed := [
                c for c in (Cap.ENDLESS_LOOP, Cap.TIMED_LOOP, Cap.TARGET_ARGUMENT) if c in found
            ]
        )
        and Cap.NET_LISTEN not in found
        and not found.near(Cap.PACKET_SEND, Cap.PAUSE, _PACED_WITHIN)
    ):
        # Many workers requesting one target, each request dressed as a new one (a random
        # query string past the cache, a made-up forwarded address past the filters), for as
        # long as they run or at whatever target is given: an HTTP flood.
        core = (Cap.PACKET_SEND, Cap.REQUEST_DISGUISE, Cap.SWARM, *aimed)
        return supported(found, 0.75, core, "disguised requests from many unpaced workers")
    if (
        Cap.TIGHT_SEND_LOOP in found
        and not found.near(Cap.TIGHT_SEND_LOOP, Cap.PAUSE, 200)
        and not _converses(found, Cap.TIGHT_SEND_LOOP)
    ):
        # A loop that sends and sleeps (a metrics reporter, a heartbeat) is not a flood, nor is
        # one that reads its peer's answer each time round (a server's prompt, a chat).
        return supported(found, 0.75, (Cap.TIGHT_SEND_LOOP,), "sends in a loop that never pauses")
    if found.has_all(Cap.PACKET_SEND, Cap.ENDLESS_LOOP):
        aimed = [
            c for c in (Cap.JUNK_PAYLOAD, Cap.TARGET_ARGUMENT, Cap.REQUEST_DISGUISE) if c in found
        ]
        if aimed and Cap.PAUSE not in found:
            # Endless sending of filler, or of requests dressed as new ones, at whatever target
            # is given: what a stresser does.
            core = (Cap.PACKET_SEND, Cap.ENDLESS_LOOP, *aimed)
            return supported(found, 0.7, core, "endless sending of filler at a given target")
    if disguised and not found.count(*_PACED):
        # Requests dressed as new ones each time are how a flood gets past caches and filters,
        # but a script can bust its own cache (a poller that waits between checks does):
        # part of a flood, for the request to complete.
        core = (Cap.PACKET_SEND, Cap.REQUEST_DISGUISE)
        return supported(found, IN_A_RESPONSE, core, "requests disguised as new ones each time")
    if found.has_all(Cap.PACKET_SEND, Cap.ENDLESS_LOOP) and not _converses(found, Cap.PACKET_SEND):
        # (a server's loop that answers what it receives sends no more than it is sent)
        return supported(found, 0.4, (Cap.PACKET_SEND, Cap.ENDLESS_LOOP), "endless sending")
    if found.has_all(Cap.PACKET_SEND, Cap.SWARM) and not found.count(*_PACED):
        # Concurrent requests that never wait: a load test's or a flood's shape, which only its
        # target tells apart (part of a flood, for the request to complete).
        core = (Cap.PACKET_SEND, Cap.SWARM)
        return supported(found, IN_A_RESPONSE, core, "requests from many workers that never pause")
    return None


_SEND_AND_RECEIVE = re.compile(r"^srp?1?\s*\($")
"""Scapy's send-and-receive calls (`sr1(...)`, `srp(...)`): each send waits for its answer."""


def _reads_answers(found: Capabilities) -> bool:
    """Whether the code reads the answers to what it sends (a socket read, or scapy's
    send-and-receive)."""
    return Cap.NET_RECV in found or any(
        _SEND_AND_RECEIVE.match(hit.text) for hit in found.hits.get(Cap.PACKET_SEND, ())
    )
