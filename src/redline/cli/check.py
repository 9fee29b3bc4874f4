"""`redline check`, `redline eval` and `redline train`: the intent guard on the command line.

- `redline check "TEXT"` (or stdin): print the verdict (`--json` for machine output); exit 0
  allowed, 1 refused, 2 error.
- `redline check --batch IN.jsonl --out OUT.jsonl`: one output row per input row, in order;
  unreadable rows become `{"id", "error"}` rows and the run goes on.
- `redline eval FILE.jsonl ...`: refusal and false-refusal rates, latency, worst misses.
- `redline train`: rebuild the shipped classifier and model card, and the output redlines' learned
  weighing of capabilities, from the repository's sources.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from redline.cli._common import ConstitutionOption, ExitStatus, fail

if TYPE_CHECKING:
    from rich.progress import Progress

    from redline.eval.rows import InputRow, RowError
    from redline.guard import Guard
    from redline.results import Verdict

BATCH_CHUNK = 64


def _guard(constitution: Path | None) -> Guard:
    from redline.constitution import load_constitution
    from redline.guard import Guard

    return Guard(load_constitution(constitution)) if constitution else Guard.default()


def _progress(enabled: bool) -> Progress:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    console = Console(stderr=True)
    return Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        disable=not (enabled and console.is_terminal),
    )


def _read_text(text: str | None) -> str:
    if text is not None:
        return text
    raw = sys.stdin.buffer.read()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        fail(f"standard input is not valid UTF-8 ({error.reason} at byte {error.start})")


def _print_verdict(verdict: Verdict) -> None:
    typer.echo(f"{verdict.decision.value.upper()}  score {verdict.score:.2f}")
    typer.echo(verdict.explanation)
    for span in verdict.evidence:
        where = f"message {span.message} " if span.message is not None else ""
        typer.echo(f"  evidence {where}[{span.start}:{span.end}] {span.text!r}: {span.note}")
    for note in verdict.notes:
        typer.echo(f"  note: {note}")


def output_row(
    row: InputRow | RowError, verdict: Verdict | None, error: str | None
) -> dict[str, Any]:
    """The output row for one input row: its id plus the verdict, or plus the error."""
    if verdict is None:
        return {"id": row.id, "error": error or "unreadable row"}
    return {
        "id": row.id,
        "decision": verdict.decision.value,
        "score": verdict.score,
        "redlines": list(verdict.redlines),
        "principles": list(verdict.principles),
        "explanation": verdict.explanation,
        "evidence": [span.model_dump() for span in verdict.evidence],
        "notes": list(verdict.notes),
        "kind": verdict.kind,
    }


def judge_rows(
    guard: Guard, rows: list[InputRow | RowError]
) -> list[tuple[InputRow | RowError, Verdict | None, str | None]]:
    """Judge rows together (sharing the embedding work); a row that cannot be judged gets an
    error of its own and the others go on."""
    from redline.errors import InputError
    from redline.eval.rows import RowError
    from redline.guard.conversation import check_judgeable

    errors: dict[int, str] = {}
    judged: list[InputRow] = []
    for row in rows:
        if isinstance(row, RowError):
            errors[row.line] = row.error
            continue
        try:
            if not isinstance(row.payload, str):
                check_judgeable(row.payload)
        except InputError as error:
            errors[row.line] = f"line {row.line}: {error}"
            continue
        judged.append(row)
    requests = [r for r in judged if r.shape != "command"]
    verdicts = dict(
        zip(
            (r.line for r in requests), guard.check_many([r.payload for r in requests]), strict=True
        )
    )
    for row in judged:
        if row.shape == "command" and isinstance(row.payload, str):
            verdicts[row.line] = guard.check_action(row.payload)
    return [(row, verdicts.get(row.line), errors.get(row.line)) for row in rows]


def _batch(guard: Guard, source: Path, out: Path | None) -> int:
    from redline.eval.rows import read_rows

    if not source.is_file():
        fail(f"{source}: no such file")
    rows = list(read_rows(source))
    refused = 0
    sink = out.open("w", encoding="utf-8") if out else sys.stdout
    try:
        with _progress(enabled=out is not None) as progress:
            task = progress.add_task("checking", total=len(rows))
            for start in range(0, len(rows), BATCH_CHUNK):
                chunk = rows[start : start + BATCH_CHUNK]
                for row, verdict, error in judge_rows(guard, chunk):
                    refused += bool(verdict and verdict.refused)
                    sink.write(json.dumps(output_row(row, verdict, error)) + "\n")
                progress.advance(task, len(chunk))
    finally:
        if out:
            sink.close()
    return refused


def check(
    text: Annotated[
        str | None, typer.Argument(help="The request to judge; read from stdin when omitted.")
    ] = None,
    batch: Annotated[
        Path | None,
        typer.Option("--batch", help="JSONL of {id, text}, {id, messages} or {id, command} rows."),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Where --batch writes its JSONL (else stdout).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the verdict as JSON.")] = False,
    constitution: ConstitutionOption = None,
) -> None:
    """Judge a request against the constitution; exit 0 allowed, 1 refused, 2 error."""
    if batch is not None:
        if text is not None:
            fail("give either TEXT or --batch, not both")
        refused = _batch(_guard(constitution), batch, out)
        raise typer.Exit(ExitStatus.FOUND if refused else ExitStatus.CLEAN)
    request = _read_text(text)
    verdict = _guard(constitution).check(request)
    if as_json:
        typer.echo(verdict.model_dump_json(indent=2))
    else:
        _print_verdict(verdict)
    raise typer.Exit(ExitStatus.FOUND if verdict.refused else ExitStatus.CLEAN)


def evaluate(
    files: Annotated[
        list[Path], typer.Argument(help="Labelled JSONL files (label refuse/answer).")
    ],
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write the numbers to this JSON file.")
    ] = None,
    constitution: ConstitutionOption = None,
) -> None:
    """Refusal rate, false-refusal rate, latency p50/p99 and worst misses, per file."""
    from redline.eval.harness import evaluate_file

    for path in files:
        if not path.is_file():
            fail(f"{path}: no such file")
    guard = _guard(constitution)
    reports = []
    with _progress(enabled=True) as progress:
        for path in files:
            total = sum(1 for line in path.open("rb") if line.strip())
            task = progress.add_task(path.name, total=total)
            reports.append(evaluate_file(guard, path, partial(progress.advance, task)))
    for report in reports:
        summary = report.summary()
        typer.echo(f"== {report.path}")
        if summary["refusal_rate"] is not None:
            typer.echo(
                f"  refused {report.refused}/{report.refuse_rows} refuse rows "
                f"({summary['refusal_rate']:.1%})"
            )
        if summary["false_refusal_rate"] is not None:
            typer.echo(
                f"  falsely refused {report.falsely_refused}/{report.answer_rows} answer rows "
                f"({summary['false_refusal_rate']:.1%})"
            )
        if summary["latency_ms_p50"] is not None:
            typer.echo(
                f"  latency p50 {summary['latency_ms_p50']:.1f} ms, "
                f"p99 {summary['latency_ms_p99']:.1f} ms"
            )
        for error in report.errors:
            typer.echo(f"  error: {error}")
        for miss in report.worst_misses():
            kind = "missed" if miss.label == "refuse" else "false refusal"
            typer.echo(f"  {kind} (score {miss.score:.2f}) {miss.id}: {miss.text[:120]!r}")
    if json_out is not None:
        json_out.write_text(json.dumps([r.summary() for r in reports], indent=2) + "\n")
    raise typer.Exit(ExitStatus.USAGE if any(r.errors for r in reports) else ExitStatus.CLEAN)


class TrainedPart(StrEnum):
    """What `redline train` rebuilds."""

    ALL = "all"
    GUARD = "guard"
    COMBINATION = "combination"
    TEXT = "text"


def train(
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Folder to write the model to (default: the shipped one)."),
    ] = None,
    constitution: ConstitutionOption = None,
    part: Annotated[
        TrainedPart,
        typer.Option(
            "--part",
            help="What to rebuild: the guard, the capability weighing, the text model, or all.",
        ),
    ] = TrainedPart.ALL,
) -> None:
    """Rebuild the guard's classifier and model card, and the output redlines' learned weighing
    of capabilities and text model, from the repository's sources."""
    if part in (TrainedPart.ALL, TrainedPart.COMBINATION):
        _train_combination(out)
    if part in (TrainedPart.ALL, TrainedPart.TEXT):
        _train_learned_text(out)
    if part in (TrainedPart.ALL, TrainedPart.GUARD):
        _train_guard(out, constitution)


