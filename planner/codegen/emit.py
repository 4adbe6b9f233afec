"""Print a recorded tree as a Pulumi Python program: one module per group component, `shared.py`, `__main__.py`.

Each group is a `ComponentResource` with an `Args` dataclass (Pulumi's component convention) whose fields
are the units it reads from: other groups, `shared` (the resources outside every group: the APIs a GCP
project enables, AWS's provider per region), and, where two groups read each other, a deferred output
(`pulumi.deferred_output()`) that `__main__.py` resolves once the later group exists. Every resource is an
attribute (`self.vpc_main`) with its arguments written out; a reference is an attribute access on the
resource it came from. `__main__.py` only creates the units in order and exports the stack outputs.

The text is made valid here and formatted by ruff (planner/codegen/format.py).
"""

from __future__ import annotations

import keyword
import re
import textwrap
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import permutations
from typing import Any

from planner.codegen.record import JsonText, snake_case
from planner.codegen.tree import (
    Archive,
    Asset,
    ConfigRef,
    Derived,
    InvokeNode,
    Ref,
    ResourceNode,
    Secret,
    Template,
    Tree,
    owners,
    refs,
)
from planner.core.model.plan import Plan, PlanItem

SHARED = "shared"
DERIVED_MODULE = "derived"
MAX_PERMUTED_CYCLE = 6  # groups in one cycle whose every order is tried for the fewest deferred outputs
COMMENT_MAX = 110
COMMENT_MAX_LINES = 8  # per note: a longer one is cut, marked with an ellipsis
CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]+")  # and bidi controls (Trojan Source)
STRING_ESCAPES: dict[str, str] = {'"': '\\"', "\\": "\\\\"}
PACKAGE_ALIASES: dict[str, str] = {"gcp": "pulumi_gcp", "aws": "pulumi_aws", "random": "pulumi_random"}
ASSET_CLASSES: dict[str, str] = {"text": "StringAsset", "path": "FileAsset", "uri": "RemoteAsset"}


@dataclass
class Unit:
    """A module of the program: a group component, or `shared`."""

    name: str  # module and variable name: network, compute, shared
    component: ResourceNode | None
    members: list[int] = field(default_factory=list)  # node indices, in registration order

    @property
    def class_name(self) -> str:
        return self.component.class_name if self.component else "Shared"


@dataclass(frozen=True)
class Deferred:
    """A value a unit reads from a unit created after it (two groups that read each other)."""

    reader: str
    owner: int
    attribute: str | None  # None: the resource itself (a depends_on)
    name: str


@dataclass
class Program:
    tree: Tree
    plan: Plan
    units: dict[str, Unit]
    order: list[str]
    home: dict[int, str]
    variables: dict[int, str]
    deferred: dict[tuple[str, int, str | None], Deferred]
    reads: dict[str, set[str]]  # unit -> the earlier units it reads

    def unit_index(self, name: str) -> int:
        return self.order.index(name)


def emit_program(tree: Tree, plan: Plan, *, header: str) -> dict[str, str]:
    """File name -> text (unformatted) of the program's modules."""
    program = _program(tree, plan)
    files = {f"{name}.py": _unit_module(program, program.units[name], header) for name in program.order}
    files["__main__.py"] = _main_module(program, header)
    return files


# --- structure ------------------------------------------------------------------------------------


def _program(tree: Tree, plan: Plan) -> Program:
    home = _homes(tree)
    units: dict[str, Unit] = {}
    for node in tree.nodes:
        if isinstance(node, ResourceNode) and not node.custom and node.parent is None:
            units[node.name] = Unit(name=_identifier(node.name), component=node)
    for index, unit_name in sorted(home.items()):
        if not _is_component(tree.nodes[index]):
            units.setdefault(unit_name, Unit(name=unit_name, component=None)).members.append(index)
    edges = _unit_edges(tree, home)
    order = _unit_order(list(units), edges)
    variables = _variables(tree)
    program = Program(tree=tree, plan=plan, units=units, order=order, home=home, variables=variables,
                      deferred={}, reads=defaultdict(set))
    deferred_names: dict[tuple[int, str | None], str] = {}  # one name per resource attribute, never shared
    taken: set[str] = set()
    for reader, owner, attribute in _cross_reads(tree, home):
        owner_unit = home[owner]
        if program.unit_index(owner_unit) < program.unit_index(reader):
            program.reads[reader].add(owner_unit)
            continue
        if (owner, attribute) not in deferred_names:
            base = f"{owner_unit}_{variables[owner]}" + (f"_{attribute}" if attribute else "")
            deferred_names[(owner, attribute)] = name = _unused_name(base, taken)
            taken.add(name)
        program.deferred.setdefault((reader, owner, attribute), Deferred(
            reader=reader, owner=owner, attribute=attribute, name=deferred_names[(owner, attribute)]))
    return program


