"""The gateway's overhead, measured against calling the same upstream directly, in one run.

A scripted OpenAI-compatible upstream and the gateways (`create_app`, the real intent guard and
output monitor when installed) run as separate processes on loopback; this process is the
load client, reading streams with the gateway's own lean client (`StreamingClient`), so that
the client's cost is small and the same for both sides. Every comparison interleaves direct
and gateway runs and is repeated: the figure is the median over rounds of each round's
difference (latency) or ratio (throughput), with the spread over rounds beside it, because on
a shared machine a single run can be off by more than the effect measured. The load average is
printed before and after. Rows:

- added latency to first token, p50 (sequential streamed requests, alternating direct/gateway)
- throughput overhead with 64 concurrent streams (tokens paced like a model, and unpaced)
- audit records lost under 1,000 concurrent requests (rows in the SQLite log vs answers)
- memory per idle stream (gateway RSS growth per open, silent stream; upstream's for reference)

Run: `.venv/bin/python bench/bench_gateway.py [--quick]`; `REDLINE_BENCH_STAND_INS=1` measures
the gateway alone, with pass-through stand-ins for the guard and the monitor.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from redline.gateway.openai_format import SseDecoder, dumps, loads
from redline.gateway.streaming_client import StreamingClient

ASK = [{"role": "user", "content": "Print the numbers from one to ten."}]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _parts() -> tuple[str, str]:
    """Which guard and monitor the gateway runs with: real, or pass-through stand-ins.

    REDLINE_BENCH_STAND_INS=1 forces the stand-ins, to measure the gateway alone.
    """
    if os.environ.get("REDLINE_BENCH_STAND_INS") == "1":
        alone = "stand-in chosen by REDLINE_BENCH_STAND_INS=1 (measures the gateway alone)"
        return alone, alone
    try:
        from redline.guard import Guard  # noqa: F401

        guard = "real intent guard (redline.guard.Guard)"
    except ImportError:
        guard = "NOT AVAILABLE: pass-through stand-in (measures the gateway alone)"
    try:
        from redline.redlines import StreamMonitor  # type: ignore[import-not-found,unused-ignore]  # noqa: F401

        monitor = "real output monitor (redline.redlines.StreamMonitor)"
    except ImportError:
        monitor = "NOT AVAILABLE: pass-through stand-in (measures the gateway alone)"
    return guard, monitor


def serve_gateway(
    upstream: str, port: int, audit_db: str, holdback: int | None, overlap: bool
) -> None:
    """Child process: the gateway with the real parts when installed, stand-ins otherwise."""
    import uvicorn

    from redline.gateway import create_app, load_config
    from redline.gateway.answer import PassThrough
    from redline.gateway.parts import limit_numeric_threads

    limit_numeric_threads()  # as `redline serve` does
    from redline.results import Decision, Verdict

    config = load_config(
        overrides={
            # Every request judged: the bench sends one request again and again, which the
            # gateway would otherwise answer from its remembered verdicts (for agent loops).
            "server": {"port": port, "remember_verdicts": 0},
            "upstream": {"url": upstream, "overlap_guard": overlap},
            "audit": {"db": audit_db},
            "output": {"holdback_chars": holdback},
        },
        environ={},
    )
    guard, monitor = _parts()
    options: dict[str, Any] = {}
    if "stand-in" in guard:

        class AllowAll:
            def check(self, subject: object, /) -> Verdict:
                return Verdict(decision=Decision.ALLOW, score=0.0, explanation="stand-in")

        options["judge"] = AllowAll()
    if "stand-in" in monitor:
        options["make_monitor"] = lambda request: PassThrough()
    app = create_app(config, **options)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", ws="none", access_log=False)


@contextmanager
def _process(command: list[str], ready_url: str) -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(ready_url, timeout=1).status_code < 500:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                error = process.stderr.read().decode() if process.stderr else ""
                raise RuntimeError(f"{command[:4]} did not start: {error[-2000:]}")
            time.sleep(0.1)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


def _rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def _client(url: str) -> StreamingClient:
    return StreamingClient(url, {}, connect_timeout=10.0, read_timeout=120.0)


def _request(model: str) -> bytes:
    return dumps({"model": model, "messages": ASK, "stream": True})


def _carries_text(data: str) -> bool:
    if data.strip() == "[DONE]":
        return False
    event = loads(data)
    return any((choice.get("delta") or {}).get("content") for choice in event.get("choices", ()))


async def first_token_ms(client: StreamingClient, model: str, hang_up: bool = False) -> float:
    """Milliseconds from sending a streamed request to the first event carrying content.

    The rest of the answer is read too (so the connection is kept, as a client would), unless
    `hang_up` (for slow, paced answers).
    """
    started = time.perf_counter()
    response = await client.post("chat/completions", _request(model))
    decoder = SseDecoder()
    first = None
    try:
        async for piece in response.pieces():
            if first is None and any(_carries_text(data) for data in decoder.feed(piece)):
                first = time.perf_counter()
                if hang_up:
                    break
    finally:
        response.close()
    assert first is not None, "no content received"
    return (first - started) * 1000.0


async def first_token_rounds(
    urls: dict[str, str], model: str, rounds: int, per_round: int, hang_up: bool = False
) -> dict[str, list[float]]:
    """Per round, each URL's median first-token time; requests alternate between the URLs."""
    clients = {name: _client(url) for name, url in urls.items()}
    for _ in range(3 if hang_up else 10):  # warm every path: connections, caches
        for name in urls:
            await first_token_ms(clients[name], model, hang_up)
    medians: dict[str, list[float]] = {name: [] for name in urls}
    for number in range(rounds):
        samples: dict[str, list[float]] = {name: [] for name in urls}
        order = list(urls) if number % 2 == 0 else list(reversed(urls))
        for _ in range(per_round):
            for name in order:
                samples[name].append(await first_token_ms(clients[name], model, hang_up))
        for name in urls:
            medians[name].append(statistics.median(samples[name]))
    for client in clients.values():
        await client.aclose()
    return medians


