"""Patches for leaks: the smallest edit, in the file's own style, as a unified diff.

Strategies, chosen from how the last reference was lost:
- an early `return` (or a `continue` in a loop): release just before it, bracing a lone
  statement when needed;
- the end of the function: release after the last statement;
- `p = realloc(p, n)` failing: the temporary idiom (`tmp = realloc(p, n); if (!tmp) free(p);
  p = tmp;`);
- the only pointer overwritten: release before the overwriting statement;
- double releases and uses after release: see `misuse_patches`.
When no strategy is certain (the returned expression still reads the pointer, nothing names
it, a struct held it), no patch is offered. `apply_patches` applies diffs this module made.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from redline.analysis.leaks.events import Event, EventKind, LossKind
from redline.analysis.leaks.program import descendants
from redline.analysis.leaks.resources import RELEASERS, ResourceKind
from redline.analysis.repomodel.releases import RELEASE_OPERATORS

if TYPE_CHECKING:
    from collections.abc import Mapping

    from tree_sitter import Node

    from redline.analysis.leaks.program import FunctionDef, Program

# Every call or operator that releases what it is given (`free`, `fclose`, `delete`, ...).
RELEASE_NAMES: frozenset[str] = frozenset(RELEASERS) | RELEASE_OPERATORS

# Releasers that must not be given NULL (unlike `free`).
_NULL_UNSAFE = frozenset(
    {ResourceKind.FILE, ResourceKind.DIRECTORY, ResourceKind.PIPE, ResourceKind.ADDRINFO}
)
_HOLDER = re.compile(r"^[A-Za-z_]\w*(?:\.\w+|\[\d+\])*$")


@dataclass(frozen=True)
class Edit:
    """Replace source bytes [start, end) with `text`."""

    start: int
    end: int
    text: str


def release_statement(kind: ResourceKind, holder: str) -> str:
    """The statement that releases `holder`, e.g. `free(p);` or `delete[] p;`."""
    if kind is ResourceKind.NEW:
        return f"delete {holder};"
    if kind is ResourceKind.NEW_ARRAY:
        return f"delete[] {holder};"
    return f"{kind.releaser}({holder});"


def patch_for(event: Event, program: Program | None = None) -> str | None:
    """A unified diff fixing an event, or None when no fix is certain.

    `program` lets a patch look at other functions: what a callee does (`misuse_patches`), the
    destructor of a class whose member leaks (`member_patches`).
    """
    if event.kind in (EventKind.DOUBLE_RELEASE, EventKind.USE_AFTER_RELEASE):
        from redline.analysis.leaks.misuse_patches import patch_misuse

        return patch_misuse(event, program.resolve if program is not None else None)
    if event.kind is not EventKind.LEAK:
        return None
    if program is not None:
        from redline.analysis.leaks.member_patches import release_in_destructor

        in_destructor = release_in_destructor(event, program)
        if in_destructor is not None:
            return in_destructor
    if event.frame is None or event.loss_node is None:
        return None
    source = event.frame.source.source
    edit = _edit_for(event, source, program.macros if program is not None else {})
    if edit is None:
        return None
    return unified_diff(event.file, source, [edit])


def _edit_for(event: Event, source: bytes, macros: Mapping[str, str]) -> Edit | None:
    assert event.frame is not None and event.loss_node is not None
    if event.realloc_node is not None:
        return _realloc_idiom(event.realloc_node, source)
    holder = next((h for h in event.holders if _HOLDER.match(h)), None)
    if holder is None or ("." in holder and event.frame.source.language.value == "cpp"):
        return None  # nothing names it, or a C++ member (likely private) holds it
    if may_hold_unowned(event.frame, holder):
        return None  # on another path it holds the stack or `alloca`: a release there is wrong
    release = release_statement(event.site.kind, holder)
    if not event.checked and event.site.kind in _NULL_UNSAFE:
        release = f"if ({holder} != NULL) {{ {release} }}"
    node = event.loss_node
    if event.continue_node is not None:
        return _insert_before(event.continue_node, release, source)
    if event.loss in (LossKind.RETURN, LossKind.END) and event.branches:
        body = event.frame.body
        releasers = set(RELEASE_NAMES)
        # Through the file's macros too (`#define CLOSE close`).
        releasers |= {m for m, target in macros.items() if target in releasers}
        names = "|".join(sorted(map(re.escape, releasers)))
        released_elsewhere = body is not None and re.search(
            rf"\b({names})\b[\s(\[\]]*{re.escape(holder)}\b", node_text(body, source)
        )
        if released_elsewhere:
            # Another path releases it: release on this path only, in the block it took.
            return append_to_block(event.branches[0], release, source)
    if event.loss is LossKind.RETURN:
        if re.search(
            rf"\b{re.escape(holder.split('.')[0].split('[')[0])}\b", node_text(node, source)
        ):
            return None  # the returned value still reads it
        return _insert_before(node, release, source)
    if event.loss is LossKind.END:
        body = event.frame.body
        if body is None:
            return None
        statements = [c for c in body.named_children if c.type != "comment"]
        if not statements:
            return None
        last = statements[-1]
        if last.type == "return_statement":
            return _insert_before(last, release, source)
        return _append_after(last, release, source)
    if event.loss is LossKind.OVERWRITE:
        if event.continue_node is not None:
            return _insert_before(event.continue_node, release, source)
        return _insert_before(node, release, source)
    return None


_STACK_VALUE = re.compile(
    r"^(?:\([^()]*\)\s*)*(?:&|\"|\w*alloca\w*\s*\(|__builtin_alloca\b)", re.IGNORECASE
)


def may_hold_unowned(function: FunctionDef, holder: str) -> bool:
    """Somewhere in `function`, `holder` is given stack memory: `alloca`, `&x`, a local array
    or a string literal. Releasing it where such a path may arrive would free what no
    allocator gave."""
    body = function.body
    if body is None:
        return False
    text = function.source.text(body)
    name = re.escape(holder)
    arrays = set()
    for declarator in descendants(body, "array_declarator"):
        inner = declarator.child_by_field_name("declarator")
        if inner is not None and inner.type == "identifier":
            arrays.add(function.source.text(inner))
    for value in re.findall(rf"(?<![\w.>*])\b{name}\s*=(?!=)\s*([^;]*);", text):
        value = value.strip()
        bare = re.sub(r"^(?:\([^()]*\)\s*)*", "", value)
        if _STACK_VALUE.match(value) or bare in arrays:
            return True
    return False


_JUMPS = ("return_statement", "break_statement", "continue_statement", "goto_statement")


def has_jump(node: Node) -> bool:
    """The statement returns, breaks, continues or jumps somewhere inside."""
    if node.type in _JUMPS:
        return True
    return any(has_jump(child) for child in node.named_children)


def insert_after(node: Node, statement: str, source: bytes) -> Edit:
    """Put `statement` on its own line after `node`, bracing a lone `if`/loop body."""
    parent = node.parent
    if parent is not None and parent.type in ("compound_statement", "case_statement"):
        indent = indent_of(node, source)
        line_end = source.find(b"\n", node.end_byte)
        line_end = len(source) if line_end < 0 else line_end
        if not source[node.end_byte : line_end].strip():
            return Edit(line_end, line_end, f"\n{indent}{statement}")
        return Edit(node.end_byte, node.end_byte, f" {statement}")
    owner = parent if parent is not None else node
    indent = indent_of(owner, source)
    inner = indent + _indent_unit(source)
    body = node_text(node, source)
    start = node.start_byte
    line_start = source.rfind(b"\n", 0, start)
    if line_start >= 0 and not source[line_start + 1 : start].strip():
        start = line_start  # on its own line: open the brace where the `if` line ends
        while start > 0 and source[start - 1 : start] in (b" ", b"\t", b"\r"):
            start -= 1
    opening = " {" if start != node.start_byte else "{"
    return Edit(start, node.end_byte, f"{opening}\n{inner}{body}\n{inner}{statement}\n{indent}}}")


def _append_after(last: Node, statement: str, source: bytes) -> Edit:
    """Put `statement` on a new line after `last`, past a comment that ends `last`'s line."""
    indent = indent_of(last, source)
    line_end = source.find(b"\n", last.end_byte)
    line_end = len(source) if line_end < 0 else line_end
    rest_of_line = source[last.end_byte : line_end].strip()
    if rest_of_line.startswith((b"/*", b"//")) or not rest_of_line:
        return Edit(line_end, line_end, f"\n{indent}{statement}")
    return Edit(last.end_byte, last.end_byte, f"\n{indent}{statement}")


