"""Patches for double releases and uses after release, chosen to be right on every path.

Strategies, in the order they are tried:
- a double release whose two releases read one variable: null it after the first release, so
  the second gets NULL (`free`, `delete` and `delete[]` accept it);
- a double release whose second release happens, unconditionally, inside a call made straight
  after the first (the value passed on through a global, a struct, an array or a pointer):
  drop the first release, the callee keeps releasing it on every path;
- a use after release in the releasing function: move the release below the last statement of
  the enclosing block that names the variable, or drop it when that block releases the variable
  again later on every path. When the release was conditional, the variable may only ever hold
  NULL or memory from an allocator, so the moved release never frees the stack or `alloca`;
- a use after release of a value a static helper released and then returned: keep it alive in
  the helper and release it in the only caller, after its last use.
Each strategy refuses (returns None) when a jump, a reassignment, another release or a call
that may write the variable through its address lies on the way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from redline.analysis.leaks.events import Event, EventKind
from redline.analysis.leaks.patches import (
    RELEASE_NAMES,
    Edit,
    has_jump,
    indent_of,
    insert_after,
    may_hold_unowned,
    node_text,
    release_statement,
    unified_diff,
)
from redline.analysis.leaks.program import descendants
from redline.analysis.leaks.resources import ResourceKind

if TYPE_CHECKING:
    from tree_sitter import Node

    from redline.analysis.leaks.program import FunctionDef

Resolver = Callable[[str, str], "FunctionDef | None"]
Level = tuple["FunctionDef", "Node", "Node"]

_NULL_SAFE = (ResourceKind.MEMORY, ResourceKind.NEW, ResourceKind.NEW_ARRAY)
_ALLOCATION = re.compile(
    r"^(?:\([^()]*\)\s*)*(?:NULL|0|nullptr|new\b.*|\w*(?:malloc|calloc|realloc|strdup|strndup)"
    r"\s*\(.*)$",
    re.S,
)
_STRAIGHT = ("expression_statement", "declaration", "comment")


def patch_misuse(event: Event, resolve: Resolver | None = None) -> str | None:
    """A unified diff fixing a double release or a use after release, or None."""
    if event.kind is EventKind.DOUBLE_RELEASE:
        return _null_after_release(event) or _drop_first_release(event)
    if event.kind is EventKind.USE_AFTER_RELEASE:
        return _move_release_below_uses(event, resolve) or _keep_returned_value(event)
    return None


# ---------------------------------------------------------------- double release
def _null_after_release(event: Event) -> str | None:
    """Null the variable right after its first release, so the second becomes a no-op.

    Offered only when the releaser accepts NULL (`free`, `delete`, `delete[]`), the first
    release is a statement of its own, and the engine showed that the second release reads
    that same variable (see `first_releases`); a release inside a helper is undone at the call
    that passed the variable.
    """
    if event.site.kind not in _NULL_SAFE:
        return None
    for function, first, argument in event.first_releases:
        source = function.source.source
        statement = first.parent
        if statement is None or statement.type != "expression_statement":
            continue
        null = "nullptr" if b"nullptr" in source else "NULL"
        edit = insert_after(statement, f"{node_text(argument, source)} = {null};", source)
        return unified_diff(function.file, source, [edit])
    return None


def _drop_first_release(event: Event) -> str | None:
    """Drop the first release when the second certainly follows it on every path.

    Both must sit in one block with only plain statements between them, and the second is
    either a release statement there or a call whose callee releases, before anything
    conditional, the value it was given.
    """
    frame, at = event.frame, event.loss_node
    first = next((level for level in event.released_by if level[0] is frame), None)
    if frame is None or at is None or first is None or not event.second_release:
        return None
    function, call, _ = first
    source = function.source.source
    first_statement = call.parent
    block = first_statement.parent if first_statement is not None else None
    if first_statement is None or first_statement.type != "expression_statement":
        return None
    if block is None or block.type != "compound_statement":
        return None
    statements = _statements(block)
    second_statement = _child_within(block, at)
    if second_statement is None or second_statement.type != "expression_statement":
        return None
    begin, end = _index(statements, first_statement), _index(statements, second_statement)
    if begin is None or end is None or end <= begin:
        return None
    for statement in statements[begin + 1 : end]:
        if statement.type not in _STRAIGHT or has_jump(statement):
            return None
    releaser, released, _ = event.second_release[0]
    if released.id != at.id:
        callee = at.child_by_field_name("function") if at.type == "call_expression" else None
        if callee is None or node_text(callee, source) != releaser.name:
            return None  # released deeper than the direct callee: not certain from here
        if not _released_unconditionally(releaser, released):
            return None
    elif not _outermost(at, second_statement):
        return None
    removal = _remove_line(first_statement, source)
    return None if removal is None else unified_diff(function.file, source, [removal])


def _released_unconditionally(function: FunctionDef, release: Node) -> bool:
    """The release is a statement of the body, after only plain statements."""
    body = function.body
    statement = release.parent
    if body is None or statement is None or statement.parent is None:
        return False
    if statement.type != "expression_statement" or statement.parent.id != body.id:
        return False
    for before in _statements(body):
        if before.id == statement.id:
            return True
        if before.type not in _STRAIGHT or has_jump(before):
            return False
    return False


def _outermost(node: Node, statement: Node) -> bool:
    """`node` is the whole expression of `statement` (not under a condition)."""
    return bool(statement.named_children) and statement.named_children[0].id == node.id


# ---------------------------------------------------------------- use after release
def _move_release_below_uses(event: Event, resolve: Resolver | None) -> str | None:
    """Move the release below the last use in the block both share (or drop it for a later one).

    The release may sit in a branch of that block's statement (`if (...) { ...; free(p); }`):
    it then moves to the shared block, which is right on every path only when the variable
    holds NULL or allocated memory wherever it is set, and nothing else releases it.
    """
    frame, use = event.frame, event.loss_node
    level = next((lv for lv in event.released_by if lv[0] is frame), None)
    if frame is None or use is None or level is None:
        return None
    _, call, argument = level
    source = frame.source.source
    release = call.parent
    if argument.type != "identifier" or release is None or release.type != "expression_statement":
        return None
    if release.parent is None or release.parent.type not in (
        "compound_statement",
        "case_statement",
    ):
        return None
    holder = node_text(argument, source)
    block = _shared_block(release, use)
    if block is None:
        return None
    statements = _statements(block)
    release_top, use_top = _child_within(block, release), _child_within(block, use)
    if release_top is None or use_top is None:
        return None
    begin, used = _index(statements, release_top), _index(statements, use_top)
    if begin is None or used is None or used <= begin:
        return None
    branch = _rest_of_branch(release, block)
    if branch is None:
        return None
    on_the_way, conditional = branch
    names = re.compile(rf"\b{re.escape(holder)}\b")
    releases = _release_pattern(holder)
    last, later = used, None
    for index in range(used + 1, len(statements)):
        text = node_text(statements[index], source)
        if releases.search(text):
            if not _is_plain_release(statements[index], holder, source):
                return None
            later = index
            break
        if names.search(text):
            last = index
    stop = later if later is not None else last + 1
    for statement, boundary in on_the_way:
        if not _keeps(statement, holder, source, frame, resolve, boundary):
            return None
    for index in range(begin + 1, stop):
        statement = statements[index]
        following = statements[index + 1] if index + 1 < len(statements) else None
        if statement.type == "labeled_statement":
            conditional = True  # a `goto` elsewhere may enter here without the release
        if _goto_next(statement, following, source):
            continue
        if not _keeps(statement, holder, source, frame, resolve, statement):
            return None
    if later is None and conditional and not _only_allocated(frame, holder, block, release_top):
        return None
    removal = _remove_line(release, source)
    if removal is None:
        return None
    edits = [removal]
    if later is None:
        target = statements[last]
        if target.type == "return_statement":
            return None
        edits.append(_after_line(target, node_text(release, source), source, _indent_in(block)))
    return unified_diff(frame.file, source, edits)


def _keep_returned_value(event: Event) -> str | None:
    """A static helper releases a value and returns it: keep it, release it in the caller.

    Only when the helper is called once, from the function that uses the value, which stores
    the result in a variable; every `return` of the helper gives that value or NULL.
    """
    frame, use = event.frame, event.loss_node
    if frame is None or use is None or not event.released_by:
        return None
    helper, call, argument = event.released_by[0]
    if helper is frame or not helper.static or helper.source is not frame.source:
        return None
    source = frame.source.source
    holder = node_text(argument, source)
    release = call.parent
    if argument.type != "identifier" or release is None or release.type != "expression_statement":
        return None
    if not _returns_only(helper, holder):
        return None
    calls = [c for c in _calls_named(frame.source.tree.root_node, helper.name, source)]
    if len(calls) != 1 or not _within(calls[0], frame.node):
        return None
    kept = _assigned_variable(calls[0], source)
    if kept is None:
        return None
    variable, statement = kept
    block = statement.parent
    if block is None or block.type != "compound_statement" or not _within(use, block):
        return None
    statements = _statements(block)
    begin = _index(statements, statement)
    if begin is None:
        return None
    names = re.compile(rf"\b{re.escape(variable)}\b")
    later = [
        i
        for i in range(begin + 1, len(statements))
        if names.search(node_text(statements[i], source))
    ]
    if not later or any(
        not _keeps(s, variable, source, frame, None) for s in statements[begin + 1 : later[-1] + 1]
    ):
        return None
    if statements[later[-1]].type == "return_statement":
        return None
    removal = _remove_line(release, source)
    if removal is None:
        return None
    released = release_statement(event.site.kind, variable)
    insertion = _after_line(statements[later[-1]], released, source)
    return unified_diff(frame.file, source, [removal, insertion])


# ---------------------------------------------------------------- syntax helpers
def _statements(block: Node) -> list[Node]:
    return [c for c in block.named_children if c.type != "comment"]


def _index(statements: list[Node], node: Node) -> int | None:
    return next((i for i, s in enumerate(statements) if s.id == node.id), None)


def _within(node: Node, outer: Node) -> bool:
    at: Node | None = node
    while at is not None:
        if at.id == outer.id:
            return True
        at = at.parent
    return False


def _child_within(block: Node, node: Node) -> Node | None:
    """The statement of `block` that contains `node`."""
    at: Node | None = node
    while at is not None and at.parent is not None and at.parent.id != block.id:
        at = at.parent
    return at if at is not None and at.parent is not None else None


def _shared_block(one: Node, other: Node) -> Node | None:
    """The innermost compound statement containing both nodes."""
    at = one.parent
    while at is not None:
        if at.type == "compound_statement" and _within(other, at):
            return at
        at = at.parent
    return None


def _rest_of_branch(release: Node, block: Node) -> tuple[list[tuple[Node, Node]], bool] | None:
    """What runs after `release` until control is back in `block`; whether that was certain.

    Each statement comes with the outermost statement its jumps may stay inside (a `break`
    ending a loop that runs once or a `switch` case). None when the release might run more
    than once (a loop that may repeat) or a case falls through.
    """
    rest: list[tuple[Node, Node]] = []
    conditional = False
    outermost = _child_within(block, release)
    if outermost is None:
        return None
    at = release
    while at.parent is not None and at.parent.id != block.id:
        parent = at.parent
        grand = parent.parent
        if parent.type == "compound_statement" and (
            grand is None or grand.type != "switch_statement"
        ):
            statements = _statements(parent)
            position = _index(statements, at)
            rest += [(s, outermost) for s in statements[(position or 0) + 1 :]]
        elif parent.type == "case_statement":
            statements = _case_statements(parent)
            position = _index(statements, at)
            if not statements or statements[-1].type != "break_statement":
                return None  # falls through into the next case
            rest += [(s, outermost) for s in statements[(position or 0) + 1 :]]
            conditional = True
        elif parent.type in (
            "if_statement",
            "else_clause",
            "switch_statement",
            "labeled_statement",
        ):
            conditional = True
        elif parent.type == "compound_statement":
            pass  # a switch body: the case above ended in `break`
        elif parent.type in _LOOPS and _runs_at_most_once(parent):
            conditional = True
        else:
            return None
        at = parent
    return rest, conditional


_LOOPS = ("while_statement", "for_statement", "do_statement")


def _case_statements(case: Node) -> list[Node]:
    value = case.child_by_field_name("value")
    return [
        c
        for c in case.named_children
        if c.type != "comment" and (value is None or c.id != value.id)
    ]


def _runs_at_most_once(loop: Node) -> bool:
    """The body ends in `break` and never continues, or the header counts from 0 below 1."""
    header = re.sub(r"\s+", "", (loop.text or b"").decode("utf-8", "replace").split("{", 1)[0])
    if loop.type == "for_statement" and re.fullmatch(
        r"for\((\w+)=0;\1<1;(?:\1\+\+|\+\+\1)\)", header
    ):
        return not _continues(loop.child_by_field_name("body"), loop)
    body = loop.child_by_field_name("body")
    if body is None or body.type != "compound_statement":
        return False
    statements = _statements(body)
    return (
        bool(statements) and statements[-1].type == "break_statement" and not _continues(body, loop)
    )


def _continues(body: Node | None, loop: Node) -> bool:
    if body is None:
        return False
    targets = (_target(jump) for jump in descendants(body, "continue_statement"))
    return any(target is not None and target.id == loop.id for target in targets)


def _target(jump: Node) -> Node | None:
    """The loop (or, for `break`, the switch) a `break`/`continue` leaves."""
    kinds = _LOOPS if jump.type == "continue_statement" else (*_LOOPS, "switch_statement")
    at = jump.parent
    while at is not None and at.type not in kinds:
        if at.type == "function_definition":
            return None
        at = at.parent
    return at


def _leaves(statement: Node, boundary: Node) -> bool:
    """Some jump in `statement` takes control out of `boundary`."""
    for kind in ("return_statement", "goto_statement"):
        if descendants(statement, kind):
            return True
    for kind in ("break_statement", "continue_statement"):
        for jump in descendants(statement, kind):
            target = _target(jump)
            if target is None or not _within(target, boundary):
                return True
    return False


def _goto_next(statement: Node, following: Node | None, source: bytes) -> bool:
    """`goto L;` straight before `L:`: a jump that goes nowhere else."""
    if statement.type != "goto_statement" or following is None:
        return False
    if following.type != "labeled_statement":
        return False
    label = statement.child_by_field_name("label")
    target = following.child_by_field_name("label")
    return (
        label is not None
        and target is not None
        and node_text(label, source) == node_text(target, source)
    )


_RELEASING = "|".join(sorted(map(re.escape, RELEASE_NAMES | {"realloc"})))


def _release_pattern(holder: str) -> re.Pattern[str]:
    name = re.escape(holder)
    return re.compile(rf"\b(?:{_RELEASING})\b[\s(\[\]]*{name}\b")


def _is_plain_release(statement: Node, holder: str, source: bytes) -> bool:
    text = node_text(statement, source).strip()
    return statement.type == "expression_statement" and bool(
        re.fullmatch(rf"(?:free|delete(?:\s*\[\])?)\s*\(?\s*{re.escape(holder)}\s*\)?\s*;", text)
    )


def _keeps(
    statement: Node,
    holder: str,
    source: bytes,
    frame: FunctionDef,
    resolve: Resolver | None,
    boundary: Node | None = None,
) -> bool:
    """Nothing in `statement` leaves `boundary`, releases `holder` or may give it a new value."""
    text = node_text(statement, source)
    name = re.escape(holder)
    if _leaves(statement, boundary or statement) or _release_pattern(holder).search(text):
        return False
    assigned = rf"(?<![\w.>])\b{name}\s*(?:[-+*/|&^]|<<|>>)?=(?!=)|\+\+\s*{name}\b|\b{name}\s*\+\+"
    if re.search(assigned, text):
        return False
    address = re.compile(rf"&\s*{name}\b(?!\s*\[)")
    if not address.search(text):
        return True
    # `&holder` passed to a function: fine only if that function never writes through a pointer.
    for call in descendants(statement, "call_expression"):
        arguments = call.child_by_field_name("arguments")
        if arguments is None or not address.search(node_text(arguments, source)):
            continue
        callee = call.child_by_field_name("function")
        target = resolve(node_text(callee, source), frame.file) if resolve and callee else None
        if target is None or target.body is None or _writes_through(target):
            return False
    outside_calls = re.sub(r"\w+\s*\([^;]*\)", "", text)
    return not address.search(outside_calls)


def _writes_through(function: FunctionDef) -> bool:
    """The function assigns through a pointer or passes its parameters on to other calls."""
    body = function.body
    if body is None:
        return True
    source = function.source.source
    for assignment in descendants(body, "assignment_expression"):
        left = assignment.child_by_field_name("left")
        if left is not None and left.type in (
            "pointer_expression",
            "subscript_expression",
            "field_expression",
        ):
            return True
    parameters = {p for p in function.parameters() if p}
    for call in descendants(body, "call_expression"):
        arguments = call.child_by_field_name("arguments")
        used = set(re.findall(r"\w+", node_text(arguments, source))) if arguments else set()
        if used & parameters:
            return True
    return False


def _only_allocated(frame: FunctionDef, holder: str, block: Node, release_top: Node) -> bool:
    """`holder` is a local that only ever holds NULL or allocated memory, set before the branch."""
    body = frame.body
    if body is None or holder in frame.parameters():
        return False
    text = frame.source.text(body)
    name = re.escape(holder)
    values = re.findall(rf"(?<![\w.>*])\b{name}\s*=(?!=)\s*([^;]*);", text)
    if not values or not all(_ALLOCATION.match(v.strip()) for v in values):
        return False
    if may_hold_unowned(frame, holder):
        return False
    if re.search(rf"&\s*{name}\b(?!\s*\[)", text):
        return False
    source = frame.source.source
    for statement in _statements(block):
        if statement.id == release_top.id:
            return False
        if re.search(rf"\b{name}\s*=(?!=)", node_text(statement, source)):
            return True
    return False


def _returns_only(helper: FunctionDef, holder: str) -> bool:
    if helper.body is None:
        return False
    returns = list(descendants(helper.body, "return_statement"))
    source = helper.source.source
    allowed = {holder, "NULL", "0", "nullptr"}
    values = [node_text(r, source)[len("return") :].strip(" \t\n;()") for r in returns]
    return bool(values) and holder in values and all(v in allowed for v in values)


def _calls_named(root: Node, name: str, source: bytes) -> list[Node]:
    found = []
    for call in descendants(root, "call_expression"):
        callee = call.child_by_field_name("function")
        if callee is not None and node_text(callee, source) == name:
            found.append(call)
    return found


def _assigned_variable(call: Node, source: bytes) -> tuple[str, Node] | None:
    """`T v = call;` or `v = call;`: the variable and its statement."""
    parent = call.parent
    while parent is not None and parent.type in ("cast_expression", "parenthesized_expression"):
        parent = parent.parent
    if parent is None:
        return None
    if parent.type == "init_declarator":
        name = parent.child_by_field_name("declarator")
        while name is not None and name.type == "pointer_declarator":
            name = name.child_by_field_name("declarator")
        statement = parent.parent
    elif parent.type == "assignment_expression":
        name = parent.child_by_field_name("left")
        statement = parent.parent
    else:
        return None
    if name is None or name.type != "identifier" or statement is None:
        return None
    if statement.type not in ("declaration", "expression_statement"):
        return None
    return node_text(name, source), statement


def _remove_line(statement: Node, source: bytes) -> Edit | None:
    """Remove a statement that has its line to itself."""
    line_start = source.rfind(b"\n", 0, statement.start_byte) + 1
    line_end = source.find(b"\n", statement.end_byte)
    line_end = len(source) if line_end < 0 else line_end
    if (
        source[line_start : statement.start_byte].strip()
        or source[statement.end_byte : line_end].strip()
    ):
        return None
    return Edit(line_start, min(line_end + 1, len(source)), "")


def _indent_in(block: Node) -> str | None:
    """The indentation of the block's statements (labels sit apart, at the margin)."""
    statements = [s for s in _statements(block) if s.type != "labeled_statement"]
    if not statements or block.text is None:
        return None
    line_start = block.text.rfind(b"\n", 0, statements[0].start_byte - block.start_byte) + 1
    prefix = block.text[line_start : statements[0].start_byte - block.start_byte]
    return prefix.decode("utf-8", "replace") if not prefix.strip() else None


def _after_line(statement: Node, text: str, source: bytes, indent: str | None = None) -> Edit:
    """Put `text` on a new line after `statement` (and a comment ending its line)."""
    indent = indent_of(statement, source) if indent is None else indent
    line_end = source.find(b"\n", statement.end_byte)
    line_end = len(source) if line_end < 0 else line_end
    rest = source[statement.end_byte : line_end].strip()
    if rest and not rest.startswith((b"/*", b"//")):
        return Edit(statement.end_byte, statement.end_byte, f" {text}")
    return Edit(line_end, line_end, f"\n{indent}{text}")
