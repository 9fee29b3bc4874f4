"""Readings that weigh each command or name against its whole line do that work once per line:
a line four times as long costs about four times the CPU time, not sixteen (CPU-time ratios,
not wall-clock times)."""

from __future__ import annotations

import time
from collections.abc import Callable

from redline.redlines.capabilities import PATTERNS, Capability
from redline.redlines.replayed_cookies import replayed_cookie_hits
from redline.redlines.sent_mail import sent_mail_hits
from redline.redlines.smuggling import smuggling_hits
from redline.redlines.stolen_names import stolen_credential_hits


def _cpu(read: Callable[[str], object], text: str, rounds: int = 5) -> float:
    """The least CPU time of `rounds` readings of `text`."""
    best = float("inf")
    for _ in range(rounds):
        began = time.process_time()
        read(text)
        best = min(best, time.process_time() - began)
    return best


def _grows_linearly(read: Callable[[str], object], piece: str, times: int) -> None:
    short = piece * times
    long = piece * (times * 4)
    ratio = _cpu(read, long) / max(_cpu(read, short), 1e-4)
    assert ratio < 9, ratio  # linear gives about 4, quadratic about 16


def test_many_mailers_on_one_line_cost_in_proportion() -> None:
    piece = "mail -s 'verify your account' -r a@b.co c;" * 12 + "while read;" * 45
    _grows_linearly(sent_mail_hits, piece, 4)


def test_many_stolen_names_on_one_line_cost_in_proportion() -> None:
    _grows_linearly(stolen_credential_hits, "$STOLEN_KEY ", 330)


def test_many_cookie_setters_on_one_line_cost_in_proportion() -> None:
    def read(line: str) -> object:
        return replayed_cookie_hits("open(x) ookie " + line)

    _grows_linearly(read, "if x.cookies.set(", 250)


def test_many_timers_in_one_page_cost_in_proportion() -> None:
    def read(line: str) -> object:
        return smuggling_hits("atob(x); new Blob([b]); " + line)

    _grows_linearly(read, "setTimeout(f0,1);function f1(){ {", 250)


def test_many_unpackings_on_one_line_cost_in_proportion() -> None:
    def read(line: str) -> object:
        return [p.search(line) for p in PATTERNS[Capability.APP_BUNDLE_REPACKED]]

    _grows_linearly(read, "asar e app.asar ", 62)  # (within the 4000 characters read on)
