"""The analysed sources as the ownership engine needs them.

For each parsed file: its function definitions, its global variables with their constant
initialisers, its object-like macros (so that `#define OPEN open` is followed) and the names of
its union types (whose members share storage). Name resolution follows C linkage: a `static`
definition is seen from its own file first, an external one from anywhere.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from redline.analysis.parsing import C_DEFINITION_GROUPS

if TYPE_CHECKING:
    from tree_sitter import Node

    from redline.analysis.parsing import ParsedSource
    from redline.analysis.repomodel import ArgumentEffect, RepositoryModel

_NESTED = frozenset(
    {"class_specifier", "struct_specifier", "field_declaration_list", "template_declaration"}
)
_CONTAINERS = C_DEFINITION_GROUPS | {"namespace_definition"}


@dataclass(frozen=True)
class FunctionDef:
    """One function definition: where it is, what it is called and its syntax node."""

    name: str
    qualified: str
    source: ParsedSource
    node: Node
    static: bool

    @property
    def namespace(self) -> str:
        """The enclosing C++ namespaces, joined by `::` (empty for C)."""
        names: list[str] = []
        parent = self.node.parent
        while parent is not None:
            if parent.type == "namespace_definition":
                name = parent.child_by_field_name("name")
                names.append(self.source.text(name) if name is not None else "")
            parent = parent.parent
        return "::".join(reversed(names))

    @property
    def owner_class(self) -> str:
        """The class a method defined inside a class body belongs to (empty otherwise)."""
        parent = self.node.parent
        while parent is not None:
            if parent.type in ("class_specifier", "struct_specifier"):
                name = parent.child_by_field_name("name")
                return self.source.text(name) if name is not None else ""
            parent = parent.parent
        return ""

    @property
    def file(self) -> str:
        """The file the function is defined in."""
        return self.source.path

    @property
    def line(self) -> int:
        """The 1-based line of the definition."""
        return int(self.node.start_point[0]) + 1

    @property
    def end_line(self) -> int:
        """The 1-based line of the closing brace."""
        return int(self.node.end_point[0]) + 1

    @property
    def body(self) -> Node | None:
        """The compound statement of the body."""
        return self.node.child_by_field_name("body")

    def reference_parameters(self) -> list[int]:
        """Indexes of C++ reference parameters (`T &name`)."""
        declarator = function_declarator(self.node)
        params = declarator.child_by_field_name("parameters") if declarator else None
        found: list[int] = []
        index = 0
        for param in params.named_children if params else ():
            if param.type not in ("parameter_declaration", "optional_parameter_declaration"):
                continue
            inner = param.child_by_field_name("declarator")
            if inner is not None and is_reference(inner):
                found.append(index)
            index += 1
        return found

    def parameters(self) -> list[str]:
        """The parameter names in order (unnamed parameters as empty strings)."""
        declarator = function_declarator(self.node)
        params = declarator.child_by_field_name("parameters") if declarator else None
        names: list[str] = []
        for param in params.named_children if params else ():
            if param.type not in ("parameter_declaration", "optional_parameter_declaration"):
                continue
            inner = param.child_by_field_name("declarator")
            names.append(self.source.text(declarator_name(inner)) if inner else "")
        return names


@dataclass(frozen=True)
class GlobalVar:
    """A file-scope variable and, when it has one, its constant initial value."""

    name: str
    file: str
    static: bool
    const: bool
    initial: int | None
    type_name: str = ""
    functions: tuple[str, ...] = ()  # identifiers of a `{ f, g }` initialiser, in order


def descendants(node: Node, kind: str) -> list[Node]:
    """`node` and the nodes under it of syntax type `kind`."""
    found: list[Node] = []
    stack = [node]
    while stack:
        at = stack.pop()
        if at.type == kind:
            found.append(at)
        stack.extend(at.named_children)
    return found


def is_reference(declarator: Node) -> bool:
    current: Node | None = declarator
    while current is not None:
        if current.type == "reference_declarator":
            return True
        if current.type not in ("pointer_declarator", "abstract_pointer_declarator"):
            return False
        current = current.child_by_field_name("declarator")
    return False


def _member_name(declarator: Node, source: ParsedSource) -> str:
    """A struct member's name, also for `void *(MACRO *name)(args)` function pointers."""
    found = ""
    stack = [declarator]
    while stack:
        node = stack.pop()
        if node.type == "parameter_list":
            continue
        if node.type in ("field_identifier", "identifier"):
            found = source.text(node) if node.start_byte >= 0 else found
        stack.extend(reversed(node.children))
    return found or source.text(declarator_name(declarator))


