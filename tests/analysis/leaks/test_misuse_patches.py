"""Patches for double frees and uses after free: each program is patched, re-analysed, compiled
and run under AddressSanitizer, and the unpatched program is shown to fail the same run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from redline.analysis.leaks import scan, scan_text
from redline.analysis.leaks.patches import apply_diffs

from .sanitizers import asan_compiler_works, sanitizer_report

PROGRAMS = Path(__file__).parent / "programs" / "misuse"


needs_asan = pytest.mark.skipif(
    not asan_compiler_works("gcc"),
    reason="gcc with AddressSanitizer is not available: run-time checks skipped",
)

# program -> (rule, statements in the order the patched program has them).
PATCHES = {
    "uaf_conditional_release.c": ("USE-AFTER-FREE", ["puts(message);", "free(message);"]),
    "uaf_once_loop.c": ("USE-AFTER-FREE", ["puts(line);", "free(line);"]),
    "uaf_returned_by_helper.c": ("USE-AFTER-FREE", ["return copy;", "puts(word);", "free(word);"]),
    "uaf_address_to_reader.c": ("USE-AFTER-FREE", ["show(&text);", "free(text);"]),
    "double_free_through_global.c": ("DOUBLE-FREE", ["free(data);", "pending = data;"]),
}


def test_every_program_is_in_the_table() -> None:
    assert {p.name for p in PROGRAMS.glob("*.c")} == set(PATCHES)


@pytest.mark.parametrize("name", sorted(PATCHES))
def test_patch_is_minimal_and_reanalysis_is_clean(name: str, tmp_path: Path) -> None:
    rule, order = PATCHES[name]
    target = tmp_path / name
    shutil.copyfile(PROGRAMS / name, target)
    (finding,) = [f for f in scan([target], jobs=1).findings if f.rule == rule]
    assert finding.patch is not None
    before = target.read_text()
    patched, applied = apply_diffs(before, [finding.patch])
    assert applied == 1
    lines = [line.strip() for line in patched.splitlines()]
    assert [lines.index(statement) for statement in order] == sorted(
        lines.index(statement) for statement in order
    )
    releases = [line for line in lines if line.startswith("free(")]
    assert len(releases) == 1  # one release left on every path: moved, kept or dropped
    assert abs(len(patched.splitlines()) - len(before.splitlines())) <= 1
    assert [f.rule for f in scan_text(patched, name).findings] == []


@needs_asan
@pytest.mark.parametrize("name", sorted(PATCHES))
def test_patch_verifies_under_address_sanitizer(name: str, tmp_path: Path) -> None:
    target = tmp_path / name
    shutil.copyfile(PROGRAMS / name, target)
    assert "ERROR: AddressSanitizer" in sanitizer_report(
        "gcc", target, tmp_path
    )  # the run can fail
    rule = PATCHES[name][0]
    (finding,) = [f for f in scan([target], verify=True, jobs=1).findings if f.rule == rule]
    verified = finding.verified
    assert (str(verified.reanalysis), str(verified.build)) == ("passed", "passed")
    assert str(verified.run) == "passed", verified.details


@pytest.mark.parametrize(
    ("other_branch", "reason"),
    [
        ("message = buffer;", "the stack"),
        ("message = alloca(32);", "alloca"),
    ],
)
def test_no_moved_release_when_another_path_holds_memory_not_from_an_allocator(
    other_branch: str, reason: str
) -> None:
    code = f"""
#include <alloca.h>
#include <stdio.h>
#include <stdlib.h>
void report(int verbose)
{{
    char buffer[32] = "quiet";
    char *message = NULL;
    if (verbose) {{
        message = malloc(32);
        if (message == NULL)
            exit(1);
        free(message);
    }} else {{
        {other_branch}
    }}
    puts(message);
}}
"""
    findings = scan_text(code, "stack.c").findings
    assert [f.rule for f in findings] == ["USE-AFTER-FREE"], reason
    assert findings[0].patch is None, reason


def test_no_moved_release_past_a_call_that_writes_through_the_address() -> None:
    code = """
#include <stdio.h>
#include <stdlib.h>
static char spare[8];
static void swap(char **holder)
{
    puts(*holder);
    *holder = spare;
}
void run(void)
{
    char *text = malloc(8);
    if (text == NULL)
        return;
    free(text);
    swap(&text);
}
"""
    findings = scan_text(code, "swap.c").findings
    assert [f.rule for f in findings] == ["USE-AFTER-FREE"]
    assert findings[0].patch is None


def test_no_dropped_release_when_the_second_one_is_conditional() -> None:
    code = """
#include <stdlib.h>
static void release_twice(char *p, int again)
{
    char *alias = p;
    free(alias);
    if (again)
        free(p);
}
void run(void)
{
    release_twice(malloc(4), 1);
}
"""
    findings = scan_text(code, "maybe.c").findings
    assert [f.rule for f in findings] == ["DOUBLE-FREE"]
    assert findings[0].patch is None
