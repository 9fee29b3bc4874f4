"""Specification of the leak analyser, as small hand-written C programs (one per situation)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from redline.analysis.leaks import RULES, scan, scan_text
from redline.analysis.leaks.formatters import to_sarif_data
from redline.analysis.leaks.patches import apply_diffs

from .sanitizers import asan_compiler_works, sanitizer_report

PROGRAMS = Path(__file__).parent / "programs"

# program -> the (rule, line) findings it must produce, no more, no fewer.
EXPECTED: dict[str, list[tuple[str, int]]] = {
    "early_return_leak.c": [("LEAK-MEMORY", 10)],
    "early_return_clean.c": [],
    "loop_continue_leak.c": [("LEAK-MEMORY", 16)],
    "loop_continue_clean.c": [],
    "wrapper_leak.c": [("LEAK-MEMORY", 16)],
    "wrapper_clean.c": [],
    "owner_global_clean.c": [],
    "owner_struct_leak.c": [("LEAK-MEMORY", 13)],
    "realloc_leak.c": [("LEAK-MEMORY", 8)],
    "realloc_clean.c": [],
    "descriptor_leak.c": [("LEAK-RESOURCE", 18)],
    "descriptor_clean.c": [],
    "double_free.c": [("DOUBLE-FREE", 14)],
    "double_free_clean.c": [],
    "double_free_path.c": [("DOUBLE-FREE", 12)],
    "double_free_path_clean.c": [],
    "use_after_free.c": [("USE-AFTER-FREE", 15)],
    "use_after_free_clean.c": [],
    "use_after_free_block.c": [("USE-AFTER-FREE", 13)],
    "constant_branch_clean.c": [],
    "pasted_snippet_leak.c": [("LEAK-MEMORY", 9)],
    "many_paths_before_loop_leak.c": [("LEAK-MEMORY", 47)],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_program_findings(name: str) -> None:
    report = scan([PROGRAMS / name], jobs=1)
    assert [(f.rule, f.line) for f in report.findings] == EXPECTED[name]


def test_every_program_is_in_the_table() -> None:
    assert {p.name for p in PROGRAMS.glob("*.c")} == set(EXPECTED)


@pytest.mark.parametrize("name", [n for n, found in EXPECTED.items() if found])
def test_trace_is_numbered_and_points_at_real_lines(name: str) -> None:
    finding = scan([PROGRAMS / name], jobs=1).findings[0]
    lines = (PROGRAMS / name).read_text().splitlines()
    assert finding.trace, "every finding explains itself"
    for number, step in enumerate(finding.trace, start=1):
        assert step.note.startswith(f"{number}. ")
        assert lines[step.line - 1].strip()
    assert finding.trace[-1].line == finding.line


UNPATCHABLE = {"owner_struct_leak.c"}  # a struct freed before its member: no certain fix


@pytest.mark.parametrize(
    "name",
    [
        n
        for n, found in EXPECTED.items()
        if found and found[0][0].startswith("LEAK") and n not in UNPATCHABLE
    ],
)
def test_patch_removes_the_finding_and_adds_none(name: str, tmp_path: Path) -> None:
    target = tmp_path / name
    shutil.copyfile(PROGRAMS / name, target)
    finding = scan([target], jobs=1).findings[0]
    assert finding.patch is not None
    patched, applied = apply_diffs(target.read_text(), [finding.patch])
    assert applied == 1
    assert scan_text(patched, name).findings == ()


@pytest.mark.parametrize("name", ["double_free.c", "double_free_path.c"])
def test_double_free_patch_nulls_the_pointer_after_the_first_release(
    name: str, tmp_path: Path
) -> None:
    target = tmp_path / name
    shutil.copyfile(PROGRAMS / name, target)
    finding = scan([target], jobs=1).findings[0]
    assert finding.patch is not None
    assert "+        copy = NULL;" in finding.patch or "+    p = NULL;" in finding.patch
    patched, applied = apply_diffs(target.read_text(), [finding.patch])
    assert applied == 1
    assert scan_text(patched, name).findings == ()


@pytest.mark.skipif(shutil.which("gcc") is None, reason="gcc is not installed")
def test_double_free_patch_verifies_under_address_sanitizer(tmp_path: Path) -> None:
    target = tmp_path / "double_free_path.c"
    shutil.copyfile(PROGRAMS / "double_free_path.c", target)
    verified = scan([target], verify=True, jobs=1).findings[0].verified
    assert (str(verified.reanalysis), str(verified.build)) == ("passed", "passed")
    assert str(verified.run) in ("passed", "not_run")  # not_run only where ASan cannot run
    if str(verified.run) == "passed":
        # The run is a real check: the unpatched program aborts with a double free.
        binary = tmp_path / "unpatched"
        compile_flags = ["gcc", "-g", "-fsanitize=address", str(target), "-o", str(binary)]
        subprocess.run(compile_flags, check=True, capture_output=True)
        run = subprocess.run([str(binary)], capture_output=True, text=True, check=False)
        assert "double-free" in run.stderr


def test_double_free_through_an_alias_drops_the_first_release() -> None:
    code = """