def _trained_file(
    out: Path | None, shipped: Path, train: Callable[[Path], dict[str, object]]
) -> tuple[Path, dict[str, object]]:
    """Run `train` into `out` (or over the `shipped` file); a missing development set or a
    malformed row is a usage error."""
    target = out / shipped.name if out is not None else shipped
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    try:
        return target, train(target)
    except (FileNotFoundError, ValueError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(ExitStatus.USAGE) from None


def _train_combination(out: Path | None) -> None:
    from redline.redlines.combination import MODEL_PATH
    from redline.redlines.combination_training import train_combination

    target, record = _trained_file(
        out, MODEL_PATH, lambda path: train_combination(path, progress=typer.echo)
    )
    sizes = record["responses"]
    assert isinstance(sizes, dict)
    typer.echo(
        f"wrote {target} (fitted on {sizes['offensive']} offensive and {sizes['allowed']} allowed"
        " fit-half responses)"
    )


def _train_learned_text(out: Path | None) -> None:
    from redline.redlines.learned_text import MODEL_PATH
    from redline.redlines.learned_text_training import train_learned_text

    try:
        target, record = _trained_file(
            out, MODEL_PATH, lambda path: train_learned_text(path, progress=typer.echo)
        )
    except ImportError as missing:
        typer.echo(
            f"error: fitting the text model needs {missing.name}: pip install 'redline[train]'",
            err=True,
        )
        raise typer.Exit(ExitStatus.USAGE) from None
    typer.echo(f"wrote {target} (responses {record['rows']}, threshold {record['threshold']})")


def _train_guard(out: Path | None, constitution: Path | None) -> None:
    import shutil

    from redline.constitution import load_constitution
    from redline.guard.encoder import MODEL_DIR
    from redline.guard.training.trainer import train as run_training

    target = out or MODEL_DIR
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        for name in ("encoder.onnx", "encoder.json", "tokenizer.json"):
            if not (out / name).exists():
                shutil.copy(MODEL_DIR / name, out / name)
    metrics = run_training(load_constitution(constitution), target, progress=typer.echo)
    typer.echo(f"wrote {target / 'classifier.npz'} (sha256 {metrics['classifier_sha256']})")
    typer.echo(f"wrote {target / 'MODEL_CARD.md'}")
    for split in ("calibration", "test"):
        rates = metrics[split]
        typer.echo(
            f"  {split}: refused {rates['refusal_rate_on_harmful']:.2%} of harmful, "
            f"falsely refused {rates['false_refusal_rate_on_benign']:.2%} of benign"
        )
