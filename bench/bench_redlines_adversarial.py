"""The output redlines on input built to make their patterns slow: long lines of their own words.

A capability pattern that reads `A [^\\n]* B [^\\n]* C` can take time cubic in a line's length
when the line repeats A and B without C (`Copy-Item $PSCommandPath ` eight hundred times in one
PowerShell line once took minutes). Three figures:
* for every capability pattern, the slowest search over 4,000-character lines made by repeating
  one or two of its own literal runs (and two plain fillers); the slowest patterns are listed;
* for the crontab patterns once mended, the time on a crafted line against the time on a tenth
  of it (about ten when linear, a hundred when quadratic);
* the whole-response judge (`judge_response`) on 20,000-character responses of such lines, in
  prose and inside fenced code blocks, and on a 1 MB response of fifty such lines (a line longer
  than `capabilities.MAX_LINE` is read in overlapping windows, so the cost grows with the
  response's length, not with the square of a line's).
The first two figures time each pattern alone over a whole line (`finditer`), not as a
scan reads it (in windows of `MAX_LINE`, only where its literals stand); the judge's figures
are the whole path. There is no peer to compare with; the goal is that no crafted line costs
more than a moment.
"""

from __future__ import annotations

import itertools
import re
import sys
import time
from typing import Any

from redline.redlines import judge_response
from redline.redlines.capabilities import _REPEATS, PATTERNS, Capability, _parsed

LINE = 4_000
RESPONSE = 20_000
MEGABYTE = 1_000_000
SHOWN = 8


def literal_runs(pattern: re.Pattern[str], most: int = 10) -> list[str]:
    """The pattern's runs of two or more literal characters, longest first."""
    runs: set[str] = set()

    def walk(items: Any) -> None:
        current: list[str] = []
        for op, value in items:
            name = str(op)
            if name == "LITERAL":
                current.append(chr(value))
                continue
            if len(current) >= 2:
                runs.add("".join(current))
            current = []
            if name == "SUBPATTERN":
                walk(value[-1])
            elif name == "BRANCH":
                for branch in value[1]:
                    walk(branch)
            elif name in _REPEATS:
                walk(value[2])
            elif name == "ATOMIC_GROUP":
                walk(value)
            elif name in ("ASSERT", "ASSERT_NOT"):
                walk(value[1])
        if len(current) >= 2:
            runs.add("".join(current))

    walk(_parsed(pattern))  # the parse the prefilter reads, cached
    return sorted(runs, key=lambda run: (-len(run), run))[:most]