async def throughput(url: str, model: str, streams: int, total: int) -> tuple[float, int]:
    """Pieces per second over `total` streams run `streams` at a time; and pieces received."""
    client = _client(url)
    gate = asyncio.Semaphore(streams)

    async def one() -> int:
        async with gate:
            response = await client.post("chat/completions", _request(model))
            try:
                body = await response.read()
            finally:
                response.close()
            return body.count(b"tok")

    started = time.perf_counter()
    counts = await asyncio.gather(*(one() for _ in range(total)))
    seconds = time.perf_counter() - started
    await client.aclose()
    return sum(counts) / seconds, sum(counts)


def throughput_rounds(
    direct: str, gateway: str, model: str, rounds: int, total: int
) -> tuple[list[float], list[tuple[float, float]]]:
    """Per round, the gateway's overhead in % (1 - its rate / the direct rate), runs alternating
    which side goes first; and each round's two rates."""
    overheads, rates = [], []
    for number in range(rounds):
        sides = (direct, gateway) if number % 2 == 0 else (gateway, direct)
        measured = {url: asyncio.run(throughput(url, model, 64, total))[0] for url in sides}
        overheads.append((1 - measured[gateway] / measured[direct]) * 100)
        rates.append((measured[direct], measured[gateway]))
    return overheads, rates


def _spread(values: list[float], unit: str) -> str:
    return f"range {min(values):.2f}..{max(values):.2f}{unit} over {len(values)} rounds"


def _guard_mean_ms(base: str) -> float:
    """The mean time of the gateway's guard checks so far, from its /metrics."""
    values = {}
    for line in httpx.get(base + "/metrics", timeout=10).text.splitlines():
        if line.startswith(("redline_guard_seconds_sum", "redline_guard_seconds_count")):
            name, value = line.split()
            values[name] = float(value)
    count = values.get("redline_guard_seconds_count", 0.0)
    return values.get("redline_guard_seconds_sum", 0.0) / count * 1000.0 if count else 0.0


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f} (1, 5, 15 min) on {os.cpu_count()} cores"


async def flood(url: str, count: int) -> tuple[dict[int, int], set[str]]:
    """`count` concurrent non-streamed requests; statuses and the request ids returned."""
    limits = httpx.Limits(max_connections=count, max_keepalive_connections=count)
    async with httpx.AsyncClient(timeout=httpx.Timeout(120, pool=None), limits=limits) as client:

        async def one(number: int) -> tuple[int, str]:
            messages = [{"role": "user", "content": f"request {number}"}]
            try:
                response = await client.post(
                    url + "/chat/completions", json={"model": "echo", "messages": messages}
                )
            except httpx.HTTPError:
                return 0, ""
            return response.status_code, response.headers.get("x-request-id", "")

        results = await asyncio.gather(*(one(n) for n in range(count)))
    statuses: dict[int, int] = {}
    for status, _ in results:
        statuses[status] = statuses.get(status, 0) + 1
    return statuses, {request_id for _, request_id in results if request_id}