def function_declarator(node: Node) -> Node | None:
    """The function_declarator inside a definition, through pointers and references."""
    current = node.child_by_field_name("declarator")
    while current is not None and current.type != "function_declarator":
        current = current.child_by_field_name("declarator") or (
            current.named_children[-1] if current.named_children else None
        )
    return current


def declarator_name(node: Node) -> Node:
    """The identifier a declarator declares (`*p`, `p[10]`, `(*fp)(int)` all name `p`/`fp`)."""
    current = node
    while current.type not in ("identifier", "field_identifier", "qualified_identifier"):
        inner = current.child_by_field_name("declarator")
        if inner is None:
            named = [c for c in current.named_children if c.type != "type_qualifier"]
            if not named:
                return current
            inner = named[0]
        current = inner
    return current


def _has_storage(node: Node, source: ParsedSource, word: str) -> bool:
    return any(
        child.type in ("storage_class_specifier", "type_qualifier") and source.text(child) == word
        for child in node.children
    )


def _constant(node: Node | None, source: ParsedSource) -> int | None:
    if node is None:
        return None
    text = source.text(node).strip().rstrip("uUlL")
    if node.type in ("true",) or text == "true":
        return 1
    if node.type in ("false", "null") or text in ("false", "NULL", "nullptr"):
        return 0
    if node.type == "parenthesized_expression" and node.named_children:
        return _constant(node.named_children[0], source)
    if node.type == "unary_expression" and source.text(node).startswith("-"):
        inner = _constant(node.child_by_field_name("argument"), source)
        return -inner if inner is not None else None
    try:
        return int(text, 0)
    except ValueError:
        return None


