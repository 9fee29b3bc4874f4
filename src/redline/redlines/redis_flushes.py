"""A Redis server neither this machine's nor kept for tests, emptied through a client library.

`redis-cli -h cache-main.example FLUSHALL` is read by a capability pattern (`DATA_STORE_WIPED`
in `capabilities.py`). The same act is as often written through a client library, in a program
or a one-line `python -c`: redis-py's `r = redis.Redis(host="cache-main.example"); r.flushall()`
or `redis.from_url("rediss://:pw@cache-main.example:6380").flushdb()`, ioredis's `new
Redis({ host: ... })`, node-redis's `createClient({ url: "redis://..." })`, go-redis's
`redis.NewClient(&redis.Options{Addr: "...:6379"})` then `FlushAll(ctx)`, redis-rb's
`Redis.new(host: ...)`. The client's host decides as it does for `redis-cli`, by one rule
(`capabilities.OWN_REDIS_HOST`): this machine, a host named for tests, development or CI, or a
compose file's bare service name (`redis`) is emptied as a matter of course (a test fixture's
`client.flushdb()` on `localhost`); any other host written in the program is someone's data
store wiped (`DATA_STORE_WIPED`). A client whose host is not written (read from the
environment, or the library's default, this machine) or a test double (`fakeredis.FakeRedis()`)
is not read.

The flush is tied to the client it empties: called on the constructor itself
(`redis.Redis(host=...).flushall()`) or on the name the client is bound to (`r = ...;
r.flushall()`, `with redis.Redis(...) as r:`), until that name is bound to something else, and on
the names it is handed to (`r2 = r`, a pipeline `p = r.pipeline()`, `with r.pipeline() as p:`).
A flush is the library's method (`flushall()`, go-redis's `FlushAll(ctx)`) or the command sent
raw (`execute_command("FLUSHALL")`, ioredis's `call("flushall")`, go-redis's `Do(ctx,
"FLUSHALL")`), also through a pipeline (`r.pipeline().flushall()`). A flush written in a comment
or in a string other than the one holding the program (`# r.flushall()`, `print("r.flushall()
empties it")`) is text, not a call. A host given by a name is read where that name is given a
string (`REDIS_HOST = "cache-main.example"`).
"""

from __future__ import annotations

import bisect
import re
from itertools import islice

from redline.redlines.capabilities import OWN_REDIS_HOST, Capability, Hit, matching_close

_MAY_FLUSH = re.compile(r"flush_?(?:all|db)", re.I)
"""The cheap test: a flush is called somewhere."""
_CLIENT = re.compile(
    r"(?<![\w.])(?:(?:redis|aioredis)(?:\.asyncio)?\.)?(?:Strict|IO)?Redis(?:Cluster)?"
    r"(?:\.(?:from_url|new))?\s*\("
    r"|(?<![\w.])(?:redis|aioredis)(?:\.asyncio)?\.from_url\s*\("
    r"|\bcreateClient\s*\(|\bredis\.New(?:Cluster)?Client\s*\("
)
"""A Redis client made (redis-py, ioredis, node-redis, go-redis, redis-rb); not a test double
(`fakeredis.FakeRedis(`)."""
_CLIENTS = 8
"""How many clients of one program are read (a program makes one or two)."""
_ARGUMENTS = 400
"""How far a client's arguments are read for its host."""
_BOUND_TO = re.compile(r"(?<![\w.])([A-Za-z_][\w.]{0,60})\s*:?=\s*(?:await\s+)?(?:new\s+)?$")
"""The name a client is bound to, read back from its constructor (`r = `, `rdb := `, `const
client = new `)."""
_BOUND_AS = re.compile(r"\s*as\s+([A-Za-z_]\w{0,60})")
"""The name a `with` statement binds a client to (`with redis.Redis(...) as r:`)."""
_PIPELINE = r"(?:\s*\.\s*pipeline\s*\([^()\n]{0,80}\))?"
"""A pipeline of the client, whose commands run on its server."""
_FLUSH_CALL = (
    r"\s*\.\s*(?:flush_?(?:all|db)\b|(?:execute_command|send_command|sendCommand|call|Do)\s*\("
    r"\s*(?:\w+\s*,\s*)?\[?\s*['\"]flush(?:all|db)\b)"
)
"""A flush called on a client: its method, or the command sent raw."""
_FLUSHED_HERE = re.compile(_PIPELINE + _FLUSH_CALL, re.I)
"""A flush called on the constructor itself."""
_ALIASES = 4
"""How many other names a client is handed to are followed (a pipeline, a copy)."""
_TEXT = re.compile(r"\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|(?<![^\s;])(?:#|//)[^\n]*")
"""A string on one line, or a comment (`#`, `//`) to the end of its line."""
_URL_HOST = re.compile(r"rediss?://(?:[^@\s'\"/]{0,200}@)?(\[[^\]\s]{1,60}\]|[^:/\s'\"?@]{1,200})")
"""The host of a `redis://` or `rediss://` URL, past its credentials."""
_HOST_KEY = re.compile(
    r"\b(?:host|Addr|addr|address)['\"]?\s*[=:]\s*(?:(['\"`])([^'\"`\s]{1,200})\1|([A-Za-z_]\w{0,60}))"
)
"""A host given by keyword (`host="..."`, `host: "..."`, go-redis's `Addr: "...:6379"`), as a
string or as a name."""
_POSITIONAL_HOST = re.compile(
    r"\s*(?:\d+\s*,\s*)?(?:(['\"])([^'\"\s]{1,200})\1|([A-Za-z_]\w{0,60})\s*(?:[,)]|$))"
)
"""A host or URL given first (`redis.Redis("cache-main.example", 6379)`, `redis.from_url(url)`)
or after the port (ioredis's `new Redis(6379, "cache-main.example")`), as a string or a name."""
_PORT = re.compile(r"^(\[[^\]]*\]|[^:]*):\d+$")
"""A host's port: after a name or address with no other colon, or after a bracketed IPv6
address (`[::1]:6379`); the last group of a bare IPv6 address (`::1`) is none."""
_OWN = re.compile(OWN_REDIS_HOST, re.I)


