"""The shortcuts in reading capability patterns answer as the patterns do.

`capabilities.scan` tries a pattern only where one of its literals is (or, for a pattern without
literals, where its characters are), starting at the literal's positions; `Gated` patterns are
tried only on text that could hold a match. Each shortcut is checked here against plain matching
on the detector fixtures. The streaming monitor reads a pattern over several lines only if it is
written to cross them (`SPANNING`); one that crosses lines only through a space class or a
negated class is read a line at a time by design.
"""

from __future__ import annotations

import importlib
import pkgutil
import re

import redline.redlines
from redline.redlines import capabilities
from redline.redlines.capabilities import Gated, scan
from tests.redlines.conftest import FIXTURES


def _fixture_texts(every: int) -> list[str]:
    texts = []
    for path in sorted(FIXTURES.glob("*/*"))[::every]:
        try:
            texts.append(path.read_text("utf-8"))
        except UnicodeDecodeError:
            continue
    return texts


SAMPLE = _fixture_texts(6)
"""Every sixth fixture: all of them would take most of a minute of plain matching."""


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def test_scan_finds_what_plain_matching_finds() -> None:
    hits = 0
    for text in SAMPLE:
        found = sorted((h.capability.name, h.start, h.end) for h in scan(text))
        plain = sorted(
            (capability.name, *span)
            for capability, pattern, _ in capabilities._PREFILTERED
            for span in _spans(pattern, text)
        )
        assert found == plain
        hits += len(plain)
    assert hits > 500  # the sample holds enough matches to mean something


def _gated_patterns() -> list[tuple[str, Gated]]:
    found: dict[int, tuple[str, Gated]] = {}
    for module_info in pkgutil.walk_packages(redline.redlines.__path__, "redline.redlines."):
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            values = value if isinstance(value, tuple) else (value,)
            for item in values:
                if isinstance(item, Gated):
                    found[id(item)] = (f"{module_info.name}.{name}", item)
    return sorted(found.values(), key=lambda pair: pair[0])


def test_gated_patterns_answer_as_their_regex() -> None:
    gated = _gated_patterns()
    assert len(gated) > 20
    pieces = SAMPLE + [line for text in SAMPLE for line in text.splitlines(keepends=True)]
    for name, pattern in gated:
        for piece in pieces:
            assert _spans(pattern.regex, piece) == [m.span() for m in pattern.finditer(piece)], name


def test_the_fork_loop_is_read_across_lines() -> None:
    """A fork bomb's loop head and body are on different lines: the monitor reads it over them."""
    spanning = {pattern.pattern for _, pattern in capabilities.SPANNING}
    fork_loops = [
        pattern.pattern
        for capability, pattern, _ in capabilities._PREFILTERED
        if capability.name == "FORK_BOMB" and capabilities._spans_lines(pattern)
    ]
    assert fork_loops
    assert any(pattern in spanning for pattern in fork_loops)
