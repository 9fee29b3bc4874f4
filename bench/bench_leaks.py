"""Benchmark the leak analyser on Juliet 1.3 beside cppcheck, gcc -fanalyzer and clang --analyze.

Juliet comes from the public mirror `arichardson/juliet-test-suite-c` (a bare git mirror under
/work/.mirror, or REDLINE_JULIET pointing at one or at an extracted tree); what is needed is
extracted to bench/.cache/juliet. Scoring follows the Juliet user guide: a true positive is a
report of the target CWE inside a bad function (or a helper it calls, named bad*/…Bad…), a false
positive one inside a good function; recall counts test cases, precision counts detected test
cases against flagged good flows. The names are used here, for scoring only; the analyser never
sees them as special.

Peers run with `nice`, time-bounded, and their results are cached under bench/.cache keyed by
tool version, so re-runs are fast. A missing tool or corpus prints a clear line and the row is
skipped. Every finding's patch is verified (re-analysis, compile with the suite's io.c and main,
sanitizer run) on 2 workers under `nice`; REDLINE_BENCH_VERIFY=N verifies only N per set, 0 none;
REDLINE_BENCH_PEERS=cached uses only peer runs already cached (a slow peer is then skipped).
REDLINE_BENCH_SETS=CWE-415,CWE-416 measures only the sets whose label contains one of those
(and skips the upstream leak fixes).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
MIRROR = Path("/work/.mirror/arichardson+juliet-test-suite-c/repo")
sys.path.insert(0, str(HERE.parent / "src"))


@dataclass(frozen=True)
class JulietSet:
    """One row of the table: a CWE directory, a language, and the goals."""

    label: str
    directory: str
    cwe: str
    cpp: bool
    recall_goal: float
    precision_goal: float | None  # None: "no false positives"


SETS = [
    JulietSet("CWE-401 C", "CWE401_Memory_Leak", "CWE-401", False, 0.97, 0.97),
    JulietSet("CWE-401 C++", "CWE401_Memory_Leak", "CWE-401", True, 0.90, 0.95),
    JulietSet(
        "CWE-775 C",
        "CWE775_Missing_Release_of_File_Descriptor_or_Handle",
        "CWE-775",
        False,
        0.90,
        0.95,
    ),
    JulietSet("CWE-415 C", "CWE415_Double_Free", "CWE-415", False, 0.85, None),
    JulietSet("CWE-416 C", "CWE416_Use_After_Free", "CWE-416", False, 0.85, None),
]


# ---------------------------------------------------------------- corpus
def juliet_root() -> Path | None:
    """An extracted Juliet tree under bench/.cache, extracting it from the mirror if needed."""
    given = os.environ.get("REDLINE_JULIET")
    if given and (Path(given) / "testcases").is_dir():
        return Path(given)
    target = CACHE / "juliet"
    if (target / "testcasesupport").is_dir():
        return target
    mirror = Path(given) if given else MIRROR
    if not mirror.exists():
        return None
    target.mkdir(parents=True, exist_ok=True)
    archive = CACHE / "juliet.tar"
    paths = ["testcasesupport", *sorted({f"testcases/{s.directory}" for s in SETS})]
    with archive.open("wb") as out:
        subprocess.run(
            ["git", f"--git-dir={mirror}", "archive", "HEAD", *paths],
            stdout=out,
            check=False,
            stderr=subprocess.DEVNULL,
        )
    with tarfile.open(archive) as tar:
        tar.extractall(target, filter="data")
    archive.unlink()
    return target


_CASE = re.compile(r"^(?P<case>CWE\d+_.+?_\d+)(?:[a-e]|_bad|_good\w*)?\.(?:c|cpp|h)$")


@dataclass
class Corpus:
    """The files and test cases of one set."""

    files: list[Path]
    support: list[Path]
    cases: set[str] = field(default_factory=set)


def corpus_for(root: Path, juliet: JulietSet) -> Corpus:
    """Files of the set's test cases (C or C++ by the main file's extension)."""
    directory = root / "testcases" / juliet.directory
    all_files = sorted(p for p in directory.rglob("*") if p.suffix in (".c", ".cpp", ".h"))
    by_case: dict[str, list[Path]] = defaultdict(list)
    for path in all_files:
        match = _CASE.match(path.name)
        if match:
            by_case[match.group("case")].append(path)
    files: list[Path] = []
    cases: set[str] = set()
    for case, paths in by_case.items():
        if "w32" in case:
            continue  # Windows-only APIs (CreateFile): neither compiled nor counted here
        is_cpp = any(p.suffix == ".cpp" for p in paths)
        if is_cpp == juliet.cpp:
            files += paths
            cases.add(case)
    support_dir = root / "testcasesupport"
    support = [
        support_dir / "io.c",
        support_dir / "std_testcase.h",
        support_dir / "std_testcase_io.h",
    ]
    return Corpus(files, [p for p in support if p.exists()], cases)


# ---------------------------------------------------------------- scoring
def _case_of(path: str) -> str | None:
    match = _CASE.match(Path(path).name)
    return match.group("case") if match else None


_FUNCTIONS: dict[str, list[tuple[int, int, str]]] = {}
CPU_SECONDS: dict[str, float] = {}


def enclosing_function(path: str, line: int) -> str | None:
    """The name of the function around `path:line` (scoring only)."""
    if path not in _FUNCTIONS:
        from redline.analysis.parsing import parse_file

        spans: list[tuple[int, int, str]] = []
        try:
            parsed = parse_file(path)
        except (OSError, ValueError):
            _FUNCTIONS[path] = []
            return None
        stack = [parsed.tree.root_node]
        while stack:
            node = stack.pop()
            if node.type == "function_definition":
                declarator = node.child_by_field_name("declarator")
                while declarator is not None and declarator.type != "function_declarator":
                    declarator = declarator.child_by_field_name("declarator")
                name_node = declarator.child_by_field_name("declarator") if declarator else None
                if name_node is not None:
                    name = parsed.text(name_node)
                    spans.append((node.start_point[0] + 1, node.end_point[0] + 1, name))
            stack.extend(node.children)
        _FUNCTIONS[path] = spans
    for start, end, name in _FUNCTIONS[path]:
        if start <= line <= end:
            return name.rsplit("::", 1)[-1]
    return None


def _flow(function: str) -> str | None:
    if "bad" in function.lower() and "good" not in function.lower():
        return "bad"
    if "good" in function.lower() or "G2B" in function or "B2G" in function:
        return "good"
    return None


@dataclass
class Score:
    """Per-set outcome of one tool."""

    detected: set[str] = field(default_factory=set)
    false_flows: set[tuple[str, str]] = field(default_factory=set)
    seconds: float = 0.0
    note: str = ""

    def recall(self, cases: int) -> float:
        return len(self.detected) / cases if cases else 0.0

    def precision(self) -> float:
        total = len(self.detected) + len(self.false_flows)
        return len(self.detected) / total if total else 0.0


def score(reports: list[tuple[str, int]], cases: set[str]) -> Score:
    """Score (file, line) reports of the target kind."""
    result = Score()
    for path, line in reports:
        case = _case_of(path)
        if case is None or case not in cases:
            continue
        function = enclosing_function(path, line)
        flow = _flow(function) if function else None
        if flow == "bad":
            result.detected.add(case)
        elif flow == "good":
            result.false_flows.add((case, function or ""))
    return result


# ---------------------------------------------------------------- Redline
def run_redline(corpus: Corpus, juliet: JulietSet) -> tuple[Score, list[object], float]:
    from redline.analysis.leaks import scan

    started = time.perf_counter()
    cpu_before = os.times()
    report = scan([*corpus.files, *corpus.support], jobs=2)
    seconds = time.perf_counter() - started
    cpu_after = os.times()
    CPU_SECONDS[juliet.label] = sum(cpu_after[:4]) - sum(cpu_before[:4])
    target = [f for f in report.findings if f.cwe == juliet.cwe]
    result = score([(f.file, f.line) for f in target], corpus.cases)
    result.seconds = seconds
    return result, list(target), seconds


# ---------------------------------------------------------------- peers
def _version(command: list[str]) -> str | None:
    if shutil.which(command[0]) is None:
        return None
    try:
        out = subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return (out.stdout or out.stderr).splitlines()[0] if (out.stdout or out.stderr) else "?"


def ensure_tools() -> None:
    """Install the peers from the system packages when they are missing and we are root."""
    missing = [t for t in ("cppcheck", "clang") if shutil.which(t) is None]
    if missing and hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        print(f"installing {' '.join(missing)} with apt-get ...", flush=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-q", *missing],
            capture_output=True,
            check=False,
            timeout=900,
        )


_PEER_KINDS = {
    "cppcheck": {
        "CWE-401": ("memleak", "memleakOnRealloc", "leakReturnValNotUsed", "leakNoVarFunctionCall"),
        "CWE-775": ("resourceLeak",),
        "CWE-415": ("doubleFree", "deallocDealloc"),
        "CWE-416": ("deallocuse", "useAfterFree", "deallocret"),
    },
    "gcc": {
        "CWE-401": ("-Wanalyzer-malloc-leak",),
        "CWE-775": ("-Wanalyzer-file-leak", "-Wanalyzer-fd-leak"),
        "CWE-415": ("-Wanalyzer-double-free",),
        "CWE-416": ("-Wanalyzer-use-after-free",),
    },
    "clang": {
        "CWE-401": ("Potential leak", "Potential memory leak", "leak of memory"),
        "CWE-775": ("Opened stream never closed", "Opened File never closed", "file descriptor"),
        "CWE-415": ("Attempt to free released memory", "Attempt to delete released memory"),
        "CWE-416": ("Use of memory after it is freed", "after it is released"),
    },
}

_DIAGNOSTIC = re.compile(r"^(?P<file>[^:\s]+\.(?:c|cpp|h)):(?P<line>\d+):(?:\d+:)?\s*(?P<rest>.*)$")


def _peer_command(tool: str, files: list[Path], include: Path, cpp: bool) -> list[str]:
    if tool == "cppcheck":
        return [
            "cppcheck",
            "--enable=warning,style",
            "--inconclusive",
            "--quiet",
            "-j1",
            f"-I{include}",
            "--template={file}:{line}: {id}: {message}",
            *map(str, files),
        ]
    if tool == "gcc":
        compiler = "g++" if cpp else "gcc"
        return [
            compiler,
            "-fanalyzer",
            "-c",
            "-Wno-analyzer-too-complex",
            f"-I{include}",
            *map(str, files),
        ]
    compiler = "clang++" if cpp else "clang"
    return [
        compiler,
        "--analyze",
        f"-I{include}",
        "-Xanalyzer",
        "-analyzer-output=text",
        "-Xanalyzer",
        "-analyzer-checker=alpha.unix.Stream",
        *map(str, files),
    ]


def run_peer(tool: str, corpus: Corpus, juliet: JulietSet, include: Path) -> Score | None:
    """Run a peer over the set's sources in batches; cached by tool version and file list."""
    binary = {
        "cppcheck": "cppcheck",
        "gcc": "g++" if juliet.cpp else "gcc",
        "clang": "clang++" if juliet.cpp else "clang",
    }[tool]
    version = _version([binary, "--version"])
    if version is None:
        print(f"  {tool}: not available (install it, e.g. apt-get install -y {tool})")
        return None
    sources = [f for f in corpus.files if f.suffix in (".c", ".cpp")]
    flags = _peer_command(tool, [], include, juliet.cpp)
    key = hashlib.sha256(
        json.dumps([tool, version, flags, juliet.label, [f.name for f in sources]]).encode()
    ).hexdigest()[:16]
    cache_file = CACHE / f"peer-{tool}-{key}.json"
    if cache_file.exists():
        data = json.loads(cache_file.read_text())
    elif os.environ.get("REDLINE_BENCH_PEERS") == "cached":
        print(f"  {tool}: no cached run for {juliet.label} (REDLINE_BENCH_PEERS=cached); skipped")
        return None
    else:
        diagnostics: list[list[object]] = []
        started = time.perf_counter()
        scratch = CACHE / f"scratch-{tool}"
        scratch.mkdir(parents=True, exist_ok=True)
        batch = 40
        for index in range(0, len(sources), batch):
            command = [
                "nice",
                "-n",
                "10",
                *_peer_command(tool, sources[index : index + batch], include, juliet.cpp),
            ]
            try:
                out = subprocess.run(
                    command, capture_output=True, text=True, timeout=900, cwd=scratch, check=False
                )
                text = out.stdout + out.stderr
            except subprocess.TimeoutExpired:
                text = ""
            for line in text.splitlines():
                match = _DIAGNOSTIC.match(line.strip())
                if (match and "warning" in line) or (match and tool == "cppcheck"):
                    diagnostics.append(
                        [match.group("file"), int(match.group("line")), match.group("rest")]
                    )
        shutil.rmtree(scratch, ignore_errors=True)
        data = {
            "version": version,
            "seconds": time.perf_counter() - started,
            "diagnostics": diagnostics,
        }
        cache_file.write_text(json.dumps(data))
    kinds = _PEER_KINDS[tool][juliet.cwe]
    reports = [
        (str(_resolve(str(d[0]), corpus)), int(d[1]))  # type: ignore[call-overload]
        for d in data["diagnostics"]
        if any(k in str(d[2]) for k in kinds)
    ]
    result = score(reports, corpus.cases)
    result.seconds = float(data["seconds"])
    result.note = version
    return result


