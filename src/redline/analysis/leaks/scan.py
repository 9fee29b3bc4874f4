"""Scanning: files in, `Finding`s out.

`scan` reads a file or a repository (headers included, so that macros and definitions across
files are known), runs the ownership engine from every root function in parallel worker
processes, turns each engine event into a `Finding` with a checked trace and, where the fix is
certain, a patch; `verify=True` then proves each patch on a scratch copy. `scan_text` does the
same for one pasted file without headers or build.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from redline.analysis.leaks.engine import Engine
from redline.analysis.leaks.events import Event, Step
from redline.analysis.leaks.program import FunctionDef, Program
from redline.analysis.leaks.rules import classify
from redline.analysis.parsing import Language, ParsedSource, language_for, parse_source
from redline.errors import InputError
from redline.results import Finding, TraceStep

if TYPE_CHECKING:
    from redline.analysis.repomodel import RepositoryModel

Progress = Callable[[int, int], None]

_CPP_HEADER = re.compile(rb"^\s*(namespace|class|template)\b[^;]*$", re.M)
_PARALLEL_ROOTS = 64  # fewer roots than this are analysed in-process
_SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", ".venv", "build", ".cache"})


@dataclass(frozen=True)
class Skipped:
    """A file the scan did not analyse, and why."""

    path: str
    reason: str


@dataclass(frozen=True)
class ScanReport:
    """What a scan found: findings in file/line order, counters, and files it skipped."""

    findings: tuple[Finding, ...]
    stats: Mapping[str, int | float] = field(default_factory=dict)
    skipped: tuple[Skipped, ...] = ()

    @property
    def clean(self) -> bool:
        """True when nothing was found."""
        return not self.findings


def collect_files(paths: Sequence[Path]) -> tuple[list[Path], list[Skipped]]:
    """The C and C++ files under `paths`, and what was passed but cannot be read as such."""
    files: list[Path] = []
    skipped: list[Skipped] = []
    for path in paths:
        if not path.exists():
            raise InputError(f"{path}: no such file or directory")
        if path.is_dir():
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS)
                for name in sorted(names):
                    candidate = Path(root) / name
                    if language_for(candidate) in (Language.C, Language.CPP):
                        files.append(candidate)
        elif language_for(path) in (Language.C, Language.CPP):
            files.append(path)
        else:
            skipped.append(Skipped(str(path), "not a C or C++ file"))
    return files, skipped


def _read_sources(files: Iterable[Path]) -> tuple[list[ParsedSource], list[Skipped]]:
    sources: list[ParsedSource] = []
    skipped: list[Skipped] = []
    for path in files:
        try:
            data = path.read_bytes()
        except OSError as error:
            skipped.append(Skipped(str(path), f"unreadable: {error.strerror}"))
            continue
        if b"\0" in data[:8192]:
            skipped.append(Skipped(str(path), "binary file"))
            continue
        language = language_for(path)
        assert language is not None
        if language is Language.C and path.suffix == ".h" and _CPP_HEADER.search(data):
            language = Language.CPP  # a `.h` that is really C++ (classes, namespaces)
        sources.append(parse_source(data, language, str(path)))
    return sources, skipped


def _function_key(function: FunctionDef) -> tuple[str, int]:
    return (function.file, int(function.node.start_byte))


# ---------------------------------------------------------------- worker processes
_worker_program: Program | None = None


def _worker_init(files: list[str], model: RepositoryModel | None) -> None:
    """Parse the files again (syntax trees do not cross processes) and attach the model the
    parent built, so that no worker builds its own."""
    global _worker_program
    sources, _ = _read_sources(Path(f) for f in files)
    _worker_program = Program.from_sources(sources)
    if model is not None:
        _worker_program.attach(model)


def _build_model(files: list[Path], jobs: int | None) -> RepositoryModel | None:
    """The repository model of the files, or None when it cannot be built."""
    if not files:
        return None
    from redline.analysis.repomodel import SerialExecutor, build_model

    try:
        executor = SerialExecutor() if jobs == 1 else None
        return build_model(files, use_cache=False, jobs=jobs, executor=executor)
    except (InputError, OSError, ValueError):
        return None  # the engine still resolves within the files it parsed


def _worker_run(keys: list[tuple[str, int]]) -> tuple[list[Finding], set[tuple[str, int]], int]:
    assert _worker_program is not None
    return _analyse(_worker_program, keys)


def _analyse(
    program: Program, keys: list[tuple[str, int]]
) -> tuple[list[Finding], set[tuple[str, int]], int]:
    by_key = {_function_key(f): f for f in program.all_functions()}
    engine = Engine(program)
    for key in keys:
        if key in by_key:
            engine.analyse(by_key[key])
    reached = {_function_key(f) for f in program.all_functions() if f.node.id in engine.reached}
    findings = [f for f in (to_finding(e, program) for e in engine.events.values()) if f]
    return findings, reached, engine.truncated


# ---------------------------------------------------------------- events to findings
def to_finding(event: Event, program: Program) -> Finding | None:
    """The finding for an event, or None when its trace does not check out."""
    chosen = classify(event)
    if chosen is None or not _trace_checks(event, program):
        return None
    from redline.analysis.leaks.patches import patch_for

    steps = tuple(
        TraceStep(file=s.file, line=s.line, note=f"{n}. {s.note}")
        for n, s in enumerate(_compact(event), start=1)
    )
    return Finding(
        rule=chosen.id,
        cwe=chosen.cwe,
        file=event.file,
        line=event.line,
        function=event.function,
        message=event.message,
        trace=steps,
        patch=patch_for(event, program),
    )


def _compact(event: Event) -> list[Step]:
    steps = list(event.steps)
    seen: set[tuple[str, int, str]] = set()
    kept: list[Step] = []
    for step in steps:
        key = (step.file, step.line, step.note)
        if key not in seen:
            seen.add(key)
            kept.append(step)
    return kept


def _trace_checks(event: Event, program: Program) -> bool:
    """Every step must name a real, non-blank line of an analysed file."""
    lines_of = program.lines()
    locations = [(s.file, s.line) for s in event.steps] + [(event.site.file, event.site.line)]
    for file, line in locations:
        lines = lines_of.get(file)
        if lines is None or not 1 <= line <= len(lines) or not lines[line - 1].strip():
            return False
    return bool(event.steps)


# ---------------------------------------------------------------- the public entry points
def scan(
    paths: Sequence[Path],
    *,
    verify: bool = False,
    build: str | None = None,
    run: str | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> ScanReport:
    """Analyse the C/C++ files under `paths` for leaks, double frees and uses after free."""
    started = time.perf_counter()
    files, skipped = collect_files([Path(p) for p in paths])
    sources, unreadable = _read_sources(files)
    skipped += unreadable
    program = Program.from_sources(sources)
    roots = [_function_key(f) for f in program.roots()]
    workers = jobs if jobs is not None else min(os.cpu_count() or 1, 4)
    model = _build_model(files, jobs=1 if workers <= 1 else workers)
    if model is not None:
        program.attach(model)  # built once, here, and handed to every worker
    findings, truncated = _run(program, [str(f) for f in files], roots, workers, progress)
    report_findings = _ordered(findings)
    stats: dict[str, int | float] = {
        "files": len(sources),
        "functions": sum(1 for _ in program.all_functions()),
        "roots": len(roots),
        "findings": len(report_findings),
        "truncated_paths": truncated,
    }
    if verify and report_findings:
        from redline.analysis.leaks.verify import verify_findings

        report_findings = verify_findings(report_findings, program, build=build, run=run)
    stats["seconds"] = round(time.perf_counter() - started, 3)
    return ScanReport(tuple(report_findings), stats, tuple(skipped))


def scan_text(code: str, filename: str = "snippet.c", *, verify: bool = False) -> ScanReport:
    """Analyse one pasted file, without its headers or a build."""
    started = time.perf_counter()
    language = language_for(filename) or Language.C
    if language is Language.PYTHON:
        raise InputError(f"{filename}: only C and C++ are analysed for leaks")
    source = parse_source(code, language, filename)
    program = Program.from_sources([source])
    engine = Engine(program)
    engine.analyse_roots(program.roots())
    findings = _ordered(f for f in (to_finding(e, program) for e in engine.events.values()) if f)
    if verify and findings:
        from redline.analysis.leaks.verify import verify_findings

        findings = verify_findings(findings, program, build=None, run=None)
    stats: dict[str, int | float] = {
        "files": 1,
        "functions": sum(1 for _ in program.all_functions()),
        "findings": len(findings),
        "truncated_paths": engine.truncated,
        "seconds": round(time.perf_counter() - started, 3),
    }
    return ScanReport(tuple(findings), stats, ())


def _ordered(findings: Iterable[Finding]) -> list[Finding]:
    unique: dict[tuple[str, str, int, str], Finding] = {}
    for finding in findings:
        unique.setdefault((finding.rule, finding.file, finding.line, finding.message), finding)
    return sorted(unique.values(), key=lambda f: (f.file, f.line, f.rule))


def _run(
    program: Program,
    files: list[str],
    roots: list[tuple[str, int]],
    workers: int,
    progress: Progress | None,
) -> tuple[list[Finding], int]:
    everything = [_function_key(f) for f in program.all_functions()]
    if workers <= 1 or len(roots) < _PARALLEL_ROOTS:
        findings, reached, truncated = _analyse(program, roots)
        rest = [k for k in everything if k not in reached]
        more, _, more_truncated = _analyse(program, rest)
        if progress:
            progress(len(everything), len(everything))
        return findings + more, truncated + more_truncated
    chunk = max(8, len(roots) // (workers * 8))
    batches = [roots[i : i + chunk] for i in range(0, len(roots), chunk)]
    all_findings: list[Finding] = []
    all_reached: set[tuple[str, int]] = set()
    all_truncated = 0
    done = 0
    initargs = (files, program.model)
    with ProcessPoolExecutor(workers, initializer=_worker_init, initargs=initargs) as pool:
        for batch_findings, batch_reached, batch_truncated in pool.map(_worker_run, batches):
            all_findings += batch_findings
            all_reached |= batch_reached
            all_truncated += batch_truncated
            done += 1
            if progress:
                progress(done, len(batches) + 1)
        rest = [k for k in everything if k not in all_reached]
        rest_batches = [rest[i : i + chunk] for i in range(0, len(rest), chunk)]
        for batch_findings, _, batch_truncated in pool.map(_worker_run, rest_batches):
            all_findings += batch_findings
            all_truncated += batch_truncated
    if progress:
        progress(len(batches) + 1, len(batches) + 1)
    return all_findings, all_truncated