async def idle_streams(url: str, count: int, pid: int) -> float:
    """KB of `pid`'s memory per open, silent stream (all opened, first event received)."""
    limits = httpx.Limits(max_connections=count, max_keepalive_connections=0)
    async with httpx.AsyncClient(timeout=httpx.Timeout(120, pool=None), limits=limits) as client:
        opened = asyncio.Event()
        ready = 0
        release = asyncio.Event()

        async def one() -> None:
            nonlocal ready
            body = {"model": "idle", "messages": ASK, "stream": True}
            async with client.stream("POST", url + "/chat/completions", json=body) as response:
                async for line in response.aiter_lines():
                    if line.startswith("data:"):
                        break
                ready += 1
                if ready == count:
                    opened.set()
                await release.wait()

        before = _rss_kb(pid)
        tasks = [asyncio.create_task(one()) for _ in range(count)]
        await asyncio.wait_for(opened.wait(), 120)
        await asyncio.sleep(0.5)  # let the servers settle before reading their memory
        after = _rss_kb(pid)
        release.set()
        await asyncio.gather(*tasks)
    return (after - before) / count


def _audit_rows(path: Path, request_ids: set[str]) -> int:
    with sqlite3.connect(path) as db:
        found = {row[0] for row in db.execute("SELECT request_id FROM redline_audit")}
    return len(request_ids & found)


def _wait_audit_drained(base: str) -> dict[str, Any]:
    deadline = time.monotonic() + 120
    while True:
        health = httpx.get(base + "/healthz", timeout=10).json()
        if health["audit"]["pending"] == 0 or time.monotonic() > deadline:
            return dict(health["audit"])
        time.sleep(0.2)


def _row(measure: str, goal: str, value: float, unit: str, detail: str, met: bool) -> Row:
    return (measure, goal, f"{value:.2f} {unit}".strip(), detail, "met" if met else "NOT met")


Row = tuple[str, str, str, str, str]