#include <stdlib.h>
static void release_twice(char *p)
{
    char *alias = p;
    free(alias);
    free(p);
}
void run(void)
{
    release_twice(malloc(4));
}
"""
    (finding,) = scan_text(code, "alias.c").findings
    assert finding.rule == "DOUBLE-FREE"
    assert finding.patch is not None
    changed = [line for line in finding.patch.splitlines()[2:] if line[:1] in "+-"]
    assert changed == ["-    free(alias);"]
    patched, applied = apply_diffs(code, [finding.patch])
    assert applied == 1
    assert scan_text(patched, "alias.c").findings == ()


@pytest.mark.skipif(shutil.which("gcc") is None, reason="gcc is not installed")
def test_use_after_free_patch_moves_the_release_below_the_last_use(tmp_path: Path) -> None:
    target = tmp_path / "use_after_free_block.c"
    shutil.copyfile(PROGRAMS / "use_after_free_block.c", target)
    finding = scan([target], verify=True, jobs=1).findings[0]
    assert finding.patch is not None
    patched, applied = apply_diffs(target.read_text(), [finding.patch])
    assert applied == 1
    lines = [line.strip() for line in patched.splitlines()]
    assert lines.index("free(line);") == lines.index("puts(line);") + 1
    verified = finding.verified
    assert (str(verified.reanalysis), str(verified.build)) == ("passed", "passed")
    assert str(verified.run) in ("passed", "not_run")


def test_no_use_after_free_patch_when_the_use_is_a_return() -> None:
    finding = scan([PROGRAMS / "use_after_free.c"], jobs=1).findings[0]
    assert finding.patch is None


def test_realloc_patch_uses_the_temporary_idiom() -> None:
    finding = scan([PROGRAMS / "realloc_leak.c"], jobs=1).findings[0]
    assert finding.patch is not None
    assert "data_resized = realloc(data, 4096);" in finding.patch
    assert "free(data);" in finding.patch


def test_scan_text_reads_a_pasted_file_without_headers() -> None:
    code = (PROGRAMS / "pasted_snippet_leak.c").read_text()
    report = scan_text(code)
    assert [f.rule for f in report.findings] == ["LEAK-MEMORY"]
    assert report.findings[0].cwe == "CWE-401"


def test_nothing_is_written_without_fix(tmp_path: Path, run_redline) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "leak.c"
    shutil.copyfile(PROGRAMS / "early_return_leak.c", target)
    before = target.read_text()
    result = run_redline("scan", str(target), "--fix", "--dry-run")
    assert result.returncode == 1
    assert "+        free(cfg);" in result.stdout
    assert target.read_text() == before
    result = run_redline("scan", str(target), "--fix")
    assert "free(cfg);" in target.read_text()
    assert run_redline("scan", str(target)).returncode == 0


def test_cli_json_and_sarif(run_redline) -> None:  # type: ignore[no-untyped-def]
    result = run_redline("scan", str(PROGRAMS / "double_free.c"), "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    finding = data["findings"][0]
    assert set(finding) >= {"rule", "cwe", "file", "line", "function", "message", "trace"}
    assert finding["cwe"] == "CWE-415"
    sarif = json.loads(
        run_redline("scan", str(PROGRAMS / "double_free.c"), "--format", "sarif").stdout
    )
    assert sarif["version"] == "2.1.0"
    assert sarif["runs"][0]["results"][0]["ruleId"] == "DOUBLE-FREE"


def test_cli_exit_statuses(run_redline, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run_redline("scan", str(PROGRAMS / "early_return_clean.c")).returncode == 0
    assert run_redline("scan", str(tmp_path / "missing.c")).returncode == 2


def test_rules_are_documented_with_ids_and_cwes() -> None:
    assert {(r.id, r.cwe) for r in RULES.values()} == {
        ("LEAK-MEMORY", "CWE-401"),
        ("LEAK-RESOURCE", "CWE-775"),
        ("DOUBLE-FREE", "CWE-415"),
        ("USE-AFTER-FREE", "CWE-416"),
    }
    for rule in RULES.values():
        assert "Example" in rule.doc and "Use instead" in rule.doc


def test_sarif_only_reads_findings() -> None:
    report = scan([PROGRAMS / "use_after_free.c"], jobs=1)
    sarif = to_sarif_data(report)
    flow = sarif["runs"][0]["results"][0]["codeFlows"][0]["threadFlows"][0]["locations"]
    assert len(flow) == len(report.findings[0].trace)


@pytest.mark.skipif(shutil.which("gcc") is None, reason="gcc is not installed")
def test_verify_proves_a_patch_on_a_scratch_copy(tmp_path: Path) -> None:
    target = tmp_path / "leak.c"
    shutil.copyfile(PROGRAMS / "early_return_leak.c", target)
    before = target.read_text()
    report = scan([target], verify=True, jobs=1)
    verified = report.findings[0].verified
    assert str(verified.reanalysis) == "passed"
    assert str(verified.build) == "passed"
    assert target.read_text() == before


def test_verify_works_on_pasted_code_that_is_not_on_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code = (PROGRAMS / "early_return_leak.c").read_text()
    report = scan_text(code, "pasted_snippet.c", verify=True)
    assert report.findings
    verified = report.findings[0].verified
    assert str(verified.reanalysis) == "passed"
    assert str(verified.build) == "passed"
    assert not (tmp_path / "pasted_snippet.c").exists()


def test_repository_scan_follows_wrappers_and_constants_across_files() -> None:
    report = scan([PROGRAMS / "cross_file"], jobs=1)
    found = [(Path(f.file).name, f.line, f.function) for f in report.findings]
    assert found == [("main.c", 26, "leaks_through_wrapper")]
    trace = report.findings[0].trace
    assert Path(trace[0].file).name == "buffers.c", "the trace starts inside the wrapper"


def test_cpp_members_destructors_and_containers() -> None:
    report = scan([PROGRAMS / "cpp"], jobs=1)
    assert [(f.rule, f.function) for f in report.findings] == [
        ("LEAK-MEMORY", "member_leak"),
        ("LEAK-MEMORY", "container_leak"),
    ]


def test_no_patch_when_no_fix_is_certain() -> None:
    finding = scan([PROGRAMS / "owner_struct_leak.c"], jobs=1).findings[0]
    assert finding.patch is None


def test_allocators_behind_function_pointers_in_a_static_struct(tmp_path: Path) -> None:
    code = """