def _resolve(path: str, corpus: Corpus) -> Path:
    name = Path(path).name
    for candidate in corpus.files:
        if candidate.name == name:
            return candidate
    return Path(path)


# ---------------------------------------------------------------- patch verification
@dataclass
class Verified:
    """How many of a set's findings have a patch, and how far each patch verified."""

    findings: int = 0
    patched: int = 0
    tried: int = 0
    reanalysis: int = 0
    build: int = 0
    run: int = 0
    verified: int = 0
    failures: list[str] = field(default_factory=list)


def _build_command(juliet: JulietSet) -> str:
    """Each test case as its own program: its files, io.c and a main (-DINCLUDEMAIN)."""
    sanitizer = "" if juliet.cwe == "CWE-775" else "-fsanitize=address"
    flags = f"-w -g -DINCLUDEMAIN {sanitizer} -I testcasesupport"
    if juliet.cpp:
        return (
            f"gcc {flags} -c testcasesupport/io.c -o io.o && "
            f"g++ {flags} $(find . -name '*.cpp') io.o -o prog"
        )
    return f"gcc {flags} $(find . -name '*.c') -o prog"


def _program_files(files: list[Path]) -> list[Path]:
    """A case split into `_bad` and `_goodN` programs (each with its own main) builds as the
    bad one with the headers; any other case builds whole."""
    bad = [f for f in files if re.search(r"_bad\.(?:c|cpp)$", f.name)]
    first = [f for f in files if re.search(r"\d+a\.(?:c|cpp)$", f.name)]
    if bad and not first:
        return bad + [f for f in files if f.suffix == ".h"]
    return files