def _unused_name(base: str, taken: set[str]) -> str:
    """`base`, or `base_2`, `base_3`... the first not in `taken` (`db` + `private_ip` and `db_private` + `ip`)."""
    return next(name for name in (base, *(f"{base}_{n}" for n in range(2, len(taken) + 3))) if name not in taken)


def _is_component(node: ResourceNode | InvokeNode) -> bool:
    return isinstance(node, ResourceNode) and not node.custom


def _homes(tree: Tree) -> dict[int, str]:
    """Node index -> the unit it is written in: its group component, `shared`, or (an invoke) its first reader's."""
    home: dict[int, str] = {}
    for node in tree.nodes:
        if isinstance(node, ResourceNode):
            home[node.index] = _component_of(tree, node)
    read = {node.index: owners(_values_of(node)) for node in tree.nodes}  # once per node, not once per invoke
    for node in tree.nodes:
        if isinstance(node, InvokeNode):
            readers = [index for index, owned in read.items() if node.index in owned]
            home[node.index] = home[readers[0]] if readers else SHARED
    return home


def _component_of(tree: Tree, node: ResourceNode) -> str:
    current: ResourceNode | None = node
    while current is not None:
        if not current.custom:
            return _identifier(current.name)
        parent = tree.nodes[current.parent] if current.parent is not None else None
        current = parent if isinstance(parent, ResourceNode) else None
    return SHARED


def _values_of(node: ResourceNode | InvokeNode) -> Any:
    return node.inputs if isinstance(node, ResourceNode) else node.arguments


def _explicit_dependencies(node: ResourceNode) -> list[int]:
    """The node's dependencies that no input reference implies (its `depends_on=`)."""
    implied = owners(node.inputs)
    return [dependency for dependency in node.depends_on if dependency not in implied]


def _cross_reads(tree: Tree, home: dict[int, str]) -> Iterator[tuple[str, int, str | None]]:
    """(reader unit, owner node, attribute or None for the resource) for every read across units."""
    for node in tree.nodes:
        if _is_component(node):
            continue
        reader = home[node.index]
        for ref in refs(_values_of(node)):
            if home[ref.owner] != reader:
                yield reader, ref.owner, ref.attribute
        if isinstance(node, ResourceNode):
            for owner in [*_explicit_dependencies(node), *([node.provider] if node.provider is not None else []),
                          *([node.parent] if node.parent is not None and not _is_component(tree.nodes[node.parent])
                            else [])]:
                if home[owner] != reader:
                    yield reader, owner, None
        elif node.provider is not None and home[node.provider] != reader:
            yield reader, node.provider, None


def _unit_edges(tree: Tree, home: dict[int, str]) -> dict[str, dict[str, int]]:
    edges: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for reader, owner, _ in _cross_reads(tree, home):
        edges[reader][home[owner]] += 1
    return edges


def _unit_order(names: list[str], edges: dict[str, dict[str, int]]) -> list[str]:
    """Units in an order where each reads only earlier ones, except inside a cycle (fewest back reads there)."""
    components = _strongly_connected(names, edges)
    order: list[str] = []
    for cycle in components:
        if len(cycle) <= MAX_PERMUTED_CYCLE:
            best = min(permutations(sorted(cycle)), key=lambda candidate: (_back_reads(list(candidate), edges), candidate))
            order.extend(best)
        else:
            order.extend(sorted(cycle))
    return order


def _back_reads(order: list[str], edges: dict[str, dict[str, int]]) -> int:
    position = {name: index for index, name in enumerate(order)}
    return sum(count for reader, owners in edges.items() if reader in position
               for owner, count in owners.items() if owner in position and position[owner] > position[reader])


