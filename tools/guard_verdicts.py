"""Same verdicts, to the bit? Dump the guard's verdicts on the project's own requests; compare.

A change meant only to make the guard faster must leave every verdict as it was: decision,
score, redlines, principles, evidence, explanation, notes, and the feature rows and harm
probabilities behind them, bit for bit. Dump with the old code and the new, then compare:

    git archive OLD src | tar -x -C /tmp/old
    PYTHONPATH=/tmp/old/src .venv/bin/python tools/guard_verdicts.py dump /tmp/old.jsonl
    .venv/bin/python tools/guard_verdicts.py dump /tmp/new.jsonl
    .venv/bin/python tools/guard_verdicts.py compare /tmp/old.jsonl /tmp/new.jsonl

The requests: every hand-written training row (`guard/training/sources/written`), each text row
in every disguise of `guard/training/disguises.py` (the encodings, one wrapper, split across
turns), long texts made of forty rows each (cut into chunks), the guard's test fixtures and
`bench/data/unseen_written_2.jsonl`; then the hand-written rows again, judged 32 at a time.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WRITTEN = ROOT / "src" / "redline" / "guard" / "training" / "sources" / "written"
FIXTURES = ROOT / "tests" / "guard" / "fixtures"
UNSEEN_WRITTEN = ROOT / "bench" / "data" / "unseen_written_2.jsonl"
LONG_ROWS = 40
BATCH = 32

Request = str | list[dict[str, Any]]


def _written() -> list[Request]:
    from redline.guard.training.written import read_rows

    return [
        str(row.text)
        if row.messages is None
        else [{"role": m.role, "content": m.content} for m in row.messages]
        for _, _, row in read_rows(WRITTEN)
    ]


def _disguised(texts: list[str]) -> list[Request]:
    from redline.guard.training.disguises import ENCODINGS, split_across_turns, wrapped
    from redline.guard.training.phrasings import WRAPPERS

    requests: list[Request] = []
    for index, text in enumerate(texts):
        requests += [encode(text) for encode in ENCODINGS.values()]
        requests.append(wrapped(WRAPPERS[index % len(WRAPPERS)], text))
        requests.append(split_across_turns(text))
    return requests


def _rows_of(path: Path) -> list[Request]:
    from redline.eval.rows import InputRow, read_rows

    return [
        row.payload
        for row in read_rows(path)
        if isinstance(row, InputRow) and row.shape != "command"
    ]


def request_sets() -> dict[str, list[Request]]:
    """The named sets of requests the verdicts are dumped for."""
    written = _written()
    texts = [request for request in written if isinstance(request, str)]
    return {
        "written": written,
        "disguised": _disguised(texts),
        "long": [" ".join(texts[i : i + LONG_ROWS]) for i in range(0, len(texts), LONG_ROWS)],
        "fixtures": [r for path in sorted(FIXTURES.glob("*.jsonl")) for r in _rows_of(path)],
        "unseen_written_2": _rows_of(UNSEEN_WRITTEN),
    }


def _dump_lines() -> Iterator[dict[str, Any]]:
    import numpy as np

    from redline.guard.guard import Guard

    behind: list[list[str]] = []
    decide = Guard._decide

    def recording(self: Guard, plan: Any, rows: Any) -> Any:
        harm = self._classifier.harm(rows)
        digest = hashlib.sha256(np.ascontiguousarray(rows).tobytes()).hexdigest()
        behind.append([digest, str(rows.shape), harm.tobytes().hex()])
        return decide(self, plan, rows)

    Guard._decide = recording  # type: ignore[method-assign]
    guard = Guard(threads=1)
    sets = request_sets()
    for name, requests in sets.items():
        for index, request in enumerate(requests):
            behind.clear()
            try:
                verdict = guard.check(request).model_dump_json()
            except Exception as error:  # an error is an outcome to compare too
                verdict = f"error {type(error).__name__}: {error}"
            yield {"set": name, "index": index, "verdict": verdict, "behind": list(behind)}
    written = sets["written"]
    for start in range(0, len(written), BATCH):
        behind.clear()
        verdicts = guard.check_many(written[start : start + BATCH])
        yield {
            "set": "written, 32 at a time",
            "index": start,
            "verdict": [verdict.model_dump_json() for verdict in verdicts],
            "behind": list(behind),
        }


def dump(out: Path) -> None:
    """Write one line per request: its verdict and the feature rows and harm behind it."""
    with out.open("w", encoding="utf-8") as handle:
        for line in _dump_lines():
            handle.write(json.dumps(line) + "\n")


def compare(old: Path, new: Path) -> int:
    """Print how many verdicts (and feature rows) differ per set; return the total."""
    old_lines = old.read_text(encoding="utf-8").splitlines()
    new_lines = new.read_text(encoding="utf-8").splitlines()
    if len(old_lines) != len(new_lines):
        print(f"different numbers of requests: {len(old_lines)} and {len(new_lines)}")
        return max(len(old_lines), len(new_lines))
    requests: Counter[str] = Counter()
    verdicts: Counter[str] = Counter()
    behind: Counter[str] = Counter()
    for old_line, new_line in zip(old_lines, new_lines, strict=True):
        before, after = json.loads(old_line), json.loads(new_line)
        requests[before["set"]] += 1
        verdicts[before["set"]] += before["verdict"] != after["verdict"]
        behind[before["set"]] += before["behind"] != after["behind"]
    for name, count in requests.items():
        print(
            f"{name}: {count} requests, {verdicts[name]} verdicts differ, "
            f"{behind[name]} feature rows or harm bits differ"
        )
    total = sum(verdicts.values()) + sum(behind.values())
    print(f"all: {sum(requests.values())} requests, {total} differences")
    return total


def main() -> None:
    """`dump OUT.jsonl` or `compare OLD.jsonl NEW.jsonl`; compare exits 1 on any difference."""
    match sys.argv[1:]:
        case ["dump", out]:
            dump(Path(out))
        case ["compare", old, new]:
            sys.exit(1 if compare(Path(old), Path(new)) else 0)
        case _:
            sys.exit(__doc__)


if __name__ == "__main__":
    main()
