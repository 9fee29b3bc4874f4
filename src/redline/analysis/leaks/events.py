"""What the ownership engine observes on a path, before it becomes a `Finding`.

Events are plain values: a leak (the last reference to an owned thing is lost), a double
release, a use after release. Each carries the path steps that led to it and the syntax nodes a
patch needs; rules turn events into findings, and nothing else reads the nodes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from redline.analysis.leaks.resources import ResourceKind

if TYPE_CHECKING:
    from tree_sitter import Node

    from redline.analysis.leaks.program import FunctionDef


class EventKind(StrEnum):
    """What went wrong with an owned thing."""

    LEAK = "leak"
    DOUBLE_RELEASE = "double release"
    USE_AFTER_RELEASE = "use after release"


class LossKind(StrEnum):
    """How the last reference to an owned thing was lost."""

    RETURN = "return"  # a return statement left the function with it unreleased
    END = "end"  # control reached the closing brace of the function
    OVERWRITE = "overwrite"  # the only pointer to it was assigned something else
    CONTAINER_RELEASED = "container released"  # what held it was released first


@dataclass(frozen=True)
class Step:
    """One location on the path with a sentence about it."""

    file: str
    line: int
    note: str


@dataclass(frozen=True)
class Site:
    """Where an owned thing was acquired."""

    file: str
    line: int
    function: str
    call: str
    kind: ResourceKind


@dataclass(frozen=True)
class Event:
    """One defect seen on one feasible path."""

    kind: EventKind
    site: Site
    file: str
    line: int
    function: str
    steps: tuple[Step, ...]
    message: str
    loss: LossKind | None = None
    # What a patch needs: the function whose frame lost (or misused) it, the statement where it
    # was lost (or misused), the names that still held it there, a `continue` taken on the way,
    # and for a realloc failure the assignment that dropped the old block.
    frame: FunctionDef | None = field(default=None, compare=False)
    loss_node: Node | None = field(default=None, compare=False)
    holders: tuple[str, ...] = ()
    continue_node: Node | None = field(default=None, compare=False)
    realloc_node: Node | None = field(default=None, compare=False)
    checked: bool = False  # the acquisition was checked for failure on this path
    # Blocks the path entered in the losing frame after the acquisition, innermost last.
    branches: tuple[Node, ...] = field(default=(), compare=False)
    # Double releases: where nulling the variable after the first release certainly makes the
    # second a no-op, best first: (function, the release call, the released variable).
    first_releases: tuple[tuple[FunctionDef, Node, Node], ...] = field(default=(), compare=False)
    # Double releases and uses after release: the first release, lifted through callers while
    # it released a parameter (index 0 the releasing frame), and for a double release the
    # second one, lifted the same way.
    released_by: tuple[tuple[FunctionDef, Node, Node], ...] = field(default=(), compare=False)
    second_release: tuple[tuple[FunctionDef, Node, Node], ...] = field(default=(), compare=False)
