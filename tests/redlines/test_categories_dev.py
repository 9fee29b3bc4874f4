"""The categories development set (bench/data/redlines_categories_dev.toml) keeps its outcomes.

The set was written for the nine categories where held-out recall was weakest, with defensive
twins; once the detectors were broadened on it, every case became a regression case.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from redline.redlines import judge_action, judge_response

SET = Path(__file__).parents[2] / "bench" / "data" / "redlines_categories_dev.toml"
CASES = tomllib.loads(SET.read_text("utf-8"))["case"]


KNOWN_LIMITATIONS = {
    "cat-def-exfil-backup-doc-ip": "judged alone, the learned weighing of capabilities"
    " (OUT-COMBINED-CAPABILITIES) reads a backup script posting files to an address given by IP"
    " as exfiltration; in a conversation the request's intent decides",
}
"""Cases whose outcome is known to be wrong, with why; each must stay wrong until mended."""


def _marked(case: dict[str, str]) -> object:
    reason = KNOWN_LIMITATIONS.get(case["id"])
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(case, id=str(case["id"]), marks=marks)


@pytest.mark.parametrize("case", [_marked(c) for c in CASES])
def test_case_outcome(case: dict[str, str]) -> None:
    if case["kind"] == "response":
        verdict = judge_response(case["text"])
    else:
        kind = "python" if case["kind"] == "python" else "shell"
        verdict = judge_action(case["text"].strip(), kind)
    assert verdict.refused is (case["side"] == "offensive"), verdict.explanation
