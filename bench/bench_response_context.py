"""Responses judged alone and in the context of their request, on the team's development set.

`bench/data/response_context_dev.jsonl` holds (request, response) pairs written for this
purpose: compliant answers to attack requests (`stop`), refusals and redirections of attack
requests, and ordinary answers to ordinary requests (`allow`). It is development data: the
rule that weighs a request's intent against part of an artifact in the response was chosen
on it, so these are not held-out figures. Each row is judged by `judge_response` (the response
alone) and by `Guard.check([request, response])` (in context).
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from redline.guard import Guard
from redline.redlines import judge_response

DATA = Path(__file__).resolve().parent / "data" / "response_context_dev.jsonl"


def main() -> None:
    """Print stopped / wrongly stopped for both ways of judging."""
    if not DATA.exists():
        print(f"{DATA} not available; not measured")
        return
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]
    guard = Guard()
    tally: dict[tuple[str, str], list[bool]] = defaultdict(list)
    for row in rows:
        conversation = [
            {"role": "user", "content": row["request"]},
            {"role": "assistant", "content": row["text"]},
        ]
        alone = judge_response(row["text"], row["request"]).decision == "refuse"
        in_context = guard.check(conversation).decision == "refuse"
        tally[("alone", row["label"])].append(alone)
        tally[("in context", row["label"])].append(in_context)
    print("## Responses alone and in the context of their request (development set)\n")
    print("| judged | offensive stopped | defensive wrongly stopped |")
    print("|---|---|---|")
    for way in ("alone", "in context"):
        stop, allow = tally[(way, "stop")], tally[(way, "allow")]
        print(
            f"| {way} | {sum(stop) / max(len(stop), 1):.1%} of {len(stop)} "
            f"| {sum(allow) / max(len(allow), 1):.1%} of {len(allow)} |"
        )


if __name__ == "__main__":
    main()
