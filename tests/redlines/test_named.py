"""Searches built around a text's own names answer as the plain searches they stand for.

`named.py` skips the search (and the compile) when the searched text does not write the name
out; `flows._run_of` is built only from the names a line writes out. Both are checked here
against plain `re` on the lines of the detector fixtures, with names taken from those lines,
and on the letters a case-blind search folds.
"""

from __future__ import annotations

import re

import pytest

from redline.redlines import flows
from redline.redlines.flows import NETWORK_INPUT, WEB_INPUT
from redline.redlines.named import name_written, names_written, written_names
from tests.redlines.conftest import FIXTURES

_WORD = re.compile(r"[A-Za-z_$][\w$.-]*")


@pytest.fixture(scope="module")
def lines() -> list[str]:
    """Lines of every fifth detector fixture."""
    found = []
    for path in sorted(FIXTURES.glob("*/*"))[::5]:
        try:
            found += path.read_text("utf-8").splitlines()
        except UnicodeDecodeError:
            continue
    return found


@pytest.fixture(scope="module")
def names(lines: list[str]) -> list[str]:
    """Words the fixtures write (some on a line, most not), as names a flow could have bound."""
    return sorted({m.group(0) for line in lines[::7] for m in _WORD.finditer(line)})[::9]


@pytest.fixture(scope="module")
def lookups(names: list[str]) -> list[str]:
    """Lines that look a name up in DNS (the fixtures' lines hold few), for the case-blind
    edge."""
    return [f"addr = lookup({name}) or resolve(${name})" for name in names[::4]]


EDGES = [
    (r"(?<![\w$])", r"\b", 0),
    (r"\b", r"\b", 0),
    (r"(?<![\w$.])(?:\$\{?)?", r"\b(?!\s*[(=])", 0),
    (r"(?:\bresolve\w*|\blookup)\s*\(\s*\$?", r"\b", re.I),
]


@pytest.mark.parametrize(("before", "after", "flags"), EDGES)
def test_a_name_written_is_found_where_the_plain_search_finds_it(
    before: str, after: str, flags: int, lines: list[str], names: list[str], lookups: list[str]
) -> None:
    compared = found = 0
    for line in lines[::6] + lookups:
        for name in names[:: 1 + len(line) % 5]:
            plain = re.compile(before + re.escape(name) + after, flags)
            want = [m.span() for m in plain.finditer(line)]
            assert [m.span() for m in names_written(line, name, before, after, flags)] == want
            match = name_written(line, name, before, after, flags)
            assert (match.span() if match else None) == (want[0] if want else None)
            compared += 1
            found += bool(want)
    assert compared > 10_000 and found > 50  # the lines do hold some of the names


def test_a_case_blind_search_keeps_names_written_in_letters_it_folds() -> None:
    # the Kelvin sign, U+0130 and the long s match "k", "i" and "s" case-blind; a name outside
    # ASCII is always kept, as its own folding is not looked into
    line = "lookup(\u212a\u0130LN) and resolve(\u017ftep)"
    assert written_names(line, {"kiln", "step", "other", "naïve"}, case_blind=True) == {
        "kiln",
        "step",
        "naïve",
    }
    assert name_written(line, "kiln", r"\blookup\s*\(", r"\b", re.I) is not None
    assert written_names(line, {"kiln", "lookup"}) == {"lookup"}


@pytest.mark.parametrize("source", [NETWORK_INPUT, WEB_INPUT], ids=["network", "web"])
def test_a_runner_is_read_from_the_names_a_line_writes_as_from_all(
    source: re.Pattern[str], lines: list[str], names: list[str]
) -> None:
    marks = ("", "def:", flows._ALIAS_MARK)
    compared = found = 0
    for index, line in enumerate(lines[::2]):
        bound = frozenset(
            marks[i % 3] + name + ("()" if i % 4 == 0 else "")
            for i, name in enumerate(names[index % 11 :: 37])
        ) | {m.group(0) for m in _WORD.finditer(line)}
        every = flows._run_of(bound, source).search(line)
        written = flows._run_of(flows._spelled_in(line, bound), source).search(line)
        assert (written.span() if written else None) == (every.span() if every else None)
        compared += 1
        found += every is not None
    assert compared > 1_000 and found > 10