#include <stdlib.h>
typedef struct hooks { void *(*allocate)(size_t); void (*release)(void *); } hooks;
static hooks default_hooks = { malloc, free };
char *make(int fail)
{
    char *a = default_hooks.allocate(8);
    if (fail)
        return NULL;
    return a;
}
"""
    report = scan_text(code, "hooks.c")
    assert [(f.rule, f.line) for f in report.findings] == [("LEAK-MEMORY", 9)]


def test_no_leak_patch_where_another_path_brings_alloca_memory() -> None:
    code = """
#include <alloca.h>
#include <stdlib.h>
#include <string.h>
int coin(void);
void fill(void)
{
    char *data = NULL;
    if (coin())
        data = malloc(16);
    else
        data = alloca(16);
    if (data == NULL)
        exit(1);
    strcpy(data, "text");
    if (coin()) {
        ;
    } else {
        free(data);
    }
}
"""
    findings = scan_text(code, "alloca.c").findings
    assert [f.rule for f in findings] == ["LEAK-MEMORY"]
    assert findings[0].patch is None  # a release in the empty branch would free `alloca` memory


def test_allocator_behind_a_pointer_to_a_static_struct_of_macro_named_functions() -> None:
    code = """
#include <stdlib.h>
#define internal_malloc malloc
#define internal_free free
typedef struct hooks { void *(*allocate)(size_t); void (*release)(void *); } hooks;
static hooks global_hooks = { internal_malloc, internal_free };
static void *new_item(const hooks *const with)
{
    return with->allocate(16);
}
void *create(int fail)
{
    void *made = new_item(&global_hooks);
    if (fail)
        return NULL;
    return made;
}
"""
    report = scan_text(code, "hooks.c")
    assert [(f.rule, f.function) for f in report.findings] == [("LEAK-MEMORY", "create")]


@pytest.mark.skipif(
    not asan_compiler_works("g++"), reason="g++ with AddressSanitizer is not available"
)
def test_member_leak_is_released_in_the_destructor(tmp_path: Path) -> None:
    target = tmp_path / "member_never_released.cpp"
    shutil.copyfile(PROGRAMS / "member" / target.name, target)
    assert "LeakSanitizer" in sanitizer_report("g++", target, tmp_path)  # the run can fail
    findings = scan([target], verify=True, jobs=1).findings
    assert [(f.rule, f.function) for f in findings] == [("LEAK-MEMORY", "main")] * 2
    for finding in findings:  # one object dies by `delete`, one at the end of its scope
        assert finding.patch is not None
        changed = [line for line in finding.patch.splitlines()[2:] if line[:1] in "+-"]
        assert changed == ["+    free(text);"]
        verified = finding.verified
        assert (str(verified.reanalysis), str(verified.build), str(verified.run)) == (
            "passed",
            "passed",
            "passed",
        ), verified.details


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("char *out = malloc(n); char *w = out; if (out) *w = 0; return out;", "malloc"),
        ("char *out = (char *)calloc(n, 1); return out;", "calloc"),
        ("char *out = make_buffer(n); return out;", "malloc"),  # a wrapper of a wrapper
        ("char *out = malloc(n); kept = out; return out;", None),  # stored in a global
        ("char *out = malloc(n); free(out); return out;", None),
        ("char *out = malloc(n); return n ? out : NULL;", None),
        ("static char spare[8]; return spare;", None),
    ],
)
def test_allocator_wrappers_are_recognised_from_their_bodies(
    body: str, expected: str | None
) -> None:
    from redline.analysis.leaks.program import Program
    from redline.analysis.parsing import Language, parse_source

    code = f"""