def crafted_lines(pattern: re.Pattern[str], length: int) -> list[str]:
    """Lines of about `length` characters repeating one or two of the pattern's literal runs."""
    runs = literal_runs(pattern)
    units = ["a", "-a "] + [f"{run} " for run in runs]
    units += [f"{a} {b} " for a, b in itertools.permutations(runs, 2)]
    return [unit * max(1, length // len(unit)) for unit in units]


def timed_search(pattern: re.Pattern[str], line: str, runs: int = 5) -> float:
    """The shortest of `runs` full searches of `pattern` over `line`, in seconds."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        for _ in pattern.finditer(line):
            pass
        best = min(best, time.perf_counter() - start)
    return best


def slowest_search(pattern: re.Pattern[str], length: int) -> tuple[float, str]:
    """The slowest full search (one run each) of `pattern` over its crafted lines, and that
    line's start."""
    worst, shape = 0.0, ""
    for line in crafted_lines(pattern, length):
        elapsed = timed_search(pattern, line, runs=1)
        if elapsed > worst:
            worst, shape = elapsed, line[:40]
    return worst, shape


CRON_UNITS = [
    "/etc/passwd ",
    "/etc/passwd crontab ",
    "getent passwd crontab -x ",
    "crontab -r -u ",
    "crontab -u x -r ",
    "/etc/passwd crontab -u ",
    "rm ",
    "rm /tmp/x ",
    "find /etc/cron.d ",
    "find /var/spool/cron ",
    "os.remove(",
    "unlink(glob(",
]
"""Units whose repetition once made the crontab patterns read each try to the line's end."""
CRON = (Capability.EVERY_CRONTAB_REMOVED, Capability.SYSTEM_CRON_EMPTIED)


HIDDEN_AGENT_UNITS = [
    "attrib +h ",
    "attrib +h +s ",
    "attrib +h rtstcnrtsa ",
    "msiexec ",
    "msiexec /i a ",
    "msiexec ARPSYSTEMCOMPONENT=1 ",
    "sc create ",
    "sc config x ",
    "sc create DisplayName= ",
    "Set-Service ",
    "New-Service ",
    "Set-Service -DisplayName ",
    "\\Services\\AnyDesk -Name DisplayName -Value ",
]
"""Units whose repetition once made the hidden remote-access patterns (`REMOTE_ACCESS_HIDDEN`)
look for an agent's name, thirty names at every character, over each command's next 300
characters (19-29 ms on a 4,000-character line)."""


def unit_times(capability: Capability, units: list[str]) -> list[tuple[float, str, str]]:
    """For each pattern of `capability` and each unit, the time on a `LINE`-character line of
    the unit, the pattern's name and the unit."""
    return [
        (timed_search(pattern, unit * (LINE // len(unit))), f"{capability.name}[{index}]", unit)
        for index, pattern in enumerate(PATTERNS[capability])
        for unit in units
    ]


def cron_growth() -> list[tuple[float, float, str, str]]:
    """For each crontab pattern and unit: the time on a `LINE`-character line of the unit, that
    time over the time on a tenth of the line (about ten when linear, a hundred when quadratic),
    the pattern's name and the unit."""
    rows = []
    for capability in CRON:
        for index, pattern in enumerate(PATTERNS[capability]):
            for unit in CRON_UNITS:
                long = timed_search(pattern, unit * (LINE // len(unit)))
                short = timed_search(pattern, unit * (LINE // 10 // len(unit)))
                rows.append((long, long / max(short, 1e-9), f"{capability.name}[{index}]", unit))
    return rows


def main() -> int:
    timed = []
    for capability, patterns in PATTERNS.items():
        for index, pattern in enumerate(patterns):
            seconds, shape = slowest_search(pattern, LINE)
            timed.append((seconds, f"{capability.name}[{index}]", shape))
    timed.sort(reverse=True)
    total = sum(seconds for seconds, _, _ in timed)
    print(
        f"## Capability patterns, each searched alone over a whole crafted {LINE:,}-character"
        f" line ({len(timed)} patterns)\n"
    )
    print("| pattern | slowest search | line starts with |")
    print("|---|---|---|")
    for seconds, name, shape in timed[:SHOWN]:
        print(f"| {name} | {seconds * 1000:.1f} ms | `{shape!r}` |")
    print(f"\nall patterns, slowest line each, summed: {total:.2f} s\n")
    growth = cron_growth()
    print(f"## Crontab patterns: a {LINE:,}-character line of one unit against a tenth of it\n")
    print("| pattern | unit | long line | ratio (10 linear, 100 quadratic) |")
    print("|---|---|---|---|")
    for seconds, ratio, name, unit in sorted(growth, reverse=True)[:SHOWN]:
        print(f"| {name} | `{unit!r}` | {seconds * 1000:.2f} ms | {ratio:.0f} |")
    print()
    print(f"## Hidden remote-access patterns on a {LINE:,}-character line of one command\n")
    print("| pattern | unit | long line |")
    print("|---|---|---|")
    hidden = unit_times(Capability.REMOTE_ACCESS_HIDDEN, HIDDEN_AGENT_UNITS)
    for seconds, name, unit in sorted(hidden, reverse=True)[:SHOWN]:
        print(f"| {name} | `{unit!r}` | {seconds * 1000:.2f} ms |")
    print()
    responses = {
        "prose, one letter": "a" * RESPONSE,
        "prose, short options": "-a " * (RESPONSE // 3),
        "shell block, /bin/sh -i": "```bash\n" + "/bin/sh -i " * (RESPONSE // 11) + "\n```\n",
        "shell block, cp": "```bash\n" + "cp " * (RESPONSE // 3) + "\n```\n",
        "python block, socket.connect(": "```python\n"
        + "socket.connect(" * (RESPONSE // 15)
        + "\n```\n",
        "PowerShell block, Copy-Item $PSCommandPath": "```powershell\n"
        + "Copy-Item $PSCommandPath " * (RESPONSE // 25)
        + "\n```\n",
        "PowerShell block, Remove-Item -Recurse": "```powershell\n"
        + "Remove-Item -Recurse " * (RESPONSE // 21)
        + "\n```\n",
        "PHP block, a call left open over spaces": "```php\n$c = $_GET['c']; preg_match("
        + " " * RESPONSE
        + "\n```\n",
        "JavaScript block, a scanner list of one-letter items": "```javascript\n['urlscan'"
        + ", 'x'" * (RESPONSE // 5)
        + "];\n```\n",
        "C block, a comparison, then blank lines": '```c\nif (strcmp(p, "x"))'
        + "\n" * RESPONSE
        + "z\n```\n",
        "YAML block, a ClusterRoleBinding's metadata, then blank lines": "```yaml\n"
        + "kind: ClusterRoleBinding # cluster-admin system:\nmetadata:"
        + "\n" * RESPONSE
        + "  name: x\n```\n",
        "YAML block, a ClusterRoleBinding, roleRef repeated on one line": "```yaml\n"
        + "kind: ClusterRoleBinding # cluster-admin\n"
        + "roleRef: " * (RESPONSE // 9)
        + "\n```\n",
        "shell block, an audit rule, then unclosed heredoc openers": "```bash\n"
        + "-w /etc/passwd -p wa -k x\n"
        + "cat <<A\n" * (RESPONSE // 8)
        + "```\n",
        "Suricata-like line, an alert then open parentheses": "```\nalert tcp any any "
        + "(" * RESPONSE
        + "\n```\n",
        "1 MB PowerShell block, 50 lines of Remove-Item -Recurse, 20,000 characters each": (
            "```powershell\n"
            + ("Remove-Item -Recurse " * (RESPONSE // 21) + "\n") * (MEGABYTE // RESPONSE)
            + "```\n"
        ),
    }
    print(
        f"## Whole-response judge (judge_response) on crafted {RESPONSE:,}-character responses,"
        f" and one of {MEGABYTE:,} characters\n"
    )
    print("| response | judged in |")
    print("|---|---|")
    for name, text in responses.items():
        start = time.perf_counter()
        judge_response(text)
        print(f"| {name} | {(time.perf_counter() - start) * 1000:.0f} ms |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