def _strongly_connected(names: list[str], edges: dict[str, dict[str, int]]) -> list[list[str]]:
    """Tarjan's algorithm; components in dependency order (what a unit reads comes first)."""
    index_of: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(name: str) -> None:
        index_of[name] = low[name] = len(index_of)
        stack.append(name)
        on_stack.add(name)
        for owner in sorted(edges.get(name, {})):
            if owner not in index_of:
                visit(owner)
                low[name] = min(low[name], low[owner])
            elif owner in on_stack:
                low[name] = min(low[name], index_of[owner])
        if low[name] == index_of[name]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == name:
                    break
            found.append(component)

    for name in sorted(names, key=lambda unit: (unit != SHARED, unit)):
        if name not in index_of:
            visit(name)
    return found


def _variables(tree: Tree) -> dict[int, str]:
    """Node index -> a unique Python identifier made from its logical name (or its invoke)."""
    taken: set[str] = set()
    names: dict[int, str] = {}
    counters: dict[str, int] = defaultdict(int)
    for node in tree.nodes:
        if isinstance(node, ResourceNode):
            base = _identifier(node.name)
            if base in taken:
                base = f"{base}_{_identifier(snake_case(node.class_name))}"
        else:
            short = node.function.removeprefix("get_").removesuffix("_output")
            counters[short] += 1
            base = f"{short}_lookup_{counters[short]}"
        candidate, suffix = base, 2
        while candidate in taken:
            candidate, suffix = f"{base}_{suffix}", suffix + 1
        taken.add(candidate)
        names[node.index] = candidate
    return names


def _identifier(name: str) -> str:
    text = re.sub(r"\W+", "_", name).strip("_").lower() or "resource"
    if text[0].isdigit():
        text = f"r_{text}"
    return f"{text}_" if keyword.iskeyword(text) else text


# --- expressions ----------------------------------------------------------------------------------


@dataclass
class Scope:
    """Where an expression is written: a unit's class (`self.`), or `__main__` (unit variables)."""

    program: Program
    unit: str | None  # None: __main__
    imports: set[str] = field(default_factory=set)  # packages used: gcp, aws, random, derived

    def node(self, owner: int, attribute: str | None) -> str:
        """The expression of a node (or its attribute) from this scope."""
        program = self.program
        owner_unit = program.home[owner]
        variable = program.variables[owner]
        suffix = f".{attribute}" if attribute else ""
        if self.unit is None:
            return f"{owner_unit}.{variable}{suffix}"
        if owner_unit == self.unit:
            return f"self.{variable}{suffix}"
        deferred = program.deferred.get((self.unit, owner, attribute))
        if deferred is not None:
            return f"args.{deferred.name}"
        return f"args.{owner_unit}.{variable}{suffix}"


def expression(value: Any, scope: Scope) -> str:
    """Python source of a recorded value."""
    if isinstance(value, Ref):
        return scope.node(value.owner, value.attribute)
    if isinstance(value, ConfigRef):
        return f"pulumi.Config({_string(value.namespace)}).require({_string(value.key)})"
    if isinstance(value, JsonText):
        return f"pulumi.Output.json_dumps({expression(value.document, scope)})"
    if isinstance(value, Template):
        return f"pulumi.Output.concat({', '.join(expression(part, scope) for part in value.parts)})"
    if isinstance(value, Secret):
        return f"pulumi.Output.secret({expression(value.value, scope)})"
    if isinstance(value, Derived):
        scope.imports.add(DERIVED_MODULE)
        arguments = [f"{DERIVED_MODULE}.{value.function}", *(expression(entry, scope) for entry in value.inputs),
                     *(f"{key}={expression(entry, scope)}" for key, entry in value.constants.items())]
        return f"{DERIVED_MODULE}.derive({', '.join(arguments)})"
    if isinstance(value, Asset):
        return f"pulumi.{ASSET_CLASSES[value.kind]}({_string(value.value)})"
    if isinstance(value, Archive):
        return f"pulumi.AssetArchive({expression(value.assets, scope)})"
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return f"[{', '.join(expression(entry, scope) for entry in value)}]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_string(str(key))}: {expression(entry, scope)}" for key, entry in value.items()) + "}"
    raise TypeError(f"cannot print a {type(value).__name__} as code")