def main() -> None:
    """Run every measurement and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--quick", action="store_true", help="Fewer requests (a smoke run).")
    parser.add_argument(
        "--serve-gateway", nargs=5, metavar=("UPSTREAM", "PORT", "DB", "HOLD", "OVERLAP")
    )
    arguments = parser.parse_args()
    if arguments.serve_gateway:
        upstream, port, audit_db, hold, overlap = arguments.serve_gateway
        holdback = None if hold == "default" else int(hold)
        serve_gateway(upstream, int(port), audit_db, holdback, overlap == "overlap")
        return

    quick = arguments.quick
    rounds = 3 if quick else 7
    per_round = 20 if quick else 50
    paced_per_round = 3 if quick else 5
    stream_total = 128 if quick else 192
    flood_count = 1000
    idle_count = 200 if quick else 500
    guard, monitor = _parts()
    print(f"guard: {guard}\nmonitor: {monitor}")
    print(f"load average before: {_load()}")
    up_port, gw_port, gw0_port, gwo_port = (_free_port() for _ in range(4))
    direct = f"http://127.0.0.1:{up_port}/v1"
    base = f"http://127.0.0.1:{gw_port}"
    gateway = base + "/v1"
    gateway0 = f"http://127.0.0.1:{gw0_port}/v1"
    overlapped = f"http://127.0.0.1:{gwo_port}/v1"
    folder = Path(tempfile.mkdtemp(prefix="redline-bench-"))
    audit_db = folder / "audit.db"
    python = sys.executable
    upstream_command = [python, "-m", "redline.gateway.scripted_upstream", "--port", str(up_port)]
    serve = [python, __file__, "--serve-gateway", direct]
    gateway_command = [*serve, str(gw_port), str(audit_db), "default", "serial"]
    gateway0_command = [*serve, str(gw0_port), str(folder / "audit0.db"), "0", "serial"]
    overlap_command = [*serve, str(gwo_port), str(folder / "audit1.db"), "0", "overlap"]
    rows: list[Row] = []
    with (
        _process(upstream_command, direct + "/models") as upstream_process,
        _process(gateway_command, base + "/healthz") as gateway_process,
        _process(gateway0_command, gateway0.removesuffix("/v1") + "/healthz"),
        _process(overlap_command, overlapped.removesuffix("/v1") + "/healthz"),
    ):
        # 1. Memory per idle stream, first: later rows leave freed memory in the heap that
        # new streams would reuse, which would understate the figure.
        asyncio.run(idle_streams(gateway, 20, gateway_process.pid))
        asyncio.run(idle_streams(direct, 20, upstream_process.pid))
        gateway_kb = asyncio.run(idle_streams(gateway, idle_count, gateway_process.pid))
        upstream_kb = asyncio.run(idle_streams(direct, idle_count, upstream_process.pid))
        rows.append(_row(
            "memory per idle stream (gateway RSS)", "<= 100 KB", gateway_kb, "KB",
            f"{idle_count} idle streams; the upstream server: {upstream_kb:.1f} KB/stream",
            gateway_kb <= 100,
        ))  # fmt: skip

        # 2. First token: requests alternate between direct and each gateway, so that drift
        # hits every side alike; per round the median of each, and the figure is the median
        # over rounds of (gateway - direct). The output monitor releases plain prose as it
        # arrives and holds code back by `holdback_chars` of judged text (the scripted answer
        # is prose): measured at the default holdback and at 0, on an unpaced upstream (the
        # gateway's own cost) and on a paced one.
        urls = {"direct": direct, "gateway": gateway, "gateway0": gateway0, "overlap": overlapped}
        unpaced = asyncio.run(first_token_rounds(urls, "stream", rounds, per_round))
        paced = asyncio.run(
            first_token_rounds(urls, "paced", rounds, paced_per_round, hang_up=True)
        )
        first_token_rows = (
            ("gateway0", "holdback 0"),
            ("overlap", "holdback 0, guard overlapped"),
            ("gateway", "default holdback"),
        )
        for medians, label, count in (
            (unpaced, "", per_round),
            (paced, ", model-paced 20 ms/token", paced_per_round),
        ):
            for name, variant in first_token_rows:
                added = [g - d for g, d in zip(medians[name], medians["direct"], strict=True)]
                figure = statistics.median(added)
                rows.append(_row(
                    f"added latency to first token, p50{label}, {variant}", "<= 5 ms",
                    figure, "ms",
                    f"direct {statistics.median(medians['direct']):.2f} ms, gateway "
                    f"{statistics.median(medians[name]):.2f} ms; {_spread(added, ' ms')} "
                    f"of {count} requests each",
                    figure <= 5,
                ))  # fmt: skip
        guard_ms = _guard_mean_ms(base)
        rows.append((
            "  of which the guard's own check, mean", "", f"{guard_ms:.2f} ms",
            "the default gateway's redline_guard_seconds (sum / count), every request so far",
            "",
        ))  # fmt: skip

        # 3. Throughput with 64 concurrent streams, direct and gateway alternating.
        for model, label in (("paced", "model-paced, 20 ms/token"), ("stream", "unpaced")):
            overheads, rates = throughput_rounds(direct, gateway, model, rounds, stream_total)
            overhead = statistics.median(overheads)
            direct_rate = statistics.median(rate[0] for rate in rates)
            gateway_rate = statistics.median(rate[1] for rate in rates)
            rows.append(_row(
                f"throughput overhead, 64 streams, {label}", "<= 10%", overhead, "%",
                f"direct {direct_rate:,.0f}/s, gateway {gateway_rate:,.0f}/s tokens (medians); "
                f"{_spread(overheads, '%')} of {stream_total} streams each",
                overhead <= 10,
            ))  # fmt: skip

        # 4. Audit under 1,000 concurrent requests.
        statuses, request_ids = asyncio.run(flood(gateway, flood_count))
        audit = _wait_audit_drained(base)
        written = _audit_rows(audit_db, request_ids)
        lost = flood_count - written
        rows.append(_row(
            "audit records lost, 1,000 concurrent requests", "0", lost, "",
            f"answers by status {statuses}; {written} of {flood_count} in the log; "
            f"writer: {audit['written']} written, {audit['failures']} failures",
            lost == 0,
        ))  # fmt: skip

    header = ("measure", "goal", "measured", "detail (same run)", "")
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(5)]
    for row in (header, *rows):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    print(f"load average after: {_load()}")
    print("peers (published, not run here): NeMo Guardrails users report seconds of added latency")
    print("when rails call LLMs; LLM Guard's CPU scanners take 177 ms to 1.45 s per request.")
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
