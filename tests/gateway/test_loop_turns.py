"""Checks run on the event loop take turns with the network, one per turn of the loop."""

from __future__ import annotations

import asyncio
import socket

from redline.gateway.state import LoopTurns


async def _checks_before_the_network(count: int) -> int | None:
    loop = asyncio.get_running_loop()
    sender, receiver = socket.socketpair()
    receiver.setblocking(False)
    turns = LoopTurns()
    done = 0
    read_at: list[int] = []
    loop.add_reader(receiver, lambda: read_at.append(done) if not read_at else None)

    async def check() -> None:
        nonlocal done
        await turns.take()
        done += 1  # a check that never awaits, as the guard's

    tasks = [asyncio.create_task(check()) for _ in range(count)]
    await asyncio.sleep(0)  # every check is now waiting for its turn
    sender.send(b"x")
    await asyncio.gather(*tasks)
    loop.remove_reader(receiver)
    sender.close()
    receiver.close()
    return read_at[0] if read_at else None


def test_the_network_gets_in_between_queued_checks() -> None:
    read_at = asyncio.run(_checks_before_the_network(200))
    assert read_at is not None and read_at <= 3  # not after all 200


def test_a_caller_cancelled_with_the_turn_in_hand_passes_it_on() -> None:
    async def run() -> list[int]:
        turns = LoopTurns()
        order: list[int] = []

        async def check(number: int) -> None:
            await turns.take()
            order.append(number)

        first = asyncio.create_task(check(0))
        second = asyncio.create_task(check(1))
        third = asyncio.create_task(check(2))
        await asyncio.sleep(0)  # 0 has the turn; 1 and 2 wait
        await first
        await asyncio.sleep(0)  # the turn is handed to 1 ...
        second.cancel()  # ... which leaves before using it
        # Without the hand-over, 2 would wait for ever: fail after a while instead.
        await asyncio.wait_for(asyncio.gather(second, third, return_exceptions=True), 10)
        return order

    assert asyncio.run(run()) == [0, 2]