def append_to_block(block: Node, statement: str, source: bytes) -> Edit | None:
    """Release at the end of the block a path took (before its `return`, if it ends in one)."""
    if block.type != "compound_statement":
        if block.type == "return_statement":
            return _insert_before(block, statement, source)
        indent = indent_of(block.parent if block.parent is not None else block, source)
        inner = indent + _indent_unit(source)
        body = node_text(block, source)
        return Edit(
            block.start_byte,
            block.end_byte,
            f"{{\n{inner}{body}\n{inner}{statement}\n{indent}}}",
        )
    statements = [c for c in block.named_children if c.type != "comment"]
    if statements and statements[-1].type in ("return_statement", "break_statement"):
        return _insert_before(statements[-1], statement, source)
    if statements:
        return _append_after(statements[-1], statement, source)
    close = block.end_byte - 1
    indent = indent_of(block, source)
    return Edit(close, close, f"{_indent_unit(source)}{statement}\n{indent}")


def node_text(node: Node, source: bytes) -> str:
    """The source text of a node."""
    return source[node.start_byte : node.end_byte].decode("utf-8", "replace")


def indent_of(node: Node, source: bytes) -> str:
    """The whitespace that starts the line `node` is on."""
    line_start = source.rfind(b"\n", 0, node.start_byte) + 1
    prefix = source[line_start : node.start_byte].decode("utf-8", "replace")
    return prefix if not prefix.strip() else re.match(r"\s*", prefix).group(0)  # type: ignore[union-attr]