def _verify_job(job: tuple[object, list[Path], str]) -> tuple[str, str, str, str]:
    from redline.analysis.leaks.verify import verify_one

    finding, files, build = job
    verified = verify_one(finding, files, build=build, run="./prog < /dev/null")  # type: ignore[arg-type]
    v = verified.verified
    where = f"{Path(verified.file).name}:{verified.line}"
    return str(v.reanalysis), str(v.build), str(v.run), f"{where} {'; '.join(v.details)}"


def _nice() -> None:
    os.nice(10)


def verify_findings(
    findings: list[object], corpus: Corpus, juliet: JulietSet, sample: int | None
) -> Verified:
    """Verify the patches of every finding (or of `sample` spread over the set), on 2 workers.

    A patch verifies when re-analysis no longer finds it and finds nothing new, the test case
    still compiles (with its main), and running it under AddressSanitizer/LeakSanitizer
    (valgrind --track-fds=yes for descriptors) reports no error and no leak from the finding's
    acquisition line. A finding without a patch counts as not verified.
    """
    from concurrent.futures import ProcessPoolExecutor

    result = Verified(findings=len(findings))
    patched = [f for f in findings if getattr(f, "patch", None)]
    result.patched = len(patched)
    chosen = patched
    if sample is not None and sample < len(patched):
        chosen = patched[:: max(1, len(patched) // max(sample, 1))][:sample]
    build = _build_command(juliet)
    by_case: dict[str, list[Path]] = defaultdict(list)
    for path in corpus.files:
        by_case[_case_of(str(path)) or ""].append(path)
    jobs = [
        (f, _program_files(by_case[_case_of(f.file) or ""]) + corpus.support)  # type: ignore[attr-defined]
        for f in chosen
    ]
    with ProcessPoolExecutor(2, initializer=_nice) as pool:
        outcomes = list(pool.map(_verify_job, [(f, files, build) for f, files in jobs]))
    result.tried = len(outcomes)
    for reanalysis, built, ran, details in outcomes:
        result.reanalysis += reanalysis == "passed"
        result.build += built == "passed"
        result.run += ran == "passed"
        ok = reanalysis == built == ran == "passed"
        result.verified += ok
        if not ok:
            result.failures.append(details)
    return result


# ---------------------------------------------------------------- real leak fixes
_RELEASE_ADDED = re.compile(r"^\+.*\b\w*(free|close|delete|release|destroy)\w*\s*\(", re.I)
# (repository, how many of its most recent qualifying commits to take); chosen by the rule in
# `leak_fix_commits` before Redline ever ran on them.
FIX_REPOS = (("DaveGamble/cJSON", 8), ("curl/curl", 6), ("tmux/tmux", 6))
MAX_FIX_LINES = 40  # a focused fix: at most this many changed lines
SMALL_FOLDER = 12  # folders with at most this many C files are analysed whole


def _git(mirror: Path, *args: str) -> str:
    out = subprocess.run(
        ["git", f"--git-dir={mirror}", *args], capture_output=True, text=True, check=False
    )
    return out.stdout


@dataclass(frozen=True)
class LeakFix:
    """One upstream commit that adds a release to fix a leak: where the release went."""

    sha: str
    file: str
    line: int  # of the added release, in the fixed file


def leak_fix_commits(mirror: Path, limit: int) -> list[LeakFix]:
    """The `limit` most recent commits whose message says leak, that change one C file (tests
    aside) by at most MAX_FIX_LINES lines and add a release call to it."""
    found: list[LeakFix] = []
    for sha in _git(mirror, "log", "--format=%H", "-i", "--grep=leak", "--no-merges").split():
        changed = [
            f
            for f in _git(mirror, "show", "--format=", "--name-only", sha, "--").split()
            if f.endswith((".c", ".h")) and "test" not in f.lower()
        ]
        if len(changed) != 1 or not changed[0].endswith(".c"):
            continue
        diff = _git(mirror, "show", "--format=", "-U0", sha, "--", changed[0])
        lines = [x for x in diff.splitlines() if x[:1] in "+-" and x[:3] not in ("+++", "---")]
        if len(lines) > MAX_FIX_LINES:
            continue
        line = _added_release_line(diff)
        if line is not None:
            found.append(LeakFix(sha, changed[0], line))
        if len(found) >= limit:
            break
    return found


def _added_release_line(diff: str) -> int | None:
    new_line = 0
    for text in diff.splitlines():
        hunk = re.match(r"^@@ -\d+(?:,\d+)? \+(\d+)", text)
        if hunk:
            new_line = int(hunk.group(1))
            continue
        if text.startswith("+") and not text.startswith("+++"):
            if _RELEASE_ADDED.match(text):
                return new_line
            new_line += 1
        elif not text.startswith("-"):
            new_line += 1
    return None


def _extract(mirror: Path, revision: str, folder: str, target: Path) -> None:
    if target.exists():
        return
    target.mkdir(parents=True)
    archive = subprocess.run(
        ["git", f"--git-dir={mirror}", "archive", revision, "--", folder or "."],
        capture_output=True,
        check=False,
    ).stdout
    if archive:
        import io

        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            members = [m for m in tar.getmembers() if m.name.endswith((".c", ".h"))]
            members = [m for m in members if str(Path(m.name).parent) == (folder or ".")]
            tar.extractall(target, members=members, filter="data")


def _analysed(folder: Path, name: str) -> list[Path]:
    """The fixed file with its folder's headers, or the whole folder when it is small."""
    sources = sorted(folder.glob("*.c"))
    if len(sources) <= SMALL_FOLDER:
        return [folder]
    return [folder / name, *sorted(folder.glob("*.h"))]


def real_fixes() -> list[str]:
    """Of the leaks fixed upstream, how many Redline (and cppcheck) find before and not after:
    a leak reported in the fixed function before the fix that is gone after it."""
    rows: list[str] = []
    totals = [0, 0, 0]  # measured, redline, cppcheck
    for repo, limit in FIX_REPOS:
        mirror = Path("/work/.mirror") / repo.replace("/", "+") / "repo"
        if not mirror.exists():
            rows.append(f"real leak fixes: {repo} not available (fetch github:{repo})")
            continue
        ours = theirs = measured = 0
        first_row = len(rows)
        for fix in leak_fix_commits(mirror, limit):
            folder = str(Path(fix.file).parent) if "/" in fix.file else ""
            base = CACHE / "fixes" / fix.sha[:12]
            _extract(mirror, f"{fix.sha}^", folder, base / "before")
            _extract(mirror, fix.sha, folder, base / "after")
            name = Path(fix.file).name
            function = enclosing_function(str(base / "after" / folder / name), fix.line)
            if function is None or not (base / "before" / folder / name).exists():
                continue
            measured += 1

            before = _redline_leaks(base / "before" / folder, name, function)
            hit = bool(before - _redline_leaks(base / "after" / folder, name, function))
            ours += hit
            peer = _cppcheck_finds(base, folder, name, function)
            theirs += peer
            outcome = "found, gone after" if hit else ("found, still after" if before else "missed")
            rows.append(
                f"  {repo}@{fix.sha[:10]} {fix.file} `{function}`: redline {outcome}"
                f", cppcheck {'found' if peer else 'missed'}"
            )
            print(rows[-1], flush=True)
        rows.insert(
            first_row,
            f"real leak fixes ({repo}, {measured} commits adding a release): "
            f"redline {ours}/{measured} found before the fix and not after; "
            f"cppcheck {theirs}/{measured}",
        )
        for index, value in enumerate((measured, ours, theirs)):
            totals[index] += value
    rows.append(
        f"real leak fixes, all: redline {totals[1]}/{totals[0]}, cppcheck (file by file) "
        f"{totals[2]}/{totals[0]}  goal: Redline finds most; cppcheck < 5%"
    )
    return rows


def _redline_leaks(folder: Path, name: str, function: str) -> set[str]:
    """The leaks Redline reports in `function` of file `name`, lines aside."""
    from redline.analysis.leaks import scan

    report = scan(_analysed(folder, name), jobs=1)
    return {
        re.sub(r"\d+", "N", f.message)
        for f in report.findings
        if f.rule.startswith("LEAK")
        and Path(f.file).name == name
        and (f.function or "").rsplit("::", 1)[-1] == function
    }


def _cppcheck_finds(base: Path, folder: str, name: str, function: str) -> bool:
    """cppcheck on the fixed file alone: a leak it reports in the function before the fix
    and no longer after (the same message, lines aside)."""
    if shutil.which("cppcheck") is None:
        return False

    def leaks(version: str) -> set[str]:
        where = base / version / folder
        out = subprocess.run(
            [
                "nice",
                "cppcheck",
                "--quiet",
                "--enable=warning",
                f"-I{where}",
                "--template={file}:{line}: {id}: {message}",
                str(where / name),
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
        found: set[str] = set()
        for diagnostic in (out.stderr + out.stdout).splitlines():
            match = _DIAGNOSTIC.match(diagnostic.strip())
            if (
                match
                and re.search(r"memleak|resourceLeak", diagnostic)
                and enclosing_function(match.group("file"), int(match.group("line"))) == function
            ):
                found.add(re.sub(r"\d+", "N", match.group("rest")))
        return found

    return bool(leaks("before") - leaks("after"))


def main() -> int:
    root = juliet_root()
    if root is None:
        print(
            "Juliet not available: fetch github:arichardson/juliet-test-suite-c "
            "(it lands in /work/.mirror) or set REDLINE_JULIET; skipping the leak bench."
        )
        return 0
    ensure_tools()
    include = root / "testcasesupport"
    wanted = os.environ.get("REDLINE_BENCH_VERIFY", "all")
    sample = None if wanted == "all" else int(wanted)
    rows: list[str] = []
    header = (
        f"{'set':<12} {'tool':<10} {'cases':>5} {'recall':>7} {'prec.':>7} {'FP flows':>8} "
        f"{'time s':>7}  goal"
    )
    rows.append(header)
    chosen = [s for s in os.environ.get("REDLINE_BENCH_SETS", "").split(",") if s]
    for juliet in SETS:
        if chosen and not any(label in juliet.label for label in chosen):
            continue
        corpus = corpus_for(root, juliet)
        cases = len(corpus.cases)
        redline, findings, seconds = run_redline(corpus, juliet)
        goal = f"recall >= {juliet.recall_goal:.0%}, " + (
            f"precision >= {juliet.precision_goal:.0%}"
            if juliet.precision_goal
            else "no false positives"
        )
        rows.append(
            f"{juliet.label:<12} {'redline':<10} {cases:>5} {redline.recall(cases):>7.1%} "
            f"{redline.precision():>7.1%} {len(redline.false_flows):>8} {seconds:>7.1f}  {goal}"
        )
        print(rows[-1], flush=True)
        if sample is None or sample > 0:
            v = verify_findings(findings, corpus, juliet, sample)
            share = v.verified / v.findings if v.findings else 0.0
            scope = "every finding" if v.tried == v.patched else f"a sample of {v.tried}"
            rows.append(
                f"{'':<12} patches ({scope}): {v.findings} findings, {v.patched} patched, "
                f"verified by re-analysis {v.reanalysis}, build {v.build}, run {v.run}; "
                f"all three {v.verified}/{v.findings} = {share:.1%}  goal >= 95%"
            )
            print(rows[-1], flush=True)
            for failure in v.failures[: 5 if not os.environ.get("REDLINE_BENCH_DEBUG") else None]:
                print(f"{'':<14}not verified: {failure[:300]}", flush=True)
        for tool in ("cppcheck", "gcc", "clang"):
            peer = run_peer(tool, corpus, juliet, include)
            if peer is None:
                rows.append(f"{juliet.label:<12} {tool:<10} not available")
                continue
            if tool == "gcc" and juliet.label == "CWE-401 C":
                timing = (
                    f"{'':<12} wall time: redline {seconds:.1f} s "
                    f"(cpu {CPU_SECONDS.get(juliet.label, 0):.1f} s, 2 workers) vs gcc -fanalyzer "
                    f"{peer.seconds:.1f} s (its first, cached run)  goal: faster than gcc"
                )
            rows.append(
                f"{juliet.label:<12} {tool:<10} {cases:>5} {peer.recall(cases):>7.1%} "
                f"{peer.precision():>7.1%} {len(peer.false_flows):>8} {peer.seconds:>7.1f}  "
                f"({peer.note[:40]})"
            )
            print(rows[-1], flush=True)
            if tool == "gcc" and juliet.label == "CWE-401 C":
                rows.append(timing)
                print(rows[-1], flush=True)
    for row in [] if chosen else real_fixes():
        rows.append(row)
        print(row, flush=True)
    print()
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
