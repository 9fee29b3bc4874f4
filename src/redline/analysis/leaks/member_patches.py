"""Patches for a member a constructor acquires and the destructor never releases.

`C::C() { data = malloc(n); }` with `C::~C() { }` leaks `data` whenever a `C` dies, on the
stack or by `delete`. The fix belongs to the class, not to each place an object dies: release
the member at the end of the destructor. Offered only when it is right for every object:
the class has that one constructor, which acquires the member unconditionally (a statement of
its body), no method releases the member already, and a destructor with a body exists.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from redline.analysis.leaks.events import Event, EventKind, LossKind
from redline.analysis.leaks.patches import (
    Edit,
    indent_of,
    node_text,
    release_statement,
    unified_diff,
)

if TYPE_CHECKING:
    from tree_sitter import Node

    from redline.analysis.leaks.program import FunctionDef, Program


def release_in_destructor(event: Event, program: Program) -> str | None:
    """A diff releasing the leaked member in its class's destructor, or None."""
    if event.kind is not EventKind.LEAK:
        return None
    held_as_member = any(re.search(r"(?:\.|->)\w+$", h) for h in event.holders)
    if event.loss is not LossKind.CONTAINER_RELEASED and not held_as_member:
        return None
    parts = event.site.function.split("::")
    if len(parts) < 2 or parts[-1] != parts[-2]:
        return None  # not acquired in a constructor
    cls = parts[-1]
    constructors = [
        f
        for f in program.functions.get(cls, ())
        if f.qualified.endswith(f"{cls}::{cls}") or f.owner_class == cls
    ]
    if len(constructors) != 1 or constructors[0].body is None:
        return None
    member = _member_acquired(constructors[0], event.site.line)
    destructor = program.resolve_method(cls, f"~{cls}")
    if member is None or destructor is None or destructor.body is None:
        return None
    releases = re.compile(
        rf"\b(?:free|delete|realloc)\b[\s(\[\]]*(?:this\s*->\s*)?{re.escape(member)}\b"
    )
    methods = [f for f in program.all_functions() if _belongs_to(f, cls) and f.body is not None]
    if any(releases.search(m.source.text(m.body)) for m in methods if m.body is not None):
        return None
    source = destructor.source.source
    edit = _append_to_body(destructor.body, release_statement(event.site.kind, member), source)
    return unified_diff(destructor.file, source, [edit])


def _belongs_to(function: FunctionDef, cls: str) -> bool:
    return function.owner_class == cls or f"{cls}::" in function.qualified


def _member_acquired(constructor: FunctionDef, line: int) -> str | None:
    """The member a plain statement of the constructor's body assigns on `line`."""
    body = constructor.body
    assert body is not None
    source = constructor.source.source
    locals_and_parameters = set(constructor.parameters())
    for statement in body.named_children:
        if statement.type == "declaration":
            locals_and_parameters.update(re.findall(r"\w+", node_text(statement, source)))
        if statement.type != "expression_statement" or statement.start_point[0] + 1 != line:
            continue
        assignment = statement.named_children[0] if statement.named_children else None
        if assignment is None or assignment.type != "assignment_expression":
            return None
        left = assignment.child_by_field_name("left")
        if left is None:
            return None
        name = node_text(left, source).replace(" ", "")
        name = name.removeprefix("this->")
        if not name.isidentifier() or name in locals_and_parameters:
            return None
        return name
    return None


def _append_to_body(body: Node, statement: str, source: bytes) -> Edit:
    statements = [c for c in body.named_children if c.type != "comment"]
    if statements:
        last = statements[-1]
        line_end = source.find(b"\n", last.end_byte)
        line_end = len(source) if line_end < 0 else line_end
        return Edit(line_end, line_end, f"\n{indent_of(last, source)}{statement}")
    closing = body.end_byte - 1
    indent = indent_of(body, source)
    return Edit(closing, closing, f"    {statement}\n{indent}")