def _indent_unit(source: bytes) -> str:
    match = re.search(rb"\n(\t| {2,8})\S", source)
    return match.group(1).decode() if match else "    "


def _insert_before(node: Node, statement: str, source: bytes) -> Edit:
    parent = node.parent
    if parent is not None and parent.type in ("compound_statement", "case_statement"):
        line_start = source.rfind(b"\n", 0, node.start_byte) + 1
        if not source[line_start : node.start_byte].strip():
            indent = source[line_start : node.start_byte].decode()
            return Edit(line_start, line_start, f"{indent}{statement}\n")
        return Edit(node.start_byte, node.start_byte, f"{statement} ")
    # A lone statement under `if`/`else`/a loop: give it braces.
    owner = parent if parent is not None else node
    indent = indent_of(owner, source)
    unit = _indent_unit(source)
    body = node_text(node, source)
    inner = indent + unit
    line_start = source.rfind(b"\n", 0, node.start_byte)
    own_line = line_start >= 0 and not source[line_start + 1 : node.start_byte].strip()
    if own_line:
        start = line_start
        while start > 0 and source[start - 1 : start] in (b" ", b"\t", b"\r"):
            start -= 1
        replacement = f" {{\n{inner}{statement}\n{inner}{body}\n{indent}}}"
        return Edit(start, node.end_byte, replacement)
    replacement = f"{{\n{inner}{statement}\n{inner}{body}\n{indent}}}"
    return Edit(node.start_byte, node.end_byte, replacement)


def _realloc_idiom(statement: Node, source: bytes) -> Edit | None:
    text = node_text(statement, source)
    match = re.match(
        r"^(?P<lhs>[A-Za-z_][\w.\->\[\]]*)\s*=\s*(?P<cast>\([^()]*\*\s*\))?\s*(?P<call>\w*realloc\w*\s*\(.*\))\s*;$",
        text,
        re.S,
    )
    if match is None:
        return None
    lhs, cast, call = match.group("lhs"), match.group("cast") or "", match.group("call")
    pointer_type = cast.strip("()").strip() if cast else _declared_type(statement, lhs, source)
    base = re.sub(r"\W+", "_", lhs).strip("_")
    temporary = f"{base}_resized"
    indent = indent_of(statement, source)
    unit = _indent_unit(source)
    lines = [
        f"{pointer_type} {temporary} = {cast}{call};".replace("* ", "*", 1)
        if pointer_type.endswith("*")
        else f"{pointer_type} {temporary} = {cast}{call};",
        f"{indent}if ({temporary} == NULL) {{",
        f"{indent}{unit}free({lhs});",
        f"{indent}}}",
        f"{indent}{lhs} = {temporary};",
    ]
    replacement = "\n".join(lines)
    parent = statement.parent
    if parent is not None and parent.type not in ("compound_statement", "case_statement"):
        owner_indent = indent_of(parent, source)
        inner = "\n".join(f"{owner_indent}{unit}{line.strip()}" for line in lines)
        replacement = f"{{\n{inner}\n{owner_indent}}}"
    return Edit(statement.start_byte, statement.end_byte, replacement)