def _string(text: str) -> str:
    """A double-quoted Python string literal of exactly `text`: printable characters as they are (é, 日本, 𐀀),
    every other one by Python's own escape (newlines, controls, bidi marks, a lone surrogate). Not JSON's
    escapes: JSON writes 𐀀 as the pair \\ud800\\udc00, which Python reads as two lone surrogates."""
    return '"' + "".join(_literal_character(character) for character in text) + '"'


def _literal_character(character: str) -> str:
    if character in STRING_ESCAPES:
        return STRING_ESCAPES[character]
    return character if character.isprintable() else repr(character)[1:-1]


def _comment(text: str) -> str:
    line = _comment_text(text)
    return line if len(line) <= COMMENT_MAX else line[: COMMENT_MAX - 1] + "…"


def _comment_text(text: str) -> str:
    """`text` safe in a comment: control and bidi characters as spaces; a lone surrogate (no UTF-8 holds one) as
    its escape."""
    return CONTROL.sub(" ", text.encode("utf-8", "backslashreplace").decode("utf-8")).strip()


# --- statements -----------------------------------------------------------------------------------


def _resource_statement(node: ResourceNode, scope: Scope) -> str:
    package = node.module.split(".")[0]
    scope.imports.add(package)
    arguments = [_string(node.name)]
    arguments += [f"{name}={expression(value, scope)}" for name, value in sorted(node.inputs.items())]
    options = _options(node, scope)
    if options:
        arguments.append(f"opts=pulumi.ResourceOptions({', '.join(options)})")
    target = f"self.{scope.program.variables[node.index]}"
    return f"{target} = {node.module}.{node.class_name}({', '.join(arguments)},)"


def _options(node: ResourceNode, scope: Scope) -> list[str]:
    tree = scope.program.tree
    options: list[str] = []
    if node.parent is not None:
        parent = tree.nodes[node.parent]
        options.append("parent=self" if _is_component(parent) and scope.program.home[node.index] == _identifier(
            parent.name) else f"parent={scope.node(node.parent, None)}")
    dependencies = _explicit_dependencies(node)
    if dependencies:
        options.append(f"depends_on=[{', '.join(scope.node(owner, None) for owner in dependencies)}]")
    if node.provider is not None:
        options.append(f"provider={scope.node(node.provider, None)}")
    options += [f"{name}={expression(value, scope)}" for name, value in sorted(node.options.items())]
    return options


def _invoke_statement(node: InvokeNode, scope: Scope) -> str:
    scope.imports.add(node.module.split(".")[0])
    arguments = [f"{name}={expression(value, scope)}" for name, value in sorted(node.arguments.items())]
    if node.provider is not None:
        arguments.append(f"opts=pulumi.InvokeOutputOptions(provider={scope.node(node.provider, None)})")
    return f"self.{scope.program.variables[node.index]} = {node.module}.{node.function}({', '.join(arguments)})"


def _item_of(plan: Plan, name: str) -> PlanItem | None:
    """The plan item whose builder made the resource named `name` (its id, or the longest id it starts with)."""
    matches = [item for item in plan.items if name == item.id or name.startswith(f"{item.id}-")]
    return max(matches, key=lambda item: len(item.id)) if matches else None


def _source_comment(plan: Plan, node: ResourceNode, described: set[str]) -> list[str]:
    item = _item_of(plan, node.name)
    if item is None or item.id in described:
        return []
    described.add(item.id)
    source = item.source
    where = f" ({source.region})" if source.region else ""
    lines = [f"# {item.kind} {item.id}: from AWS {source.key} {source.name!r}{where}"]
    lines += [f"# note: {note}" for note in item.notes]
    return [wrapped for line in lines for wrapped in _comment_lines(line)]