@dataclass
class Program:
    """Everything the engine resolves names against, built from a set of parsed files."""

    sources: list[ParsedSource]
    functions: dict[str, list[FunctionDef]] = field(default_factory=lambda: defaultdict(list))
    globals: dict[str, list[GlobalVar]] = field(default_factory=lambda: defaultdict(list))
    macros: dict[str, str] = field(default_factory=dict)
    unions: set[str] = field(default_factory=set)
    classes: set[str] = field(default_factory=set)
    struct_fields: dict[str, list[str]] = field(default_factory=dict)
    written_globals: set[str] = field(default_factory=set)
    called_names: set[str] = field(default_factory=set)
    model: RepositoryModel | None = None
    _by_location: dict[tuple[str, int], FunctionDef] = field(default_factory=dict)
    _model_ids: dict[tuple[str, int], str] = field(default_factory=dict)
    _relative: dict[str, str] = field(default_factory=dict)
    _lines: dict[str, list[bytes]] = field(default_factory=dict)
    _resolved: dict[tuple[str, str, str], FunctionDef | None] = field(default_factory=dict)
    _allocators: dict[int, str | None] = field(default_factory=dict)
    _constants: dict[tuple[str, str], int | None] = field(default_factory=dict)
    _globals_seen: dict[tuple[str, str], GlobalVar | None] = field(default_factory=dict)

    def lines(self) -> dict[str, list[bytes]]:
        """Each file's lines (for checking that a trace points at real code)."""
        if not self._lines:
            self._lines.update({s.path: s.source.split(b"\n") for s in self.sources})
        return self._lines

    def attach(self, model: RepositoryModel) -> None:
        """Use the repository model for name resolution, constants and argument effects."""
        self.model = model
        root = model.root.resolve()
        for function in self.all_functions():
            absolute = str(Path(function.file).resolve())
            self._by_location[(absolute, function.line)] = function
        for source in self.sources:
            try:
                relative = Path(source.path).resolve().relative_to(root).as_posix()
            except ValueError:
                continue
            self._relative[source.path] = relative
        for info in model.functions.values():
            self._model_ids[(str((root / info.file).resolve()), info.line)] = info.id

    def _model_function(self, name: str, from_file: str) -> FunctionDef | None:
        if self.model is None or from_file not in self._relative:
            return None
        info = self.model.resolve(name, self._relative[from_file])
        if info is None:
            return None
        return self._by_location.get((str((self.model.root / info.file).resolve()), info.line))

    def model_id(self, function: FunctionDef) -> str | None:
        """The repository model's id of `function`, when a model is attached."""
        return self._model_ids.get((str(Path(function.file).resolve()), function.line))

    def argument_effects(self, function: FunctionDef, index: int) -> frozenset[ArgumentEffect]:
        """What `function` does with argument `index`, from the model (empty without one)."""
        identifier = self.model_id(function)
        if self.model is None or identifier is None:
            return frozenset()
        return self.model.argument_effects(identifier, index)

    def constant_return(self, function: FunctionDef) -> int | None:
        """The constant `function` always returns, from the model."""
        identifier = self.model_id(function)
        if self.model is None or identifier is None:
            return None
        value = self.model.constant_return(identifier)
        return int(value) if isinstance(value, bool | int) else None

    def allocator_name(
        self, function: FunctionDef, seen: frozenset[int] = frozenset()
    ) -> str | None:
        """The library acquirer whose result `function` hands back, when it is a wrapper.

        A wrapper returns only NULL or one local variable, which it assigns from an acquirer
        (or from another wrapper) and never releases, stores or passes by address. The engine
        uses this where it does not follow a call (too deep or recursive).
        """
        if function.node.id in self._allocators:
            return self._allocators[function.node.id]
        found = self._allocator_name(function, seen | {function.node.id})
        self._allocators[function.node.id] = found
        return found

    def _allocator_name(self, function: FunctionDef, seen: frozenset[int]) -> str | None:
        from redline.analysis.leaks.resources import ACQUIRERS, RELEASERS

        body = function.body
        if body is None:
            return None
        text = function.source.text(body)
        returned = {value.strip("() \t") for value in re.findall(r"\breturn\b([^;]*);", text)}
        variables = returned - {"NULL", "0", "nullptr"}
        if len(variables) != 1:
            return None
        variable = variables.pop()
        if not variable.isidentifier():
            return None
        name = re.escape(variable)
        assigned = re.findall(rf"(?<![\w.>])\b{name}\s*=(?!=)\s*(?:\([^()]*\)\s*)*(\w+)\s*\(", text)
        if len(assigned) != 1 or len(re.findall(rf"\b{name}\s*=(?!=)", text)) != 1:
            return None
        if re.search(rf"&\s*{name}\b", text):
            return None  # its address is taken
        local_names = set(
            re.findall(
                r"\w+", " ".join(function.source.text(d) for d in descendants(body, "declaration"))
            )
        )
        for target in re.findall(rf"([\w.\->\[\]]+)\s*=\s*{name}\s*;", text):
            if target not in local_names:
                return None  # stored somewhere that outlives the call
        releasing = "|".join(map(re.escape, RELEASERS))
        if re.search(rf"\b(?:{releasing}|delete)\b[\s(\[\]]*{name}\b", text):
            return None
        callee = str(assigned[0])
        spec = ACQUIRERS.get(self.macros.get(callee, callee))
        if spec is not None:
            if spec.out_argument is not None or spec.reallocates is not None:
                return None
            return self.macros.get(callee, callee)
        inner = self.resolve(callee, function.file)
        if inner is None or inner.node.id in seen:
            return None
        wrapped: str | None = self.allocator_name(inner, seen)
        return wrapped

    @classmethod
    def from_sources(cls, sources: Iterable[ParsedSource]) -> Program:
        """Index `sources` (headers first, so that their macros are known to every file)."""
        ordered = sorted(sources, key=lambda s: (not s.path.endswith((".h", ".hpp")), s.path))
        program = cls(list(ordered))
        for source in program.sources:
            program._index(source, source.tree.root_node, set())
        return program

    def _index(self, source: ParsedSource, node: Node, defined: set[str]) -> None:
        for child in node.named_children:
            self._index_one(source, child, defined)
        if node.type == "translation_unit":
            self._scan_uses(source, node)

    def _index_one(self, source: ParsedSource, child: Node, defined: set[str]) -> None:
        kind = child.type
        if kind == "function_definition":
            self._add_function(source, child)
        elif kind == "declaration":
            self._add_globals(source, child)
        elif kind == "preproc_def":
            name = child.child_by_field_name("name")
            value = child.child_by_field_name("value")
            if name is not None:
                defined.add(source.text(name))
                if value is not None and source.text(value).strip().isidentifier():
                    self.macros[source.text(name)] = source.text(value).strip()
        elif kind == "preproc_ifdef":
            self._index_conditional(source, child, defined)
        elif kind in ("type_definition", "union_specifier"):
            self._add_union(source, child)
            self._add_struct_fields(source, child)
        elif kind in _CONTAINERS or kind in _NESTED:
            if kind == "class_specifier":
                name = child.child_by_field_name("name")
                if name is not None:
                    self.classes.add(source.text(name).rsplit("::", 1)[-1])
            self._index(source, child, defined)

    def _index_conditional(self, source: ParsedSource, node: Node, defined: set[str]) -> None:
        # Follow `#ifdef NAME`/`#ifndef NAME` as a preprocessor would with nothing predefined,
        # so that platform branches (`#ifdef _WIN32`) pick the POSIX side for macros; functions
        # on either side are indexed all the same.
        name = node.child_by_field_name("name")
        negated = source.text(node).startswith("#ifndef")
        taken = (source.text(name) in defined) != negated if name is not None else True
        alternative = node.child_by_field_name("alternative")
        before = dict(self.macros)
        for child in node.named_children:
            if child is not alternative and child is not name:
                self._index_one(source, child, defined)
        if alternative is None:
            return
        if taken:
            kept = dict(self.macros)
            self._index(source, alternative, defined)
            self.macros.update(kept)
        else:
            skipped = dict(self.macros)
            self.macros = before
            self._index(source, alternative, defined)
            for key, value in skipped.items():
                self.macros.setdefault(key, value)

    def _add_struct_fields(self, source: ParsedSource, node: Node) -> None:
        specifier = node if node.type == "struct_specifier" else node.child_by_field_name("type")
        if specifier is None or specifier.type != "struct_specifier":
            return
        body = specifier.child_by_field_name("body")
        if body is None:
            return
        names: list[str] = []
        for member in body.named_children:
            if member.type != "field_declaration":
                continue
            for declarator in member.children_by_field_name("declarator"):
                names.append(_member_name(declarator, source))
        labels = [specifier.child_by_field_name("name")]
        if node.type == "type_definition":
            labels += node.children_by_field_name("declarator")
        for label in labels:
            if label is not None:
                self.struct_fields[source.text(label)] = names

    def _add_union(self, source: ParsedSource, node: Node) -> None:
        text = source.text(node)
        if "union" not in text.split("{", 1)[0] and node.type != "union_specifier":
            return
        for child in node.named_children:
            if child.type == "type_identifier":
                self.unions.add(source.text(child))

    def _add_function(self, source: ParsedSource, node: Node) -> None:
        declarator = function_declarator(node)
        if declarator is None:
            return
        name_node = declarator.child_by_field_name("declarator")
        if name_node is None:
            return
        qualified = source.text(name_node)
        name = qualified.rsplit("::", 1)[-1].strip()
        static = _has_storage(node, source, "static")
        self.functions[name].append(FunctionDef(name, qualified, source, node, static))

    def _add_globals(self, source: ParsedSource, node: Node) -> None:
        static = _has_storage(node, source, "static")
        const = _has_storage(node, source, "const")
        for declarator in node.children_by_field_name("declarator"):
            if declarator.type == "function_declarator":
                continue
            value = declarator.child_by_field_name("value")
            name_node = declarator_name(declarator)
            if name_node.type != "identifier":
                continue
            initial = _constant(value, source) if value is not None else None
            if value is None and not _has_storage(node, source, "extern"):
                initial = 0  # objects of static storage duration start zeroed
            if _has_storage(node, source, "extern"):
                continue
            name = source.text(name_node)
            type_node = node.child_by_field_name("type")
            type_name = ""
            if type_node is not None:
                if type_node.type == "struct_specifier":
                    self._add_struct_fields(source, type_node)
                    label = type_node.child_by_field_name("name")
                    type_name = source.text(label) if label is not None else ""
                else:
                    type_name = source.text(type_node)
            functions: tuple[str, ...] = ()
            if value is not None and value.type == "initializer_list":
                functions = tuple(source.text(item) for item in value.named_children)
            elif value is not None and value.type == "identifier":
                functions = (source.text(value),)  # a function pointer: `f_t *f = malloc;`
            self.globals[name].append(
                GlobalVar(name, source.path, static, const, initial, type_name, functions)
            )

    def _scan_uses(self, source: ParsedSource, root: Node) -> None:
        stack = [root]
        while stack:
            node = stack.pop()
            kind = node.type
            if kind == "call_expression":
                callee = node.child_by_field_name("function")
                if callee is not None:
                    self.called_names.add(source.text(callee).rsplit("::", 1)[-1].split(".")[-1])
            elif kind == "identifier" and node.parent is not None:
                parent = node.parent
                if parent.type not in ("call_expression",) and parent.type not in (
                    "function_declarator",
                ):
                    # A function named as a value (stored in a pointer) may be called from
                    # anywhere, so it is not a root of its own.
                    self.called_names.add(source.text(node))
            if kind in ("assignment_expression", "update_expression"):
                target = node.child_by_field_name("left") or node.child_by_field_name("argument")
                if target is not None and target.type == "identifier":
                    self.written_globals.add(source.text(target))
            stack.extend(node.children)

    def resolve(self, name: str, from_file: str, namespace: str = "") -> FunctionDef | None:
        """The definition a call to `name` from `from_file` reaches, by C linkage rules.

        In C++, a definition in the caller's namespace (or the one the name spells) wins.
        """
        key = (name, from_file, namespace)
        if key not in self._resolved:
            self._resolved[key] = self._resolve(name, from_file, namespace)
        return self._resolved[key]

    def _resolve(self, name: str, from_file: str, namespace: str) -> FunctionDef | None:
        name = self.macros.get(name, name)
        candidates = self.functions.get(name.rsplit("::", 1)[-1])
        if not candidates:
            return None
        if "::" not in name and not namespace:
            through_model = self._model_function(name, from_file)
            if through_model is not None:
                return through_model
        wanted = name.rsplit("::", 1)[0] if "::" in name else namespace
        if wanted and len(candidates) > 1:
            scoped = [c for c in candidates if c.namespace.endswith(wanted)]
            if scoped:
                candidates = scoped
        same_file = [c for c in candidates if c.file == from_file]
        if same_file:
            if "::" in name:
                exact = [c for c in same_file if c.qualified.endswith(name)]
                if exact:
                    return exact[0]
            return same_file[0]
        external = [c for c in candidates if not c.static]
        if "::" in name:
            exact = [c for c in external if c.qualified.endswith(name)]
            if exact:
                return exact[0]
        return external[0] if len(external) >= 1 else None

    def field_function(self, name: str, member: str, from_file: str) -> str | None:
        """The function a global struct's member points to by its static initialiser.

        `static hooks_t hooks = { my_alloc, my_free };` makes `hooks.alloc` mean `my_alloc`
        (assuming, as for any initialised global, that the path did not change it).
        """
        variable = self.global_value(name, from_file)
        if variable is None or not variable.functions:
            return None
        members = self.struct_fields.get(variable.type_name, [])
        if member not in members:
            return None
        index = members.index(member)
        if index >= len(variable.functions) or not variable.functions[index].isidentifier():
            return None
        return self._known_function(variable.functions[index])

    def pointed_function(self, name: str, from_file: str) -> str | None:
        """The function a global function pointer is initialised with (`f = malloc`), when it
        is one the program or the library tables know (assuming, as for any initialised
        global, that the path did not change it)."""
        variable = self.global_value(name, from_file)
        if (
            variable is None
            or len(variable.functions) != 1
            or variable.type_name in self.struct_fields
        ):
            return None
        return self._known_function(variable.functions[0])

    def _known_function(self, target: str) -> str | None:
        """`target` when the program defines it or the macro or library tables name it."""
        from redline.analysis.leaks.resources import ACQUIRERS, RELEASERS

        known = (self.functions, self.macros, ACQUIRERS, RELEASERS)
        return target if any(target in names for names in known) else None

    def resolve_method(self, cls: str, method: str) -> FunctionDef | None:
        """The definition of `cls::method` (out of line or inside the class body)."""
        for candidate in self.functions.get(method, ()):
            if candidate.qualified.endswith(f"{cls}::{method}") or candidate.owner_class == cls:
                return candidate
        return None

    def global_value(self, name: str, from_file: str) -> GlobalVar | None:
        """The file-scope variable `name` seen from `from_file`, if the program defines one."""
        key = (name, from_file)
        if key in self._globals_seen:
            return self._globals_seen[key]
        found = self._global_value(name, from_file)
        self._globals_seen[key] = found
        return found

    def _global_value(self, name: str, from_file: str) -> GlobalVar | None:
        candidates = self.globals.get(name)
        if not candidates:
            return None
        same_file = [g for g in candidates if g.file == from_file]
        if same_file:
            return same_file[0]
        external = [g for g in candidates if not g.static]
        return external[0] if external else None

    def constant_global(self, name: str, from_file: str) -> int | None:
        """The value of a global that is initialised to a constant and never written."""
        key = (name, from_file)
        if key not in self._constants:
            self._constants[key] = self._constant_global(name, from_file)
        return self._constants[key]

    def _constant_global(self, name: str, from_file: str) -> int | None:
        if self.model is not None and from_file in self._relative:
            value = self.model.global_value(name, self._relative[from_file])
            if isinstance(value, bool | int):
                return int(value)
        variable = self.global_value(name, from_file)
        if variable is None or variable.initial is None:
            return None
        if variable.const or name not in self.written_globals:
            return variable.initial
        return None

    def roots(self) -> Iterator[FunctionDef]:
        """Functions nothing in the program calls: where analyses start."""
        for name, definitions in self.functions.items():
            if name not in self.called_names:
                yield from definitions

    def all_functions(self) -> Iterator[FunctionDef]:
        """Every function definition."""
        for definitions in self.functions.values():
            yield from definitions