def _declared_type(statement: Node, name: str, source: bytes) -> str:
    text = source.decode("utf-8", "replace")
    match = re.search(
        rf"([A-Za-z_][\w\s]*?)\s*(\*+)\s*{re.escape(name)}\s*[;=,)]", text[: statement.start_byte]
    )
    if match:
        return f"{' '.join(match.group(1).split())} {match.group(2)}"
    return "void *"


def unified_diff(path: str, source: bytes, edits: list[Edit]) -> str:
    """The unified diff of applying `edits` to `source` (the file at `path`)."""
    before = source.decode("utf-8", "replace")
    after_bytes = source
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        after_bytes = after_bytes[: edit.start] + edit.text.encode() + after_bytes[edit.end :]
    after = after_bytes.decode("utf-8", "replace")
    name = path.lstrip("/")
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{name}",
        tofile=f"b/{name}",
        n=2,
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


@dataclass(frozen=True)
class Hunk:
    """One hunk of a unified diff: where it starts in the old file, old and new lines."""

    start: int
    old: tuple[str, ...]
    new: tuple[str, ...]


def parse_diff(diff: str) -> tuple[str, list[Hunk]]:
    """The target path (without the `b/` prefix) and the hunks of a diff from `unified_diff`."""
    path = ""
    hunks: list[Hunk] = []
    old: list[str] = []
    new: list[str] = []
    start = 0
    in_hunk = False
    for line in diff.splitlines(keepends=True):
        if line.startswith("+++ "):
            path = line[4:].strip()
            path = path[2:] if path.startswith("b/") else path
            continue
        if line.startswith("--- "):
            continue
        match = _HUNK.match(line)
        if match:
            if in_hunk:
                hunks.append(Hunk(start, tuple(old), tuple(new)))
            start, old, new, in_hunk = int(match.group(1)), [], [], True
            continue
        if not in_hunk:
            continue
        body = line[1:]
        if line.startswith(" "):
            old.append(body)
            new.append(body)
        elif line.startswith("-"):
            old.append(body)
        elif line.startswith("+"):
            new.append(body)
    if in_hunk:
        hunks.append(Hunk(start, tuple(old), tuple(new)))
    return path, hunks


def apply_diffs(text: str, diffs: list[str]) -> tuple[str, int]:
    """Apply diffs (all made against `text`) bottom-up; how many applied cleanly."""
    lines = text.splitlines(keepends=True)
    hunks: list[tuple[Hunk, int]] = []
    for index, diff in enumerate(diffs):
        hunks.extend((hunk, index) for hunk in parse_diff(diff)[1])
    applied: set[int] = set()
    failed: set[int] = set()
    taken_until = len(lines) + 1
    for hunk, index in sorted(hunks, key=lambda h: h[0].start, reverse=True):
        begin = max(hunk.start - 1, 0) if hunk.old else hunk.start
        end = begin + len(hunk.old)
        if end > taken_until or tuple(lines[begin:end]) != hunk.old or index in failed:
            failed.add(index)
            continue
        lines[begin:end] = list(hunk.new)
        taken_until = begin
        applied.add(index)
    return "".join(lines), len(applied - failed)


def apply_to_tree(diffs: list[str], root: Path | None = None) -> dict[str, int]:
    """Write diffs to the files they name (relative to `root` or absolute); count per file."""
    by_file: dict[str, list[str]] = {}
    for diff in diffs:
        path, _ = parse_diff(diff)
        by_file.setdefault(path, []).append(diff)
    written: dict[str, int] = {}
    for path, group in by_file.items():
        target = Path(path) if root is None else root / path
        if not target.exists() and Path("/" + path).exists():
            target = Path("/" + path)
        text = target.read_bytes().decode("utf-8", errors="replace")  # keep CRLF as it is
        patched, count = apply_diffs(text, group)
        if count:
            target.write_bytes(patched.encode("utf-8"))
        written[str(target)] = count
    return written
