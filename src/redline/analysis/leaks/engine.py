"""The ownership engine: a path-sensitive abstract interpreter over tree-sitter syntax trees.

Each analysis starts at a root function (one nothing in the program calls) and executes it
symbolically. Values are constants, owned things (an allocation, a stream, a descriptor), the
address of a variable or field, a function, or unknown. Branches whose conditions evaluate to a
constant follow only the feasible side (a global initialised to 1 and never written, a function
that always returns 5, a flag set just before a call); other branches fork the state. Calls to
functions defined in the program are followed into their bodies with the arguments bound, so
wrappers, sources, sinks and ownership stored in globals or structs are seen as they happen.

An owned thing leaks at the moment nothing can reach it any more: when a frame is popped, when
the only pointer is overwritten, or when the struct holding it is released. Releasing twice and
using after release are seen on the same state.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from redline.analysis.leaks.events import Event, EventKind, LossKind, Site, Step
from redline.analysis.leaks.program import (
    FunctionDef,
    Program,
    declarator_name,
    descendants,
    is_reference,
)
from redline.analysis.leaks.resources import (
    ACQUIRERS,
    DEREFERENCING,
    NO_RETURN,
    NON_RETAINING,
    RELEASERS,
    ResourceKind,
)

if TYPE_CHECKING:
    from tree_sitter import Node

# Values: ("c", int) constant, ("o", id) owned thing, ("a", key) address of a cell,
# ("f", name) function, ("r", key) an aggregate stored at key, ("u",) unknown.
Val = tuple[str, object]
UNKNOWN: Val = ("u", None)

MAX_DEPTH = 10  # calls followed into their bodies; deeper ones use the model's summaries
SHALLOW_DEPTH = 2  # the retry depth for an entry point whose full analysis is too costly
MAX_STATES = 24
LOOP_UNROLL = 2
CONSTANT_LOOP_LIMIT = 12
GOTO_LIMIT = 3
STEP_BUDGET = 60_000
TIME_BUDGET_SECONDS = 3.0

_OWNED, _FREED, _ESCAPED, _LEAKED = "owned", "freed", "escaped", "leaked"
_MAYBE, _VALID, _FAILED = "maybe", "valid", "failed"
_COMPARISONS = {"==", "!=", "<", ">", "<=", ">="}
_CONTAINER_TYPE = re.compile(
    r"\b(vector|list|map|set|deque|unordered_map|unordered_set|multimap|multiset|queue|stack|"
    r"forward_list|priority_queue)\s*<"
)
_INSERTS = frozenset(
    [
        "insert",
        "push_back",
        "push_front",
        "emplace",
        "emplace_back",
        "emplace_front",
        "push",
        "append",
        "add",
    ]
)
_ELEMENT_READS = frozenset(["back", "front", "at", "top", "get"])


class BudgetExceededError(Exception):
    """Raised when one root's analysis runs past its step or time budget."""


@dataclass(frozen=True)
class Obj:
    """The state of one owned thing on one path."""

    id: int
    site: Site
    status: str = _OWNED
    validity: str = _MAYBE
    freed_line: int = 0
    freed_file: str = ""
    freed_chain: tuple[int, ...] = ()
    # The release call (or `delete`), the expression it released and the function it is in,
    # so that a later second release can be patched at the first one.
    # Index 0 is the releasing frame, then each caller while the released expression is a
    # parameter passed on by name: (function, call or `delete`, the expression released).
    freed_levels: tuple[tuple[FunctionDef, Node, Node], ...] = field(default=(), compare=False)
    freed_calls: tuple[Node | None, ...] = field(default=(), compare=False)  # by frame depth
    cls: str = ""  # the C++ class of an object made by `new C`
    # Set when its last local reference was dropped while only globals still hold it.
    parked: Event | None = field(default=None, compare=False)


@dataclass(frozen=True)
class _Log:
    """A persistent list of path steps (shared prefixes between forked states)."""

    parent: _Log | None
    step: Step
    objects: frozenset[int]
    node: Node | None = field(default=None, compare=False)
    frame: int = 0
    branch: bool = False  # a branch taken: kept for patches, not shown in traces


def _calls(frame: Frame) -> tuple[Node | None, ...]:
    """The call that entered each frame of the chain, the root's (None) first."""
    calls: list[Node | None] = []
    at: Frame | None = frame
    while at is not None:
        calls.append(at.call_node)
        at = at.parent
    return tuple(reversed(calls))


def _released_levels(
    frame: Frame, node: Node, argument: Node | None
) -> tuple[tuple[FunctionDef, Node, Node], ...]:
    """Where a release happened, lifted through callers while it releases a parameter."""
    levels: list[tuple[FunctionDef, Node, Node]] = []
    at: Frame | None = frame
    while at is not None and argument is not None:
        levels.append((at.function, node, argument))
        if at.parent is None or at.call_node is None or argument.type != "identifier":
            break
        name = at.function.source.text(argument)
        parameters = at.function.parameters()
        body = at.function.body
        reassigned = body is not None and re.search(
            rf"\b{re.escape(name)}\s*=[^=]", at.function.source.text(body)
        )
        if name not in parameters or reassigned:
            break  # not the caller's value any more
        arguments = at.call_node.child_by_field_name("arguments")
        named = [c for c in arguments.named_children if c.type != "comment"] if arguments else []
        index = parameters.index(name)
        if index >= len(named):
            break
        node, argument, at = at.call_node, named[index], at.parent
    return tuple(levels)


def _first_releases(
    obj: Obj,
    common: int,
    chain: tuple[int, ...],
    second: tuple[tuple[FunctionDef, Node, Node], ...],
) -> tuple[tuple[FunctionDef, Node, Node], ...]:
    """Where the first release can be followed by nulling the variable, so that the second
    release (lifted, like the first, through parameters to the frame both share) gets NULL.

    Certain only where both releases name the same variable of the shared frame, or the first
    happens in a function that returns the variable and the shared frame assigns that call's
    result to the variable the second release names.
    """
    depth, second_depth = len(obj.freed_chain) - 1, len(chain) - 1
    if obj.freed_chain[: common + 1] != chain[: common + 1]:
        return ()
    at_common = second[second_depth - common] if 0 <= second_depth - common < len(second) else None
    if at_common is None:
        return ()
    candidates: list[tuple[FunctionDef, Node, Node]] = []
    lifted = depth - common
    if 0 <= lifted < len(obj.freed_levels):
        function, _, argument = obj.freed_levels[lifted]
        if function is at_common[0] and _same_name(function, argument, at_common[2]):
            candidates.append(obj.freed_levels[lifted])
    call = obj.freed_calls[common + 1] if depth == common + 1 and obj.freed_levels else None
    assigned = call.parent if call is not None else None
    if assigned is not None and assigned.type == "assignment_expression":
        left = assigned.child_by_field_name("left")
        if left is not None and _same_name(at_common[0], left, at_common[2]):
            function, _, argument = obj.freed_levels[0]
            body = function.body
            holder = function.source.text(argument)
            if body is not None and re.search(
                rf"\breturn\s*\(?\s*{re.escape(holder)}\s*\)?\s*;",
                function.source.text(body),
            ):
                candidates.append(obj.freed_levels[0])
    return tuple(candidates)


def _same_name(function: FunctionDef, one: Node, other: Node) -> bool:
    """Both nodes are the same plain variable of `function`."""
    return one.type == other.type == "identifier" and function.source.text(
        one
    ) == function.source.text(other)


class State:
    """Everything known on one path: cell values, owned things, assumptions, the path log."""

    __slots__ = ("assumed", "counters", "log", "objs", "vals")

    def __init__(
        self,
        vals: dict[str, Val],
        objs: dict[int, Obj],
        assumed: dict[str, bool],
        log: _Log | None,
        counters: dict[str, int],
    ) -> None:
        self.vals = vals
        self.objs = objs
        self.assumed = assumed
        self.log = log
        self.counters = counters

    def fork(self) -> State:
        """An independent copy."""
        return State(
            dict(self.vals), dict(self.objs), dict(self.assumed), self.log, dict(self.counters)
        )

    def signature(self) -> tuple[object, ...]:
        """What makes two states the same for the rest of the analysis."""
        return (
            frozenset(self.vals.items()),
            frozenset(self.objs.items()),
            frozenset(self.assumed.items()),
        )

    def note(
        self,
        file: str,
        line: int,
        text: str,
        objects: Iterable[int] = (),
        node: Node | None = None,
        frame: int = 0,
    ) -> None:
        """Add a step to this path's log."""
        self.log = _Log(self.log, Step(file, line, text), frozenset(objects), node, frame)


@dataclass
class Frame:
    """One active function call."""

    fid: int
    function: FunctionDef
    parent: Frame | None
    call_node: Node | None
    scopes: dict[int, str] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # C++ references: local -> cell
    this: str | None = None  # the object a method runs on
    objects: list[tuple[str, str]] = field(default_factory=list)  # (cell, class) to destroy
    arrays: set[str] = field(default_factory=set)
    unions: set[str] = field(default_factory=set)

    def local(self, node: Node) -> str | None:
        """The local variable an identifier node names (shadowing resolved), or None."""
        return self.scopes.get(int(node.start_byte))

    @property
    def file(self) -> str:
        """The file this function is in."""
        return self.function.file

    def text(self, node: Node) -> str:
        """Source text of a node in this function's file."""
        return self.function.source.text(node)

    def chain(self) -> tuple[int, ...]:
        """Frame ids from the root to this frame."""
        ids: list[int] = []
        frame: Frame | None = self
        while frame is not None:
            ids.append(frame.fid)
            frame = frame.parent
        return tuple(reversed(ids))

    def depth(self) -> int:
        """How many calls deep this frame is (the root is 0)."""
        return len(self.chain()) - 1

    def on_stack(self, function: FunctionDef) -> bool:
        """True when `function` is already being executed (recursion)."""
        frame: Frame | None = self
        while frame is not None:
            if frame.function.node == function.node:
                return True
            frame = frame.parent
        return False