def _comment_lines(line: str) -> list[str]:
    """`line` as comment lines of at most COMMENT_MAX characters, wrapped (indented continuations), never cut
    short below COMMENT_MAX_LINES lines."""
    text = _comment_text(line.removeprefix("# "))
    wrapped = textwrap.wrap(text, width=COMMENT_MAX, subsequent_indent="  ", break_on_hyphens=False) or [""]
    if len(wrapped) > COMMENT_MAX_LINES:
        wrapped = [*wrapped[: COMMENT_MAX_LINES - 1], wrapped[COMMENT_MAX_LINES - 1][: COMMENT_MAX - 1] + "…"]
    return [f"# {part}" for part in wrapped]


# --- modules --------------------------------------------------------------------------------------


def _unit_module(program: Program, unit: Unit, header: str) -> str:
    scope = Scope(program=program, unit=unit.name)
    described: set[str] = set()
    body: list[str] = []
    for index in unit.members:
        node = program.tree.nodes[index]
        if isinstance(node, ResourceNode):
            body += _source_comment(program.plan, node, described)
            body.append(_resource_statement(node, scope))
        else:
            body.append(_invoke_statement(node, scope))
    args_fields = _args_fields(program, unit)
    lines = [f'"""{_docstring(program, unit)}\n\n{header}\n"""', "", "from __future__ import annotations", ""]
    lines += _imports(scope, args_fields)
    lines += ["", ""]
    if unit.component is not None:
        lines += _args_class(unit, args_fields) + ["", ""]
        lines += [f"class {unit.class_name}(pulumi.ComponentResource):",
                  f'    """{_comment(_group_title(unit))}"""', "",
                  f"    def __init__(self, name: str, args: {unit.class_name}Args, "
                  "opts: pulumi.ResourceOptions | None = None) -> None:",
                  f"        super().__init__({_string(unit.component.type)}, name, None, opts)"]
        lines += [f"        {line}" for line in body]
        lines += _manual_comments(program.plan, unit.name, indent="        ")
        lines += ["        self.register_outputs({})", ""]
    else:
        signature = f"self, args: {unit.class_name}Args" if args_fields else "self"
        if args_fields:
            lines += _args_class(unit, args_fields) + ["", ""]
        lines += [f"class {unit.class_name}:", '    """The resources outside every group."""', "",
                  f"    def __init__({signature}) -> None:"]
        lines += [f"        {line}" for line in body] or ["        pass"]
        lines.append("")
    return "\n".join(lines)


def _docstring(program: Program, unit: Unit) -> str:
    resources = sum(1 for index in unit.members if isinstance(program.tree.nodes[index], ResourceNode))
    return f"{_group_title(unit)}: {resources} resources."


def _group_title(unit: Unit) -> str:
    if unit.component is None:
        return "Shared: the resources outside every group (APIs the project enables, a provider per region)"
    return f"The {unit.name} group of the plan, as one component"


@dataclass(frozen=True)
class ArgsField:
    name: str
    annotation: str


def _args_fields(program: Program, unit: Unit) -> list[ArgsField]:
    fields = [ArgsField(name=owner, annotation=program.units[owner].class_name)
              for owner in program.order if owner in program.reads.get(unit.name, set())]
    fields += [ArgsField(name=deferred.name, annotation="pulumi.Output[Any]")
               for deferred in sorted(program.deferred.values(), key=lambda entry: entry.name)
               if deferred.reader == unit.name]
    return fields


def _args_class(unit: Unit, fields: list[ArgsField]) -> list[str]:
    lines = ["@dataclass", f"class {unit.class_name}Args:",
             f'    """What {unit.name} reads from the rest of the program."""']
    lines += [f"    {entry.name}: {entry.annotation}" for entry in fields]
    return lines


def _imports(scope: Scope, fields: list[ArgsField]) -> list[str]:
    standard = []
    if fields or scope.program.units[scope.unit or SHARED].component is not None:
        standard.append("from dataclasses import dataclass")
    if any(entry.annotation.startswith("pulumi.Output") for entry in fields):
        standard.append("from typing import Any")
    third = ["import pulumi"] + [f"import {PACKAGE_ALIASES[package]} as {package}"
                                 for package in sorted(scope.imports) if package in PACKAGE_ALIASES]
    first = [f"import {DERIVED_MODULE}"] if DERIVED_MODULE in scope.imports else []
    readers = [entry for entry in fields if not entry.annotation.startswith("pulumi.")]
    first += [f"from {entry.name} import {entry.annotation}" for entry in readers]
    groups = [standard, third, sorted(first)]
    lines: list[str] = []
    for group in groups:
        if group:
            lines += [*group, ""]
    return lines[:-1]


