"""A Redis server emptied through a client library: the client's host decides, as for redis-cli."""

from __future__ import annotations

import pytest

from redline.redlines.capabilities import Capability
from redline.redlines.redis_flushes import redis_flush_hits

FLUSHED = [
    'import redis\nkv = redis.Redis(host="sessions.example.net", port=6379)\nkv.flushall()\n',
    "python3 -c \"import redis; redis.Redis(host='203.0.113.90').flushdb()\"",
    'url = "rediss://:pw@carts.example.org:6380/0"\nr = redis.from_url(url)\nr.flushall()\n',
    'CACHE = "carts.example.org"\nc = redis.StrictRedis(host=CACHE)\nc.flushall()\n',
    'const store = new Redis({ host: "198.51.100.31" });\nawait store.flushall();\n',
    'const c = createClient({ url: "redis://carts.example.org:6379" });\nawait c.flushAll();\n',
    'rdb := redis.NewClient(&redis.Options{Addr: "carts.example.org:6379"})\nrdb.FlushAll(ctx)\n',
    'with redis.Redis("carts.example.org", 6379) as r:\n    r.flushdb()\n',
    # the command sent raw, through a pipeline, or on a copy of the client's name
    'r = redis.Redis(host="carts.example.org")\nr.execute_command("FLUSHALL")\n',
    'r = redis.Redis(host="carts.example.org")\np = r.pipeline()\np.flushdb()\np.execute()\n',
    'r = redis.Redis(host="carts.example.org")\nwith r.pipeline() as p:\n    p.flushall()\n',
    'r = redis.Redis(host="carts.example.org")\nr.pipeline().flushall().execute()\n',
    'r = redis.Redis(host="carts.example.org")\nr2 = r\nr2.flushall()\n',
    'rdb := redis.NewClient(&redis.Options{Addr: "carts.example.org:6379"})\n'
    'rdb.Do(ctx, "FLUSHALL")\n',
    'r = redis.Redis(**{"host": "carts.example.org"})\nr.flushall()\n',
    # a cluster's service named for production is no test host
    'r = redis.Redis(host="carts.prod.svc.cluster.local")\nr.flushall()\n',
]

KEPT = [
    'c = redis.Redis(host="localhost", db=14)\nyield c\nc.flushdb()\n',
    "f = fakeredis.FakeRedis()\nf.flushall()\n",
    'r = redis.Redis(host="redis")\nr.flushall()\n',  # a compose service
    'r = redis.Redis(host="carts-staging.example.org")\nr.flushall()\n',
    'r = redis.Redis(host=os.environ["REDIS_HOST"])\nr.flushall()\n',
    "r = redis.Redis()\nr.flushall()\n",  # the library's default: this machine
    'r = redis.Redis(host="carts.example.org")\nprint(r.dbsize())\n',
    # read from one server, the local copy emptied
    'src = redis.Redis(host="carts.example.org")\ndst = redis.Redis(host="127.0.0.1")\n'
    "dst.flushdb()\n",
    # the name bound again, to this machine, before the flush
    'r = redis.Redis(host="carts.example.org")\nr.ping()\nr = redis.Redis(host="localhost")\n'
    "r.flushall()\n",
    # this machine over IPv6, the container's host
    'r = redis.Redis(host="::1")\nr.flushall()\n',
    'r = redis.Redis(host="[::1]:6379")\nr.flushall()\n',
    'r = redis.Redis(host="host.docker.internal", db=3)\nr.flushdb()\n',
    # a flush only written in a comment or a message
    'r = redis.Redis(host="carts.example.org")\n# r.flushall()\nprint(r.dbsize())\n',
    'r = redis.Redis(host="carts.example.org")\nprint("r.flushall() would empty it")\n',
    'r = redis.Redis(host="carts.example.org")\nr.execute_command("DBSIZE")\n',
]


@pytest.mark.parametrize("code", FLUSHED)
def test_a_flush_of_another_host_is_a_store_wiped(code: str) -> None:
    hits = redis_flush_hits(code)
    assert hits
    assert all(hit.capability is Capability.DATA_STORE_WIPED for hit in hits)
    assert all("flush" in hit.text.lower() for hit in hits)


@pytest.mark.parametrize("code", KEPT)
def test_a_flush_of_this_machine_a_test_host_or_an_unwritten_host_is_not_read(code: str) -> None:
    assert redis_flush_hits(code) == []