def _line(node: Node) -> int:
    return int(node.start_point[0]) + 1


def _end_line(node: Node) -> int:
    return int(node.end_point[0]) + 1


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


_NUMBER = re.compile(r"^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)[uUlL]*$")


class Engine:
    """Runs the ownership analysis over a `Program` and collects `Event`s."""

    def __init__(self, program: Program) -> None:
        self.program = program
        self.events: dict[tuple[object, ...], Event] = {}
        self.next_id = 0
        self.steps = 0
        self.deadline = 0.0
        self.reached: set[int] = set()  # ids of function nodes executed at least once
        self.truncated = 0
        self.max_depth = MAX_DEPTH
        self.scopes: dict[int, dict[int, str]] = {}
        self.predicates: set[int] = set()  # calls whose result is only tested by a branch

    # ------------------------------------------------------------------ entry points
    def analyse_roots(self, roots: Iterable[FunctionDef]) -> None:
        """Analyse each root function, then any function no root reached."""
        pending = list(roots)
        for function in pending:
            self.analyse(function)
        for function in list(self.program.all_functions()):
            if function.node.id not in self.reached:
                self.analyse(function)

    def analyse(self, function: FunctionDef) -> None:
        """Execute `function` as an entry point with unknown arguments."""
        if function.body is None:
            return
        reached_before = set(self.reached)
        for depth in (MAX_DEPTH, SHALLOW_DEPTH, 0):
            # Follow calls deeply first; if that costs too much, follow them one or two levels,
            # then none, and let the repository model's summaries stand in for the rest.
            # A function first reached by an attempt that ran out of budget, or by a shallow one
            # that did not follow its calls, is analysed later as an entry point of its own.
            self.reached = set(reached_before)
            self.max_depth = depth
            self.steps = 0
            self.deadline = time.monotonic() + TIME_BUDGET_SECONDS
            state = State({}, {}, {}, None, {})
            arguments = [UNKNOWN] * len(function.parameters())
            try:
                self.call_function(function, arguments, state, None, None)
            except (BudgetExceededError, RecursionError):
                continue
            if depth < MAX_DEPTH:
                self.reached = reached_before | {function.node.id}
            return
        self.reached = reached_before | {function.node.id}
        self.truncated += 1

    # ------------------------------------------------------------------ helpers
    def _tick(self) -> None:
        self.steps += 1
        if self.steps > STEP_BUDGET or (
            self.steps % 2048 == 0 and time.monotonic() > self.deadline
        ):
            raise BudgetExceededError

    def _new_id(self) -> int:
        self.next_id += 1
        return self.next_id

    @staticmethod
    def _dedupe(states: list[tuple[State, Any]]) -> list[tuple[State, Any]]:
        if len(states) <= 1:
            return states
        seen: set[tuple[object, ...]] = set()
        kept: list[tuple[State, Any]] = []
        for state, extra in states:
            try:
                key = (*state.signature(), repr(extra))
            except TypeError:
                kept.append((state, extra))
                continue
            if key not in seen:
                seen.add(key)
                kept.append((state, extra))
        if len(kept) > MAX_STATES:
            # Over the cap, keep one path for each distinct state of the owned things first
            # (which are owned, released, failed): a path dropped here may be the only one
            # showing a leak, while paths that differ only in other facts repeat each other.
            distinct: set[object] = set()
            first: list[tuple[State, Any]] = []
            rest: list[tuple[State, Any]] = []
            for pair in kept:
                ownership = tuple(
                    sorted(
                        (o.site.file, o.site.line, o.status, o.validity)
                        for o in pair[0].objs.values()
                    )
                )
                (rest if ownership in distinct else first).append(pair)
                distinct.add(ownership)
            kept = first + rest
        return kept[:MAX_STATES]

    def _key(self, frame: Frame, name: str, node: Node | None = None) -> str:
        local = frame.local(node) if node is not None else None
        if local is not None:
            return frame.aliases.get(local) or f"F{frame.fid}:{local}"
        variable = self.program.global_value(name, frame.file)
        if frame.this is not None and variable is None:
            return f"{frame.this}.{name}"  # a member of the object the method runs on
        if variable is not None and variable.static:
            return f"S:{variable.file}:{name}"
        return f"G:{name}"

    def _read(self, state: State, frame: Frame, key: str, name: str | None = None) -> Val:
        if key in state.vals:
            return state.vals[key]
        prefix_dot, prefix_sub = key + ".", key + "["
        if any(k.startswith((prefix_dot, prefix_sub)) for k in state.vals):
            return ("r", key)
        if name is not None and key.startswith(("G:", "S:")):
            constant = self.program.constant_global(name, frame.file)
            if constant is not None:
                return ("c", constant)
            if self.program.resolve(name, frame.file) is not None:
                return ("f", name)
            pointed = self.program.pointed_function(name, frame.file)
            if pointed is not None:
                return ("f", pointed)
        return UNKNOWN

    # ------------------------------------------------------------------ reachability
    def _reachable(self, state: State, extra: Iterable[Val] = ()) -> set[int]:
        return self._reachable_from(state, [*state.vals.values(), *extra])

    def _reachable_from(self, state: State, roots: list[Val]) -> set[int]:
        seen: set[int] = set()
        work: list[Val] = list(roots)
        cells_by_owner: dict[str, list[Val]] | None = None
        while work:
            value = work.pop()
            if value[0] == "o":
                obj_id = int(value[1])  # type: ignore[call-overload]
                if obj_id in seen:
                    continue
                seen.add(obj_id)
                if cells_by_owner is None:
                    cells_by_owner = {}
                    for key, val in state.vals.items():
                        if key.startswith("O"):
                            owner = re.match(r"O(\d+)", key)
                            if owner:
                                cells_by_owner.setdefault(owner.group(1), []).append(val)
                work.extend(cells_by_owner.get(str(obj_id), ()))
        return seen

    def _check_lost(
        self,
        state: State,
        frame: Frame,
        candidates: Iterable[int],
        node: Node,
        loss: LossKind,
        holders: dict[int, list[str]],
        extra: Iterable[Val] = (),
        realloc_node: Node | None = None,
    ) -> None:
        candidates = [c for c in candidates if self._owned(state, c)]
        if not candidates:
            return
        reachable = self._reachable(state, extra)
        for obj_id in candidates:
            if obj_id in reachable:
                continue
            obj = state.objs[obj_id]
            state.objs[obj_id] = replace(obj, status=_LEAKED)
            self._report_leak(state, frame, obj, node, loss, holders.get(obj_id, []), realloc_node)

    @staticmethod
    def _owned(state: State, obj_id: int) -> bool:
        obj = state.objs.get(obj_id)
        return obj is not None and obj.status == _OWNED and obj.validity != _FAILED

    # ------------------------------------------------------------------ reporting
    def _path_steps(
        self, state: State, obj: Obj, frame: int = -1
    ) -> tuple[list[Step], Node | None, list[Node]]:
        entries: list[_Log] = []
        log = state.log
        while log is not None:
            entries.append(log)
            log = log.parent
        entries.reverse()
        steps: list[Step] = []
        started = False
        continue_node: Node | None = None
        branches: list[Node] = []
        for entry in entries:
            if obj.id in entry.objects and entry.step.note.startswith("acquires"):
                started = True
            if not started:
                continue
            if entry.branch:
                if entry.frame == frame and entry.node is not None:
                    branches.append(entry.node)
                continue
            if entry.objects and obj.id not in entry.objects:
                continue
            if entry.step.note.startswith("`continue`"):
                continue_node = entry.node
            steps.append(entry.step)
        return steps, continue_node, branches

    def _report_leak(
        self,
        state: State,
        frame: Frame,
        obj: Obj,
        node: Node,
        loss: LossKind,
        holders: list[str],
        realloc_node: Node | None,
    ) -> None:
        event = self._leak_event(state, frame, obj, node, loss, holders, realloc_node)
        key = (EventKind.LEAK, obj.site.file, obj.site.line, event.file, event.line)
        self.events.setdefault(key, event)

    def _leak_event(
        self,
        state: State,
        frame: Frame,
        obj: Obj,
        node: Node,
        loss: LossKind,
        holders: list[str],
        realloc_node: Node | None,
        still_held: str | None = None,
    ) -> Event:
        steps, continue_node, branches = self._path_steps(state, obj, frame.fid)
        what = _what(obj.site)
        held = f"`{holders[0]}`" if holders else "the last pointer to it"
        line = _end_line(node) if loss is LossKind.END else _line(node)
        if loss is LossKind.RETURN:
            sentence = (
                f"`{_short(frame.text(node))}` leaves {held} unreleased: it was not stored, "
                "returned or released on this path"
            )
        elif loss is LossKind.END:
            sentence = (
                f"`{frame.function.name}` ends with {held} unreleased: it was not stored, "
                "returned or released on this path"
            )
        elif loss is LossKind.CONTAINER_RELEASED:
            sentence = f"`{_short(frame.text(node))}` releases the only holder of {what}"
        elif realloc_node is not None:
            sentence = (
                f"`{_short(frame.text(node))}` overwrites {held} with NULL when `realloc` "
                "fails, so the original block can no longer be freed"
            )
        else:
            sentence = f"`{_short(frame.text(node))}` overwrites {held}, the last reference"
        if still_held is not None:
            sentence += (
                f"; only `{still_held}` still points to it and nothing releases it before "
                "the program ends"
            )
        steps.append(Step(frame.file, line, sentence))
        message = f"{what} acquired at line {obj.site.line} is never released: {sentence}"
        event = Event(
            kind=EventKind.LEAK,
            site=obj.site,
            file=frame.file,
            line=line,
            function=frame.function.qualified,
            steps=tuple(steps),
            message=message,
            loss=loss,
            frame=frame.function,
            loss_node=node,
            holders=tuple(holders),
            continue_node=continue_node,
            realloc_node=realloc_node,
            checked=obj.validity == _VALID,
            branches=tuple(reversed(branches)),
        )
        return event

    def _report_misuse(
        self,
        kind: EventKind,
        state: State,
        frame: Frame,
        obj: Obj,
        node: Node,
        what: str,
        second: tuple[tuple[FunctionDef, Node, Node], ...] = (),
    ) -> None:
        # Report where the freeing frame and the current one meet, so that a use inside a
        # library helper is shown at the call in the code that freed it.
        chain = frame.chain()
        common = 0
        for index, fid in enumerate(chain):
            if index < len(obj.freed_chain) and obj.freed_chain[index] == fid:
                common = index
        at_frame: Frame = frame
        at_node: Node = node
        while at_frame.depth() > common and at_frame.parent is not None:
            if at_frame.call_node is None:
                break
            at_node = at_frame.call_node
            at_frame = at_frame.parent
        steps, _, _ = self._path_steps(state, obj)
        line = _line(at_node)
        label = obj.site.kind.releaser
        if kind is EventKind.DOUBLE_RELEASE:
            sentence = (
                f"`{_short(at_frame.text(at_node))}` releases {what} again; "
                f"it was already released by `{label}` at line {obj.freed_line}"
            )
        else:
            sentence = (
                f"`{_short(at_frame.text(at_node))}` uses {what} after it was released at "
                f"line {obj.freed_line}"
            )
        steps.append(Step(at_frame.file, line, sentence))
        event = Event(
            kind=kind,
            site=obj.site,
            file=at_frame.file,
            line=line,
            function=at_frame.function.qualified,
            steps=tuple(steps),
            message=sentence,
            first_releases=(
                _first_releases(obj, common, frame.chain(), second)
                if kind is EventKind.DOUBLE_RELEASE
                else obj.freed_levels[:1]
                if obj.freed_chain == at_frame.chain()
                else ()
            ),
            loss_node=at_node,
            frame=at_frame.function,
            released_by=obj.freed_levels,
            second_release=second,
        )
        self.events.setdefault((kind, obj.site.file, obj.site.line, at_frame.file, line), event)

    # ------------------------------------------------------------------ functions
    def call_function(
        self,
        function: FunctionDef,
        args: list[Val],
        state: State,
        parent: Frame | None,
        call_node: Node | None,
        referenced: dict[int, str] | None = None,
        this: str | None = None,
    ) -> list[tuple[State, Val]]:
        """Execute `function` with `args` bound; the states after it returns, with its value.

        `referenced` maps the index of a C++ reference parameter to the caller's cell it binds;
        `this` is the cell of the object a constructor, destructor or method runs on.
        """
        self.reached.add(function.node.id)
        frame = Frame(self._new_id(), function, parent, call_node, scope_map(function, self.scopes))
        frame.this = this
        body = function.body
        assert body is not None
        for index, (name, value) in enumerate(zip(function.parameters(), args, strict=False)):
            if not name:
                continue
            if referenced and index in referenced:
                frame.aliases[name] = referenced[index]
                continue
            key = f"F{frame.fid}:{name}"
            self._bind(state, key, value)
        results: list[tuple[State, Val]] = []
        for after, outcome in self.exec_stmt(body, state, frame):
            returned: Val = UNKNOWN
            exit_node: Node = body
            loss = LossKind.END
            if outcome is not None and outcome[0] == "goto":
                continue
            if outcome is not None and outcome[0] == "return":
                returned, exit_node, loss = outcome[1], outcome[2], LossKind.RETURN
            for destroyed in self._destroy_locals(after, frame, exit_node):
                self._pop_frame(destroyed, frame, returned, exit_node, loss)
                results.append((destroyed, returned))
        return self._dedupe(results)

    def _destroy_locals(self, state: State, frame: Frame, node: Node) -> list[State]:
        """Run the destructors of the frame's C++ objects as it ends."""
        states = [state]
        for key, cls in reversed(frame.objects):
            destructor = self.program.resolve_method(cls, f"~{cls}")
            if destructor is None or destructor.body is None or frame.depth() >= self.max_depth:
                continue
            states = [
                s
                for st in states
                for s, _ in self.call_function(destructor, [], st, frame, node, this=key)
            ]
        return states

    def _construct_parsed_as_function(
        self, declarator: Node, type_text: str, states: list[State], frame: Frame
    ) -> list[State]:
        cls = type_text.rsplit("::", 1)[-1].strip()
        name_node = declarator.child_by_field_name("declarator")
        params = declarator.child_by_field_name("parameters")
        if cls not in self.program.classes or name_node is None or params is None:
            return states
        names = [frame.text(p).strip() for p in params.named_children]
        if not all(n.isidentifier() for n in names):
            return states
        key = f"F{frame.fid}:{frame.text(name_node)}"
        constructed: list[State] = []
        for st in states:
            args = [
                st.vals.get(f"F{frame.fid}:{n}", self._read(st, frame, self._key(frame, n), n))
                for n in names
            ]
            constructed.extend(self._construct(cls, key, args, st, frame, declarator))
        frame.objects.append((key, cls))
        return constructed

    def _construct(
        self, cls: str, key: str, args: list[Val], state: State, frame: Frame, node: Node
    ) -> list[State]:
        """Run the constructor of `cls` on the object at `key`."""
        constructor = self.program.resolve_method(cls, cls)
        if constructor is None or constructor.body is None or frame.depth() >= self.max_depth:
            for value in args:
                self._escape(state, value, frame, node, f"is handed to a `{cls}` object")
            return [state]
        return [s for s, _ in self.call_function(constructor, args, state, frame, node, this=key)]

    def _bind(self, state: State, key: str, value: Val) -> None:
        if value[0] == "r":
            source = str(value[1])
            for cell, cell_value in list(state.vals.items()):
                if cell.startswith((source + ".", source + "[")):
                    state.vals[key + cell[len(source) :]] = cell_value
            return
        state.vals[key] = value

    def _pop_frame(
        self, state: State, frame: Frame, value: Val, node: Node, loss: LossKind
    ) -> None:
        prefix = f"F{frame.fid}:"
        holders: dict[int, list[str]] = {}
        candidates: list[int] = []
        for key in [k for k in state.vals if k.startswith(prefix)]:
            held = state.vals.pop(key)
            if held[0] == "o":
                obj_id = int(held[1])  # type: ignore[call-overload]
                candidates.append(obj_id)
                holders.setdefault(obj_id, []).append(key[len(prefix) :])
        if candidates:
            self._check_lost(state, frame, candidates, node, loss, holders, extra=[value])
            self._park_globally_held(state, frame, candidates, node, loss, holders, value)
        if frame.parent is None and frame.function.name == "main":
            self._release_parked_at_exit(state)
        kept: list[Val] = [value]
        active: Frame | None = frame
        while active is not None:  # objects constructors on the stack are building
            if active.this is not None and active.this[1:].isdigit():
                kept.append(("o", int(active.this[1:])))
            active = active.parent
        self._collect_garbage(state, kept)
        stale = f"{frame.fid}:"
        for key in [k for k in state.assumed if k.startswith(stale)]:
            del state.assumed[key]

    def _collect_garbage(self, state: State, kept: list[Val]) -> None:
        # Forget things nothing points to any more (already reported, released or escaped), so
        # that paths which differ only in what they did inside a finished call merge again.
        if not state.objs:
            return
        alive = self._reachable_from(state, [*state.vals.values(), *kept])
        for obj_id in [i for i in state.objs if i not in alive]:
            del state.objs[obj_id]

    def _park_globally_held(
        self,
        state: State,
        frame: Frame,
        candidates: list[int],
        node: Node,
        loss: LossKind,
        holders: dict[int, list[str]],
        value: Val,
    ) -> None:
        # Memory whose last local reference is dropped while a global still points to it is not
        # lost yet; it leaks if nothing releases it before the program ends (`main` returns).
        owned = [c for c in candidates if self._owned(state, c)]
        if not owned:
            return
        local_roots = [v for k, v in state.vals.items() if not k.startswith(("G:", "S:"))]
        locally_reachable = self._reachable_from(state, [*local_roots, value])
        for obj_id in owned:
            if obj_id in locally_reachable:
                continue
            obj = state.objs[obj_id]
            globals_holding = [
                k.split(":")[-1]
                for k, v in state.vals.items()
                if k.startswith(("G:", "S:")) and v == ("o", obj_id)
            ]
            pending = self._leak_event(
                state,
                frame,
                obj,
                node,
                loss,
                holders.get(obj_id, []),
                None,
                still_held=globals_holding[0] if globals_holding else "a global",
            )
            state.objs[obj_id] = replace(obj, parked=pending)

    def _release_parked_at_exit(self, state: State) -> None:
        for obj in state.objs.values():
            if obj.parked is not None and obj.status == _OWNED and obj.validity != _FAILED:
                event = obj.parked
                self.events.setdefault(
                    (EventKind.LEAK, obj.site.file, obj.site.line, event.file, event.line), event
                )

    # ------------------------------------------------------------------ statements
    def exec_stmt(self, node: Node, state: State, frame: Frame) -> list[tuple[State, Any]]:
        """Execute one statement; the resulting states with how control left it."""
        self._tick()
        kind = node.type
        if kind == "compound_statement":
            return self.exec_block(list(node.named_children), state, frame)
        if kind == "expression_statement":
            if not node.named_children:
                return [(state, None)]
            return [(s, None) for s, _ in self.eval(node.named_children[0], state, frame)]
        if kind == "declaration":
            return [(s, None) for s in self.exec_declaration(node, state, frame)]
        if kind == "return_statement":
            value_node = node.named_children[0] if node.named_children else None
            if value_node is None:
                return [(state, ("return", UNKNOWN, node))]
            results: list[tuple[State, Any]] = []
            for after, value in self.eval(value_node, state, frame):
                if value[0] == "o":
                    after.note(
                        frame.file,
                        _line(node),
                        f"`{_short(frame.text(node))}` hands it to the caller of "
                        f"`{frame.function.name}`",
                        [int(value[1])],  # type: ignore[call-overload]
                    )
                results.append((after, ("return", value, node)))
            return results
        if kind == "if_statement":
            return self.exec_if(node, state, frame)
        if kind in ("while_statement", "for_statement", "do_statement", "for_range_loop"):
            return self.exec_loop(node, state, frame)
        if kind == "switch_statement":
            return self.exec_switch(node, state, frame)
        if kind == "break_statement":
            return [(state, ("break",))]
        if kind == "continue_statement":
            state.note(frame.file, _line(node), "`continue` starts the next iteration", (), node)
            return [(state, ("continue",))]
        if kind == "goto_statement":
            label = node.child_by_field_name("label")
            return [(state, ("goto", frame.text(label) if label else ""))]
        if kind == "labeled_statement":
            inner = [c for c in node.named_children if c.type != "statement_identifier"]
            return self.exec_block(inner, state, frame)
        if kind == "try_statement":
            body = node.child_by_field_name("body")
            return self.exec_stmt(body, state, frame) if body else [(state, None)]
        if kind in ("preproc_ifdef", "preproc_if", "preproc_else", "preproc_elif"):
            return self.exec_block(self._preproc_branch(node, frame), state, frame)
        return [(state, None)]

    def _preproc_branch(self, node: Node, frame: Frame) -> list[Node]:
        name = node.child_by_field_name("name") or node.child_by_field_name("condition")
        alternative = node.child_by_field_name("alternative")
        body = [c for c in node.named_children if c is not name and c is not alternative]
        if node.type == "preproc_ifdef":
            defined = name is not None and frame.text(name) in self.program.macros
            negated = frame.text(node).startswith("#ifndef")
            if defined == negated and alternative is not None:
                return [c for c in alternative.named_children if c.type != "identifier"]
            if defined == negated:
                return []
        return body

    def exec_block(self, stmts: list[Node], state: State, frame: Frame) -> list[tuple[State, Any]]:
        """Execute a statement list, following `goto` to labels inside it."""
        stmts = [s for s in stmts if s.type != "comment"]
        finished: list[tuple[State, Any]] = []
        pending: list[tuple[State, int]] = [(state, 0)]
        while pending:
            current, index = pending.pop()
            states: list[tuple[State, Any]] = [(current, None)]
            position = index
            while position < len(stmts) and states:
                stmt = stmts[position]
                running: list[State] = []
                for st, outcome in states:
                    if outcome is None:
                        running.append(st)
                    else:
                        finished.append((st, outcome))
                states = []
                for st in running:
                    states.extend(self.exec_stmt(stmt, st, frame))
                states = self._dedupe(states)
                position += 1
                jumped: list[tuple[State, Any]] = []
                for st, outcome in states:
                    target = self._goto_target(stmts, outcome)
                    if target is not None:
                        counter = f"goto:{frame.fid}:{target}"
                        if st.counters.get(counter, 0) < GOTO_LIMIT:
                            st.counters[counter] = st.counters.get(counter, 0) + 1
                            pending.append((st, target))
                    else:
                        jumped.append((st, outcome))
                states = jumped
            finished.extend(states)
        return self._dedupe(finished)

    def _goto_target(self, stmts: list[Node], outcome: object) -> int | None:
        if not (isinstance(outcome, tuple) and outcome and outcome[0] == "goto"):
            return None
        for index, stmt in enumerate(stmts):
            if stmt.type == "labeled_statement":
                label = stmt.child_by_field_name("label")
                if label is not None and label.text and label.text.decode() == outcome[1]:
                    return index
        return None

    def exec_declaration(self, node: Node, state: State, frame: Frame) -> list[State]:
        """Declare locals, evaluating initialisers left to right."""
        states = [state]
        type_node = node.child_by_field_name("type")
        type_text = frame.text(type_node) if type_node is not None else ""
        is_union = type_text.startswith("union") or type_text in self.program.unions
        for declarator in node.children_by_field_name("declarator"):
            if declarator.type == "function_declarator":
                # Inside a body, `T name(a, b);` with T a known class constructs an object.
                states = self._construct_parsed_as_function(declarator, type_text, states, frame)
                continue
            name_node = declarator_name(declarator)
            name = frame.text(name_node)
            local = frame.local(name_node) or name
            if is_union:
                frame.unions.add(local)
            inner = declarator.child_by_field_name("declarator")
            if (
                declarator.type == "array_declarator"
                or (inner is not None and inner.type == "array_declarator")
                or _CONTAINER_TYPE.search(type_text)
            ):
                frame.arrays.add(local)
            key = f"F{frame.fid}:{local}"
            value_node = declarator.child_by_field_name("value")
            if inner is not None and is_reference(inner) and value_node:
                targets = self.lvalue(value_node, states[0], frame) if len(states) == 1 else []
                if len(targets) == 1 and targets[0][1] is not None:
                    frame.aliases[local] = targets[0][1]
                    continue
            next_states: list[State] = []
            cls = type_text.rsplit("::", 1)[-1].strip()
            if (
                cls in self.program.classes
                and (inner is None or inner.type == "identifier")
                and declarator.type
                in (
                    "identifier",
                    "init_declarator",
                )
            ):
                args_node = (
                    value_node
                    if value_node is not None
                    and value_node.type
                    in (
                        "argument_list",
                        "initializer_list",
                    )
                    else None
                )
                constructed: list[State] = []
                for st in states:
                    for after, args in self.eval_args(args_node, st, frame):
                        constructed.extend(
                            self._construct(cls, key, args, after, frame, declarator)
                        )
                frame.objects.append((key, cls))
                states = constructed
                continue
            for st in states:
                for stale in [
                    k for k in st.vals if k == key or k.startswith((key + ".", key + "["))
                ]:
                    st.vals.pop(stale)
                if value_node is None or value_node.type in ("initializer_list", "argument_list"):
                    if value_node is not None and value_node.type == "argument_list":
                        # C++ direct initialisation `T x(args)`: evaluate the arguments.
                        for after, _ in self.eval_args(value_node, st, frame):
                            next_states.append(after)
                        continue
                    next_states.append(st)
                    continue
                for after, value in self.eval(value_node, st, frame):
                    self._assign(after, frame, key, value, declarator, name)
                    next_states.append(after)
            states = next_states
        return states

    def exec_if(self, node: Node, state: State, frame: Frame) -> list[tuple[State, Any]]:
        """Follow the feasible sides of an `if`."""
        condition = node.child_by_field_name("condition")
        consequence = node.child_by_field_name("consequence")
        alternative = node.child_by_field_name("alternative")
        results: list[tuple[State, Any]] = []
        assert condition is not None
        for after, truth in self.truth(condition, state, frame):
            branch = consequence if truth else alternative
            if branch is not None and branch.type == "else_clause":
                inner = [c for c in branch.named_children]
                branch = inner[0] if inner else None
            if branch is None:
                results.append((after, None))
            else:
                after.log = _Log(
                    after.log,
                    Step(frame.file, _line(branch), ""),
                    frozenset(),
                    branch,
                    frame.fid,
                    branch=True,
                )
                results.extend(self.exec_stmt(branch, after, frame))
        return results

    def exec_loop(self, node: Node, state: State, frame: Frame) -> list[tuple[State, Any]]:
        """Unroll a loop a few times, following constant conditions further."""
        kind = node.type
        body = node.child_by_field_name("body")
        condition = node.child_by_field_name("condition")
        update = node.child_by_field_name("update")
        states: list[State] = [state]
        if kind == "for_statement":
            initializer = node.child_by_field_name("initializer")
            if initializer is not None:
                if initializer.type == "declaration":
                    states = self.exec_declaration(initializer, state, frame)
                else:
                    states = [s for s, _ in self.eval(initializer, state, frame)]
        exits: list[tuple[State, Any]] = []
        literal = condition is None or self._literal_true(condition, frame)
        first = True
        for iteration in range(CONSTANT_LOOP_LIMIT):
            entering: list[State] = []
            for st in states:
                if kind == "do_statement" and first:
                    entering.append(st)
                    continue
                if kind == "for_range_loop":
                    entering.append(st.fork())
                    exits.append((st, None))
                    continue
                if condition is None:
                    entering.append(st)
                    continue
                for after, truth in self.truth(condition, st, frame):
                    if truth:
                        entering.append(after)
                    else:
                        exits.append((after, None))
            first = False
            if not entering:
                states = []
                break
            if iteration >= LOOP_UNROLL and not literal:
                constant = all(self._decided(condition, s, frame) for s in entering)
                if not constant:
                    exits.extend((s, None) for s in entering)
                    states = []
                    break
            states = []
            for entry in self._dedupe([(s, None) for s in entering]):
                if body is None:
                    states.append(entry[0])
                    continue
                for after, outcome in self.exec_stmt(body, entry[0], frame):
                    if outcome is None or outcome[0] == "continue":
                        states.append(after)
                    elif outcome[0] == "break":
                        exits.append((after, None))
                    else:
                        exits.append((after, outcome))
            if update is not None:
                states = [s for st in states for s, _ in self.eval(update, st, frame)]
        if states and not literal:
            exits.extend((s, None) for s in states)
        else:
            self.truncated += 1 if states else 0
        return self._dedupe(exits)

    def _literal_true(self, condition: Node, frame: Frame) -> bool:
        text = frame.text(condition).strip("() \t\n")
        return text in ("1", "true", "TRUE")

    def _decided(self, condition: Node | None, state: State, frame: Frame) -> bool:
        if condition is None:
            return True
        probe = state.fork()
        probe.log = None
        try:
            values = self.eval(condition, probe, frame)
        except BudgetExceededError:
            raise
        return all(v[0] == "c" for _, v in values)

    def exec_switch(self, node: Node, state: State, frame: Frame) -> list[tuple[State, Any]]:
        """Follow the cases a switch value can select, with fall-through."""
        condition = node.child_by_field_name("condition")
        body = node.child_by_field_name("body")
        if condition is None or body is None:
            return [(state, None)]
        cases = [c for c in body.named_children if c.type == "case_statement"]
        results: list[tuple[State, Any]] = []
        for after, value in self.eval(condition, state, frame):
            starts: list[int] = []
            default = next(
                (i for i, c in enumerate(cases) if c.child_by_field_name("value") is None), None
            )
            if value[0] == "c":
                for index, case in enumerate(cases):
                    label = case.child_by_field_name("value")
                    if label is not None:
                        label_values = self.eval(label, after.fork(), frame)
                        if label_values and label_values[0][1] == value:
                            starts = [index]
                            break
                if not starts:
                    starts = [default] if default is not None else []
                if not starts:
                    results.append((after, None))
            else:
                starts = list(range(len(cases)))
                if default is None:
                    results.append((after.fork(), None))
            for start in starts:
                st = after.fork() if len(starts) > 1 else after
                statements = [
                    s
                    for case in cases[start:]
                    for s in case.named_children
                    if s is not case.child_by_field_name("value")
                ]
                for end_state, outcome in self.exec_block(statements, st, frame):
                    if outcome is not None and outcome[0] == "break":
                        results.append((end_state, None))
                    else:
                        results.append((end_state, outcome))
        return self._dedupe(results)

    # ------------------------------------------------------------------ conditions
    def truth(self, node: Node, state: State, frame: Frame) -> list[tuple[State, bool]]:
        """The feasible truth values of a condition, each with the state that implies it."""
        self._tick()
        kind = node.type
        if kind in ("parenthesized_expression", "condition_clause") and node.named_children:
            return self.truth(node.named_children[-1], state, frame)
        if kind == "call_expression":
            # `if (!valid(buf))`: a predicate looks at its arguments; it does not keep them.
            self.predicates.add(int(node.id))
        if kind == "unary_expression" and frame.text(node).lstrip().startswith("!"):
            argument = node.child_by_field_name("argument")
            assert argument is not None
            return [(s, not t) for s, t in self.truth(argument, state, frame)]
        if kind == "binary_expression":
            operator = node.child_by_field_name("operator")
            op = frame.text(operator) if operator is not None else ""
            left = node.child_by_field_name("left")
            right = node.child_by_field_name("right")
            assert left is not None and right is not None
            if op in ("&&", "||"):
                both: list[tuple[State, bool]] = []
                for st, first in self.truth(left, state, frame):
                    if (op == "&&" and not first) or (op == "||" and first):
                        both.append((st, first))
                    else:
                        both.extend(self.truth(right, st, frame))
                return both
            if op in _COMPARISONS:
                return self._compare(node, op, left, right, state, frame)
        results: list[tuple[State, Any]] = []
        for st, value in self.eval(node, state, frame):
            results.extend(self._truth_of_value(node, value, st, frame))
        return results

    def _truth_of_value(
        self, node: Node, value: Val, state: State, frame: Frame
    ) -> list[tuple[State, bool]]:
        if value[0] == "c":
            return [(state, value[1] != 0)]
        if value[0] in ("a", "f", "r"):
            return [(state, True)]
        if value[0] == "o":
            return self._split_validity(state, int(value[1]), lambda ok: ok)  # type: ignore[call-overload]
        return self._assume(node, state, frame)

    def _assume(self, node: Node, state: State, frame: Frame) -> list[tuple[State, bool]]:
        text = " ".join(frame.text(node).split())
        pure = "(" not in text or not re.search(r"\w\s*\(", text)
        key = f"{frame.fid}:{text}"
        if pure and key in state.assumed:
            return [(state, state.assumed[key])]
        yes, no = state, state.fork()
        if pure:
            yes.assumed[key] = True
            no.assumed[key] = False
        line = _line(node)
        yes.note(frame.file, line, f"`{_short(text)}` is true here")
        no.note(frame.file, line, f"`{_short(text)}` is false here")
        return [(yes, True), (no, False)]

    def _split_validity(
        self, state: State, obj_id: int, decide: Callable[[bool], bool]
    ) -> list[tuple[State, bool]]:
        obj = state.objs.get(obj_id)
        if obj is None or obj.validity != _MAYBE:
            valid = obj is None or obj.validity == _VALID
            return [(state, decide(valid))]
        good, bad = state, state.fork()
        good.objs[obj_id] = replace(obj, validity=_VALID)
        bad.objs[obj_id] = replace(obj, validity=_FAILED)
        return [(good, decide(True)), (bad, decide(False))]

    def _compare(
        self, node: Node, op: str, left: Node, right: Node, state: State, frame: Frame
    ) -> list[tuple[State, bool]]:
        results: list[tuple[State, bool]] = []
        for st, lhs in self.eval(left, state, frame):
            for st2, rhs in self.eval(right, st, frame):
                results.extend(self._compare_values(node, op, lhs, rhs, st2, frame))
        return results

    def _compare_values(
        self, node: Node, op: str, lhs: Val, rhs: Val, state: State, frame: Frame
    ) -> list[tuple[State, bool]]:
        if lhs[0] == "c" and rhs[0] == "c":
            return [(state, _apply_comparison(op, int(lhs[1]), int(rhs[1])))]  # type: ignore[call-overload]
        for owned, other, flipped in ((lhs, rhs, False), (rhs, lhs, True)):
            if owned[0] == "o" and other[0] == "c":
                obj_id = int(owned[1])  # type: ignore[call-overload]
                obj = state.objs.get(obj_id)
                if obj is None:
                    break
                kind = obj.site.kind
                constant = int(other[1])  # type: ignore[call-overload]

                def decide(
                    valid: bool,
                    kind: ResourceKind = kind,
                    constant: int = constant,
                    flipped: bool = flipped,
                ) -> bool:
                    representative = (
                        (3 if kind is ResourceKind.DESCRIPTOR else 4096)
                        if valid
                        else (kind.failure_value)
                    )
                    a, b = (constant, representative) if flipped else (representative, constant)
                    return _apply_comparison(op, a, b)

                return self._split_validity(state, obj_id, decide)
        if lhs[0] == "o" and rhs[0] == "o":
            return [(state, _apply_comparison(op, int(lhs[1]), int(rhs[1])))]  # type: ignore[call-overload]
        return self._assume(node, state, frame)

    # ------------------------------------------------------------------ expressions
    def eval(self, node: Node, state: State, frame: Frame) -> list[tuple[State, Val]]:
        """The values an expression can have, each with the state it leaves."""
        self._tick()
        kind = node.type
        if kind == "number_literal":
            return [(state, _number(frame.text(node)))]
        if kind in ("true",):
            return [(state, ("c", 1))]
        if kind in ("false", "null", "nullptr"):
            return [(state, ("c", 0))]
        if kind in ("string_literal", "concatenated_string", "raw_string_literal"):
            return [(state, ("a", f"lit:{node.start_byte}"))]
        if kind in ("sizeof_expression", "alignof_expression", "char_literal"):
            return [(state, UNKNOWN)]
        if kind == "identifier":
            return [(state, self._identifier(node, state, frame))]
        if kind == "this":
            return [(state, ("a", frame.this) if frame.this is not None else UNKNOWN)]
        if kind in ("parenthesized_expression", "condition_clause"):
            named = [c for c in node.named_children if c.type != "comment"]
            return self.eval(named[-1], state, frame) if named else [(state, UNKNOWN)]
        if kind == "cast_expression":
            value = node.child_by_field_name("value")
            return self.eval(value, state, frame) if value else [(state, UNKNOWN)]
        if kind == "assignment_expression":
            return self.eval_assignment(node, state, frame)
        if kind == "call_expression":
            return self.eval_call(node, state, frame)
        if kind == "new_expression":
            return self.eval_new(node, state, frame)
        if kind == "delete_expression":
            return self.eval_delete(node, state, frame)
        if kind in ("field_expression", "subscript_expression") or (
            kind == "pointer_expression" and frame.text(node).lstrip().startswith("*")
        ):
            return self.eval_access(node, state, frame)
        if kind == "pointer_expression":  # &x
            argument = node.child_by_field_name("argument")
            assert argument is not None
            results: list[tuple[State, Any]] = []
            for st, key in self.lvalue(argument, state, frame):
                results.append((st, ("a", key) if key is not None else UNKNOWN))
            return results
        if kind == "binary_expression":
            return self.eval_binary(node, state, frame)
        if kind == "unary_expression":
            argument = node.child_by_field_name("argument")
            operator = frame.text(node).lstrip()[:1]
            results = []
            for st, operand in self.eval(argument, state, frame) if argument else []:
                if operator == "!":
                    results.extend(
                        (s, ("c", 0 if t else 1))
                        for s, t in self._truth_of_value(node, operand, st, frame)
                    )
                elif operator == "-" and operand[0] == "c":
                    results.append((st, ("c", -_int(operand))))
                else:
                    results.append((st, UNKNOWN))
            return results
        if kind == "update_expression":
            argument = node.child_by_field_name("argument")
            assert argument is not None
            increment = 1 if "++" in frame.text(node) else -1
            results = []
            for st, key in self.lvalue(argument, state, frame):
                if key is None:
                    results.append((st, UNKNOWN))
                    continue
                old = st.vals.get(key, UNKNOWN)
                new = ("c", int(old[1]) + increment) if old[0] == "c" else old  # type: ignore[call-overload]
                st.vals[key] = new
                self._forget_assumptions(st, frame, frame.text(argument))
                results.append(
                    (st, old if frame.text(node).rstrip().endswith(("++", "--")) else new)
                )
            return results
        if kind == "conditional_expression":
            condition = node.child_by_field_name("condition")
            consequence = node.child_by_field_name("consequence")
            alternative = node.child_by_field_name("alternative")
            assert condition is not None
            results = []
            for st, truth in self.truth(condition, state, frame):
                branch = consequence if truth else alternative
                results.extend(self.eval(branch, st, frame) if branch else [(st, UNKNOWN)])
            return results
        if kind == "comma_expression":
            left = node.child_by_field_name("left")
            right = node.child_by_field_name("right")
            results = []
            for st, _ in self.eval(left, state, frame) if left else [(state, UNKNOWN)]:
                results.extend(self.eval(right, st, frame) if right else [(st, UNKNOWN)])
            return results
        if kind == "qualified_identifier":
            name = frame.text(node)
            if self.program.resolve(name, frame.file) is not None:
                return [(state, ("f", name))]
            return [(state, UNKNOWN)]
        # Anything else: evaluate children for their effects (calls), value unknown.
        states = [state]
        for child in node.named_children:
            if child.type in ("comment", "type_descriptor", "primitive_type"):
                continue
            states = [s for st in states for s, _ in self.eval(child, st, frame)]
        return [(s, UNKNOWN) for s in states]

    def _identifier(self, node: Node, state: State, frame: Frame) -> Val:
        name = frame.text(node)
        if name in ("NULL", "nullptr"):
            return ("c", 0)
        if name in ("true", "TRUE"):
            return ("c", 1)
        if name in ("false", "FALSE"):
            return ("c", 0)
        local = frame.local(node)
        if name == "this" and frame.this is not None:
            return ("a", frame.this)
        if local is not None and local in frame.arrays:
            return ("a", f"F{frame.fid}:{local}")
        if local is None and name in self.program.macros:
            alias = self.program.macros[name]
            if alias in ("NULL", "0"):
                return ("c", 0)
        key = self._key(frame, name, node)
        return self._read(state, frame, key, name if local is None else None)

    def eval_binary(self, node: Node, state: State, frame: Frame) -> list[tuple[State, Val]]:
        """Arithmetic on constants, pointer arithmetic on owned pointers, comparisons."""
        operator = node.child_by_field_name("operator")
        op = frame.text(operator) if operator is not None else ""
        if op in _COMPARISONS or op in ("&&", "||"):
            return [(s, ("c", 1 if t else 0)) for s, t in self.truth(node, state, frame)]
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        assert left is not None and right is not None
        results: list[tuple[State, Val]] = []
        for st, lhs in self.eval(left, state, frame):
            for st2, rhs in self.eval(right, st, frame):
                if lhs[0] == "c" and rhs[0] == "c":
                    results.append((st2, _arith(op, int(lhs[1]), int(rhs[1]))))  # type: ignore[call-overload]
                elif lhs[0] == "o" and op in ("+", "-"):
                    results.append((st2, lhs))
                elif rhs[0] == "o" and op == "+":
                    results.append((st2, rhs))
                else:
                    results.append((st2, UNKNOWN))
        return results

    def lvalue(self, node: Node, state: State, frame: Frame) -> list[tuple[State, str | None]]:
        """The cell an expression designates, or None when it is somewhere we do not track."""
        kind = node.type
        if kind == "identifier":
            return [(state, self._key(frame, frame.text(node), node))]
        if kind == "parenthesized_expression" and node.named_children:
            return self.lvalue(node.named_children[-1], state, frame)
        if kind == "cast_expression":
            value = node.child_by_field_name("value")
            return self.lvalue(value, state, frame) if value else [(state, None)]
        if kind == "field_expression":
            argument = node.child_by_field_name("argument")
            field_node = node.child_by_field_name("field")
            assert argument is not None and field_node is not None
            name = frame.text(field_node)
            arrow = "->" in frame.text(node)[len(frame.text(argument)) :].lstrip()[:2]
            if not arrow:
                results: list[tuple[State, Any]] = []
                for st, base in self.lvalue(argument, state, frame):
                    if base is None:
                        results.append((st, None))
                        continue
                    union = argument.type == "identifier" and frame.local(argument) in frame.unions
                    results.append((st, f"{base}.{'<union>' if union else name}"))
                return results
            results = []
            for st, pointer in self.eval(argument, state, frame):
                base = self._deref_key(pointer, st, frame, node)
                results.append((st, f"{base}.{name}" if base is not None else None))
            return results
        if kind == "pointer_expression" and frame.text(node).lstrip().startswith("*"):
            argument = node.child_by_field_name("argument")
            assert argument is not None
            results = []
            for st, pointer in self.eval(argument, state, frame):
                results.append((st, self._deref_key(pointer, st, frame, node, element=True)))
            return results
        if kind == "subscript_expression":
            argument = node.child_by_field_name("argument")
            index_node = node.child_by_field_name("index") or node.child_by_field_name("indices")
            assert argument is not None
            results = []
            for st, pointer in self.eval(argument, state, frame):
                index_values = self.eval(index_node, st, frame) if index_node else [(st, UNKNOWN)]
                for st2, index in index_values:
                    target = self._deref_key(pointer, st2, frame, node, element=True)
                    suffix = f"[{index[1]}]" if index[0] == "c" else "[*]"
                    if target is not None and target.endswith("[0]"):
                        target = target[:-3]
                    results.append((st2, target + suffix if target is not None else None))
            return results
        return [(state, None)]

    def _deref_key(
        self, pointer: Val, state: State, frame: Frame, node: Node, element: bool = False
    ) -> str | None:
        if pointer[0] == "a":
            key = str(pointer[1])
            return key + "[0]" if element and self._is_array_key(key, frame) else key
        if pointer[0] == "o":
            obj_id = int(pointer[1])  # type: ignore[call-overload]
            self._check_use(state, frame, obj_id, node)
            return f"O{obj_id}[0]" if element else f"O{obj_id}"
        return None

    @staticmethod
    def _is_array_key(key: str, frame: Frame) -> bool:
        prefix = f"F{frame.fid}:"
        return key.startswith(prefix) and key[len(prefix) :] in frame.arrays

    def _check_use(self, state: State, frame: Frame, obj_id: int, node: Node) -> None:
        obj = state.objs.get(obj_id)
        if obj is not None and obj.status == _FREED:
            self._report_misuse(
                EventKind.USE_AFTER_RELEASE, state, frame, obj, node, _what(obj.site)
            )
            state.objs[obj_id] = replace(obj, status=_ESCAPED)

    def eval_access(self, node: Node, state: State, frame: Frame) -> list[tuple[State, Val]]:
        """Read a field, an element or through a pointer."""
        results: list[tuple[State, Val]] = []
        for st, key in self.lvalue(node, state, frame):
            if key is None:
                results.append((st, UNKNOWN))
                continue
            if key.endswith("]") and key not in st.vals:
                element = self._any_element(st, key[: key.rindex("[")])
                if element is not None:
                    results.append((st, element))
                    continue
            results.append((st, self._read(st, frame, key)))
        return results

    def eval_assignment(self, node: Node, state: State, frame: Frame) -> list[tuple[State, Val]]:
        """Store a value, noticing when that drops the last reference to something owned."""
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        operator = node.child_by_field_name("operator")
        assert left is not None and right is not None
        op = frame.text(operator) if operator is not None else "="
        results: list[tuple[State, Val]] = []
        for st, value in self.eval(right, state, frame):
            for st2, key in self.lvalue(left, st, frame):
                if op != "=":
                    old = st2.vals.get(key, UNKNOWN) if key else UNKNOWN
                    if old[0] == "c" and value[0] == "c":
                        value = _arith(op[:-1], int(old[1]), int(value[1]))  # type: ignore[call-overload]
                    elif old[0] == "o":
                        value = old
                    else:
                        value = UNKNOWN
                if key is None:
                    self._escape(
                        st2, value, frame, node, "is stored where the analysis cannot follow"
                    )
                else:
                    self._assign(st2, frame, key, value, node, frame.text(left))
                results.append((st2, value))
        return results

    def _assign(
        self, state: State, frame: Frame, key: str, value: Val, node: Node, name: str
    ) -> None:
        old = state.vals.get(key)
        realloc_failure = False
        if value[0] == "o":
            obj_id = int(value[1])  # type: ignore[call-overload]
            # Quote a declaration whole: `char *p = malloc(8)`, not its declarator `*p = ...`.
            shown = node.parent if node.type == "init_declarator" and node.parent else node
            state.note(
                frame.file,
                _line(node),
                f"`{_short(frame.text(shown).rstrip(';'))}` stores it in `{_short(name, 40)}`",
                [obj_id],
            )
        elif value == ("c", 0) and state.counters.get("realloc_failed_line") == _line(node):
            realloc_failure = True
        self._bind(state, key, value)
        self._forget_assumptions(state, frame, name)
        if old is not None and old[0] == "o" and old != value:
            obj_id = int(old[1])  # type: ignore[call-overload]
            statement = node
            while statement.parent is not None and statement.type not in (
                "expression_statement",
                "declaration",
            ):
                statement = statement.parent
            self._check_lost(
                state,
                frame,
                [obj_id],
                statement,
                LossKind.OVERWRITE,
                {obj_id: [name]},
                realloc_node=statement if realloc_failure else None,
            )

    def _forget_assumptions(self, state: State, frame: Frame, name: str) -> None:
        if not state.assumed:
            return
        word = re.compile(rf"\b{re.escape(name.strip())}\b")
        for key in [k for k in state.assumed if word.search(k)]:
            del state.assumed[key]

    def _escape(self, state: State, value: Val, frame: Frame, node: Node, why: str) -> None:
        targets: list[int] = []
        if value[0] == "o":
            targets.append(int(value[1]))  # type: ignore[call-overload]
        elif value[0] in ("a", "r"):
            base = str(value[1])
            for key, held in state.vals.items():
                if key.startswith(base) and held[0] == "o":
                    targets.append(int(held[1]))  # type: ignore[call-overload]
        for obj_id in targets:
            obj = state.objs.get(obj_id)
            if obj is not None and obj.status == _OWNED:
                state.objs[obj_id] = replace(obj, status=_ESCAPED)
                state.note(frame.file, _line(node), f"`{_short(frame.text(node))}` {why}", [obj_id])

    # ------------------------------------------------------------------ calls
    def eval_args(
        self, args_node: Node | None, state: State, frame: Frame
    ) -> list[tuple[State, list[Val]]]:
        """Evaluate call arguments left to right."""
        results: list[tuple[State, list[Val]]] = [(state, [])]
        for arg in args_node.named_children if args_node is not None else ():
            if arg.type == "comment":
                continue
            next_results = []
            for st, values in results:
                for st2, value in self.eval(arg, st, frame):
                    next_results.append((st2, [*values, value]))
            results = next_results
        return results

    def _callee_name(self, callee: Node, state: State, frame: Frame) -> str | None:
        kind = callee.type
        if kind == "identifier":
            name = frame.text(callee)
            if frame.local(callee) is not None or (
                name not in self.program.functions
                and name not in ACQUIRERS
                and name not in RELEASERS
                and name not in self.program.macros
            ):
                value = self._read(state, frame, self._key(frame, name, callee), name)
                if value[0] == "f":
                    return str(value[1])
            return self.program.macros.get(name, name)
        if kind in ("parenthesized_expression", "pointer_expression") and callee.named_children:
            return self._callee_name(callee.named_children[-1], state, frame)
        if kind == "qualified_identifier":
            return frame.text(callee)
        if kind == "template_function":
            name_node = callee.child_by_field_name("name")
            return frame.text(name_node) if name_node else None
        if kind == "field_expression":
            field_node = callee.child_by_field_name("field")
            target = self._field_function(callee, state, frame)
            if target is not None:
                return self.program.macros.get(target, target)
            return f".{frame.text(field_node)}" if field_node is not None else None
        return None

    def _field_function(self, callee: Node, state: State, frame: Frame) -> str | None:
        """`hooks.alloc(n)`: the function a struct member points to, when it is known."""
        argument = callee.child_by_field_name("argument")
        field_node = callee.child_by_field_name("field")
        if argument is None or field_node is None:
            return None
        for _, key in self.lvalue(callee, state.fork(), frame):
            value = state.vals.get(key) if key is not None else None
            if value is not None and value[0] == "f":
                return str(value[1])
            if value is None and key is not None and key.startswith(("G:", "S:")):
                # `hooks->alloc` where `hooks` points at a global: its static initialiser.
                variable, _, member = key.rsplit(":", 1)[-1].partition(".")
                known = self.program.field_function(variable, member, frame.file)
                if known is not None:
                    return known
        if argument.type == "identifier" and frame.local(argument) is None:
            return self.program.field_function(
                frame.text(argument), frame.text(field_node), frame.file
            )
        return None

    def eval_call(self, node: Node, state: State, frame: Frame) -> list[tuple[State, Val]]:
        """A call: acquire, release, follow a definition, or treat as a library call."""
        callee = node.child_by_field_name("function")
        args_node = node.child_by_field_name("arguments")
        name = self._callee_name(callee, state, frame) if callee is not None else None
        short = name.rsplit("::", 1)[-1] if name else None
        results: list[tuple[State, Val]] = []
        method_receiver: list[tuple[State, Val]] | None = None
        if callee is not None and callee.type == "field_expression":
            receiver = callee.child_by_field_name("argument")
            method_receiver = self.eval(receiver, state, frame) if receiver is not None else None
        for st, args in self.eval_args(args_node, state, frame):
            if short in NO_RETURN:
                continue
            if short in ACQUIRERS:
                results.extend(self._acquire(node, short, args, st, frame))
                continue
            if short in RELEASERS and args:
                first = args_node.named_children[0] if args_node is not None else None
                results.append((self._release(node, args[0], short, st, frame, first), ("c", 0)))
                continue
            if method_receiver and short is not None and name is not None and name.startswith("."):
                handled = self._method_call(node, name[1:], method_receiver[0][1], args, st, frame)
                if handled is not None:
                    results.extend(handled)
                    continue
            definition = (
                self.program.resolve(name, frame.file, frame.function.namespace)
                if name is not None and not name.startswith(".")
                else None
            )
            if (
                definition is not None
                and definition.body is not None
                and frame.depth() < self.max_depth
                and not frame.on_stack(definition)
            ):
                for arg, value in zip(self._arg_nodes(args_node), args, strict=False):
                    if value[0] == "o":
                        st.note(
                            frame.file,
                            _line(node),
                            f"`{_short(frame.text(node))}` passes it to `{definition.name}` "
                            f"as `{_short(frame.text(arg), 30)}`",
                            [int(value[1])],  # type: ignore[call-overload]
                        )
                referenced = self._reference_bindings(definition, args_node, st, frame)
                results.extend(self.call_function(definition, args, st, frame, node, referenced))
                continue
            if definition is None and short in self.program.classes:
                results.append((st, ("k", short)))  # a temporary object of a known class
                continue
            if definition is not None and self.program.model is not None:
                # Too deep or recursive to follow: use the repository model's summary.
                results.append(self._summarised_call(definition, node, args, st, frame))
                continue
            if short in NON_RETAINING:
                if short in DEREFERENCING:
                    for value in args:
                        if value[0] == "o":
                            self._check_use(st, frame, int(value[1]), node)  # type: ignore[call-overload]
                results.append((st, UNKNOWN))
                continue
            if method_receiver is not None and short is not None:
                # A method we cannot see: a container or object may keep what it is given.
                for value in args:
                    self._escape(st, value, frame, node, f"hands it to `{_short(name or '', 30)}`")
                results.append((st, UNKNOWN))
                continue
            if int(node.id) in self.predicates:
                results.append((st, UNKNOWN))
                continue
            for value in args:
                self._escape(
                    st, value, frame, node, f"passes it to `{short}`, which may keep or release it"
                )
            results.append((st, UNKNOWN))
        return results

    def _method_call(
        self, node: Node, method: str, receiver: Val, args: list[Val], state: State, frame: Frame
    ) -> list[tuple[State, Val]] | None:
        """A method on a known class instance, or on a standard container; None if neither."""
        cls = ""
        if receiver[0] == "k":
            cls = str(receiver[1])
        elif receiver[0] == "o":
            obj = state.objs.get(_int(receiver))
            cls = obj.cls if obj is not None else ""
        if cls:
            definition = self.program.resolve_method(cls, method)
            if definition is None or definition.body is None:
                return None
            if frame.depth() >= self.max_depth or frame.on_stack(definition):
                return [(state, UNKNOWN)]
            return self.call_function(definition, args, state, frame, node)
        if receiver[0] != "a":
            return None
        container = str(receiver[1])
        if method in _INSERTS:
            for value in args:
                if value[0] == "o":
                    count = sum(1 for k in state.vals if k.startswith(container + "[#"))
                    self._assign(state, frame, f"{container}[#{count}]", value, node, method)
            return [(state, UNKNOWN)]
        if method in _ELEMENT_READS:
            return [(state, self._any_element(state, container) or UNKNOWN)]
        return [(state, UNKNOWN)]

    @staticmethod
    def _any_element(state: State, container: str) -> Val | None:
        for key, value in state.vals.items():
            if key.startswith(container + "[") and value[0] == "o":
                return value
        return None

    def _summarised_call(
        self, definition: FunctionDef, node: Node, args: list[Val], state: State, frame: Frame
    ) -> tuple[State, Val]:
        from redline.analysis.repomodel import ArgumentEffect

        returned: Val = UNKNOWN
        constant = self.program.constant_return(definition)
        if constant is not None:
            returned = ("c", constant)
        for index, value in enumerate(args):
            effects = self.program.argument_effects(definition, index)
            if ArgumentEffect.FREES in effects or ArgumentEffect.CLOSES in effects:
                arguments = node.child_by_field_name("arguments")
                named = arguments.named_children if arguments is not None else []
                argument = named[index] if index < len(named) else None
                state = self._release(node, value, definition.name, state, frame, argument)
            elif ArgumentEffect.STORES in effects:
                self._escape(state, value, frame, node, f"is kept by `{definition.name}`")
            if ArgumentEffect.RETURNS in effects and value[0] == "o":
                returned = value
        acquirer = self.program.allocator_name(definition) if returned == UNKNOWN else None
        if acquirer is not None:
            # A wrapper of an acquirer: what it returns is the caller's to release.
            site = Site(
                frame.file,
                _line(node),
                frame.function.qualified,
                acquirer,
                ACQUIRERS[acquirer].kind,
            )
            obj = Obj(self._new_id(), site, validity=_MAYBE)
            state.objs[obj.id] = obj
            state.note(
                frame.file,
                _line(node),
                f"acquires {_what(site)} with `{_short(frame.text(node))}` (it wraps `{acquirer}`)",
                [obj.id],
            )
            returned = ("o", obj.id)
        return state, returned

    def _reference_bindings(
        self, definition: FunctionDef, args_node: Node | None, state: State, frame: Frame
    ) -> dict[int, str]:
        bindings: dict[int, str] = {}
        for index in definition.reference_parameters():
            nodes = self._arg_nodes(args_node)
            if index < len(nodes):
                keys = self.lvalue(nodes[index], state, frame)
                if len(keys) == 1 and keys[0][1] is not None:
                    bindings[index] = keys[0][1]
        return bindings

    @staticmethod
    def _arg_nodes(args_node: Node | None) -> list[Node]:
        return [a for a in (args_node.named_children if args_node else []) if a.type != "comment"]

    def _acquire(
        self, node: Node, name: str, args: list[Val], state: State, frame: Frame
    ) -> list[tuple[State, Val]]:
        spec = ACQUIRERS[name]
        site = Site(frame.file, _line(node), frame.function.qualified, name, spec.kind)
        obj = Obj(self._new_id(), site, validity=_MAYBE if spec.can_fail else _VALID)
        text = _short(frame.text(node))
        if spec.reallocates is not None and len(args) > spec.reallocates:
            old = args[spec.reallocates]
            if old[0] == "o" and state.objs.get(int(old[1])) is not None:  # type: ignore[call-overload]
                return self._reallocate(node, old, obj, state, frame)
        state.objs[obj.id] = obj
        state.note(frame.file, _line(node), f"acquires {_what(site)} with `{text}`", [obj.id])
        if spec.out_argument is not None:
            if len(args) > spec.out_argument:
                target = args[spec.out_argument]
                key = str(target[1]) if target[0] == "a" else None
                if key is not None:
                    self._assign(state, frame, key, ("o", obj.id), node, text)
                    return [(state, ("c", 0))]
            state.objs[obj.id] = replace(obj, status=_ESCAPED)
            return [(state, ("c", 0))]
        return [(state, ("o", obj.id))]

    def _reallocate(
        self, node: Node, old: Val, new: Obj, state: State, frame: Frame
    ) -> list[tuple[State, Val]]:
        old_id = int(old[1])  # type: ignore[call-overload]
        old_obj = state.objs[old_id]
        if old_obj.status == _FREED:
            self._report_misuse(
                EventKind.USE_AFTER_RELEASE, state, frame, old_obj, node, _what(old_obj.site)
            )
        moved = state.fork()
        moved.objs[old_id] = replace(old_obj, status=_ESCAPED)  # its memory moved to `new`
        moved.objs[new.id] = replace(new, validity=_VALID)
        moved.note(
            frame.file,
            _line(node),
            f"`{_short(frame.text(node))}` moves it to a new block",
            [new.id],
        )
        failed = state
        failed.counters["realloc_failed_line"] = _line(node)
        failed.note(
            frame.file,
            _line(node),
            f"`{_short(frame.text(node))}` fails and returns NULL; the old block stays allocated",
            [old_id],
        )
        return [(moved, ("o", new.id)), (failed, ("c", 0))]

    def _release(
        self,
        node: Node,
        value: Val,
        name: str,
        state: State,
        frame: Frame,
        argument: Node | None = None,
    ) -> State:
        if value[0] != "o":
            return state
        obj_id = int(value[1])  # type: ignore[call-overload]
        obj = state.objs.get(obj_id)
        if obj is None or obj.validity == _FAILED:
            return state
        if obj.status == _FREED:
            second = _released_levels(frame, node, argument)
            self._report_misuse(
                EventKind.DOUBLE_RELEASE, state, frame, obj, node, _what(obj.site), second
            )
            state.objs[obj_id] = replace(obj, status=_ESCAPED)
            return state
        if obj.status == _LEAKED:
            return state
        state.objs[obj_id] = replace(
            obj,
            status=_FREED,
            freed_line=_line(node),
            freed_file=frame.file,
            freed_chain=frame.chain(),
            freed_levels=_released_levels(frame, node, argument),
            freed_calls=_calls(frame),
        )
        state.note(frame.file, _line(node), f"`{_short(frame.text(node))}` releases it", [obj_id])
        inner = [
            int(v[1])  # type: ignore[call-overload]
            for k, v in state.vals.items()
            if k.startswith((f"O{obj_id}.", f"O{obj_id}[")) and v[0] == "o"
        ]
        for key in [k for k in state.vals if k.startswith((f"O{obj_id}.", f"O{obj_id}["))]:
            del state.vals[key]
        if inner:
            statement = node.parent if node.parent is not None else node
            self._check_lost(state, frame, inner, statement, LossKind.CONTAINER_RELEASED, {})
        return state

    def eval_new(self, node: Node, state: State, frame: Frame) -> list[tuple[State, Val]]:
        """`new T` and `new T[n]` acquire memory that cannot be NULL."""
        is_array = any(c.type == "new_declarator" for c in node.children)
        kind = ResourceKind.NEW_ARRAY if is_array else ResourceKind.NEW
        arguments = node.child_by_field_name("arguments")
        evaluated = self.eval_args(arguments, state, frame) if arguments else [(state, [])]
        results: list[tuple[State, Val]] = []
        for st, constructor_args in evaluated:
            site = Site(frame.file, _line(node), frame.function.qualified, str(kind), kind)
            type_node = node.child_by_field_name("type")
            cls = frame.text(type_node).rsplit("::", 1)[-1] if type_node is not None else ""
            obj = Obj(self._new_id(), site, validity=_VALID, cls=cls)
            st.objs[obj.id] = obj
            if cls in self.program.classes and not is_array:
                built = self._construct(cls, f"O{obj.id}", constructor_args, st, frame, node)
                st = built[0] if built else st
            st.note(
                frame.file,
                _line(node),
                f"acquires {_what(site)} with `{_short(frame.text(node))}`",
                [obj.id],
            )
            results.append((st, ("o", obj.id)))
        return results

    def eval_delete(self, node: Node, state: State, frame: Frame) -> list[tuple[State, Val]]:
        """`delete p` / `delete[] p` release."""
        argument = node.named_children[-1] if node.named_children else None
        if argument is None:
            return [(state, UNKNOWN)]
        results: list[tuple[State, Val]] = []
        for st, value in self.eval(argument, state, frame):
            obj = st.objs.get(_int(value)) if value[0] == "o" else None
            destructor = (
                self.program.resolve_method(obj.cls, f"~{obj.cls}") if obj and obj.cls else None
            )
            destroyed = [st]
            if (
                destructor is not None
                and destructor.body is not None
                and obj is not None
                and obj.status == _OWNED
                and frame.depth() < self.max_depth
            ):
                destroyed = [
                    s
                    for s, _ in self.call_function(
                        destructor, [], st, frame, node, this=f"O{obj.id}"
                    )
                ]
            results.extend(
                (self._release(node, value, "delete", d, frame, argument), UNKNOWN)
                for d in destroyed
            )
        return results