#include <stdlib.h>
char *kept;
static char *make_buffer(size_t n) {{ char *made = malloc(n); return made; }}
char *wrapper(size_t n) {{ {body} }}
"""
    program = Program.from_sources([parse_source(code, Language.C, "w.c")])
    assert program.allocator_name(program.functions["wrapper"][0]) == expected


def test_no_destructor_patch_when_a_constructor_leaves_the_member_unset() -> None:
    code = """
#include <cstdlib>
class Buffer
{
public:
    Buffer(int size) { data = (char *)malloc(size); }
    Buffer() { }
    ~Buffer() { }
private:
    char *data;
};
void run()
{
    Buffer buffer(8);
}
"""
    findings = scan_text(code, "buffer.cpp").findings
    assert [f.rule for f in findings] == ["LEAK-MEMORY"]
    assert findings[0].patch is None  # `Buffer()` would reach the destructor with garbage


def test_allocator_behind_a_global_function_pointer() -> None:
    code = """
#include <stdlib.h>
static void *(*allocate)(size_t size) = malloc;
static void (*release)(void *pointer) = free;
char *make(int fail)
{
    char *made = (char *)allocate(8);
    if (fail)
        return NULL;
    return made;
}
void clean(void)
{
    char *made = (char *)allocate(8);
    release(made);
}
"""
    report = scan_text(code, "pointers.c")
    assert [(f.rule, f.function, f.line) for f in report.findings] == [("LEAK-MEMORY", "make", 9)]


def test_leak_patch_sees_a_release_through_a_macro_on_another_path() -> None:
    code = """
#include <fcntl.h>
#include <unistd.h>
#define CLOSE close
int coin(void);
void keep(void)
{
    int fd = open("data.txt", O_RDONLY);
    if (coin()) {
        ;
    } else {
        CLOSE(fd);
    }
}
"""
    (finding,) = scan_text(code, "macro.c").findings
    assert finding.patch is not None
    patched, applied = apply_diffs(code, [finding.patch])
    assert applied == 1
    lines = [line.strip() for line in patched.splitlines()]
    assert lines.index("close(fd);") < lines.index("} else {")  # in the branch that leaked
    assert scan_text(patched, "macro.c").findings == ()
