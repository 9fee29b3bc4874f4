"""Patches for a member a constructor acquires and the destructor never releases.

`C::C() { data = malloc(n); }` with `C::~C() { }` leaks `data` whenever a `C` dies, on the
stack or by `delete`. The fix belongs to the class, not to each place an object dies: release
the member at the end of the destructor. Offered only when it is right for every object:
every constructor (copy constructors too) assigns the member on every path, no method releases
it already, and a destructor with a body exists.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from redline.analysis.leaks.events import Event, EventKind, LossKind
from redline.analysis.leaks.patches import (
    append_to_block,
    node_text,
    release_statement,
    unified_diff,
)
from redline.analysis.leaks.program import descendants

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
    name = event.site.function.split("::")[-1]
    acquiring = [
        f
        for f in program.functions.get(name, ())
        if f.file == event.site.file and f.line <= event.site.line <= f.end_line
    ]
    if len(acquiring) != 1 or acquiring[0].body is None or not _is_constructor(acquiring[0]):
        return None  # not acquired in a constructor
    cls = name
    constructors = [f for f in program.functions.get(cls, ()) if _is_constructor(f)]
    member = _member_acquired(acquiring[0], event.site.line)
    destructor = program.resolve_method(cls, f"~{cls}")
    if member is None or destructor is None or destructor.body is None:
        return None
    for constructor in constructors:
        body = constructor.body
        if body is None or not _assigns_on_every_path(body, member, constructor.source.source):
            return None  # some object may reach the destructor without the member set
    releases = re.compile(rf"\b(?:free|delete)\b[\s(\[\]]*(?:this\s*->\s*)?{re.escape(member)}\b")
    methods = [f for f in program.all_functions() if _belongs_to(f, cls) and f.body is not None]
    if any(releases.search(m.source.text(m.body)) for m in methods if m.body is not None):
        return None
    source = destructor.source.source
    edit = append_to_block(destructor.body, release_statement(event.site.kind, member), source)
    return None if edit is None else unified_diff(destructor.file, source, [edit])


def _is_constructor(function: FunctionDef) -> bool:
    parts = function.qualified.split("::")
    return function.owner_class == function.name or (len(parts) > 1 and parts[-1] == parts[-2])


def _belongs_to(function: FunctionDef, cls: str) -> bool:
    return function.owner_class == cls or f"{cls}::" in function.qualified


def _member_acquired(constructor: FunctionDef, line: int) -> str | None:
    """The member the constructor's statement on `line` assigns (not a local or parameter)."""
    body = constructor.body
    assert body is not None
    source = constructor.source.source
    locals_and_parameters = set(constructor.parameters())
    for declaration in descendants(body, "declaration"):
        locals_and_parameters.update(re.findall(r"\w+", node_text(declaration, source)))
    for statement in descendants(body, "expression_statement"):
        if statement.start_point[0] + 1 != line:
            continue
        name = _assigned_member(statement, source)
        through_this = node_text(statement, source).replace(" ", "").startswith("this->")
        if name is None or (name in locals_and_parameters and not through_this):
            return None
        return name
    return None


def _assigned_member(statement: Node, source: bytes) -> str | None:
    assignment = statement.named_children[0] if statement.named_children else None
    if assignment is None or assignment.type != "assignment_expression":
        return None
    left = assignment.child_by_field_name("left")
    if left is None:
        return None
    name = node_text(left, source).replace(" ", "").removeprefix("this->")
    return name if name.isidentifier() else None


def _assigns_on_every_path(block: Node, member: str, source: bytes) -> bool:
    """Every path through `block` assigns `member`: a statement of it does, or an `if` whose
    branches both do."""
    for statement in block.named_children:
        if statement.type == "expression_statement":
            if _assigned_member(statement, source) == member:
                return True
        elif statement.type == "if_statement":
            consequence = statement.child_by_field_name("consequence")
            alternative = statement.child_by_field_name("alternative")
            branches = [consequence, alternative]
            if all(b is not None and _branch_assigns(b, member, source) for b in branches):
                return True
        elif statement.type in ("return_statement", "goto_statement", "throw_statement"):
            return False
    return False


def _branch_assigns(branch: Node, member: str, source: bytes) -> bool:
    if branch.type == "else_clause":
        inner = [c for c in branch.named_children if c.type != "comment"]
        return bool(inner) and _branch_assigns(inner[0], member, source)
    if branch.type == "compound_statement":
        return _assigns_on_every_path(branch, member, source)
    return branch.type == "expression_statement" and _assigned_member(branch, source) == member