def _what(site: Site) -> str:
    if site.kind is ResourceKind.MEMORY:
        return f"memory from `{site.call}`"
    if site.kind in (ResourceKind.NEW, ResourceKind.NEW_ARRAY):
        return f"memory from `{site.kind}`"
    return f"the {site.kind} from `{site.call}`"


def _int(value: Val) -> int:
    """The integer inside a constant or object-id value."""
    payload = value[1]
    assert isinstance(payload, int)
    return payload


def _number(text: str) -> Val:
    text = text.strip()
    sign = -1 if text.startswith("-") else 1
    text = text.lstrip("-+ ")
    if not _NUMBER.match(text):
        return UNKNOWN
    digits = text.rstrip("uUlL")
    if sign < 0:
        positive = _number(digits)
        return ("c", -_int(positive)) if positive[0] == "c" else UNKNOWN
    if digits.lower().startswith("0x"):
        return ("c", int(digits, 16))
    if digits.startswith("0") and len(digits) > 1:
        return ("c", int(digits, 8))
    return ("c", int(digits))


def _apply_comparison(op: str, a: int, b: int) -> bool:
    return {
        "==": a == b,
        "!=": a != b,
        "<": a < b,
        ">": a > b,
        "<=": a <= b,
        ">=": a >= b,
    }[op]