def _manual_comments(plan: Plan, group: str, indent: str) -> list[str]:
    lines: list[str] = []
    for item in plan.items:
        if item.status == "manual" and item.group == group:
            reason = item.manual.reason if item.manual else "no automatic equivalent"
            work = item.manual.work if item.manual else ""
            lines += [f"{indent}{part}" for part in
                      _comment_lines(f"manual: {item.id} ({item.kind}, from AWS {item.source.key}): {reason}")]
            if work:
                lines += [f"{indent}{part}" for part in _comment_lines(f"work: {work}")]
    return lines


def _main_module(program: Program, header: str) -> str:
    scope = Scope(program=program, unit=None)
    lines = [f'"""The program: each group of the plan created in order, and the stack outputs.\n\n{header}\n"""', "",
             "from __future__ import annotations", ""]
    body: list[str] = []
    created: set[str] = set()
    resolved: set[str] = set()
    for name in program.order:
        unit = program.units[name]
        body += _resolved_deferred(program, created, resolved, scope)
        fields = _args_fields(program, unit)
        arguments = ", ".join(f"{entry.name}={entry.name}" for entry in fields)
        if unit.component is not None:
            body.append(f"{name} = {unit.class_name}({_string(unit.component.name)}, {unit.class_name}Args({arguments}))")
        else:
            body.append(f"{name} = {unit.class_name}({unit.class_name}Args({arguments}))" if fields
                        else f"{name} = {unit.class_name}()")
        created.add(name)
    body += _resolved_deferred(program, created, resolved, scope)
    body += [f"pulumi.export({_string(key)}, {expression(value, scope)})" for key, value in program.tree.outputs.items()]
    # One deferred value per resource attribute, however many units read it.
    deferred_lines = [f"{name}, resolve_{name} = pulumi.deferred_output()"
                      for name in sorted({entry.name for entry in program.deferred.values()})]
    third = ["import pulumi"] + [f"import {PACKAGE_ALIASES[package]} as {package}"
                                 for package in sorted(scope.imports) if package in PACKAGE_ALIASES]
    imports = [f"from {name} import {program.units[name].class_name}" + (
        f", {program.units[name].class_name}Args" if program.units[name].component is not None
        or _args_fields(program, program.units[name]) else "") for name in sorted(program.order)]
    if DERIVED_MODULE in scope.imports:
        imports = sorted([*imports, f"import {DERIVED_MODULE}"])
    lines += [*third, "", *imports, "", ""]
    if deferred_lines:
        lines += ["# Groups that read each other: what the earlier one reads of the later one, resolved after it.",
                  *deferred_lines, ""]
    lines += body
    lines += _manual_comments_outside_groups(program)
    return "\n".join(lines) + "\n"


def _resolved_deferred(program: Program, created: set[str], resolved: set[str], scope: Scope) -> list[str]:
    """`resolve_<value>(...)` for each deferred value whose unit now exists (once each)."""
    lines = []
    for entry in sorted(program.deferred.values(), key=lambda entry: entry.name):
        if program.home[entry.owner] in created and entry.name not in resolved:
            value = scope.node(entry.owner, entry.attribute)
            if entry.attribute is None:
                value = f"pulumi.Output.from_input({value})"
            lines.append(f"resolve_{entry.name}({value})")
            resolved.add(entry.name)
    return lines


def _manual_comments_outside_groups(program: Program) -> list[str]:
    built_groups = {unit.name for unit in program.units.values() if unit.component is not None}
    groups = sorted({item.group for item in program.plan.items if item.status == "manual"} - built_groups)
    lines: list[str] = []
    for group in groups:
        lines += _manual_comments(program.plan, group, indent="")
    return ([""] + lines) if lines else []


def used_packages(files: Iterable[str]) -> set[str]:
    """The provider packages the program imports (for requirements.txt)."""
    found = set()
    for text in files:
        found.update(package for package, module in PACKAGE_ALIASES.items() if f"import {module} as" in text)
    return found
