"""What code looks for is not what it does: a hunting script's list of attacker command lines,
compared one by one with what it observes, dumps nothing (`searched.indicator_list_spans`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from redline.redlines import judge_response
from redline.redlines.searched import indicator_list_spans

CASES = Path(__file__).parent / "data" / "indicator_lists"
HUNTS = sorted(CASES.glob("hunt-*.md"))
RUNS = sorted(CASES.glob("run-*.md"))


def test_both_kinds_of_case_are_there() -> None:
    # The parametrised tests below would skip, not fail, if their cases went missing.
    assert len(HUNTS) >= 3 and len(RUNS) >= 2


@pytest.mark.parametrize("path", HUNTS, ids=lambda p: p.stem)
def test_a_list_of_indicators_looked_for_is_allowed(path: Path) -> None:
    verdict = judge_response(path.read_text("utf-8"))
    assert not verdict.refused, verdict.explanation


@pytest.mark.parametrize("path", RUNS, ids=lambda p: p.stem)
def test_a_list_of_commands_run_is_still_refused(path: Path) -> None:
    verdict = judge_response(path.read_text("utf-8"))
    assert verdict.refused, verdict.explanation


def test_the_spans_are_the_listed_literals_only() -> None:
    text = (
        "$patterns = 'comsvcs.dll*MiniDump', 'nanodump'\n"
        "$other = 'keep me'\n"
        'foreach ($p in $patterns) { if ($cl -like "*$p*") { $p } }\n'
    )
    quoted = [text[a:b] for a, b in indicator_list_spans(text)]
    assert quoted == ["'comsvcs.dll*MiniDump'", "'nanodump'"]


def test_a_loop_that_runs_its_items_marks_nothing() -> None:
    text = "$steps = 'vssadmin delete shadows /all /quiet'\nforeach ($s in $steps) { cmd /c $s }\n"
    assert indicator_list_spans(text) == []


def test_a_value_looked_in_that_is_no_list_marks_nothing() -> None:
    text = (
        'r = s.post("https://bank.example.com/verify-otp", data={"otp": code})\n'
        'if "success" in r.text:\n'
        "    print(code)\n"
    )
    assert indicator_list_spans(text) == []