def _arguments(code: str, start: int) -> tuple[str, int]:
    """The text inside the parenthesis opened just before `start`, to its closing parenthesis
    (or `_ARGUMENTS` characters), and where that text ends."""
    limit = min(len(code), start + _ARGUMENTS)
    close = matching_close(code, start - 1, "(", ")", limit)
    if close is None:
        return code[start:limit], limit
    return code[start:close], close + 1


def _named_string(code: str, name: str) -> str | None:
    """The string a name is given in the program (`REDIS_HOST = "cache-main.example"`)."""
    given = re.search(rf"(?<![\w.]){re.escape(name)}\s*:?=\s*(['\"`])([^'\"`\s]{{1,200}})\1", code)
    return given.group(2) if given is not None else None


def _written_host(written: str) -> str:
    """The host of a string given as a client's host or URL, without its port."""
    url = _URL_HOST.search(written)
    return url.group(1) if url is not None else _PORT.sub(r"\1", written)


def _host(code: str, arguments: str) -> str | None:
    """The host a client's arguments name (in a URL, by keyword or first; written there or
    given to a name the program sets), without its port; None when none is written."""
    url = _URL_HOST.search(arguments)
    if url is not None:
        return url.group(1)
    given = _HOST_KEY.search(arguments) or _POSITIONAL_HOST.match(arguments)
    if given is None:
        return None
    written = given.group(2) or _named_string(code, given.group(3))
    return _written_host(written) if written else None


def _someone_elses(host: str) -> bool:
    """Whether a Redis host is not emptied as a matter of course (`OWN_REDIS_HOST`)."""
    return _OWN.match(host) is None


def _names_flushes(code: str, name: str, start: int) -> list[re.Match[str]]:
    """The flushes called on `name` after `start`, until it is bound to something else."""
    named_here = rf"(?<![\w.]){re.escape(name)}"
    rebound = re.compile(named_here + r"\s*:?=(?!=)").search(code, start)
    called = re.compile(named_here + _PIPELINE + _FLUSH_CALL, re.I)
    return list(called.finditer(code, start, rebound.start() if rebound else len(code)))


def _handed_to(code: str, name: str, start: int) -> list[tuple[str, int]]:
    """The other names a client's name is handed to after `start` (`r2 = r`, `p =
    r.pipeline()`, `with r.pipeline() as p:`), with where each is given it."""
    named_here = rf"(?<![\w.]){re.escape(name)}"
    handed = re.compile(
        rf"(?<![\w.])([A-Za-z_]\w{{0,60}})\s*:?=\s*{named_here}{_PIPELINE}\s*(?:[;\n)]|$)"
        rf"|{named_here}\s*\.\s*pipeline\s*\([^()\n]{{0,80}}\)\s*as\s+([A-Za-z_]\w{{0,60}})",
        re.M,
    )
    found = islice(handed.finditer(code, start), _ALIASES)
    return [(m.group(1) or m.group(2), m.end()) for m in found]


def _texts(code: str) -> tuple[list[int], list[int]]:
    """Where each string and comment of `code` starts and ends (`_TEXT`)."""
    spans = [m.span() for m in _TEXT.finditer(code)]
    return [a for a, _ in spans], [b for _, b in spans]


def _written_as_text(texts: tuple[list[int], list[int]], at: int, made_at: int) -> bool:
    """Whether `at` stands in a string or comment that does not also hold the client's
    constructor at `made_at` (a `python -c "..."` program is one string holding both)."""
    starts, ends = texts
    index = bisect.bisect_right(starts, at) - 1
    if index < 0 or at >= ends[index]:
        return False
    return not starts[index] <= made_at < ends[index]


def redis_flush_hits(code: str, offset: int = 0) -> list[Hit]:
    """`DATA_STORE_WIPED` at each flush of a Redis client made with a host that is neither this
    machine, nor one named for tests, nor a compose service."""
    if _MAY_FLUSH.search(code) is None:
        return []
    hits: list[Hit] = []
    texts: tuple[list[int], list[int]] | None = None
    for made in islice(_CLIENT.finditer(code), _CLIENTS):
        arguments, end = _arguments(code, made.end())
        host = _host(code, arguments)
        if host is None or not _someone_elses(host):
            continue
        flushes: list[re.Match[str]] = []
        here = _FLUSHED_HERE.match(code, end)
        if here is not None:
            flushes.append(here)
        bound = _BOUND_TO.search(code, max(0, made.start() - 80), made.start())
        named = _BOUND_AS.match(code, end)
        name = bound.group(1) if bound is not None else named.group(1) if named else None
        if name is not None:
            flushes.extend(_names_flushes(code, name, end))
            for other, given in _handed_to(code, name, end):
                flushes.extend(_names_flushes(code, other, given))
        if flushes and texts is None:
            texts = _texts(code)
        hits.extend(
            Hit(Capability.DATA_STORE_WIPED, offset + f.start(), offset + f.end(), f.group(0))
            for f in flushes
            if texts is not None and not _written_as_text(texts, f.start(), made.start())
        )
    return hits
