"""Verification: prove a patch on a scratch copy, never on the user's tree.

For each finding with a patch: copy the analysed files to a temporary directory, apply the
patch there, and (a) re-analyse: the finding must be gone and no new finding may appear;
(b) build: `--build CMD` run in the copy, or else a single-file compile with the system C/C++
compiler; (c) run: `--run CMD` in the copy, under LeakSanitizer (the build adds
`-fsanitize=address`) or, for descriptors, `valgrind --track-fds=yes`. Each outcome is recorded
in the finding's `verified` field.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

from redline.analysis.leaks.patches import apply_diffs, parse_diff
from redline.analysis.leaks.program import Program
from redline.results import Finding, Verification, VerificationStatus

PASSED, FAILED, NOT_RUN = (
    VerificationStatus.PASSED,
    VerificationStatus.FAILED,
    VerificationStatus.NOT_RUN,
)
TIMEOUT_SECONDS = 60


def verify_findings(
    findings: list[Finding], program: Program, *, build: str | None, run: str | None
) -> list[Finding]:
    """The findings, each with the outcome of verifying its patch."""
    files = [Path(s.path) for s in program.sources]
    # Verify the text that was analysed, which for pasted code exists nowhere on disk.
    contents = {Path(s.path).resolve(): s.source for s in program.sources}
    # What each function held before any patch, from this scan: re-analysis counts as new only
    # what a patch added.
    rules_by_place: dict[tuple[Path, str | None], list[str]] = {}
    for found in findings:
        rules_by_place.setdefault(_place(found), []).append(found.rule)
    return [
        verify_one(
            finding,
            files,
            build=build,
            run=run,
            before=rules_by_place[_place(finding)],
            contents=contents,
        )
        if finding.patch
        else finding
        for finding in findings
    ]


def _place(finding: Finding) -> tuple[Path, str | None]:
    """The file and function a finding is in."""
    return Path(finding.file).resolve(), finding.function


def _common_root(files: list[Path]) -> Path:
    resolved = [f.resolve() for f in files]
    root = Path(os.path.commonpath([str(f.parent) for f in resolved])) if resolved else Path()
    return root


def verify_one(
    finding: Finding,
    files: list[Path],
    *,
    build: str | None,
    run: str | None,
    before: list[str] | None = None,
    contents: Mapping[Path, bytes] | None = None,
) -> Finding:
    """Apply `finding.patch` to a scratch copy of `files` and check it three ways.

    `contents` gives the text of files by resolved path where it should not be read from disk.
    `before` is the rules found in the finding's function before any patch, when known;
    otherwise re-analysis scans the unpatched copy again to learn them.
    """
    assert finding.patch is not None
    root = _common_root(files)
    details: list[str] = []
    with tempfile.TemporaryDirectory(prefix="redline-verify-") as scratch_name:
        scratch = Path(scratch_name)
        copies: dict[Path, Path] = {}
        for file in files:
            target = scratch / file.resolve().relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            text = (contents or {}).get(file.resolve())
            if text is None:
                shutil.copyfile(file, target)
            else:
                target.write_bytes(text)
            copies[file.resolve()] = target
        patched, original = _apply(finding, copies)
        if patched is None:
            details.append("the patch did not apply to a fresh copy")
            return finding.model_copy(
                update={"verified": Verification(reanalysis=FAILED, details=tuple(details))}
            )
        reported = copies.get(Path(finding.file).resolve(), patched)
        reanalysis = _reanalyse(
            finding, list(copies.values()), (patched, reported), details, original, before
        )
        build_status, binary = _build(
            build, list(copies.values()), scratch, details, finding.cwe == "CWE-775"
        )
        run_status = _run(run, binary, scratch, finding, details, build_status)
    verification = Verification(
        reanalysis=reanalysis, build=build_status, run=run_status, details=tuple(details)
    )
    return finding.model_copy(update={"verified": verification})


def _apply(finding: Finding, copies: dict[Path, Path]) -> tuple[Path | None, bytes]:
    """Patch the copy of the file the diff names (a double free may be patched in another
    file than the one reporting it); the patched copy and its text before."""
    assert finding.patch is not None
    named, hunks = parse_diff(finding.patch)
    target = copies.get(Path(finding.file).resolve())
    for candidate in (Path(named), Path("/" + named)):
        target = copies.get(candidate.resolve(), target)
    if target is None:
        return None, b""
    original = target.read_bytes()
    text = original.decode("utf-8", errors="replace")
    patched, applied = apply_diffs(text, [finding.patch])
    if not applied or not hunks:
        return None, original
    target.write_bytes(patched.encode("utf-8"))
    return target, original


def _reanalyse(
    finding: Finding,
    files: list[Path],
    patched_and_reported: tuple[Path, Path],
    details: list[str],
    original: bytes,
    before: list[str] | None,
) -> VerificationStatus:
    """Re-analyse the patched copy: the finding must be gone and nothing new appear there.

    `before` is the rules found in the finding's function before the patch (from the scan that
    found it); without it the unpatched copy is scanned again to learn them.
    """
    from redline.analysis.leaks.scan import scan

    patched, reported = patched_and_reported

    def in_the_function(found: Finding) -> bool:  # of the patched copy
        return (
            Path(found.file).resolve() == reported.resolve() and found.function == finding.function
        )

    same_function = [f for f in scan(files, jobs=1).findings if in_the_function(f)]
    still = [f for f in same_function if f.rule == finding.rule and f.cwe == finding.cwe]
    new = [f for f in same_function if f.rule != finding.rule]
    if still:
        details.append(f"re-analysis still reports {finding.rule} in {finding.function}")
        return FAILED
    if new:
        # Only what the patch introduced counts: compare with the function's findings before.
        if before is None:
            patched_text = patched.read_bytes()
            patched.write_bytes(original)
            before = [f.rule for f in scan(files, jobs=1).findings if in_the_function(f)]
            patched.write_bytes(patched_text)
        new = [f for f in new if sum(g.rule == f.rule for g in new) > before.count(f.rule)]
    if new:
        details.append(f"re-analysis reports a new {new[0].rule} at line {new[0].line}")
        return FAILED
    details.append("re-analysis: the finding is gone and nothing new appears")
    return PASSED


def _compiler_for(files: list[Path]) -> str | None:
    cpp = any(f.suffix in (".cc", ".cpp", ".cxx") for f in files)
    for candidate in ("g++", "clang++") if cpp else ("gcc", "clang", "cc"):
        if shutil.which(candidate):
            return candidate
    return None


def _build(
    build: str | None,
    files: list[Path],
    scratch: Path,
    details: list[str],
    descriptors: bool = False,
) -> tuple[VerificationStatus, Path | None]:
    if build:
        result = _shell(build, scratch)
        if result.returncode != 0:
            details.append(f"build `{build}` failed: {result.stderr.strip()[-300:]}")
            return FAILED, None
        details.append(f"build `{build}` succeeded")
        return PASSED, None
    sources = [f for f in files if f.suffix in (".c", ".cc", ".cpp", ".cxx")]
    compiler = _compiler_for(sources)
    if compiler is None or not sources:
        details.append("build: no compiler or no sources")
        return NOT_RUN, None
    binary = scratch / "redline-verify.out"
    includes = sorted({f"-I{f.parent}" for f in files})
    has_main = any(b"main" in f.read_bytes() for f in sources)
    sanitizer = [] if descriptors else ["-fsanitize=address"]
    command = [compiler, "-w", "-g", *sanitizer, *includes]
    if has_main:
        command += ["-o", str(binary), *map(str, sources)]
    else:
        command += ["-fsyntax-only", *map(str, sources)]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, cwd=scratch, check=False
    )
    if result.returncode != 0 and has_main:
        # Not a whole program (several mains, missing symbols): compile only.
        syntax = [compiler, "-w", *includes, "-fsyntax-only", *map(str, sources)]
        result = subprocess.run(
            syntax,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
            cwd=scratch,
            check=False,
        )
        has_main = False
    if result.returncode != 0:
        details.append(f"compile failed: {result.stderr.strip()[-300:]}")
        return FAILED, None
    details.append(f"compiled with {compiler}")
    return PASSED, binary if has_main and binary.exists() else None


def _run(
    run: str | None,
    binary: Path | None,
    scratch: Path,
    finding: Finding,
    details: list[str],
    build_status: VerificationStatus,
) -> VerificationStatus:
    if build_status is FAILED or (run is None and binary is None):
        return NOT_RUN
    environment = dict(os.environ, ASAN_OPTIONS="detect_leaks=1:halt_on_error=0")
    if finding.cwe == "CWE-775" and shutil.which("valgrind"):
        target = run or shlex.quote(str(binary))
        command = f"valgrind --track-fds=yes --leak-check=full {target}"
        environment["ASAN_OPTIONS"] = "detect_leaks=0"
    else:
        command = run or shlex.quote(str(binary))
    result = _shell(command, scratch, environment)
    output = result.stdout + result.stderr
    if "LeakSanitizer does not work under ptrace" in output or "LeakSanitizer has encountered" in (
        output
    ):
        details.append("run: LeakSanitizer is unavailable here")
        return NOT_RUN
    site = finding.trace[0] if finding.trace else None
    marker = None
    if site is not None:
        same_file = (
            finding.patch is not None and _patched_name(finding.patch) == Path(site.file).name
        )
        line = _line_after(finding.patch, site.line) if same_file and finding.patch else site.line
        marker = f"{Path(site.file).name}:{line}"
    reported = (
        "ERROR: LeakSanitizer" in output
        or "definitely lost" in output
        or ("Open file descriptor" in output)
    )
    # The leak is gone when no report names the line that acquired it.
    still = reported and (marker is None or marker in output)
    # Any memory error counts, such as freeing what the stack or `alloca` gave.
    misuse = "ERROR: AddressSanitizer" in output or "Invalid free" in output
    if still or misuse:
        details.append("run: the sanitizer still reports the problem")
        return FAILED
    problem = (
        "leak"
        if finding.cwe in ("CWE-401", "CWE-775", "CWE-404")
        else "double free or use after free"
    )
    details.append(f"run `{_short(command)}`: no {problem} reported for the finding")
    return PASSED


def _patched_name(patch: str) -> str:
    return Path(parse_diff(patch)[0]).name


def _line_after(patch: str, line: int) -> int:
    """Where line `line` of the file before `patch` is after it."""
    shift = 0
    for hunk in parse_diff(patch)[1]:
        if hunk.start + len(hunk.old) <= line:
            shift += len(hunk.new) - len(hunk.old)
    return line + shift


def _short(text: str) -> str:
    return text if len(text) < 80 else text[:77] + "..."


def _shell(
    command: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            command,
            shell=True,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
            cwd=cwd,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(command, 124, "", "timed out")