def _arith(op: str, a: int, b: int) -> Val:
    try:
        result = {
            "+": lambda: a + b,
            "-": lambda: a - b,
            "*": lambda: a * b,
            "/": lambda: int(a / b),
            "%": lambda: a % b,
            "&": lambda: a & b,
            "|": lambda: a | b,
            "^": lambda: a ^ b,
            "<<": lambda: a << b,
            ">>": lambda: a >> b,
        }[op]()
    except (KeyError, ZeroDivisionError, ValueError):
        return UNKNOWN
    return ("c", result)


_BLOCKS = frozenset({"compound_statement", "for_statement", "for_range_loop", "catch_clause"})


def scope_map(function: FunctionDef, cache: dict[int, dict[int, str]]) -> dict[int, str]:
    """For each identifier in `function` naming a local: the local's unique name.

    A declaration that shadows an outer one (`char *data` inside a block of a function that
    already has `data`) gets its own name, so the two never share a cell.
    """
    cache_key = int(function.node.id)
    cached = cache.get(cache_key)
    if cached is not None:
        return cached
    source = function.source
    mapping: dict[int, str] = {}
    used: set[str] = set()
    params = [p for p in function.parameters() if p]
    declarator = function.node.child_by_field_name("declarator")
    scopes: list[dict[str, str]] = [{p: p for p in params}]
    used.update(params)
    if declarator is not None:
        for identifier in _identifiers(declarator):
            name = source.text(identifier)
            if name in scopes[0]:
                mapping[int(identifier.start_byte)] = name

    def declare(name_node: Node) -> None:
        name = source.text(name_node)
        unique = name if name not in used else f"{name}@{name_node.start_byte}"
        used.add(name)
        scopes[-1][name] = unique
        mapping[int(name_node.start_byte)] = unique

    def visit(node: Node) -> None:
        kind = node.type
        if kind in _BLOCKS:
            scopes.append({})
            for child in node.children:
                visit(child)
            scopes.pop()
            return
        if kind == "declaration":
            declarators = node.children_by_field_name("declarator")
            for child in node.children:
                if child not in declarators:
                    visit(child)
            for child in declarators:
                if child.type == "function_declarator":
                    continue
                value = (
                    child.child_by_field_name("value") if child.type == "init_declarator" else None
                )
                if value is not None:
                    visit(value)
                declare(declarator_name(child))
            return
        if kind == "identifier":
            name = source.text(node)
            for scope in reversed(scopes):
                if name in scope:
                    mapping[int(node.start_byte)] = scope[name]
                    break
            return
        if kind in ("field_identifier", "type_identifier", "statement_identifier"):
            return
        for child in node.children:
            visit(child)

    body = function.body
    if body is not None:
        visit(body)
    cache[cache_key] = mapping
    return mapping


def _identifiers(node: Node) -> list[Node]:
    return descendants(node, "identifier")
